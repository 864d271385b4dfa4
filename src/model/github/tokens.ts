import { secretSource, variableOf } from '../npm/tokens.js';
import { assignsVariable } from '../npm/script-index.js';
import { localActionMaySet } from './action-env.js';
import { envFor, receivesEnvWrite } from './steps.js';
import type { EnvEntry, Job, Step } from './types.js';
import type { ReadAction } from './uses-steps.js';
import { isLocalAction } from './workflow.js';

/** A value that is nothing but `${{ env.NAME }}`. */
const ENV_REFERENCE = /^\s*\$\{\{\s*env\.([A-Za-z_][\w-]*)\s*\}\}\s*$/;

/** The name a value that is nothing but `${{ env.NAME }}` reads. */
export function envReference(value: string | undefined): string | undefined {
  return ENV_REFERENCE.exec(value ?? '')?.[1];
}

/** At most this many `${{ env.NAME }}` hops are followed (each goes a level up: step, job, workflow). */
const MAX_ENV_HOPS = 2;

/**
 * The `env:` entry a value written at `level` reads when it is `${{ env.NAME }}`: for a step's
 * value (its `env:`, `with:`), the job's entry of that name, else the workflow's, the `env` context
 * a step sees; for a job's value, the workflow's (GitHub gives `jobs.<id>.env` no `env` context;
 * read anyway, never a finding's only ground); for a workflow's, none. Followed while the entry
 * found forwards again, at most `MAX_ENV_HOPS` times: every hop goes a level up, so there is no cycle.
 */
export function forwardedEnvEntry(value: string | undefined, level: EnvEntry['level'], job: Job): EnvEntry | undefined {
  let found: EnvEntry | undefined;
  let current = value;
  let at = level;
  for (let hop = 0; hop < MAX_ENV_HOPS; hop++) {
    const name = envReference(current)?.toLowerCase();
    if (name === undefined || at === 'workflow') break;
    const lists = at === 'step' ? [job.env, job.workflow.env] : [job.workflow.env];
    const entry = lists.map((list) => list.find((e) => e.name.toLowerCase() === name)).find((e) => e !== undefined);
    if (entry === undefined) break;
    found = entry;
    current = entry.value;
    at = entry.level;
  }
  return found;
}

/**
 * The secret a value written at `level` in `job` reads (`secretSource`), itself or through the
 * `${{ env.NAME }}` entry it forwards (`forwardedEnvEntry`: `NPM_TOKEN: ${{ env.NPM_TOKEN }}` in a
 * step, with the workflow's `NPM_TOKEN: ${{ secrets.NPM_TOKEN }}`; wso2/oxygen-ui): then
 * `secrets.X through \`env.NAME\``.
 */
export function envSecretSource(value: string | undefined, level: EnvEntry['level'], job: Job): string | undefined {
  const direct = secretSource(value);
  if (direct !== undefined) return direct;
  const entry = forwardedEnvEntry(value, level, job);
  const from = entry === undefined ? undefined : secretSource(entry.value);
  return from === undefined ? undefined : `${from} through \`env.${entry!.name}\``;
}

/**
 * Where the variable a written token value reads (`_authToken=${NPM_TOKEN}`) may be set. npm
 * expands `${VAR}` in an `.npmrc` when it reads the file, in the environment of the command that
 * reads it: a line an earlier step writes (`echo '…=${NPM_TOKEN}' > .npmrc`) gets its value in the
 * publishing step (cloudflare/workerd sets `NPM_TOKEN` on the publish only). So the variable
 * counts as set when it is set for the writing step or for one of the `readers`, the steps after it
 * (or itself) that publish with the configuration it writes.
 */
export interface TokenScope {
  /** Reads a local composite action's document (`ProjectFacts.action`), to see what it sets. */
  readAction: ReadAction;
  /** The publishing steps that read the written configuration (the writing step's own publish included or not). */
  readers?: readonly Step[];
}

/** The env entry for `variable` of the writing step, else of the first reader that sets it to something. */
function entryFor(step: Step, variable: string, readers: readonly Step[]): EnvEntry | undefined {
  return envFor(step, variable) ?? readers.map((s) => envFor(s, variable)).find((e) => e?.value !== undefined && e.value.trim() !== '');
}

/**
 * How a written token value reads to the user: `secrets.X`, `$VAR from secrets.X`, or undefined when it is
 * not a long-lived token (GITHUB_TOKEN, an empty variable). Literal tokens are handled apart.
 * `readers`: the publishing steps whose environment npm may expand the variable in (`TokenScope`).
 */
