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
import type { Io } from '../cli/io.js';
import { run } from '../cli/main.js';

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

/** Runs the action against `io` and returns the exit code for the step. */
export async function runAction(env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const inputs = readInputs(env);
  const argv = actionArgv(inputs);
  const code = await run(argv.lint, io);
  if (!argv.sarif) return code;
  if (code === 2) {
    io.stderr(`tp-doctor: no SARIF file written to "${inputs.sarifFile}": the run above failed (exit code 2)\n`);
    return code;
  }
  // The first run already printed the notes; this one only reports its own failure.
  let errors = '';
  const sarifCode = await run(argv.sarif, { ...io, stdout: () => undefined, stderr: (text) => void (errors += text) });
  if (sarifCode === 2) {
    io.stderr(errors);
    return 2;
  }
  return code;
}
