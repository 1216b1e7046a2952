/** Turning probe results into findings: shared by images/broken and links/broken. */
import type { RuleContext } from '../rule.js';
import type { ProbeResult } from '../../core/probe-port.js';
import type { UrlRef } from '../../analysis/urls.js';
import { candidates, sampleNote } from '../../analysis/url-info.js';
import { atMostWarning, probeFor, refSpan, shown } from './refs.js';

export const MAX_REDIRECTS = 5;

/** severity "rule": the rule's configured severity; "warning"/"info": at most that. */
export type ProbeVerdict =
  | { messageId: string; severity: 'rule' | 'warning' | 'info'; points?: number; data: Record<string, unknown> };

/**
 * Report each distinct probe outcome of a reference once (a dynamic URL may resolve to several URLs).
 * `classify` returns the findings for one result (an image rule also checks content type and size).
 */
export function reportProbes(ctx: RuleContext<any>, ref: UrlRef, classify: (r: ProbeResult) => ProbeVerdict[]): void {
  const seen = new Set<string>();
  for (const c of candidates(ref)) {
    const result = probeFor(ctx, c.value);
    if (!result) continue;
    for (const v of classify(result)) {
      const key = `${v.messageId}|${result.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        messageId: v.messageId,
        data: { url: shown(result.url), note: sampleNote(c.samples), reason: result.reason, ...v.data },
        part: ref.part,
        span: refSpan(ref),
        evidence: result.url,
        ...(v.severity === 'rule' ? {} : { severity: v.severity === 'warning' ? atMostWarning(ctx) : 'info' }),
        ...(v.points !== undefined ? { points: v.points } : {}),
      });
    }
  }
}

/** Outcomes every probed URL shares: could not tell, refused, redirects. */
export function commonVerdicts(r: ProbeResult): ProbeVerdict[] | undefined {
  if (r.status === 'unknown') {
    return [{ messageId: 'unknown', severity: 'warning', points: 0, data: { status: r.httpStatus ? `HTTP ${r.httpStatus}` : r.code } }];
  }
  if (r.status === 'refused') return [{ messageId: 'refused', severity: 'warning', points: 0, data: {} }];
  return undefined;
}

export function redirectVerdicts(r: ProbeResult): ProbeVerdict[] {
  const out: ProbeVerdict[] = [];
  const hops = r.redirects?.length ?? 0;
  if (hops > MAX_REDIRECTS && r.status === 'ok') {
    out.push({ messageId: 'tooManyRedirects', severity: 'rule', data: { hops, max: MAX_REDIRECTS } });
    return out;
  }
  if (hops && r.redirectedToHttp) out.push({ messageId: 'redirectHttp', severity: 'warning', data: { hops, final: shown(r.finalUrl ?? '') } });
  else if (hops && r.redirectedToOtherHost) out.push({ messageId: 'redirectHost', severity: 'info', points: 0, data: { hops, final: shown(r.finalUrl ?? '') } });
  return out;
}
