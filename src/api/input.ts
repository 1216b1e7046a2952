/** Strings → the TemplateSource the core reviews (pure): a bundle given as text, or provider template JSON. */
import type { PartSource, TemplateSource } from '../core/source.js';
import type { Part, Provider } from '../core/types.js';
import { parseProviderTemplate } from '../parse/provider.js';

/** A template bundle as strings: the HTML (or MJML) and its optional parts. */
export interface TemplateInput {
  /** Template name; parts are named `<name>.html`, `<name>.txt`, ... in findings (default `template`). */
  name?: string;
  /** The HTML part (HTML with Handlebars or other merge tags). */
  html?: string;
  /** The MJML source (instead of `html`). */
  mjml?: string;
  /** The plain-text part. */
  text?: string;
  /** The subject line (it may hold merge tags). */
  subject?: string;
  /** TemplateData: an object or array of samples, or its JSON text (then findings point into that text). */
  data?: unknown;
  /** JSON Schema of the TemplateData: an object, or its JSON text. */
  schema?: unknown;
  /** What a `<name>.meta.json` holds (category, locale, subject, ...): an object, or its JSON text. */
  meta?: Record<string, unknown> | string;
  /** The sending provider, whose merge-tag syntax and limits apply (meta.provider). */
  provider?: Provider;
  /** Profile to review with (meta.profile), unless the Reviewer was given one. */
  profile?: string;
}

/** Provider template JSON as the provider stores it: AWS SES v1, SESv2 or Tencent Cloud SES. */
export interface ProviderJsonInput {
  /** The JSON text; findings in its parts are located in this text. */
  json: string;
  /** Shown as the report's path (default `<TemplateName>.json`). */
  path?: string;
  /** TemplateData and meta, as in TemplateInput. */
  data?: unknown;
  meta?: Record<string, unknown> | string;
  profile?: string;
  /**
   * 'file' (default): findings are located in `json`. 'parts': each part is a file of its own
   * (`<path>#Template.HtmlPart`), for JSON re-serialised from a parsed object.
   */
  locate?: 'file' | 'parts';
}

const part = (p: Part, path: string, text: string): PartSource => ({ part: p, path, text });
const jsonText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

/** meta as JSON text, with provider and profile merged in (an object) or appended (text that parses). */
function metaText(meta: TemplateInput['meta'], extra: Record<string, unknown>): string | undefined {
  if (!Object.keys(extra).length) return meta === undefined ? undefined : jsonText(meta);
  if (typeof meta === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(meta);
    } catch {
      return meta; // reviewed as written: syntax/invalid-meta locates the error
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return meta;
    return jsonText({ ...parsed, ...extra });
  }
  return jsonText({ ...(meta ?? {}), ...extra });
}

function sidecars(src: TemplateSource, name: string, input: { data?: unknown; schema?: unknown; meta?: TemplateInput['meta'] }, extra: Record<string, unknown>): void {
  if (input.data !== undefined) src.data = part('data', `${name}.data.json`, jsonText(input.data));
  if (input.schema !== undefined) src.schema = part('schema', `${name}.schema.json`, jsonText(input.schema));
  const meta = metaText(input.meta, extra);
  if (meta !== undefined) src.meta = part('meta', `${name}.meta.json`, meta);
}

/** The source of a bundle given as strings. Throws TypeError when it has no HTML, MJML or text. */
export function templateSource(input: TemplateInput): TemplateSource {
  if (input.html === undefined && input.mjml === undefined && input.text === undefined) throw new TypeError('a template needs html, mjml or text');
  const name = input.name || 'template';
  const main: 'html' | 'mjml' | 'text' = input.mjml !== undefined ? 'mjml' : input.html !== undefined ? 'html' : 'text';
  const src: TemplateSource = { name, path: `${name}.${main === 'text' ? 'txt' : main}`, kind: main, origin: 'api', loadIssues: [] };
  const primary = input.mjml ?? input.html;
  if (primary !== undefined) src.html = part('html', src.path, primary);
  if (input.text !== undefined) src.text = part('text', `${name}.txt`, input.text);
  if (input.subject !== undefined) src.subject = part('subject', `${name}.subject`, input.subject);
  sidecars(src, name, input, { ...(input.provider ? { provider: input.provider } : {}), ...(input.profile ? { profile: input.profile } : {}) });
  return src;
}

/** The source of provider template JSON. Throws TypeError when the JSON is not a provider template. */
export function providerSource(input: ProviderJsonInput): TemplateSource {
  const probe = parseProviderTemplate(input.json, { path: input.path ?? 'template.json', name: 'template' });
  if (!probe) throw new TypeError('not an AWS SES (v1 or v2) or Tencent Cloud SES template: expected Template.HtmlPart, TemplateContent.Html or their text parts');
  const name = probe.name || 'template';
  const src = input.path === undefined || input.locate === 'parts' ? parseProviderTemplate(input.json, { path: input.path ?? `${name}.json`, name, ...(input.locate ? { locate: input.locate } : {}) })! : probe;
  src.name = name;
  sidecars(src, name, input, { provider: src.origin === 'tencent' ? 'tencent' : 'aws', ...(input.profile ? { profile: input.profile } : {}) });
  return src;
}
