import { defineRule } from '../rule.js';
import { templateParts } from '../lib/util.js';
import { LineIndex } from '../../core/line-index.js';

export default defineRule({
  meta: {
    id: 'syntax/handlebars',
    category: 'syntax',
    description: 'Handlebars syntax errors: unclosed or mismatched blocks, unterminated mustaches, parse errors.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    unclosed: (d) => `'{{#${d.name}}}' is never closed: add '{{/${d.name}}}' where the block should end.`,
    unopened: (d) => `'{{/${d.name}}}' closes a block that was never opened: remove it or add '{{#${d.name}}}' before it.`,
    mismatch: (d) => `'{{/${d.name}}}' does not match the open block '{{#${d.opener}}}' (line ${d.openerLine}): close '${d.opener}' first.`,
    unterminated: (d) => `Mustache '${d.text}' is not closed: add '}}'.`,
    tooDeep: (d) => `Blocks are nested more than ${d.max} deep; simplify the template (inboxlint stops parsing here).`,
    parse: (d) => `${d.message}.`,
  },
  check(doc, ctx) {
    for (const part of templateParts(doc)) {
      const { issues } = part.scan;
      // Lines of the part, made once (a slice and split per mismatch was quadratic: 13,600 of them took 1 s).
      let lines: LineIndex | undefined;
      for (const issue of issues) {
        // A part in another template language has no Handlebars blocks: only an unterminated `{{` (broken in
        // every {{…}} language) and the depth limit still apply (Magento's `{{depend x}}…{{/depend}}`).
        if (part.language && issue.kind !== 'unterminated' && issue.kind !== 'too-deep') continue;
        const text = part.text.slice(issue.span.start, issue.span.end);
        const evidence = text.length > 60 ? `${text.slice(0, 59)}…` : text;
        if (issue.kind === 'mismatch') {
          const openerLine = (lines ??= new LineIndex(part.text)).position(issue.opener!.span.start).line;
          ctx.report({ messageId: 'mismatch', data: { name: issue.name, opener: issue.opener!.name, openerLine }, part: part.part, span: issue.span, evidence });
        } else if (issue.kind === 'too-deep') {
          ctx.report({ messageId: 'tooDeep', data: { max: doc.maxBlockDepth }, part: part.part, span: issue.span, evidence });
        } else {
          ctx.report({ messageId: issue.kind, data: { name: issue.name, text: evidence }, part: part.part, span: issue.span, evidence });
        }
      }
      // The scanner's findings are more precise than Handlebars' own (which reports an unclosed block
      // at end of file); report the parser's error only when the scanner saw nothing, or when a review
      // budget stopped the parse.
      if (part.hbsError && (issues.length === 0 || part.hbsError.budget)) {
        ctx.report({ messageId: 'parse', data: { message: part.hbsError.message }, part: part.part, span: part.hbsError.span });
      }
    }
  },
});
