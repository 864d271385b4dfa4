import { pathToFileURL } from 'node:url';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { REPOSITORY_URL } from '../diagnostics/docs-url.js';
import type { PublishSummary } from '../model/sites.js';
import { fingerprints } from './fingerprint.js';
import { pageLead, ruleHelp } from './rule-help.js';
import { jsonChunks } from './json-chunks.js';
import { isAbsolutePath, warningLimitMessage } from './run-info.js';
import type { FormatInput, FormatOptions, Formatter, RuleMetaSummary, RunError } from './types.js';

/**
 * ## SARIF output (`--format sarif`)
 *
 * SARIF 2.1.0 as GitHub code scanning reads it (upload it with `github/codeql-action/upload-sarif`):
 *
 * - `tool.driver`: name, `version` and `semanticVersion`, `informationUri`, and one `rules[]` entry
 *   per rule a result (or a run error) names, none for the others, with `shortDescription` (the rule
 *   summary), `fullDescription` (the first paragraph of the rule page; both at most 1,024
 *   characters, GitHub's limit), `help.text` / `help.markdown` (the page's essentials: its lead,
 *   the start of "What it checks", "Why it matters" and "How to fix", rule-help.ts), `helpUri` (the
 *   whole page), the default level,
 *   and `properties.tags` (`security` for rules with a security severity, then the providers and the
 *   rule's own tags) and `properties["security-severity"]` (a string, "0.0"–"10.0", from the rule's
 *   `securitySeverity`; GitHub maps ≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low).
 * - `results[]`, sorted like every other format: `ruleId` + `ruleIndex`, `level` (error, warning,
 *   note for info), `message.text` (headline, then why and fix), one location with a
 *   repository-relative `artifactLocation.uri` and `uriBaseId: "%SRCROOT%"` (a file outside the
 *   repository, an absolute `--config`, as a `file:` URI without a base) and a full region
 *   (start and end line and column, 1-based, end column exclusive, UTF-16 code units),
 *   `relatedLocations`, `partialFingerprints["tpDoctor/v1"]` (see fingerprint.ts: survives unrelated
 *   lines moving), and `properties` with the message id, why, fix and data.
 *
 * - `invocations[0]`: `executionSuccessful` (false after a config error, when nothing was linted,
 *   or when a rule failed) and `toolExecutionNotifications`: one per run-level error (level
 *   `error`, descriptor id `config-error` / `internal-error`, the file and region when known) and
 *   one when `--max-warnings` is exceeded (level `warning`, descriptor id `max-warnings`).
 *
 * The document is pretty-printed with 2 spaces and ends with a newline. Pure: the rule pages and
 * the source lines come in through `FormatInput`.
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'tpDoctor/v1';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  descriptor: { id: 'config-error' | 'internal-error' | 'max-warnings' };
  associatedRule?: { id: string; index?: number };
  locations?: { physicalLocation: SarifPhysicalLocation }[];
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications?: SarifNotification[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity'?: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: { physicalLocation: SarifPhysicalLocation }[];
  relatedLocations?: { id: number; physicalLocation: SarifPhysicalLocation; message: SarifMessage }[];
  partialFingerprints: Record<string, string>;
  properties: { messageId: string; why: string; fix: string; data: Record<string, string | number> };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: 'tp-doctor';
          version: string;
          semanticVersion: string;
          informationUri: string;
          rules: SarifRule[];
        };
      };
      columnKind: 'utf16CodeUnits';
      invocations: [SarifInvocation];
      results: SarifResult[];
      properties?: { notes?: string[]; publishes?: PublishSummary[] };
    },
  ];
}

/** `require-id-token-write` → `RequireIdTokenWrite` (SARIF recommends a Pascal-case rule name). */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export { pageLead };

/** GitHub shows at most this many characters of a rule's `shortDescription` and `fullDescription`. */
export const DESCRIPTION_LIMIT = 1024;

