/**
 * The one place where the service meets the review engine. Until the library API (issue 15) lands this
 * wraps `Engine` from src/node/engine.ts; re-point these few functions at the library API and nothing
 * else in src/service changes.
 *
 * - `sourceFromBody`: an API body (a bundle, or AWS SES v1/v2 or Tencent Cloud SES template JSON as is)
 *   → the TemplateSource the core reviews. Pure: the body was parsed and validated by the API.
 * - `createReviewer`: one Engine per thread; `review(source, profile)` → the stored result (the report
 *   without the parse tree, and each TemplateData sample rendered for the review page).
 */
import { Engine, VERSION } from '../node/engine.js';
import { renderSamples } from '../analysis/render.js';
import { createProbePort, type ProbeRunner } from '../probe/port.js';
import { createPackReader } from '../node/packs.js';
import type { PartSource, TemplateSource } from '../core/source.js';
import type { Part, Report } from '../core/types.js';

export { VERSION };

/** The JSON bundle of `POST /v1/reviews` (validated against the OpenAPI schema before it gets here). */
export interface BundleBody {
  name?: string;
  html?: string;
  mjml?: string;
  text?: string;
  subject?: string;
  data?: unknown;
  schema?: unknown;
  meta?: Record<string, unknown>;
  profile?: string;
}

export type BodyKind = 'bundle' | 'aws' | 'tencent';

/** Which of the accepted shapes a body is; undefined when it is none of them. */
export function bodyKind(body: unknown): BodyKind | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  if ('html' in b || 'mjml' in b || 'text' in b) return 'bundle';
  if (isObject(b.Template) || 'HtmlPart' in b || 'TextPart' in b || 'SubjectPart' in b) return 'aws';
  if (isObject(b.TemplateContent)) return tencentContent(b.TemplateContent) ? 'tencent' : 'aws';
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * AWS SES v2 and Tencent Cloud SES both name the parts `TemplateContent.{Html,Text}`: Tencent's are base64
 * and it has no `Subject` there (the subject is sent with each email); AWS v2's are the text itself.
 */
