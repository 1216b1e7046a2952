/**
 * The review's time budget (settings.limits.reviewMs) covers parsing as well as the rules: a budget spent
 * while parsing leaves out the Handlebars parse of the parts still to parse and every rule but
 * syntax/review-limits, which says what was left out. The budget is set to a microsecond here, which any
 * parse overruns: no timing is measured.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/node/engine.js';
import { sourceFor } from '../rule-tester.js';
import { MAX_SHEETS_READ } from '../../src/analysis/style.js';

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

  it('holds for a part in another template language, which is still rendered with Handlebars', async () => {
    const engine = new Engine({ configPath: null });
    const html = `<!doctype html><html lang="en"><head><title>T</title></head><body><#if x>y</#if><img src="https://example.com/a.png" alt="a">${'{{> footer}}'.repeat(2_001)}</body></html>`;
    const r = await engine.review(sourceFor({ html, meta: template.meta }));
    expect(r.doc.html?.language).toBe('freemarker');
    const f = r.findings.filter((x) => x.ruleId === 'syntax/handlebars');
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/more than 2000 template expressions/)]);
    expect(html.slice(f[0]!.span.start, f[0]!.span.start + 12)).toBe('{{> footer}}');
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

describe('MJML attributes too costly for mjml (src/parse/mjml-cost.ts)', () => {
  const engine = new Engine({ configPath: null });
  const mjml = (head: string, body: string) => `<mjml>\n<mj-head>\n${head}\n</mj-head>\n<mj-body>\n<mj-section>\n<mj-column>\n${body}\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>`;
  /** The syntax/mjml findings of `text`, each with its line and column and the text found there. */
  async function found(text: string) {
    const r = await engine.review(sourceFor({ mjml: text }));
    const lines = text.split('\n');
    return {
      compiled: r.doc.html?.mjml?.fatal === undefined,
      findings: r.findings.filter((f) => f.ruleId === 'syntax/mjml').map((f) => ({ message: f.message, line: f.line, column: f.column, at: lines[f.line - 1]!.slice(f.column - 1, f.column + 11) })),
    };
  }

  it('an mj-all value copied into many elements (fuzz seed 12 #20606): not compiled, located at the value', async () => {
    // 6,000 characters (under 8 KB) into 400 mj-text: 2.4 million characters of copies.
    const r = await found(mjml(`<mj-attributes>\n  <mj-all padding="0" font-family="${'Arial, '.repeat(857)}" />\n</mj-attributes>`, '<mj-text>x</mj-text>'.repeat(400)));
    expect(r.compiled).toBe(false);
    expect(r.findings).toEqual([{ message: expect.stringMatching(/copies the attribute values of <mj-all>, 6,00\d characters, into each of the 40\d elements/), line: 4, column: 23, at: 'font-family=' }]);
    expect(r.findings[0]!.message).not.toMatch(/Check that the document is wrapped/);
    // The fuzzed input's shape: the value unquoted, 150 KB, which is also over 8 KB: the copies are what is reported.
    const unquoted = await found(mjml(`<mj-attributes><mj-all font-family=${'ont-family='.repeat(13_000)}"Montserrat" /></mj-attributes>`, '<mj-text>x</mj-text>'.repeat(20)));
    expect(unquoted.findings.map((f) => [f.line, f.column, f.at])).toEqual([[3, 24, 'font-family=']]);
    expect(unquoted.findings[0]!.message).toMatch(/copies the attribute values of <mj-all>/);
  });

  it('values handed down or set for a tag or an mj-class count for the elements they reach', async () => {
    const social = await found(mjml('', `<mj-social font-family="${'A'.repeat(8_000)}">${'<mj-social-element name="facebook" href="https://example.com/">x</mj-social-element>'.repeat(300)}</mj-social>`));
    expect(social.findings.map((f) => [f.line, f.column, f.at])).toEqual([[8, 12, 'font-family=']]);
    const cls = await found(mjml(`<mj-attributes><mj-class name="big" color="${'r'.repeat(6_000)}" /><mj-text align="left" /></mj-attributes>`, '<mj-text mj-class="big">x</mj-text>'.repeat(400)));
    expect(cls.findings.map((f) => f.message)).toEqual([expect.stringMatching(/<mj-class name="big">, 6,000 characters, into each of the 400 elements/)]);
    // A class nobody names, a closed mj-social before the elements: nothing copied, compiled.
    const unused = await found(mjml(`<mj-attributes><mj-class name="big" color="${'r'.repeat(6_000)}" /></mj-attributes>`, `<mj-social font-family="${'A'.repeat(6_000)}"></mj-social>${'<mj-text mj-class="small">x</mj-text>'.repeat(400)}`));
    expect(unused.compiled).toBe(true);
  });

  it('a width read by the unit regex: its length squared, for every element it applies to', async () => {
    // 600 characters in mj-all, read for each of ~20 elements (mjml took 1.8 s on 16 columns of a 4,000-character one).
    const inherited = await found(mjml(`<mj-attributes><mj-all width="50%${'a'.repeat(600)}1" /></mj-attributes>`, '<mj-text>x</mj-text>'.repeat(16)));
    expect(inherited.findings).toEqual([{ message: expect.stringMatching(/unit of a width .* for each of the 2\d elements <mj-all> applies it to/), line: 3, column: 24, at: 'width="50%aa' }]);
    const own = `<mjml><mj-body><mj-section><mj-column width="50%${'a'.repeat(3_000)}1"><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const r = await found(own);
    expect(r.findings).toEqual([{ message: expect.stringMatching(/unit of a width with a regex/), line: 1, column: own.indexOf('width=') + 1, at: 'width="50%aa' }]);
    // Unquoted and over 8 KB: the 8 KB bound, as when quoted.
    const unquoted = `<mjml><mj-body><mj-section><mj-column width=50%${'a'.repeat(9_000)}1><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>`;
    expect((await found(unquoted)).findings.map((f) => [f.column, f.message])).toEqual([[unquoted.indexOf('width=') + 1, expect.stringMatching(/attribute width is over 8 KB/)]]);
  });

  it('<mj-font>: a name with regex syntax, or more than 20 fonts, is not compiled; 20 fonts compile', async () => {
    const pattern = await found(mjml('<mj-font name="Open Sans" href="https://example.com/a.css" />\n<mj-font name="(a|a)*b" href="https://example.com/b.css" />', '<mj-text font-family="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">x</mj-text>'));
    expect(pattern.findings).toEqual([{ message: expect.stringMatching(/name of an <mj-font> has regular-expression syntax/), line: 4, column: 10, at: 'name="(a|a)*' }]);
    const fonts = (k: number) => mjml(Array.from({ length: k }, (_, i) => `<mj-font name="Font ${i}" href="https://example.com/${i}.css" />`).join('\n'), '<mj-text font-family="Font 1">x</mj-text>');
    const many = await found(fonts(21));
    expect(many.findings).toEqual([{ message: expect.stringMatching(/more than 20 fonts/), line: 23, column: 10, at: 'name="Font 2' }]);
    expect((await found(fonts(20))).compiled).toBe(true);
  });

  it('font-family: repeated where mjml\'s font regexes read it again from each one: not compiled, located', async () => {
    // Between two quotes of an mj-text (48 KB of them took mjml 1.3 s), and in an inline mj-style (2.0 s).
    const text = await found(mjml('', `<mj-text>\n"${'font-family:'.repeat(4_000)}"</mj-text>`));
    expect(text.findings).toEqual([{ message: expect.stringMatching(/once for each of its 5 fonts with a regex that reads a stretch again/), line: 9, column: 2, at: 'font-family:' }]);
    const inline = await found(mjml(`<mj-style inline="inline">\np { ${'font-family:'.repeat(4_000)} }</mj-style>`, '<mj-text>x</mj-text>'));
    expect(inline.findings.map((f) => [f.line, f.column, f.at])).toEqual([[4, 5, 'font-family:']]);
    // The same sheet not inlined is not in the output mjml searches; a real sheet with many font-family
    // declarations and quoted names compiles.
    expect((await found(mjml(`<mj-style>p { ${'font-family:'.repeat(4_000)} }</mj-style>`, '<mj-text>x</mj-text>'))).compiled).toBe(true);
    const sheet = `<mj-style inline="inline">${'.c { font-family: "Open Sans", Arial; color: #333 } '.repeat(300)}</mj-style>`;
    expect((await found(mjml(sheet, '<mj-text css-class="c">x</mj-text>'))).compiled).toBe(true);
  });

  it('more than 2,000 MJML elements: not compiled, located at the first element past it', async () => {
    // mj-head, mj-body, mj-section and mj-column are four.
    const texts = (k: number) => mjml('', Array.from({ length: k }, (_, i) => `<mj-text>${i}</mj-text>`).join('\n'));
    const over = await found(texts(1_997));
    expect(over.findings).toEqual([{ message: expect.stringMatching(/more than 2,000 MJML elements/), line: 8 + 1_996, column: 1, at: '<mj-text>199' }]);
    expect((await found(texts(1_996))).compiled).toBe(true);
  });

  it('comments count with the elements: 2 MB of them took mjml 4.5 s to compile', async () => {
    // mj-head, mj-body, mj-section, mj-column and the mj-text are five.
    const comments = (k: number) => mjml('', `<mj-text>x</mj-text>\n${'<!-- c -->\n'.repeat(k)}`);
    const over = await found(comments(1_996));
    expect(over.findings).toEqual([{ message: expect.stringMatching(/more than 2,000 MJML elements and comments/), line: 9 + 1_995, column: 1, at: '<!-- c -->' }]);
    expect((await found(comments(1_995))).compiled).toBe(true);
  });

  it('inline mj-style CSS over 64 KB: not compiled (juice\'s time grows with its square: 2 MB ran 97 s), located at the mj-style', async () => {
    const big = await found(mjml(`<mj-style inline="inline">${'.a { color: red } '.repeat(4_000)}</mj-style>`, '<mj-text css-class="a">x</mj-text>'));
    expect(big.findings).toEqual([{ message: expect.stringMatching(/<mj-style inline="inline"> CSS is 72,000 characters, over the bound of 65,536 characters/), line: 3, column: 1, at: '<mj-style in' }]);
  });

  it('Outlook conditional comments never closed: not compiled, located at the opener mjml reads furthest from', async () => {
    // (The first one opens an HTML comment that runs to the end: the tags after it are reported as unclosed too.)
    const open = await found(mjml('', `<mj-text>x</mj-text>\n${'<!--[if mso]>'.repeat(5_000)}`));
    expect(open.compiled).toBe(false);
    expect(open.findings.filter((f) => /conditional/.test(f.message))).toEqual([{ message: expect.stringMatching(/conditional comment .* are they closed/), line: 9, column: 1, at: '<!--[if mso]' }]);
    // Closed ones, as mail templates write them, compile.
    const closed = await found(mjml('', `<mj-raw>${'<!--[if mso]><table><tr><td><![endif]-->x<!--[if mso]></td></tr></table><![endif]-->'.repeat(200)}</mj-raw>`));
    expect(closed.compiled).toBe(true);
  });

  it('many "<" that start no tag: not compiled, located at the first', async () => {
    const r = await found(mjml('', `<mj-text>x</mj-text>\n${'x < '.repeat(20_000)}`));
    expect(r.findings.filter((f) => /start no tag/.test(f.message))).toEqual([{ message: expect.stringMatching(/20,000 "<" that start no tag/), line: 9, column: 3, at: '< x < x < x ' }]);
    // A few, as in "a < b", compile.
    expect((await found(mjml('', '<mj-text>1 < 2</mj-text>'))).compiled).toBe(true);
  });

  it('a real template with mj-attributes, classes, fonts and social links compiles', async () => {
    const r = await found(
      mjml(
        '<mj-font name="Montserrat" href="https://fonts.googleapis.com/css?family=Montserrat" />\n<mj-attributes><mj-all font-family="Montserrat, Arial, sans-serif" /><mj-text color="#666666" font-size="15px" /><mj-class name="h2" font-size="28px" line-height="1.3" padding="0 0 14px 0" /></mj-attributes>',
        `${'<mj-text mj-class="h2">Title</mj-text><mj-button href="https://example.com/" width="50%">Go</mj-button>'.repeat(50)}<mj-social font-size="12px" icon-size="20px">${'<mj-social-element name="facebook" href="https://example.com/">f</mj-social-element>'.repeat(5)}</mj-social>`,
      ),
    );
    expect(r.compiled).toBe(true);
    expect(r.findings).toEqual([]);
  });
});

describe('a style sheet with more CSS syntax errors than a sheet may cost (MAX_SHEET_ERRORS)', () => {
  const engine = new Engine({ configPath: null });
  const head = '<!doctype html><html lang="en"><head><title>T</title>\n<style>';
  it('is read up to there, and syntax/review-limits says so at its <style> (a defect: the rest could hide text)', async () => {
    // 3,000 broken pieces, as in fuzz seed 121 #20198 (21,600 of them: 1.7-3.3 s): two css-tree errors each.
    const html = `${head}.a{color:red}${'{c --}}'.repeat(3000)}</style></head><body><p>Hello</p></body></html>`;
    const r = await engine.review(sourceFor({ ...template, html }));
    const f = r.findings.filter((x) => x.ruleId === 'syntax/review-limits');
    expect(f.map((x) => [x.messageId, x.line, x.column, x.kind])).toEqual([['cssErrors', 2, 1, 'defect']]);
    expect(f[0]!.message).toMatch(/more than 2000 CSS syntax errors/);
    expect(r.decision.verdict).toBe('rejected');
  });
  it('a sheet with a few errors is read whole, with no finding', async () => {
    const html = `${head}p{color:red}${'{c --}}'.repeat(20)}</style></head><body><p>Hello</p></body></html>`;
    const r = await engine.review(sourceFor({ ...template, html }));
    expect(r.findings.filter((x) => x.ruleId === 'syntax/review-limits')).toEqual([]);
    expect(r.decision.verdict).not.toBe('rejected');
  });
});

describe('style sheets past the characters read (MAX_SHEETS_READ)', () => {
  const engine = new Engine({ configPath: null });
  const head = '<!doctype html><html lang="en"><head><title>T</title>\n<style>';
  // Valid rules: ~1 µs a character to read (a 2 MB sheet took a review 1.1 s).
  const filler = (chars: number) => '.a{color:red} '.repeat(Math.ceil(chars / 14));
  it('are read up to there, and syntax/review-limits says so at the <style> where it ran out (a defect)', async () => {
    // A class that hides text, declared past the bound: not read, so the text is not found hidden.
    const html = `${head}${filler(MAX_SHEETS_READ)}.h{display:none}</style>\n<style>p{color:blue}</style></head><body><p class="h">Win a prize now</p></body></html>`;
    const r = await engine.review(sourceFor({ ...template, html }));
    const f = r.findings.filter((x) => x.ruleId === 'syntax/review-limits');
    expect(f.map((x) => [x.messageId, x.line, x.column, x.kind])).toEqual([['cssSize', 2, 1, 'defect']]);
    expect(f[0]!.message).toMatch(/over 262,144 characters/);
    expect(r.findings.filter((x) => x.ruleId === 'content/hidden-text')).toEqual([]);
  });
  it('a sheet under the bound is read whole, with no finding', async () => {
    const html = `${head}${filler(MAX_SHEETS_READ - 1_000)}.h{display:none}</style></head><body><p class="h">Win a prize now</p></body></html>`;
    const r = await engine.review(sourceFor({ ...template, html }));
    expect(r.findings.filter((x) => x.ruleId === 'syntax/review-limits')).toEqual([]);
    expect(r.findings.filter((x) => x.ruleId === 'content/hidden-text').length).toBeGreaterThan(0);
  });
});
