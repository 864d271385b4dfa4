/**
 * The CLI: `run(argv, io)` for a lint run (or a subcommand). Options are parsed and checked in
 * `options.ts`, the report is assembled and written with `output.ts`, the version comes from
 * `package-info.ts`.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { rules as registry } from '../../rules/index.js';
import { lint } from '../api.js';
import { summarize, type Diagnostic } from '../diagnostics/diagnostic.js';
import { redact, redactDiagnostic } from '../diagnostics/redact.js';
import { summarizeSites, type PublishSummary } from '../model/sites.js';
import { DiskFs } from '../fs/source.js';
import { tuneHeapFor } from './heap.js';
import { loadReportWriter } from '../formatters/index.js';
import { runErrorLine } from '../formatters/run-info.js';
import type { FormatInput, Paint, RunError } from '../formatters/types.js';
import type { RegistryFacts } from '../model/core/registrations.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { SUBCOMMANDS } from './commands/index.js';
import { DATA_DATE, dataAgeNote } from '../model/data/data-age.js';
import { defaultIo, type Io } from './io.js';
import { checkOptions, HELP, parseCliArgs, type CliValues, type LintOptions } from './options.js';
import {
  emitReport,
  fromConfigError,
  fromInternalError,
  redactPublish,
  relativePrefix,
  ruleSummaries,
  sourceLineReader,
  useColor,
} from './output.js';
import { argsErrorMessage } from './args-error.js';
import { toolVersion } from './package-info.js';
import { findGitRoot, findRepositoryRoot, ROOT_MARKERS } from './repository-root.js';

/** What the program that starts the CLI (bin/tp-doctor.js) provides beyond `Io`. */
export interface Host {
  /**
   * The built worker of a parallel run (dist/cli/lint-worker.cjs). Absent (tests, the Action):
   * one thread.
   */
  workerScript?: string;
}

/** Runs the CLI and returns the exit code. Never throws for user input. */
export async function run(argv: string[], io: Io = defaultIo(), host: Host = {}): Promise<number> {
  const sub = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return (await sub()).run(argv.slice(1), io);
  // Everything tp-doctor says on stderr passes the redaction (config errors quote config text).
  const stderr = (text: string): void => io.stderr(redact(text));
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    stderr(`tp-doctor: ${argsErrorMessage(error)}\nRun "tp-doctor --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${toolVersion()} (data ${DATA_DATE})\n`);
    return EXIT.ok;
  }
  if (values['list-rules']) {
    for (const r of ruleSummaries()) io.stdout(`${r.id.padEnd(32)} ${r.severity.padEnd(8)} ${r.summary}\n`);
    return EXIT.ok;
  }
  const usage = (message: string): number => {
    stderr(`tp-doctor: ${message}\nRun "tp-doctor --help" for usage.\n`);
    return EXIT.usage;
  };
  const options = checkOptions(values, positionals);
  if (typeof options === 'string') return usage(options);
  const place = locate(io, values, positionals, options.format);
  if (typeof place === 'string') return usage(place);
  const linted = await lintOrFix(io, values, options, place, stderr, host);
  if (typeof linted === 'string') return usage(linted);
  return report(io, values, options, place, linted, stderr);
}

type Outcome = Awaited<ReturnType<typeof lint>>;

/**
 * Reads the registry with --online, then lints (or fixes) the repository; a string is a usage
 * error.
 */
