import { describe, expect, it } from 'vitest';
import { optionalTokenVariable } from './yarnrc.js';

// Yarn Berry's `replaceEnvVariables` (docs/domain.md A.37): an empty fallback is the empty text.
describe('optionalTokenVariable', () => {
  it.each([
    ['${NPM_TOKEN:-}', 'NPM_TOKEN'],
    ['${NPM_TOKEN-}', 'NPM_TOKEN'],
    [' ${NODE_AUTH_TOKEN:-} ', 'NODE_AUTH_TOKEN'],
  ])('%s is a token only while the variable has a value', (value, variable) => {
    expect(optionalTokenVariable(value)).toBe(variable);
  });

  it.each(['${NPM_TOKEN}', '${NPM_TOKEN:-fallback}', '${NPM_TOKEN-x}', 'npm_${NPM_TOKEN:-}', '${NPM_TOKEN:-}x', 'literal'])('%s is not', (value) => {
    expect(optionalTokenVariable(value)).toBeUndefined();
  });
});
