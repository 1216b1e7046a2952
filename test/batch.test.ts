/**
 * Batches (src/node/batch.ts): reviews on worker threads give the same reports, in the files' order, as
 * reviews in this thread; the streamed formats write exactly what the whole-run formatters write.
 * (Threads load dist/: the suite builds first, as the CLI tests do.)
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/node/engine.js';
import { reviewBatch, type BatchItem, type ReportCache } from '../src/node/batch.js';
import { formatters } from '../src/format/index.js';
import { streamingFormats } from '../src/format/stream.js';
import type { Report } from '../src/core/types.js';

const samples = path.resolve(import.meta.dirname, '../samples');
const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const f of readdirSync(samples)) if (!f.endsWith('.partials') && f !== 'README.md' && !f.startsWith('expected')) copyFileSync(path.join(samples, f), path.join(dir, f));
writeFileSync(path.join(dir, 'not-a-template.json'), '{"hello": 1}');
const files = readdirSync(dir)
  .filter((f) => /\.(html|hbs|mjml)$/.test(f) || ['aws-account-alert.json', 'tencent-verify.json', 'not-a-template.json'].includes(f))
  .sort()
  .map((f) => path.join(dir, f));
const engineOptions = { configPath: null, cwd: dir };
const engine = new Engine(engineOptions);

async function collect(threads: number, list = files, cache?: ReportCache): Promise<BatchItem[]> {
  const out: BatchItem[] = [];
  for await (const item of reviewBatch(list, { cwd: dir, engine, engineOptions, threads, minFilesForThreads: 1, ...(cache ? { cache } : {}) })) out.push(item);
  return out;
}

/** A report as the formats see it (timings differ between runs). */
const stable = (r: Report | undefined) => (r ? { ...r, timings: undefined } : undefined);

describe('batch runner', () => {
  it('threads give the same reports, in the order of the files, as this thread', { timeout: 120_000 }, async () => {
    const [one, two] = [await collect(1), await collect(2)];
    expect(one.map((x) => x.file)).toEqual(files);
    expect(two.map((x) => x.file)).toEqual(files);
    expect(one.filter((x) => x.report).length).toBe(files.length - 1);
    expect(two.map((x) => stable(x.report))).toEqual(one.map((x) => stable(x.report)));
    expect(two.map((x) => x.internal)).toEqual(one.map((x) => x.internal));
  });

  it('threads keep the order with a report cache and a file listed twice', { timeout: 120_000 }, async () => {
    const one = await collect(1);
    const stored = new Map<string, Report>();
    let hits = 0;
    const cache: ReportCache = {
      get: (file) => (stored.has(file) ? (hits++, stored.get(file)) : undefined),
      set: (file, _src, report) => void stored.set(file, report),
    };
    // The first half is in the cache already; the rest is reviewed (on the threads too) and stored.
    for (const item of one.slice(0, one.length >> 1)) if (item.report) stored.set(item.file, item.report);
    const list = [...files, files[0]!];
    const two = await collect(2, list, cache);
    expect(two.map((x) => x.file)).toEqual(list);
    expect(two.map((x) => stable(x.report))).toEqual([...one, one[0]!].map((x) => stable(x.report)));
    expect(hits).toBeGreaterThanOrEqual(one.length >> 1);
    expect(stored.size).toBe(one.filter((x) => x.report).length);
  });

  it('streamed json, stylish and github output is byte for byte the whole-run output', async () => {
    const reports: Report[] = [];
    for await (const item of reviewBatch(files, { cwd: dir, engine, threads: 1 })) if (item.report) reports.push(item.report);
    for (const color of [false, true]) {
      const ctx = { version: '9.9.9', color, cwd: dir };
      for (const [name, make] of Object.entries(streamingFormats)) {
        for (const list of [reports, reports.slice(0, 1), []]) {
          const s = make(ctx);
          expect(list.map((r) => s.write(r)).join('') + s.end(), `${name} (${list.length} reports)`).toBe(formatters[name]!(list, ctx));
        }
      }
    }
  });
});