async function lintOrFix(
  io: Io,
  values: CliValues,
  options: LintOptions,
  place: Place,
  stderr: (text: string) => void,
  host: Host,
): Promise<{ outcome: Outcome; fixFailures: number } | string> {
  const { dir, displayPrefix } = place;
  const configPath = values.config ? path.resolve(io.cwd, values.config) : undefined;
  const fs = new DiskFs(dir);
  tuneHeapFor(fs);
  // --online: the registry is read first (asynchronously), the lint then runs on plain data.
  let registrations: RegistryFacts | undefined;
  if (values.online) {
    const { fetchRegistrations } = await import('../registry/online.js');
    const online = await fetchRegistrations({ dir, fs, configPath, registry: values.registry, env: io.env });
    if (!online.ok) return online.message;
    registrations = online.facts;
    for (const note of online.notes) stderr(`tp-doctor: ${redact(note)}\n`);
  } else if (values.registry !== undefined) {
    return '--registry is used only with --online';
  }
  const request = { fs, rules: registry, configPath, ruleOverrides: options.overrides, registrations };
  if (values.fix || values['fix-dry-run']) {
    const { fixRepository } = await import('./fix.js');
    const fixed = await fixRepository({ root: dir, request: { ...request, ruleIds: options.fixTypes }, dryRun: !values.fix, io, displayPrefix });
    return { outcome: fixed.outcome, fixFailures: fixed.failures };
  }
  const threads = threadsWanted(io.env['TP_DOCTOR_THREADS'], stderr);
  if (host.workerScript !== undefined && threads > 1) {
    const { lintInParallel, threadsFor } = await import('./parallel.js');
    return { outcome: await lintInParallel(request, host.workerScript, { threads: threadsFor(threads) }), fixFailures: 0 };
  }
  return { outcome: await lint(request), fixFailures: 0 };
}

/**
 * `TP_DOCTOR_THREADS=<n>` (1 to 16; anything else is said on stderr): lint a large repository on up to n threads, no more than the
 * CPUs (src/cli/parallel.ts).
 * One thread otherwise: on the 2-CPU bench machine the threads did not pay for themselves (each
 * warms up its own compiled code, and the final load reads the kept workflows again).
 */
function threadsWanted(value: string | undefined, stderr: (text: string) => void): number {
  if (value === undefined || value === '') return 1;
  const n = /^\d{1,2}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (n >= 1 && n <= 16) return n;
  const shown = value.length > 20 ? `${value.slice(0, 17)}...` : value;
  stderr(`tp-doctor: TP_DOCTOR_THREADS expects a whole number from 1 to 16, got "${shown}"; linting on one thread\n`);
  return 1;
}

/** Prints run errors and notes, formats the findings, writes the report; returns the exit code. */
async function report(
  io: Io,
  values: CliValues,
  options: LintOptions,
  place: Place,
  { outcome, fixFailures }: { outcome: Outcome; fixFailures: number },
  stderr: (text: string) => void,
): Promise<number> {
  const { displayPrefix, cwdPrefix } = place;
  const { format, maxWarnings } = options;
  const toStdout = values.output === undefined;
  // Stylish on standard output: notes and run errors already went to stderr; never twice.
  const humanOnTerminal = format === 'stylish' && toStdout;
  const errors: RunError[] = outcome.ok ? outcome.internalErrors.map(fromInternalError) : outcome.configErrors.map(fromConfigError);
  for (const e of errors) stderr(`tp-doctor: ${runErrorLine(e, displayPrefix)}\n`);
  const notes = outcome.ok ? outcome.notes.map(redact) : [];
  // The human format says once when the Node and npm release tables are over 90 days old (machine
  // formats stay the same whatever the day).
  const staleData = format === 'stylish' && io.today ? dataAgeNote(io.today(), DATA_DATE) : undefined;
  if (staleData) notes.push(staleData);
  if (format === 'stylish' && place.rootNote) notes.unshift(place.rootNote);
  for (const note of notes) stderr(`tp-doctor: ${note}\n`);

  const found: Diagnostic[] = outcome.ok ? outcome.diagnostics.map(redactDiagnostic) : [];
  const diagnostics = values.quiet ? found.filter((d) => d.severity === 'error') : found;
  const summary = summarize(found);
  // The version (read from tp-doctor's package.json) and the publish summary are computed when a
  // formatter reads them: the default output (stylish) shows neither, and a small repository's run
  // is mostly start-up (bench/README.md).
  let publishes: readonly PublishSummary[] | undefined | null = null;
  const input: FormatInput = {
    diagnostics,
    rules: ruleSummaries(format === 'sarif'),
    get toolVersion() {
      return toolVersion();
    },
    notes: humanOnTerminal ? [] : notes,
    get publishes() {
      if (publishes === null) publishes = outcome.ok ? summarizeSites(outcome.project.facts.sites, (site) => site.provider === 'github' && outcome.project.facts.renamesBefore(site)).map(redactPublish) : undefined;
      return publishes;
    },
    errors: humanOnTerminal ? [] : errors,
    sourceLines: outcome.ok ? sourceLineReader(outcome.project) : undefined,
  };
  if (maxWarnings !== undefined) input.warningLimit = { maxWarnings, warnings: summary.warnings, quiet: values.quiet === true };

  if (!outcome.ok && humanOnTerminal) return EXIT.usage;

  const color = useColor(io, values.color, !toStdout);
  // chalk is only loaded when the output is coloured.
  const paint: Paint | undefined = color ? new (await import('chalk')).Chalk({ level: 1 }) : undefined;
  const text = (await loadReportWriter(format))(input, { color, paint, cwdPrefix });
  const dryRun = values['fix-dry-run'] === true;
  // A clean run's line is for a terminal only; whether standard output is one is asked last.
  const clean = humanOnTerminal && text === '' && outcome.ok && errors.length === 0 && !dryRun && io.isTTY;
  const written = await emitReport(
    io,
    {
      text,
      input,
      format,
      cwdPrefix,
      output: values.output,
      dryRun,
      ...(clean && outcome.ok ? { cleanRun: { project: outcome.project, found: found.length, shown: diagnostics.length } } : {}),
    },
    stderr,
  );
  if (!written) return EXIT.usage;
  if (errors.length > 0 || fixFailures > 0) return EXIT.usage;
  return exitCodeFor(summary, maxWarnings);
}

