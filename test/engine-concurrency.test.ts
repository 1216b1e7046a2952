/**
 * The pure core runs many tenants at once (the service): two engines with different configs, reviewing
 * interleaved (every review awaits; Promise.all over many templates), give each template the report it gets
 * when its engine reviews alone. Each engine owns its caches (core/cache.ts), so what one engine cached
 * cannot change what another reports.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../src/node/engine.js';
import { loadBundle, PRIMARY_EXTS } from '../src/node/bundle.js';
import type { TemplateSource } from '../src/core/source.js';
import { review, type ReviewResult } from '../src/review/review.js';
import { sourceFor } from './rule-tester.js';

const SAMPLES = path.resolve('samples');

async function templates(): Promise<TemplateSource[]> {
  // Every HTML and Handlebars sample, and two MJML ones (compiling MJML costs most and caches nothing here).
  const files = readdirSync(SAMPLES).filter((f) => PRIMARY_EXTS.includes(path.extname(f)) && (!f.endsWith('.mjml') || f === 'welcome.mjml' || f === 'order-receipt.mjml')).sort();
  const out: TemplateSource[] = [];
  for (const f of files) {
    const s = await loadBundle(path.join(SAMPLES, f), { cwd: SAMPLES });
    if (s) out.push(s);
  }
  // Templates that share style sheets, inline styles and colours with one another (what the caches hold),
  // and one schema between two of them.
  const sheet = '<style>.h { display: none } .c { color: #fefefe } @media screen { .m { color: white } }</style>';
  const schema = JSON.stringify({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] });
  for (let i = 0; i < 12; i++) {
    const src = sourceFor({
      html: `<html><head>${sheet}</head><body style="background: #ffffff"><p class="c" style="color: rgb(250, 250, ${250 + (i % 3)})">Hello {{name}}, win a FREE prize ${i}</p><div class="h">hidden ${i}</div><a href="http://example.com/${i % 4}">click here</a></body></html>`,
      subject: `Offer ${i}`,
    }, `shared-${i}`);
    if (i % 6 === 0) src.schema = { part: 'schema', path: `shared-${i}.schema.json`, text: schema };
    out.push(src);
  }
  return out;
}

/** What a host shows of a review: the decision and every finding, in order. */
function outcome(r: ReviewResult) {
  return {
    decision: r.decision,
    findings: r.findings.map((f) => ({ ruleId: f.ruleId, messageId: f.messageId, severity: f.severity, message: f.message, part: f.part, line: f.line, column: f.column, fingerprint: f.fingerprint })),
  };
}

/**
 * Starts a review, then queues 1.2 s of other synchronous work on the thread (as another review or request
 * would): it runs while the review awaits, before the review ends (checked), and must not count against a
 * review budget of 1 s.
 */
async function withOtherWork(start: () => Promise<ReviewResult>): Promise<ReviewResult> {
  const events: string[] = [];
  const pending = start().then((r) => (events.push('review done'), r));
  queueMicrotask(() => {
    events.push('other work');
    const t = performance.now();
    while (performance.now() - t < 1200);
  });
  const r = await pending;
  expect(events).toEqual(['other work', 'review done']);
  return r;
}

const configs = {
  core: { configPath: null, profile: 'core' },
  strict: { configPath: null, profile: 'enterprise/strict', settings: { baseUrl: 'https://cdn.example.com/mail/' } },
} as const;

describe('engines reviewing concurrently', () => {
  it('give every template the report it gets from its engine alone', async () => {
    const sources = await templates();
    expect(sources.length).toBeGreaterThan(25);

    const alone: Record<string, ReturnType<typeof outcome>[]> = {};
    for (const [name, options] of Object.entries(configs)) {
      const engine = new Engine({ ...options, cwd: process.cwd() });
      alone[name] = [];
      for (const s of sources) alone[name].push(outcome(await engine.review(s)));
    }
    // The two configs do report differently, or this test would prove nothing.
    expect(alone.core).not.toEqual(alone.strict);

    const core = new Engine({ ...configs.core, cwd: process.cwd() });
    const strict = new Engine({ ...configs.strict, cwd: process.cwd() });
    // Both engines review the whole set, in opposite orders, all in flight at once.
    const jobs: Promise<[string, number, ReturnType<typeof outcome>]>[] = [];
    for (let a = 0; a < sources.length; a++) {
      const b = sources.length - 1 - a;
      jobs.push(core.review(sources[a]!).then((r) => ['core', a, outcome(r)]));
      jobs.push(strict.review(sources[b]!).then((r) => ['strict', b, outcome(r)]));
    }
    const together = await Promise.all(jobs);
    expect(together).toHaveLength(sources.length * 2);
    for (const [name, i, o] of together) expect(o, `${name}: ${sources[i]!.name}`).toEqual(alone[name]![i]);
    // Each engine filled its own caches.
    expect(core.caches.sizes()['style.sheets']?.size).toBeGreaterThan(0);
    expect(strict.caches.sizes()['style.sheets']?.size).toBeGreaterThan(0);
  });

  it("count a review's own work against its time budget, not what the thread ran between its parse and its rules", async () => {
    // A host reviewing several documents on one thread (the language server, Promise.all over a batch): while
    // a review awaits its parse, other reviews' synchronous work runs. An HTML template awaits nothing real,
    // yet its continuation waits behind whatever was queued first; that work is not this review's.
    const engine = new Engine({ configPath: null, profile: 'core', cwd: process.cwd(), settings: { limits: { reviewMs: 1000 } } });
    const config = engine.config();
    const src = (await loadBundle(path.join(SAMPLES, 'shipping-update.html'), { cwd: SAMPLES }))!;
    const alone = await review(src, { config, rules: engine.rules, caches: engine.caches });
    const r = await withOtherWork(() => review(src, { config, rules: engine.rules, caches: engine.caches }));
    expect(r.findings.filter((f) => f.ruleId === 'syntax/review-limits')).toEqual([]);
    expect(outcome(r)).toEqual(outcome(alone));
  });

  it("count a review's own work against its time budget, not what the thread did while it awaited the MJML compiler", async () => {
    const engine = new Engine({ configPath: null, profile: 'core', cwd: process.cwd(), settings: { limits: { reviewMs: 1000 } } });
    const src = (await loadBundle(path.join(SAMPLES, 'welcome.mjml'), { cwd: SAMPLES }))!;
    await engine.review(src); // mjml loaded once
    // Other work of the thread (another review, a request) runs while this review awaits its compile.
    const r = await withOtherWork(() => engine.review(src));
    expect(r.findings.filter((f) => f.ruleId === 'syntax/review-limits')).toEqual([]);
  });
});
