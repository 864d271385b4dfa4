/**
 * Output of `tp-doctor diagnose`: a human report (stylish) and a versioned JSON document. Both are
 * pure functions of the Diagnosis, like the lint formatters; the ranking is kept (the lint
 * formatters sort by file, which would lose it).
 *
 * JSON, version 1 (docs/diagnose.md documents it):
 *
 * ```jsonc
 * {
 *   "version": 1,
 *   "tool": { "name": "tp-doctor", "version": "0.1.0" },
 *   "log": { "file": "release.log", "lines": 120 },          // file is "-" for standard input
 *   "failures": [ { "id": "e404-put", "title": "E404 Not Found - PUT", "kind": "failure",
 *                   "lines": [57], "count": 1, "text": "npm error 404 Not Found - PUT ...",
 *                   "meaning": "...", "causes": ["..."], "explainedBy": ["require-id-token-write", ...],
 *                   "source": "docs/domain.md §1.6 ..." } ],
 *   "clues": [ ...same shape, "kind": "clue" ],
 *   "repository": { "directory": ".", "linted": true, "configErrors": [], "notes": [] },  // or null
 *   "findings": [ { "rank": 1, "explains": ["e404-put"], "doubtedBy": [], "noRun": false,  // true: its file never starts a run
 *                   ...every key of a lint JSON diagnostic (ruleId, messageId, severity, message,
 *                   why, fix, file, line, column, endLine, endColumn, related, docsUrl, data) } ],
 *   "summary": { "failures": 1, "clues": 0, "errors": 1, "warnings": 1, "infos": 0, "explaining": 2 }
 * }
 * ```
 */
import { summarize } from '../../diagnostics/diagnostic.js';
import { toJsonReport, type JsonDiagnostic } from '../../formatters/json.js';
import { multiLine, singleLine, wrap, WRAP_WIDTH } from '../../formatters/stylish.js';
import type { Paint } from '../../formatters/types.js';
import type { Diagnosis, LogMatch, RankedFinding } from '../../runtime/diagnose.js';

export const DIAGNOSE_JSON_VERSION = 1;

export interface DiagnoseMeta {
  /** The log file as given on the command line, "-" for standard input. */
  logName: string;
  /** The repository directory as given (relative to the working directory), when one was linted. */
  repositoryName?: string;
  /** Prefix of repository-relative paths in the stylish output. */
  cwdPrefix: string;
  toolVersion: string;
}

const PLAIN: Paint = (() => {
  const plain = ((text: string) => text) as Paint;
  for (const key of ['red', 'yellow', 'blue', 'green', 'cyan', 'dim', 'bold', 'underline'] as const) plain[key] = plain;
  return plain;
})();

const SYMBOL = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

function lineList(m: LogMatch): string {
  const shown = m.lines.join(', ');
  const more = m.count > m.lines.length ? ` and ${m.count - m.lines.length} more` : '';
  return `${m.count === 1 ? 'line' : 'lines'} ${shown}${more}`;
}

function block(indent: string, label: string, text: string, paint: Paint): string[] {
  const width = Math.max(40, WRAP_WIDTH - indent.length - label.length);
  const hang = ' '.repeat(label.length);
  return wrap(multiLine(text).trim(), width).map((line, i) => `${indent}${i === 0 ? paint(label) : hang}${line}`.trimEnd());
}

function renderMatch(m: LogMatch, c: Paint): string[] {
  const out: string[] = [];
  const head = m.pattern.kind === 'failure' ? c.red(`${SYMBOL.error} ${singleLine(m.pattern.title)}`) : c.blue(`${SYMBOL.info} ${singleLine(m.pattern.title)}`);
  out.push(`${head}  ${c.dim(`(${lineList(m)})`)}`);
  out.push(`    ${c.dim('│')} ${singleLine(m.text)}`);
  out.push(...block('    ', 'means: ', m.pattern.meaning, c.dim));
  if (m.pattern.causes.length > 0) {
    out.push(`    ${c.dim('likely causes:')}`);
    m.pattern.causes.forEach((cause, i) => out.push(...block('      ', `${i + 1}. `, cause, c.dim)));
  }
  out.push(...block('    ', 'source: ', m.pattern.source, c.dim));
  return out;
}

