import { describe, it, expect } from 'vitest';
import { scanMustaches } from '../src/parse/mustache.js';
import { maskTemplate, unmaskCollecting } from '../src/parse/mask.js';

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