function limited(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1).trimEnd()}…`;
}

function formatSecuritySeverity(n: number): string {
  const clamped = Math.min(10, Math.max(0, n));
  return clamped.toFixed(1);
}

function sarifRule(rule: RuleMetaSummary): SarifRule {
  const full = pageLead(rule.helpMarkdown) ?? rule.summary;
  const tags: string[] = [];
  if (rule.securitySeverity !== undefined) tags.push('security');
  for (const tag of [...rule.providers, ...(rule.tags ?? [])]) if (!tags.includes(tag)) tags.push(tag);
  const properties: SarifRule['properties'] = { tags };
  if (rule.securitySeverity !== undefined) properties['security-severity'] = formatSecuritySeverity(rule.securitySeverity);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: limited(rule.summary) },
    fullDescription: { text: limited(full) },
    help: ruleHelp(rule),
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties,
  };
}

/**
 * The rules `tool.driver.rules` describes: those a result or a run error names, in the rule list's
 * order, then any the list does not know. GitHub needs a rule entry for each result's `ruleId` and
 * nothing for the rest; describing every rule on every run would add each page's help to every
 * upload.
 */
function describedRules(input: FormatInput, sorted: readonly Diagnostic[]): { ruleList: RuleMetaSummary[]; index: Map<string, number> } {
  const named = new Set<string>([...sorted.map((d) => d.ruleId), ...(input.errors ?? []).flatMap((e) => (e.kind === 'internal' && e.ruleId !== undefined ? [e.ruleId] : []))]);
  const ruleList: RuleMetaSummary[] = [];
  const index = new Map<string, number>();
  for (const r of input.rules) {
    if (!named.has(r.id) || index.has(r.id)) continue;
    index.set(r.id, ruleList.length);
    ruleList.push(r);
  }
  for (const d of sorted) {
    if (!index.has(d.ruleId)) {
      index.set(d.ruleId, ruleList.length);
      ruleList.push(unknownRule(d));
    }
  }
  return { ruleList, index };
}

/** A rule the diagnostics name but the rule list does not know (never expected; kept valid anyway). */
function unknownRule(d: Diagnostic): RuleMetaSummary {
  return { id: d.ruleId, severity: d.severity, summary: d.ruleId, docsUrl: d.docsUrl, providers: [] };
}

/** Percent-encodes what a relative URI cannot carry literally; keeps `/` separators. */
export function toRelativeUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** A repository file relative to %SRCROOT%; a file outside the repository (an absolute `--config`) as a `file:` URI. */
function artifactLocation(prefix: string, file: string): { uri: string; uriBaseId?: string } {
  if (!isAbsolutePath(file)) return { uri: toRelativeUri(prefix + file), uriBaseId: SRCROOT };
  // `pathToFileURL` escapes `#`, `?` and `%`, which `encodeURI` leaves alone; a string in, a string out.
  return { uri: pathToFileURL(file).href };
}

function physicalLocation(
  file: string,
  start: { line: number; column: number },
  end: { line: number; column: number },
  prefix: string,
): SarifPhysicalLocation {
  const startLine = Math.max(1, start.line);
  const startColumn = Math.max(1, start.column);
  let endLine = Math.max(startLine, end.line);
  let endColumn = Math.max(1, end.column);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  if (end.line < startLine) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return {
    artifactLocation: artifactLocation(prefix, file),
    region: { startLine, startColumn, endLine, endColumn },
  };
}

