import { createHash } from 'node:crypto';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { fingerprints } from './fingerprint.js';
import { runErrorTitle, shownPath } from './run-info.js';
import type { FormatInput, Formatter, RunError } from './types.js';

/**
 * ## GitLab Code Quality (`--format gitlab`)
 *
 * The JSON array GitLab reads from `artifacts: reports: codequality:` (a subset of the Code
 * Climate issue format), one object per finding, sorted like every other format:
 *
 * ```json
 * [
 *   {
 *     "description": "Job \"publish\" publishes to npm but ...",
 *     "check_name": "require-id-token-write",
 *     "fingerprint": "3f1c…",              // stable: see fingerprint.ts
 *     "severity": "critical",
 *     "location": { "path": ".github/workflows/release.yml", "lines": { "begin": 9, "end": 9 } },
 *     "categories": ["Security"],          // "Bug Risk" for a rule without a security severity
 *     "type": "issue",
 *     "content": { "body": "Why: …\n\nFix: …\n\nDocs: …" }
 *   }
 * ]
 * ```
 *
 * Severity mapping: tp-doctor `error` → `critical` (the publish will fail or is unsafe; `blocker`
 * is left to tools that know a merge must stop), `warning` → `major`, `info` → `info`.
 * UTF-8 without a byte order mark, 2-space indentation, a trailing newline; `[]` when clean.
 *
 * A run-level error (a config error: nothing was linted; or a rule that failed) is one more issue,
 * first in the array, with severity `blocker`, `check_name` `tp-doctor/config-error` or
 * `tp-doctor/internal-error`, the file and line when known (else the path `.`, line 1), so that the
 * merge request shows why the report is empty.
 */

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const GITLAB_SEVERITY: Record<Severity, CodeQualitySeverity> = {
  error: 'critical',
  warning: 'major',
  info: 'info',
};

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number; end: number } };
  categories: string[];
  type: 'issue';
  content: { body: string };
}

function body(d: Diagnostic, prefix: string): string {
  const parts: string[] = [];
  if (d.why.trim()) parts.push(`Why: ${d.why}`);
  if (d.fix.trim()) parts.push(`Fix: ${d.fix}`);
  for (const r of d.related) parts.push(`See ${shownPath(prefix, r.file)}:${r.start.line}:${r.start.column}${r.label ? ` (${r.label})` : ''}`);
  parts.push(`Docs: ${d.docsUrl}`);
  return parts.join('\n\n');
}

function runErrorIssue(e: RunError, cwdPrefix: string, occurrence: number): CodeQualityIssue {
  const checkName = e.kind === 'config' ? 'tp-doctor/config-error' : 'tp-doctor/internal-error';
  const file = e.file !== undefined ? shownPath(cwdPrefix, e.file).replace(/^\.\//, '') : '.';
  const line = Math.max(1, e.line ?? 1);
  const key = JSON.stringify([checkName, e.ruleId ?? '', e.file ?? '', e.message, occurrence]);
  return {
    description: `tp-doctor ${runErrorTitle(e)}: ${e.message}`,
    check_name: checkName,
    fingerprint: createHash('sha256').update(key).digest('hex'),
    severity: 'blocker',
    location: { path: file, lines: { begin: line, end: Math.max(line, e.endLine ?? line) } },
    categories: ['Bug Risk'],
    type: 'issue',
    content: {
      body:
        e.kind === 'config'
          ? 'tp-doctor could not use its configuration and checked nothing; fix the config and run it again.'
          : 'A tp-doctor rule failed; its findings are missing from this report. Please report it.',
    },
  };
}

export function toCodeQuality(input: FormatInput, cwdPrefix = ''): CodeQualityIssue[] {
  const sorted = [...input.diagnostics].sort(compareDiagnostics);
  const prints = fingerprints(sorted, input.sourceLines);
  const security = new Set(input.rules.filter((r) => r.securitySeverity !== undefined).map((r) => r.id));
  const errors = (input.errors ?? []).map((e, i) => runErrorIssue(e, cwdPrefix, i));
  return errors.concat(sorted.map((d): CodeQualityIssue => ({
    description: d.message,
    check_name: d.ruleId,
    fingerprint: prints.get(d)!,
    severity: GITLAB_SEVERITY[d.severity],
    location: {
      path: shownPath(cwdPrefix, d.file).replace(/^\.\//, ''),
      lines: { begin: Math.max(1, d.line), end: Math.max(1, d.line, d.endLine) },
    },
    categories: [security.has(d.ruleId) ? 'Security' : 'Bug Risk'],
    type: 'issue',
    content: { body: body(d, cwdPrefix) },
  })));
}

export const gitlab: Formatter = (input, options) => `${JSON.stringify(toCodeQuality(input, options.cwdPrefix ?? ''), null, 2)}\n`;
