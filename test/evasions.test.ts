/**
 * The evasion corpus (issue 12): hidden text in every form spam uses, every form of character reference, and
 * every class of confusable and invisible character. Each must be detected, and the same text shown plainly
 * (or with a near miss that a reader does see) must not be reported as hidden.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../src/analysis/template-doc.js';
import { contentText } from '../src/analysis/text.js';
import { normalizeText } from '../src/analysis/normalize.js';
import { decodeText } from '../src/analysis/entities.js';
import hiddenText from '../src/rules/content/hidden-text.js';
import spamPhrases from '../src/rules/content/spam-phrases.js';
import { runRule, sourceFor } from './rule-tester.js';
import { phraseLists } from './lists.js';

const BODY = '<p>Your order has shipped and is on its way; it will arrive on Thursday afternoon.</p>';
const SECRET = 'viagra casino lottery cheap pills';

const hiddenRuns = async (html: string) => contentText(await parseTemplate(sourceFor({ html }))).hidden!;
const visibleText = async (html: string) => contentText(await parseTemplate(sourceFor({ html }))).html!.normalized().text;

/** [name, the template with SECRET hidden, the reason expected]. The text follows visible text (no preheader). */
const HIDDEN: [string, string, string][] = [
  ['display:none inline', `${BODY}<div style="display:none">${SECRET}</div>`, 'display-none'],
  ['display:none from a class rule', `<style>.x{display:none}</style>${BODY}<div class="x">${SECRET}</div>`, 'display-none'],
  ['display:none from a descendant selector', `<style>.wrap p { display: none }</style>${BODY}<div class="wrap"><p>${SECRET}</p></div>`, 'display-none'],
  ['display:none from a child selector and an attribute selector', `<style>td > span[data-k] { display: none }</style>${BODY}<table><tr><td><span data-k="1">${SECRET}</span></td></tr></table>`, 'display-none'],
  ['display:none !important in the sheet beats an inline display:block', `<style>.x { display: none !important }</style>${BODY}<div class="x" style="display:block">${SECRET}</div>`, 'display-none'],
  ['display:none inherited from an ancestor', `${BODY}<div style="display:none"><table><tr><td><p><b>${SECRET}</b></p></td></tr></table></div>`, 'display-none'],
  ['display:none via an id rule with a comment and odd case', `<style>/* x */ #Hide { DISPLAY : NONE }</style>${BODY}<p id="Hide">${SECRET}</p>`, 'display-none'],
  ['visibility:hidden', `${BODY}<p style="visibility:hidden">${SECRET}</p>`, 'visibility-hidden'],
  ['opacity:0', `${BODY}<p style="opacity:0">${SECRET}</p>`, 'opacity-0'],
  ['opacity:0%', `${BODY}<p style="opacity:0%">${SECRET}</p>`, 'opacity-0'],
  ['opacity multiplied down the tree (0.2 × 0.2)', `${BODY}<div style="opacity:.2"><p style="opacity:.2">${SECRET}</p></div>`, 'opacity-0'],
  ['font-size:0', `${BODY}<p style="font-size:0">${SECRET}</p>`, 'tiny-font'],
  ['font-size:1px', `${BODY}<p style="font-size:1px">${SECRET}</p>`, 'tiny-font'],
  ['font shorthand 0/0', `${BODY}<p style="font:0/0 a">${SECRET}</p>`, 'tiny-font'],
  ['font-size in em of a small parent', `${BODY}<div style="font-size:4px"><p style="font-size:.5em">${SECRET}</p></div>`, 'tiny-font'],
  ['max-height:0 with overflow:hidden', `${BODY}<div style="max-height:0;overflow:hidden">${SECRET}</div>`, 'zero-height'],
  ['height:0px with overflow:hidden from a class', `<style>.z{height:0px;overflow:hidden}</style>${BODY}<div class="z">${SECRET}</div>`, 'zero-height'],
  ['width:0 with overflow:hidden', `${BODY}<div style="width:0;overflow:hidden">${SECRET}</div>`, 'zero-width'],
  ['absolute position far left', `${BODY}<div style="position:absolute;left:-9999px">${SECRET}</div>`, 'off-screen'],
  ['absolute position far up', `${BODY}<div style="position:absolute;top:-5000px">${SECRET}</div>`, 'off-screen'],
  ['text-indent far left', `${BODY}<div style="text-indent:-9999px">${SECRET}</div>`, 'off-screen'],
  ['transform translate far left', `${BODY}<div style="transform:translateX(-9999px)">${SECRET}</div>`, 'off-screen'],
  ['clip rect(0 0 0 0)', `${BODY}<div style="position:absolute;clip:rect(0 0 0 0)">${SECRET}</div>`, 'clipped'],
  ['clip-path inset(50%)', `${BODY}<div style="clip-path:inset(50%)">${SECRET}</div>`, 'clipped'],
  ['transform scale(0)', `${BODY}<div style="transform:scale(0)">${SECRET}</div>`, 'clipped'],
  ['mso-hide:all', `${BODY}<div style="mso-hide:all">${SECRET}</div>`, 'mso-hide'],
  ['the hidden attribute', `${BODY}<div hidden>${SECRET}</div>`, 'hidden-attribute'],
  ['white on white (#fff)', `${BODY}<p style="color:#fff">${SECRET}</p>`, 'low-contrast'],
  ['white on white (named)', `${BODY}<p style="color:White">${SECRET}</p>`, 'low-contrast'],
  ['white on white (hsl, comma syntax)', `${BODY}<p style="color:hsl(0, 0%, 100%)">${SECRET}</p>`, 'low-contrast'],
  ['white on white (hsl, space syntax)', `${BODY}<p style="color:hsl(0deg 0% 99%)">${SECRET}</p>`, 'low-contrast'],
  ['white on white (rgb percentages)', `${BODY}<p style="color:rgb(100%, 100%, 100%)">${SECRET}</p>`, 'low-contrast'],
  ['white on white (rgb space syntax with alpha)', `${BODY}<p style="color:rgb(255 255 255 / 100%)">${SECRET}</p>`, 'low-contrast'],
  ['white on white (hwb)', `${BODY}<p style="color:hwb(0 100% 0%)">${SECRET}</p>`, 'low-contrast'],
  ['near-white named colour (snow) on white', `${BODY}<p style="color:snow">${SECRET}</p>`, 'low-contrast'],
  ['equal named colours (lightgoldenrodyellow)', `${BODY}<div style="background-color:lightgoldenrodyellow"><p style="color:lightgoldenrodyellow">${SECRET}</p></div>`, 'low-contrast'],
  ['equal named colours (rebeccapurple) through classes', `<style>.bg{background:rebeccapurple}.fg{color:#663399}</style>${BODY}<div class="bg"><p class="fg">${SECRET}</p></div>`, 'low-contrast'],
  ['transparent text', `${BODY}<p style="color:transparent">${SECRET}</p>`, 'low-contrast'],
  ['text with alpha 0 (rgba)', `${BODY}<p style="color:rgba(0,0,0,0)">${SECRET}</p>`, 'low-contrast'],
  ['text with alpha 0 (#rrggbbaa)', `${BODY}<p style="color:#00000000">${SECRET}</p>`, 'low-contrast'],
  ['text with alpha near 0', `${BODY}<p style="color:rgba(0,0,0,.03)">${SECRET}</p>`, 'low-contrast'],
  ['background from currentColor', `${BODY}<p style="color:#345;background-color:currentColor">${SECRET}</p>`, 'low-contrast'],
  ['black on black inherited from a table bgcolor', `${BODY}<table bgcolor="#000000"><tr><td><font color="#000">${SECRET}</font></td></tr></table>`, 'low-contrast'],
  ['legacy bgcolor without # and an equal text colour', `${BODY}<table bgcolor="336699"><tr><td style="color:#336699">${SECRET}</td></tr></table>`, 'low-contrast'],
  ['colour from a descendant rule on an inherited background', `<style>.card .t { color: #111 }</style>${BODY}<div class="card" style="background:#111111"><div><span class="t">${SECRET}</span></div></div>`, 'low-contrast'],
  ['translucent background blended over its parent', `${BODY}<div style="background:#000"><p style="background:rgba(255,255,255,.5);color:#808080">${SECRET}</p></div>`, 'low-contrast'],
];

