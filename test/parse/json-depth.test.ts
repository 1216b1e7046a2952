import { describe, it, expect } from 'vitest';
import { parseJson, MAX_JSON_DEPTH } from '../../src/parse/json.js';
import rule from '../../src/rules/data/missing-variable.js';
import { runRule } from '../rule-tester.js';

describe('deeply nested TemplateData', () => {
  it('parseJson refuses it with a located error instead of overflowing the stack', () => {
    const text = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const j = parseJson(text);
    expect(j.errors[0]!.message).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(j.errors[0]!.span.start).toBe(MAX_JSON_DEPTH * 5);
  });

  it(`${MAX_JSON_DEPTH} levels parse, one more is refused (valid and invalid JSON alike)`, () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseJson(nest(MAX_JSON_DEPTH)).errors).toEqual([]);
    expect(parseJson(nest(MAX_JSON_DEPTH + 1)).errors[0]).toMatchObject({ span: { start: MAX_JSON_DEPTH } });
    expect(parseJson(nest(MAX_JSON_DEPTH + 1) + ',').errors[0]).toMatchObject({ span: { start: MAX_JSON_DEPTH } });
  });

  it('brackets inside strings do not count', () => {
    expect(parseJson(JSON.stringify({ s: '['.repeat(5000) })).errors).toEqual([]);
  });

  it('data rules run on the rest of the review', async () => {
    const r = await runRule(rule, { html: '{{a.b}}', data: '['.repeat(3000) + ']'.repeat(3000) });
    expect(r.internalErrors).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});
