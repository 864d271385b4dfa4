import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { fingerprints } from './fingerprint.js';
import type { FormatInput, Formatter } from './types.js';

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
  for (const r of d.related) parts.push(`See ${prefix}${r.file}:${r.start.line}:${r.start.column}${r.label ? ` (${r.label})` : ''}`);
  parts.push(`Docs: ${d.docsUrl}`);
  return parts.join('\n\n');
}

export function toCodeQuality(input: FormatInput, cwdPrefix = ''): CodeQualityIssue[] {
  const sorted = [...input.diagnostics].sort(compareDiagnostics);
  const prints = fingerprints(sorted, input.sourceLines);
  const security = new Set(input.rules.filter((r) => r.securitySeverity !== undefined).map((r) => r.id));
  return sorted.map((d) => ({
    description: d.message,
    check_name: d.ruleId,
    fingerprint: prints.get(d)!,
    severity: GITLAB_SEVERITY[d.severity],
    location: {
      path: (cwdPrefix + d.file).replace(/^\.\//, ''),
      lines: { begin: Math.max(1, d.line), end: Math.max(1, d.line, d.endLine) },
    },
    categories: [security.has(d.ruleId) ? 'Security' : 'Bug Risk'],
    type: 'issue',
    content: { body: body(d, cwdPrefix) },
  }));
}

export const gitlab: Formatter = (input, options) => `${JSON.stringify(toCodeQuality(input, options.cwdPrefix ?? ''), null, 2)}\n`;
