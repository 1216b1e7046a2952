/**
 * Weighted, L2-regularised logistic regression over sparse features, fitted with L-BFGS; Platt scaling
 * for calibration; grouped folds; ROC AUC. Deterministic: no randomness, and every sum runs in a fixed
 * order, so the same data gives the same model byte for byte.
 */

export interface Example {
  x: ReadonlyMap<string, number>;
  y: 0 | 1;
  /** Sample weight (sources balanced within a class, classes balanced). */
  w: number;
  group: string;
  source: string;
}

export interface Sparse {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  y: Float64Array;
  w: Float64Array;
}

export interface Fitted {
  bias: number;
  weights: Float64Array;
}

/** Detector features: risk findings, phrase categories and their count (`r:`, `p:`, `ph:`, `n:`). */
export const DETECTOR = /^(?:r|p|ph|n):/;

/**
 * Features an open corpus can teach: a word must appear in at least `minSources` of the training sources
 * (a word only one source uses is a marker of that source — a mailing-list footer, a company's name — not
 * evidence of spam), and in `minDf` messages in all. Rule and phrase-category features and their count (`r:`, `p:`, `ph:`, `n:`)
 * are kept whenever they occur `minDf` times: they are detectors, not vocabulary.
 */
export function selectVocabulary(examples: readonly Example[], opts: { minDf: number; minSources: number; perSourceDf: number; max: number; consistent?: boolean }): string[] {
  const df = new Map<string, number>();
  const bySource = new Map<string, Map<string, number>>();
  const sizes = new Map<string, number>();
  const labelOf = new Map<string, number>();
  for (const e of examples) {
    let m = bySource.get(e.source);
    if (!m) bySource.set(e.source, (m = new Map()));
    sizes.set(e.source, (sizes.get(e.source) ?? 0) + 1);
    labelOf.set(e.source, e.y);
    for (const k of e.x.keys()) {
      df.set(k, (df.get(k) ?? 0) + 1);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  const sources = [...bySource.keys()].sort();
  const ham = sources.filter((s) => labelOf.get(s) === 0);
  const spam = sources.filter((s) => labelOf.get(s) === 1);
  const kept: [string, number][] = [];
  for (const [k, n] of df) {
    if (n < opts.minDf) continue;
    if (!DETECTOR.test(k)) {
      let present = 0;
      for (const m of bySource.values()) if ((m.get(k) ?? 0) >= opts.perSourceDf) present++;
      if (present < opts.minSources) continue;
      if (opts.consistent && ham.length > 1) {
        // A word is evidence only if the legitimate sources agree on it more than the classes differ:
        // a word one legitimate source uses and the others do not ("enron", a list footer, "view this
        // email") tells sources apart, and would make unseen legitimate mail look like spam.
        const rate = (s: string) => (bySource.get(s)!.get(k) ?? 0) / sizes.get(s)!;
        const hamRates = ham.map(rate);
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const spread = Math.max(...hamRates) - Math.min(...hamRates);
        if (Math.abs(mean(hamRates) - mean(spam.map(rate))) <= spread) continue;
      }
    }
    kept.push([k, n]);
  }
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return kept.slice(0, opts.max).map(([k]) => k).sort();
}

export function toSparse(examples: readonly Example[], vocab: readonly string[]): Sparse {
  const index = new Map(vocab.map((k, i) => [k, i]));
  const indptr = new Int32Array(examples.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  examples.forEach((e, r) => {
    const row: [number, number][] = [];
    for (const [k, v] of e.x) {
      const i = index.get(k);
      if (i !== undefined) row.push([i, v]);
    }
    row.sort((a, b) => a[0] - b[0]);
    for (const [i, v] of row) {
      idx.push(i);
      val.push(v);
    }
    indptr[r + 1] = idx.length;
  });
  return {
    rows: examples.length,
    cols: vocab.length,
    indptr,
    indices: Int32Array.from(idx),
    values: Float64Array.from(val),
    y: Float64Array.from(examples.map((e) => e.y)),
    w: Float64Array.from(examples.map((e) => e.w)),
  };
}

/** Weights so that each class counts half and each source counts equally within its class. */
export function balance(examples: Example[]): void {
  const perSource = new Map<string, number>();
  const sourcesOf = [new Set<string>(), new Set<string>()];
  for (const e of examples) {
    perSource.set(e.source, (perSource.get(e.source) ?? 0) + 1);
    sourcesOf[e.y]!.add(e.source);
  }
  for (const e of examples) e.w = 0.5 / sourcesOf[e.y]!.size / perSource.get(e.source)!;
}

export function margins(m: Sparse, f: Fitted): Float64Array {
  const z = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let s = f.bias;
    for (let j = m.indptr[r]!; j < m.indptr[r + 1]!; j++) s += f.weights[m.indices[j]!]! * m.values[j]!;
    z[r] = s;
  }
  return z;
}

/** Objective and gradient: Σ w·logloss / Σ w + λ/2·|weights|² (the bias is not penalised). */
function objective(m: Sparse, lambda: number, theta: Float64Array, grad: Float64Array, penalty?: Float64Array): number {
  const n = m.cols;
  grad.fill(0);
  let loss = 0;
  let wsum = 0;
  for (let r = 0; r < m.rows; r++) {
    let z = theta[n]!;
    for (let j = m.indptr[r]!; j < m.indptr[r + 1]!; j++) z += theta[m.indices[j]!]! * m.values[j]!;
    const y = m.y[r]!;
    const w = m.w[r]!;
    wsum += w;
    // log(1 + e^-yz) computed stably, y in {0,1} → s = 2y-1
    const s = y ? z : -z;
    loss += w * (s > 0 ? Math.log1p(Math.exp(-s)) : -s + Math.log1p(Math.exp(s)));
    const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    const g = w * (p - y);
    for (let j = m.indptr[r]!; j < m.indptr[r + 1]!; j++) grad[m.indices[j]!] = grad[m.indices[j]!]! + g * m.values[j]!;
    grad[n] = grad[n]! + g;
  }
  let reg = 0;
  for (let i = 0; i <= n; i++) grad[i] = grad[i]! / wsum;
  for (let i = 0; i < n; i++) {
    const k = penalty ? penalty[i]! : 1;
    reg += k * theta[i]! * theta[i]!;
    grad[i] = grad[i]! + k * lambda * theta[i]!;
  }
  return loss / wsum + (lambda / 2) * reg;
}

/** L-BFGS (memory 10) with a backtracking Armijo line search. */
export function fit(m: Sparse, lambda: number, maxIter = 300, penalty?: Float64Array): Fitted {
  const n = m.cols + 1;
  let x = new Float64Array(n);
  let g = new Float64Array(n);
  let f = objective(m, lambda, x, g, penalty);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
    return s;
  };
  for (let it = 0; it < maxIter; it++) {
    // two-loop recursion: d = -H·g
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, q);
      alpha[k] = a;
      for (let i = 0; i < n; i++) q[i] = q[i]! - a * Y[k]![i]!;
    }
    const gamma = S.length ? dot(S.at(-1)!, Y.at(-1)!) / dot(Y.at(-1)!, Y.at(-1)!) : 1 / Math.max(1e-12, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) q[i] = q[i]! * gamma;
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, q);
      for (let i = 0; i < n; i++) q[i] = q[i]! + S[k]![i]! * (alpha[k]! - b);
    }
    for (let i = 0; i < n; i++) q[i] = -q[i]!;
    let slope = dot(g, q);
    if (slope >= 0) {
      // not a descent direction: restart from the gradient
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) q[i] = -g[i]!;
      slope = dot(g, q);
    }
    let step = 1;
    const xn = new Float64Array(n);
    const gn = new Float64Array(n);
    let fn = Infinity;
    for (let ls = 0; ls < 30; ls++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! + step * q[i]!;
      fn = objective(m, lambda, xn, gn, penalty);
      if (fn <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fn < f)) break;
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xn[i]! - x[i]!;
      yv[i] = gn[i]! - g[i]!;
    }
    const sy = dot(s, yv);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
      if (S.length > 10) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    const done = f - fn < 1e-9 * Math.max(1, Math.abs(f));
    x = xn;
    g = gn;
    f = fn;
    if (done) break;
  }
  return { bias: x[n - 1]!, weights: x.subarray(0, n - 1) };
}

/** Platt scaling: a, b such that sigmoid(a·z + b) is calibrated on held-out margins z (weighted). */
export function platt(z: Float64Array, y: Float64Array, w: Float64Array): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < z.length; i++) {
      const t = a * z[i]! + b;
      const p = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
      const d = w[i]! * (p - y[i]!);
      const h = w[i]! * Math.max(p * (1 - p), 1e-12);
      ga += d * z[i]!;
      gb += d;
      haa += h * z[i]! * z[i]!;
      hab += h * z[i]!;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/** The fold of a near-duplicate group: a stable hash, so folds do not depend on the order of the data. */
export function foldOf(group: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

/** ROC AUC as the Mann-Whitney U statistic (ties count one half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  if (!pos.length || !neg.length) return NaN;
  const all = [...pos.map((s) => ({ s, p: 1 })), ...neg.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const avg = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p) rankSum += avg;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}