export function describeWrittenValue(value: string, step: Step, readers: readonly Step[] = []): string | undefined {
  if (/\bgithub\.token\b|GITHUB_TOKEN|GH_TOKEN/i.test(value)) return undefined;
  const secret = secretSource(value);
  if (secret) return secret;
  const variable = variableOf(value);
  if (variable === undefined) return 'value written by the script';
  const entry = entryFor(step, variable, readers);
  if (entry && (entry.value === undefined || entry.value.trim() === '' || /\bgithub\.token\b|secrets\.GITHUB_TOKEN\b/i.test(entry.value))) {
    return undefined;
  }
  const from = entry && envSecretSource(entry.value, entry.level, step.job);
  return from ? `$${variable} from ${from}` : `$${variable}`;
}

/**
 * True when a written token value is a variable nothing in the job sets for the writing step or
 * for a publishing step that reads it (no `env:`, no `$GITHUB_ENV` write, no assignment in a
 * script of the job, no local action that may write it): on GitHub Actions it is empty, a leftover
 * line rather than a token (twilio-node, workerd after moving to trusted publishing).
 * `script`: the text of a shell script the write is in, whose own assignments count too.
 */
export function writtenFromUnsetVariable(value: string, step: Step, scope: TokenScope, script?: string): boolean {
  const variable = variableOf(value);
  if (variable === undefined || secretSource(value) !== undefined) return false;
  const readers = scope.readers ?? [];
  if (entryFor(step, variable, readers)) return false;
  const last = Math.max(step.index, ...readers.filter((s) => s.job === step.job).map((s) => s.index));
  if (assignedInJob(step, last, variable, scope.readAction)) return false;
  return script === undefined || !assignsVariable(script, variable);
}

/**
 * True when a step of the job up to index `last` may set `variable`: a `run:` with an assignment
 * (`NPM_TOKEN=…`, `export NPM_TOKEN`, `read NPM_TOKEN`, read with the shell splitter) or a
 * `$GITHUB_ENV` write naming it, or a local action that may write it to `$GITHUB_ENV`
 * (`localActionMaySet`: its steps are read; one tp-doctor cannot read counts as setting it).
 */
function assignedInJob(step: Step, last: number, variable: string, readAction: ReadAction): boolean {
  return step.job.steps.slice(0, last + 1).some((s) => {
    if (s.uses && isLocalAction(s.uses.name)) return localActionMaySet(s, variable, readAction);
    const text = s.run?.text ?? '';
    if (!text.includes(variable)) return false;
    if (text.includes('GITHUB_ENV')) return true;
    return assignsVariable(text, variable);
  });
}

/** `$VAR from secrets.X` for a value that reads a variable whose `env:` entry (step, job or workflow) reads a secret. */
export function secretVariable(value: string, step: Step): string | undefined {
  const variable = variableOf(value);
  const entry = variable === undefined ? undefined : envFor(step, variable);
  const from = entry && envSecretSource(entry.value, entry.level, step.job);
  return from === undefined ? undefined : `$${variable} from ${from}`;
}

/**
 * The `NODE_AUTH_TOKEN` entry of a step's own `env:` that `actions/setup-node` exports to the job's
 * later steps: with `registry-url` it writes the `.npmrc` that reads the variable and passes the
 * value it was given on (`core.exportVariable('NODE_AUTH_TOKEN', …)` in its `authutil.ts`, every
 * major), so a token there reaches a later publish (Esri/calcite-design-system). Undefined for any
 * other step or entry.
 */
export function setupNodeExport(step: Step): EnvEntry | undefined {
  if (!writesRegistryNpmrc(step)) return undefined;
  return step.env.find((e) => e.name === 'NODE_AUTH_TOKEN');
}

/** An `actions/setup-node` step with a `registry-url`: it writes the `.npmrc` that reads `${NODE_AUTH_TOKEN}`. */
function writesRegistryNpmrc(step: Step): boolean {
  return step.uses?.name.toLowerCase() === 'actions/setup-node' && Boolean(step.with.get('registry-url')?.text);
}

/** The last setup-node step with a `registry-url` before `step` in its job (`writesRegistryNpmrc`), if any. */
export function registrySetupNodeBefore(step: Step): Step | undefined {
  return step.job.steps.filter((s) => s.index < step.index && writesRegistryNpmrc(s)).at(-1);
}

/**
 * The exported `NODE_AUTH_TOKEN` (`setupNodeExport`) of the last earlier setup-node step that
 * reaches `step`: one that sets the name in its own `env:` (or the job's, the workflow's) keeps
 * its own value, unless that value is `${{ env.NODE_AUTH_TOKEN }}`, which passes the exported one
 * on (`receivesEnvWrite`: setup-node exports through `$GITHUB_ENV`, which the `env` context reads).
 */
export function exportedNodeAuthToken(step: Step): EnvEntry | undefined {
  if (!receivesEnvWrite(step, 'NODE_AUTH_TOKEN')) return undefined;
  return step.job.steps.filter((s) => s.index < step.index).map(setupNodeExport).filter((e) => e !== undefined).at(-1);
}
