/**
 * The open training data, read where it lives (never copied into the repository):
 * - the SpamAssassin public corpus, groups easy-ham-1 and spam-1 only, installed on demand (datasets.ts);
 * - ../shared/training/*.jsonl (Enron ham, Nazario phishing), with their near-duplicate groups;
 * - real public templates (../shared/corpus/templates), rendered with generated TemplateData so that the
 *   legitimate side has HTML mail with real-looking names, links and amounts, not raw placeholders.
 * Each message becomes a TemplateSource that the real review() reads, so training sees what reviews see.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { TemplateSource } from '../../src/core/source.js';
import { discover } from '../../src/node/discover.js';
import { loadBundle } from '../../src/node/bundle.js';
import { parseTemplate } from '../../src/analysis/template-doc.js';
import { renderSamples } from '../../src/analysis/render.js';
import { variables } from '../../src/analysis/variables.js';
import { inferShape, type ShapeNode } from '../../src/analysis/infer-schema.js';
import { spamAssassinDir } from './datasets.js';

export type Label = 0 | 1;

/** Per-set settings of the template corpus (asset base URL, helpers), kept outside the corpus. */
export const SET_SETTINGS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../corpus-templates.json');

export interface TemplateSet {
  name: string;
  dir: string;
  /** What the set's own build or application supplies: engine settings (baseUrl, helpers). */
  settings: Record<string, unknown>;
}

/** The template sets of a corpus folder (its sub-folders, sorted), each with its settings. */
export function templateSets(root: string, settingsFile = SET_SETTINGS): TemplateSet[] {
  const perSet: Record<string, Record<string, unknown>> = JSON.parse(readFileSync(settingsFile, 'utf8')).sets ?? {};
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, dir: path.resolve(root, name), settings: perSet[name] ?? {} }));
}

export interface Message {
  id: string;
  /** Where it comes from: the unit of leave-one-source-out cross-validation. */
  source: string;
  /** Template set (for templates) — a finer unit, for per-set verdict counts. */
  set?: string;
  label: Label;
  /** Near-duplicate group: messages of one group stay in one fold. */
  group: string;
  src: TemplateSource;
}

/** Received mail is not a template: `{{` in it must not read as Handlebars. */
function neutralise(s: string): string {
  return s.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
}

/** A source for a received message (subject, HTML, text), as eval and train review it. */
export function mailSource(name: string, subject: string | undefined, html: string | undefined, text: string | undefined): TemplateSource {
  const src: TemplateSource = { name, path: `${name}.${html ? 'html' : 'txt'}`, kind: html ? 'html' : 'text', origin: 'api' };
  if (html) src.html = { part: 'html', path: src.path, text: neutralise(html) };
  if (text !== undefined && (text.trim() || !html)) src.text = { part: 'text', path: html ? `${name}.txt` : src.path, text: neutralise(text) };
  if (subject !== undefined) src.subject = { part: 'subject', path: `${name}.subject`, text: neutralise(subject) };
  if (!src.html && !src.text) src.text = { part: 'text', path: src.path, text: '' };
  return src;
}

// Subject tags added by the Nazario collector's own mail filter, not by the senders.
const COLLECTOR_TAGS = /\bWARNING-[A-Z-]+\b\s*/g;
// A real reply carries In-Reply-To/References: its template would not have the "Re:".
const REPLY_PREFIX = /^(\s*(re|fw|fwd|aw)\s*(\[\d+\])?\s*:\s*)+/i;

/** A received message (RFC 5322 text) as the source eval and train review: subject, HTML, a real text part. */
export async function receivedMail(name: string, raw: string): Promise<TemplateSource> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const html = typeof mail.html === 'string' ? mail.html : undefined;
  // mailparser derives text from the HTML when there is no text/plain part; keep only a real text part.
  const hasTextPart = !html || /content-type:\s*text\/plain/i.test(raw);
  let subject = mail.subject;
  if (subject !== undefined && (mail.inReplyTo || mail.references)) subject = subject.replace(REPLY_PREFIX, '');
  return mailSource(name, subject, html, hasTextPart ? mail.text : undefined);
}

