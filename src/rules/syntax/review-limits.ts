import type { AnyNode, Element } from 'domhandler';
import { defineRule } from '../rule.js';
import { limitsOf } from '../../core/limits.js';
import { LIMITS_RULE } from '../lib/review-limits.js';
import { startTagSpan } from '../../analysis/template-doc.js';

/**
 * Review budgets (settings.limits). The rule checks the DOM nesting depth itself; review() reports through
 * it when a rule has more findings than the budget shows, and when the time budget (parsing and rules) leaves
 * parse steps or rules unrun. It runs even when the time budget is spent.
 */
export default defineRule({
  meta: {
    id: LIMITS_RULE,
    category: 'syntax',
    description: 'The template goes past a review budget: DOM nesting depth, findings per rule, review time.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    domDepth: (d) =>
      `Elements nest more than ${d.limit} deep here (settings.limits.domDepth). No real email needs this: mail clients give up on deep markup (Outlook's Word engine, Gmail's sanitiser) and it is a common way to stall filters. Flatten the layout.`,
    findingsPerRule: (d) => `${d.ruleId} has ${d.count} more findings in this template than the ${d.limit} shown (settings.limits.findingsPerRule); this is the first of them. Fix the pattern that repeats.`,
    reviewMs: (d) =>
      `Reviewing this template took longer than ${d.limit} ms (settings.limits.reviewMs)${d.slowest ? `, most in ${d.slowest}` : ''}; ${[d.notParsed?.length ? `left out: ${d.notParsed.join(', ')}` : '', d.skipped.length ? `these rules were skipped: ${d.skipped.join(', ')}` : ''].filter(Boolean).join('; ')}. The review is incomplete: shrink the template or raise the limit.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    const { domDepth } = limitsOf(ctx.settings);
    // Iterative walk: the DOM can be deeper than the stack. Only the first element past the limit is reported.
    // Elements only, with their depths in a parallel stack (no pair per node: most nodes are text).
    const nodes: Element[] = [];
    const depths: number[] = [];
    const pushChildren = (children: readonly AnyNode[], depth: number) => {
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i]!;
        if (c.type === 'tag' || c.type === 'script' || c.type === 'style') {
          nodes.push(c as Element);
          depths.push(depth);
        }
      }
    };
    pushChildren(html.document.children, 1);
    while (nodes.length) {
      const el = nodes.pop()!;
      const depth = depths.pop()!;
      if (depth > domDepth) {
        ctx.report({ messageId: 'domDepth', data: { limit: domDepth }, part: 'html', span: startTagSpan(html.masked, el), evidence: `depth>${domDepth}` });
        return;
      }
      pushChildren(el.children, depth + 1);
    }
  },
});
