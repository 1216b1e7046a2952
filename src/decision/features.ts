/**
 * Features of the risk model, read from one reviewed template: the risk findings, and token statistics of
 * what the reader sees and what a filter sees. The same function serves `npm run train` and every review,
 * so the model is trained on exactly what it is later asked about.
 *
 * Feature names (the model's vocabulary):
 * - `r:<ruleId>:<messageId>` — a risk finding (value grows with the log of its distinct evidence), except
 *   phrase-list findings, which count by category;
 * - `p:<category>` / `ph:<category>` — phrase-list categories (loans, prizes, urgency, advertising...) found
 *   in what the reader sees / in hidden text. Categories, not phrases: the Chinese and English lists share
 *   them, so weights learned on English mail apply to Chinese wording;
 * - `t:<token>` words the reader sees (subject and visible body), `h:<token>` hidden words (hidden spam
 *   wording is its own evidence), `c:<bigram>` Chinese character bigrams of the visible text;
 * - `u:<token>` words of link hosts and paths;
 * - `n:detectors` — how many distinct detector features (`r:`, `p:`, `ph:`) fired;
 * - `f:foreign` — the text is in another language and has no word features: it stands in for them.
 * Presence counts, not frequency: a word repeated ten times is one piece of evidence. Digits never form
 * tokens (dates, amounts and ids are corpus markers, not evidence).
 */
import type { Finding, Part, Span } from '../core/types.js';
import type { TemplateDoc } from '../analysis/template-doc.js';
import { contentText, type PartText } from '../analysis/text.js';
import { sourceSpan, type Normalized } from '../analysis/normalize.js';
import { extractUrls } from '../analysis/urls.js';
import { refValueInfo } from '../analysis/url-info.js';
import { compileList, FOOTER_CATEGORY, matchNormalized } from '../analysis/matcher.js';
import { postalSpans } from '../analysis/postal.js';
import { isForeign, isWordLetter } from './language.js';

/** Where a feature was seen: enough to point an author at it. */
export interface FeatureSite {
  part: Part;
  span: Span;
  ruleId?: string;
}

export interface Features {
  values: Map<string, number>;
  /** First site of a feature, recorded for rule and phrase features; tokens are located on demand. */
  sites: Map<string, FeatureSite>;
  /** Locate a token feature (`t:`, `h:`, `c:`) in the template, for explanations. */
  locate(name: string): FeatureSite | undefined;
}

/** At most this many distinct words per namespace: bounds work and memory on huge inputs. */
const MAX_TOKENS = 4000;
/** The longest word token: a longer run of letters is an id or a hash, not a word. */
const MAX_WORD = 24;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}/g;
/** URL words that say nothing (schemes, www, common TLD labels, file types). */
const URL_NOISE = new Set(['http', 'https', 'www', 'com', 'net', 'org', 'html', 'htm']);
/**
 * URLs, bare domain names and e-mail addresses in text. Each starts only where a word starts (the lookbehinds):
 * tried from every character of a long run of letters or digits, it would rescan the run each time.
 */
/** Top-level domains a bare domain name in text must end with to count as one. */
const TLDS = 'com|net|org|edu|gov|io|co|uk|de|cn|info|biz|us|example|test';
const URL_TEXT_ALTERNATIVES = [
  String.raw`(?:https?:\/\/|www\.)[^\s<>"]+`,
  String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
  String.raw`(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:${TLDS})\b[^\s<>"]*`,
];
const urlTextRegexes = new Map<number, RegExp>();
/** What the third alternative needs: a dot and one of its top-level domains (a search that skips to each dot). */
const TLD = new RegExp(String.raw`\.(?:${TLDS})\b`);

/**
 * URL_TEXT (the alternatives above, in that order) without the alternatives that cannot match anywhere in
 * `text` — one needs `://` or `www.`, one an `@`, one a `.` and a top-level domain — which finds the same matches: the `@` one
 * otherwise reads every word to its end and back. Undefined when none can match.
 */
