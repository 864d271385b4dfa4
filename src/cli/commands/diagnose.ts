/**
 * `tp-doctor diagnose <log file | ->`: argv, reading the log, output. The work is in
 * src/runtime/diagnose.ts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rules as registry } from '../../../rules/index.js';
import { summarize } from '../../diagnostics/diagnostic.js';
import { DiskFs } from '../../fs/source.js';
import { diagnose } from '../../runtime/diagnose.js';
import { argsErrorMessage } from '../args-error.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { toolVersion } from '../package-info.js';
import { renderDiagnosisJson, renderDiagnosisStylish } from './diagnose-format.js';
import { cwdPrefix, paintFor, usageError, useColor } from './output.js';

/** Larger logs are refused (a publish log is rarely over a few MiB). */
export const MAX_LOG_BYTES = 64 * 1024 * 1024;
const FORMATS = ['stylish', 'json'] as const;

export const HELP = `Usage: tp-doctor diagnose <log file | -> [options]

Reads the log of a failed publish (npm, pnpm, Yarn, semantic-release, changesets; a GitHub Actions
or GitLab CI job log as downloaded, with colours, timestamps and section markers) and names the
cause of each known trusted-publishing failure in it. With a repository, it also runs the static
checks and ranks the findings that explain the failure first.

Options:
      --repo <dir>          The repository to check (default: the current directory when it has
                            .git or package.json)
      --no-repo             Read the log only
  -c, --config <file>       Config file of the repository
  -f, --format <name>       Output format: ${FORMATS.join(', ')} (default: stylish)
      --color, --no-color   Force or disable colours
  -h, --help                Show this help

"-" reads the log from standard input.
Exit codes: 0 no known failure and no error-level finding, 1 a known failure was recognised (or
an error-level finding), 2 usage error or unreadable log.
The recognised messages and their sources: docs/diagnose.md.
`;

function readLog(file: string): { ok: true; text: string } | { ok: false; message: string } {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, message: `"${file}" is not a file` };
    if (st.size > MAX_LOG_BYTES) return { ok: false, message: `"${file}" is larger than ${MAX_LOG_BYTES / 1024 / 1024} MiB` };
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? `"${file}" does not exist` : `cannot read "${file}": ${code ?? (error as Error).message}` };
  }
  return decode(bytes, `"${file}"`);
}

function decode(bytes: Buffer, name: string): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { ok: false, message: `${name} is a zip archive (GitHub's "Download log archive"): unzip it and pass one of the .txt files` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, message: `${name} is not a text file` };
  return { ok: true, text: bytes.toString('utf8') };
}

export async function run(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        repo: { type: 'string' },
        'no-repo': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(io, 'diagnose', argsErrorMessage(error));
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    return usageError(io, 'diagnose', positionals.length === 0 ? 'expected a log file (or - for standard input)' : `expected one log file, got ${positionals.length}`);
  }
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) return usageError(io, 'diagnose', `unknown format "${format}"; expected one of: ${FORMATS.join(', ')}`);
  if (values.repo !== undefined && values['no-repo']) return usageError(io, 'diagnose', '--repo and --no-repo exclude each other');

  const logName = positionals[0]!;
  let log: { ok: true; text: string } | { ok: false; message: string };
  if (logName === '-') {
    if (!io.readStdin) return usageError(io, 'diagnose', 'standard input cannot be read here');
    const text = await io.readStdin();
    log = Buffer.byteLength(text) > MAX_LOG_BYTES ? { ok: false, message: 'standard input is too large' } : decode(Buffer.from(text, 'utf8'), 'standard input');
  } else {
    log = readLog(path.resolve(io.cwd, logName));
  }
  if (!log.ok) {
    io.stderr(`tp-doctor diagnose: ${log.message}\n`);
    return EXIT.usage;
  }

  const repo = repositoryDir(values.repo, values['no-repo'] === true, io.cwd);
  if ('problem' in repo) return usageError(io, 'diagnose', repo.problem);
  const repoDir = repo.dir;

  const diagnosis = await diagnose({
    log: log.text,
    rules: registry,
    ...(repoDir ? { fs: new DiskFs(repoDir) } : {}),
    ...(values.config ? { configPath: path.resolve(io.cwd, values.config) } : {}),
  });
  if (diagnosis.repository && !diagnosis.repository.linted) {
    for (const e of diagnosis.repository.configErrors) io.stderr(`tp-doctor diagnose: config error: ${e}\n`);
  }

  const meta = {
    logName,
    ...(repoDir ? { repositoryName: path.relative(io.cwd, repoDir) || '.' } : {}),
    cwdPrefix: repoDir ? cwdPrefix(io.cwd, repoDir) : '',
    toolVersion: toolVersion(),
  };
  const colorFlag = values.color ? true : values['no-color'] ? false : undefined;
  const color = useColor(io, colorFlag);
  const text = format === 'json' ? renderDiagnosisJson(diagnosis, meta) : renderDiagnosisStylish(diagnosis, meta, await paintFor(color));
  io.stdout(text);
  const errors = summarize(diagnosis.findings.map((f) => f.diagnostic)).errors;
  return diagnosis.failures.length > 0 || errors > 0 ? EXIT.problems : EXIT.ok;
}

/** The repository: --repo, else the working directory when it looks like one, unless --no-repo. */
function repositoryDir(repo: string | undefined, noRepo: boolean, cwd: string): { dir?: string } | { problem: string } {
  if (repo !== undefined) {
    const dir = path.resolve(cwd, repo);
    try {
      if (!statSync(dir).isDirectory()) return { problem: `--repo "${repo}" is not a directory` };
    } catch {
      return { problem: `--repo "${repo}" does not exist` };
    }
    return { dir };
  }
  if (!noRepo && (existsSync(path.join(cwd, '.git')) || existsSync(path.join(cwd, 'package.json')))) return { dir: cwd };
  return {};
}
