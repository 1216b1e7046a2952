/**
 * Inline disable directives, in the comment syntax of each template language:
 *
 *   <!-- inboxlint-disable-next-line links/no-shortener -->       HTML, MJML (also inside <mj-raw>)
 *   <!-- inboxlint-disable-line images/require-alt -->
 *   <!-- inboxlint-disable content/spam-phrases --> … <!-- inboxlint-enable content/spam-phrases -->
 *   {{!-- inboxlint-disable-next-line data/missing-variable --}}  Handlebars (HTML and text parts)
 *   {{! inboxlint-disable-next-line data/missing-variable }}
 *
 * Rules are separated by commas or spaces; none means every rule; text after ` -- ` is a reason. A directive
 * applies to findings located in the file it is written in. review() applies them (so every host honours
 * them) and reports each directive, or rule named in one, that suppressed nothing as syntax/unused-disable.
 */
import type { Finding, Part, Span } from '../core/types.js';
import type { ReportDescriptor } from '../rules/rule.js';
import type { TemplateSource } from '../core/source.js';
import type { Locator } from '../core/locate.js';
import { UNUSED_DISABLE_RULE } from '../rules/syntax/unused-disable.js';

type Type = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

interface Directive {
  type: Type;
  part: Part;
  span: Span;
  /** Rule ids named (empty: every rule), with where each is written. */
  rules: { id: string; span: Span }[];
  path: string;
  line: number;
  column: number;
  endLine: number;
}

const HTML_COMMENT = /<!--\s*inboxlint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->/g;
const HBS_COMMENT = /\{\{~?!(--)?\s*inboxlint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)(?:--)?~?\}\}/g;

/** Cheap test first: most templates have no directive. */
const MARK = 'inboxlint-';

