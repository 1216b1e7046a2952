/**
 * The review's time budget (settings.limits.reviewMs) covers parsing as well as the rules: a budget spent
 * while parsing leaves out the Handlebars parse of the parts still to parse and every rule but
 * syntax/review-limits, which says what was left out. The budget is set to a microsecond here, which any
 * parse overruns: no timing is measured.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/node/engine.js';
import { sourceFor } from '../rule-tester.js';

const template = {
  html: '<!doctype html><html lang="en"><head><title>T</title></head><body><p>Hello {{name}}</p><img src="http://example.com/a.png"></body></html>',
  text: 'Hello {{name}}, {{#if x}}yes{{/if}}',
  meta: JSON.stringify({ subject: 'Hello', category: 'transactional' }),
};

describe('the time budget covers parsing', () => {
  it('spent while parsing: later Handlebars parses and the rules are left out, and one finding says which', async () => {
    const engine = new Engine({ configPath: null, settings: { limits: { reviewMs: 0.001 } } });
    const r = await engine.review(sourceFor(template));
    expect(r.doc.parseSkipped).toContain('the Handlebars parse of the text part');
    expect(r.doc.text?.ast).toBeUndefined();
    expect(r.doc.text?.scan.mustaches.length).toBe(3); // scanned all the same
    // Only syntax/review-limits ran.
    expect(Object.keys(r.timings)).toEqual(['syntax/review-limits']);
    const limits = r.findings.filter((f) => f.ruleId === 'syntax/review-limits');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.message).toMatch(/longer than 0\.001 ms .*most in parsing \(\d+ ms\); left out: .*the Handlebars parse of the text part; these rules were skipped: .*images\/require-https/);
    expect(limits[0]!.kind).toBe('defect');
    expect(r.decision.verdict).toBe('rejected');
  });

  it('not spent: everything is parsed and no budget finding', async () => {
    const r = await new Engine({ configPath: null }).review(sourceFor(template));
    expect(r.doc.parseSkipped).toEqual([]);
    expect(r.doc.text?.ast).toBeDefined();
    expect(r.findings.filter((f) => f.ruleId === 'syntax/review-limits')).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toContain('images/require-https');
  });
});