function urlTextRegex(text: string): RegExp | undefined {
  const mask = (text.includes('://') || text.includes('www.') ? 1 : 0) | (text.includes('@') ? 2 : 0) | (TLD.test(text) ? 4 : 0);
  if (!mask) return undefined;
  let re = urlTextRegexes.get(mask);
  if (!re) urlTextRegexes.set(mask, (re = new RegExp(URL_TEXT_ALTERNATIVES.filter((_, i) => mask & (1 << i)).join('|'), 'g')));
  return re;
}

/**
 * Rules whose findings the model reads by phrase category (`p:`/`ph:`) instead: one feature for "some
 * phrase matched" would count every list entry alike, "free" as much as "100% free", and made marketing
 * templates look like spam when measured by leave-one-source-out (a held-out template set had 8 rejected).
 */
const BY_CATEGORY = new Set(['content/spam-phrases']);

/**
 * Emitted for a text in another language, whose words are left out (language.ts). The model's weight for it
 * is the mean contribution of the words it stands in for (scripts/lib/pipeline.ts, FOREIGN).
 */
export const FOREIGN = 'f:foreign';
/** How many distinct detectors fired (see extractFeatures). */
export const DETECTORS = 'n:detectors';

/** Detector features: risk findings and phrase categories (their count is `n:detectors`). */
const DETECTOR_FEATURE = /^(?:r|p|ph):/;

export interface FeatureOptions {
  /** Phrase lists by name (the config's lists) and the names to match. */
  lists: (name: string) => readonly unknown[];
  listNames: readonly string[];
}

