import { describe, expect, it } from 'vitest';
import { getNodeValue, parseTree } from 'jsonc-parser';
import { parseJson, spanAt } from '../../src/parse/json.js';

const VALID = [
  '{"a": 1, "b": [true, null, "x", {"c": -0.5e3}], "d": {}}',
  '[1, 2, [3, [4]]]',
  '"just a string"',
  '42',
  'null',
  '{"__proto__": {"polluted": true}, "constructor": "c", "toString": 1}',
  '{"dup": 1, "dup": 2}',
  '{"emoji": "😀 \\ud83d\\ude00", "lone": "\\ud800", "zh": "中文"}',
  '\n  {"spaced" :\t[ ]\r\n}  ',
];

describe('parseJson', () => {
  it('gives the values jsonc-parser gives, with prototype-free objects, for valid JSON', () => {
    for (const text of VALID) {
      const doc = parseJson(text);
      expect(doc.errors).toEqual([]);
      expect(doc.value).toEqual(getNodeValue(parseTree(text)!));
      const v = doc.value as Record<string, unknown>;
      if (v && typeof v === 'object' && !Array.isArray(v)) expect(Object.getPrototypeOf(v)).toBe(null);
    }
    const proto = parseJson('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((parseJson('{"a": {}}').value as { a: object }).a.constructor).toBeUndefined();
  });

  it('builds the located tree when asked, and locates values in it', () => {
    const text = '{\n  "order": {"id": "A-1", "items": [1, 2]}\n}';
    const doc = parseJson(text);
    expect(doc.tree?.type).toBe('object');
    expect(text.slice(spanAt(doc, ['order', 'id']).start, spanAt(doc, ['order', 'id']).end)).toBe('"A-1"');
    expect(text.slice(spanAt(doc, ['order', 'items', 1]).start, spanAt(doc, ['order', 'items', 1]).end)).toBe('2');
  });

  it('locates errors in what JSON.parse refuses', () => {
    expect(parseJson('{"a": 1,}').errors[0]).toMatchObject({ span: { start: 8 } });
    expect(parseJson('{"a" 1}').errors[0]?.message).toBe("':' expected");
    expect(parseJson('// c\n{}').errors[0]?.message).toBe('comments are not allowed in JSON');
    expect(parseJson('').errors[0]?.message).toBe('value expected');
    expect(parseJson('{"a":\u00a01}').errors[0]).toMatchObject({ message: 'unexpected character', span: { start: 5 } });
  });
});
