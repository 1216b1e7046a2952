/**
 * Every rule that reports a fix or a suggestion has RuleTester cases that state its output (RuleTester fails
 * a case whose findings have fixes it does not state; this makes sure such a case exists at all).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { builtinRules } from '../../src/rules/index.js';

const ruleFile = (id: string) => `src/rules/${id}.ts`;
const fixing = builtinRules.map((r) => r.meta.id).filter((id) => existsSync(ruleFile(id)) && /\b(fix|suggestions)\s*:/.test(readFileSync(ruleFile(id), 'utf8')));

describe('fixes are tested', () => {
  it('finds the fixing rules', () => {
    expect(fixing.length).toBeGreaterThanOrEqual(9);
  });
  it.each(fixing.map((id) => [id]))('%s states its fix output in its tests', (id) => {
    const test = `test/rules/${id}.test.ts`;
    expect(existsSync(test), test).toBe(true);
    expect(readFileSync(test, 'utf8')).toMatch(/\b(output|suggestions)\s*:/);
  });
  it('syntax/unused-disable (fixed by review()) states its fix output', () => {
    expect(readFileSync('test/rules/syntax/unused-disable.test.ts', 'utf8')).toContain('applyEdits(');
  });
});
