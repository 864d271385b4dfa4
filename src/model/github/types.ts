import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { PublishCommand, SiteBase } from '../npm/publish-site.js';
import type { CheckoutMount } from './checkout.js';

export type { PublishCommand } from '../npm/publish-site.js';

/** A `permissions:` block as written at workflow or job level. */
export interface Permissions {
  node: YNode;
  /**
   * `read-all` / `write-all` shorthands, `map` for a scope map (`{}` included), `expression` for
   * `${{ ... }}`, `invalid` for anything else.
   */
  kind: 'read-all' | 'write-all' | 'map' | 'expression' | 'invalid';
  /** Scope → level as written (`read`, `write`, `none`, or anything invalid the user wrote). */
  scopes: Map<string, { level: string; node: YNode }>;
}

export type IdTokenAccess = 'write' | 'none' | 'invalid' | 'unknown';

/** What a job's GITHUB_TOKEN may do with `id-token`, after workflow/job precedence. */
export interface EffectiveIdToken {
  access: IdTokenAccess;
  /** Where the answer comes from. `default` = no `permissions` anywhere (repository default). */
  source: 'job' | 'workflow' | 'default';
  /** The permissions block that decided it (job's, or workflow's), if any. */
  permissions?: Permissions;
  /** The `id-token:` entry itself, when written. */
  entry?: YNode;
  /** The invalid value when access is `invalid` (e.g. `read`). */
  invalidValue?: string;
}

export interface EnvEntry {
  name: string;
  /** The value as text; undefined for maps/sequences/null. */
  value: string | undefined;
  node: YNode;
  level: 'workflow' | 'job' | 'step';
}

export interface Environment {
  /** The environment name, undefined when it is an expression or missing. */
  name: string | undefined;
  /** True when the name is (or contains) a `${{ }}` expression. */
  isExpression: boolean;
  raw: string | undefined;
  /** The node holding the name (the string, or `name:` inside the map). */
  node: YNode;
}

export interface RunnerLabel {
  value: string;
  node: YNode;
  /** Set when the label came from a matrix value through `${{ matrix.x }}`: the expression. */
  fromMatrix?: string;
  /** For matrix labels: the matrix value node the label came from (where the user edits it). */
  valueNode?: YNode;
  /**
   * Set when the label is a called workflow's `inputs.*` as one caller gives it (./caller-runners.ts):
   * the expression written in `runs-on`, and the caller's `with:` value (or the input's `default:`)
   * it was read from, in words and as a YAML path in that file; none for a value the expression
   * itself writes (`${{ inputs.big && 'x' || 'y' }}`).
   */
  fromInput?: { expression: string; read?: { at: YNode; label: string; path: string } };
}

/** One resolved set of labels (one per matrix combination, or just one). */
export interface RunnerChoice {
  labels: RunnerLabel[];
  /** `group:`; `fromInput` as for a label, when its value is a called workflow's input. */
  group?: { value: string; node: YNode; fromInput?: RunnerLabel['fromInput'] };
  /** A label that is an expression tp-doctor could not resolve. */
  unresolved?: { value: string; node: YNode };
  /** The matrix combinations that pick this choice, when `runs-on` names a matrix value. */
  combos?: MatrixCombination[];
}

export interface RunsOn {
  node: YNode;
  choices: RunnerChoice[];
}

export interface ReusableCall {
  node: YNode;
  /** As written: `./.github/workflows/x.yml` or `owner/repo/.github/workflows/x.yml@ref`. */
  target: string;
  /** Repository-relative path for local calls. */
  localPath?: string;
  /** For calls into another repository. */
  remote?: { repository: string; path: string; ref: string };
  /** The names under the job's `secrets:` map (`secrets: inherit` passes all and names none). */
  secretNames: string[];
}

export interface StepAction {
  /** e.g. `actions/setup-node`, `./.github/actions/publish`, `docker://...`. */
  name: string;
  ref?: string;
  node: YNode;
  /**
   * An action of the workflow's own repository named in full (`acme/pkg/.github/actions/x@main`
   * with the git remote `acme/pkg`): the name as written, `name` being `$/.github/actions/x` so
   * that it is read from the working tree like a local action. Its `ref` may hold other files than
   * the working tree: what is read from it is a guess (`composite-action.ts` `resolveSelfActions`).
   */
  selfName?: string;
}

