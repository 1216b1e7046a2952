/**
 * review(): parse once, run every enabled rule, score, decide. Does no I/O itself; network facts come
 * through the injected ProbePort. The CLI, language server and service all call this.
 */
import type { Edit, Finding, Part, Report, Severity, Span } from '../core/types.js';
import type { TemplateSource } from '../core/source.js';
import type { AnyRule, ReportDescriptor, RuleContext } from '../rules/rule.js';
import type { ProbePort, ProbeResult } from '../core/probe-port.js';
import { kindOf, type ResolvedConfig } from '../config/resolve.js';
import { parseTemplate, type TemplateDoc } from '../analysis/template-doc.js';
import { collectProbeRequests } from '../analysis/urls.js';
import { Locator, fnv1a } from '../core/locate.js';
import type { EngineCaches } from '../core/cache.js';
import { decide } from '../decision/decide.js';
import { extractFeatures, type Features } from '../decision/features.js';
import { limitsOf } from '../core/limits.js';
import { LIMITS_RULE, limitFindings } from '../rules/lib/review-limits.js';
import { UNUSED_DISABLE_RULE } from '../rules/syntax/unused-disable.js';
import { applyDirectives } from './directives.js';

export interface ReviewOptions {
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  /** Network checks; only used when settings.checkUrls is true. */
  probe?: ProbePort;
  /** Settings for this template only (a config's overrides, its asset base URL), over the config's. */
  settings?: Record<string, unknown>;
  /** Compute the risk model's features even without a model (training). */
  features?: boolean;
  /** The engine's caches (core/cache.ts), shared by its reviews; without them each review has its own. */
  caches?: EngineCaches;
}

export interface ReviewResult extends Report {
  /** Rules that threw: the review went on without them; hosts report an internal error. */
  internalErrors: { ruleId: string; message: string }[];
  doc: TemplateDoc;
  /** The risk model's features (when the profile has a model, or options.features). */
  features?: Features;
  /** Milliseconds each rule that ran took (for profiles: the fuzzer and the bench print them). */
  timings: Record<string, number>;
}

const PART_ORDER: Part[] = ['meta', 'subject', 'html', 'text', 'data', 'schema'];

