/**
 * Provider-native template JSON → a TemplateSource, from a string (pure: hosts read the file or take the
 * request body). Three formats:
 * - AWS SES v1 (`CreateTemplate`): `{Template: {TemplateName, SubjectPart, HtmlPart, TextPart}}`, or the
 *   same keys at the top level;
 * - AWS SESv2 (`CreateEmailTemplate`): `{TemplateName, TemplateContent: {Subject, Html, Text}}`, plain strings;
 * - Tencent Cloud SES: `{TemplateName, TemplateContent: {Html, Text}}` in base64, no subject (it is given
 *   with each email; a top-level `Subject` is read when present).
 * Parts are located in the JSON text (an offset map per string), so findings land on the file's lines;
 * Tencent's base64 parts are located at their JSON value and name the decoded line in the message.
 */
import type { PartSource, TemplateSource } from '../core/source.js';
import { parseJson, jsonStringPart, spanAt, isPlainObject, type JsonDoc } from './json.js';
import { decode } from './decode.js';

export type ProviderFormat = 'aws-v1' | 'aws-v2' | 'tencent';

/** A JSON text that names a provider template key: worth reporting when it does not parse. */
const TEMPLATE_KEYS = /"(TemplateName|HtmlPart|SubjectPart|TextPart|TemplateContent)"/;
// Base64 with spaces and line breaks, `=` padding, trailing spaces. Written so that the class (which holds \s)
// and the trailing \s* cannot split a run of spaces between them: that read a run of spaces before a stray
// character from each of its characters (40,000 spaces: 4.6 s).
const BASE64 = /^[A-Za-z0-9+/\s]*(?:={1,2}\s*)?$/;

interface Keys {
  html: string;
  text: string;
  subject: string;
  prefix?: string;
}
const V1_KEYS: Keys = { html: 'HtmlPart', text: 'TextPart', subject: 'SubjectPart' };
const V2_KEYS: Keys = { html: 'Html', text: 'Text', subject: 'Subject', prefix: 'TemplateContent.' };

/** Which provider format a parsed JSON value is, or undefined when it is not a provider template. */
export function providerFormat(value: unknown): ProviderFormat | undefined {
  if (!isPlainObject(value)) return undefined;
  if (isPlainObject(value.Template) || 'HtmlPart' in value || 'SubjectPart' in value || 'TextPart' in value) return 'aws-v1';
  const tc = value.TemplateContent;
  if (!isPlainObject(tc)) return undefined;
  // AWS SESv2 and Tencent both name the parts TemplateContent.Html/Text. HTML and text have '<' or spaces,
  // base64 never has either (wrapped base64 breaks lines, with no spaces), so a broken base64 value is
  // still Tencent's; a Subject there is AWS's (Tencent takes the subject at send time).
  const plain = (x: unknown) => typeof x === 'string' && /[< ]/.test(x.trim());
  return 'Subject' in tc || plain(tc.Html) || plain(tc.Text) ? 'aws-v2' : 'tencent';
}

export interface ProviderParseOptions {
  /** Display path of the JSON file (or `<name>.json` for a request body): where findings point. */
  path: string;
  /** Template name when the JSON has no TemplateName (the file's base name). */
  name: string;
  /**
   * 'file' (default): parts are located in the JSON text. 'parts': each part is a file of its own, named
   * `<path>#<key>` (Tencent's decoded), for hosts whose JSON text is not what the user wrote (a request body
   * parsed before it got here).
   */
  locate?: 'file' | 'parts';
}

/**
 * Parse provider template JSON. Undefined when the text is not a provider template (other JSON, or broken
 * JSON that names none of the template keys); broken template JSON is a source with a located load issue.
 */
export function parseProviderTemplate(text: string, options: ProviderParseOptions): TemplateSource | undefined {
  const json = parseJson(text);
  const { path: shown, name } = options;
  if (json.errors.length) {
    if (!TEMPLATE_KEYS.test(text)) return undefined;
    const e = json.errors[0]!;
    return {
      name,
      path: shown,
      kind: 'html',
      origin: 'aws',
      loadIssues: [{ kind: 'invalid-provider-json', part: 'html', path: shown, message: `Invalid provider template JSON: ${e.message}.`, span: e.span, fileText: text }],
    };
  }
  const format = providerFormat(json.value);
  if (!format) return undefined;
  const src = format === 'tencent' ? tencentTemplate(json, name, shown) : awsTemplate(json, format, name, shown);
  if (options.locate === 'parts') standalone(src, format, json.value as Record<string, unknown>);
  return src;
}

