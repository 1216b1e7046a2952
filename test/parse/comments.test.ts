import { describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { commentTest } from '../../src/parse/comments.js';

/** Offsets of the text that htmlparser2 reads as comment content or delimiters. */
function byHtmlparser2(text: string): boolean[] {
  const inside = new Array<boolean>(text.length).fill(false);
  const p = new Parser({
    oncomment() {
      for (let i = p.startIndex; i <= p.endIndex && i < text.length; i++) inside[i] = true;
    },
  });
  p.end(text);
  return inside;
}

describe('commentTest', () => {
  it('finds comments as htmlparser2 (and so MJML) reads them, `<!-->` and `<!--->` being empty comments', () => {
    for (const text of ['a<!-- x -->b{{y}}', '<!--><b>{{x}}</b>-->after', '<!---><b>{{x}}</b>', 'a<!-- open {{x}} and never closed', '<!-- a --><!-- b -->c', '{{x}}<!--{{y}}-->']) {
      const inComment = commentTest(text);
      const want = byHtmlparser2(text);
      // Inside: strictly after the comment's first character and before its `-->`.
      for (let i = 0; i < text.length; i++) if (text.startsWith('{{', i)) expect(inComment(i), `${text} @${i}`).toBe(want[i]);
    }
  });

  it('answers offsets in any order', () => {
    const text = '<!-- a -->x<!-- b -->y';
    const inComment = commentTest(text);
    expect([15, 5, 10, 21, 0].map(inComment)).toEqual([true, true, false, false, false]);
  });
});
