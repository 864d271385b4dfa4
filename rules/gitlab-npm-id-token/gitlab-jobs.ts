/**
 * Helpers shared by the GitLab rules (gitlab-npm-id-token, gitlab-id-token-audience,
 * gitlab-sigstore-token, gitlab-config-resolvable). Candidates for src/model/gitlab/: which token
 * npm will read, whether a value is written in the job or elsewhere, and reporting a template
 * line once with every job that inherits it as a related location.
 */
import type { GitlabPublisher } from '../../src/config/types.js';
import type { ReportTarget } from '../../src/engine/define-rule.js';
import { isPublishingGitlabJob } from '../../src/model/gitlab/pipeline.js';
import type { PublishCommand } from '../../src/model/github/types.js';
import type { GitlabIdToken, GitlabJob, GitlabPipeline, Origin } from '../../src/model/gitlab/types.js';
import { classifyRegistry, type Registry } from '../../src/model/npm/registry.js';
import type { Project } from '../../src/model/project.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Position } from '../../src/yaml/span.js';

export const NPM_AUDIENCE = 'npm:registry.npmjs.org';
/** The YAML to add, in flow style so that it survives line wrapping in any output format. */
export const NPM_ID_TOKEN_YAML = `id_tokens: { NPM_ID_TOKEN: { aud: "${NPM_AUDIENCE}" } }`;
/** The token entry alone, for an existing `id_tokens:` map. */
export const NPM_ID_TOKEN_ENTRY = `NPM_ID_TOKEN: { aud: "${NPM_AUDIENCE}" }`;

/** Jobs that run a publish command (trigger jobs run nothing). */
export function publishingJobs(pipeline: GitlabPipeline): GitlabJob[] {
  return pipeline.jobs.filter((job) => job.kind === 'job' && isPublishingGitlabJob(job));
}

/**
 * True when a GitLab trusted publisher (declared, or inferred when none is declared) names this
 * pipeline's CI file. Without one the repository publishes from elsewhere (or not with trusted
 * publishing on GitLab), and the GitLab rules stay quiet.
 */
export function hasGitlabPublisher(pipeline: GitlabPipeline, publishers: readonly GitlabPublisher[]): boolean {
  return publishers.some((p) => p.ciFile.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '') === pipeline.ciFile);
}

