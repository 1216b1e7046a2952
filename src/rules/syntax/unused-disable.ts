import { defineRule } from '../rule.js';

export const UNUSED_DISABLE_RULE = 'syntax/unused-disable';

/**
 * Inline disable directives that disable nothing. review() applies the directives after every other rule
 * has run (src/review/directives.ts) and reports through this rule, so it is configured like any rule
 * (severity, kind, off); it has nothing to check in the template on its own.
 */
export default defineRule({
  meta: {
    id: UNUSED_DISABLE_RULE,
    category: 'syntax',
    description: 'An inboxlint-disable comment that disables nothing, or names a rule that does not exist.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    unused: (d) => `Unused ${d.directive} directive: no finding was disabled by it. Remove it.`,
    unusedRule: (d) => `Unused ${d.directive} directive: no ${d.rule} finding here to disable. Remove it from the comment.`,
    unknownRule: (d) => `inboxlint has no rule '${d.rule}': this directive disables nothing. Check the rule id (category/name, as in the report).`,
  },
  check() {
    // Reported by review() once every other rule has run: see src/review/directives.ts.
  },
});
