/**
 * `npm run eval:mail -- [--legit <dir>]... [--spam <dir>]... [--profile core] [--verbose]`
 *
 * The committed model on mail you bring: folders of received messages (`.eml`) or HTML bodies (`.html`,
 * `.htm`), each labelled by the option that names it. Each message is reviewed as received mail, the way
 * `npm run eval` reads the open corpora (scripts/lib/corpus.ts: mailparser, the HTML and a real text part,
 * `{{` neutralised). Prints the verdicts per folder — by risk alone and with defects as the verdict reads
 * them — and, with both labels, the ROC AUC of risk (legitimate against spam/phishing).
 *
 * This is how a provider checks inboxlint on its own mail, and how the project checks itself on mail it
 * never trains on (docs/decision.md, "out-of-repo checks"): nothing here is written anywhere, and no
 * threshold or weight may be set from its output.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../src/node/engine.js';
import type { TemplateSource } from '../src/core/source.js';
import type { Verdict } from '../src/core/types.js';
import { mailSource, receivedMail } from './lib/corpus.js';
import { auc } from './lib/pipeline.js';

const { values: o } = parseArgs({
  options: {
    legit: { type: 'string', multiple: true, default: [] },
    spam: { type: 'string', multiple: true, default: [] },
    profile: { type: 'string', default: 'core' },
    verbose: { type: 'boolean' },
  },
});
if (!o.legit!.length && !o.spam!.length) {
  process.stderr.write('usage: npm run eval:mail -- [--legit <dir>]... [--spam <dir>]... [--profile <id>] [--verbose]\n');
  process.exit(2);
}

/** A received message or an HTML body as the source a review reads. */
async function sourceOf(file: string): Promise<TemplateSource> {
  const raw = readFileSync(file, 'utf8');
  const name = path.basename(file);
  return /\.eml$/i.test(file) ? receivedMail(name, raw) : mailSource(name, undefined, raw, undefined);
}

const engine = new Engine({ configPath: null, profile: o.profile! });
const risks: Record<'legit' | 'spam', number[]> = { legit: [], spam: [] };
for (const label of ['legit', 'spam'] as const) {
  for (const dir of o[label]!) {
    const files = readdirSync(dir).filter((f) => /\.(eml|html?)$/i.test(f) && statSync(path.join(dir, f)).isFile()).sort();
    const byRisk: Record<Verdict, number> = { approved: 0, needs_review: 0, rejected: 0 };
    const verdicts: Record<Verdict, number> = { approved: 0, needs_review: 0, rejected: 0 };
    for (const f of files) {
      const r = await engine.review(await sourceOf(path.join(dir, f)));
      const d = r.decision;
      const risk = d.risk ?? 0;
      risks[label].push(risk);
      verdicts[d.verdict]++;
      const { review, reject } = engine.config(o.profile).thresholds;
      byRisk[risk >= reject ? 'rejected' : risk >= review ? 'needs_review' : 'approved']++;
      if (o.verbose) {
        const defects = [...new Set(r.findings.filter((x) => x.kind === 'defect').map((x) => x.ruleId))].join(',');
        const drivers = d.drivers.slice(0, 5).map((x) => `${x.feature} ${x.weight.toFixed(2)}`).join('; ');
        console.log(`  ${d.verdict.padEnd(12)} ${risk.toFixed(3)}  ${f}${defects ? `  [${defects}]` : ''}  ${drivers}`);
      }
    }
    const n = files.length;
    const line = (c: Record<Verdict, number>) => `${c.approved} approved, ${c.needs_review} review, ${c.rejected} rejected`;
    console.log(`${label} ${dir} (${n}) under ${o.profile}: by risk ${line(byRisk)}; with defects ${line(verdicts)}`);
  }
}
if (risks.legit.length && risks.spam.length) console.log(`AUC of risk, legitimate against spam/phishing: ${auc(risks.spam, risks.legit).toFixed(4)}`);
