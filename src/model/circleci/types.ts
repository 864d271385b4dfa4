import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import type { PublishCommand, SiteBase } from '../npm/publish-site.js';
import type { CircleRun } from './run-types.js';

export type * from './run-types.js';

/**
 * A scalar of the configuration after `<< parameters.x >>` expansion. `<< pipeline.parameters.x >>`
 * takes the pipeline parameter's literal `default:` (listed in `substituted`, `from:
 * 'pipeline-default'`); other `<< pipeline.* >>` values depend on the trigger and stay in `text` as
 * written.
 */
export interface CircleText {
  /** The value with every parameter tp-doctor could resolve substituted. */
  text: string;
  /** The value as written. */
  raw: string;
  /** Where it is written (in a job, an executor, a command or an orb-free template). */
  node: YNode;
  /** Placeholders left unresolved, without `<< >>` (`pipeline.git.tag`, `parameters.version`). */
  unknown: string[];
  /**
   * The parameters substituted, each with the value used and the node it came from (argument or
   * default); a pipeline default read through a parameter's value is listed after that parameter.
   */
  substituted: CircleSubstitution[];
}

export interface CircleSubstitution {
  /** `parameters.node-version`, `pipeline.parameters.node-version`. */
  name: string;
  value: string;
  /** The argument in the invocation, or the parameter's `default:`. */
  node: YNode;
  /**
   * `pipeline-default`: the `default:` of a top-level pipeline parameter, which a trigger (API, UI,
   * schedule) may replace: what runs by default, not certainly.
   */
  from: 'argument' | 'default' | 'matrix' | 'pipeline-default';
  /** Where the value sits in the expanded text: `offset` to `end`. */
  offset: number;
  end: number;
}

/** A declared parameter (of a job, command, executor, or the pipeline). */
export interface CircleParameter {
  name: string;
  /** The parameter's entry (its key is the name). */
  node: YNode;
  /** `string`, `boolean`, `integer`, `enum`, `executor`, `steps`, `env_var_name`; undefined when missing. */
  type?: string;
  /** The `default:` value, when there is one. */
  default?: YNode;
}

/** One `environment:` entry. */
export interface CircleEnvEntry {
  name: string;
  /** Its value, expanded; undefined for a value that is not a scalar. */
  value?: CircleText;
  /** The entry (its key is the name). */
  node: YNode;
  /** Where it is set: an executor, the job, the primary container image, a `run` step. */
  level: 'executor' | 'job' | 'image' | 'step';
}

/** A `docker:` image. The first one is the primary container, where steps run. */
export interface CircleImage {
  index: number;
  image: CircleText;
  /** The list item. */
  node: YNode;
  /** The image's own `environment:` (applies to the primary container only for the steps). */
  environment: CircleEnvEntry[];
}

export type CircleExecutorKind = 'docker' | 'machine' | 'macos' | 'none';

/** How the job got its execution environment. */
export interface CircleExecutorUse {
  /** The executor name (`node`, `node/default` for an orb executor). */
  name: string;
  /** The `executor:` value as written in the job (string or map). */
  node: YNode;
  /** The `executors:` entry it resolved to, when local. */
  definition?: YNode;
  /** Set for `alias/name`: an orb executor, which tp-doctor cannot read unless it is `known`. */
  orb?: string;
  /**
   * An orb executor whose definition tp-doctor knows (`ORB_EXECUTORS`: the circleci/node orb's
   * `default`): the job runs in its image, with no `environment:`. `ref` is the orb as pinned under
   * `orbs:`; `tagDefault` the default `tag` of that orb version, undefined when the version cannot
   * be told (then only a `tag:` argument gives the image).
   */
  known?: { ref: string; image: string; tagDefault?: string };
  /** Set when the name matches no executor (local or orb). */
  missing?: true;
}

export interface CircleResourceClass {
  value: CircleText;
  /** `namespace/name`: a self-hosted runner resource class; undefined when the value is not known. */
  selfHosted: boolean | undefined;
  from: 'job' | 'executor';
}

export type CircleStepKind =
  | 'run'
  | 'checkout'
  | 'attach_workspace'
  | 'persist_to_workspace'
  | 'save_cache'
  | 'restore_cache'
  | 'setup_remote_docker'
  | 'add_ssh_keys'
  | 'store_artifacts'
  | 'store_test_results'
  /** An orb command (`node/install`), or the orb job an orb job's stand-in runs: named, not read. */
  | 'orb'
  /** A step tp-doctor cannot read: a name that is no built-in, command or orb command. */
  | 'unknown';

