/**
 * Growth check: does the work of a step grow faster than linearly with its input? Runs it on an input of
 * size n and of 4n and compares the times within one run (never against an absolute limit): linear work
 * grows about 4x, quadratic about 16x. A ratio over MAX_RATIO is measured up to four more times and the smallest kept,
 * so a pause of the machine does not fail a test; steps too quick to time (NOISE_MS at 4n) are not judged.
 */
export const MAX_RATIO = 8;
export const NOISE_MS = 30;

export interface Growth {
  small: number;
  large: number;
  ratio: number;
}

/** Time `run(input)` (ms, the smallest of `repeat` runs). */
export async function timeIt(run: () => unknown, repeat = 1): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Times of `measure(n)` and `measure(4n)`; `measure` returns ms for one step or a map of steps to ms. */
export async function growth(measure: (n: number) => Promise<Record<string, number>>, n: number): Promise<Record<string, Growth>> {
  const pass = async () => {
    const small = await measure(n);
    const large = await measure(4 * n);
    return { small, large };
  };
  // A first, cold run of the small input (JIT, first-use tables) would inflate `small` and hide a growth
  // (it did: mj-include composition was 10x from n to 4n and passed): warm up on it, unmeasured.
  await measure(n);
  const { small, large } = await pass();
  const over = () => Object.keys(large).filter((k) => large[k]! >= NOISE_MS && large[k]! / Math.max(small[k] ?? 0, 1) > MAX_RATIO);
  for (let retry = 0; retry < 4 && over().length; retry++) {
    const again = await pass();
    for (const k of Object.keys(again.large)) {
      // Smallest large time, largest small time: the retry can only lower a ratio that was noise.
      large[k] = Math.min(large[k] ?? Infinity, again.large[k]!);
      small[k] = Math.max(small[k] ?? 0, again.small[k] ?? 0);
    }
  }
  const out: Record<string, Growth> = {};
  for (const k of Object.keys(large)) out[k] = { small: small[k] ?? 0, large: large[k]!, ratio: large[k]! / Math.max(small[k] ?? 0, 1) };
  return out;
}

export function tooFast(g: Record<string, Growth>): string[] {
  return Object.entries(g)
    .filter(([, v]) => v.large >= NOISE_MS && v.ratio > MAX_RATIO)
    .map(([k, v]) => `${k}: ${v.small.toFixed(1)} ms -> ${v.large.toFixed(1)} ms (x${v.ratio.toFixed(1)})`);
}
