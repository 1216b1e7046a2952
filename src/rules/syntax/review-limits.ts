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
    const stack: [AnyNode, number][] = html.document.children.map((c): [AnyNode, number] => [c, 1]).reverse();
    while (stack.length) {
      const [node, depth] = stack.pop()!;
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      if (depth > domDepth) {
        ctx.report({ messageId: 'domDepth', data: { limit: domDepth }, part: 'html', span: startTagSpan(html.masked, el), evidence: `depth>${domDepth}` });
        return;
      }
      for (let i = el.children.length - 1; i >= 0; i--) stack.push([el.children[i]!, depth + 1]);
    }
  },
});
