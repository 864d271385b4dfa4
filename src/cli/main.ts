import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rules as registry } from '../../rules/index.js';
import { lint } from '../api.js';
import type { RuleSetting } from '../config/types.js';
import { summarize, type Diagnostic } from '../diagnostics/diagnostic.js';
import { docsUrl } from '../diagnostics/docs-url.js';
import { DiskFs } from '../fs/source.js';
import { formatNames, isFormatName, loadFormatter } from '../formatters/index.js';
import type { FormatInput, Paint, RuleMetaSummary } from '../formatters/types.js';
import type { Project } from '../model/project.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { SUBCOMMANDS } from './commands/index.js';
import { defaultIo, type Io } from './io.js';

export const HELP = `Usage: tp-doctor [directory] [options]

Checks a repository's npm trusted publishing (OIDC) setup in GitHub Actions workflows and reports
every reason a publish would fail or is unsafe.

Options:
  -f, --format <name>       Output format: ${formatNames.join(', ')} (default: stylish)
  -c, --config <file>       Config file (default: tp-doctor.yml, .tp-doctor.yml, tp-doctor.json,
                            or "tpDoctor" in package.json)
  -o, --output <file>       Write the report to a file instead of standard output
      --max-warnings <n>    Exit 1 when there are more than n warnings (--max-warnings=-1: no limit)
      --quiet               Report errors only
      --rule <id:severity>  Override a rule's severity (error, warning, info, off); repeatable
      --color, --no-color   Force or disable colours (default: on for a terminal; NO_COLOR and
                            FORCE_COLOR are honoured)
      --list-rules          List the rules and exit
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
            2 usage, config or internal error.
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

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a report. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tp-doctor-${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Runs the CLI and returns the exit code. Never throws for user input. */
export async function run(argv: string[], io: Io = defaultIo()): Promise<number> {
  const sub = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return (await sub()).run(argv.slice(1), io);
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
        color: { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`tp-doctor: ${(error as Error).message}\nRun "tp-doctor --help" for usage.\n`);
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
    io.stderr(`tp-doctor: ${message}\nRun "tp-doctor --help" for usage.\n`);
    return EXIT.usage;
  };
  if (positionals.length > 1) return usage(`expected one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) return usage(`unknown format "${format}"; expected one of: ${formatNames.join(', ')}`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const n = Number(values['max-warnings']);
    if (!Number.isInteger(n) || n < -1) return usage(`--max-warnings expects a whole number, got "${values['max-warnings']}"`);
    maxWarnings = n < 0 ? undefined : n;
  }
  const overrides = parseRuleOverrides(values.rule ?? []);
  if (typeof overrides === 'string') return usage(overrides);

  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return usage(`"${positionals[0] ?? '.'}" does not exist`);
  }
  if (!isDir) return usage(`"${positionals[0]}" is not a directory; pass the repository root`);

  const configPath = values.config ? path.resolve(io.cwd, values.config) : undefined;
  const outcome = await lint({ fs: new DiskFs(dir), rules: registry, configPath, ruleOverrides: overrides });
  if (!outcome.ok) {
    for (const e of outcome.configErrors) {
      const where = e.location ? `${e.location.file}:${e.location.start.line}:${e.location.start.column}: ` : '';
      io.stderr(`tp-doctor: config error: ${where}${e.message}\n`);
    }
    return EXIT.usage;
  }
  for (const e of outcome.internalErrors) {
    io.stderr(`tp-doctor: internal error in rule ${e.ruleId}${e.file ? ` on ${e.file}` : ''}: ${e.message} (please report it)\n`);
  }
  for (const note of outcome.notes) io.stderr(`tp-doctor: ${note}\n`);

  let diagnostics: Diagnostic[] = outcome.diagnostics;
  if (values.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
  const rel = path.relative(io.cwd, dir);
  const cwdPrefix = rel === '' ? '' : `${rel.split(path.sep).join('/')}/`;
  const color = useColor(io, values.color, values.output !== undefined);
  const input: FormatInput = {
    diagnostics,
    rules: ruleSummaries(format === 'sarif'),
    toolVersion: toolVersion(),
    notes: outcome.notes,
    sourceLines: sourceLineReader(outcome.project),
  };
  // chalk is only loaded when the output is coloured.
  const paint: Paint | undefined = color ? new (await import('chalk')).Chalk({ level: 1 }) : undefined;
  const text = (await loadFormatter(format))(input, { color, paint, cwdPrefix });
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) {
    try {
      const { stepSummary } = await import('../formatters/github.js');
      appendFileSync(summaryFile, stepSummary(input, { cwdPrefix }));
    } catch (error) {
      io.stderr(`tp-doctor: cannot write the step summary: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    }
  }
  if (values.output) {
    try {
      writeAtomically(path.resolve(io.cwd, values.output), text);
    } catch (error) {
      io.stderr(`tp-doctor: cannot write "${values.output}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return EXIT.usage;
    }
  } else if (text) {
    io.stdout(text);
  }
  if (outcome.internalErrors.length > 0) return EXIT.usage;
  return exitCodeFor(summarize(outcome.diagnostics), maxWarnings);
}
