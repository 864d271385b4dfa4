import { defineRule } from '../../src/engine/define-rule.js';

// Placeholder until the rule is written (it reports nothing).
export default defineRule({
  id: 'provenance-repository-url',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'TODO',
    messages: {},
  },
  hooks: {},
});
