import { defineRule } from '../../src/engine/define-rule.js';

/**
 * Reported by the engine itself (src/engine/run.ts) after suppressions are applied: only the
 * engine knows which directives suppressed something. This module holds the rule's metadata and
 * messages; its hooks are empty.
 */
export default defineRule({
  id: 'unused-disable-directive',
  meta: {
    severity: 'warning',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'Suppression comments must suppress something',
    securitySeverity: 1.0,
    messages: {
      unused: {
        text: '`# {directive} {rule}` suppresses nothing: "{rule}" reports no problem here',
        why: 'A stale suppression hides the next real problem of that rule at this place without anyone noticing',
        fix: 'Remove the comment (or the rule id from it)',
      },
      unusedAll: {
        text: '`# {directive}` without rule ids suppresses nothing here',
        why: 'A stale blanket suppression hides the next real problem at this place without anyone noticing',
        fix: 'Remove the comment',
      },
      unknownRule: {
        text: '`# {directive}` names "{rule}", which is not a tp-doctor rule',
        why: 'A misspelt rule id suppresses nothing, so the problem it was meant to silence is still reported, or a later one goes unnoticed',
        fix: 'Use one of the ids from `tp-doctor --list-rules`',
      },
    },
  },
  hooks: {},
});
