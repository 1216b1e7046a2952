/**
 * Writing a run's report as the reviews come (Reviewer.reviewEach), counting what decides the exit code.
 * Streamed template by template when the format allows (nothing is written when no file held a template and
 * none failed, so the caller can say so), whole at the end otherwise.
 */
import { once } from 'node:events';
import { open, type FileHandle } from 'node:fs/promises';
import type { FileReview, Report, ReportWriter } from '../index.js';

export interface RunOptions {
  writer: ReportWriter;
  /** Keep only findings of severity error. */
  quiet?: boolean;
  /** Applied to each report before it is counted and printed (--baseline drops accepted findings). */
  transform?: (r: Report) => Report;
  /** Where the report goes: a file (created on the first write) or a stream (stdout). */
  out: { file: string } | { stream: NodeJS.WritableStream };
}

export interface RunOutcome {
  reports: number;
  /** A template was rejected or a finding has severity error. */
  rejected: boolean;
  warnings: number;
  /** Internal-error lines, in the files' order. */
  internal: string[];
}

/** Writes the reviews' report; throws only when the output cannot be written. */
export async function writeRun(reviews: AsyncIterable<FileReview>, o: RunOptions): Promise<RunOutcome> {
  const outcome: RunOutcome = { reports: 0, rejected: false, warnings: 0, internal: [] };
  let fh: FileHandle | undefined;
  // A file gets the text in pieces of about 64 KB: a write call per template cost more than the formatting.
  let pending = '';
  const flush = async () => {
    if (!pending) return;
    fh ??= await open((o.out as { file: string }).file, 'w');
    const text = pending;
    pending = '';
    await fh.write(text);
  };
  const write = async (text: string) => {
    if (!text) return;
    if ('file' in o.out) {
      pending += text;
      if (pending.length >= 64 * 1024) await flush();
    } else if (!o.out.stream.write(text)) await once(o.out.stream, 'drain');
  };
  try {
    for await (const item of reviews) {
      outcome.internal.push(...item.failures);
      if (!item.report) continue;
      const t = o.transform ? o.transform(item.report) : item.report;
      const r = o.quiet ? { ...t, findings: t.findings.filter((x) => x.severity === 'error') } : t;
      outcome.reports++;
      // As in ESLint, a finding of severity error fails the run even where its kind does not reject.
      if (r.decision.verdict === 'rejected' || r.findings.some((f) => f.severity === 'error')) outcome.rejected = true;
      outcome.warnings += r.findings.filter((f) => f.severity === 'warning').length;
      await write(o.writer.write(r));
    }
    if (outcome.reports === 0 && outcome.internal.length === 0) return outcome;
    await write(o.writer.end());
    await flush();
    // An empty report file is still written (as writeFile would).
    if ('file' in o.out && !fh) fh = await open(o.out.file, 'w');
  } finally {
    // What was formatted before a failure is still written, as it was when each template was written at once.
    await flush().catch(() => undefined);
    await fh?.close();
  }
  return outcome;
}
