/**
 * Large inputs of one repeated unit through review(): `npm run sweep -- [--mb N] [--only name] [--limit ms]`.
 *
 * Fuzzing mutates real templates of at most a few hundred KB; a scan that is quadratic in a run of one kind of
 * thing (mustaches between two tags, keys of one JSON object, comments in MJML) only shows when that run is
 * long. Each case here is a template, data file or schema of about N MB (2 by default) made of one unit
 * repeated, reviewed once by a warm engine with the review's time budget off, and printed with its time and
 * the rules that took most of it. A case over `--limit` (2,000 ms, the default `reviewMs`) is flagged: a step
 * that runs that long on input under the 10 MB bound overshoots the budget, which is checked between steps
 * (docs/limits.md). Session 17 found five scans quadratic in their input this way (CHANGELOG).
 */
import { Engine } from '../src/node/engine.js';
import type { TemplateSource } from '../src/core/source.js';
import { fromCase } from './fuzz.js';

const args = process.argv.slice(2);
const option = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
};
const bytes = Number(option('--mb', '2')) * 1024 * 1024;
const only = option('--only', '');
const limit = Number(option('--limit', '2000'));

const rep = (unit: string) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
const page = (body: string, head = '') => `<html><head><title>t</title>${head}</head><body>${body}</body></html>`;
const mjml = (body: string, head = '') => `<mjml><mj-head>${head}</mj-head><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;
const keys = (prefix: string, value: (i: number) => unknown) => {
  const n = Math.ceil(bytes / 20);
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, value(i)]));
};

interface Case {
  html?: string;
  mjml?: string;
  text?: string;
  data?: string;
  schema?: string;
}

/** Units of the HTML body: text, markup, template syntax, other scripts. */
const BODY: Record<string, string> = {
  words: 'lorem ipsum dolor sit amet ',
  capitals: 'FREE MONEY NOW ',
  money: '$1,000 ',
  paragraphs: '<p>hello world</p>',
  unclosedParagraphs: '<p>x',
  links: '<a href="https://example.com/a">click here</a> ',
  images: '<img src="http://example.com/a.png" alt="a"> ',
  imageMustaches: '<img src="{{x}}" alt="a">',
  linkMustaches: '<a href="{{u}}">x</a> ',
  mustaches: '{{name}} ',
  eachBlocks: '{{#each items}}{{this}}{{/each}}',
  partials: '{{> footer}}',
  mergeTags: '*|FNAME|* ',
  liquid: '{% if x %}y{% endif %} ',
  sendgridTags: ' -name- ',
  comments: '<!-- x --> ',
  entities: '&amp;&lt;&#169;&hellip; ',
  invisible: '&nbsp;&zwnj;',
  hiddenText: '<div style="color:#fff;font-size:1px">x</div>',
  styledCells: '<table><tr><td style="padding:8px;color:#333;font-family:Arial">x</td></tr></table>',
  chinese: '中奖，稳赚',
  japanese: 'こんにちは世界、',
  thai: 'สวัสดีครับ ',
  emoji: '🎉🔥 ',
  lessThan: '< x ',
};

const CASES: Record<string, () => Case> = {
  ...Object.fromEntries(Object.entries(BODY).map(([name, unit]) => [name, () => ({ html: page(rep(unit)) })])),
  styleSheet: () => ({ html: page('<p class="a">x</p>', `<style>${rep('.a{color:red} ')}</style>`) }),
  longStyleAttribute: () => ({ html: page(`<p style="${rep('color:red;')}">x</p>`) }),
  longHref: () => ({ html: page(`<a href="https://example.com/${rep('a')}">x</a>`) }),
  longWord: () => ({ html: page(`<p>${rep('a')}</p>`) }),
  textPartWords: () => ({ html: page('<p>Hello {{name}}</p>'), text: rep('lorem ipsum dolor {{name}} ') }),
  textPartUrls: () => ({ html: page('<p>Hello {{name}}</p>'), text: rep('see https://example.com/a?b=c ') }),
  textPartChinese: () => ({ html: page(`<p>${rep('中奖，稳赚')}</p>`), text: rep('中奖，稳赚') }),
  dataKeys: () => ({ html: page('<p>{{name}}</p>'), data: JSON.stringify(keys('k', (i) => i)) }),
  dataList: () => ({ html: page('<p>{{name}}</p>'), data: JSON.stringify(Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => ({ name: `n${i}` }))) }),
  schemaProperties: () => ({ html: page('<p>{{name}}</p>'), schema: JSON.stringify({ type: 'object', properties: keys('p', () => ({ type: 'string' })) }) }),
  schemaRequired: () => ({ html: page('<p>{{name}}</p>'), schema: JSON.stringify({ type: 'object', required: Object.keys(keys('r', () => 0)) }) }),
  mjmlText: () => ({ mjml: mjml(`<mj-text>${rep('lorem ipsum dolor ')}</mj-text>`) }),
  mjmlMustaches: () => ({ mjml: mjml(`<mj-text>${rep('{{name}} ')}</mj-text>`) }),
  mjmlRaw: () => ({ mjml: mjml(`<mj-raw>${rep('<div>x</div>')}</mj-raw>`) }),
  mjmlStyle: () => ({ mjml: mjml('<mj-text css-class="a">x</mj-text>', `<mj-style>${rep('.a{color:red} ')}</mj-style>`) }),
  mjmlInlineStyle: () => ({ mjml: mjml('<mj-text css-class="a">x</mj-text>', `<mj-style inline="inline">${rep('.a{color:red} ')}</mj-style>`) }),
  mjmlComments: () => ({ mjml: mjml(`<mj-text>x</mj-text>${rep('<!-- c -->')}`) }),
};

/** The case as a bundle, with a text part, a marketing meta file and data (fuzz.ts's fromCase makes the source). */
function source(name: string, c: Case): TemplateSource {
  return fromCase({
    name,
    kind: c.mjml !== undefined ? 'mjml' : 'html',
    html: c.mjml ?? c.html ?? '',
    text: c.text ?? 'Hello {{name}}',
    meta: JSON.stringify({ subject: 'Hello', category: 'marketing' }),
    data: c.data ?? '{"name":"Ada","x":"https://example.com/a.png","u":"https://example.com/","items":[1,2]}',
    ...(c.schema !== undefined ? { schema: c.schema } : {}),
  });
}

// The budget off: the work itself is timed, not where the budget cut it short.
const engine = new Engine({ configPath: null, settings: { limits: { reviewMs: 1e9 } } });
// Warm: the first review of each kind loads mjml and compiles the engine.
for (const c of [{ html: page('<p>Hello {{name}}</p>') }, { mjml: mjml('<mj-text>Hello {{name}}</mj-text>') }]) for (let i = 0; i < 20; i++) await engine.review(source('warm', c));

console.log(`inboxlint sweep — each case ~${(bytes / 1024 / 1024).toFixed(1)} MB of one repeated unit, one review each (time budget off; flagged over ${limit} ms)`);
let flagged = 0;
for (const [name, build] of Object.entries(CASES)) {
  if (only && name !== only) continue;
  const src = source(name, build());
  const t = performance.now();
  const r = await engine.review(src);
  const ms = performance.now() - t;
  const top = Object.entries(r.timings)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id, v]) => `${id} ${v.toFixed(0)}`)
    .join(', ');
  const over = ms > limit;
  if (over) flagged++;
  console.log(`${over ? '!!' : '  '} ${name.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms   parse and the rest ${(ms - Object.values(r.timings).reduce((a, b) => a + b, 0)).toFixed(0).padStart(6)} ms   ${top}`);
}
console.log(flagged ? `${flagged} case(s) over ${limit} ms` : `no case over ${limit} ms`);