/** [name, template]: SECRET is visible to a reader in each (near misses of the forms above). */
const VISIBLE: [string, string][] = [
  ['plain paragraph', `${BODY}<p>${SECRET}</p>`],
  ['display:none only in a mobile @media rule', `<style>@media (max-width:600px){.m{display:none}}</style>${BODY}<p class="m">${SECRET}</p>`],
  ['dark-mode colour in @media', `<style>@media (prefers-color-scheme: dark){.t{color:#fff}}</style>${BODY}<p class="t">${SECRET}</p>`],
  ['a :hover rule', `<style>.h:hover{display:none}</style>${BODY}<p class="h">${SECRET}</p>`],
  ['visibility:visible inside visibility:hidden', `${BODY}<div style="visibility:hidden"><p style="visibility:visible">${SECRET}</p></div>`],
  ['font-size:0 reset by the child (MJML layout)', `${BODY}<div style="font-size:0"><p style="font-size:14px">${SECRET}</p></div>`],
  ['em font size of a normal parent', `${BODY}<div style="font-size:16px"><p style="font-size:.9em">${SECRET}</p></div>`],
  ['half opacity', `${BODY}<p style="opacity:.5">${SECRET}</p>`],
  ['max-height:0 without overflow hidden', `${BODY}<div style="max-height:0">${SECRET}</div>`],
  ['absolute position on screen', `${BODY}<div style="position:absolute;left:10px;top:20px">${SECRET}</div>`],
  ['white on a dark background (hsl)', `${BODY}<div style="background-color:hsl(210, 50%, 15%)"><p style="color:#fff">${SECRET}</p></div>`],
  ['white on a dark background set by a class', `<style>.dark{background:#222}</style>${BODY}<td class="dark"><p style="color:white">${SECRET}</p></td>`],
  ['white over a background image (unknown)', `${BODY}<td style="background:url(x.png) #fff"><p style="color:#fff">${SECRET}</p></td>`],
  ['colour from a template expression (unknown)', `${BODY}<p style="color:{{brand_color}}">${SECRET}</p>`],
  ['translucent text that is still dark', `${BODY}<p style="color:rgba(0,0,0,.7)">${SECRET}</p>`],
  ['transparent background over a dark parent, white text', `${BODY}<div style="background:#000"><p style="background:transparent;color:#fff">${SECRET}</p></div>`],
  ['mso-hide:all on an Outlook-only wrapper does not hide its sibling', `${BODY}<div style="mso-hide:all"></div><p>${SECRET}</p>`],
];

