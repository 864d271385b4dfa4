/** Facts about one GitHub step that several parts of the model need: its environment and directory. */
import { ARRAY_SHELLS, ENV_EXPANDING_SHELLS, WINDOWS_RUNNER_LABEL } from '../data/run-shells.js';
import { repositoryPath, type CheckoutMount } from './checkout.js';
import { resolveMatrixRef, substituteMatrix } from './matrix.js';
import type { EnvEntry, Step } from './types.js';
import { mayChangeVariable } from '../npm/script-index.js';
import { UNKNOWN_SEGMENT } from '../npm/shell-files.js';
import { actionRecognizer } from '../npm/action-recognizers.js';

/** The env entry a step sees for `name` (step over job over workflow; case-insensitive). */
export function envFor(step: Step, name: string): EnvEntry | undefined {
  const lower = name.toLowerCase();
  for (const list of [step.env, step.job.env, step.job.workflow.env]) {
    const hit = list.find((e) => e.name.toLowerCase() === lower);
    if (hit) return hit;
  }
  return undefined;
}

/** The step's environment (its, its job's, its workflow's `env:`) sets `npm_config_ignore_scripts` to true. */
export function envIgnoresScripts(step: Step): boolean {
  return envFor(step, 'npm_config_ignore_scripts')?.value?.trim().toLowerCase() === 'true';
}

/**
 * True when a variable an earlier step writes to `$GITHUB_ENV` (or an action exports) reaches
 * `step`: the step's own `env:` does not set the name to anything but `${{ env.NAME }}`, which
 * passes the written value on. The job's and the workflow's `env:` do not stop it: actions/runner
 * evaluates them into the job's environment table when the job starts, and a `$GITHUB_ENV` line
 * replaces the entry in that table for the later steps (`JobExtension`, `FileCommandManager`);
 * only a step's own `env:` is put over the table (`StepsRunner`).
 */
export function receivesEnvWrite(step: Step, name: string): boolean {
  const lower = name.toLowerCase();
  const entry = step.env.find((e) => e.name.toLowerCase() === lower);
  if (!entry) return true;
  const m = /^\s*\$\{\{\s*env\.([A-Za-z_][\w-]*)\s*\}\}\s*$/.exec(entry.value ?? '');
  return m?.[1]?.toLowerCase() === name.toLowerCase();
}

/**
 * The `working-directory` a step runs in as written: the step's, else the job's and the workflow's
 * `defaults.run`; for a command-running action (`step.wrapper`) or a publishing action with a
 * directory input, that input, else the workspace (`defaults.run` is for `run:` steps only); a `${{ env.NAME }}` in it is put in when
 * `withLiteralEnv` is sure of its value.
 */
export function rawStepDirectory(step: Step): string {
  if (step.wrapper) return step.wrapper.directory?.text ?? '';
  // A publishing action's directory input (`ActionRecognizer.directoryInput`: changesets/action's `cwd`).
  const input = step.uses && actionRecognizer(step.uses.name)?.directoryInput;
  if (input) return withLiteralEnv(step, step.with.get(input)?.text ?? '');
  const raw =
    step.node.get('working-directory')?.text ??
    step.job.node.at('defaults', 'run', 'working-directory')?.text ??
    step.job.workflow.root.at('defaults', 'run', 'working-directory')?.text ??
    '';
  // `working-directory: ${{ env.package_dir }}` with a literal `env:` (web-platform-dx/web-features).
  return withLiteralEnv(step, raw);
}

/**
 * The repository directory a step runs in (`` for the root), through the job's checkout paths;
 * undefined when it is an expression or inside another repository's checkout.
 */
export function stepDirectory(step: Step): string | undefined {
  // Once per step and list of checkout paths (the loader sets the job's after reading it): each
  // publish of a job asks it of every step before it (issue 17).
  const mounts = step.job.mounts;
  const known = directories.get(step);
  if (known !== undefined && known.mounts === mounts) return known.dir;
  const dir = repositoryPath(mounts, rawStepDirectory(step));
  directories.set(step, { mounts, dir });
  return dir;
}
const directories = new WeakMap<Step, { mounts: readonly CheckoutMount[]; dir: string | undefined }>();

