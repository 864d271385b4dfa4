import { rules as registry } from '../rules/index.js';
import { lint } from '../src/api.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import { MemoryFs } from '../src/fs/source.js';

export interface LintFilesOptions {
  /** Only report this rule's diagnostics (all rules still run unless `rules` is given). */
  rule?: string;
  rules?: readonly AnyRule[];
}

/**
 * Lints an in-memory repository the way the CLI lints a directory (config lookup, inference,
 * every rule) and returns the diagnostics. Config errors and internal errors fail the test.
 */
export async function lintFiles(
  files: Record<string, string | Uint8Array>,
  options: LintFilesOptions = {},
): Promise<Diagnostic[]> {
  const outcome = await lint({ fs: new MemoryFs(files), rules: options.rules ?? registry });
  if (!outcome.ok) {
    throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  }
  if (outcome.internalErrors.length > 0) {
    throw new Error(`internal errors: ${outcome.internalErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`);
  }
  return options.rule ? outcome.diagnostics.filter((d) => d.ruleId === options.rule) : outcome.diagnostics;
}

/** The fields a rule test asserts, in a compact shape: `messageId@line:col-endLine:endCol`. */
export function brief(d: Diagnostic): string {
  return `${d.messageId}@${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
}

/** A GitHub publisher config file for tests. */
export function publisherConfig(fields: {
  repository?: string;
  workflow?: string;
  environment?: string;
  extra?: string;
}): string {
  const lines = ['publishers:', '  - provider: github', `    repository: ${fields.repository ?? 'acme/widget'}`];
  lines.push(`    workflow: ${fields.workflow ?? 'release.yml'}`);
  if (fields.environment !== undefined) lines.push(`    environment: ${fields.environment}`);
  if (fields.extra) lines.push(fields.extra);
  return `${lines.join('\n')}\n`;
}