describe('evasion corpus: hidden text', () => {
  it.each(HIDDEN)('%s is hidden text', async (_name, html, reason) => {
    const runs = (await hiddenRuns(html)).filter((h) => h.text.includes(SECRET));
    expect(runs.map((h) => h.reason)).toEqual([reason]);
    expect(runs[0]!.preheader).toBe(false);
    expect(await visibleText(html)).not.toContain('viagra');
    const { findings } = await runRule(hiddenText, { html });
    expect(findings.map((f) => f.evidence)).toEqual([reason]);
  });

  it.each(VISIBLE)('%s is visible, not hidden', async (_name, html) => {
    expect((await hiddenRuns(html)).filter((h) => h.text.includes(SECRET))).toEqual([]);
    expect(await visibleText(html)).toContain(SECRET);
    expect((await runRule(hiddenText, { html })).findings).toEqual([]);
  });

  it('the same text with each hiding style removed is visible', async () => {
    for (const [name, html] of HIDDEN) {
      // Strip every style, sheet and presentational colour: the text is then plainly visible.
      const plain = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/\s(?:style|bgcolor|hidden|class|id)(?:="[^"]*")?/g, '').replace(/<font[^>]*>/g, '<font>');
      expect(await visibleText(plain), name).toContain(SECRET);
      expect((await runRule(hiddenText, { html: plain })).findings, name).toEqual([]);
    }
  });

  it('a preheader stays allowed (hidden, short, first in the body) and is scored with the visible text', async () => {
    const html = `<body><span class="preheader" style="display:none!important;mso-hide:all;font-size:1px;color:#fff;max-height:0;opacity:0;overflow:hidden">Your order shipped</span>${BODY}</body>`;
    const runs = await hiddenRuns(html);
    expect(runs.map((h) => [h.reason, h.preheader])).toEqual([['display-none', true]]);
    expect((await runRule(hiddenText, { html })).findings).toEqual([]);
  });

  it('text only in the <title> or alt: exposed as hidden runs, reported when stuffed', async () => {
    const stuffing = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const html = `<html><head><title>${stuffing}</title></head><body>${BODY}<img src="https://x.test/a.png" alt="${stuffing}"><img src="https://x.test/b.png" alt="Company logo"></body></html>`;
    const runs = await hiddenRuns(html);
    expect(runs.map((h) => h.reason)).toEqual(['title', 'alt', 'alt']);
    const { findings } = await runRule(hiddenText, { html });
    const altAt = html.indexOf('alt="') + 5;
    expect(findings.map((f) => [f.messageId, f.evidence, f.line, f.column])).toEqual([
      ['unseen', 'title', 1, html.indexOf('<title>') + 8],
      ['unseen', 'alt', 1, altAt + 1],
    ]);
    expect(html.slice(findings[1]!.span.start, findings[1]!.span.end)).toBe(stuffing);
  });
});

const lists = phraseLists;
const phrasesIn = async (html: string) => (await runRule(spamPhrases, { html, lists })).findings.map((f) => f.evidence);