/**
 * A step directory whose `working-directory` holds expressions (`packages/${{ matrix.package }}`)
 * with each segment holding one as `UNKNOWN_SEGMENT` (`RecognizeContext.dirPattern`), through the
 * job's checkout paths; undefined without expressions, or when the path cannot be read.
 */
export function stepDirectoryPattern(step: Step): string | undefined {
  const raw = rawStepDirectory(step);
  if (!raw.includes('${{')) return undefined;
  const marked = raw.replace(/\$\{\{[^}]*\}\}/g, UNKNOWN_SEGMENT);
  if (marked.includes('$') || marked.includes('}}')) return undefined;
  const pattern = marked.split('/').map((segment) => (segment.includes(UNKNOWN_SEGMENT) ? UNKNOWN_SEGMENT : segment)).join('/');
  return repositoryPath(step.job.mounts, pattern);
}

/**
 * Every repository directory a step can run in: one, or one per matrix value when its
 * `working-directory` is `${{ matrix.x }}` and the matrix values are literals (undefined entries
 * stay unknown).
 */
export function stepDirectories(step: Step): (string | undefined)[] {
  const raw = rawStepDirectory(step);
  if (!raw.includes('${{') || !step.job.matrix) return [stepDirectory(step)];
  const out = new Set<string | undefined>();
  for (const combo of step.job.matrix) {
    // `${{ matrix.dir }}`, or text around references (`npm/workerd-${{ matrix.arch }}`, cloudflare/workerd).
    const ref = resolveMatrixRef(raw, combo);
    const text = ref === null ? substituteMatrix(raw, combo) : ref?.text;
    out.add(text === undefined ? undefined : repositoryPath(step.job.mounts, text));
  }
  return [...out];
}

/**
 * The `shell:` a `run` step runs in as written: the step's, else the job's and the workflow's
 * `defaults.run`; for a command-running action, its shell input (undefined: the action's default,
 * bash, or a PowerShell on Windows, as a `run:` without `shell:`).
 */
export function rawStepShell(step: Step): string | undefined {
  if (step.wrapper) return step.wrapper.shell?.text;
  return step.node.get('shell')?.text ?? step.job.node.at('defaults', 'run', 'shell')?.text ?? step.job.workflow.root.at('defaults', 'run', 'shell')?.text;
}

/** The YAML path of a step's `run` under the step, for messages: `run`, or `with.command` for a command-running action. */
export function runKey(step: Step): string {
  return step.wrapper ? `with.${step.wrapper.input}` : 'run';
}

/** The step's `run` is read by bash or sh (`ENV_EXPANDING_SHELLS`); a runner tp-doctor cannot resolve answers no. */
export function expandsEnvVariables(step: Step): boolean {
  return runsIn(step, ENV_EXPANDING_SHELLS);
}

/** The step's `run` is read by bash (`ARRAY_SHELLS`: `shell: bash`, or no `shell:` on a Linux or macOS runner); a runner tp-doctor cannot resolve answers no. */
export function runsBash(step: Step): boolean {
  return runsIn(step, ARRAY_SHELLS);
}

/** The step's `run` is read by one of `shells`, given as `shell:` (its first word) or the runner's default, bash (pwsh on Windows). */
function runsIn(step: Step, shells: readonly string[]): boolean {
  const shell = rawStepShell(step);
  if (shell !== undefined) return shells.includes(shell.trim().split(/\s+/)[0] ?? '');
  const choices = step.job.runsOn?.choices ?? [];
  if (choices.length === 0 || choices.some((c) => c.unresolved)) return false;
  return shells.includes('bash') && !choices.some((c) => c.labels.some((l) => WINDOWS_RUNNER_LABEL.test(l.value)));
}

