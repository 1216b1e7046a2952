/**
 * Mutation fuzzing through review(): `npm run fuzz -- [--seed N] [--count N] [--save DIR] [--slow-ms MS] [--only I] [corpus dirs…]`
 * (default corpus: samples/ and ../shared/corpus/templates). Each input is a corpus template with a few
 * mutations — fragments of template syntax and markup inserted, ranges deleted or repeated (the repeats are
 * what find quadratic scans), another template spliced in, the data and schema bent. Reports exceptions,
 * internal errors, the slowest inputs with the rule that took the time, and the heap as the run goes.
 * With `--save DIR` (off by default), inputs that throw, fail a rule or take over 1 s (`--slow-ms`) are written there; copy
 * the ones worth keeping into test/fixtures/hostile/ (the suite replays them) as regression fixtures.
 * Review time is CPU time (user + system of this process), so a loaded machine does not make inputs look
 * slow; the wall time of the run is printed beside it. One unmutated template of each kind is reviewed first,
 * unmeasured, so that loading mjml is not counted against the first MJML input.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../src/node/engine.js';
import { discover } from '../src/node/discover.js';
import { loadBundle } from '../src/node/bundle.js';
import type { PartSource, TemplateSource } from '../src/core/source.js';

export interface FuzzOptions {
  seed: number;
  count: number;
  corpus: string[];
  /** Where to keep failing and slow inputs (none when undefined). */
  save?: string;
  /** An input slower than this (ms of review) is kept. */
  slowMs?: number;
  /** Review only input number `only` (the others are generated, not reviewed): replays one input of a run. */
  only?: number;
  log?: (line: string) => void;
}

export interface FuzzCase {
  name: string;
  kind: TemplateSource['kind'];
  html?: string;
  text?: string;
  subject?: string;
  meta?: string;
  data?: string;
  schema?: string;
}

export interface FuzzReport {
  count: number;
  exceptions: { input: FuzzCase; error: string }[];
  internalErrors: { input: FuzzCase; ruleId: string; message: string }[];
  slowest: { ms: number; rule: string; ruleMs: number; bytes: number; name: string }[];
  p50: number;
  p99: number;
  p999: number;
  max: number;
  heapMB: number[];
}

const FRAGMENTS = [
  '<html lang="en">', '<head>', '<title>', '</title>', '<body>', '</body>', '<table><tr><td>', '</td></tr></table>', '<div>', '</div>',
  '<a href="', '">', '</a>', '<img src="', '" alt="', '<style>', '</style>', '<style ', '<script ', 'p{color:#fff;background:#fff}', 'url(', 'url(&quot;', ')',
  '{{', '}}', '{{#each items}}', '{{/each}}', '{{#if x}}', '{{else}}', '{{/if}}', '{{{raw}}}', '{{> footer}}', '{{#each ../items}}',
  '{{name}}', '{{user.first_name}}', '{{../up}}', '{{@index}}', '{{lookup a b}}', '{{#with o as |p|}}', '{{/with}}', '{x}', '{{!-- c --}}',
  'FREE!!! ', '免费领取 ', 'CLICK HERE ', 'https://bit.ly/x ', 'http://127.0.0.1:8080/ ', 'javascript:alert(1)', '$1,000,000 ', '1', 'a.', 'www.',
  '<!--', '-->', '<!--[if mso]>', '<![endif]-->', '<v:image src="', '<mj-section>', '<mj-column>', '<mj-text>', '</mj-text>', '</mj-column>', '</mj-section>',
  '<mj-head>', '<mj-zzz/>', '&amp;', '&#x09;', '&nbsp;', '\u200b', '\uE000\uE101\uE101', '\uFDD0', '\uFDD1', '\u0000', '\r\n', '\n', '"', "'", '<', '>', '=', ' ',
  'style="display:none;font-size:0"', 'unsubscribe', '123 Main St', '%unsubscribe_url%', '*|UNSUB|*',
];
const SCHEMAS = ['{"$ref":"#"}', '{"$dynamicRef":"#"}', '{"$schema":"https://json-schema.org/draft-07/schema","type":"object"}', '{"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#"}}}}', '{"type":"nope"}', 'true', '{"properties":{"a":{"pattern":"("}}}'];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32: fast, and the same sequence on every machine.
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const MAX_BYTES = 300_000;