export function extractFeatures(doc: TemplateDoc, findings: readonly Finding[], options: FeatureOptions): Features {
  const values = new Map<string, number>();
  const sites = new Map<string, FeatureSite>();
  const ct = safeContentText(doc);

  // Risk findings: one feature per rule and message, stronger (log) with more distinct evidence.
  const evidence = new Map<string, Set<string>>();
  for (const f of findings) {
    if (f.kind !== 'risk' || BY_CATEGORY.has(f.ruleId)) continue;
    const name = `r:${f.ruleId}:${f.messageId}`;
    let set = evidence.get(name);
    if (!set) {
      evidence.set(name, (set = new Set()));
      sites.set(name, { part: f.part, span: f.span, ruleId: f.ruleId });
    }
    set.add(f.evidence ?? `${f.part}:${f.span.start}`);
  }
  for (const [name, set] of evidence) values.set(name, 1 + Math.log2(Math.min(set.size, 16)));

  // Phrase categories, visible (subject, HTML, text part) and hidden.
  const matchers = options.listNames.map((n) => compileList(options.lists(n)));
  const visible: { pt: PartText; n: Normalized }[] = [];
  for (const pt of [ct.subject, ct.html, ct.text]) if (pt) visible.push({ pt, n: pt.normalized() });
  const hidden = ct.html?.hiddenNormalized();
  // Text a phrase matched is evidence of its category, not also of its words: the words are left out of the
  // token features, so a phrase weighs the same in every language its category has phrases in.
  const covered = new Map<Normalized, [number, number][]>();
  const categories = (prefix: string, texts: { part: Part; n: Normalized }[]) => {
    const seen = new Map<string, Set<string>>();
    for (const { part, n } of texts) {
      const spans: [number, number][] = [];
      covered.set(n, spans);
      // Text two entries of one category both match ("Dear valued customer": a phrase and the "dear <brand>
      // customer" pattern) is one piece of evidence: a hit that overlaps one already counted for its category
      // in this text is not counted again.
      const counted = new Map<string, [number, number][]>();
      for (const m of matchers) {
        for (const hit of matchNormalized(m, n, 200)) {
          spans.push([hit.from, hit.to]);
          // Footer wording (why the reader gets the mail, how to opt out) is neither a category nor words.
          if (hit.entry.category === FOOTER_CATEGORY) continue;
          const name = `${prefix}:${hit.entry.category}`;
          let here = counted.get(name);
          if (!here) counted.set(name, (here = []));
          if (here.some(([a, b]) => hit.from < b && a < hit.to)) continue;
          here.push([hit.from, hit.to]);
          let set = seen.get(name);
          if (!set) {
            seen.set(name, (set = new Set()));
            sites.set(name, { part, span: sourceSpan(n, hit.from, hit.to) });
          }
          set.add(hit.evidence);
        }
      }
    }
    for (const [name, set] of seen) values.set(name, 1 + Math.log2(Math.min(set.size, 16)));
  };
  // A filter reads hidden text too: hidden wording counts as wording (`p:`, `t:`), and again as hidden
  // (`ph:`, `h:`), so hiding spam wording can never make a template look cleaner than showing it.
  if (matchers.length) {
    const all = visible.map(({ pt, n }) => ({ part: pt.part, n }));
    if (hidden) all.push({ part: 'html', n: hidden });
    categories('p', all);
    if (hidden) categories('ph', [{ part: 'html', n: hidden }]);
  }

  // How many distinct detectors fired (risk findings and phrase categories, visible or hidden). Its weight is
  // what every detector shares, as a hierarchical prior would give it: a detector the training data rarely or
  // never saw fire (a phrase category only one spam source uses) still counts, where its own weight alone
  // would be ~0. Measured by leave-one-source-out: lowest pair AUC 0.872 → 0.880, held-out phishing
  // rejected or sent to review 88.0% → 88.2%, and a held-out spam source no longer loses its loan/income
  // wording (docs/decision.md).
  let detectors = 0;
  for (const k of values.keys()) if (DETECTOR_FEATURE.test(k)) detectors++;
  if (detectors) values.set(DETECTORS, detectors);

  // Words: subject, visible body (HTML and text part together), hidden text; Chinese bigrams. URLs and
  // e-mail addresses written as text are not words a reader reads (links have their own features, and
  // their hosts are markers of whoever sent the corpus mail).
  const where = new Map<string, { part: Part; n: Normalized }>();
  for (const n of [...visible.map((v) => v.n), ...(hidden ? [hidden] : [])]) {
    let spans = covered.get(n);
    if (!spans) covered.set(n, (spans = []));
    // A postal address (CAN-SPAM's footer line) is not read as words either: which street, city or state a
    // sender is in tells corpora apart, not spam from mail (`nc` had learned +1.06 from the spam sources).
    for (const s of postalSpans(n.text)) spans.push(s);
    const re = urlTextRegex(n.text);
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(n.text); m; m = re.exec(n.text)) spans.push([m.index, m.index + m[0].length]);
  }
  // Words are English evidence: in a text in another language they are left out (language.ts says why), and
  // FOREIGN stands in for them.
  const english = !isForeign(visible.map((v) => v.n.text));
  if (!english) values.set(FOREIGN, 1);
  for (const { pt, n } of visible) {
    // The subject's words join the body's: one bag of what the reader sees. (Open legitimate mail has few
    // subjects like a template's, so subject-only word weights learn the sources, not spam: measured.)
    if (english) words(n.text, 't', values, where, pt.part, n, covered.get(n));
    if (pt.part !== 'subject') bigrams(n.text, values, where, pt.part, n, covered.get(n));
  }
  if (hidden && english) {
    words(hidden.text, 't', values, where, 'html', hidden, covered.get(hidden));
    words(hidden.text, 'h', values, where, 'html', hidden, covered.get(hidden));
  }

  // Links: words of hosts and paths. How the link text relates to the target (a URL as text, an image,
  // nothing, "click here") is not a feature: only HTML mail has link text, and the open legitimate mail is
  // mostly plain text, so such features learned "an HTML link means spam". Measured by leave-one-source-out,
  // without them each held-out template set had 0 rejected instead of 4 (lowest pair AUC 0.881 → 0.884);
  // vague link text is advice (links/descriptive-text) and a text/target mismatch is links/text-mismatch.
  try {
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link') continue;
      const info = refValueInfo(ref);
      // The first link a word occurs in is where the report points for it.
      const site: FeatureSite = { part: ref.part, span: ref.span };
      if (info.host) for (const w of info.host.split(/[.-]+/)) urlWord(w, values, sites, site);
      const path = info.url ? info.url.pathname + info.url.search : '';
      for (const w of path.toLowerCase().split(/[^a-z]+/)) urlWord(w, values, sites, site);
    }
  } catch {
    // URLs of a DOM we cannot walk: no link features (syntax rules report the cause).
  }

  return {
    values,
    sites,
    locate(name) {
      const site = sites.get(name);
      if (site) return site;
      const w = where.get(name);
      if (!w) return undefined;
      const token = name.slice(name.indexOf(':') + 1);
      const at = findToken(w.n.text, token);
      return at < 0 ? undefined : { part: w.part, span: sourceSpan(w.n, at, at + token.length) };
    },
  };
}

