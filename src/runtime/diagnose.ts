/**
 * `tp-doctor diagnose`: reads the log of a failed publish, recognises the failure messages of the
 * table in log-patterns.ts, runs the static checks on the repository when there is one, and ranks
 * the findings that explain the recognised failures first. Pure apart from the lint it calls; the
 * CLI reads the log and prints.
 */
import { lint } from '../api.js';
import { compareDiagnostics, SEVERITY_RANK, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { AnyRule, MessageSpec } from '../engine/define-rule.js';
import type { SourceFs } from '../fs/source.js';
import { cleanLog } from './log-clean.js';
import { LOG_PATTERNS, type LogPattern } from './log-patterns.js';
import { redactTokenLike } from './redact.js';

/** Line numbers kept per recognised message (the count is always complete). */
const MAX_LINES = 10;
/** A quoted log line is cut to this length. */
const MAX_TEXT = 300;

export interface LogMatch {
  pattern: LogPattern;
  /** 1-based line numbers in the log, the first MAX_LINES. */
  lines: number[];
  count: number;
  /** The first matching line, cleaned, redacted and cut. */
  text: string;
}

export interface RankedFinding {
  diagnostic: Diagnostic;
  /** 1-based position in the ranking. */
  rank: number;
  /** Ids of the recognised messages this finding explains. */
  explains: string[];
  /** Ids of log clues that make this finding an unlikely cause of this failure. */
  doubtedBy: string[];
  /**
   * The finding says the platform refuses its file before anything runs (`MessageSpec.startsNoRun`:
   * `id-token: read`, an invalid workflow shape): no publish log can come from that file, so it
   * explains nothing the log shows, whatever its rule.
   */
  noRun: boolean;
}

export interface RepositoryOutcome {
  /** False when the config could not be read (then `configErrors` says why). */
  linted: boolean;
  configErrors: string[];
  notes: string[];
  internalErrors: string[];
}

export interface Diagnosis {
  lineCount: number;
  failures: LogMatch[];
  clues: LogMatch[];
  findings: RankedFinding[];
  repository?: RepositoryOutcome;
}

/** Every pattern that occurs in the log, in table order, once each. */
export function matchLog(text: string): LogMatch[] {
  const lines = cleanLog(text);
  const found = new Map<LogPattern, LogMatch>();
  lines.forEach((line, index) => {
    if (line === '') return;
    for (const pattern of LOG_PATTERNS) {
      const m = pattern.regex.exec(line);
      if (!m || (pattern.accept && !pattern.accept(m))) continue;
      const match = found.get(pattern);
      if (match) {
        match.count++;
        if (match.lines.length < MAX_LINES) match.lines.push(index + 1);
      } else {
        const clean = redactTokenLike(line.trim());
        found.set(pattern, { pattern, lines: [index + 1], count: 1, text: clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean });
      }
    }
  });
  return LOG_PATTERNS.flatMap((p) => (found.has(p) ? [found.get(p)!] : []));
}

/**
 * Findings that explain a recognised message first: by the best position of their rule in the
 * `explainedBy` lists of the messages (most likely cause first), then errors before warnings, then
 * file order. A finding whose file never starts a run (`startsNoRun`) explains nothing. A finding a clue contradicts (for example "provenance was signed" against a missing
 * `id-token: write`) goes after the others that explain. Findings that explain nothing follow.
 */
export function rankFindings(diagnostics: readonly Diagnostic[], matches: readonly LogMatch[], startsNoRun: (d: Diagnostic) => boolean = () => false): RankedFinding[] {
  const scored = diagnostics.map((diagnostic) => {
    const explains: string[] = [];
    let best = Number.POSITIVE_INFINITY;
    const noRun = startsNoRun(diagnostic);
    for (const m of noRun ? [] : matches) {
      const at = m.pattern.explainedBy.indexOf(diagnostic.ruleId);
      if (at < 0) continue;
      explains.push(m.pattern.id);
      best = Math.min(best, at);
    }
    const doubtedBy = matches.filter((m) => m.pattern.contradicts?.includes(diagnostic.ruleId)).map((m) => m.pattern.id);
    const score = explains.length === 0 ? Number.POSITIVE_INFINITY : best + (doubtedBy.length > 0 ? 1000 : 0);
    return { diagnostic, explains, doubtedBy, score, noRun };
  });
  scored.sort(
    (a, b) =>
      (a.score === b.score ? 0 : a.score < b.score ? -1 : 1) ||
      SEVERITY_RANK[b.diagnostic.severity] - SEVERITY_RANK[a.diagnostic.severity] ||
      compareDiagnostics(a.diagnostic, b.diagnostic),
  );
  return scored.map((s, i) => ({ diagnostic: s.diagnostic, rank: i + 1, explains: s.explains, doubtedBy: s.doubtedBy, noRun: s.noRun }));
}

/** Whether a finding's message says its file never starts a run (`MessageSpec.startsNoRun`), from the registry. */
function noRunMessages(rules: readonly AnyRule[]): (d: Diagnostic) => boolean {
  const ids = new Set<string>();
  for (const rule of rules) {
    for (const [id, spec] of Object.entries(rule.meta.messages as Record<string, MessageSpec>)) if (spec.startsNoRun) ids.add(`${rule.id}/${id}`);
  }
  return (d) => ids.has(`${d.ruleId}/${d.messageId}`);
}

export interface DiagnoseRequest {
  log: string;
  /** The repository to run the static checks on; undefined: log only. */
  fs?: SourceFs;
  configPath?: string;
  /** The rule registry (rules/index.ts), passed in by the CLI. */
  rules: readonly AnyRule[];
}

export async function diagnose(request: DiagnoseRequest): Promise<Diagnosis> {
  const matches = matchLog(request.log);
  const lineCount = request.log === '' ? 0 : request.log.split(/\r?\n/).length;
  const failures = matches.filter((m) => m.pattern.kind === 'failure');
  const clues = matches.filter((m) => m.pattern.kind === 'clue');
  if (!request.fs) return { lineCount, failures, clues, findings: [] };

  const outcome = await lint({ fs: request.fs, rules: request.rules, ...(request.configPath ? { configPath: request.configPath } : {}) });
  if (!outcome.ok) {
    return {
      lineCount,
      failures,
      clues,
      findings: [],
      repository: {
        linted: false,
        configErrors: outcome.configErrors.map((e) => (e.location ? `${e.location.file}:${e.location.start.line}:${e.location.start.column}: ${e.message}` : e.message)),
        notes: [],
        internalErrors: [],
      },
    };
  }
  return {
    lineCount,
    failures,
    clues,
    findings: rankFindings(outcome.diagnostics, matches, noRunMessages(request.rules)),
    repository: {
      linted: true,
      configErrors: [],
      notes: outcome.notes,
      internalErrors: outcome.internalErrors.map((e) => `${e.ruleId}${e.file ? ` on ${e.file}` : ''}: ${e.message}`),
    },
  };
}