function renderFinding(f: RankedFinding, titles: Map<string, string>, prefix: string, c: Paint): string[] {
  const d = f.diagnostic;
  const color = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.blue;
  const out: string[] = [];
  const where = c.cyan(singleLine(`${prefix}${d.file}:${d.line}:${d.column}`));
  out.push(`${String(f.rank).padStart(3)}. ${where}  ${color(`${SYMBOL[d.severity]} ${d.severity}`)}  ${singleLine(d.message)}  ${c.dim(singleLine(d.ruleId))}`);
  const indent = '      ';
  if (f.explains.length > 0) out.push(...block(indent, 'explains: ', f.explains.map((id) => titles.get(id) ?? id).join('; '), c.bold));
  if (f.doubtedBy.length > 0) {
    out.push(...block(indent, 'but: ', `the log says otherwise (${f.doubtedBy.map((id) => titles.get(id) ?? id).join('; ')}), so this is an unlikely cause here`, c.yellow));
  }
  if (f.noRun) out.push(...block(indent, 'not the cause: ', `${platformOf(d.file)} refuses to start a run of this file, so the log cannot come from it`, c.yellow));
  out.push(...block(indent, 'why: ', d.why, c.dim));
  out.push(...block(indent, 'fix: ', d.fix, c.green));
  for (const rel of d.related) out.push(`${indent}${c.dim('↳')} ${c.cyan(singleLine(`${prefix}${rel.file}:${rel.start.line}:${rel.start.column}`))} ${singleLine(rel.label)}`);
  return out;
}

/** The platform that reads a CI file, by its path. */
function platformOf(file: string): string {
  if (file.startsWith('.circleci/')) return 'CircleCI';
  if (file.startsWith('.github/')) return 'GitHub';
  return 'GitLab';
}