export async function review(input: TemplateSource, options: ReviewOptions): Promise<ReviewResult> {
  const { config, rules } = options;
  // The time budget covers parsing and the rules (not the network checks): parts still to parse when it runs
  // out are not parsed with Handlebars (doc.parseSkipped), and no rule runs after it.
  const budget = limitsOf({ ...config.settings, ...options.settings });
  const parseStart = performance.now();
  const parsing = parseTemplate(input, { maxDomDepth: budget.domDepth, maxExpressions: budget.expressions, renderLimits: budget, deadline: parseStart + budget.reviewMs, ...(options.caches ? { caches: options.caches } : {}) });
  // Parse time as this review's own work: the synchronous part, timed here, and what the parse did after it
  // awaited (doc.parseAsyncMs). While it awaits, the thread may run other reviews (a host reviewing several
  // documents at once on one thread): their work must not use up this review's budget.
  const syncMs = performance.now() - parseStart;
  const doc = await parsing;
  const parseMs = syncMs + doc.parseAsyncMs;
  // doc.source: the template as reviewed (an MJML template's includes put in place).
  const source = doc.source;
  const locator = new Locator(source);

  const settings = { ...config.settings, ...options.settings, ...settingsFromMeta(doc) };
  let probes: Map<string, ProbeResult> | undefined;
  if (options.probe && settings.checkUrls === true) {
    const requests = collectProbeRequests(doc, settings.baseUrl);
    probes = requests.length ? await options.probe.probe(requests) : new Map();
  }

  const findings: Finding[] = [];
  const internalErrors: ReviewResult['internalErrors'] = [];
  const occurrences = new Map<string, number>();
  const list = (name: string) => (config.lists[name] ?? []) as any[];
  const limits = limitsOf(settings);
  const timings: Record<string, number> = {};
  const started = performance.now() - parseMs;
  // Findings past the per-rule budget: how many, and where the first was.
  const overflow = new Map<string, { count: number; part: Part; span: { start: number; end: number } }>();
  const skipped: string[] = [];
  const reporters = new Map<string, (d: ReportDescriptor) => void>();
  for (const rule of rules) {
    const rc = config.rules.get(rule.meta.id);
    if (!rc || rc.severity === 'off') continue;
    if (rule.meta.needsProbes && !probes) continue;
    // syntax/review-limits always runs: it reports the budgets (cheap: one walk of the DOM).
    if (rule.meta.id !== LIMITS_RULE && performance.now() - started > limits.reviewMs) {
      skipped.push(rule.meta.id);
      continue;
    }
    const severity: Severity = rc.severity;
    let reported = 0;
    const ctx: RuleContext<any> = {
      options: rc.options,
      severity,
      profile: config.profile,
      settings,
      list,
      ...(probes ? { probes } : {}),
      report: (d: ReportDescriptor) => {
        if (++reported > limits.findingsPerRule) {
          const o = overflow.get(rule.meta.id);
          if (o) o.count++;
          else overflow.set(rule.meta.id, { count: 1, part: d.part, span: d.span });
          return;
        }
        const sev = d.severity ?? severity;
        const decoded = locator.decodedPosition(d.part, d.span.start);
        const message = visible(rule.messages[d.messageId]?.(d.data ?? {}) ?? d.messageId) + (decoded ? ` [in base64 ${decoded.key}: decoded line ${decoded.line}, column ${decoded.column}]` : '');
        const loc = locator.locate(d.part, d.span);
        const evidence = d.evidence === undefined ? undefined : visible(d.evidence);
        const basis = `${rule.meta.id}|${d.part}|${evidence ?? (locator.partSource(d.part)?.text.slice(d.span.start, d.span.end) ?? '')}`;
        const n = (occurrences.get(basis) ?? 0) + 1;
        occurrences.set(basis, n);
        const f: Finding = {
          ruleId: rule.meta.id,
          messageId: d.messageId,
          category: rule.meta.category,
          severity: sev,
          kind: kindOf(rc, d.messageId, sev),
          message,
          part: d.part,
          ...loc,
          span: fileSpan(locator, d.part, d.span), // only the offsets, whatever object the rule passed
          ...(evidence !== undefined ? { evidence } : {}),
          ...editsOf(locator, d, loc.path),
          fingerprint: fnv1a(`${basis}|${n}`),
        };
        findings.push(f);
      },
    };
    reporters.set(rule.meta.id, ctx.report);
    const t0 = performance.now();
    try {
      rule.check(doc, ctx);
    } catch (e) {
      internalErrors.push({ ruleId: rule.meta.id, message: (e as Error)?.message ?? String(e) });
    }
    timings[rule.meta.id] = performance.now() - t0;
  }
  // Budget findings are reported as syntax/review-limits (when it is on), like any finding of that rule.
  const limitsReport = reporters.get(LIMITS_RULE);
  if (limitsReport) for (const d of limitFindings(doc, limits, overflow, skipped, timings, parseMs)) limitsReport(d);
  // Inline disable directives drop findings before the decision; unused ones are findings of their own rule.
  const unused = applyDirectives(source, locator, findings, new Set(rules.map((r) => r.meta.id)));
  const unusedReport = reporters.get(UNUSED_DISABLE_RULE);
  if (unusedReport) for (const d of unused) unusedReport(d);
  // In a composed part (includes, partials) spans are offsets in each finding's own file: order by file first.
  findings.sort((a, b) => PART_ORDER.indexOf(a.part) - PART_ORDER.indexOf(b.part) || (a.path === b.path ? 0 : a.path < b.path ? -1 : 1) || a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));

  const files: Report['files'] = {};
  for (const p of PART_ORDER) {
    const f = locator.file(p);
    if (f) files[p] = f;
  }
  for (const issue of source.loadIssues ?? []) if (!files[issue.part]) files[issue.part] = { path: issue.path, text: issue.fileText ?? '' };
  const included = locator.includedFiles('html');

  // The risk model's features: read only when the profile has a model (or the caller asks, as training does).
  let features: Features | undefined;
  if (config.model || options.features) {
    const listNames = (config.rules.get('content/spam-phrases')?.options.lists as string[] | undefined) ?? [];
    features = extractFeatures(doc, findings, { lists: list, listNames });
  }
  const decision = decide({
    findings,
    thresholds: config.thresholds,
    profile: config.profile,
    probes: probes ? 'ran' : 'skipped',
    model: config.model,
    prior: config.prior,
    features,
    subjectReviewed: doc.subject !== undefined,
    position: (part, span) => {
      const loc = locator.locate(part, span);
      return { line: loc.line, column: loc.column };
    },
  });
  const result: ReviewResult = { path: source.path, name: source.name, decision, findings, files, ...(included.length ? { includedFiles: included } : {}), internalErrors, doc, timings };
  // Not enumerable: the features hold a function (locate) and Maps, and the result crosses worker threads
  // (structured clone) and JSON in the hosts; callers that want them read the property.
  if (features) Object.defineProperty(result, 'features', { value: features, enumerable: false });
  return result;
}

