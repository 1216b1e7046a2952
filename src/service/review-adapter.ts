/**
 * The one place where the service meets the review engine, through the library API (src/index.ts).
 *
 * - `sourceFromBody`: an API body (a bundle, or AWS SES v1/v2 or Tencent Cloud SES template JSON as is)
 *   → what the library reviews. Pure: the body was parsed and validated by the API.
 * - `createReviewer`: one library Reviewer per thread; `review(target)` → the stored result (the report and
 *   rule failures); `previews(target)` → each TemplateData sample rendered, for the review page, which asks
 *   for them when a reviewer opens a review (they are not stored: see docs/service.md, "Measuring").
 */
import { Reviewer as LibraryReviewer, VERSION, isBundledProfile, providerFormat, type Report, type TemplateInput, type ProviderJsonInput } from '../index.js';
import { providerSource, templateSource } from '../api/input.js';
import { Locator } from '../core/locate.js';

export { VERSION };

/** The JSON bundle of `POST /v1/reviews` (validated against the OpenAPI schema before it gets here). */
export interface BundleBody extends Omit<TemplateInput, 'meta' | 'provider'> {
  meta?: Record<string, unknown>;
}

export type BodyKind = 'bundle' | 'aws' | 'tencent';

/** Which of the accepted shapes a body is; undefined when it is none of them (provider formats: parse/provider.ts). */
export function bodyKind(body: unknown): BodyKind | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  if ('html' in b || 'mjml' in b || 'text' in b) return 'bundle';
  const format = providerFormat(b);
  return format === 'tencent' ? 'tencent' : format ? 'aws' : undefined;
}

/** What the library reviews for a body. */
export type ReviewTarget = { template: TemplateInput } | { providerJson: ProviderJsonInput };

/** The review target for an API body. `profile` (the request's) goes into meta, where the engine reads it. */
export function sourceFromBody(body: Record<string, unknown>, kind: BodyKind, profile?: string): ReviewTarget {
  if (kind === 'bundle') {
    const { name, html, mjml, text, subject, data, schema, meta } = body as BundleBody;
    const template: TemplateInput = { name: name ?? 'template', ...(html !== undefined ? { html } : {}), ...(mjml !== undefined ? { mjml } : {}), ...(text !== undefined ? { text } : {}), ...(subject !== undefined ? { subject } : {}), ...(data !== undefined ? { data } : {}), ...(schema !== undefined ? { schema } : {}), ...(meta !== undefined ? { meta } : {}), ...(profile ? { profile } : {}) };
    return { template };
  }
  const { TemplateData, ...template } = body;
  // The body was parsed before it got here: its parts are files of their own (`<name>.json#Template.HtmlPart`).
  return { providerJson: { json: JSON.stringify(template), locate: 'parts', ...(TemplateData !== undefined ? { data: TemplateData } : {}), ...(profile ? { profile } : {}) } };
}

/**
 * The report as the service stores and answers it: each part's file by its path only. The texts are the
 * submitted body's own (the caller has them; the store keeps the body), and echoing them made a response and a
 * stored result of a 30 KB template ~37 KB instead of ~4 KB. The review page reads them back with bodyFiles.
 */
export function withoutFileTexts(report: Report): Report {
  const files: Report['files'] = {};
  for (const [part, f] of Object.entries(report.files) as [keyof Report['files'], { path: string; text: string }][]) files[part] = { path: f.path } as { path: string; text: string };
  return { ...report, files };
}

/**
 * The files of a stored body as its review read them (the path and text of each part: what findings' lines and
 * columns count in), for code frames. Empty for a body that is not a template.
 */
export function bodyFiles(bodyText: string, profile?: string): Report['files'] {
  let target: ReviewTarget;
  try {
    const body = JSON.parse(bodyText) as Record<string, unknown>;
    const kind = bodyKind(body);
    if (!kind) return {};
    target = sourceFromBody(body, kind, profile);
  } catch {
    return {};
  }
  let src;
  try {
    src = 'template' in target ? templateSource(target.template) : providerSource(target.providerJson);
  } catch {
    return {};
  }
  // Each part's file as the review's own locator gives it (review.ts builds the report's files the same way).
  const locator = new Locator(src);
  const files: Report['files'] = {};
  for (const part of ['meta', 'subject', 'html', 'text', 'data', 'schema'] as const) {
    const f = locator.file(part);
    if (f) files[part] = f;
  }
  return files;
}

/** One sample rendered for the review page. */
export interface Preview {
  index: number;
  subject?: string;
  html?: string;
  text?: string;
  error?: string;
}

/** What a finished review stores: the report and rule failures (internal errors). */
export interface ReviewOutput {
  report: Report;
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
  review(target: ReviewTarget): Promise<ReviewOutput>;
  /** The template rendered with each TemplateData sample (at most 20), or as written when it has none. */
  previews(target: ReviewTarget): Promise<Preview[]>;
  /** True when `name` is a bundled profile (core, isp/gmail, ...). */
  hasProfile(name: string): boolean;
  close(): Promise<void>;
}

const MAX_PREVIEWS = 20;

export function createReviewer(options: ReviewerOptions = {}): Reviewer {
  // No config file: the service reviews what it is sent, with the profile the request names.
  const reviewer = new LibraryReviewer({ config: false, urlCache: false, ...(options.checkUrls ? { checkUrls: true } : {}), ...(options.allowPrivateHosts ? { allowPrivateHosts: true } : {}) });
  return {
    async review(target) {
      const t0 = performance.now();
      const r = (await reviewer.inspect(target))!;
      return { report: r.report, internalErrors: r.ruleFailures, reviewMs: performance.now() - t0 };
    },
    async previews(target) {
      const r = (await reviewer.inspect(target))!;
      const previews: Preview[] = r
        .samples()
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
      const html = r.html();
      const text = r.report.files.text?.text;
      if (previews.length === 0 && (html !== undefined || text !== undefined)) previews.push({ index: 0, ...(html !== undefined ? { html } : {}), ...(text !== undefined ? { text } : {}) });
      return previews;
    },
    hasProfile: isBundledProfile,
    close: () => reviewer.close(),
  };
}

/** Whether a profile name is bundled (for validating requests in the API process, without a Reviewer). */
export function createProfileCheck(): (name: string) => boolean {
  return isBundledProfile;
}
