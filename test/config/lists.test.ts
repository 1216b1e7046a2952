import { describe, it, expect } from 'vitest';
import { resolveConfig, type PackReader } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/config/errors.js';
import { patternProblem } from '../../src/config/lists.js';
import { builtinRules } from '../../src/rules/index.js';

function reader(files: Record<string, string>): PackReader {
  return {
    pack: (id) => (files[`${id}.yaml`] !== undefined ? { path: `/packs/${id}.yaml`, text: files[`${id}.yaml`]! } : undefined),
    ref: (ref) => (files[ref] !== undefined ? { path: `/packs/${ref}`, text: files[ref]! } : undefined),
    packIds: () => Object.keys(files).filter((f) => !f.startsWith('lists/')).map((f) => f.replace(/\.yaml$/, '')),
  };
}

function resolveWith(list: string): unknown {
  return resolveConfig({ rules: builtinRules, reader: reader({ 'core.yaml': 'id: core\nlists:\n  phrases-en: lists/x.yaml\n', 'lists/x.yaml': list }) });
}

function error(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no ConfigError');
}

describe('phrase list validation at load', () => {
  it('accepts a good list', () => {
    expect(() => resolveWith("entries:\n  - { phrase: free, weight: 1, category: free-money }\n  - { pattern: '\\bfoo\\b', weight: 1, category: urgency }\n")).not.toThrow();
  });

  it('names file, pointer and line for a bad entry shape', () => {
    const e = error(() => resolveWith('entries:\n  - { phrase: free, category: free-money }\n'));
    expect(e.file).toBe('/packs/lists/x.yaml');
    expect(e.pointer).toBe('/entries/0');
    expect(e.line).toBe(2);
  });

  it('rejects an unknown category', () => {
    const e = error(() => resolveWith('entries:\n  - { phrase: free, weight: 1, category: nope }\n'));
    expect(e.pointer).toBe('/entries/0/category');
  });

  it('rejects a catastrophic-backtracking pattern with its pointer and line', () => {
    const e = error(() => resolveWith("entries:\n  - { phrase: ok, weight: 1, category: urgency }\n  - { pattern: '(a+)+$', weight: 1, category: urgency }\n"));
    expect(e.pointer).toBe('/entries/1/pattern');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/backtrack/);
  });

  it('checks inline lists in a pack too', () => {
    const e = error(() => resolveConfig({ rules: builtinRules, reader: reader({ 'core.yaml': "id: core\nlists:\n  phrases-en:\n    - { pattern: '(x|xy)*z', weight: 1, category: urgency }\n" }) }));
    expect(e.file).toBe('/packs/core.yaml');
    expect(e.pointer).toBe('/lists/phrases-en/0/pattern');
  });
});

describe('patternProblem', () => {
  it.each([
    ['\\bfree\\b', undefined],
    ['(?:低至|仅需)\\s*\\d+(?:\\.\\d+)?\\s*元', undefined],
    ['(a+)+$', /backtrack/],
    ['(a|ab)*c', /alternation/],
    ['(\\w)\\1', /backreference/],
    ['[', /not a valid/],
  ])('%s', (p, expected) => {
    const r = patternProblem(p);
    if (expected === undefined) expect(r).toBeUndefined();
    else expect(r).toMatch(expected);
  });
});
