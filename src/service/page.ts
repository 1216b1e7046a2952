/**
 * The review page for the human reviewer: server-rendered HTML, no front-end build, no script at all.
 *
 * - Login with an API key → a session cookie (HttpOnly, SameSite=Strict, Path=/ui; Secure behind HTTPS).
 *   Sessions live in this process's memory (a restart logs reviewers out).
 * - Every form carries the session's CSRF token, compared in constant time.
 * - Previews: each TemplateData sample rendered on a review thread when the page is opened (`previews`;
 *   results stored by earlier versions carry their own), shown in `<iframe sandbox srcdoc>`: no
 *   scripts, an opaque origin, a Content-Security-Policy in the page and in each frame's document, and
 *   remote resource URLs removed from the markup, unless the reviewer asks for remote images (`?remote=1`).
 */
import * as cheerio from 'cheerio';
import express, { type Request, type Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { driverLabel, type Finding, type Report } from '../index.js';
import { bodyFiles, type Preview } from './review-adapter.js';
import type { Decision, KeyRecord, Review, ReviewResult, Store } from './store/types.js';

export interface PageDeps {
  store: Store;
  authenticate: (header: string | undefined) => Promise<KeyRecord | undefined>;
  decide: (key: KeyRecord, id: string, body: unknown) => Promise<Decision>;
  secureCookies: boolean;
  /** Renders a stored body's samples (on a review thread); without it, reviews show no preview. */
  previews?: (body: string, profile: string) => Promise<Preview[]>;
}

interface Session {
  key: KeyRecord;
  csrf: string;
  expires: number;
}

const COOKIE = 'inboxlint_session';
const SESSION_MS = 8 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The page's CSP. Remote images only when the reviewer asked; never scripts, never remote frames. */
function csp(remote: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data:${remote ? ' https: http:' : ''}`,
    `font-src data:${remote ? ' https:' : ''}`,
    "frame-src 'self' about:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center}
header a{color:#cfe0ff} header form{margin-left:auto}
main{padding:16px 20px;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff} td,th{padding:6px 10px;border-bottom:1px solid #e3e6eb;text-align:left}
.v{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px}
.approved{background:#d7f5de;color:#17602b}.rejected{background:#fbd9d9;color:#8a1c1c}.needs_review{background:#fff0c7;color:#7a5600}
.filters a{margin-right:10px} .filters a.on{font-weight:700;text-decoration:none;color:#000}
section{background:#fff;border:1px solid #e3e6eb;border-radius:6px;padding:12px 16px;margin:12px 0}
pre.frame{background:#0f1420;color:#d9e1f2;padding:8px;overflow:auto;font-size:12px} .frame .hl{background:#5b2330}
.finding{margin:10px 0} .sev-error{color:#8a1c1c}.sev-warning{color:#7a5600}.sev-info{color:#34538a}
iframe{width:100%;height:420px;border:1px solid #ccd;background:#fff}
textarea{width:100%;min-height:60px} .err{color:#8a1c1c}
`;

function layout(title: string, body: string, session?: Session): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · inboxlint</title><style>${STYLE}</style></head><body>
<header><strong>inboxlint review</strong>${session ? `<a href="/ui/reviews">Queue</a><span>tenant ${esc(session.key.tenantName)}</span><form method="post" action="/ui/logout"><input type="hidden" name="csrf" value="${esc(session.csrf)}"><button>Log out</button></form>` : ''}</header>
<main>${body}</main></body></html>`;
}

const verdictBadge = (v: string | undefined) => (v ? `<span class="v ${esc(v)}">${esc(v.replace('_', ' '))}</span>` : '—');

/** Lines around a finding, the finding's columns marked. */
export function codeFrame(text: string, f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, context = 2): string {
  const lines = text.split(/\r\n|\r|\n/);
  const from = Math.max(1, f.line - context);
  const to = Math.min(lines.length, f.endLine + context);
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const line = (lines[n - 1] ?? '').slice(0, 400);
    const gutter = String(n).padStart(String(to).length, ' ');
    if (n < f.line || n > f.endLine) {
      out.push(`  ${gutter} | ${esc(line)}`);
      continue;
    }
    const a = n === f.line ? f.column - 1 : 0;
    const b = n === f.endLine ? Math.max(a + 1, f.endColumn - 1) : line.length;
    out.push(`&gt; ${gutter} | ${esc(line.slice(0, a))}<span class="hl">${esc(line.slice(a, b)) || ' '}</span>${esc(line.slice(b))}`);
  }
  return `<pre class="frame">${out.join('\n')}</pre>`;
}

/**
 * The frame's document. Remote content is kept out in two ways: the document leads with its own CSP
 * (whether a srcdoc frame inherits the page's policy has varied between browser versions), and unless the
 * reviewer asked for remote images, remote resource URLs are taken out of the markup before it is sent
 * (Chromium 156 was seen fetching an <img> of a sandboxed srcdoc frame now and then despite both policies:
 * a URL that is not in the document cannot be fetched). The originals stay in `data-inboxlint-src`.
 */
function previewDoc(p: Preview, remote: boolean): string {
  const policy = `<meta http-equiv="Content-Security-Policy" content="${esc(csp(remote))}">`;
  if (p.html === undefined) return `${policy}<pre style="white-space:pre-wrap;font:13px monospace">${esc(p.text ?? '')}</pre>`;
  return policy + (remote ? p.html : withoutRemote(p.html));
}

const REMOTE = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i;
const RESOURCE_ATTRS = ['src', 'srcset', 'background', 'poster', 'data', 'lowsrc', 'dynsrc'];
// url(...) in CSS whose target is remote; bounded: at most 2,048 characters between the parentheses.
const CSS_REMOTE_URL = /url\(\s*(['"]?)\s*(?:[a-z][a-z0-9+.-]*:)?\/\/[^)'"]{0,2048}\1\s*\)/gi;

function withoutRemote(html: string): string {
  const $ = cheerio.load(html);
  $('*').each((_, el) => {
    if (el.type !== 'tag') return;
    for (const name of RESOURCE_ATTRS) {
      const v = el.attribs[name];
      if (v !== undefined && (REMOTE.test(v) || (name === 'srcset' && /\/\//.test(v)))) {
        el.attribs[`data-inboxlint-${name}`] = v;
        delete el.attribs[name];
      }
    }
    if (el.name === 'link' && el.attribs.href !== undefined && REMOTE.test(el.attribs.href)) delete el.attribs.href;
    if (el.attribs.style?.includes('url(')) el.attribs.style = el.attribs.style.replace(CSS_REMOTE_URL, 'none');
  });
  $('style').each((_, el) => {
    const t = $(el).text();
    if (t.includes('url(') || t.includes('@import')) $(el).text(t.replace(CSS_REMOTE_URL, 'none').replace(/@import[^;]{0,2048};?/gi, ''));
  });
  return $.html();
}

/** Defects listed under "What drove it" (all of them are under Findings). */
const MAX_DRIVEN = 10;

function reviewPage(r: Review, report: Report | undefined, { previews, error: previewError }: { previews: Preview[]; error?: string }, decisions: Decision[], session: Session, remote: boolean, error?: string): string {
  const d = report?.decision as (Report['decision'] & { risk?: number }) | undefined;
  // What decided, as the CLI says it: the defects first (any one rejects, whatever the risk), each where it
  // is; then what moved the risk, toward spam (+) or away from it, each said as the CLI says it (phishing
  // wording, link "web", a rule) with where. A defect-rejected template's risk drivers alone would read as
  // if they had rejected it.
  const where = (f: Pick<Finding, 'part' | 'path' | 'line' | 'column'>) => `${f.path ?? report?.files[f.part]?.path ?? f.part}:${f.line}:${f.column}`;
  const defects = (report?.findings ?? []).filter((f) => f.kind === 'defect');
  const defectItems = defects
    .slice(0, MAX_DRIVEN)
    .map((f) => `<li><a href="#f-${esc(f.fingerprint)}"><code>${esc(f.ruleId)}</code></a>${f.evidence ? ` — “${esc(f.evidence.slice(0, 120))}”` : ''} <small>at ${esc(where(f))}</small></li>`)
    .join('') + (defects.length > MAX_DRIVEN ? `<li>and ${defects.length - MAX_DRIVEN} more (below)</li>` : '');
  const drivers = d?.drivers?.length
    ? d.drivers.map((x) => `<li>${esc(driverLabel(x))}${x.line !== undefined ? ` <small>at ${x.part ?? ''} ${x.line}:${x.column}</small>` : ''} <small>(${x.weight > 0 ? '+' : ''}${x.weight.toFixed(2)})</small></li>`).join('')
    : (d?.reasons ?? []).filter((x) => x.kind !== 'defect').map((x) => `<li>${esc(x.ruleId)}${x.evidence ? ` — “${esc(x.evidence)}”` : ''} <small>(${esc(x.severity)}, ${x.points} points)</small></li>`).join('');
  const driven =
    (d?.summary ? `<p class="summary">${esc(d.summary)}</p>` : '') +
    (defectItems ? `<h3>Defects (any one rejects)</h3><ul class="defects">${defectItems}</ul>` : '') +
    (drivers ? `<h3>What moved the risk${typeof d?.risk === 'number' ? ` (${(d.risk * 100).toFixed(1)}%)` : ''}</h3><ul class="drivers">${drivers}</ul>` : '');
  const groups = new Map<string, Finding[]>();
  for (const f of report?.findings ?? []) {
    const g = groups.get(f.category) ?? [];
    g.push(f);
    groups.set(f.category, g);
  }
  const findings = [...groups]
    .map(
      ([cat, list]) =>
        `<h3>${esc(cat)} (${list.length})</h3>` +
        list
          .map((f) => {
            const file = report?.files[f.part];
            return `<div class="finding" id="f-${esc(f.fingerprint)}"><strong class="sev-${esc(f.severity)}">${esc(f.severity)}</strong> <code>${esc(f.ruleId)}</code> <small>${esc(f.kind ?? '')} · ${esc(where(f))}</small><div>${esc(f.message)}</div>${file?.text ? codeFrame(file.text, f) : ''}</div>`;
          })
          .join(''),
    )
    .join('');
  const frames = previews
    .map(
      (p) =>
        `<h3>Sample ${p.index + 1}${p.subject !== undefined ? ` — subject: “${esc(p.subject)}”` : ''}</h3>${p.error ? `<p class="err">Render error: ${esc(p.error)}</p>` : ''}` +
        `<iframe sandbox="" referrerpolicy="no-referrer" title="Preview of sample ${p.index + 1}" srcdoc="${esc(previewDoc(p, remote))}"></iframe>`,
    )
    .join('');
  const trail = decisions.length
    ? `<ol>${decisions.map((x) => `<li>${verdictBadge(x.verdict)} by <code>${esc(x.actor)}</code> at ${esc(new Date(x.createdAt).toISOString())}: ${esc(x.note)}</li>`).join('')}</ol>`
    : '<p>No human decision yet.</p>';
  const risk = typeof d?.risk === 'number' ? `risk ${(d.risk * 100).toFixed(1)}%` : d ? `score ${d.score} (review ≥ ${d.thresholds.review}, reject ≥ ${d.thresholds.reject})` : '';
  const body = `
<h1>${esc(r.name)} <small>${esc(r.id)}</small></h1>
<section><p>Machine verdict: ${verdictBadge(r.verdict)} ${esc(risk)} · profile <code>${esc(r.profile)}</code> · status ${esc(r.status)}${r.error ? ` · <span class="err">${esc(r.error)}</span>` : ''}</p>
<p>Human verdict: ${verdictBadge(r.humanVerdict)}</p>
${driven ? `<h2>What drove it</h2>${driven}` : ''}</section>
<section><h2>Decide</h2>${error ? `<p class="err">${esc(error)}</p>` : ''}
<form method="post" action="/ui/reviews/${esc(r.id)}/decision"><input type="hidden" name="csrf" value="${esc(session.csrf)}">
<label>Note (required)<textarea name="note" required maxlength="4000"></textarea></label>
<button name="verdict" value="approved">Approve</button> <button name="verdict" value="rejected">Reject</button></form>
<h3>Audit trail</h3>${trail}</section>
<section><h2>Preview</h2><p>Rendered with each TemplateData sample in a sandboxed frame (no scripts). ${remote ? 'Remote images are loaded. <a href="?">Block remote content</a>' : 'Remote content is blocked. <a href="?remote=1">Load remote images</a>'}</p>${frames || (previewError ? `<p class="err">No preview: ${esc(previewError)}</p>` : '<p>No preview.</p>')}</section>
<section><h2>Findings (${report?.findings.length ?? 0})</h2>${findings || '<p>None.</p>'}</section>`;
  return layout(r.name, body, session);
}

export function createPage(deps: PageDeps): express.Router {
  const { store } = deps;
  /**
   * A review's stored body, read once for the page however many parts of it need the body (a review answered
   * from the result cache has the body of the review it shares).
   */
  const bodyOf = (r: Review): (() => Promise<string | undefined>) => {
    let body: Promise<string | undefined> | undefined;
    return () =>
      (body ??= store.reviewForWork(r.resultOf ?? r.id).then((stored) => (stored && stored.review.tenantId === r.tenantId && stored.body ? stored.body : undefined)));
  };
  /**
   * A finished review's previews: stored with it (results of earlier versions), or rendered now from its body.
   * A body that cannot be rendered shows the error instead of the frames.
   */
  const previewsOf = async (r: Review, result: ReviewResult | undefined, body: () => Promise<string | undefined>): Promise<{ previews: Preview[]; error?: string }> => {
    if (!result) return { previews: [] };
    if (result.previews) return { previews: result.previews };
    if (!deps.previews) return { previews: [] };
    const text = await body();
    if (!text) return { previews: [] };
    try {
      return { previews: await deps.previews(text, r.profile) };
    } catch (e) {
      return { previews: [], error: (e as Error)?.message ?? String(e) };
    }
  };
  /**
   * The report with the texts of its files for code frames: stored results carry paths only (withoutFileTexts),
   * so the texts are read from the stored body (results stored before that kept them).
   */
  const withTexts = async (r: Review, report: Report | undefined, body: () => Promise<string | undefined>): Promise<Report | undefined> => {
    if (!report || Object.values(report.files).every((f) => f?.text !== undefined)) return report;
    const text = await body();
    if (!text) return report;
    const files = bodyFiles(text, r.profile);
    return { ...report, files: { ...files, ...Object.fromEntries(Object.entries(report.files).filter(([, f]) => f?.text !== undefined)) } };
  };
  /** The review page of `r`, its body read at most once. */
  const page = async (r: Review, result: ReviewResult | undefined, decisions: Decision[], s: Session, remote: boolean, error?: string) => {
    const body = bodyOf(r);
    return reviewPage(r, await withTexts(r, result?.report, body), await previewsOf(r, result, body), decisions, s, remote, error);
  };
  const sessions = new Map<string, Session>();
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '20kb' });

  const send = (res: Response, status: number, html: string, remote = false) => {
    res.status(status).set({ 'Content-Security-Policy': csp(remote), 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' }).type('html').send(html);
  };
  const session = (req: Request): Session | undefined => {
    const id = cookieValue(req, COOKIE);
    const s = id ? sessions.get(id) : undefined;
    if (s && s.expires < Date.now()) {
      sessions.delete(id!);
      return undefined;
    }
    return s;
  };
  const requireSession = (req: Request, res: Response): Session | undefined => {
    const s = session(req);
    if (!s) res.redirect(303, '/ui/login');
    return s;
  };
  const checkCsrf = (req: Request, res: Response, s: Session): boolean => {
    const token = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
    if (sameToken(token, s.csrf)) return true;
    send(res, 403, layout('Forbidden', '<p class="err">The form expired or did not come from this page (CSRF token mismatch). Reload and try again.</p>', s));
    return false;
  };
  const loginPage = (error?: string) =>
    layout('Log in', `<h1>Log in</h1>${error ? `<p class="err">${esc(error)}</p>` : ''}<form method="post" action="/ui/login"><label>API key <input type="password" name="key" autocomplete="off" size="60" required></label> <button>Log in</button></form>`);

  router.get('/ui', (_req, res) => res.redirect(303, '/ui/reviews'));
  router.get('/ui/login', (_req, res) => send(res, 200, loginPage()));
  router.post('/ui/login', form, async (req, res) => {
    // SameSite=Strict session cookies cannot be set by a cross-site form post into someone else's session;
    // a login form needs no CSRF token of its own beyond that (there is no session to ride yet).
    const key = typeof req.body?.key === 'string' ? await deps.authenticate(`Bearer ${req.body.key.trim()}`) : undefined;
    if (!key) return send(res, 401, loginPage('Unknown API key.'));
    if (sessions.size >= MAX_SESSIONS) for (const [id, s] of sessions) if (s.expires < Date.now()) sessions.delete(id);
    const id = randomBytes(32).toString('base64url');
    sessions.set(id, { key, csrf: randomBytes(24).toString('base64url'), expires: Date.now() + SESSION_MS });
    res.cookie(COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/ui', maxAge: SESSION_MS });
    res.redirect(303, '/ui/reviews');
  });
  router.post('/ui/logout', form, (req, res) => {
    const s = session(req);
    if (s && !checkCsrf(req, res, s)) return;
    const id = cookieValue(req, COOKIE);
    if (id) sessions.delete(id);
    res.clearCookie(COOKIE, { path: '/ui' });
    res.redirect(303, '/ui/login');
  });

  router.get('/ui/reviews', async (req, res) => {
    const s = requireSession(req, res);
    if (!s) return;
    const verdict = ['approved', 'needs_review', 'rejected'].includes(String(req.query.verdict)) ? (String(req.query.verdict) as Review['verdict']) : undefined;
    const undecided = req.query.human === 'none';
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor.length <= 100 ? req.query.cursor : undefined;
    const rows = await store.listReviews(s.key.tenantId, { limit: 51, ...(verdict ? { verdict } : {}), ...(undecided ? { humanVerdict: 'none' } : {}), ...(cursor ? { before: cursor } : {}) });
    const items = rows.slice(0, 50);
    const link = (label: string, q: string, on: boolean) => `<a class="${on ? 'on' : ''}" href="/ui/reviews${q}">${label}</a>`;
    const filters = `<p class="filters">${link('All', '', !verdict && !undecided)}${link('Rejected', '?verdict=rejected', verdict === 'rejected')}${link('Needs review', '?verdict=needs_review', verdict === 'needs_review')}${link('Approved', '?verdict=approved', verdict === 'approved')}${link('Not yet decided by a human', '?human=none', undecided)}</p>`;
    const table = `<table><thead><tr><th>Template</th><th>Machine</th><th>Why</th><th>Human</th><th>Profile</th><th>Status</th><th>Submitted</th></tr></thead><tbody>${items
      .map((r) => `<tr><td><a href="/ui/reviews/${esc(r.id)}">${esc(r.name)}</a></td><td>${verdictBadge(r.verdict)}</td><td class="why">${esc(r.summary ?? r.error ?? '')}</td><td>${verdictBadge(r.humanVerdict)}</td><td>${esc(r.profile)}</td><td>${esc(r.status)}</td><td>${esc(new Date(r.createdAt).toISOString().replace('T', ' ').slice(0, 19))}</td></tr>`)
      .join('')}</tbody></table>`;
    const more = rows.length > 50 ? `<p><a href="/ui/reviews?${new URLSearchParams({ ...(verdict ? { verdict } : {}), ...(undecided ? { human: 'none' } : {}), cursor: items[items.length - 1]!.id })}">Older →</a></p>` : '';
    send(res, 200, layout('Queue', `<h1>Review queue</h1>${filters}${items.length ? table : '<p>No reviews.</p>'}${more}`, s));
  });

  router.get('/ui/reviews/:id', async (req, res) => {
    const s = requireSession(req, res);
    if (!s) return;
    const r = req.params.id!.length <= 100 ? await store.getReview(s.key.tenantId, req.params.id!) : undefined;
    if (!r) return send(res, 404, layout('Not found', '<p>No such review.</p>', s));
    const [result, decisions] = await Promise.all([store.getResult(s.key.tenantId, r.id), store.decisions(s.key.tenantId, r.id)]);
    const remote = req.query.remote === '1';
    send(res, 200, await page(r, result, decisions, s, remote), remote);
  });

  router.post('/ui/reviews/:id/decision', form, async (req, res) => {
    const s = requireSession(req, res);
    if (!s || !checkCsrf(req, res, s)) return;
    try {
      await deps.decide(s.key, req.params.id!, { verdict: req.body?.verdict, note: typeof req.body?.note === 'string' ? req.body.note.trim() : req.body?.note });
    } catch (e) {
      const r = await store.getReview(s.key.tenantId, req.params.id!);
      if (!r) return send(res, 404, layout('Not found', '<p>No such review.</p>', s));
      const [result, decisions] = await Promise.all([store.getResult(s.key.tenantId, r.id), store.decisions(s.key.tenantId, r.id)]);
      return send(res, (e as { status?: number }).status ?? 400, await page(r, result, decisions, s, false, (e as Error).message));
    }
    res.redirect(303, `/ui/reviews/${encodeURIComponent(req.params.id!)}`);
  });

  return router;
}
