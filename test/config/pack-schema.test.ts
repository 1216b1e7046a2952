import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { packSchema, listSchema } from '../../src/config/pack-schema.js';

describe('committed JSON schemas', () => {
  it('rules/pack.schema.json equals the TypeScript export (run npx tsx scripts/write-pack-schema.ts)', () => {
    expect(JSON.parse(readFileSync(new URL('../../rules/pack.schema.json', import.meta.url), 'utf8'))).toEqual(JSON.parse(JSON.stringify(packSchema)));
  });
  it('rules/lists/list.schema.json equals the TypeScript export', () => {
    expect(JSON.parse(readFileSync(new URL('../../rules/lists/list.schema.json', import.meta.url), 'utf8'))).toEqual(JSON.parse(JSON.stringify(listSchema)));
  });
});
