/**
 * Baselines (`--baseline <file>`, `--write-baseline`): accept today's findings so that a check fails only on
 * new ones. A baseline lists, per template (its path relative to the baseline file's folder, posix), the
 * fingerprints of its findings. Fingerprints are rule, part, evidence and an occurrence counter, never
 * positions (src/review/review.ts), so a finding that only moves keeps its place in the baseline.
 *
 * With a baseline, the findings it lists are dropped from each report before the run counts verdicts and
 * warnings and before the report is printed, and the verdict is decided again without them: a template that
 * was rejected only for baselined defects is judged on its risk. The risk is not a finding: a template that
 * was rejected on risk when the baseline was written (`rejectedOnRisk`) and still is shows as needing review
 * (its summary says why), so the run does not fail on it; one newly rejected on risk fails.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Decision, Finding, Report } from '../index.js';
import { decideVerdict } from '../api/verdict.js';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE = '.inboxlint-baseline.json';

export interface BaselineFile {
  version: number;
  /** Template path (relative to the baseline's folder, posix) → fingerprints of its accepted findings. */
  files: Record<string, string[]>;
  /** Templates rejected on risk (not on findings) when the baseline was written: accepted as needing review. */
  rejectedOnRisk?: string[];
}

export class BaselineError extends Error {}

/** Reads and checks a baseline file. Throws BaselineError with a clear message when it is not one. */
export async function readBaseline(file: string): Promise<BaselineFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (write one with --write-baseline)' : (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`baseline ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const b = json as Partial<BaselineFile>;
  if (!b || typeof b !== 'object' || b.version !== BASELINE_VERSION || !b.files || typeof b.files !== 'object' || Array.isArray(b.files)) {
    throw new BaselineError(`baseline ${file} is not an inboxlint baseline (expected {"version": ${BASELINE_VERSION}, "files": {...}})`);
  }
  for (const [k, v] of Object.entries(b.files)) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new BaselineError(`baseline ${file}: files["${k}"] must be an array of fingerprints`);
  }
  if (b.rejectedOnRisk !== undefined && (!Array.isArray(b.rejectedOnRisk) || b.rejectedOnRisk.some((x) => typeof x !== 'string'))) throw new BaselineError(`baseline ${file}: rejectedOnRisk must be an array of template paths`);
  return b as BaselineFile;
}

/** Decides the verdict again without the dropped findings, by decide.ts's own rule and wording. */
function redecide(d: Decision, defects: readonly Finding[], dropped: number, riskAccepted: boolean): Decision {
  const t = d.thresholds;
  let { verdict, summary } = decideVerdict(defects, d.risk, t);
  if (verdict === 'rejected' && !defects.length && riskAccepted) {
    verdict = 'needs_review';
    summary = `needs review: risk ${d.risk.toFixed(2)} ≥ ${t.reject}, rejected on risk in the baseline too`;
  }
  const kept = new Set(defects.map((f) => `${f.ruleId}|${f.evidence ?? ''}`));
  return {
    ...d,
    verdict,
    defects: defects.length,
    reasons: d.reasons.filter((x) => x.kind !== 'defect' || kept.has(`${x.ruleId}|${x.evidence ?? ''}`)),
    summary: dropped ? `${summary}; ${dropped} finding${dropped === 1 ? '' : 's'} in the baseline` : summary,
  };
}

/**
 * One run's use of a baseline: `apply` drops the accepted findings of a report (and counts them);
 * `record` collects a report's findings for --write-baseline.
 */
export class Baseline {
  suppressed = 0;
  private readonly accepted: Map<string, Set<string>>;
  private readonly recorded = new Map<string, string[]>();
  private readonly riskAccepted: Set<string>;
  private readonly recordedRisk = new Set<string>();

  /** `file`: the baseline's path (keys are relative to its folder); `cwd`: what report paths are relative to. */
  constructor(
    readonly file: string,
    private readonly cwd: string,
    data: BaselineFile = { version: BASELINE_VERSION, files: {} },
  ) {
    this.accepted = new Map(Object.entries(data.files).map(([k, v]) => [k, new Set(v)]));
    this.riskAccepted = new Set(data.rejectedOnRisk ?? []);
  }

  static async load(file: string, cwd: string): Promise<Baseline> {
    return new Baseline(file, cwd, await readBaseline(file));
  }

  private key(reportPath: string): string {
    return path.relative(path.dirname(this.file), path.resolve(this.cwd, reportPath)).split(path.sep).join('/');
  }

  /** The report without the findings the baseline accepts (the same object when it accepts none). */
  apply(r: Report): Report {
    const key = this.key(r.path);
    const accepted = this.accepted.get(key) ?? new Set<string>();
    const findings = r.findings.filter((f) => !accepted.has(f.fingerprint));
    const dropped = r.findings.length - findings.length;
    const riskAccepted = this.riskAccepted.has(key) && r.decision.risk >= r.decision.thresholds.reject;
    if (!dropped && !riskAccepted) return r;
    this.suppressed += dropped;
    return { ...r, findings, decision: redecide(r.decision, findings.filter((f) => f.kind === 'defect'), dropped, riskAccepted) };
  }

  /** Keeps the report's fingerprints for write(). */
  record(r: Report): Report {
    const key = this.key(r.path);
    this.recorded.set(key, [...new Set(r.findings.map((f) => f.fingerprint))].sort());
    if (r.decision.risk >= r.decision.thresholds.reject) this.recordedRisk.add(key);
    return r;
  }

  /** Writes the recorded findings (templates with none are left out); returns how many findings it holds. */
  async write(): Promise<number> {
    const files: Record<string, string[]> = {};
    let n = 0;
    for (const k of [...this.recorded.keys()].sort()) {
      const v = this.recorded.get(k)!;
      if (!v.length) continue;
      files[k] = v;
      n += v.length;
    }
    await mkdir(path.dirname(this.file), { recursive: true });
    const rejectedOnRisk = [...this.recordedRisk].sort();
    await writeFile(this.file, JSON.stringify({ version: BASELINE_VERSION, files, ...(rejectedOnRisk.length ? { rejectedOnRisk } : {}) } satisfies BaselineFile, null, 2) + '\n');
    return n;
  }
}
