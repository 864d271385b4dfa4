/** What a lint run shows: rule summaries, run errors, redacted publishes, and where the report goes. */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules as registry } from '../../rules/index.js';
import type { ConfigError } from '../config/load.js';
import { docsUrl } from '../diagnostics/docs-url.js';
import { redact } from '../diagnostics/redact.js';
import type { InternalError } from '../engine/run.js';
import type { ReportText } from '../formatters/index.js';
import { batched } from '../formatters/json-chunks.js';
import type { FormatInput, RuleMetaSummary, RunError } from '../formatters/types.js';
import type { Project } from '../model/project.js';
import type { PublishSummary } from '../model/sites.js';
import type { Io } from './io.js';
import { packageInfo } from './package-info.js';

/** Colour: `--color`/`--no-color`, never into a file, else FORCE_COLOR, NO_COLOR, a terminal. */
export function useColor(io: Io, flag: boolean | undefined, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY;
}

/** The rule page rules/<id>/<id>.md (for SARIF `help.markdown`), or undefined when it is not there. */
function rulePage(id: string): string | undefined {
  try {
    return readFileSync(path.join(packageInfo().root, 'rules', id, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** The rules as the formatters list them (with their pages for SARIF). */
export function ruleSummaries(withPages = false): RuleMetaSummary[] {
  return registry.map((r) => {
    const summary: RuleMetaSummary = {
      id: r.id,
      severity: r.meta.severity,
      summary: r.meta.summary,
      docsUrl: docsUrl(r.id),
      providers: [...r.meta.providers],
    };
    if (r.meta.securitySeverity !== undefined) summary.securitySeverity = r.meta.securitySeverity;
    if (r.meta.tags) summary.tags = [...r.meta.tags];
    if (withPages) {
      const page = rulePage(r.id);
      if (page !== undefined) summary.helpMarkdown = page;
    }
    return summary;
  });
}

/** A publish summary with every quoted user text redacted. */
export function redactPublish(p: PublishSummary): PublishSummary {
  return { ...p, command: redact(p.command), because: p.because === null ? null : redact(p.because), registrySource: p.registrySource === null ? null : redact(p.registrySource) };
}

/** Line text of the files the run read, for fingerprints; other files are read on demand, once. */
export function sourceLineReader(project: Project): NonNullable<FormatInput['sourceLines']> {
  const cache = new Map<string, string[] | null>();
  return (file, line) => {
    if (!cache.has(file)) {
      const doc = project.documents.find((d) => d.file === file);
      const read = doc ? { ok: true as const, text: doc.text } : project.fs.read(file);
      cache.set(file, read.ok ? read.text.split(/\r\n|\r|\n/) : null);
    }
    return cache.get(file)?.[line - 1];
  };
}

/** `dir` relative to `from` as a path prefix with forward slashes: "" or "packages/web/" or "../../". */
export function relativePrefix(from: string, dir: string): string {
  const rel = path.relative(from, dir);
  return rel === '' ? '' : `${rel.split(path.sep).join('/')}/`;
}

export function fromConfigError(e: ConfigError): RunError {
  const out: RunError = { kind: 'config', message: redact(e.message) };
  if (e.location) {
    out.file = e.location.file;
    out.line = e.location.start.line;
    out.column = e.location.start.column;
    out.endLine = e.location.end.line;
    out.endColumn = e.location.end.column;
  }
  return out;
}

export function fromInternalError(e: InternalError): RunError {
  const out: RunError = { kind: 'internal', ruleId: e.ruleId, message: redact(e.message) };
  if (e.file !== undefined) out.file = e.file;
  return out;
}

/** Jobs that publish: GitHub jobs and GitLab jobs with a publish command. */
function publishingJobCount(project: Project): number {
  let n = 0;
  n += project.facts.publishingJobs.length;
  for (const pipeline of project.gitlab) n += project.facts.publishingGitlabJobs(pipeline).length;
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}


/** Where the formatted report goes and what a clean run on a terminal says. */
export interface EmitRequest {
  /** The report: one text, or pieces written one after another (json and sarif). */
  text: ReportText;
  input: FormatInput;
  format: string;
  cwdPrefix: string;
  /** `--output`, as given. */
  output: string | undefined;
  dryRun: boolean;
  /** Set for a clean run on a terminal in the human format: what it looked at. */
  cleanRun?: { project: Project; found: number; shown: number };
}

/** Writes a report to a stream: a text at once, pieces in runs of 64 KiB as they are made. */
function writeReport(write: (text: string) => void, text: ReportText): void {
  if (typeof text === 'string') write(text);
  else for (const run of batched(text)) write(run);
}

/**
 * Writes the report: the GitHub step summary, then `--output` (a file, or standard output or
 * error named as a file), else standard output. False when `--output` cannot be written.
 */
export async function emitReport(io: Io, request: EmitRequest, stderr: (text: string) => void): Promise<boolean> {
  const { text, input, format, cwdPrefix, output } = request;
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) {
    try {
      const { stepSummary } = await import('../formatters/github.js');
      appendFileSync(summaryFile, stepSummary(input, { cwdPrefix }));
    } catch (error) {
      stderr(`tp-doctor: cannot write the step summary: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    }
  }
  if (output !== undefined) {
    // Only `--output` loads the file writer (and the crypto and fs/promises modules it needs).
    const { OutputError, standardStream, writeOutputFile } = await import('./output-file.js');
    const target = path.resolve(io.cwd, output);
    const stream = standardStream(target);
    if (stream === 2) {
      writeReport(io.stderr, text);
    } else if (stream === 1) {
      writeReport(io.stdout, text);
    } else {
      try {
        await writeOutputFile(target, text);
      } catch (error) {
        const code = error instanceof OutputError ? error.code : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
        stderr(`tp-doctor: cannot write "${output}": ${code}\n`);
        return false;
      }
    }
  } else if (text !== '') {
    // --fix-dry-run keeps standard output for the diff (so it pipes into `git apply`).
    writeReport(request.dryRun ? io.stderr : io.stdout, text);
  } else if (request.cleanRun) {
    // A clean run on a terminal says what it looked at; pipes and machine formats stay silent.
    const { project, found, shown } = request.cleanRun;
    const checked = `checked ${plural(project.documents.length + (project.streamed?.length ?? 0), 'file')}, ${plural(publishingJobCount(project), 'publishing job')}`;
    const hidden = found - shown;
    io.stdout(`${checked}: ${hidden === 0 ? 'no problems' : `no errors (--quiet hides ${plural(hidden, 'finding')})`}\n`);
  }
  return true;
}