export async function spamAssassin(limit = Infinity): Promise<Message[]> {
  const dataDir = await spamAssassinDir();
  const out: Message[] = [];
  for (const [group, label] of [['easy-ham-1', 0], ['spam-1', 1]] as const) {
    const files = readdirSync(path.join(dataDir, group)).filter((f) => f.endsWith('.json')).sort().slice(0, limit);
    for (const f of files) {
      const rec = JSON.parse(readFileSync(path.join(dataDir, group, f), 'utf8')) as { id: string; text: string };
      const id = `${group}/${rec.id}`;
      out.push({ id, source: `sa-${group}`, label, group: id, src: await receivedMail(id, rec.text) });
    }
  }
  return out;
}

export function sharedTraining(dir: string): Message[] {
  const groups = new Map<string, string>();
  const dupFile = path.join(dir, 'near-duplicate-groups.json');
  if (existsSync(dupFile)) {
    const byFile = JSON.parse(readFileSync(dupFile, 'utf8')) as Record<string, string[][]>;
    for (const [file, list] of Object.entries(byFile)) list.forEach((ids, i) => ids.forEach((id) => groups.set(id, `${file}#${i}`)));
  }
  const out: Message[] = [];
  for (const file of ['enron1-ham.jsonl', 'nazario-phishing-2004.jsonl']) {
    const full = path.join(dir, file);
    if (!existsSync(full)) continue;
    for (const line of readFileSync(full, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; source: string; label: string; subject: string; text: string; html: string | null };
      const subject = r.subject.replace(COLLECTOR_TAGS, '').trim();
      out.push({ id: r.id, source: r.source, label: r.label === 'ham' ? 0 : 1, group: groups.get(r.id) ?? r.id, src: mailSource(r.id, subject, r.html ?? undefined, r.text || (r.html ? undefined : '')) });
    }
  }
  return out;
}

/**
 * Real public templates, each rendered with TemplateData generated from what it reads (names, links,
 * amounts), as the mail a recipient gets. The subject is the template's <title> when it has one.
 */
export async function templates(dir: string): Promise<Message[]> {
  const out: Message[] = [];
  const files = await discover([dir]);
  for (const file of files.sort()) {
    const bundle = await loadBundle(file);
    if (!bundle || (!bundle.html && !bundle.text)) continue;
    const rel = path.relative(dir, file);
    const set = rel.split(path.sep)[0]!;
    const mail = await renderBundle(bundle, rel);
    if (!mail) continue;
    out.push({ id: `templates/${rel}`, source: 'templates', set, label: 0, group: `templates/${rel}`, src: mail });
  }
  return out;
}

async function renderBundle(bundle: TemplateSource, seed: string): Promise<TemplateSource | undefined> {
  let doc;
  try {
    doc = await parseTemplate(bundle);
  } catch {
    return undefined;
  }
  const data = fakeData(inferShape(variables(doc)), seed);
  const withData: TemplateSource = { ...bundle, data: { part: 'data', path: `${bundle.path}.data.json`, text: JSON.stringify(data) } };
  let rendered;
  try {
    rendered = renderSamples(await parseTemplate(withData))[0];
  } catch {
    rendered = undefined;
  }
  const html = rendered?.html?.output ?? (doc.html?.outputHtml && !doc.html.text.includes('{{') ? doc.html.outputHtml : undefined);
  const text = rendered?.text?.output ?? (bundle.text && !bundle.text.text.includes('{{') ? bundle.text.text : undefined);
  if (html === undefined && text === undefined) return undefined;
  const title = html ? /<title[^>]*>([^<]{3,120})<\/title>/i.exec(html)?.[1]?.trim() : undefined;
  const subject = rendered?.subject?.output ?? bundle.subject?.text ?? title;
  return mailSource(bundle.name, subject, html, text);
}

