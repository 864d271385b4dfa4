import { defineRule } from '../../src/engine/define-rule.js';

// Placeholder until the rule is written (it reports nothing).
export default defineRule({
  id: 'publish-tool-supports-oidc',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'TODO',
    messages: {},
  },
  hooks: {},
});
