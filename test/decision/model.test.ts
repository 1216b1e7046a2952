/** The committed risk model (rules/model/risk-model.json): loads, is what core uses, detectors only add risk. */
import { describe, it, expect } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { parseModel } from '../../src/decision/model.js';
import { Engine } from '../../src/node/engine.js';

const file = 'rules/model/risk-model.json';

describe('committed risk model', () => {
  const model = parseModel(readFileSync(file, 'utf8'));

  it('is the model core reviews with, and small enough to review like a pack', () => {
    expect(new Engine({ configPath: null }).config('core').model?.version).toBe(model.version);
    expect(statSync(file).size).toBeLessThan(3 * 1024 * 1024);
    expect(model.version).toMatch(/^1-[0-9a-f]{10}$/);
  });

  it('gives rule and phrase-category features only weights that add risk', () => {
    const negative = Object.entries(model.weights).filter(([k, w]) => /^(?:r|p|ph):/.test(k) && w < 0);
    expect(negative).toEqual([]);
    expect(Object.keys(model.weights).some((k) => k.startsWith('r:'))).toBe(true);
  });

  it('refuses a file that is not a model, naming what is wrong', () => {
    expect(() => parseModel('{"format":"inboxlint-risk-model/1","version":"x","bias":0,"calibration":{"a":1},"weights":{}}')).toThrow(/calibration must have required property 'b'/);
    expect(() => parseModel('nope')).toThrow(/is not JSON/);
  });
});
