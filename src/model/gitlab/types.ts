import type { ReadFailure } from '../../fs/source.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import type { PublishCommand, SiteBase } from '../npm/publish-site.js';
import type { UsedInput } from './inputs.js';

/**
 * Where an effective value came from. `node` is where the user edits it: the template that defines
 * it, not the job that extends it.
 */
export interface Origin {
  /** The node as written (in whichever file and job/template it was written). */
  node: YNode;
  /**
   * How it reached the job: written in the job (in any file defining that job name), inherited
   * from `default:` (or a deprecated top-level `image:`/`before_script:`...), from an `extends:`
   * template, or through `!reference`. When several apply, the hop nearest to the job wins: a
   * `default:` value that uses `!reference` is `default`; a template value read through
   * `!reference` is `reference`. YAML anchors and merge keys are not a hop: a value merged with
   * `<<: *anchor` is `job`, and its `node` is where the anchor is written (outside the job).
   */
  via: 'job' | 'default' | 'extends' | 'reference';
  /**
   * For `extends`: the template (top-level name) that wrote the value. For `reference`: the job or
   * template named first in the `!reference`. For `default`: `default`, or the deprecated top-level
   * keyword (`image`, `before_script`, ...) the value was written under.
   */
  from?: string;
}

/** A value of the effective job: a merged map, or a leaf (scalar, null or list) with its origin. */
export type EffectiveValue =
  | { kind: 'map'; entries: Map<string, EffectiveValue>; origin: Origin }
  | {
      kind: 'leaf';
      origin: Origin;
      /** Set for a sequence: its items, `!reference`s resolved (not flattened). */
      items?: EffectiveValue[];
      /** Set when the leaf is a `!reference` whose target does not exist (its path). */
      unresolvedReference?: string[];
    };

export interface GitlabVariable {
  name: string;
  /** The value as text (`value:` of the expanded form), undefined when not a scalar. */
  value: string | undefined;
  /** The entry (its key is the variable name). */
  origin: Origin;
  /** The scalar holding the value (the entry itself, or `value:` in the expanded form). */
  valueNode?: YNode;
  /** False for `expand: false`: `$` in the value is literal. */
  expand: boolean;
  /** `matrix`: a value of the job's `parallel: matrix:` combination (./matrix.ts). */
  level: 'global' | 'job' | 'matrix';
}

/** One job of a `parallel: matrix:` (./matrix.ts). */
export interface GitlabMatrixCombination {
  /** The name GitLab gives the job: `publish: [22]`. */
  label: string;
  /** The combination's values as job variables (`level: 'matrix'`), in the order written. */
  variables: GitlabVariable[];
  /** The job's `rules:` name a matrix variable: whether GitLab creates this combination is not decided (./matrix.ts `rulesReadMatrix`). */
  conditional?: true;
}

export interface GitlabIdToken {
  /** Token variable name, e.g. `NPM_ID_TOKEN`. */
  name: string;
  /** The token's entry (its key is the token name). */
  origin: Origin;
  /** Each `aud` value (a string or every item of a list), as written and with variables expanded. */
  aud: { raw: string; expanded: string | undefined; origin: Origin }[];
  /** The `aud:` entry, undefined when the token has no `aud`. */
  audNode?: YNode;
}

export interface GitlabIdTokens {
  /** The `id_tokens:` map that decided (the job's own, a template's, or `default:`'s). */
  origin: Origin;
  tokens: Map<string, GitlabIdToken>;
}

export interface GitlabScriptLine {
  /** The line's text (one item of `script:`, possibly multi-line). */
  text: string;
  /** The scalar node holding it (possibly in a template or through `!reference`). */
  node: YNode;
  section: 'before_script' | 'script' | 'after_script';
  origin: Origin;
}

/** `inherit:` of a job: which `default:` keywords and global variables it takes. */
export interface GitlabInherit {
  /** `true` (all, the default), `false` (none) or the names listed. */
  default: boolean | string[];
  variables: boolean | string[];
  /** The effective `inherit:` map, when written. */
  origin?: Origin;
}

export interface GitlabJob {
  name: string;
  /** The job's own mapping node (its key is the job name): the definition in the file read first among the ones that win, i.e. the including file's. */
  node: YNode;
  /** Every definition of the job name (included files first, the winning one last). */
  definitions: YNode[];
  /** `trigger` jobs start a downstream pipeline and run no script. */
  kind: 'job' | 'trigger';
  /** The top-level CI file the pipeline started from (the trusted-publisher claim). */
  ciFile: string;
  /** Effective top-level keywords after anchors, includes, `extends:`, `!reference` and `default:`. */
  keywords: Map<string, EffectiveValue>;
  /** `extends:` ancestors, nearest first (breadth first), resolved names only. */
  extendsChain: string[];
  /**
   * True when part of the job could not be read: an `extends:` or `!reference` target that does
   * not exist locally (often defined in a remote/project/template include).
   */
  incomplete: boolean;
  inherit: GitlabInherit;
  /**
   * For one job of a `parallel: matrix:`: its combination. `name` stays the job's key in the
   * configuration (what YAML paths name); GitLab calls the job `matrix.label` (`publish: [22]`).
   */
  matrix?: GitlabMatrixCombination;
  /** Global variables (when inherited) overlaid by the job's own, then by its matrix values. */
  variables: Map<string, GitlabVariable>;
  /** Effective `id_tokens` (job's own or `default:`'s, never merged), undefined when none. */
  idTokens?: GitlabIdTokens;
  /**
   * `image:` (string or `name:`), with CI/CD inputs interpolated and variables expanded (undefined
   * when one is unknown); `inputs`: the `$[[ inputs.x ]]` values it used (./inputs.ts).
   */
  image?: { name: string; expanded: string | undefined; origin: Origin; inputs?: UsedInput[] };
  tags: { value: string; expanded: string | undefined; origin: Origin }[];
  /** `environment:` (string or `name:`); `isExpression` when the name contains `$`. */
  environment?: { name: string | undefined; expanded: string | undefined; isExpression: boolean; origin: Origin };
  scripts: GitlabScriptLine[];
  /** Publish commands found in the scripts, located where the script line is written. */
  publishes: PublishCommand[];
}

