import { describe, expect, it } from 'vitest';
import { decideVerdict, reviewTemplate } from '../../src/index.js';

describe('decideVerdict', () => {
  it("gives a report's own verdict and summary back, and the verdict without its defects", async () => {
    const r = await reviewTemplate({ html: '<p>Hi {{name}}</p><script>alert(1)</script>', subject: 'Hi', data: { name: 'Ada' } });
    const defects = r.findings.filter((f) => f.kind === 'defect');
    expect(defects.length).toBeGreaterThan(0);
    expect(decideVerdict(defects, r.decision.risk, r.decision.thresholds)).toEqual({ verdict: r.decision.verdict, summary: r.decision.summary });
    const without = decideVerdict([], r.decision.risk, r.decision.thresholds);
    expect(without.verdict).not.toBe('rejected');
    expect(without.summary).toMatch(/^(approved|needs review): risk /);
  });

  it('decides by risk against the thresholds when no defect is left', () => {
    const t = { review: 0.5, reject: 0.9 };
    expect(decideVerdict([], 0.2, t)).toEqual({ verdict: 'approved', summary: 'approved: risk 0.20 < 0.5' });
    expect(decideVerdict([], 0.6, t)).toEqual({ verdict: 'needs_review', summary: 'needs review: risk 0.60 ≥ 0.5' });
    expect(decideVerdict([], 0.95, t).verdict).toBe('rejected');
  });
});

describe('single-brace placeholders under core', () => {
  it('reject beside Handlebars expressions, and are advice where they may be the sender\'s own syntax', async () => {
    const own = await reviewTemplate({ html: '<p>Hello {firstname}, your order {order_name} has shipped.</p>', subject: 'Your order' });
    expect(own.findings.filter((f) => f.ruleId === 'data/provider-syntax').map((f) => f.kind)).toEqual(['advice', 'advice']);
    expect(own.decision.verdict).not.toBe('rejected');
    const typo = await reviewTemplate({ html: '<p>Hello {firstname}, your code is {{code}}.</p>', subject: 'Your code', data: { code: '123' } });
    expect(typo.findings.filter((f) => f.ruleId === 'data/provider-syntax').map((f) => f.kind)).toEqual(['defect']);
    expect(typo.decision.verdict).toBe('rejected');
  });
});
