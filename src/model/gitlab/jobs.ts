/**
 * Facts about the jobs of a GitLab pipeline that several rules need: which jobs publish and where
 * to, which ID token npm will read, whether a value is written in the job or reached it from a
 * template, `default:` or an anchor, and the YAML path the user edits. No reporting here: the
 * related locations are plain `{ at, label }` values a rule passes on.
 */
import { YNode } from '../../yaml/parse.js';
import { comparePositions, type Location } from '../../yaml/span.js';
import type { GitlabPublisher } from '../core/publishers.js';
import { hiddenIncludesOf } from './include.js';
import { normalizeCiFile } from './pipeline.js';
import { findScriptLine } from './sites.js';
import type { GitlabIdToken, GitlabJob, GitlabPipeline, Origin } from './types.js';

export { mayHoldConfiguration } from './include.js';


export const NPM_AUDIENCE = 'npm:registry.npmjs.org';
/** The YAML to add, in flow style so that it survives line wrapping in any output format. */
export const NPM_ID_TOKEN_YAML = `id_tokens: { NPM_ID_TOKEN: { aud: "${NPM_AUDIENCE}" } }`;
/** The token entry alone, for an existing `id_tokens:` map. */
export const NPM_ID_TOKEN_ENTRY = `NPM_ID_TOKEN: { aud: "${NPM_AUDIENCE}" }`;

/** `./ci/x.yml`, `/ci/x.yml` and `ci/x.yml` (as declared) are the pipeline's CI file `ci/x.yml`. */
export function sameCiFile(declared: string, ciFile: string): boolean {
  return normalizeCiFile(declared) === ciFile;
}

/**
 * The host of the self-managed GitLab a pipeline runs on, when the GitLab publisher naming its CI
 * file names a host other than gitlab.com: declared (`host:`, which publisher-config-valid reports),
 * or inferred from a git remote (or package.json `repository`) on another GitLab's host
 * (src/config/infer.ts). npm trusted publishing accepts ID tokens from GitLab.com only
 * (docs/domain.md §1.8), so trusted publishing is not available to such a pipeline.
 */
export function selfManagedGitlabHost(ciFile: string, publishers: readonly GitlabPublisher[]): string | undefined {
  for (const p of publishers) {
    if (p.host === undefined || !sameCiFile(p.ciFile, ciFile)) continue;
    const host = p.host.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:]/)[0]!.toLowerCase();
    if (host !== '' && host !== 'gitlab.com') return host;
  }
  return undefined;
}

/**
 * True when a GitLab trusted publisher (declared, or inferred when none is declared) names this
 * pipeline's CI file. Without one the repository publishes from elsewhere (or not with trusted
 * publishing on GitLab), and the GitLab rules stay quiet.
 */
export function hasGitlabPublisher(pipeline: GitlabPipeline, publishers: readonly GitlabPublisher[]): boolean {
  return publishers.some((p) => sameCiFile(p.ciFile, pipeline.ciFile));
}

/** The jobs the GitLab token rules check: publishing jobs of a pipeline a GitLab publisher names, publishing (or maybe) to npmjs. */
export function checkedJobs(pipeline: GitlabPipeline, publishers: readonly GitlabPublisher[], facts: { publishingGitlabJobs(pipeline: GitlabPipeline): GitlabJob[] }): GitlabJob[] {
  if (!hasGitlabPublisher(pipeline, publishers)) return [];
  return facts.publishingGitlabJobs(pipeline);
}

/** True when `at` lies inside the span of `node` (same file). */
function within(node: YNode, at: Location): boolean {
  const span = node.span;
  return node.file === at.file && comparePositions(span.start, at.start) <= 0 && comparePositions(at.end, span.end) <= 0;
}

/**
 * True when `at` is written inside one of the job's own definitions, not in a template,
 * `default:`, an anchor merged into the job or a `!reference`d job. A node counts by its value
 * (an alias by where the alias is written).
 */
export function writtenInJob(at: YNode | Location, job: GitlabJob): boolean {
  const where = at instanceof YNode ? { file: at.file, ...at.span } : at;
  return job.definitions.some((def) => within(def, where));
}

/**
 * The job as a related location when `at` is written outside it (in a template, `default:`, an
 * anchor or a `!reference`d job), else nothing. The label defaults to `job "<name>"`; see
 * `publishingJobLabel` and `inheritingJobLabel` for the other wordings rules use.
 */
export function jobRelated(job: GitlabJob, at: YNode | Location, label = `job "${job.name}"`): { at: YNode; label: string }[] {
  return writtenInJob(at, job) ? [] : [{ at: job.node, label }];
}

/** `publishing job "<name>"`, the label of the token rules. */
export function publishingJobLabel(job: GitlabJob): string {
  return `publishing job "${job.name}"`;
}

/** The publishing job as a related location when `at` is written outside it (for `ReportsByLocation`). */
export function publishingJobRelated(job: GitlabJob, at: YNode | Location): { at: YNode; label: string }[] {
  return jobRelated(job, at, publishingJobLabel(job));
}

const HOW: Record<Origin['via'], string> = {
  extends: 'inherits this through `extends`',
  default: 'inherits this from `default:`',
  reference: 'uses this through `!reference`',
  job: 'merges this YAML anchor',
};

/** `job "<name>", which inherits this through `extends`` (or from `default:`, ...): how the value reached the job. */
export function inheritingJobLabel(job: GitlabJob, origin: Origin): string {
  return `job "${job.name}", which ${HOW[origin.via]}`;
}

/**
 * The YAML path the user edits for `key`: the template that wrote it, `default.<key>` (or the
 * deprecated top-level keyword itself), else the job (also for a `!reference`: the job holds it).
 */
export function editPath(job: GitlabJob, origin: Origin, key: string): string {
  if (origin.via === 'extends' && origin.from) return `${origin.from}.${key}`;
  if (origin.via === 'default') return origin.from === 'default' ? `default.${key}` : key;
  return `${job.name}.${key}`;
}

/**
 * The top-level entry a value is written under: the job, `default`, the template it extends or the
 * job a `!reference` names. Unlike `editPath`, a `!reference` counts for where it points.
 */
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
  const firstLine = first ? findScriptLine(job, first) : -1;
  for (const [index, line] of job.scripts.entries()) {
    if (line.section === 'after_script') break;
    const here = first && index === firstLine ? first.match.offset : undefined;
    for (const m of line.text.matchAll(ASSIGNMENT)) {
      const token = tokens.get(m[2] ?? '');
      if (token && (here === undefined || (m.index ?? 0) <= here)) return { token, alias: line.node };
    }
    if (here !== undefined) break;
  }
  return undefined;
}

/**
 * The includes tp-doctor cannot read that may hold configuration for the pipeline's jobs (a
 * `default:` with `id_tokens`, the job itself merged in): see `hiddenIncludesOf` (./include.ts).
 */
export function hiddenIncludes(pipeline: GitlabPipeline): string[] {
  return hiddenIncludesOf(pipeline.problems);
}