export type GitlabIncludeKind = 'local' | 'remote' | 'project' | 'template' | 'component';

/** One `include:` entry as written. */
export interface GitlabInclude {
  kind: GitlabIncludeKind;
  /** The path, URL, template name, component address or project path, as written. */
  value: string;
  /** For `project:` includes: the `file:` values. */
  files?: string[];
  /** The node naming it (the string, or the value of `local:`/`remote:`/...). */
  node: YNode;
  /** The file that holds the `include:`. */
  includedFrom: string;
  /** For `local`: the repository files it resolved to (several for a glob). */
  resolved: string[];
  /** For `local`: the entries of its `inputs:` (./inputs.ts), by name. */
  inputs?: Map<string, YNode>;
  /**
   * For `local`: what its `rules:` say when the file is missing. GitLab evaluates an include's
   * rules before it reads the file: `left-out` when every rule is `when: never` or an `exists:`
   * that names only the included file itself (so a missing file is never read), `maybe` for any
   * other non-empty `rules:` list. Absent without rules.
   */
  rules?: 'left-out' | 'maybe';
}

export type IncludeFailure =
  /** The file does not exist (or, for a glob, nothing matches). */
  | 'missing'
  /** It exists but cannot be read (see `failure`). */
  | 'unreadable'
  /** GitLab includes only `.yml`/`.yaml` files. */
  | 'not-yaml'
  /** The path contains a variable tp-doctor does not expand. */
  | 'variable'
  /** The path leaves the repository (`..`). */
  | 'outside-repository'
  /** More includes (or deeper nesting) than GitLab accepts. */
  | 'limit';

export type GitlabProblem =
  | { kind: 'extends-cycle'; job: string; chain: string[]; location: Location }
  | {
      kind: 'extends-missing';
      job: string;
      target: string;
      location: Location;
      /** The pipeline has includes tp-doctor cannot read: the target may be defined there. */
      possiblyRemote: boolean;
    }
  | { kind: 'extends-depth'; job: string; location: Location }
  | { kind: 'reference-missing'; target: string[]; location: Location; possiblyRemote: boolean }
  | { kind: 'reference-depth'; location: Location }
  /** A `!reference` whose target leads back to it; `chain` lists the targets around the cycle. */
  | { kind: 'reference-cycle'; target: string[]; chain: string[][]; location: Location }
  | {
      kind: 'include-unreadable';
      include: string;
      location: Location;
      reason: IncludeFailure;
      failure?: ReadFailure;
      /** The include has `rules:` that may leave it out (GitLab then never reads the file). */
      conditional?: boolean;
    }
  | {
      kind: 'include-remote';
      includeKind: 'remote' | 'project' | 'template' | 'component';
      include: string;
      location: Location;
    };

export interface GitlabPipeline {
  /** The top-level CI file, repository-relative (default `.gitlab-ci.yml`): what the OIDC claim names. */
  ciFile: string;
  /** For a child pipeline (`trigger: include:`): the file it was read from. */
  sourceFile?: string;
  /** False when the top-level file exists but could not be read or parsed (see the file problems). */
  parsed: boolean;
  /** Every YAML document read: the top-level file and local includes, in read order. */
  documents: YamlDocument[];
  /** Every `include:` entry, in read order (nested ones after the file that includes them). */
  includes: GitlabInclude[];
  /** True when some include cannot be read offline (remote, project, template, component, unreadable local). */
  hasUnreadableIncludes: boolean;
  /** Jobs (hidden `.templates` excluded), in GitLab's merge order: included files' jobs first. */
  jobs: GitlabJob[];
  /** Names of hidden templates (`.name`), in merge order. */
  templates: string[];
  /** A top-level `id_tokens:` key: not a keyword, GitLab ignores it. */
  topLevelIdTokens?: YNode;
  /** Effective `default:` keywords (with the deprecated top-level `image:`, `before_script:`...). */
  defaults: Map<string, EffectiveValue>;
  /** `default: id_tokens:`, read like a job's. */
  defaultIdTokens?: GitlabIdTokens;
  globalVariables: Map<string, GitlabVariable>;
  problems: GitlabProblem[];
}

/** A publish command of a GitLab job, with its facts (see `../npm/publish-site.ts`). */
export interface GitlabSite extends SiteBase {
  provider: 'gitlab';
  job: GitlabJob;
  pipeline: GitlabPipeline;
  /** Index in `job.scripts` of the line that holds it (-1 when in no line). */
  line: number;
  /**
   * A `cd "$DIR"` before it reads a variable the job's `variables:` set but the pipeline may change
   * (`workflow: rules:`, a dotenv report: ./variables.ts `jobDirectoryValue`), read only here, after
   * the job's commands were recognised: the directory is one tp-doctor cannot tell, as with
   * `PublishMatch.cdUnknown`.
   */
  cdUnknown?: true;
}