/** `$name` and `${name}` (also `${name:-x}`, `${name%/}`, ...) in a shell word. */
const SHELL_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The `env:` entries that the shell references (`$name`, `${name}`) of `word` read: `word` is a
 * word of the step's own `run` (unquoted), `textBefore` the `run` text before its command. Each
 * name resolves to the nearest `env:` that sets it (step, job, workflow: `envFor`), written with
 * exactly that name. Nothing when the step's shell is not bash or sh, and no entry for a name the
 * shell may have changed first: assigned, read, unset or looped over in `textBefore`, or assigned
 * or written to `$GITHUB_ENV` (`name=...`, `name<<EOF`) by an earlier `run` step of the job.
 */
export function shellEnvEntries(step: Step, word: string, textBefore: string): EnvEntry[] {
  if (!step.run || !word.includes('$') || !expandsEnvVariables(step)) return [];
  const earlier = step.job.steps.filter((s) => s.index < step.index).map((s) => s.run?.text ?? '');
  const out: EnvEntry[] = [];
  for (const m of word.matchAll(SHELL_REFERENCE)) {
    const name = (m[1] ?? m[2])!;
    const entry = envFor(step, name);
    if (!entry || entry.name !== name || [...earlier, textBefore].some((t) => setsVariable(t, name))) continue;
    out.push(entry);
  }
  return out;
}

/**
 * The literal value the shell of the step's own `run` starts with in `$name` (`shellEnvEntries`: the
 * nearest `env:` that sets it, bash or sh, no earlier step's `$GITHUB_ENV` write), for
 * ../npm/env-values.ts; undefined for an expression (a secret, a matrix value), an empty value, a
 * name no `env:` sets. The script's own changes are the caller's to check.
 */
export function stepEnvValue(step: Step, name: string): string | undefined {
  const value = shellEnvEntries(step, `$${name}`, '')[0]?.value;
  return value === undefined || value.trim() === '' || value.includes('$') ? undefined : value;
}

/** True when a script may change variable `name` (`../npm/script-index.ts` `mayChangeVariable`). */
export const setsVariable: (text: string, name: string) => boolean = mayChangeVariable;

/** `${{ env.NAME }}`, nothing else in the expression. */
const ENV_EXPRESSION = /\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Text of the step's own `run` with each `${{ env.NAME }}` replaced by its value, as GitHub puts it
 * in before the shell runs, when that value is certain: the nearest `env:` that sets the name
 * (`envFor`: step, job, workflow) holds a plain literal (no expression, not empty), and no earlier
 * `run` step of the job may write it to `$GITHUB_ENV`, which the `env` context of later steps
 * reads (`setsVariable`, as `shellEnvEntries` checks). Any other expression stays as written.
 */
export function withLiteralEnv(step: Step, text: string): string {
  if (!text.includes('${{')) return text;
  const earlier = step.job.steps.filter((s) => s.index < step.index).map((s) => s.run?.text ?? '');
  return text.replace(ENV_EXPRESSION, (whole, name: string) => {
    const value = envFor(step, name)?.value;
    if (value === undefined || value.trim() === '' || value.includes('${{')) return whole;
    return earlier.some((t) => setsVariable(t, name)) ? whole : value;
  });
}

/**
 * A word of the step's own `run` with each `$name` and `${name}` put in from the `env:` entry
 * `shellEnvEntries` finds for it, when that value is a plain literal (no expression, no `$`, not
 * empty): `--registry "$REGISTRY"` under `env: REGISTRY: https://registry.npmjs.org/`
 * (0xkey-io/sdk-js). Any other reference (`${name:-x}`, a name the script may set) stays as written.
 */
export function withShellEnv(step: Step, word: string, textBefore: string): string {
  const entries = shellEnvEntries(step, word, textBefore);
  if (entries.length === 0) return word;
  return word.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced?: string, bare?: string) => {
    const value = entries.find((e) => e.name === (braced ?? bare))?.value;
    return value === undefined || value.trim() === '' || /\$/.test(value) ? whole : value;
  });
}