function notification(e: RunError, prefix: string, ruleIndex: Map<string, number>): SarifNotification {
  const n: SarifNotification = {
    level: 'error',
    message: { text: `${e.kind === 'config' ? 'Config error' : `Internal error in rule ${e.ruleId ?? '(unknown)'}`}: ${e.message}` },
    descriptor: { id: e.kind === 'config' ? 'config-error' : 'internal-error' },
  };
  if (e.kind === 'internal' && e.ruleId !== undefined) {
    const index = ruleIndex.get(e.ruleId);
    n.associatedRule = index !== undefined ? { id: e.ruleId, index } : { id: e.ruleId };
  }
  if (e.file !== undefined) {
    const physical =
      e.line !== undefined
        ? physicalLocation(
            e.file,
            { line: e.line, column: e.column ?? 1 },
            { line: e.endLine ?? e.line, column: e.endColumn ?? e.column ?? 1 },
            prefix,
          )
        : { artifactLocation: artifactLocation(prefix, e.file) };
    n.locations = [{ physicalLocation: physical }];
  }
  return n;
}

function invocation(input: FormatInput, prefix: string, ruleIndex: Map<string, number>): SarifInvocation {
  const errors = input.errors ?? [];
  const notifications = errors.map((e) => notification(e, prefix, ruleIndex));
  const exceeded = warningLimitMessage(input.warningLimit);
  if (exceeded) notifications.push({ level: 'warning', message: { text: exceeded }, descriptor: { id: 'max-warnings' } });
  const out: SarifInvocation = { executionSuccessful: errors.length === 0 };
  if (notifications.length > 0) out.toolExecutionNotifications = notifications;
  return out;
}

function messageText(d: Diagnostic): string {
  const parts = [d.message];
  if (d.why.trim()) parts.push(`Why: ${d.why}`);
  if (d.fix.trim()) parts.push(`Fix: ${d.fix}`);
  return parts.join('\n\n');
}

/** The SARIF log as data (what `sarif` serialises). */
export function toSarifLog(input: FormatInput, cwdPrefix = ''): SarifLog {
  const sorted = [...input.diagnostics].sort(compareDiagnostics);
  const { ruleList, index } = describedRules(input, sorted);
  const prints = fingerprints(sorted, input.sourceLines);

  const results = sorted.map(
    (d): SarifResult => ({
      ruleId: d.ruleId,
      ruleIndex: index.get(d.ruleId)!,
      level: LEVEL[d.severity],
      message: { text: messageText(d) },
      locations: [
        {
          physicalLocation: physicalLocation(
            d.file,
            { line: d.line, column: d.column },
            { line: d.endLine, column: d.endColumn },
            cwdPrefix,
          ),
        },
      ],
      ...(d.related.length > 0
        ? {
            relatedLocations: d.related.map((r, i) => ({
              id: i + 1,
              physicalLocation: physicalLocation(r.file, r.start, r.end, cwdPrefix),
              message: { text: r.label || 'related location' },
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: prints.get(d)! },
      properties: { messageId: d.messageId, why: d.why, fix: d.fix, data: { ...d.data } },
    }),
  );

  const run: SarifLog['runs'][0] = {
    tool: {
      driver: {
        name: 'tp-doctor',
        version: input.toolVersion,
        semanticVersion: input.toolVersion,
        informationUri: REPOSITORY_URL,
        rules: ruleList.map(sarifRule),
      },
    },
    columnKind: 'utf16CodeUnits',
    invocations: [invocation(input, cwdPrefix, index)],
    results,
  };
  if (input.notes && input.notes.length > 0) run.properties = { notes: [...input.notes] };
  // The publish inventory (what a security team aggregates over many repositories).
  if (input.publishes && input.publishes.length > 0) run.properties = { ...run.properties, publishes: input.publishes.map((p) => ({ ...p, packages: [...p.packages] })) };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/**
 * The SARIF log in pieces (one per result), joining to exactly `JSON.stringify(log, null, 2)` and a
 * newline: the CLI writes them as they come (src/formatters/json-chunks.ts).
 */
export function* sarifChunks(input: FormatInput, options: FormatOptions): Generator<string> {
  // Four levels: the log, `runs`, the run, its arrays (`results`); each result is one piece.
  yield* jsonChunks(toSarifLog(input, options.cwdPrefix ?? ''), 4);
  yield '\n';
}

export const sarif: Formatter = (input, options) => [...sarifChunks(input, options)].join('');
