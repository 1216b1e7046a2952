import { describe, it, expect } from 'vitest';
import { scanMustaches } from '../src/parse/mustache.js';
import { maskTemplate, tagContext, unmaskCollecting } from '../src/parse/mask.js';
import { mergeSorted, scanMergeTags } from '../src/parse/merge-tags.js';
import { growth, timeIt, tooFast } from './hostile/growth.js';

const mask = (t: string) => maskTemplate(t, scanMustaches(t).mustaches);

describe('mask', () => {
  it('keeps length and newlines, so every offset is the same', () => {
    const t = '<p class="{{cls}}">Hi {{name}}\n{{#if x}}\n{{/if}}</p>';
    const { masked } = mask(t);
    expect(masked.length).toBe(t.length);
    expect(masked.split('\n').length).toBe(t.split('\n').length);
    expect(masked).not.toContain('{{');
  });

  it('uses spaces inside a tag outside quotes, tokens in values and text', () => {
    const t = '<td {{#if a}}class="x"{{/if}} title="{{t}}">{{v}}</td>';
    const { masked, tokens } = mask(t);
    expect(masked.startsWith('<td          class="x"        title="')).toBe(true);
    expect(tokens.map((x) => x.token !== '')).toEqual([false, false, true, true]);
  });

  it('comments and quotes in text do not confuse the context', () => {
    const t = `<!-- <a "{{x}}" --><p>it's {{y}}</p><a href='{{z}}' {{w}}>`;
    const { tokens } = mask(t);
    expect(tokens.map((x) => x.token !== '')).toEqual([true, true, true, false]);
  });

  it("a tag ends at its '>' even right after '--' (<a b-->)", () => {
    const t = '<a b-->{{x}}<p {{y}}>';
    const { tokens } = mask(t);
    expect(tokens.map((x) => x.token !== '')).toEqual([true, false]);
  });

  it('unmaskCollecting restores and lists the tokens present in one pass', () => {
    const t = '<p>{{a}} {{b}} {{c}}</p>';
    const { masked, tokens } = mask(t);
    const dropped = masked.replace(tokens[1]!.token, '');
    const r = unmaskCollecting(dropped, tokens, t);
    expect(r.text).toBe('<p>{{a}}  {{c}}</p>');
    expect([...r.present]).toEqual([tokens[0]!.token, tokens[2]!.token]);
  });

  it('tokens survive and can be restored', () => {
    const t = '<p>{{a}} and {{{b}}}</p>';
    const { masked, tokens } = mask(t);
    const restored = unmaskCollecting(masked, tokens, t);
    expect(restored.present.size).toBe(2);
    expect(restored.text).toBe(t);
  });
});

/** The character loop tagContext replaced (indexOf over text and comments): the same answers. */
function tagContextByCharacter(text: string, mustaches: { span: { start: number; end: number } }[]): boolean[] {
  const result: boolean[] = new Array(mustaches.length).fill(false);
  const [TEXT, TAG, COMMENT] = [0, 1, 2];
  let state = TEXT;
  let quote = 0;
  let pos = 0;
  const isTagStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 33 || c === 63;
  for (let mi = 0; mi <= mustaches.length; mi++) {
    const m = mustaches[mi];
    const stop = m ? m.span.start : text.length;
    for (let i = pos; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (state === COMMENT) {
        if (c === 45 && text.charCodeAt(i + 1) === 45 && text.charCodeAt(i + 2) === 62 && i + 2 < stop) {
          state = TEXT;
          i += 2;
        }
      } else if (state === TEXT) {
        if (c === 60) {
          if (text.startsWith('<!--', i)) {
            state = COMMENT;
            i += 3;
          } else if (isTagStart(text.charCodeAt(i + 1))) state = TAG;
        }
      } else if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) state = TEXT;
    }
    if (!m) break;
    result[mi] = state === TAG && quote === 0;
    pos = m.span.end;
  }
  return result;
}

describe('tagContext', () => {
  it('answers as a character loop does, on generated markup', () => {
    const PIECES = ['<', '>', '"', "'", '<!--', '-->', '--', '-', '->', '<!', '<a', '</b', '<?x', ' ', 'x', '=', '{{x}}', '{{#if a}}', '{{/if}}', '{{{y}}}', '\n', '<p class="', '">', "<a href='", "'>", '<!-- {{c}} -->', '-{{x}}->', '<!-{{x}}-->', ' -name- ', '<#if x>', '*|FNAME|*', '${y}', '<!--*|X|*-->'];
    let seed = 5;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let tags = 0;
    for (let n = 0; n < 20000; n++) {
      let t = '';
      for (let k = 1 + rand(20); k > 0; k--) t += PIECES[rand(PIECES.length)];
      // As template-doc.ts masks: mustaches and other languages' merge tags.
      const scanned = scanMustaches(t).mustaches;
      const mustaches = mergeSorted(scanned, scanMergeTags(t, scanned));
      const got = tagContext(t, mustaches);
      expect(got, JSON.stringify(t)).toEqual(tagContextByCharacter(t, mustaches));
      tags += got.filter(Boolean).length;
    }
    expect(tags).toBeGreaterThan(1000);
  });

  // Each search ran on from each mustache to a '<', '-->' or quote past the next one: 233,000 `{{name}}` in one
  // paragraph (2 MB) took 3 s. n and 4n mustaches between two tags, inside a comment, inside an attribute value.
  it('takes time linear in the mustaches between two tags, in a comment or in a quoted value', async () => {
    const shapes: Record<string, (n: number) => string> = {
      text: (n) => `<p>${'{{name}} '.repeat(n)}</p>`,
      comment: (n) => `<!-- ${'{{name}} '.repeat(n)} -->`,
      doubleQuoted: (n) => `<a title="${'{{name}} '.repeat(n)}">x</a>`,
      singleQuoted: (n) => `<a title='${'{{name}} '.repeat(n)}'>x</a>`,
    };
    const g = await growth(async (n) => {
      const out: Record<string, number> = {};
      for (const [name, build] of Object.entries(shapes)) {
        const t = build(n);
        const mustaches = scanMustaches(t, 100).mustaches;
        out[name] = await timeIt(() => tagContext(t, mustaches), 2);
      }
      return out;
    }, 20_000);
    expect(tooFast(g)).toEqual([]);
  });
});