function mutateText(text: string, next: () => number, others: string[]): string {
  const int = (n: number) => Math.floor(next() * n);
  let t = text;
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(t.length + 1);
    const op = int(7);
    if (op === 0 || op === 1) t = t.slice(0, at) + FRAGMENTS[int(FRAGMENTS.length)] + t.slice(at);
    else if (op === 2) t = t.slice(0, at) + t.slice(Math.min(t.length, at + int(200)));
    else if (op === 3) {
      // Repeat a short range many times: the shape of every quadratic scan found so far.
      const piece = t.slice(at, at + 1 + int(12)) || FRAGMENTS[int(FRAGMENTS.length)]!;
      const times = Math.min(Math.floor(MAX_BYTES / 2 / piece.length), 1 + int(next() < 0.2 ? 50_000 : 200));
      t = t.slice(0, at) + piece.repeat(times) + t.slice(at);
    } else if (op === 4) {
      const f = FRAGMENTS[int(FRAGMENTS.length)]!;
      t = t.slice(0, at) + f.repeat(1 + int(next() < 0.2 ? 20_000 : 50)) + t.slice(at);
    } else if (op === 5 && others.length) {
      const o = others[int(others.length)]!;
      const s = int(o.length);
      t = t.slice(0, at) + o.slice(s, s + int(2000)) + t.slice(at);
    } else t = t.slice(0, at) + String.fromCharCode(int(0x3000)) + t.slice(at);
    if (t.length > MAX_BYTES) t = t.slice(0, MAX_BYTES);
  }
  return t;
}

function mutateData(data: string | undefined, next: () => number): string | undefined {
  const r = next();
  if (r < 0.6) return data;
  if (r < 0.7) return undefined;
  const n = 1 + Math.floor(next() * (next() < 0.2 ? 300 : 10));
  if (r < 0.85) return JSON.stringify({ items: Array.from({ length: n }, (_, i) => ({ name: `n${i}`, items: [i] })), name: 'x', x: true, o: { a: 1 } });
  if (r < 0.9) return '[' + Array.from({ length: n }, () => '{"name":"\\u0000"}').join(',') + ']';
  return (data ?? '{}').slice(0, Math.floor(next() * (data ?? '{}').length));
}

function toCase(src: TemplateSource): FuzzCase {
  return {
    name: src.name,
    kind: src.kind,
    ...(src.html ? { html: src.html.text } : {}),
    ...(src.text ? { text: src.text.text } : {}),
    ...(src.subject ? { subject: src.subject.text } : {}),
    ...(src.meta ? { meta: src.meta.text } : {}),
    ...(src.data ? { data: src.data.text } : {}),
    ...(src.schema ? { schema: src.schema.text } : {}),
  };
}

/** A TemplateSource for a fuzz case (the fixtures replay through this too). */
export function fromCase(c: FuzzCase): TemplateSource {
  const ext = c.kind === 'mjml' ? 'mjml' : c.kind === 'text' ? 'txt' : 'html';
  const p = (part: PartSource['part'], file: string, text: string | undefined): PartSource | undefined => (text === undefined ? undefined : { part, path: file, text });
  const src: TemplateSource = { name: c.name, path: `${c.name}.${ext}`, kind: c.kind, origin: 'files' };
  const parts = {
    html: p('html', `${c.name}.${ext}`, c.html),
    text: p('text', c.kind === 'text' ? `${c.name}.txt` : `${c.name}.txt`, c.text),
    subject: p('subject', `${c.name}.meta.json`, c.subject),
    meta: p('meta', `${c.name}.meta.json`, c.meta),
    data: p('data', `${c.name}.data.json`, c.data),
    schema: p('schema', `${c.name}.schema.json`, c.schema),
  };
  for (const [k, v] of Object.entries(parts)) if (v) (src as unknown as Record<string, PartSource>)[k] = v;
  return src;
}

