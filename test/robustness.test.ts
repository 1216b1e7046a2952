/**
 * Bad input never crashes: every rule, on deterministic pseudo-random garbage made from template
 * fragments, finishes without an internal error (a rule that throws is reported as one).
 */
import { describe, it, expect } from 'vitest';
import { Engine } from '../src/node/engine.js';
import { sourceFor } from './rule-tester.js';

const FRAGMENTS = [
  '<html lang="en">', '<head>', '<title>', '</title>', '<body>', '</body>', '<table><tr><td>', '</td></tr></table>',
  '<a href="', '">', '</a>', '<img src="', '" alt="', '<style>', '</style>', 'p{color:#fff;background:#fff}',
  '{{', '}}', '{{#each items}}', '{{/each}}', '{{#if x}}', '{{else}}', '{{/if}}', '{{{raw}}}', '{{> footer}}',
  '{{name}}', '{{user.first_name}}', '{{../up}}', '{{@index}}', '{{lookup a b}}', '{{#with o as |p|}}', '{{/with}}',
  'FREE!!! ', '免费领取 ', 'CLICK HERE ', 'https://bit.ly/x ', 'http://127.0.0.1:8080/ ', 'javascript:alert(1)',
  '<!--', '-->', '<!--[if mso]>', '<![endif]-->', '<v:image src="', '<mj-section>', '<mj-column>', '<mj-text>',
  '</mj-text>', '</mj-column>', '</mj-section>', '&amp;', '&#x09;', '\u200b', '\uE000\uE101\uE101', '\uFDD0', '\uFDD1',
  '\u0000', '\r\n', '\n', '"', "'", '<', '>', '=', ' ', 'style="display:none;font-size:0"', 'url(', ')',
];
const DATA = ['{"name":"Ada","items":[1,2],"x":true}', '{"items":"not a list"}', '[{"a":1},{"a":null}]', '"string"', '{', '[]', 'null', '{"__proto__":{"x":1},"constructor":1}'];
const SCHEMA = ['{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}', '{"type":"nope"}', '{"$ref":"#/nothing"}', 'true', '{"properties":{"a":{"pattern":"("}}}'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('robustness', () => {
  const engine = new Engine({ configPath: null });
  it('no rule throws on 150 garbage templates (HTML, MJML, text; with broken data and schemas)', async () => {
    const next = rng(42);
    const pick = <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const failures: string[] = [];
    for (let i = 0; i < 150; i++) {
      const body = Array.from({ length: 5 + Math.floor(next() * 60) }, () => pick(FRAGMENTS)).join('');
      const kind = i % 3;
      const c = {
        ...(kind === 0 ? { html: body } : kind === 1 ? { mjml: `<mjml><mj-body>${body}</mj-body></mjml>` } : { text: body }),
        ...(next() < 0.7 ? { text: pick(FRAGMENTS) + body.slice(0, 40) } : {}),
        meta: next() < 0.8 ? { subject: Array.from({ length: 3 }, () => pick(FRAGMENTS)).join(''), category: pick(['marketing', 'transactional', 'nope']), provider: pick(['generic', 'aws', 'tencent', 'sendgrid']) } : '{ broken',
        ...(next() < 0.7 ? { data: pick(DATA) } : {}),
        ...(next() < 0.5 ? { schema: pick(SCHEMA) } : {}),
      };
      const r = await engine.review(sourceFor(c, `t${i}`));
      for (const e of r.internalErrors) failures.push(`#${i} ${e.ruleId}: ${e.message}`);
      for (const f of r.findings) {
        if (!(f.line >= 1 && f.column >= 1 && f.endLine >= f.line)) failures.push(`#${i} ${f.ruleId}: bad position ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
