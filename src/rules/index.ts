/** The rule registry: every built-in rule, in the order they run. */
import type { AnyRule } from '../core/rule.js';
import handlebars from './syntax/handlebars.js';
import mjml from './syntax/mjml.js';
import mjmlDropped from './syntax/mjml-dropped-expression.js';
import unreadable from './syntax/unreadable.js';
import invalidJson from './syntax/invalid-json.js';
import invalidMeta from './syntax/invalid-meta.js';
import noActiveContent from './html/no-active-content.js';
import maxSize from './html/max-size.js';
import requireTitle from './html/require-title.js';
import htmlLang from './accessibility/html-lang.js';
import missingTextPart from './content/missing-text-part.js';
import { subjectMissing, subjectLength } from './content/subject.js';
import dataMissingVariable from './data/missing-variable.js';
import dataEachNotList from './data/each-not-list.js';
import dataObjectPrinted from './data/object-printed.js';
import dataNullPrinted from './data/null-printed.js';
import dataUnusedDataField from './data/unused-data-field.js';
import dataSampleSchema from './data/sample-schema.js';
import dataInvalidSchema from './data/invalid-schema.js';
import dataSchemaUndeclaredVariable from './data/schema-undeclared-variable.js';
import dataSchemaUnusedProperty from './data/schema-unused-property.js';
import dataSchemaRequiredMismatch from './data/schema-required-mismatch.js';
import dataUnescapedOutput from './data/unescaped-output.js';
import dataRenderError from './data/render-error.js';
import dataUnknownHelper from './data/unknown-helper.js';
import dataUnknownPartial from './data/unknown-partial.js';
import dataProviderSyntax from './data/provider-syntax.js';
import dataProviderValues from './data/provider-values.js';
import dataProviderLimits from './data/provider-limits.js';

export const builtinRules: AnyRule[] = [
  unreadable,
  invalidJson,
  invalidMeta,
  handlebars,
  mjml,
  mjmlDropped,
  noActiveContent,
  maxSize,
  requireTitle,
  htmlLang,
  missingTextPart,
  subjectMissing,
  subjectLength,
  dataMissingVariable,
  dataEachNotList,
  dataObjectPrinted,
  dataNullPrinted,
  dataUnusedDataField,
  dataSampleSchema,
  dataInvalidSchema,
  dataSchemaUndeclaredVariable,
  dataSchemaUnusedProperty,
  dataSchemaRequiredMismatch,
  dataUnescapedOutput,
  dataRenderError,
  dataUnknownHelper,
  dataUnknownPartial,
  dataProviderSyntax,
  dataProviderValues,
  dataProviderLimits,
];

export function ruleById(id: string): AnyRule | undefined {
  return builtinRules.find((r) => r.meta.id === id);
}
