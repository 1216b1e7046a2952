import { describe, it, expect } from 'vitest';
import { decide } from '../../src/score/decide.js';
import type { Finding } from '../../src/core/types.js';

const f = (ruleId: string, points: number, evidence?: string, severity: Finding['severity'] = 'warning'): Finding => ({
  ruleId,
  messageId: 'm',
  category: 'content',
  severity,
  kind: severity === 'error' ? 'defect' : 'risk',
  message: 'x',
  part: 'html',
  path: 't.html',
  span: { start: 0, end: 1 },
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  points,
  fingerprint: 'f',
  ...(evidence !== undefined ? { evidence } : {}),
});
const t = { review: 5, reject: 15 };

describe('decide', () => {
  it('approves below the review threshold, reviews at it, rejects at the reject threshold', () => {
    expect(decide([f('a/x', 4.99)], t, 'core', 'skipped').verdict).toBe('approved');
    expect(decide([f('a/x', 5)], t, 'core', 'skipped').verdict).toBe('needs_review');
    expect(decide([f('a/x', 15)], t, 'core', 'skipped').verdict).toBe('rejected');
  });

  it('any error rejects, whatever the score, and leads the reasons', () => {
    const d = decide([f('a/x', 3, 'p'), f('b/y', 0, 'e', 'error')], t, 'core', 'ran');
    expect(d).toMatchObject({ verdict: 'rejected', score: 3, probes: 'ran' });
    expect(d.reasons[0]).toMatchObject({ ruleId: 'b/y', severity: 'error' });
  });

  it('counts each (rule, evidence) once', () => {
    const d = decide([f('c/p', 2, 'free'), f('c/p', 2, 'free'), f('c/p', 2, 'winner')], t, 'core', 'skipped');
    expect(d.score).toBe(4);
    expect(d.reasons.map((r) => r.evidence)).toEqual(['free', 'winner']);
  });

  it("caps a rule's total points", () => {
    const many = Array.from({ length: 10 }, (_, i) => f('images/require-https', 1, `http://x.example/${i}.png`));
    expect(decide(many, t, 'core', 'skipped').score).toBe(10);
    const capped = decide(many, t, 'core', 'skipped', new Map([['images/require-https', 2]]));
    expect(capped).toMatchObject({ score: 2, verdict: 'approved' });
  });
});
