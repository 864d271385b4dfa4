/**
 * The rule registry: every rule folder under rules/ is listed here (a meta test checks that the
 * two agree). The engine does not import this file; the CLI and the ESLint plugin pass it in.
 */
import type { AnyRule } from '../src/engine/define-rule.js';
import invalidYaml from './invalid-yaml/invalid-yaml.js';

export const rules: readonly AnyRule[] = [invalidYaml];

export function findRule(id: string): AnyRule | undefined {
  return rules.find((r) => r.id === id);
}
