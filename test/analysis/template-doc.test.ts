import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { parseTemplate, textContent, elementsByTag, allElements } from '../../src/analysis/template-doc.js';
import { sourceFor } from '../rule-tester.js';

describe('template-doc element helpers', () => {
  it('textContent gives what cheerio .text() gives, comments excluded, at any depth', async () => {
    const html = '<p>a<b>b<!-- c --><i>d</i></b>&amp;e<![CDATA[x]]></p>';
    const doc = await parseTemplate(sourceFor({ html }));
    const p = elementsByTag(doc.html!, 'p')[0]!;
    expect(textContent(p)).toBe(cheerio.load(html)('p').text());
    const deep = `<mj-title>${'<b>'.repeat(50_000)}x${'</b>'.repeat(50_000)}</mj-title>`;
    const d2 = await parseTemplate(sourceFor({ mjml: `<mjml><mj-head>${deep}</mj-head><mj-body></mj-body></mjml>` }), { maxDomDepth: 100_000 });
    expect(textContent(elementsByTag(d2.html!, 'mj-title')[0]!)).toBe('x');
  });

  it('elementsByTag and allElements list elements in document order; cheerio sees the same nodes', async () => {
    const doc = await parseTemplate(sourceFor({ html: '<div><img src="a"><p><img src="b"></p></div><mj-image src="c"/><img src="d">' }));
    const html = doc.html!;
    expect(elementsByTag(html, 'img', 'mj-image').map((e) => e.attribs.src)).toEqual(['a', 'b', 'c', 'd']);
    expect(allElements(html).map((e) => e.name)).toEqual(['div', 'img', 'p', 'img', 'mj-image', 'img']);
    expect(html.dom('img').get(0)).toBe(elementsByTag(html, 'img')[0]);
  });
});
