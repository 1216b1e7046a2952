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

export function ruleById(id: string): AnyRule | undefined {
  return builtinRules.find((r) => r.meta.id === id);
}
