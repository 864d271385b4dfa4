import { compareDiagnostics, summarize } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Fix, LintSummary, Severity } from '../diagnostics/diagnostic.js';
import { jsonChunks, LazyArray } from './json-chunks.js';
import { warningLimitMessage } from './run-info.js';
import type { PublishSummary } from '../model/sites.js';
import type { FormatInput, Formatter, RunError } from './types.js';

/**
 * ## JSON output (`--format json`), version 1
 *
 * One JSON document, pretty-printed with 2 spaces and a trailing newline. Keys always appear in
 * this order; every key is always present.
 *
 * ```jsonc
 * {
 *   "version": 1,                        // this contract's version; bumped on any breaking change
 *   "tool": { "name": "tp-doctor", "version": "0.1.0" },
 *   "diagnostics": [                     // sorted by file, line, column, severity (errors first), rule
 *     {
 *       "ruleId": "require-id-token-write",
 *       "messageId": "missing",          // stable id of the message within the rule
 *       "severity": "error",             // "error" | "warning" | "info"
 *       "message": "Job \"publish\" publishes to npm but ...",  // what is wrong
 *       "why": "npm trades the job OIDC token ...",              // the consequence for the publish
 *       "fix": "Add `id-token: write` under `jobs.publish.permissions`",
 *       "file": ".github/workflows/release.yml", // repository-relative, forward slashes
 *       "line": 12, "column": 7,         // 1-based start
 *       "endLine": 12, "endColumn": 19,  // 1-based, exclusive (just after the last character)
 *       "related": [                     // other locations involved (may be empty)
 *         { "file": "tp-doctor.config.json", "line": 3, "column": 5,
 *           "endLine": 3, "endColumn": 30, "label": "trusted publisher declared here" }
 *       ],
 *       "docsUrl": "https://github.com/tp-doctor/tp-doctor/blob/main/rules/require-id-token-write/require-id-token-write.md",
 *       "data": { "job": "publish" },    // values interpolated into the message (strings and numbers)
 *       "autofix": {                     // what `tp-doctor --fix` changes, or null when nothing is certain
 *         "file": ".github/workflows/release.yml",  // one file per fix, repository-relative
 *         "description": "Add `id-token: write` under `jobs.publish.permissions`",
 *         "edits": [                     // sorted, non-overlapping; apply all or none
 *           { "start": 210, "end": 210, "text": "\n      id-token: write" }
 *         ]                              // offsets in UTF-16 code units of the file as read (no BOM),
 *       },                               // end exclusive; start === end inserts, "" text deletes
 *       "suggestions": []                // other changes offered, never applied (same shape; may be empty)
 *     }
 *   ],
 *   "summary": { "errors": 1, "warnings": 0, "infos": 0 },   // counts of `diagnostics` above
 *   "notes": ["publisher inferred from git remote"],  // run-level remarks for humans (may be empty)
 *   "publishes": [                       // every publish command found (may be empty), in CI-file order
 *     {
 *       "provider": "github",            // "github" | "gitlab" | "circleci"
 *       "ciFile": ".github/workflows/release.yml", "job": "publish",
 *       "command": "npm publish", "tool": "npm",
 *       "file": ".github/workflows/release.yml", // where the command is written (a composite action's file too)
 *       "line": 30, "column": 14, "endLine": 30, "endColumn": 25,
 *       "certainty": "certain",          // "certain" | "likely" (a guess from a name) | "possible" (unreadable command)
 *       "because": null,                 // for "possible": the signs of a publish, in words
 *       "registry": "npmjs",             // "npmjs" | "other" | "unknown"
 *       "registrySource": null,          // the setting that decided it, in words; null = npm's default
 *       "directory": "",                 // repository-relative; null when unknown
 *       "targets": "single",             // "single" | "workspaces" | "unknown" (packages = candidates)
 *       "packages": ["@acme/widget"]
 *     }
 *   ],
 *   "errors": [                          // run-level errors (may be empty); non-empty → exit code 2
 *     {
 *       "kind": "config",                // "config": nothing was linted; "internal": a rule failed
 *       "message": "`rules.invalid-yaml` must be one of ...",
 *       "ruleId": null,                  // the failed rule (internal errors), else null
 *       "file": "tp-doctor.yml",         // null when unknown; the positions are null then too
 *       "line": 2, "column": 17, "endLine": 2, "endColumn": 23
 *     }
 *   ],
 *   "maxWarnings": {                     // null without --max-warnings (or with -1)
 *     "limit": 0, "warnings": 1,         // warnings counts every warning, also those --quiet hides
 *     "exceeded": true,                  // true → exit code 1 even without errors
 *     "message": "1 warning exceeds --max-warnings 0"   // null when not exceeded
 *   }
 * }
 * ```
 *
 * A consumer must look at `errors` (or the exit code) before trusting `diagnostics`: after a config
 * error `diagnostics` is empty because nothing was linted, not because nothing was found.
 *
 * Versioning rule: additive changes (new keys, new rules, new message ids, new `errors` kinds) keep
 * the version; removing or renaming a key, or changing a value's type or meaning, bumps it. `errors`
 * and `maxWarnings` were added before any release of version 1, so they are part of version 1;
 * `publishes`, `autofix` and `suggestions` are later, additive keys.
 * Message texts may change between releases: match on `ruleId` and `messageId`, not on `message`.
 */
