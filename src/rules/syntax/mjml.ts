import type { Element } from 'domhandler';
import { defineRule } from '../rule.js';
import { allElements, startTagSpan } from '../../analysis/template-doc.js';
import type { HtmlPart } from '../../analysis/template-doc.js';
import { LineIndex } from '../../core/line-index.js';

export default defineRule({
  meta: {
    id: 'syntax/mjml',
    category: 'syntax',
    description: 'MJML that does not compile, that MJML 5 validation rejects (unknown tags, wrong nesting, bad attributes), or with an MJML tag that is never closed.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    // A template not compiled for its cost (its message ends "not compiled") is wrapped well enough: no hint.
    fatal: (d) => `MJML cannot compile this template: ${d.message}.${/check that|not compiled$/i.test(String(d.message)) ? '' : ' Check that the document is wrapped in <mjml><mj-body>…</mj-body></mjml>.'}`,
    invalid: (d) => `MJML: ${d.message}.`,
    removed: (d) => `<${d.tag}> is MJML 3: MJML 4 removed it, so MJML 5 does not know it and drops it with everything inside it. ${d.instead}`,
    ignored: (d) =>
      `MJML: ${d.message}. MJML compiles the template anyway (its default validation level, soft, as the mjml CLI uses) and renders the content, but ignores or passes on as written what it does not accept, so the layout may not be what you meant; MJML's strict validation refuses it. Use the attributes and placement the component documents (mjml.io/documentation).`,
    unclosed: (d) => `<${d.tag}> is never closed: MJML silently closes it ${d.where}, so what follows is nested inside it. Add </${d.tag}> where it should end (or write <${d.tag} /> if it has no content).`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html?.mjml) return;
    if (html.mjml.fatal) {
      ctx.report({ messageId: 'fatal', data: { message: html.mjml.fatal.message.replace(/\.$/, '') }, part: 'html', span: html.mjml.fatal.span });
    }
    for (const issue of html.mjml.issues) {
      const removed = issue.tagName && UNKNOWN.test(issue.message) ? MJML3.get(issue.tagName) : undefined;
      if (removed) {
        ctx.report({ messageId: 'removed', data: { tag: issue.tagName, instead: removed }, part: 'html', span: issue.span, evidence: issue.tagName });
        continue;
      }
      const messageId = IGNORED.test(issue.message) ? 'ignored' : 'invalid';
      ctx.report({ messageId, data: { message: issue.message.replace(/\.$/, '') }, part: 'html', span: issue.span, ...(messageId === 'ignored' ? { severity: 'warning' as const } : {}), ...(issue.tagName ? { evidence: issue.tagName } : {}) });
    }
    for (const { el, where } of unclosedTags(html)) {
      ctx.report({ messageId: 'unclosed', data: { tag: el.tagName, where }, part: 'html', span: startTagSpan(html.masked, el), evidence: el.tagName });
    }
  },
});

/**
 * Validation messages (mjml-validator) about what MJML compiles and renders anyway: an attribute it does not
 * know ("Attribute foo is illegal"), a value of the wrong type ("has invalid value: 20 for type Unit"), a
 * component placed where it is not documented ("mj-spacer cannot be used inside mj-body"; its content is
 * still in the output). An element MJML does not know ("doesn't exist or is not registered") renders
 * nothing: its content is lost, and that stays `invalid`, as does anything else the validator says.
 */
const IGNORED = /\bis illegal$|\bare illegal$|\bhas invalid value\b|\bcannot be used inside\b/;
const UNKNOWN = /doesn't exist or is not registered/;

/**
 * Elements of MJML 3 that MJML 4 removed (its release notes, mjml.io "Upgrading from MJML 3"), with how to
 * write the template without them. Templates of that time are still common in repositories; MJML 5 reports
 * each as an unknown element, and every template expression inside it as dropped.
 */
// A Map, not an object: an unknown element named `constructor` must not find Object's members.
const MJML3 = new Map<string, string>([
  ['mj-container', 'Delete the tag and give its attributes (background-color, width) to <mj-body>, which holds the sections directly since MJML 4.'],
  ['mj-hero-content', 'Delete the tag and put its content directly in <mj-hero>, as MJML 4 does.'],
  ['mj-invoice', 'Write the invoice as an <mj-table>, or register a community component that provides it.'],
  ['mj-invoice-item', 'Write the invoice lines as rows of an <mj-table>, or register a community component that provides them.'],
  ['mj-location', 'Write the address in an <mj-text> with a link to the map, or register a community component that provides it.'],
  ['mj-inline-links', 'Delete the tag: MJML 4 puts the links directly in <mj-navbar>, as <mj-navbar-link>.'],
  ['mj-link', 'Write it as <mj-navbar-link> directly inside <mj-navbar>.'],
]);

/**
 * MJML elements whose end tag is missing. The parser (htmlparser2, like MJML's own) closes them implicitly
 * at the parent's end tag or at the end of the file and reports nothing; MJML then renders the rest of the
 * section inside the unclosed one. An element is closed when its source ends with `</tag>` or its start
 * tag is self-closing (`<mj-image />`).
 */
const SPACE = /\s/;

/**
 * The element's source ends with its own end tag. htmlparser2 ends an element at the '>' of its end tag,
 * or right after the name when whitespace follows it (Prettier writes '</mj-text\n  >'), so the source
 * ends with `</tag>`, `</tag  >` or `</tag` and one whitespace character. `from`: where the end tag may start.
 */
function endsWithEndTag(text: string, tag: string, from: number, end: number): boolean {
  let j = end;
  const last = text[j - 1] ?? '';
  if (last === '>') {
    j--;
    while (j > from && SPACE.test(text[j - 1]!)) j--;
  } else if (SPACE.test(last)) j--;
  else return false;
  const k = j - tag.length - 2;
  return k >= from && text.startsWith('</', k) && text.slice(k + 2, j).toLowerCase() === tag;
}

function unclosedTags(html: HtmlPart): { el: Element; where: string }[] {
  const out: { el: Element; where: string }[] = [];
  const text = html.masked;
  // <mj-raw> holds HTML, not MJML: what is inside it is not checked (the index is in document order,
  // so an element starting before the last <mj-raw> ends is inside it).
  let rawEnd = -1;
  // Lines are found on first use, once (text.slice(0, end).split('\n') per unclosed tag copied the text before
  // each: fuzz seed 14 #12308, 12,500 of them in 150 KB, 0.37 s).
  const lines = new LineIndex(text);
  for (const el of allElements(html)) {
    const tag = el.name;
    if ((el.startIndex ?? 0) <= rawEnd || (tag !== 'mjml' && !tag.startsWith('mj-'))) continue;
    if (tag === 'mj-raw') rawEnd = el.endIndex ?? text.length;
    const start = startTagSpan(text, el);
    const selfClosing = text[start.end - 2] === '/';
    const end = (el.endIndex ?? start.end - 1) + 1;
    if (!selfClosing && !endsWithEndTag(text, tag, start.end, end)) {
      const tail = text.slice(Math.max(start.end, end - 64), end);
      const closer = /<\/([a-z][\w-]*)(?:\s*>|\s)$/i.exec(tail);
      const line = lines.position(end).line;
      out.push({ el, where: closer ? `at </${closer[1]}> on line ${line}` : 'at the end of the file' });
    }
  }
  return out;
}