/** One step of a job, reusable commands expanded. */
export interface CircleStep {
  /** Position in the job's expanded step list. */
  index: number;
  kind: CircleStepKind;
  /** The step as written (a list item; inside `commands:` for a command's steps). */
  node: YNode;
  /** The reusable commands it came through, outermost first, with the invoking step. */
  via: { command: string; node: YNode }[];
  /** Inside a `when:` / `unless:` step: it may not run. */
  conditional: boolean;
  /** `pre-steps` / `post-steps` of the workflow invocation, or the job's own steps. */
  origin: 'job' | 'pre-steps' | 'post-steps';
  run?: CircleRun;
  /** For `orb` steps. */
  orb?: {
    alias: string;
    /** The command's (or, with `job`, the job's) name in the orb. */
    command: string;
    ref?: string;
    args: Map<string, YNode>;
    /** The scalar arguments, parameters expanded (`<< parameters.x >>`, a pipeline parameter's literal default). */
    texts: Map<string, CircleText>;
    /** Set for the stand-in step of an orb job invoked by a workflow (`- auto/publish`). */
    job?: true;
    /** A possible publish tp-doctor guesses from the orb's and the command's names (`possible.ts`). */
    publishes: PublishCommand[];
  };
  /** For a `checkout` step with a scalar `path:`: the path, parameters expanded (`checkout-dir.ts`). */
  checkoutPath?: CircleText;
  /**
   * For a `persist_to_workspace` step: its `root:` and `paths:` (a scalar, or each item of a list),
   * parameters expanded (`workspace.ts`); `unreadPaths` when an item is no scalar.
   */
  persist?: { root?: CircleText; paths: CircleText[]; unreadPaths: boolean };
  /** For an `attach_workspace` step: its `at:`, parameters expanded (`workspace.ts`). */
  attachAt?: CircleText;
  /** For built-ins with arguments (`persist_to_workspace: { root, paths }`) and unknown steps: the value. */
  args?: YNode;
  /** For `unknown` steps: the name used. */
  name?: string;
}

/** A job, instantiated: parameters bound from a workflow invocation (or the defaults), commands expanded. */
export interface CircleJob {
  /** The key in `jobs:`. */
  name: string;
  /** The job's map (its key is the name). */
  node: YNode;
  /** The workflow invocation this instance is for; undefined for the definition with defaults. */
  invocation?: CircleWorkflowJob;
  /** The matrix values of this instance (`{ node: '22' }`), when the invocation has a matrix. */
  matrix?: Record<string, string>;
  parameters: Map<string, CircleParameter>;
  executor?: CircleExecutorUse;
  /** `docker`, `machine`, `macos`, or `none` when nothing says (or an orb executor hides it). */
  executorKind: CircleExecutorKind;
  docker: CircleImage[];
  machine?: { node: YNode; image?: CircleText };
  macos?: { node: YNode; xcode?: CircleText };
  resourceClass?: CircleResourceClass;
  /** Executor, job and primary-image environment, lowest precedence first (step environments are on the steps). */
  environment: CircleEnvEntry[];
  workingDirectory?: CircleText;
  steps: CircleStep[];
  /** Every publish command of the steps, in step order. */
  publishes: PublishCommand[];
  /**
   * True when part of the job could not be read: an orb executor or command, an unknown step, a
   * missing executor or command, a parameter without a value.
   */
  incomplete: boolean;
  /**
   * Set on the stand-in of an orb job that a workflow invokes (`- auto/publish`) and that may
   * publish: the orb alias. Its steps are the invocation's `pre-steps`, one `orb` step for the orb
   * job (not read) and the `post-steps`; it has no executor.
   */
  orb?: string;
}

export interface CircleFilter {
  only: CircleText[];
  ignore: CircleText[];
  /** The `branches:` / `tags:` map. */
  node?: YNode;
}

/** One entry of a workflow's `jobs:`. */
export interface CircleWorkflowJob {
  workflow: string;
  /** The job it runs: a key of `jobs:`, or `alias/job` of an orb. */
  job: string;
  /** `name:` when given, else the job name: what `requires:` refers to. */
  name: string;
  /** The list item. */
  node: YNode;
  /** The scalar naming the job (the string item, or the key of the one-key map). */
  jobNode: YNode;
  /** `type: approval`: a manual approval, no job definition. */
  approval: boolean;
  requires: CircleText[];
  /** `context:` (a string or a list). */
  contexts: CircleText[];
  filters: { branches: CircleFilter; tags: CircleFilter; node?: YNode };
  /** The job parameters passed (every other key of the invocation). */
  args: Map<string, YNode>;
  matrix?: YNode;
  /** For `alias/job`: the orb alias (the job is not read). */
  orb?: string;
  /** Set when the job is neither a local job, an orb job nor an approval. */
  missing?: true;
  /**
   * One instance per matrix combination (one without a matrix); empty for approvals and missing
   * jobs, and for orb jobs unless tp-doctor takes one for a possible publish (then one stand-in,
   * `CircleJob.orb`).
   */
  instances: CircleJob[];
}

