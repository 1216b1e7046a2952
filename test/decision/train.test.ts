/**
 * The training code of `npm run train` (scripts/lib): reproducible byte for byte, and it learns what the
 * data says. Runs on generated rows; the real corpora are read only by `npm run train` / `npm run eval`.
 */
import { describe, it, expect } from 'vitest';
import { FOREIGN, toModel, train, type Row } from '../../scripts/lib/pipeline.js';
import { auc, foldOf, platt } from '../../scripts/lib/logistic.js';
import { parseModel, predict } from '../../src/decision/model.js';

/** Rows from four sources: spam carries 'r:spam' and 'p:prizes' more often; both classes share words. */
function rows(): Row[] {
  let a = 12345;
  const rand = () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 4294967296;
  };
  const out: Row[] = [];
  for (const [source, y] of [['ham-a', 0], ['ham-b', 0], ['spam-a', 1], ['spam-b', 1]] as const) {
    for (let i = 0; i < 60; i++) {
      const x = new Map<string, number>();
      if (rand() < (y ? 0.7 : 0.1)) x.set('r:spam', 1);
      if (rand() < (y ? 0.5 : 0.05)) x.set('p:prizes', 1);
      for (const w of ['t:hello', 't:the', 't:offer', 't:meeting']) if (rand() < 0.5) x.set(w, 1);
      if (rand() < (y ? 0.1 : 0.6)) x.set('t:meeting', 1);
      x.set(`t:only-${source}`, 1); // a source marker: must not enter the vocabulary
      out.push({ id: `${source}/${i}`, source, y, w: 1, group: `${source}/${i}`, x });
    }
  }
  return out;
}

describe('risk model training', () => {
  it('is reproducible: training twice writes the same model, byte for byte', () => {
    const a = JSON.stringify(toModel(train(rows()), rows()));
    const b = JSON.stringify(toModel(train(rows()), rows()));
    expect(a).toBe(b);
  });

  it('learns the evidence, keeps source markers out, and loads as a model', () => {
    const data = rows();
    const model = parseModel(JSON.stringify(toModel(train(data), data)));
    expect(model.weights['r:spam']).toBeGreaterThan(0.5);
    expect(model.weights['p:prizes']).toBeGreaterThan(0.3);
    expect(model.weights['t:meeting']).toBeLessThan(0);
    expect(Object.keys(model.weights).some((k) => k.startsWith('t:only-'))).toBe(false);
    expect(model.version).toMatch(/^1-[0-9a-f]{10}$/);
    const scores = data.map((r) => predict(model, r.x).risk);
    const pos = scores.filter((_, i) => data[i]!.y === 1);
    const neg = scores.filter((_, i) => data[i]!.y === 0);
    expect(auc(pos, neg)).toBeGreaterThan(0.85);
  });

  it('non-English spam rows (no words, only f:foreign) are absorbed by the nuisance, not by the bias every review pays', () => {
    const base = rows();
    const plain = toModel(train(base), base);
    // What the open data has: a few spam messages in another language, read without words.
    const withRows = (x: () => Map<string, number>) => {
      const data = rows();
      for (let i = 0; i < 12; i++) data.push({ id: `spam-a/foreign-${i}`, source: 'spam-a', y: 1, w: 1, group: `spam-a/foreign-${i}`, x: x() });
      return toModel(train(data), data);
    };
    const nuisance = withRows(() => new Map([[FOREIGN, 1]]));
    const bare = withRows(() => new Map());
    // The nuisance is fitted and recorded; what ships is the mean contribution of the words it stands in for
    // (the rows' words, weighed as the fit weighs rows), not the fitted "foreign means spam".
    const fitted = (nuisance.training as { nuisance: Record<string, number> }).nuisance[FOREIGN]!;
    expect(fitted).toBeGreaterThan(1);
    const shipped = nuisance.weights[FOREIGN]!;
    const wordsOf = (r: Row) => [...r.x].reduce((t, [k, v]) => t + (k.startsWith('t:') ? (nuisance.weights[k] ?? 0) * v : 0), 0);
    const english = rows();
    const perSource = ['ham-a', 'ham-b', 'spam-a', 'spam-b'].map((s) => english.filter((r) => r.source === s).map(wordsOf));
    const mean = perSource.reduce((t, xs) => t + xs.reduce((a, b) => a + b, 0) / xs.length, 0) / perSource.length;
    expect(shipped).toBeCloseTo(mean, 1);
    expect(shipped).toBeLessThan(fitted);
    // Without it, rows with no evidence raise the bias (every review's risk); with it, by a quarter of that at most.
    const shift = (m: typeof plain) => m.bias - plain.bias;
    expect(shift(bare)).toBeGreaterThan(0.5);
    expect(Math.abs(shift(nuisance))).toBeLessThan(shift(bare) / 4);
  });

  it('Platt scaling recovers a known calibration', () => {
    // z with P(y=1|z) = sigmoid(2z - 1): expect a ≈ 2, b ≈ -1
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const v = -3 + (6 * i) / 4000;
      z.push(v);
      y.push(((i * 7919) % 1000) / 1000 < 1 / (1 + Math.exp(-(2 * v - 1))) ? 1 : 0);
    }
    const { a, b } = platt(Float64Array.from(z), Float64Array.from(y), new Float64Array(z.length).fill(1));
    expect(a).toBeCloseTo(2, 0);
    expect(b).toBeCloseTo(-1, 0);
  });

  it('keeps near-duplicate groups in one fold', () => {
    expect(new Set(['g1', 'g1', 'g1'].map((g) => foldOf(g, 5))).size).toBe(1);
  });
});
