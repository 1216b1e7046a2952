import type { AnyNode, Element } from 'domhandler';
import type { HtmlPart } from '../../analysis/template-doc.js';
import { defineRule } from '../rule.js';
import { limitsOf } from '../../core/limits.js';
import { LIMITS_RULE } from '../lib/review-limits.js';
import { domDepth as parsedDepth, elementsByTag, startTagSpan } from '../../analysis/template-doc.js';
import { linkDepth, MAX_LINK_NESTING, TEXT_LINKS } from '../../analysis/urls.js';

/**
 * Review budgets (settings.limits). The rule checks the DOM nesting depth and links nested in links itself
 * (past MAX_LINK_NESTING a link's text is read only up to the next nested link); review() reports through
 * it when a rule has more findings than the budget shows, and when the time budget (parsing and rules) leaves
 * parse steps or rules unrun, and when a style sheet the rules read was read only in part (too many CSS
 * syntax errors; rules/lib/review-limits.ts). It runs even when the time budget is spent.
 */
export default defineRule({
  meta: {
    id: LIMITS_RULE,
    category: 'syntax',
    description: 'The template goes past a review budget: DOM nesting depth, links nested in links, findings per rule, review time.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    domDepth: (d) =>
      `Elements nest more than ${d.limit} deep here (settings.limits.domDepth). No real email needs this: mail clients give up on deep markup (Outlook's Word engine, Gmail's sanitiser) and it is a common way to stall filters. Flatten the layout.`,
    linkNesting: (d) =>
      `Links nest inside links more than ${d.limit} deep here: HTML does not allow a link inside a link (mail clients close the open one), and from this depth on inboxlint reads each link's text only up to the next nested link, as a client would. Close each link before the next one starts.`,
    findingsPerRule: (d) => `${d.ruleId} has ${d.count} more findings in this template than the ${d.limit} shown (settings.limits.findingsPerRule); this is the first of them. Fix the pattern that repeats.`,
    cssErrors: (d) =>
      `This style sheet has more than ${d.limit} CSS syntax errors: inboxlint stopped reading it there, so rules further on (a class that hides text, for one) were not checked. A real sheet has a few at most; this is broken markup or text in a <style> that was never closed. Fix or close the sheet.`,
    cssSize: (d) =>
      `The style sheets of this template are over ${Number(d.limit).toLocaleString('en-US')} characters: inboxlint read them up to this <style> and stopped, so rules further on (a class that hides text, for one) were not checked. Real email style sheets are tens of kilobytes at most; trim the sheet.`,
    reviewMs: (d) =>
      `Reviewing this template took longer than ${d.limit} ms (settings.limits.reviewMs)${d.slowest ? `, most in ${d.slowest}` : ''}; ${[d.notParsed?.length ? `left out: ${d.notParsed.join(', ')}` : '', d.skipped.length ? `these rules were skipped: ${d.skipped.join(', ')}` : ''].filter(Boolean).join('; ')}. The review is incomplete: shrink the template or raise the limit.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    const { domDepth } = limitsOf(ctx.settings);
    // Nothing to find without the walk: no element past the depth (the parser saw the deepest), and no link
    // nested past the limit.
    const deepest = parsedDepth(html);
    if (deepest !== undefined && deepest <= domDepth && !linksNestTooDeep(html)) return;
    // Iterative walk: the DOM can be deeper than the stack. Only the first element past each limit is reported.
    // Elements only, with their depths and the links they are in in parallel stacks (no object per node:
    // most nodes are text).
    const nodes: Element[] = [];
    const depths: number[] = [];
    const inLinksOf: number[] = [];
    let deepReported = false;
    let linksReported = false;
    const pushChildren = (children: readonly AnyNode[], depth: number, inLinks: number) => {
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i]!;
        if (c.type === 'tag' || c.type === 'script' || c.type === 'style') {
          nodes.push(c as Element);
          depths.push(depth);
          inLinksOf.push(inLinks);
        }
      }
    };
    pushChildren(html.document.children, 1, 0);
    while (nodes.length && !(deepReported && linksReported)) {
      const el = nodes.pop()!;
      const depth = depths.pop()!;
      const inLinks = inLinksOf.pop()!;
      if (depth > domDepth) {
        if (!deepReported) ctx.report({ messageId: 'domDepth', data: { limit: domDepth }, part: 'html', span: startTagSpan(html.masked, el), evidence: `depth>${domDepth}` });
        deepReported = true;
        continue;
      }
      const isLink = TEXT_LINKS.has(el.tagName.toLowerCase());
      if (isLink && inLinks >= MAX_LINK_NESTING && !linksReported) {
        ctx.report({ messageId: 'linkNesting', data: { limit: MAX_LINK_NESTING }, part: 'html', span: startTagSpan(html.masked, el), evidence: `links>${MAX_LINK_NESTING}` });
        linksReported = true;
      }
      pushChildren(el.children, depth + 1, inLinks + (isLink ? 1 : 0));
    }
  },
});

/**
 * Is some link inside MAX_LINK_NESTING links (what the walk above reports)? Each link's link ancestors are
 * counted (urls.ts linkDepth): cheaper than the walk over every element, which runs only when one is.
 */
function linksNestTooDeep(html: HtmlPart): boolean {
  const lists = [...TEXT_LINKS].map((tag) => elementsByTag(html, tag));
  if (lists.reduce((n, l) => n + l.length, 0) <= MAX_LINK_NESTING) return false;
  return lists.some((links) => links.some((link) => linkDepth(link) >= MAX_LINK_NESTING));
}