// ---- generated TemplateData ------------------------------------------------------------------------

const FIRST = ['Alex', 'Maria', 'Sam', 'Priya', 'Jordan', 'Chen', 'Lucas', 'Amara', 'Noah', 'Sofia'];
const LAST = ['Morgan', 'Garcia', 'Lee', 'Patel', 'Kim', 'Nguyen', 'Silva', 'Okafor', 'Smith', 'Rossi'];
const COMPANIES = ['Northwind', 'Bluebird Labs', 'Harbor & Co', 'Acme Tools', 'Pinecone Studio', 'Brightpath'];
const HOSTS = ['northwind.example', 'app.bluebird.example', 'harbor.example', 'acme.example', 'pinecone.example', 'brightpath.example'];
const PRODUCTS = ['Wool scarf', 'Desk lamp', 'Notebook set', 'Coffee grinder', 'Running shoes', 'Backpack'];
const PATHS = ['account', 'orders', 'settings', 'help', 'docs', 'billing', 'dashboard', 'invite'];

/** A small deterministic generator (mulberry32) seeded by the template's path. */
function rng(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeData(shape: ShapeNode, seed: string): unknown {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const value = (name: string, node: ShapeNode, depth: number): unknown => {
    if (depth > 8) return '';
    if (node.list) {
      const n = 2;
      return Array.from({ length: n }, () => (node.items && node.items.props.size ? object(node.items, depth + 1) : leaf(name)));
    }
    if (node.props.size) return object(node, depth + 1);
    return leaf(name);
  };
  const object = (node: ShapeNode, depth: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const [k, child] of node.props) o[k] = value(k, child, depth);
    return o;
  };
  // One sender per template, as a real one has: its links and images on one host, and one link per
  // variable name (`download_url` and `invoice.download_url` are the same link), so that a link's text and
  // its target agree where the template means them to.
  const host = pick(HOSTS);
  const links = new Map<string, unknown>();
  const leaf = (name: string): unknown => {
    const n = name.toLowerCase();
    if (!/url|link|href|email/.test(n)) return leafValue(n);
    if (!links.has(n)) links.set(n, leafValue(n));
    return links.get(n);
  };
  const leafValue = (n: string): unknown => {
    if (/url|link|href|src|logo|image|img|avatar|icon/.test(n)) return /logo|image|img|avatar|icon|src/.test(n) ? `https://${host}/static/${n.replace(/[^a-z]/g, '') || 'image'}.png` : `https://${host}/${pick(PATHS)}/${Math.floor(r() * 9000) + 1000}`;
    if (/email/.test(n)) return `${pick(FIRST).toLowerCase()}@${host}`;
    if (/first/.test(n)) return pick(FIRST);
    if (/last|surname/.test(n)) return pick(LAST);
    if (/company|product_name|productname|brand|sender|team|org/.test(n)) return pick(COMPANIES);
    if (/name|user|customer|recipient/.test(n)) return `${pick(FIRST)} ${pick(LAST)}`;
    if (/date|time|expir|day/.test(n)) return `March ${Math.floor(r() * 27) + 1}, 2026`;
    if (/price|amount|total|cost|subtotal|tax|balance|sum/.test(n)) return `$${(r() * 200 + 5).toFixed(2)}`;
    if (/qty|quantity|count|number|num|id|code/.test(n)) return String(Math.floor(r() * 90) + 1);
    if (/address|street/.test(n)) return `${Math.floor(r() * 900) + 100} Main Street`;
    if (/city/.test(n)) return 'Springfield';
    if (/phone/.test(n)) return '+1 555 0100';
    if (/description|title|item|product/.test(n)) return pick(PRODUCTS);
    return `${pick(PRODUCTS)}`;
  };
  return shape.props.size ? object(shape, 0) : {};
}