/** AWS SES v1 (`{Template: {SubjectPart, HtmlPart, TextPart}}` or flat) and SESv2 (`{TemplateContent: {Subject, Html, Text}}`). */
function awsTemplate(json: JsonDoc, format: 'aws-v1' | 'aws-v2', name: string, shown: string): TemplateSource {
  const root = json.value as Record<string, any>;
  const keys = format === 'aws-v2' ? V2_KEYS : V1_KEYS;
  const base = format === 'aws-v2' ? ['TemplateContent'] : isPlainObject(root.Template) ? ['Template'] : [];
  const named = typeof root.TemplateName === 'string' ? root.TemplateName : typeof root.Template?.TemplateName === 'string' ? root.Template.TemplateName : undefined;
  const src: TemplateSource = { name: named ?? name, path: shown, kind: 'html', origin: 'aws', loadIssues: [], providerKeys: { ...keys } };
  const html = jsonStringPart(json, [...base, keys.html], 'html', shown);
  const text = jsonStringPart(json, [...base, keys.text], 'text', shown);
  const subject = jsonStringPart(json, [...base, keys.subject], 'subject', shown);
  if (html) src.html = html;
  if (text) src.text = text;
  if (subject) src.subject = subject;
  if (!html && !text) {
    const where = format === 'aws-v2' ? 'TemplateContent has neither Html nor Text' : 'has neither HtmlPart nor TextPart';
    src.loadIssues!.push({ kind: 'invalid-provider-json', part: 'html', path: shown, message: `The AWS SES template ${where}.`, span: spanAt(json, base), fileText: json.text });
  }
  return src;
}

function tencentTemplate(json: JsonDoc, name: string, shown: string): TemplateSource {
  const v = json.value as Record<string, any>;
  const src: TemplateSource = { name: typeof v.TemplateName === 'string' ? v.TemplateName : name, path: shown, kind: 'html', origin: 'tencent', loadIssues: [] };
  for (const [key, p] of [['Html', 'html'], ['Text', 'text']] as const) {
    const b64 = v.TemplateContent[key];
    if (b64 === undefined) continue;
    const where = `${shown}#TemplateContent.${key}`;
    const value = spanAt(json, ['TemplateContent', key]);
    if (typeof b64 !== 'string' || !BASE64.test(b64)) {
      src.loadIssues!.push({ kind: 'invalid-provider-json', part: p, path: shown, message: `TemplateContent.${key} must be base64-encoded ${key === 'Html' ? 'HTML' : 'text'}.`, span: value, fileText: json.text });
      continue;
    }
    // Offsets in decoded base64 cannot map into the JSON text: findings are located at the JSON value (so
    // annotations land on a line of the file) and name the decoded line and column in their message.
    const r = decode(Buffer.from(b64, 'base64'), p, where);
    if (!r.ok) src.loadIssues!.push({ ...r.issue, path: shown, span: value, fileText: json.text });
    else src[p] = { part: p, path: shown, text: r.text, fileText: json.text, offsetMap: new Int32Array(r.text.length + 1).fill(value.start + 1), encoded: `TemplateContent.${key}` };
  }
  const subject = jsonStringPart(json, ['Subject'], 'subject', shown);
  if (subject) src.subject = subject;
  return src;
}

/** 'parts' locations: each part a file of its own, named by its JSON key. */
function standalone(src: TemplateSource, format: ProviderFormat, root: Record<string, unknown>): void {
  const at = format === 'aws-v2' ? 'TemplateContent.' : format === 'aws-v1' && isPlainObject(root.Template) ? 'Template.' : '';
  const keyOf = (p: 'html' | 'text' | 'subject'): string =>
    format === 'tencent' ? (p === 'subject' ? 'Subject' : `TemplateContent.${p === 'html' ? 'Html' : 'Text'}`) : at + (format === 'aws-v2' ? V2_KEYS : V1_KEYS)[p];
  for (const p of ['html', 'text', 'subject'] as const) {
    const part: PartSource | undefined = src[p];
    if (part) src[p] = { part: p, path: `${src.path}#${keyOf(p)}`, text: part.text };
  }
}