function tencentContent(c: Record<string, unknown>): boolean {
  if ('Subject' in c) return false;
  const parts = [c.Html, c.Text].filter((v) => v !== undefined);
  return parts.length > 0 && parts.every((v) => typeof v === 'string' && BASE64.test(v) && v.trim().length > 0);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const part = (p: Part, path: string, text: string): PartSource => ({ part: p, path, text });
const json = (v: unknown): string => JSON.stringify(v, null, 2);

/** The template source for an API body. `profile` (the request's) is written into meta, where the engine reads it. */
export function sourceFromBody(body: Record<string, unknown>, kind: BodyKind, profile?: string): TemplateSource {
  if (kind === 'bundle') {
    const b = body as BundleBody;
    const name = b.name ?? 'template';
    const main: 'html' | 'mjml' | 'text' = b.mjml !== undefined ? 'mjml' : b.html !== undefined ? 'html' : 'text';
    const src: TemplateSource = { name, path: `${name}.${main === 'text' ? 'txt' : main}`, kind: main, origin: 'api', loadIssues: [] };
    const primary = b.mjml ?? b.html;
    if (primary !== undefined) src.html = part('html', src.path, primary);
    if (b.text !== undefined) src.text = part('text', `${name}.txt`, b.text);
    if (b.subject !== undefined) src.subject = part('subject', `${name}.subject`, b.subject);
    if (b.data !== undefined) src.data = part('data', `${name}.data.json`, json(b.data));
    if (b.schema !== undefined) src.schema = part('schema', `${name}.schema.json`, json(b.schema));
    const meta = { ...(b.meta ?? {}), ...(profile ? { profile } : {}) };
    if (Object.keys(meta).length) src.meta = part('meta', `${name}.meta.json`, json(meta));
    return src;
  }
  const root = kind === 'aws' && isObject(body.Template) ? body.Template : body;
  const name = typeof root.TemplateName === 'string' && root.TemplateName ? root.TemplateName : 'template';
  const src: TemplateSource = { name, path: `${name}.json`, kind: 'html', origin: kind, loadIssues: [] };
  const content = isObject(root.TemplateContent) ? root.TemplateContent : undefined;
  if (kind === 'aws') {
    const html = content ? content.Html : root.HtmlPart;
    const text = content ? content.Text : root.TextPart;
    const subject = content ? content.Subject : root.SubjectPart;
    const at = content ? 'TemplateContent.' : root === body ? '' : 'Template.';
    if (typeof html === 'string') src.html = part('html', `${src.path}#${at}${content ? 'Html' : 'HtmlPart'}`, html);
    if (typeof text === 'string') src.text = part('text', `${src.path}#${at}${content ? 'Text' : 'TextPart'}`, text);
    if (typeof subject === 'string') src.subject = part('subject', `${src.path}#${at}${content ? 'Subject' : 'SubjectPart'}`, subject);
    if (!src.html && !src.text) src.loadIssues!.push({ kind: 'invalid-provider-json', part: 'html', path: src.path, message: 'The AWS SES template has neither an HTML nor a text part.', span: { start: 0, end: 0 } });
  } else {
    for (const [key, p] of [['Html', 'html'], ['Text', 'text']] as const) {
      const b64 = content?.[key];
      if (typeof b64 !== 'string') continue;
      // Positions in decoded base64 cannot map back into the JSON: findings point into the decoded part.
      const text = Buffer.from(b64, 'base64').toString('utf8');
      src[p] = part(p, `${src.path}#TemplateContent.${key}`, text);
    }
    if (typeof root.Subject === 'string') src.subject = part('subject', `${src.path}#Subject`, root.Subject);
  }
  if (isObject(body.TemplateData) || Array.isArray(body.TemplateData)) src.data = part('data', `${name}.data.json`, json(body.TemplateData));
  else if (typeof body.TemplateData === 'string') src.data = part('data', `${name}.data.json`, body.TemplateData);
  const meta = { provider: kind, ...(profile ? { profile } : {}) };
  src.meta = part('meta', `${name}.meta.json`, json(meta));
  return src;
}

/** One sample rendered for the review page. */
export interface Preview {
  index: number;
  subject?: string;
  html?: string;
  text?: string;
  error?: string;
}

/** What a finished review stores: the report, its previews, and rule failures (internal errors). */
export interface ReviewOutput {
  report: Report;
  previews: Preview[];
  internalErrors: { ruleId: string; message: string }[];
  reviewMs: number;
}

export interface ReviewerOptions {
  /** Probe images and links (the service's --check-urls). Always through the SSRF guard. */
  checkUrls?: boolean;
  /** Let probes reach private and loopback addresses (operator's choice; tests). */
  allowPrivateHosts?: boolean;
}

export interface Reviewer {
  review(source: TemplateSource): Promise<ReviewOutput>;
  /** True when `name` is a bundled profile (core, isp/gmail, ...). */
  hasProfile(name: string): boolean;
  close(): Promise<void>;
}

const MAX_PREVIEWS = 20;

export function createReviewer(options: ReviewerOptions = {}): Reviewer {
  const settings: Record<string, unknown> = {};
  if (options.checkUrls) settings.checkUrls = true;
  if (options.allowPrivateHosts) settings.allowPrivateHosts = true;
  // No config file: the service reviews what it is sent, with the profile the request names.
  const engine = new Engine({ configPath: null, settings });
  let probe: ProbeRunner | undefined;
  if (options.checkUrls) {
    probe = createProbePort({ allowPrivateHosts: options.allowPrivateHosts === true });
    engine.useProbe(probe);
  }
  return {
    async review(source) {
      const t0 = performance.now();
      const r = await engine.review(source);
      const { doc, internalErrors, ...report } = r;
      const previews: Preview[] = renderSamples(doc)
        .slice(0, MAX_PREVIEWS)
        .map((s) => {
          const errors = [s.subject?.error, s.html?.error, s.text?.error].filter(Boolean);
          return {
            index: s.index,
            ...(s.subject?.output !== undefined ? { subject: s.subject.output } : {}),
            ...(s.html?.output !== undefined ? { html: s.html.output } : {}),
            ...(s.text?.output !== undefined ? { text: s.text.output } : {}),
            ...(errors.length ? { error: errors.join('; ') } : {}),
          };
        });
      // No sample: still show the template itself (its variables left as written).
      if (previews.length === 0 && (source.html || source.text)) {
        previews.push({ index: 0, ...(doc.html ? { html: doc.html.outputHtml || doc.html.text } : {}), ...(source.text ? { text: source.text.text } : {}) });
      }
      return { report, previews, internalErrors, reviewMs: performance.now() - t0 };
    },
    hasProfile: (name) => {
      try {
        return !!engine.reader.pack(name);
      } catch {
        return false;
      }
    },
    close: async () => {
      await probe?.close();
    },
  };
}

/** Whether a profile name is bundled (for validating requests in the API process, without an Engine). */
export function createProfileCheck(): (name: string) => boolean {
  const reader = createPackReader();
  return (name) => {
    try {
      return !!reader.pack(name);
    } catch {
      return false;
    }
  };
}