/** The linted root and the path prefixes of the report. */
interface Place {
  dir: string;
  displayPrefix: string;
  cwdPrefix: string;
  /** The note that the linted root is above the folder tp-doctor was started in or given. */
  rootNote?: string;
}

/**
 * The linted root and the path prefixes of the report, from the directory argument; a string is
 * a usage error.
 */
function locate(io: Io, values: CliValues, positionals: readonly string[], format: string): Place | string {
  const start = path.resolve(io.cwd, positionals[0] ?? '.');
  let isDir: boolean;
  try {
    isDir = statSync(start).isDirectory();
  } catch {
    return `"${positionals[0] ?? '.'}" does not exist`;
  }
  if (!isDir) return `"${positionals[0]}" is not a directory; pass the repository root`;
  // Like git: the repository that holds the directory, unless --no-root-search. Nothing above the
  // root is read; the walk only looks for a `.git` entry in each ancestor.
  const repositoryRoot = values['root-search'] === false ? undefined : findRepositoryRoot(start);
  const dir = repositoryRoot ?? start;
  // Paths for people are relative to where tp-doctor was started; paths for machines (SARIF,
  // annotations, Code Quality) to the repository root when there is one, so code scanning and
  // GitLab find the files. JSON always uses paths relative to the linted root.
  const displayPrefix = relativePrefix(io.cwd, dir);
  // A root above the folder the user named is said once, in the human format (the paths show it too).
  const from = start === path.resolve(io.cwd) ? 'this one' : `"${relativePrefix(io.cwd, start).replace(/\/$/, '')}"`;
  const rootNote = repositoryRoot !== undefined && repositoryRoot !== start
    ? `linted the repository at ${displayPrefix.replace(/\/$/, '') || '.'} (${findGitRoot(repositoryRoot) === repositoryRoot ? `the top of the git repository that holds ${from}` : `the nearest folder with ${ROOT_MARKERS} above ${from}, with no .git anywhere above`}); --no-root-search lints only the folder itself`
    : undefined;
  // Annotations and code scanning resolve paths from the top of the git checkout, even when the
  // linted root is a folder inside it that has CI configuration of its own.
  const gitRoot = values['root-search'] === false ? undefined : findGitRoot(dir);
  const machinePrefix = gitRoot !== undefined ? relativePrefix(gitRoot, dir) : displayPrefix;
  return { dir, displayPrefix, cwdPrefix: format === 'stylish' ? displayPrefix : machinePrefix, ...(rootNote ? { rootNote } : {}) };
}