/** Registry a script line sets (`npm config set registry URL`, `registry=URL` into an .npmrc). */
function registrySetBy(text: string): string | undefined {
  const set = /\b(?:npm|pnpm|yarn)\s+(?:config\s+)?set\s+['"]?registry['"]?[\s=]+['"]?([^\s'"]+)/.exec(text)?.[1];
  if (set !== undefined) return set;
  return /\.npmrc|NPM_CONFIG_USERCONFIG/i.test(text) ? /(?<![\w:@/-])registry\s*=\s*['"]?([^\s'"]+)/.exec(text)?.[1] : undefined;
}

/**
 * Where the job's publishes go, first answer wins (like GitHub's `publishRegistry`): a `--registry`
 * flag, `NPM_CONFIG_REGISTRY` in the job's variables, the last earlier script line that sets a
 * registry, package.json `publishConfig.registry`, else npmjs. A variable makes it `unknown`.
 */
export function gitlabPublishRegistry(job: GitlabJob, project: Project): Registry {
  const kinds = job.publishes.map((publish) => {
    const fromFlag = classifyRegistry(publish.match.flags.registry);
    if (fromFlag) return fromFlag;
    const env = [...job.variables.values()].find((v) => v.name.toLowerCase() === 'npm_config_registry');
    const fromEnv = classifyRegistry(env?.value);
    if (fromEnv) return fromEnv;
    let fromScript: Registry | undefined;
    for (const line of job.scripts) {
      if (line.section === 'after_script') break;
      const holds = holdsPublish(line.node, publish);
      fromScript = classifyRegistry(registrySetBy(holds ? line.text.slice(0, publish.match.offset) : line.text)) ?? fromScript;
      if (holds) break;
    }
    return fromScript ?? classifyRegistry(project.packageJson?.publishConfig?.get('registry')?.text) ?? 'npmjs';
  });
  return kinds.includes('npmjs') ? 'npmjs' : kinds.includes('unknown') ? 'unknown' : 'other';
}

/** The jobs the GitLab token rules check: publishing jobs of a pipeline a GitLab publisher names, publishing to npmjs. */
export function checkedJobs(pipeline: GitlabPipeline, publishers: readonly GitlabPublisher[], project: Project): GitlabJob[] {
  if (!hasGitlabPublisher(pipeline, publishers)) return [];
  return publishingJobs(pipeline).filter((job) => gitlabPublishRegistry(job, project) !== 'other');
}

export function publishVerb(job: GitlabJob): 'publishes' | 'appears to publish' {
  return job.publishes.some((p) => p.match.confidence === 'certain') ? 'publishes' : 'appears to publish';
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

/** True when the script line `node` holds the publish command. */
function holdsPublish(node: YNode, publish: PublishCommand): boolean {
  const span = node.span;
  return publish.location.file === node.file && before(span.start, publish.location.start) && before(publish.location.start, span.end);
}

/** True when `node` is written inside one of the job's own definitions (not a template, `default:` or anchor). */
export function writtenInJob(node: YNode, job: GitlabJob): boolean {
  const at = node.anchorSpan.start;
  return job.definitions.some((def) => def.file === node.file && before(def.keySpan?.start ?? def.span.start, at) && before(at, def.span.end));
}

/** The top-level entry a value is edited in: the job, the template it extends, `default`. */
export function ownerOf(origin: Origin, job: GitlabJob): string {
  return origin.via === 'job' ? job.name : origin.via === 'default' ? 'default' : (origin.from ?? job.name);
}

/** True when the job takes `id_tokens` from `default:` (`inherit: default:` true or a list naming it). */
export function inheritsDefaultIdTokens(job: GitlabJob): boolean {
  const setting = job.inherit.default;
  return typeof setting === 'boolean' ? setting : setting.includes('id_tokens');
}

const ASSIGNMENT = /(?:^|[\s;&|(])(?:export\s+|declare\s+-x\s+)?NPM_ID_TOKEN=(["']?)\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?\1/g;

/**
 * The ID token npm will read as `NPM_ID_TOKEN`: the token of that name, or another declared token
 * that a script line copies into it before the first publish (`export NPM_ID_TOKEN=$ID_TOKEN`, or
 * `NPM_ID_TOKEN=$ID_TOKEN npm publish`). `after_script` runs in another shell and does not count.
 */
export function npmIdToken(job: GitlabJob): { token: GitlabIdToken; alias?: YNode } | undefined {
  const tokens = job.idTokens?.tokens;
  if (!tokens) return undefined;
  const direct = tokens.get('NPM_ID_TOKEN');
  if (direct) return { token: direct };
  const first = job.publishes[0];
  for (const line of job.scripts) {
    if (line.section === 'after_script') break;
    const here = first && holdsPublish(line.node, first) ? first.match.offset : undefined;
    for (const m of line.text.matchAll(ASSIGNMENT)) {
      const token = tokens.get(m[2] ?? '');
      if (token && (here === undefined || (m.index ?? 0) <= here)) return { token, alias: line.node };
    }
    if (here !== undefined) break;
  }
  return undefined;
}

export interface Related {
  at: ReportTarget;
  label: string;
}

export function jobRelated(job: GitlabJob): Related {
  return { at: job.node, label: `publishing job "${job.name}"` };
}

interface Group {
  at: YNode;
  jobs: GitlabJob[];
  extra: Related[];
  emit: (related: Related[]) => void;
}

/**
 * Collects reports by where they point, so that a template line inherited by several publishing
 * jobs is reported once, with each job that does not itself hold the line as a related location.
 */
export class ReportsByLocation {
  private readonly groups = new Map<string, Group>();

  add(key: string, at: YNode, job: GitlabJob, emit: (related: Related[]) => void, extra: Related[] = []): void {
    const s = at.anchorSpan.start;
    const id = `${key}@${at.file}:${s.line}:${s.column}`;
    const group = this.groups.get(id);
    if (group) {
      if (!group.jobs.includes(job)) group.jobs.push(job);
      return;
    }
    this.groups.set(id, { at, jobs: [job], extra, emit });
  }

  flush(): void {
    for (const group of this.groups.values()) {
      const jobs = group.jobs.filter((job) => !writtenInJob(group.at, job)).map(jobRelated);
      group.emit([...group.extra, ...jobs]);
    }
    this.groups.clear();
  }
}
