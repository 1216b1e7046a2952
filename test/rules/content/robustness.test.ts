/** Bad input never crashes the content rules: deep markup, huge text, broken data, odd parts. */
import { describe, it, expect } from 'vitest';
import { review } from '../../../src/review/review.js';
import { builtinRules } from '../../../src/rules/index.js';
import { configFor, sourceFor, type Case } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const ids = ['content/spam-phrases', 'content/subject-style', 'content/shouting', 'content/money-amounts', 'content/hidden-text', 'content/text-html-mismatch', 'content/link-density', 'compliance/unsubscribe', 'compliance/postal-address', 'compliance/ad-label', 'compliance/min-length', 'compliance/variable-ratio'];
const rules = builtinRules.filter((r) => ids.includes(r.meta.id));

async function run(c: Case) {
  const config = configFor(rules[0]!, c);
  for (const r of rules) config.rules.set(r.meta.id, { severity: 'warning', options: { ...(r.meta.defaultOptions as object) } });
  // Every rule applies: a Tencent marketing template.
  config.settings = { category: 'marketing', provider: 'tencent' };
  return review(sourceFor(c), { config, rules });
}

describe('content rules on hostile input', () => {
  it('deeply nested markup', async () => {
    const r = await run({ html: '<div style="color:#fff">'.repeat(20_000) + 'FREE MONEY!!!' + '</div>'.repeat(20_000), lists: phraseLists });
    expect(r.internalErrors).toEqual([]);
  });
  it('a megabyte of text', async () => {
    const r = await run({ html: `<p>${'V1AGRA f r e e $1,000,000!!! 免 费 '.repeat(30_000)}</p>`, text: 'x'.repeat(1_000_000), lists: phraseLists });
    expect(r.internalErrors).toEqual([]);
    expect(r.findings.length).toBeGreaterThan(0);
  });
  it('broken and non-object data, odd parts', async () => {
    for (const c of [{ html: '<p>{{a.b.c}}</p>', data: '[1, "x", null]' }, { html: '', text: '', subject: '' }, { html: '<style>{{{</style><p style=";;;:">x</p>', data: '{"a":' }, { text: '{{#each x}}{{/each}}', data: { x: { y: 'z' } } }]) {
      const r = await run({ ...c, lists: phraseLists });
      expect(r.internalErrors).toEqual([]);
    }
  });
});
