/** Every rule is documented, and the README's rule list matches the rule metadata. */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { builtinRules } from '../src/rules/index.js';
import { coreKinds, withKindLine, withRuleTable } from '../scripts/rule-table.js';

describe('docs', () => {
  const kinds = coreKinds();
  it('rule ids are category/name and unique', () => {
    const ids = builtinRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of builtinRules) {
      expect(r.meta.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(r.meta.id.split('/')[0]).toBe(r.meta.category);
    }
  });

  it.each(builtinRules.map((r) => [r.meta.id]))('%s has a docs page with what, why and how to fix', (id) => {
    const file = `docs/rules/${id}.md`;
    expect(existsSync(file), file).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    for (const h of ['## What it catches', '## Why', '## How to fix']) expect(text, `${file}: ${h}`).toContain(h);
    const rule = builtinRules.find((r) => r.meta.id === id)!;
    if (rule.meta.schema) expect(text, `${file} documents its options`).toContain('## Options');
    expect(withKindLine(text, kinds.get(id)!), `${file} says its kind in core (run npm run docs)`).toBe(text);
  });

  it('README rule list is up to date (run npm run docs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(withRuleTable(readme)).toBe(readme);
  });
});