/** Spellings of "free money" (one phrase of the list) with character references. */
const REFERENCES: [string, string][] = [
  ['decimal', '&#102;ree money'],
  ['hexadecimal', '&#x66;ree money'],
  ['hexadecimal with capital X and digits', '&#X66;&#X72;ee money'],
  ['decimal without the semicolon', '&#102ree money'],
  ['leading zeros', '&#0000102;ree money'],
  ['named letters (double-struck, script, fraktur)', '&fopf;&rscr;&efr;e money'],
  ['named accented letters, with and without semicolon', 'fr&eacute;&eacute money'],
  ['named reference for a capital', '&Fopf;REE MONEY'],
  ['zero-width references between letters', 'f&#8203;r&zwnj;e&ZeroWidthSpace;e m&shy;oney'],
  ['a non-breaking space between the words', 'free&nbsp;money'],
  ['a named space between the words', 'free&ThickSpace;money'],
];

/** Spellings of "free money" with look-alike and invisible characters, one class each. */
const CONFUSABLES: [string, string][] = [
  ['Cyrillic look-alikes', 'frее mоnеy'],
  ['Cyrillic capitals', 'FRЕЕ МОNЕY'],
  ['Greek look-alikes', 'frεε μοnεy'],
  ['Greek capitals', 'FRΕΕ ΜΟΝΕΥ'],
  ['Cherokee', 'frᎬᎬ ᎷᎾNᎬY'],
  ['Armenian', 'free mօney'],
  ['mathematical bold', '𝐟𝐫𝐞𝐞 𝐦𝐨𝐧𝐞𝐲'],
  ['mathematical italic', '𝑓𝑟𝑒𝑒 𝑚𝑜𝑛𝑒𝑦'],
  ['mathematical script', '𝒻𝓇ℯℯ 𝓂ℴ𝓃ℯ𝓎'],
  ['mathematical fraktur', '𝔣𝔯𝔢𝔢 𝔪𝔬𝔫𝔢𝔶'],
  ['mathematical double-struck', '𝕗𝕣𝕖𝕖 𝕞𝕠𝕟𝕖𝕪'],
  ['mathematical monospace', '𝚏𝚛𝚎𝚎 𝚖𝚘𝚗𝚎𝚢'],
  ['full-width', 'ｆｒｅｅ ｍｏｎｅｙ'],
  ['circled letters', 'ⓕⓡⓔⓔ ⓜⓞⓝⓔⓨ'],
  ['squared letters', '🄵🅁🄴🄴 money'],
  ['diacritics', 'fŕéé mõnëy'],
  ['combining strokes', 'free m\u0336o\u0336ney'],
  ['zero-width space', 'fr\u200Bee mo\u200Bney'],
  ['zero-width joiner and non-joiner', 'f\u200Dree m\u200Cone\u200Dy'],
  ['word joiner and BOM', 'fr\u2060ee m\uFEFFoney'],
  ['soft hyphen', 'fr\u00ADee mon\u00ADey'],
  ['bidi controls', 'fr\u202Aee\u202C mo\u200Eney'],
  ['tag characters', 'fr\u{E0065}ee mon\u{E0020}ey'],
  ['variation selectors', 'fr\uFE0Fee mo\uFE00ney'],
  ['Hangul filler', 'fr\u3164ee money'],
];

describe('evasion corpus: character references and confusables', () => {
  it.each(REFERENCES)('reference form: %s', async (_name, text) => {
    expect(await phrasesIn(`<p>${text}</p>`)).toEqual(['free money']);
  });

  it.each(CONFUSABLES)('confusable class: %s', async (_name, text) => {
    expect(normalizeText(text).text).toBe('free money');
    expect(await phrasesIn(`<p>${text}</p>`)).toEqual(['free money']);
  });

  it('keeps the source span of an obfuscated phrase', async () => {
    const html = '<p>Get 𝐟𝐫𝐞𝐞 m&#x6f;ney now</p>';
    const [f] = (await runRule(spamPhrases, { html, lists })).findings;
    expect(html.slice(f!.span.start, f!.span.end)).toBe('𝐟𝐫𝐞𝐞 m&#x6f;ney');
  });

  it('numeric references per the HTML spec: windows-1252 remaps, invalid code points', () => {
    expect(decodeText('&#128;100 &#150; &#x92;s &#0; &#xD800; &#x110000;')).toBe('€100 – ’s \uFFFD \uFFFD \uFFFD');
    expect(decodeText('&notit; &amp &AMP; &copy2026 &NotEqualTilde;')).toBe('¬it; & & ©2026 ≂̸');
  });

  it('ordinary words in other scripts are left alone', () => {
    expect(normalizeText('您的订单 привет Καλημέρα').text).toBe('您的订单 привет καλημερα');
  });
});
