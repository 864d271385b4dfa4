import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rules as registry } from '../../rules/index.js';
import { lint } from '../api.js';
import type { ConfigError } from '../config/load.js';
import type { RuleSetting } from '../config/types.js';
import { summarize, type Diagnostic } from '../diagnostics/diagnostic.js';
import { docsUrl } from '../diagnostics/docs-url.js';
import { redact, redactDiagnostic } from '../diagnostics/redact.js';
import { summarizeSites, type PublishSummary } from '../model/sites.js';
import type { InternalError } from '../engine/run.js';
import { DiskFs } from '../fs/source.js';
import { formatNames, isFormatName, loadFormatter } from '../formatters/index.js';
import { runErrorLine } from '../formatters/run-info.js';
import type { FormatInput, Paint, RuleMetaSummary, RunError } from '../formatters/types.js';
import type { Project } from '../model/project.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { SUBCOMMANDS } from './commands/index.js';
import { DATA_DATE, dataAgeNote } from '../model/data/data-age.js';
import { defaultIo, type Io } from './io.js';
import { OutputError, standardStream, writeOutputFile } from './output-file.js';
import { findGitRoot, findRepositoryRoot } from './repository-root.js';

export const HELP = `Usage: tp-doctor [directory] [options]
       tp-doctor <command> [options]

Checks a repository's npm trusted publishing (OIDC) setup and reports every reason a publish would
fail or is unsafe. It reads GitHub Actions workflows (.github/workflows/*.yml), GitLab CI
(.gitlab-ci.yml and its local includes) and CircleCI (.circleci/config.yml), with package.json,
.npmrc and the trusted-publisher declaration (tp-doctor.yml).

Run inside a repository, it lints the whole repository: it walks up from the directory (default:
the current one) to the nearest folder holding .git, and shows paths relative to where it started.

Commands (see tp-doctor <command> --help):
  init                      Write tp-doctor.yml and the npm trust commands for this repository
  probe                     Check the OIDC token inside the CI job, right before the publish
  diagnose <log|->          Explain a failed publish from its CI log
  A directory named like a command is linted as ./init, ./probe, ./diagnose.

Options:
  -f, --format <name>       Output format: ${formatNames.join(', ')} (default: stylish)
  -c, --config <file>       Config file (default: tp-doctor.yml, .tp-doctor.yml, tp-doctor.json,
                            or "tpDoctor" in package.json)
  -o, --output <file>       Write the report to a file instead of standard output
      --max-warnings <n>    Exit 1 when there are more than n warnings (-1: no limit, the default)
      --quiet               Report errors only
      --rule <id:severity>  Override a rule's severity (error, warning, info, off); repeatable
      --no-root-search      Lint the directory itself, not the repository it is in
      --color, --no-color   Force or disable colours (default: on for a terminal; NO_COLOR and
                            FORCE_COLOR are honoured)
      --list-rules          List the rules and exit
      --online              Also compare with what the registry holds (trusted publishers registered
                            for each package, whether it exists); uses your npm configuration
      --registry <url>      Registry for --online (default: from your npm configuration)
      --fix                 Apply the fixes that are certain, then report what is left
      --fix-dry-run         Print the fixes as a unified diff (for git apply); change nothing
      --fix-type <ids>      Only fix findings of these rules (comma-separated, with --fix or
                            --fix-dry-run)
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
            2 usage, config, output or internal error.
`;

/**
 * tp-doctor's own package directory and version, found by walking up from this module: the same
 * answer from src/cli (tests), dist/src/cli (the compiled API) and dist/ (the bundled CLI).
 */
let ownPackage: { root: string; version: string } | undefined;
function packageInfo(): { root: string; version: string } {
  if (ownPackage) return ownPackage;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'tp-doctor') return (ownPackage = { root: dir, version: pkg.version ?? '0.0.0' });
      } catch {
        // keep looking upwards
      }
    }
    dir = path.dirname(dir);
  }
  return (ownPackage = { root: path.dirname(fileURLToPath(import.meta.url)), version: '0.0.0' });
}

export function toolVersion(): string {
  return packageInfo().version;
}