function parse(part: Part, text: string, locator: Locator, html: boolean): Directive[] {
  if (!text.includes(MARK)) return [];
  const out: Directive[] = [];
  const add = (type: string, body: string, start: number, end: number, bodyStart: number) => {
    // `rule-a, rule-b -- why`: the reason is not a rule.
    const reason = body.search(/\s--\s|\s--$/);
    const list = reason >= 0 ? body.slice(0, reason) : body;
    const rules: Directive['rules'] = [];
    for (const m of list.matchAll(/[^\s,]+/g)) rules.push({ id: m[0], span: { start: bodyStart + m.index, end: bodyStart + m.index + m[0].length } });
    const loc = locator.locate(part, { start, end });
    out.push({ type: type as Type, part, span: { start, end }, rules, path: loc.path, line: loc.line, column: loc.column, endLine: loc.endLine });
  };
  if (html) {
    for (const m of text.matchAll(HTML_COMMENT)) {
      const bodyStart = m.index + m[0].indexOf(m[1]!) + m[1]!.length;
      add(m[1]!, m[2]!, m.index, m.index + m[0].length, bodyStart);
    }
  }
  for (const m of text.matchAll(HBS_COMMENT)) {
    let body = m[3]!;
    // `{{!-- … --}}`: the closing dashes belong to the comment, not to the rule list.
    if (m[1] && body.endsWith('--')) body = body.slice(0, -2);
    else body = body.replace(/--\s*$/, '');
    const bodyStart = m.index + m[0].indexOf(m[2]!) + m[2]!.length;
    add(m[2]!, body, m.index, m.index + m[0].length, bodyStart);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

const before = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column < b.column);

interface Range {
  directive: Directive;
  /** Rule ids (undefined: all rules). */
  rule?: string;
  ruleSpan?: Span;
  from: { line: number; column: number };
  to?: { line: number; column: number };
  /** Same line only (disable-line, disable-next-line). */
  line?: number;
  used: boolean;
}

/**
 * Drop the findings that directives disable (in place) and return the reports for unused directives.
 * `known` is every rule id the host has (a directive naming another id is reported).
 */
export function applyDirectives(source: TemplateSource, locator: Locator, findings: Finding[], known: ReadonlySet<string>): ReportDescriptor[] {
  const directives: Directive[] = [];
  if (source.html) directives.push(...parse('html', source.html.text, locator, true));
  if (source.text) directives.push(...parse('text', source.text.text, locator, false));
  if (!directives.length) return [];

  const ranges: Range[] = [];
  const unknown: ReportDescriptor[] = [];
  for (const d of directives) {
    const targets: { rule?: string; ruleSpan?: Span }[] = d.rules.length ? d.rules.map((r) => ({ rule: r.id, ruleSpan: r.span })) : [{}];
    for (const t of targets) {
      if (t.rule !== undefined && !known.has(t.rule)) {
        if (d.type !== 'enable') unknown.push({ messageId: 'unknownRule', data: { rule: t.rule }, part: d.part, span: t.ruleSpan!, evidence: t.rule });
        continue;
      }
      if (d.type === 'enable') {
        // Close the open ranges it names (or all), in the same file.
        for (const r of ranges) {
          if (r.to || r.line !== undefined || r.directive.path !== d.path) continue;
          if (t.rule === undefined || r.rule === t.rule) r.to = { line: d.line, column: d.column };
        }
        continue;
      }
      const line = d.type === 'disable-line' ? d.line : d.type === 'disable-next-line' ? d.endLine + 1 : undefined;
      ranges.push({ directive: d, ...(t.rule !== undefined ? { rule: t.rule, ruleSpan: t.ruleSpan! } : {}), from: { line: d.line, column: d.column }, ...(line !== undefined ? { line } : {}), used: false });
    }
  }

  let w = 0;
  for (const f of findings) {
    let disabled = false;
    if (f.ruleId !== UNUSED_DISABLE_RULE) {
      for (const r of ranges) {
        if (r.directive.path !== f.path || (r.rule !== undefined && r.rule !== f.ruleId)) continue;
        const inside = r.line !== undefined ? f.line === r.line : !before(f, r.from) && (!r.to || before(f, r.to));
        if (inside) {
          r.used = true;
          disabled = true;
        }
      }
    }
    if (!disabled) findings[w++] = f;
  }
  findings.length = w;

  const out: ReportDescriptor[] = [...unknown];
  const byDirective = new Map<Directive, Range[]>();
  for (const r of ranges) {
    const list = byDirective.get(r.directive);
    if (list) list.push(r);
    else byDirective.set(r.directive, [r]);
  }
  for (const [d, rs] of byDirective) {
    const unused = rs.filter((r) => !r.used);
    if (!unused.length) continue;
    const directive = `inboxlint-${d.type}`;
    if (unused.length === rs.length && rs.length === d.rules.length + (d.rules.length ? 0 : 1)) {
      // Nothing in it was used: remove the whole comment (with the line it leaves empty).
      const rules = unused.flatMap((r) => (r.rule !== undefined ? [r.rule] : []));
      out.push({ messageId: rules.length ? 'unusedRule' : 'unused', data: { directive, rule: rules.join(', ') }, part: d.part, span: d.span, evidence: rules.join(',') || directive, fix: { span: removal(source, d), text: '' } });
      continue;
    }
    for (const r of unused) out.push({ messageId: 'unusedRule', data: { directive, rule: r.rule }, part: d.part, span: r.ruleSpan!, evidence: r.rule! });
  }
  return out;
}

/** The directive's span, widened to its whole line when nothing else is on it. */
function removal(source: TemplateSource, d: Directive): Span {
  const text = source[d.part]!.text;
  let start = d.span.start;
  let end = d.span.end;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  const lineStart = start === 0 || text[start - 1] === '\n';
  if (lineStart && (e === text.length || text[e] === '\n' || text[e] === '\r')) {
    end = text.startsWith('\r\n', e) ? e + 2 : e < text.length ? e + 1 : e;
    return { start, end };
  }
  return d.span;
}
