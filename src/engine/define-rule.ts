import type { CircleciPublisher, GithubPublisher, GitlabPublisher, Publisher, ResolvedConfig } from '../config/types.js';
import type { Provider, Severity } from '../diagnostics/diagnostic.js';
import type { RepoFacts } from '../facts/repo-facts.js';
import type { FixSpec } from '../fix/edits.js';
import type { Job, Workflow } from '../model/github/types.js';
import type { GitlabJob, GitlabPipeline } from '../model/gitlab/types.js';
import type { CircleConfig, CircleJob } from '../model/circleci/types.js';
import type { CoveredPackage, ProjectFacts } from '../model/facts.js';
import type { Certainty } from '../model/publish.js';
import type { Project } from '../model/project.js';
import type { FallbackJob } from '../model/token-fallback.js';
import type { RegistryFacts } from '../model/core/registrations.js';
import type { YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';

/**
 * One message of a rule. `text` is the headline (what is wrong, actual vs expected), `why` the
 * consequence for the publish, `fix` one concrete action. `{name}` placeholders are filled from
 * the report's data; the type system checks that every placeholder gets a value.
 */
export interface MessageSpec {
  text: string;
  why: string;
  fix: string;
  /**
   * This message's severity when it differs from the rule's default: lower for unprovable cases
   * (→ info), higher for the rare certain failure inside a warning-level rule.
   */
  severity?: Severity;
  /** `false` for a message of an `oidcOnly` rule whose failure a long-lived token does not avoid (an invalid workflow, a job that never starts). */
  oidcOnly?: false;
  /**
   * The `why` says runs fail for want of trusted publishing (E404, ENEEDAUTH) in a finding that is no
   * error: with no publisher declared and a long-lived token still reaching the named job, the engine
   * adds that those runs publish with the token today (src/engine/token-fallback-cap.ts).
   */
  failsUnlessToken?: true;
  /**
   * The finding says the token exchange is refused because the run does not match the declared
   * trusted publisher (another workflow, environment). npm's refused exchange is silent and a
   * long-lived token reaching the named job's publish then publishes instead (docs/domain.md §0),
   * declared publisher or not: the engine lowers an error to `warning` and says the run publishes
   * with the token (src/engine/token-fallback-cap.ts).
   */
  refusedExchange?: true;
  /**
   * The finding says the platform refuses the whole file before anything in it runs (GitHub's
   * "Invalid workflow file", a GitLab configuration that creates no pipeline): no job of it runs, so
   * no publish log can come from it. `tp-doctor diagnose` never ranks such a finding as explaining a
   * failed publish (src/runtime/diagnose.ts).
   */
  startsNoRun?: true;
}

type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer Rest}`
  ? K | Placeholders<Rest>
  : never;

/** The data a message needs: one entry per `{placeholder}` in its text, why and fix. */
export type MessageData<M extends MessageSpec> = {
  [K in Placeholders<M['text']> | Placeholders<M['why']> | Placeholders<M['fix']>]: string | number;
};

export interface RuleMeta<M extends Record<string, MessageSpec>> {
  severity: Severity;
  providers: readonly Provider[];
  /** One line for tables, SARIF short descriptions and the ESLint plugin. */
  summary: string;
  messages: M;
  /** True when some message carries an automatic fix (`fix` in a report); like ESLint's `meta.fixable`. */
  fixable?: boolean;
  /** True when some message offers suggestions (`suggest` in a report); like ESLint's `meta.hasSuggestions`. */
  hasSuggestions?: boolean;
  /**
   * The rule's errors say trusted publishing fails (no OIDC token, an npm or tool without it, a
   * self-hosted runner): with no publisher declared and a long-lived npm token reaching the job's
   * publish (src/model/token-fallback.ts), the publish authenticates with the token today, so the
   * engine caps them at `warning` and says so in their `why`.
   */
  oidcOnly?: true;
  /** 0.0–10.0, reported to GitHub code scanning as `security-severity`. */
  securitySeverity?: number;
  tags?: readonly string[];
}

/** Where a report points: a model node (its key when it has one) or an explicit location. */
export type ReportTarget = YNode | Location;

export interface ReportDescriptor<M extends Record<string, MessageSpec>, K extends keyof M & string> {
  messageId: K;
  data: MessageData<M[K]>;
  at: ReportTarget;
  /** Point at the value instead of the key when `at` is a node under a key. */
  atValue?: boolean;
  related?: { at: ReportTarget; label: string }[];
  /**
   * How sure the finding is, when it rests on a publish tp-doctor guessed: a `likely` publish caps
   * the severity at `warning`, a `possible` one at `info` (never an error on a guess).
   */
  certainty?: Certainty;
  /**
   * The change that certainly resolves the finding and changes nothing else, applied by
   * `tp-doctor --fix` and offered as the ESLint fix. Build it with `src/fix/` from model nodes.
   * On a guessed publish (`certainty` other than `certain`) the engine offers it as a suggestion.
   */
  fix?: FixSpec;
  /** Changes offered, never applied automatically: when there are several answers or one is a guess. */
  suggest?: readonly (FixSpec | undefined)[];
  /**
   * The publishing job whose long-lived token may stand in for trusted publishing (the token cap of
   * `oidcOnly` rules), when it is not the running job hook's job nor the job `data.job` names in the
   * report's file: a caller reported for what its called workflow's job publishes. A list: the jobs
   * a report made once for several (`ReportsByLocation`: a template line, an `id_tokens:` block
   * several jobs inherit); the token stands in only when every one of them has one. `null`: no token
   * can stand in (GitHub refuses to start the run).
   */
  tokenFrom?: FallbackJob | readonly FallbackJob[] | null;
}

export interface RuleContext<M extends Record<string, MessageSpec>> {
  readonly project: Project;
  readonly config: ResolvedConfig;
  /** Declared publishers, or the inferred ones (check `publisher.inferred`). */
  readonly publishers: readonly Publisher[];
  readonly githubPublishers: readonly GithubPublisher[];
  readonly gitlabPublishers: readonly GitlabPublisher[];
  readonly circleciPublishers: readonly CircleciPublisher[];
  /** Every fact about the repository: publish sites, packages, registries. Rules never read files. */
  readonly facts: ProjectFacts;
  /** Every package with the publishers (declared or inferred) that cover it. */
  coverage(): CoveredPackage[];
  /**
   * The publishes, entry workflows, packages and publishers as plain records (src/facts/repo-facts.ts),
   * computed once per lint run on first use.
   */
  repoFacts(): RepoFacts;
  /**
   * What the registry says about the covered packages (`tp-doctor --online`, fetched before the
   * lint); undefined offline. Plain data: a rule never touches the network.
   */
  readonly registrations?: RegistryFacts;
  report<K extends keyof M & string>(descriptor: ReportDescriptor<M, K>): void;
}

export interface RuleHooks<M extends Record<string, MessageSpec>> {
  /** Once per run, for cross-file checks. */
  project?(project: Project, ctx: RuleContext<M>): void;
  githubWorkflow?(workflow: Workflow, ctx: RuleContext<M>): void;
  githubJob?(job: Job, ctx: RuleContext<M>): void;
  /** Once per GitLab top-level CI file (with its local includes). */
  gitlabPipeline?(pipeline: GitlabPipeline, ctx: RuleContext<M>): void;
  /** Once per effective GitLab job (hidden templates excluded). */
  gitlabJob?(job: GitlabJob, pipeline: GitlabPipeline, ctx: RuleContext<M>): void;
  /** Once per CircleCI configuration file that exists (parsed or not: check `config.parsed`). */
  circleciConfig?(config: CircleConfig, ctx: RuleContext<M>): void;
  /**
   * Once per CircleCI job instance: each workflow invocation and matrix combination of a job, with
   * its parameters bound, and each job no workflow runs (with its defaults).
   */
  circleciJob?(job: CircleJob, config: CircleConfig, ctx: RuleContext<M>): void;
}

export interface RuleDefinition<M extends Record<string, MessageSpec>> {
  id: string;
  meta: RuleMeta<M>;
  hooks: RuleHooks<M>;
}

/** Identity function that gives a rule its types: message ids and their data are checked. */
export function defineRule<const M extends Record<string, MessageSpec>>(rule: RuleDefinition<M>): RuleDefinition<M> {
  return rule;
}

/** A rule with its message types erased, as the registry and the engine hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<any>;
