/** The rule registry: every built-in rule, in the order they run. */
import type { AnyRule } from './rule.js';
import reviewLimits from './syntax/review-limits.js';
import unusedDisable from './syntax/unused-disable.js';
import handlebars from './syntax/handlebars.js';
import mjml from './syntax/mjml.js';
import mjmlDropped from './syntax/mjml-dropped-expression.js';
import mjmlInclude from './syntax/mjml-include.js';
import unreadable from './syntax/unreadable.js';
import invalidJson from './syntax/invalid-json.js';
import invalidMeta from './syntax/invalid-meta.js';
import noActiveContent from './html/no-active-content.js';
import jsonLd from './html/json-ld.js';
import noExternalStylesheet from './html/no-external-stylesheet.js';
import maxSize from './html/max-size.js';
import requireTitle from './html/require-title.js';
import htmlLang from './accessibility/html-lang.js';
import missingTextPart from './content/missing-text-part.js';
import { subjectMissing, subjectLength } from './content/subject.js';
import imagesRequireHttps from './images/require-https.js';
import imagesAbsoluteUrl from './images/absolute-url.js';
import imagesNoDataUri from './images/no-data-uri.js';
import imagesRequireAlt from './images/require-alt.js';
import imagesRequireDimensions from './images/require-dimensions.js';
import imagesMaxCount from './images/max-count.js';
import imagesBroken from './images/broken.js';
import imagesFileSize from './images/file-size.js';
import contentImageOnly from './content/image-only.js';
import linksNoShortener from './links/no-shortener.js';
import linksSharedHosting from './links/shared-hosting.js';
import linksBrandLookalike from './links/brand-lookalike.js';
import linksBrandImpersonation from './links/brand-impersonation.js';
import linksNoIpHost from './links/no-ip-host.js';
import linksNoNonstandardPort from './links/no-nonstandard-port.js';
import linksNoUnsafeScheme from './links/no-unsafe-scheme.js';
import linksTextMismatch from './links/text-mismatch.js';
import linksRequireHttps from './links/require-https.js';
import linksAbsoluteUrl from './links/absolute-url.js';
import linksNoEmptyHref from './links/no-empty-href.js';
import linksDescriptiveText from './links/descriptive-text.js';
import linksBroken from './links/broken.js';
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
import spamPhrases from './content/spam-phrases.js';
import subjectStyle from './content/subject-style.js';
import shouting from './content/shouting.js';
import moneyAmounts from './content/money-amounts.js';
import hiddenText from './content/hidden-text.js';
import textHtmlMismatch from './content/text-html-mismatch.js';
import linkDensity from './content/link-density.js';
import unsubscribe from './compliance/unsubscribe.js';
import postalAddress from './compliance/postal-address.js';
import adLabel from './compliance/ad-label.js';
import minLength from './compliance/min-length.js';
import variableRatio from './compliance/variable-ratio.js';

export const builtinRules: AnyRule[] = [
  // First: review() reports its budget findings through it, so it must run before the time budget can end a review.
  reviewLimits,
  // review() reports unused disable directives through it after the other rules (it checks nothing itself).
  unusedDisable,
  unreadable,
  invalidJson,
  invalidMeta,
  handlebars,
  mjml,
  mjmlDropped,
  mjmlInclude,
  noActiveContent,
  jsonLd,
  noExternalStylesheet,
  maxSize,
  requireTitle,
  htmlLang,
  missingTextPart,
  subjectMissing,
  subjectLength,
  imagesRequireHttps,
  imagesAbsoluteUrl,
  imagesNoDataUri,
  imagesRequireAlt,
  imagesRequireDimensions,
  imagesMaxCount,
  imagesBroken,
  imagesFileSize,
  contentImageOnly,
  linksNoShortener,
  linksSharedHosting,
  linksBrandLookalike,
  linksBrandImpersonation,
  linksNoIpHost,
  linksNoNonstandardPort,
  linksNoUnsafeScheme,
  linksTextMismatch,
  linksRequireHttps,
  linksAbsoluteUrl,
  linksNoEmptyHref,
  linksDescriptiveText,
  linksBroken,
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
  spamPhrases,
  subjectStyle,
  shouting,
  moneyAmounts,
  hiddenText,
  textHtmlMismatch,
  linkDensity,
  unsubscribe,
  postalAddress,
  adLabel,
  minLength,
  variableRatio,
];
