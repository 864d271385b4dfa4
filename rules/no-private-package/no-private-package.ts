import { defineRule } from '../../src/engine/define-rule.js';

// Placeholder until the rule is written (it reports nothing).
export default defineRule({
  id: 'no-private-package',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'TODO',
    messages: {},
  },
  hooks: {},
});