export function renderDiagnosisStylish(diagnosis: Diagnosis, meta: DiagnoseMeta, paint?: Paint): string {
  const c = paint ?? PLAIN;
  const out: string[] = [];
  const repoName = !meta.repositoryName || meta.repositoryName === '.' ? 'the repository' : meta.repositoryName;
  const titles = new Map([...diagnosis.failures, ...diagnosis.clues].map((m) => [m.pattern.id, m.pattern.title]));
  const logName = meta.logName === '-' ? 'standard input' : meta.logName;

  if (diagnosis.failures.length === 0) {
    out.push(c.bold(`No known trusted-publishing failure in ${singleLine(logName)} (${diagnosis.lineCount} lines).`));
    out.push(c.dim('The messages tp-doctor recognises are listed in docs/diagnose.md.'));
  } else {
    out.push(c.bold(`${singleLine(logName)}: ${diagnosis.failures.length} known ${diagnosis.failures.length === 1 ? 'failure' : 'failures'}`));
  }
  out.push('');
  for (const m of diagnosis.failures) out.push(...renderMatch(m, c), '');
  if (diagnosis.clues.length > 0) {
    out.push(c.bold('Clues in the log:'));
    for (const m of diagnosis.clues) out.push(...renderMatch(m, c), '');
  }

  const repo = diagnosis.repository;
  if (!repo) {
    out.push(c.dim('No repository was checked (give --repo <dir> to rank its findings against the failure).'));
  } else if (!repo.linted) {
    out.push(c.yellow(`The repository ${singleLine(repoName)} was not checked: its tp-doctor config has errors:`));
    for (const e of repo.configErrors) out.push(`  ${singleLine(e)}`);
  } else if (diagnosis.findings.length === 0) {
    out.push(c.green(`The static checks found nothing in ${singleLine(repoName)}: the cause is outside the files (the registration on npmjs.com, the package itself); run \`tp-doctor probe --exchange\` in the job.`));
  } else {
    const explaining = diagnosis.findings.filter((f) => f.explains.length > 0);
    const others = diagnosis.findings.filter((f) => f.explains.length === 0);
    if (explaining.length > 0) {
      out.push(c.bold(`Findings in ${singleLine(repoName)} that explain it, most likely first:`));
      for (const f of explaining) out.push(...renderFinding(f, titles, meta.cwdPrefix, c));
      out.push('');
    }
    if (others.length > 0) {
      out.push(c.bold(explaining.length > 0 ? 'Other findings:' : `Findings in ${singleLine(repoName)} (none explains a recognised failure):`));
      for (const f of others) out.push(...renderFinding(f, titles, meta.cwdPrefix, c));
      out.push('');
    }
  }
  if (repo) for (const note of repo.notes) out.push(c.dim(`note: ${singleLine(note)}`));
  if (repo) for (const e of repo.internalErrors) out.push(c.yellow(`internal error in rule ${singleLine(e)} (please report it)`));

  const s = summarize(diagnosis.findings.map((f) => f.diagnostic));
  const explainingCount = diagnosis.findings.filter((f) => f.explains.length > 0).length;
  const line =
    `${diagnosis.failures.length} known ${diagnosis.failures.length === 1 ? 'failure' : 'failures'}, ` +
    `${diagnosis.findings.length} ${diagnosis.findings.length === 1 ? 'finding' : 'findings'} ` +
    `(${s.errors} ${s.errors === 1 ? 'error' : 'errors'}, ${s.warnings} ${s.warnings === 1 ? 'warning' : 'warnings'}, ${s.infos} ${s.infos === 1 ? 'info' : 'infos'}), ${explainingCount} explaining the failure`;
  out.push(diagnosis.failures.length > 0 || s.errors > 0 ? c.red.bold(`${SYMBOL.error} ${line}`) : c.green.bold(line));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function jsonMatch(m: LogMatch): Record<string, unknown> {
  return {
    id: m.pattern.id,
    title: m.pattern.title,
    kind: m.pattern.kind,
    lines: m.lines,
    count: m.count,
    text: m.text,
    meaning: m.pattern.meaning,
    causes: m.pattern.causes,
    explainedBy: m.pattern.explainedBy,
    source: m.pattern.source,
  };
}

function jsonDiagnostic(f: RankedFinding, toolVersion: string): JsonDiagnostic {
  // The lint JSON contract's shape and key order, from its own function.
  return toJsonReport({ diagnostics: [f.diagnostic], rules: [], toolVersion }).diagnostics[0]!;
}

export function renderDiagnosisJson(diagnosis: Diagnosis, meta: DiagnoseMeta): string {
  const s = summarize(diagnosis.findings.map((f) => f.diagnostic));
  const repo = diagnosis.repository;
  const report = {
    version: DIAGNOSE_JSON_VERSION,
    tool: { name: 'tp-doctor', version: meta.toolVersion },
    log: { file: meta.logName, lines: diagnosis.lineCount },
    failures: diagnosis.failures.map(jsonMatch),
    clues: diagnosis.clues.map(jsonMatch),
    repository: repo
      ? { directory: meta.repositoryName ?? '.', linted: repo.linted, configErrors: repo.configErrors, notes: repo.notes }
      : null,
    findings: diagnosis.findings.map((f) => ({ rank: f.rank, explains: f.explains, doubtedBy: f.doubtedBy, noRun: f.noRun, ...jsonDiagnostic(f, meta.toolVersion) })),
    summary: {
      failures: diagnosis.failures.length,
      clues: diagnosis.clues.length,
      errors: s.errors,
      warnings: s.warnings,
      infos: s.infos,
      explaining: diagnosis.findings.filter((f) => f.explains.length > 0).length,
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