export const JSON_FORMAT_VERSION = 1;

export interface JsonRelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  label: string;
}

export interface JsonDiagnostic {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  why: string;
  fix: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: JsonRelatedLocation[];
  docsUrl: string;
  data: Record<string, string | number>;
  autofix: JsonFix | null;
  suggestions: JsonFix[];
}

export interface JsonFix {
  file: string;
  description: string;
  edits: { start: number; end: number; text: string }[];
}

function toJsonFix(f: Fix): JsonFix {
  return { file: f.file, description: f.description, edits: f.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })) };
}

export interface JsonRunError {
  kind: RunError['kind'];
  message: string;
  ruleId: string | null;
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
}

export interface JsonMaxWarnings {
  limit: number;
  warnings: number;
  exceeded: boolean;
  message: string | null;
}

export type JsonPublish = PublishSummary;

export interface JsonReport {
  version: typeof JSON_FORMAT_VERSION;
  tool: { name: 'tp-doctor'; version: string };
  diagnostics: JsonDiagnostic[];
  summary: LintSummary;
  notes: string[];
  publishes: JsonPublish[];
  errors: JsonRunError[];
  maxWarnings: JsonMaxWarnings | null;
}

function toJsonRunError(e: RunError): JsonRunError {
  return {
    kind: e.kind,
    message: e.message,
    ruleId: e.ruleId ?? null,
    file: e.file ?? null,
    line: e.line ?? null,
    column: e.column ?? null,
    endLine: e.endLine ?? null,
    endColumn: e.endColumn ?? null,
  };
}

function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  // Built key by key so the order is the contract's, whatever the producer's object looked like.
  return {
    ruleId: d.ruleId,
    messageId: d.messageId,
    severity: d.severity,
    message: d.message,
    why: d.why,
    fix: d.fix,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    related: d.related.map((r) => ({
      file: r.file,
      line: r.start.line,
      column: r.start.column,
      endLine: r.end.line,
      endColumn: r.end.column,
      label: r.label,
    })),
    docsUrl: d.docsUrl,
    data: { ...d.data },
    autofix: d.autofix ? toJsonFix(d.autofix) : null,
    suggestions: (d.suggestions ?? []).map(toJsonFix),
  };
}

function toJsonPublish(p: PublishSummary): JsonPublish {
  return {
    provider: p.provider,
    ciFile: p.ciFile,
    job: p.job,
    command: p.command,
    tool: p.tool,
    file: p.file,
    line: p.line,
    column: p.column,
    endLine: p.endLine,
    endColumn: p.endColumn,
    certainty: p.certainty,
    because: p.because,
    registry: p.registry,
    registrySource: p.registrySource,
    directory: p.directory,
    targets: p.targets,
    packages: [...p.packages],
  };
}

/** The report as data (what `json` serialises); handy for tests and programmatic callers. */
export function toJsonReport(input: FormatInput): JsonReport {
  const report = reportOf(input);
  return { ...report, diagnostics: report.diagnostics.toJSON() };
}

/** The report with its diagnostics made one at a time, as they are written. */
function reportOf(input: FormatInput): Omit<JsonReport, 'diagnostics'> & { diagnostics: LazyArray<JsonDiagnostic> } {
  const sorted = [...input.diagnostics].sort(compareDiagnostics);
  const { errors, warnings, infos } = summarize(sorted);
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: 'tp-doctor', version: input.toolVersion },
    diagnostics: new LazyArray(mapped(sorted, toJsonDiagnostic)),
    summary: { errors, warnings, infos },
    notes: [...(input.notes ?? [])],
    publishes: (input.publishes ?? []).map(toJsonPublish),
    errors: (input.errors ?? []).map(toJsonRunError),
    maxWarnings: input.warningLimit
      ? {
          limit: input.warningLimit.maxWarnings,
          warnings: input.warningLimit.warnings,
          exceeded: input.warningLimit.warnings > input.warningLimit.maxWarnings,
          message: warningLimitMessage(input.warningLimit) ?? null,
        }
      : null,
  };
}

function* mapped<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/**
 * The JSON report in pieces (one per diagnostic and publish), joining to exactly
 * `JSON.stringify(toJsonReport(input), null, 2)` and a newline: the CLI writes them as they come.
 */
export function* jsonReportChunks(input: FormatInput): Generator<string> {
  // Two levels: the report's keys, then the elements of its arrays.
  yield* jsonChunks(reportOf(input), 2);
  yield '\n';
}

export const json: Formatter = (input) => [...jsonReportChunks(input)].join('');
