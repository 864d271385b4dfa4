import { defineRule } from '../../src/engine/define-rule.js';

// Placeholder until the rule is written (it reports nothing).
export default defineRule({
  id: 'gitlab-config-resolvable',
  meta: {
    severity: 'error',
    providers: ['gitlab'],
    summary: 'TODO',
    messages: {},
  },
  hooks: {},
});
