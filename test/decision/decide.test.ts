import { describe, it, expect } from 'vitest';
import { decide, driverLabel } from '../../src/decision/decide.js';
import { parseModel } from '../../src/decision/model.js';
import type { Features } from '../../src/decision/features.js';
import type { Finding, Kind } from '../../src/core/types.js';

const f = (ruleId: string, kind: Kind, messageId = 'm', evidence?: string): Finding => ({
  ruleId,
  messageId,
  category: 'content',
  severity: kind === 'defect' ? 'error' : kind === 'risk' ? 'warning' : 'info',
  kind,
  message: 'x',
  part: 'html',
  path: 't.html',
  span: { start: 0, end: 1 },
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  fingerprint: 'f',
  ...(evidence !== undefined ? { evidence } : {}),
});

/** A model over two features: a risk rule and a word. logit = -2 + 3·rule + 1·word (a = 1, b = 0). */
const model = parseModel(JSON.stringify({ format: 'inboxlint-risk-model/1', version: 'test-1', bias: -2, calibration: { a: 1, b: 0 }, weights: { 'r:content/spam-phrases:phrase': 3, 't:winner': 1 } }));
const feats = (entries: [string, number][]): Features => ({
  values: new Map(entries),
  sites: new Map([['r:content/spam-phrases:phrase', { part: 'html', span: { start: 4, end: 8 }, ruleId: 'content/spam-phrases' }]]),
  locate(name) {
    return name === 't:winner' ? { part: 'html', span: { start: 10, end: 16 } } : this.sites.get(name);
  },
});
const t = { review: 0.5, reject: 0.9 };
const base = { thresholds: t, profile: 'core', probes: 'skipped' as const, model };
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('decide', () => {
  it('any defect rejects, whatever the risk, and the summary says how many', () => {
    const d = decide({ ...base, findings: [f('syntax/handlebars', 'defect', 'unclosed', '{{#if}}'), f('data/missing-variable', 'defect')], features: feats([]) });
    expect(d).toMatchObject({ verdict: 'rejected', defects: 2, model: 'test-1' });
    expect(d.risk).toBeCloseTo(sigmoid(-2), 4);
    expect(d.summary).toBe('rejected: 2 defects (syntax/handlebars, data/missing-variable)');
    expect(d.reasons[0]).toMatchObject({ ruleId: 'syntax/handlebars', kind: 'defect', evidence: '{{#if}}' });
  });

  it('advice never changes the verdict', () => {
    const advice = Array.from({ length: 50 }, (_, i) => f('accessibility/html-lang', 'advice', 'missing', String(i)));
    const d = decide({ ...base, findings: advice, features: feats([]) });
    expect(d).toMatchObject({ verdict: 'approved', defects: 0 });
    expect(d.summary).toBe(`approved: risk ${sigmoid(-2).toFixed(2)} < 0.5`);
  });

  it('risk decides through the calibrated model and the profile thresholds', () => {
    const risky = [f('content/spam-phrases', 'risk', 'phrase', 'winner')];
    // -2 + 3 = 1 → 0.73: review
    const review = decide({ ...base, findings: risky, features: feats([['r:content/spam-phrases:phrase', 1]]) });
    expect(review.verdict).toBe('needs_review');
    expect(review.risk).toBeCloseTo(sigmoid(1), 4);
    expect(review.summary).toBe(`needs review: risk ${sigmoid(1).toFixed(2)} ≥ 0.5`);
    // -2 + 3 + 1 = 2 → 0.88: still review; a stricter profile rejects the same template
    const both = feats([['r:content/spam-phrases:phrase', 1], ['t:winner', 1]]);
    expect(decide({ ...base, findings: risky, features: both }).verdict).toBe('needs_review');
    expect(decide({ ...base, thresholds: { review: 0.25, reject: 0.6 }, findings: risky, features: both }).verdict).toBe('rejected');
  });

  it('lists the features that moved the risk, strongest first, with where they are', () => {
    const d = decide({ ...base, findings: [f('content/spam-phrases', 'risk', 'phrase', 'winner')], features: feats([['r:content/spam-phrases:phrase', 1], ['t:winner', 1], ['t:unknown', 1]]), position: (_p, s) => ({ line: 1, column: s.start + 1 }) });
    expect(d.drivers).toEqual([
      { feature: 'r:content/spam-phrases:phrase', weight: 3, ruleId: 'content/spam-phrases', part: 'html', span: { start: 4, end: 8 }, line: 1, column: 5 },
      { feature: 't:winner', weight: 1, token: 'winner', part: 'html', span: { start: 10, end: 16 }, line: 1, column: 11 },
    ]);
    expect(d.reasons).toEqual([{ ruleId: 'content/spam-phrases', evidence: 'winner', points: 3, severity: 'warning', kind: 'risk' }]);
  });

  it('without a model the risk is 0 and only defects decide', () => {
    const d = decide({ findings: [f('content/spam-phrases', 'risk')], thresholds: t, profile: 'custom', probes: 'skipped' });
    expect(d).toMatchObject({ verdict: 'approved', risk: 0, model: 'none', drivers: [] });
  });

  it('says when the subject was not reviewed', () => {
    expect(decide({ ...base, findings: [], features: feats([]), subjectReviewed: false }).subject).toBe('not_reviewed');
    expect(decide({ ...base, findings: [], features: feats([]), subjectReviewed: true }).subject).toBe('reviewed');
  });

  it('says what each kind of driver is in words, never by its feature name', () => {
    expect(driverLabel({ feature: 'r:content/spam-phrases:phrase', weight: 3, ruleId: 'content/spam-phrases' })).toBe('content/spam-phrases');
    expect(driverLabel({ feature: 'p:phishing', weight: 1, token: 'phishing' })).toBe('phishing wording');
    expect(driverLabel({ feature: 'ph:prizes', weight: 1, token: 'prizes' })).toBe('hidden prizes wording');
    expect(driverLabel({ feature: 'u:login', weight: 1, token: 'login' })).toBe('link "login"');
    expect(driverLabel({ feature: 'h:cash', weight: 1, token: 'cash' })).toBe('hidden "cash"');
    expect(driverLabel({ feature: 't:winner', weight: 1, token: 'winner' })).toBe('"winner"');
    expect(driverLabel({ feature: 'n:detectors', weight: 0.85 })).toBe('how many risk signals fired');
    expect(driverLabel({ feature: 'f:foreign', weight: 0.2 })).toBe('another language (words not read)');
  });
});