export interface CircleWorkflow {
  name: string;
  /** The workflow's map (its key is the name). */
  node: YNode;
  jobs: CircleWorkflowJob[];
  /** `when:` / `unless:` / `triggers:`, when written. */
  when?: YNode;
  unless?: YNode;
  triggers?: YNode;
}

export interface CircleOrb {
  alias: string;
  /** The entry (its key is the alias). */
  node: YNode;
  /** `namespace/name@version` as written, for a registry orb; undefined for an inline orb. */
  ref?: string;
  namespace?: string;
  orbName?: string;
  version?: string;
  /** An orb defined inline in the configuration (its commands, jobs and executors are read). */
  inline: boolean;
}

export type CircleProblem =
  /** A registry orb: tp-doctor never fetches it, so its commands, jobs and executors are unknown. */
  | { kind: 'orb-unreadable'; alias: string; ref: string; location: Location }
  | { kind: 'no-jobs'; location: Location }
  | { kind: 'shape'; path: string; expected: string; location: Location }
  | { kind: 'version'; version: string | undefined; location: Location }
  | { kind: 'executor-missing'; job: string; executor: string; location: Location }
  | { kind: 'command-missing'; command: string; location: Location }
  | { kind: 'command-cycle'; chain: string[]; location: Location }
  | { kind: 'command-depth'; command: string; location: Location }
  | { kind: 'job-missing'; workflow: string; job: string; location: Location }
  | { kind: 'parameter-undeclared'; parameter: string; location: Location }
  | { kind: 'matrix-too-large'; workflow: string; job: string; combinations: number; location: Location }
  | { kind: 'step-limit'; job: string; location: Location }
  /** `setup: true`: a setup workflow that generates the real configuration at run time. */
  | { kind: 'setup-config'; location: Location };

/**
 * Where a setup configuration (`setup: true`) continues the pipeline: an orb command or job of
 * `CONTINUATION_ORBS` (`continuation/continue` with `configuration_path`, `path-filtering/filter`
 * with `config-path` or its default), with the configuration file it names.
 */
export interface CircleContinuation {
  /** `alias/name` of the orb command or job (`continuation/continue`). */
  via: string;
  /** The step or the workflow job that continues. */
  node: YNode;
  /** The path argument, expanded; undefined when it is left to the orb's default. */
  path?: CircleText;
  /**
   * The repository file it names (under `.circleci/`, without `./`), when it names one; it is read
   * as a configuration of its own (`CircleConfig.continuedFrom`) when it is committed (`read`).
   */
  file?: string;
  /** True when `file` is committed and was read as a configuration. */
  read: boolean;
  /**
   * Why the configuration it continues with cannot be read (written by the setup job at run time,
   * a value tp-doctor cannot resolve, chosen by the files a push changes); undefined when `read`.
   */
  unreadable?: string;
}

export interface CircleConfig {
  /** The configuration file, repository-relative (default `.circleci/config.yml`). */
  file: string;
  /**
   * Set on a configuration read because a setup configuration continues with it: the setup
   * configuration's file (the one the project's pipeline definition runs, and so the one a trusted
   * publisher's `configFile` names) and the continuation.
   */
  continuedFrom?: { file: string; continuation: CircleContinuation };
  /**
   * Set on a pipeline configuration beside `.circleci/config.yml` that no publisher names, read
   * because a pipeline definition may run it (`discover.ts`), and on what it continues with:
   * whether one does is known only to CircleCI, so findings there are `likely` at most.
   */
  discovered?: true;
  /** For a setup configuration: where it continues (empty when tp-doctor finds no continuation). */
  continuations: CircleContinuation[];
  /** False when the file exists but could not be read or parsed (see the file problems). */
  parsed: boolean;
  document?: YamlDocument;
  /** `version:` as written. */
  version?: string;
  /** `setup: true`: a dynamic configuration (the continuation pipeline is generated). */
  setup?: YNode;
  orbs: CircleOrb[];
  /** Pipeline parameters (`parameters:` at the top level); `<< pipeline.parameters.x >>` takes a literal `default:` (see `CircleSubstitution`). */
  pipelineParameters: Map<string, CircleParameter>;
  executors: Map<string, YNode>;
  commands: Map<string, YNode>;
  /** Each job definition instantiated with its parameters' defaults. */
  jobs: CircleJob[];
  workflows: CircleWorkflow[];
  /** True when an orb (or something else) could not be read: jobs may do more than tp-doctor sees. */
  hasUnreadable: boolean;
  problems: CircleProblem[];
}

/** A publish command of a CircleCI job, with its facts (see `../npm/publish-site.ts`). */
export interface CircleciSite extends SiteBase {
  provider: 'circleci';
  /** The job instance (parameters bound from one workflow invocation and matrix combination). */
  job: CircleJob;
  config: CircleConfig;
  /** The `run` step that holds the command (commands expanded). */
  step: CircleStep;
}
