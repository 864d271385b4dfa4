/**
 * The GitHub Action's logic (the entry point is main.ts, bundled into dist/action/index.js).
 *
 * The action runs the CLI in-process (`run(argv, io)` from src/cli/main.ts), so it behaves exactly
 * like `tp-doctor <directory> --format github`: annotations on the log, the job summary table
 * (the CLI appends it when `GITHUB_STEP_SUMMARY` is set), the same exit codes, which become the
 * step's result. With `sarif-file`, a second in-process run writes the SARIF report: the lint is a
 * fraction of a second, and keeping the two runs apart keeps the CLI's one-format-per-run contract.
 *
 * Inputs arrive as the runner passes them to JavaScript actions: `INPUT_<NAME>`, the name
 * upper-cased with spaces as `_` and dashes kept (`sarif-file` → `INPUT_SARIF-FILE`).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Io } from '../cli/io.js';
import { run } from '../cli/main.js';
import { escapeData } from '../formatters/github.js';

export interface ActionInputs {
  directory: string;
  format: string;
  sarifFile: string;
  maxWarnings: string;
  config: string;
}

/** One input, read as `@actions/core` `getInput` reads it (trimmed; '' when not given). */
export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  return {
    directory: getInput(env, 'directory') || '.',
    format: getInput(env, 'format') || 'github',
    sarifFile: getInput(env, 'sarif-file'),
    maxWarnings: getInput(env, 'max-warnings'),
    config: getInput(env, 'config'),
  };
}

/** The command lines of the two runs: the lint (log, annotations, summary, exit code) and the SARIF file. */
export function actionArgv(inputs: ActionInputs): { lint: string[]; sarif?: string[] } {
  const common = inputs.config ? ['--config', inputs.config] : [];
  // The directory after `--`: an input such as `-x` is a folder name, never an option.
  const lint = ['--format', inputs.format, ...common];
  if (inputs.maxWarnings) lint.push('--max-warnings', inputs.maxWarnings);
  lint.push('--', inputs.directory);
  if (!inputs.sarifFile) return { lint };
  return { lint, sarif: ['--format', 'sarif', '--output', inputs.sarifFile, ...common, '--', inputs.directory] };
}

/**
 * The `directory` input, when it leads out of the workspace (`../other`, an absolute path elsewhere):
 * the input is relative to the repository root, and actions/checkout puts every repository under
 * the workspace, so such a path is a mistake, never a repository of the job.
 */
export function directoryOutsideWorkspace(directory: string, workspace: string): boolean {
  const rel = path.relative(workspace, path.resolve(workspace, directory));
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/**
 * Runs the action against `io` and returns the exit code for the step. A failed run (exit code 2)
 * is also an `::error` annotation, and the SARIF file is written whenever the SARIF run can write
 * it, also after a config error (it then carries the error), so that an upload step that runs
 * anyway shows why instead of failing on a missing file.
 */
export async function runAction(env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const inputs = readInputs(env);
  if (directoryOutsideWorkspace(inputs.directory, io.cwd)) {
    const message = `the \`directory\` input "${inputs.directory}" leads outside the workspace; give a directory relative to the repository root`;
    io.stderr(`tp-doctor: ${message}\n`);
    io.stdout(`::error title=tp-doctor::${escapeData(message)}\n`);
    return 2;
  }
  const argv = actionArgv(inputs);
  let annotated = false;
  let said = '';
  const lintIo: Io = {
    ...io,
    stdout: (text) => {
      if (/^::error /m.test(text)) annotated = true;
      io.stdout(text);
    },
    stderr: (text) => {
      said += text;
      io.stderr(text);
    },
  };
  const code = await run(argv.lint, lintIo);
  // A usage error (a bad input) is said on stderr only; the annotation puts it on the run's page.
  if (code === 2 && !annotated) {
    const reason = said.split('\n').find((line) => line.startsWith('tp-doctor: ') && !line.startsWith('tp-doctor: no trusted publisher'));
    if (reason) io.stdout(`::error title=tp-doctor::${escapeData(reason.slice('tp-doctor: '.length))}\n`);
  }
  if (!argv.sarif) return code;
  // The first run already printed the notes; this one only reports its own failure.
  let errors = '';
  const sarifPath = path.resolve(io.cwd, inputs.sarifFile);
  const before = fileStamp(sarifPath);
  const sarifCode = await run(argv.sarif, { ...io, stdout: () => undefined, stderr: (text) => void (errors += text) });
  // After a config error the SARIF run exits 2 too, having written the file with the error in it.
  const written = before !== fileStamp(sarifPath) && fileStamp(sarifPath) !== undefined;
  if (sarifCode === 2 && !written) {
    // What the first run said already (a missing directory) is not said twice.
    const fresh = errors.split('\n').filter((line) => line !== '' && !said.includes(line) && !line.startsWith('Run "tp-doctor'));
    io.stderr(`tp-doctor: no SARIF file written to "${inputs.sarifFile}"${fresh.length === 0 ? ': the run above failed (exit code 2)' : ''}\n`);
    if (fresh.length > 0) io.stderr(`${fresh.join('\n')}\n`);
    return 2;
  }
  return sarifCode === 2 ? 2 : code;
}

/** Which version of a file is there (inode, size, modification time), or undefined when there is none. */
function fileStamp(file: string): string | undefined {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : undefined;
}