export async function loadCorpus(dirs: string[]): Promise<FuzzCase[]> {
  const out: FuzzCase[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of await discover([dir])) {
      const src = await loadBundle(file).catch(() => undefined);
      if (src && (src.html || src.text)) out.push(toCase(src));
    }
  }
  return out;
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const corpus = await loadCorpus(o.corpus);
  if (!corpus.length) throw new Error(`no templates in ${o.corpus.join(', ')}`);
  const engine = new Engine({ configPath: null });
  const next = rng(o.seed);
  const bodies = corpus.map((c) => c.html ?? c.text ?? '');
  const times: number[] = [];
  const report: FuzzReport = { count: 0, exceptions: [], internalErrors: [], slowest: [], p50: 0, p99: 0, p999: 0, max: 0, heapMB: [] };
  const keep = (c: FuzzCase, why: string) => {
    if (!o.save) return;
    mkdirSync(o.save, { recursive: true });
    writeFileSync(path.join(o.save, `${why}-seed${o.seed}-${report.count}.json`), JSON.stringify(c, null, 1) + '\n');
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  // One unmutated template of each kind first, not measured: the first MJML review imports mjml (~0.8 s of
  // CPU, once per process), which is no input's cost (it had been the slowest input of seed 13, #2).
  for (const kind of new Set(corpus.map((c) => c.kind))) await engine.review(fromCase(corpus.find((c) => c.kind === kind)!));
  for (let i = 0; i < o.count; i++) {
    const base = corpus[Math.floor(next() * corpus.length)]!;
    const c: FuzzCase = { ...base, name: `fuzz${i}` };
    if (c.html !== undefined) c.html = mutateText(c.html, next, bodies);
    if (c.text !== undefined && (next() < 0.5 || c.html === undefined)) c.text = mutateText(c.text, next, bodies);
    if (c.subject !== undefined && next() < 0.2) c.subject = mutateText(c.subject, next, []).slice(0, 2000);
    const data = mutateData(c.data, next);
    if (data === undefined) delete c.data;
    else c.data = data;
    if (next() < 0.1) c.schema = SCHEMAS[Math.floor(next() * SCHEMAS.length)]!;
    if (o.only !== undefined && i !== o.only) continue;
    report.count++;
    const cpu0 = process.cpuUsage();
    try {
      const r = await engine.review(fromCase(c));
      const cpu = process.cpuUsage(cpu0);
      const ms = (cpu.user + cpu.system) / 1000;
      times.push(ms);
      for (const e of r.internalErrors) {
        report.internalErrors.push({ input: c, ruleId: e.ruleId, message: e.message });
        keep(c, 'internal');
      }
      // The time no rule accounts for is parsing (MJML compiling included). Rule timings are wall time.
      const rest = ms - Object.values(r.timings).reduce((a, b) => a + b, 0);
      const [rule, ruleMs] = [...Object.entries(r.timings), ['(parse)', rest] as [string, number]].sort((a, b) => b[1] - a[1])[0]!;
      const bytes = (c.html ?? '').length + (c.text ?? '').length;
      report.slowest.push({ ms, rule, ruleMs, bytes, name: c.name });
      report.slowest.sort((a, b) => b.ms - a.ms);
      report.slowest.length = Math.min(report.slowest.length, 10);
      if (ms > (o.slowMs ?? 1000)) keep(c, 'slow');
    } catch (e) {
      report.exceptions.push({ input: c, error: (e as Error)?.stack ?? String(e) });
      keep(c, 'exception');
    }
    if ((i + 1) % 1000 === 0 || i + 1 === o.count) {
      gc?.();
      const heap = process.memoryUsage().heapUsed / 2 ** 20;
      report.heapMB.push(Math.round(heap));
      log(`${i + 1}/${o.count}: ${report.exceptions.length} exceptions, ${report.internalErrors.length} internal errors, slowest ${report.slowest[0]?.ms.toFixed(0) ?? 0} ms, heap ${heap.toFixed(0)} MB`);
    }
  }
  times.sort((a, b) => a - b);
  Object.assign(report, { p50: percentile(times, 0.5), p99: percentile(times, 0.99), p999: percentile(times, 0.999), max: times.at(-1) ?? 0 });
  return report;
}

async function main(argv: string[]): Promise<number> {
  let seed = 1;
  let count = 1000;
  let save: string | undefined;
  let only: number | undefined;
  let slowMs: number | undefined;
  const corpus: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--count') count = Number(argv[++i]);
    else if (a === '--save') save = argv[++i];
    else if (a === '--only') only = Number(argv[++i]);
    else if (a === '--slow-ms') slowMs = Number(argv[++i]);
    else if (a === '--no-save') save = undefined;
    else corpus.push(a);
  }
  if (!corpus.length) corpus.push('samples', '../shared/corpus/templates');
  const t = performance.now();
  const r = await fuzz({ seed, count, corpus, ...(save ? { save } : {}), ...(slowMs !== undefined ? { slowMs } : {}), ...(only !== undefined ? { only, count: Math.max(count, only + 1) } : {}), log: (l) => console.log(l) });
  console.log(`\n${r.count} inputs (seed ${seed}) in ${((performance.now() - t) / 1000).toFixed(1)} s; corpus: ${corpus.filter((d) => existsSync(d)).join(', ')}`);
  console.log(`exceptions: ${r.exceptions.length}   internal errors: ${r.internalErrors.length}`);
  console.log(`review CPU ms: p50 ${r.p50.toFixed(1)}  p99 ${r.p99.toFixed(1)}  p99.9 ${r.p999.toFixed(1)}  max ${r.max.toFixed(1)}`);
  console.log(`heap MB after each 1,000 (after GC${(globalThis as { gc?: unknown }).gc ? '' : ': run with --expose-gc for exact figures'}): ${r.heapMB.join(' ')}`);
  console.log('slowest:');
  for (const s of r.slowest) console.log(`  ${s.ms.toFixed(0).padStart(6)} ms  ${String(s.bytes).padStart(7)} chars  most in ${s.rule} (${s.ruleMs.toFixed(0)} ms)  ${s.name}`);
  for (const e of r.exceptions.slice(0, 5)) console.log(`exception: ${e.error.split('\n').slice(0, 3).join(' | ')}`);
  for (const e of r.internalErrors.slice(0, 5)) console.log(`internal error: ${e.ruleId}: ${e.message}`);
  return r.exceptions.length || r.internalErrors.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