/**
 * Messages quote template text, and JSON escapes put any character there: control characters (NUL, ESC…)
 * would garble a terminal or a log, so they are shown as \u escapes.
 */
function visible(s: string): string {
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) ? s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s;
}

/**
 * A finding's span: offsets into the part's text, except in a composed part (MJML with includes, Handlebars
 * partials put in place), where they are offsets into the file the finding is located in (finding.path),
 * which is what editors need.
 */
function fileSpan(locator: Locator, part: Part, span: Span): Span {
  if (!locator.partSource(part)?.segments) return { start: span.start, end: span.end };
  const a = locator.fileOffset(part, span.start);
  const b = locator.fileOffset(part, span.end);
  if (!a) return { start: span.start, end: span.end };
  return { start: a.offset, end: b && b.path === a.path && b.offset >= a.offset ? b.offset : a.offset };
}

/**
 * Fixes and suggestions as edits of the finding's file (finding.path), which is what editors and --fix apply:
 * in a part embedded in a JSON string (an AWS template, a subject in meta.json) the span is mapped into the
 * JSON text and the new text escaped for it; in a composed part (includes, partials) an edit is kept only
 * when it lies within the finding's file; a part decoded from base64 (Tencent) cannot be edited in place.
 */
function editsOf(locator: Locator, d: ReportDescriptor, file: string): Pick<Finding, 'fix' | 'suggestions'> {
  if (!d.fix && !d.suggestions) return {};
  const src = locator.partSource(d.part);
  let map: (e: Edit) => Edit | undefined;
  if (!src || src.encoded) map = () => undefined;
  else if (src.segments) {
    map = (e) => {
      const a = locator.fileOffset(d.part, e.span.start);
      const b = locator.fileOffset(d.part, e.span.end);
      return a && b && a.path === file && b.path === file && b.offset - a.offset === e.span.end - e.span.start ? { span: { start: a.offset, end: b.offset }, text: e.text } : undefined;
    };
  } else if (src.offsetMap) {
    map = (e) => ({ span: { start: locator.toFileOffset(d.part, e.span.start), end: locator.toFileOffset(d.part, e.span.end) }, text: JSON.stringify(e.text).slice(1, -1) });
  } else map = (e) => ({ span: { start: e.span.start, end: e.span.end }, text: e.text });
  const fix = d.fix && map(d.fix);
  const suggestions = (d.suggestions ?? []).flatMap((s) => {
    const f = map(s.fix);
    return f ? [{ title: s.title, fix: f }] : [];
  });
  return { ...(fix ? { fix } : {}), ...(suggestions.length ? { suggestions } : {}) };
}

/** Template meta (provider, category) overrides config defaults for that template. */
function settingsFromMeta(doc: TemplateDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof doc.meta.provider === 'string') out.provider = doc.meta.provider;
  if (typeof doc.meta.category === 'string') out.category = doc.meta.category;
  if (typeof doc.meta.locale === 'string') out.locale = doc.meta.locale;
  return out;
}
