/**
 * The review's time budget (settings.limits.reviewMs) covers parsing as well as the rules: a budget spent
 * while parsing leaves out the Handlebars parse of the parts still to parse and every rule but
 * syntax/review-limits, which says what was left out. The budget is set to a microsecond here, which any
 * parse overruns: no timing is measured.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/node/engine.js';
import { sourceFor } from '../rule-tester.js';

const template = {
  html: '<!doctype html><html lang="en"><head><title>T</title></head><body><p>Hello {{name}}</p><img src="http://example.com/a.png"></body></html>',
  text: 'Hello {{name}}, {{#if x}}yes{{/if}}',
  meta: JSON.stringify({ subject: 'Hello', category: 'transactional' }),
};

describe('the time budget covers parsing', () => {
  it('spent while parsing: later Handlebars parses and the rules are left out, and one finding says which', async () => {
    const engine = new Engine({ configPath: null, settings: { limits: { reviewMs: 0.001 } } });
    const r = await engine.review(sourceFor(template));
    expect(r.doc.parseSkipped).toContain('the Handlebars parse of the text part');
    expect(r.doc.text?.ast).toBeUndefined();
    expect(r.doc.text?.scan.mustaches.length).toBe(3); // scanned all the same
    // Only syntax/review-limits ran.
    expect(Object.keys(r.timings)).toEqual(['syntax/review-limits']);
    const limits = r.findings.filter((f) => f.ruleId === 'syntax/review-limits');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.message).toMatch(/longer than 0\.001 ms .*most in parsing \(\d+ ms\); left out: .*the Handlebars parse of the text part; these rules were skipped: .*images\/require-https/);
    expect(limits[0]!.kind).toBe('defect');
    expect(r.decision.verdict).toBe('rejected');
  });

  it('not spent: everything is parsed and no budget finding', async () => {
    const r = await new Engine({ configPath: null }).review(sourceFor(template));
    expect(r.doc.parseSkipped).toEqual([]);
    expect(r.doc.text?.ast).toBeDefined();
    expect(r.findings.filter((f) => f.ruleId === 'syntax/review-limits')).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toContain('images/require-https');
  });
});

describe('the expressions budget (settings.limits.expressions)', () => {
  it('a part with more expressions is not parsed with Handlebars, and the finding is at the first one past it', async () => {
    const engine = new Engine({ configPath: null, settings: { limits: { expressions: 3 } } });
    const text = 'Hi {{a}} {{! a comment }} {{b}} {{c}} {{d}} {{e}}';
    const r = await engine.review(sourceFor({ ...template, text }));
    expect(r.doc.text?.ast).toBeUndefined();
    expect(r.doc.html?.ast).toBeDefined(); // one expression: parsed
    const f = r.findings.filter((x) => x.ruleId === 'syntax/handlebars');
    expect(f.map((x) => [x.part, x.message])).toEqual([['text', expect.stringMatching(/more than 3 template expressions and parameters \(settings\.limits\.expressions\)/)]]);
    expect(text.slice(f[0]!.span.start, f[0]!.span.end)).toBe('{{d}}');
    expect(f[0]!.kind).toBe('defect');
  });

  it('counts each parameter and hash pair of an expression: one helper call with thousands of parameters is over it', async () => {
    const engine = new Engine({ configPath: null });
    const text = `Hi {{name}}, {{#equals ${'a '.repeat(12_500)}}}x{{/equals}}`;
    const r = await engine.review(sourceFor({ ...template, text }));
    expect(r.doc.text?.ast).toBeUndefined();
    const f = r.findings.filter((x) => x.ruleId === 'syntax/handlebars');
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/more than 2000 template expressions and parameters/)]);
    expect(text.slice(f[0]!.span.start, f[0]!.span.start + 9)).toBe('{{#equals');
    // A real helper call with a few parameters and a hash is far from it.
    const ok = await engine.review(sourceFor({ ...template, text: 'Paid {{formatCurrency total currency=cur locale="en"}} on {{formatDate paidAt "YYYY-MM-DD"}}' }));
    expect(ok.doc.text?.ast).toBeDefined();
  });

  it('is reported alongside the scanner\'s block findings', async () => {
    const engine = new Engine({ configPath: null, settings: { limits: { expressions: 2 } } });
    const r = await engine.review(sourceFor({ ...template, text: '{{#if a}} {{b}} {{c}} {{d}}' }));
    const messages = r.findings.filter((x) => x.ruleId === 'syntax/handlebars').map((x) => x.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/never closed/), expect.stringMatching(/more than 2 template expressions/)]));
  });
});


describe('MJML too costly to compile', () => {
  it('tags × lines over the bound: not compiled, one syntax/mjml finding; a real-sized template compiles', async () => {
    const engine = new Engine({ configPath: null });
    const mjml = (n: number) => `<mjml><mj-body><mj-section><mj-column>\n${'<mj-text>x</mj-text>\n'.repeat(n)}</mj-column></mj-section></mj-body></mjml>`;
    const big = await engine.review(sourceFor({ mjml: mjml(5_000) }));
    expect(big.doc.html?.mjml?.fatal?.message).toMatch(/too long to compile/);
    expect(big.findings.filter((f) => f.ruleId === 'syntax/mjml').map((f) => f.message)).toEqual([expect.stringMatching(/too long to compile/)]);
    const small = await engine.review(sourceFor({ mjml: mjml(300) }));
    expect(small.doc.html?.mjml?.fatal).toBeUndefined();
    expect(small.doc.html?.outputHtml).toContain('x');
  });

  it('an attribute value over 8 KB: not compiled, located at the attribute; a long data: URI in src still compiles', async () => {
    const engine = new Engine({ configPath: null });
    const column = (width: string) => `<mjml><mj-body><mj-section><mj-column width="${width}"><mj-text>x</mj-text><mj-image src="data:image/png;base64,${'A'.repeat(20_000)}" /></mj-column></mj-section></mj-body></mjml>`;
    const text = column(`50%${'{{else}}'.repeat(2_000)}`);
    const long = await engine.review(sourceFor({ mjml: text }));
    const found = long.findings.filter((f) => f.ruleId === 'syntax/mjml');
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/attribute width is over 8 KB/)]);
    expect(found[0]!.column).toBe(text.indexOf('width=') + 1);
    const ok = await engine.review(sourceFor({ mjml: column('50%') }));
    expect(ok.doc.html?.mjml?.fatal).toBeUndefined();
    expect(ok.doc.html?.outputHtml).toContain('data:image/png');
  });
});