/**
 * A step that uses an action running a shell script given in an input (`nick-fields/retry`'s
 * `command`, `data/command-actions.ts`): that input is the step's `run`.
 */
export interface CommandWrapper {
  /** The action as written in `uses:`, without `@ref`. */
  action: string;
  /** The input read as the step's `run` (`command`). */
  input: string;
  /** The action's input naming the shell, when given (it replaces `shell:`; `defaults.run` does not apply). */
  shell?: YNode;
  /** The action's input naming the working directory, when given (it replaces `working-directory:`). */
  directory?: YNode;
  /** The action's other script inputs that are given (`new_command_on_retry`), not read for publishes. */
  otherScripts: YNode[];
}

export interface Step {
  index: number;
  job: Job;
  node: YNode;
  id?: string;
  name?: string;
  uses?: StepAction;
  /** The `run:` script, or the script input of a command-running action (`wrapper`). */
  run?: { text: string; node: YNode };
  /** Set when `run` is an action's input (`CommandWrapper`). */
  wrapper?: CommandWrapper;
  with: ReadonlyMap<string, YNode>;
  env: EnvEntry[];
  /** Publish commands run by this step (empty when it does not publish), `possible` ones included. */
  publishes: PublishCommand[];
}

export interface MatrixValue {
  value: string;
  node: YNode;
}

/** One matrix combination: variable → value. */
export type MatrixCombination = Map<string, MatrixValue>;

export interface Job {
  id: string;
  workflow: Workflow;
  /** The job's mapping node; `node.keySpan` is the job id. */
  node: YNode;
  name?: string;
  permissions?: Permissions;
  idToken: EffectiveIdToken;
  environment?: Environment;
  runsOn?: RunsOn;
  /** Matrix combinations, or undefined without a (resolvable) matrix. */
  matrix?: MatrixCombination[];
  /** True when `strategy.matrix` exists but is an expression tp-doctor cannot expand. */
  matrixUnresolved: boolean;
  /** True when expanding `strategy.matrix` was cut at GitHub's 256 combinations (./matrix.ts): `matrix` is not all of them. */
  matrixTruncated?: boolean;
  env: EnvEntry[];
  steps: Step[];
  /** Where the job's `actions/checkout` steps put repositories (see `./checkout.ts`). */
  mounts: CheckoutMount[];
  uses?: ReusableCall;
  /** `with:` of a reusable-workflow call. */
  with: ReadonlyMap<string, YNode>;
  needs: string[];
  container?: { image?: string; node: YNode };
  if?: string;
  /**
   * The publishes the job's `if:` drops when it is false for every event, though not as written
   * (`falseForEveryEvent`, ./expressions.ts: `github.event_name == 'workflow_call'`): that `if:`, and
   * how many publish commands would run without it. Set by ./publishes.ts `detectJobPublishes`.
   */
  unrun?: { condition: YNode; publishes: number };
}

export interface Trigger {
  event: string;
  node: YNode;
}

export interface Workflow {
  /** Repository-relative path, e.g. `.github/workflows/release.yml`. */
  file: string;
  /** Base name, e.g. `release.yml` (what npm matches, case-sensitively). */
  fileName: string;
  doc: YamlDocument;
  root: YNode;
  name?: string;
  triggers: Trigger[];
  onNode?: YNode;
  /** True when the workflow can be called (`on: workflow_call`). */
  callable: boolean;
  /** True when `workflow_call` is its only trigger: it never runs as a top-level workflow. */
  callableOnly: boolean;
  permissions?: Permissions;
  env: EnvEntry[];
  jobs: Job[];
}

/** The user configuration file npm reads at a publish (../npm/user-config.ts; ./user-config.ts on GitHub). */
export type { UserConfig } from '../npm/user-config.js';

/** A publish command of a GitHub job, with its facts (see `../npm/publish-site.ts`). */
export interface GithubSite extends SiteBase {
  provider: 'github';
  job: Job;
  step: Step;
}