function useColor(io: Io, flag: boolean | undefined, toFile: boolean): boolean {
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

function ruleSummaries(withPages = false): RuleMetaSummary[] {
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

/** Line text of the files the run read, for fingerprints; other files are read on demand, once. */
/** A publish summary with every quoted user text redacted. */
function redactPublish(p: PublishSummary): PublishSummary {
  return { ...p, command: redact(p.command), because: p.because === null ? null : redact(p.because), registrySource: p.registrySource === null ? null : redact(p.registrySource) };
}

function sourceLineReader(project: Project): NonNullable<FormatInput['sourceLines']> {
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

function parseRuleOverrides(values: string[]): Record<string, RuleSetting> | string {
  const out: Record<string, RuleSetting> = {};
  for (const value of values) {
    const m = /^([a-z0-9-]+)[:=](error|warning|info|off)$/.exec(value.trim());
    if (!m) return `--rule expects <rule-id>:<error|warning|info|off>, got "${value}"`;
    if (!registry.some((r) => r.id === m[1])) return `--rule names an unknown rule "${m[1]}" (see --list-rules)`;
    out[m[1]!] = m[2] as RuleSetting;
  }
  return out;
}

/** `--max-warnings`: `-1` (no limit) or a decimal whole number, nothing else (no blanks, no `0x10`, no `1e3`). */
function parseMaxWarnings(raw: string): number | undefined | { error: string } {
  if (raw === '-1') return undefined;
  if (/^(0|[1-9][0-9]*)$/.test(raw)) return Number(raw);
  return { error: `--max-warnings expects a whole number (0, 1, 2, ...) or -1 for no limit, got "${raw}"` };
}

/** `dir` relative to `from` as a path prefix with forward slashes: "" or "packages/web/" or "../../". */
function relativePrefix(from: string, dir: string): string {
  const rel = path.relative(from, dir);
  return rel === '' ? '' : `${rel.split(path.sep).join('/')}/`;
}

function fromConfigError(e: ConfigError): RunError {
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

function fromInternalError(e: InternalError): RunError {
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

/** Runs the CLI and returns the exit code. Never throws for user input. */
export async function run(argv: string[], io: Io = defaultIo()): Promise<number> {
  const sub = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return (await sub()).run(argv.slice(1), io);
  // Everything tp-doctor says on stderr passes the redaction (config errors quote config text).
  const stderr = (text: string): void => io.stderr(redact(text));
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        'root-search': { type: 'boolean' },
        color: { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        online: { type: 'boolean' },
        registry: { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'fix-type': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    stderr(`tp-doctor: ${(error as Error).message}\nRun "tp-doctor --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    const { DATA_DATE } = await import('../model/data/data-age.js');
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
  if (positionals.length > 1) return usage(`expected one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) return usage(`unknown format "${format}"; expected one of: ${formatNames.join(', ')}`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const parsed = parseMaxWarnings(values['max-warnings']);
    if (typeof parsed === 'object') return usage(parsed.error);
    maxWarnings = parsed;
  }
  const overrides = parseRuleOverrides(values.rule ?? []);
  if (typeof overrides === 'string') return usage(overrides);
  const fixTypes = parseFixTypes(values);
  if (typeof fixTypes === 'string') return usage(fixTypes);

  const start = path.resolve(io.cwd, positionals[0] ?? '.');
  let isDir: boolean;
  try {
    isDir = statSync(start).isDirectory();
  } catch {
    return usage(`"${positionals[0] ?? '.'}" does not exist`);
  }
  if (!isDir) return usage(`"${positionals[0]}" is not a directory; pass the repository root`);
  // Like git: the repository that holds the directory, unless --no-root-search. Nothing above the
  // root is read; the walk only looks for a `.git` entry in each ancestor.
  const repositoryRoot = values['root-search'] === false ? undefined : findRepositoryRoot(start);
  const dir = repositoryRoot ?? start;
  // Paths for people are relative to where tp-doctor was started; paths for machines (SARIF,
  // annotations, Code Quality) to the repository root when there is one, so code scanning and
  // GitLab find the files. JSON always uses paths relative to the linted root.
  const displayPrefix = relativePrefix(io.cwd, dir);
  // Annotations and code scanning resolve paths from the top of the git checkout, even when the
  // linted root is a folder inside it that has CI configuration of its own.
  const gitRoot = values['root-search'] === false ? undefined : findGitRoot(dir);
  const machinePrefix = gitRoot !== undefined ? relativePrefix(gitRoot, dir) : displayPrefix;
  const cwdPrefix = format === 'stylish' ? displayPrefix : machinePrefix;
  const toStdout = values.output === undefined;
  // Stylish on standard output: notes and run errors already went to stderr; never twice.
  const humanOnTerminal = format === 'stylish' && toStdout;

  const configPath = values.config ? path.resolve(io.cwd, values.config) : undefined;
  const fs = new DiskFs(dir);
  // --online: the registry is read first (asynchronously), the lint then runs on plain data.
  let registrations;
  if (values.online) {
    const { fetchRegistrations } = await import('../registry/online.js');
    const online = await fetchRegistrations({ dir, fs, configPath, registry: values.registry, env: io.env });
    if (!online.ok) return usage(online.message);
    registrations = online.facts;
    for (const note of online.notes) stderr(`tp-doctor: ${redact(note)}\n`);
  } else if (values.registry !== undefined) {
    return usage('--registry is used only with --online');
  }
  const request = { fs, rules: registry, configPath, ruleOverrides: overrides, registrations };
  let fixFailures = 0;
  let outcome;
  if (values.fix || values['fix-dry-run']) {
    const { fixRepository } = await import('./fix.js');
    const fixed = await fixRepository({ root: dir, request: { ...request, ruleIds: fixTypes }, dryRun: !values.fix, io, displayPrefix });
    outcome = fixed.outcome;
    fixFailures = fixed.failures;
  } else {
    outcome = await lint(request);
  }
  const errors: RunError[] = outcome.ok ? outcome.internalErrors.map(fromInternalError) : outcome.configErrors.map(fromConfigError);
  for (const e of errors) stderr(`tp-doctor: ${runErrorLine(e, displayPrefix)}\n`);
  const notes = outcome.ok ? outcome.notes.map(redact) : [];
  // The human format says once when the Node and npm release tables are over 90 days old (machine
  // formats stay the same whatever the day).
  const staleData = format === 'stylish' && io.today ? dataAgeNote(io.today(), DATA_DATE) : undefined;
  if (staleData) notes.push(staleData);
  for (const note of notes) stderr(`tp-doctor: ${note}\n`);

  const found: Diagnostic[] = outcome.ok ? outcome.diagnostics.map(redactDiagnostic) : [];
  const diagnostics = values.quiet ? found.filter((d) => d.severity === 'error') : found;
  const summary = summarize(found);
  const input: FormatInput = {
    diagnostics,
    rules: ruleSummaries(format === 'sarif'),
    toolVersion: toolVersion(),
    notes: humanOnTerminal ? [] : notes,
    publishes: outcome.ok ? summarizeSites(outcome.project.facts.sites).map(redactPublish) : undefined,
    errors: humanOnTerminal ? [] : errors,
    sourceLines: outcome.ok ? sourceLineReader(outcome.project) : undefined,
  };
  if (maxWarnings !== undefined) input.warningLimit = { maxWarnings, warnings: summary.warnings, quiet: values.quiet === true };

  if (!outcome.ok && humanOnTerminal) return EXIT.usage;

  const color = useColor(io, values.color, !toStdout);
  // chalk is only loaded when the output is coloured.
  const paint: Paint | undefined = color ? new (await import('chalk')).Chalk({ level: 1 }) : undefined;
  const text = (await loadFormatter(format))(input, { color, paint, cwdPrefix });
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) {
    try {
      const { stepSummary } = await import('../formatters/github.js');
      appendFileSync(summaryFile, stepSummary(input, { cwdPrefix }));
    } catch (error) {
      stderr(`tp-doctor: cannot write the step summary: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    }
  }
  const stream = toStdout ? undefined : standardStream(path.resolve(io.cwd, values.output!));
  if (stream === 2) {
    io.stderr(text);
  } else if (stream === 1) {
    io.stdout(text);
  } else if (!toStdout) {
    try {
      await writeOutputFile(path.resolve(io.cwd, values.output!), text);
    } catch (error) {
      const code = error instanceof OutputError ? error.code : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      stderr(`tp-doctor: cannot write "${values.output}": ${code}\n`);
      return EXIT.usage;
    }
  } else if (text) {
    // --fix-dry-run keeps standard output for the diff (so it pipes into `git apply`).
    (values['fix-dry-run'] ? io.stderr : io.stdout)(text);
  } else if (humanOnTerminal && io.isTTY && outcome.ok && errors.length === 0 && !values['fix-dry-run']) {
    // A clean run on a terminal says what it looked at; pipes and machine formats stay silent.
    const checked = `checked ${plural(outcome.project.documents.length, 'file')}, ${plural(publishingJobCount(outcome.project), 'publishing job')}`;
    const hidden = found.length - diagnostics.length;
    io.stdout(`${checked}: ${hidden === 0 ? 'no problems' : `no errors (--quiet hides ${plural(hidden, 'finding')})`}\n`);
  }
  if (errors.length > 0 || fixFailures > 0) return EXIT.usage;
  return exitCodeFor(summary, maxWarnings);
}

/** `--fix-type a,b`: the rule ids (each must have automatic fixes); undefined for every rule. */
function parseFixTypes(values: { fix?: boolean; 'fix-dry-run'?: boolean; 'fix-type'?: string[] }): Set<string> | undefined | string {
  if (values.fix && values['fix-dry-run']) return '--fix and --fix-dry-run exclude each other';
  const raw = values['fix-type'];
  if (raw === undefined) return undefined;
  if (!values.fix && !values['fix-dry-run']) return '--fix-type is used only with --fix or --fix-dry-run';
  const ids = new Set(raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean));
  if (ids.size === 0) return '--fix-type expects rule ids, e.g. --fix-type require-id-token-write';
  const fixable = registry.filter((r) => r.meta.fixable).map((r) => r.id);
  for (const id of ids) {
    if (!registry.some((r) => r.id === id)) return `--fix-type names an unknown rule "${id}" (see --list-rules)`;
    if (!fixable.includes(id)) return `--fix-type: rule "${id}" has no automatic fixes; rules with fixes: ${fixable.join(', ')}`;
  }
  return ids;
}