function safeContentText(doc: TemplateDoc): ReturnType<typeof contentText> {
  try {
    return contentText(doc);
  } catch {
    return {};
  }
}

function words(text: string, prefix: string, values: Map<string, number>, where: Map<string, { part: Part; n: Normalized }>, part: Part, n: Normalized, skip: readonly [number, number][] = []): void {
  let count = 0;
  const inPhrase = coverage(skip);
  // Words this call has already put in `values`: a repeated word is skipped without building its name.
  const seen = new Set<string>();
  // What /[a-z\u00df-\u024f]{2,24}/g with "not glued to a letter or digit" keeps, by one scan without match
  // objects: a word is a whole run of those letters, 2 to 24 long (a longer run's pieces are glued to each
  // other), with no digit on either side.
  const end = text.length;
  let i = 0;
  while (i < end) {
    if (!isWordLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < end && isWordLetter(text.charCodeAt(i))) i++;
    const length = i - start;
    if (length < 2 || length > MAX_WORD || isDigitCode(text.charCodeAt(start - 1)) || isDigitCode(text.charCodeAt(i)) || inPhrase(start)) continue;
    const word = text.slice(start, i);
    if (seen.has(word)) continue;
    seen.add(word);
    const name = `${prefix}:${word}`;
    if (values.has(name)) continue;
    values.set(name, 1);
    where.set(name, { part, n });
    if (++count >= MAX_TOKENS) break;
  }
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function bigrams(text: string, values: Map<string, number>, where: Map<string, { part: Part; n: Normalized }>, part: Part, n: Normalized, skip: readonly [number, number][] = []): void {
  let count = 0;
  const inPhrase = coverage(skip);
  HAN.lastIndex = 0;
  for (let m = HAN.exec(text); m; m = HAN.exec(text)) {
    const run = m[0];
    for (let i = 0; i + 1 < run.length; i++) {
      if (inPhrase(m.index + i) || inPhrase(m.index + i + 1)) continue;
      const name = `c:${run.slice(i, i + 2)}`;
      if (values.has(name)) continue;
      values.set(name, 1);
      where.set(name, { part, n });
      if (++count >= MAX_TOKENS) return;
    }
  }
}

/**
 * A test for "offset i lies in one of these spans", for offsets asked in increasing order (as the word
 * scans ask): spans sorted once, then one pointer that only moves forward — linear in words + spans.
 */
function coverage(spans: readonly [number, number][]): (i: number) => boolean {
  if (!spans.length) return () => false;
  const sorted = [...spans].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let k = 0;
  let reach = -1; // furthest end among spans that start at or before the last offset asked
  return (i) => {
    while (k < sorted.length && sorted[k]![0] <= i) reach = Math.max(reach, sorted[k++]![1]);
    return i < reach;
  };
}

function urlWord(w: string, values: Map<string, number>, sites: Map<string, FeatureSite>, site: FeatureSite): void {
  if (w.length < 2 || w.length > 24 || URL_NOISE.has(w)) return;
  const name = `u:${w}`;
  values.set(name, 1);
  if (!sites.has(name)) sites.set(name, site);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f);
}

/** The first occurrence of a whole token in normalised text, or -1. */
function findToken(text: string, token: string): number {
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
    if (!isAlnum(text.charCodeAt(i - 1)) && !isAlnum(text.charCodeAt(i + token.length))) return i;
  }
  return -1;
}

