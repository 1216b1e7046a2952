import { describe, expect, it } from 'vitest';
import { parseTemplate, textNodes } from '../../src/analysis/template-doc.js';
import { attrsHash, contentText } from '../../src/analysis/text.js';
import { sourceFor } from '../rule-tester.js';

const html = async (text: string) => contentText(await parseTemplate(sourceFor({ html: text }))).html!;
const mjml = async (text: string) => contentText(await parseTemplate(sourceFor({ mjml: text }))).html!;

describe('contentText (HTML part)', () => {
  it('reads the body text with exact source offsets, not head, style, script, template or filler nodes', async () => {
    const src = '<html><head><title>Title</title><style>p{}</style></head><body>\n  <p>Hello <b>there</b></p><script>x()</script><template>t</template><p>&nbsp;&zwnj;</p>tail</body></html>';
    const pt = await html(src);
    expect(pt.runs.map((r) => [r.text, src.slice(r.start, r.end)])).toEqual([
      ['Hello ', 'Hello '],
      ['there', 'there'],
      ['tail', 'tail'],
    ]);
    expect(pt.runs.map((r) => r.el?.name)).toEqual(['p', 'b', 'body']);
    expect(pt.normalized().text).toBe('hello there tail');
  });

  it('keeps text at the top level (no element around it) and marks text inside links', async () => {
    const pt = await html('top <a href="https://x.test">link <i>text</i></a>');
    expect(pt.runs.map((r) => [r.text, r.el?.name, r.inLink ?? false])).toEqual([
      ['top ', undefined, false],
      ['link ', 'a', true],
      ['text', 'i', true],
    ]);
  });

  it('lists links in document order, also hidden ones, but not those in skipped elements', async () => {
    const pt = await html('<head><a href="/h">h</a></head><div style="display:none"><a href="/1">1</a></div><area href="/2"><a name="x">no href</a><mj-button href="/3">3</mj-button>');
    expect(pt.links.map((l) => l.attribs.href)).toEqual(['/1', '/2', '/3']);
  });

  it('keeps hidden text apart with the element that hides it, through inline styles and <style> classes', async () => {
    const src = '<style>.gone { display: none } .pale { color: #fefefe }</style><table bgcolor="#ffffff"><tr><td><p>Visible text for the preheader check to pass its sixty characters.</p><div class="gone"><span>cheap pills</span></div><p class="pale">pale words</p><p style="font-size:1px">tiny</p></td></tr></table>';
    const pt = await html(src);
    expect(pt.runs.map((r) => r.text)).toEqual(['Visible text for the preheader check to pass its sixty characters.']);
    expect(pt.hidden.map((h) => [h.text, h.reason, h.by.name, h.by.attribs.class ?? h.by.attribs.style, h.preheader])).toEqual([
      ['cheap pills', 'display-none', 'div', 'gone', false],
      ['pale words', 'low-contrast', 'p', 'pale', false],
      ['tiny', 'tiny-font', 'p', 'font-size:1px', false],
    ]);
    expect(pt.hidden[2]!.detail).toBe('1px');
  });

  it('reads the style sheets an HTML parser sees: any letter case, not text inside <title>', async () => {
    const filler = '<p>Visible text for the preheader check to pass its sixty characters.</p>';
    const pt = await html(`<head><title><style>.a { display: none }</style></title><Style>.b { display: none }</Style></head><body>${filler}<p class="a">shown</p><p class="b">hidden</p></body>`);
    expect(pt.runs.map((r) => r.text)).toContain('shown');
    expect(pt.hidden.map((h) => [h.text, h.reason])).toEqual([['hidden', 'display-none']]);
    // The <title> holds text, not a sheet: it is read as the title (unseen text of its own).
    expect(pt.unseen.map((h) => [h.text, h.reason])).toEqual([['<style>.a { display: none }</style>', 'title']]);
  });

  it('tells apart elements whose attributes hash alike (each signature resolved once, verified)', async () => {
    // Two class names whose <p class> signatures share a hash (birthday search), one hidden by the sheet.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; !pair; n++) {
      const c = `c${n.toString(36)}`;
      const h = attrsHash('p', { class: c });
      const other = seen.get(h);
      if (other !== undefined) pair = [other, c];
      else seen.set(h, c);
    }
    const [shown, gone] = pair;
    const filler = '<p>Visible text for the preheader check to pass its sixty characters.</p>';
    for (const [a, b] of [[shown, gone], [gone, shown]]) {
      const pt = await html(`<style>.${gone} { display: none }</style>${filler}<p class="${a}">first</p><p class="${b}">second</p><p class="${a}">third</p>`);
      const hiddenText = a === gone ? ['first', 'third'] : ['second'];
      expect(pt.hidden.map((h) => h.text)).toEqual(hiddenText);
      expect(pt.runs.map((r) => r.text).filter((t) => !hiddenText.includes(t) && t !== 'Visible text for the preheader check to pass its sixty characters.')).toHaveLength(3 - hiddenText.length);
    }
  });

  it('treats short hidden text at the top as the preheader and scores it with the visible text', async () => {
    const pt = await html('<body><div style="display:none">Your order shipped</div><p>Thanks for shopping.</p></body>');
    expect(pt.hidden.map((h) => [h.text, h.preheader])).toEqual([['Your order shipped', true]]);
    expect(pt.scored.map((r) => r.text)).toEqual(['Your order shipped', 'Thanks for shopping.']);
  });
});

describe('contentText (MJML source)', () => {
  it('reads mj-preview as preheader text and nothing else from mj-head', async () => {
    const pt = await mjml('<mjml><mj-head><mj-title>Title</mj-title><mj-preview>Preview text</mj-preview><mj-attributes><mj-all font-family="x" /></mj-attributes></mj-head><mj-body><mj-section><mj-column><mj-text>Body</mj-text><mj-button href="https://x.test">Go</mj-button></mj-column></mj-section></mj-body></mjml>');
    expect(pt.hidden.map((h) => [h.text, h.reason, h.preheader])).toEqual([['Preview text', 'mj-preview', true]]);
    expect(pt.unseen.map((h) => [h.text, h.reason])).toEqual([['Title', 'title']]);
    expect(pt.runs.map((r) => [r.text, r.inLink ?? false])).toEqual([
      ['Body', false],
      ['Go', true],
    ]);
    expect(pt.links.map((l) => l.name)).toEqual(['mj-button']);
  });
});

describe('textNodes', () => {
  it('lists text nodes under the root and elements in document order, not those inside CDATA', async () => {
    const doc = await parseTemplate(sourceFor({ html: 'a<p>b<i>c</i></p><![CDATA[x]]>d' }));
    expect(textNodes(doc.html!).map((t) => t.data)).toEqual(['a', 'b', 'c', 'd']);
  });
});
