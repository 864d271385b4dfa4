import type { Project } from '../model/project.js';
import { githubRepositoryOf, repositoryFromPackageUrl } from '../model/core/git.js';
import { mayHoldConfiguration } from '../model/gitlab/jobs.js';
import { DEFAULT_CI_FILE, generatedChildPipelines } from '../model/gitlab/pipeline.js';
import type { Certainty } from '../model/publish.js';
import { describeSiteJob } from '../model/sites.js';
import { runnableEntryChains } from '../model/github/entry-events.js';
import { publishingChains } from '../model/github/pull-request-runs.js';
import { PUBLISH_HINT } from '../model/npm/possible-publish.js';
import { remoteActionTokens, remotePublishCalls } from '../model/github/remote-calls.js';
import { circlePipelineFile, unreadableContinuations } from '../model/circleci/continuation.js';
import { DEFAULT_CIRCLECI_FILE } from '../model/circleci/config.js';
import { triggerChosenReleaseSteps } from '../model/circleci/trigger-tools.js';
import type { CircleConfig } from '../model/circleci/types.js';
import type { CircleciPublisher, GithubPublisher, GitlabPublisher, Publisher, ResolvedConfig } from './types.js';

export interface Inference {
  config: ResolvedConfig;
  /** One line for stderr saying what was inferred and from what. */
  note?: string;
}

/** Names listed in a note at most; the rest are counted. */
const MAX_LISTED = 5;

function list(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

/**
 * Top-level workflow file names whose runs reach a publish of the given certainty: not one whose
 * runs the `if:` conditions on the way certainly stop (`runnableEntryChains`, as
 * publish-from-trusted-workflow counts them), nor one whose every run is for an event the
 * publishing tool skips (`publishingChains`).
 */
function entriesPublishing(project: Project, certainties: readonly Certainty[]): string[] {
  const entries = new Set<string>();
  for (const job of project.facts.publishingJobs) {
    const certainty = project.facts.jobCertainty(job);
    if (certainty === undefined || !certainties.includes(certainty)) continue;
    const sites = project.facts.jobSites(job);
    const chains = runnableEntryChains(project.callGraph, job, sites.map((s) => s.step));
    // Not a caller whose runs the publishing tool skips (a `pull_request`-only caller of semantic-release, docs/domain.md A.36).
    for (const chain of publishingChains(chains, sites, project.facts.toolConfigFiles)) entries.add(chain.entry.fileName);
  }
  return [...entries].sort();
}

/**
 * The reusable workflows (`on: workflow_call` only) that no workflow of this repository calls and
 * whose runs reach a publish (`CallGraph.externalEntries`): a workflow of another repository runs
 * each, and npm checks that caller's repository and top-level workflow (docs/domain.md §3).
 */
function uncalledReusablePublishers(project: Project): string[] {
  const jobs = project.facts.publishingJobs;
  return [...new Set(jobs.flatMap((j) => project.callGraph.externalEntries(j.workflow).map((w) => w.fileName)))].sort();
}

/** What a publisher for an uncalled reusable workflow names instead, for the note. */
function calledFromElsewhere(files: readonly string[]): string {
  const one = files.length === 1;
  return (
    `${list(files)} ${one ? 'is a reusable workflow' : 'are reusable workflows'}, \`on: workflow_call\` only, that no workflow of this repository calls: ` +
    `${one ? 'it runs' : 'they run'} when a workflow of another repository calls ${one ? 'it' : 'them'}, and npm checks that caller's repository and top-level workflow file, ` +
    `so the trusted publisher names those, not ${one ? 'this file' : 'these files'}`
  );
}

/** `release.yml step "Publish" (`./scripts/release.sh`)`: the possible publishes, for the note. */
function possibleSteps(project: Project): string[] {
  const out: string[] = [];
  for (const site of project.facts.sites) {
    if (site.certainty !== 'possible') continue;
    const where = describeSiteJob(site);
    const step = site.provider === 'github' && site.step.name ? ` step "${site.step.name}"` : '';
    out.push(`${where}${step} (${site.publish.match.label})`);
  }
  return out;
}

/**
 * The GitHub publishes that go to another registry (GitHub Packages, a proxy such as Google's
 * Wombat Dressing Room): `wombat-dressing-room.appspot.com from publish.yml job "publish"` per
 * job and registry, and how many publishes. Said in the note, so "no workflow that publishes" does not
 * contradict the publishes listed in the JSON output.
 */
function otherRegistryPublishes(project: Project): { count: number; hosts: Set<string>; jobs: string[] } {
  const jobs = new Set<string>();
  const hosts = new Set<string>();
  let count = 0;
  for (const site of project.facts.sites) {
    if (site.provider !== 'github' || site.registry.registry !== 'other') continue;
    count++;
    const host = hostOf(site.registry.setting?.url);
    if (host !== undefined) hosts.add(host);
    jobs.add(`${host === undefined ? '' : `${host} from `}${describeSiteJob(site)}`);
  }
  return { count, hosts, jobs: [...jobs] };
}

/** The host of a registry URL, or the text as written when it is no URL. */
function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * "no workflow that publishes", saying which publishes go elsewhere when some do:
 * "no workflow that publishes to registry.npmjs.org (1 publish goes to another registry: …)".
 */
function noPublishingWorkflow(project: Project, remote: readonly string[], uncalled: readonly string[]): string {
  if (uncalled.length > 0) return `no top-level workflow that publishes (${calledFromElsewhere(uncalled)})`;
  const other = otherRegistryPublishes(project);
  // A CircleCI-only repository (no GitHub workflow kept or streamed) with no publish to another
  // registry to name: say what was looked at instead.
  const circle = project.circleci.map((c) => c.file);
  if (circle.length > 0 && project.workflows.length === 0 && (project.streamed?.length ?? 0) === 0 && remote.length === 0 && other.count === 0) {
    return `no GitHub workflow, and no CircleCI job that publishes to registry.npmjs.org in a way tp-doctor can read (${list(circle)})`;
  }
  const readable = remote.length > 0 ? ' in a way tp-doctor can read' : '';
  if (other.count === 0) return `no workflow that publishes${readable}`;
  const goes = other.count === 1 ? '1 publish goes' : `${other.count} publishes go`;
  const where = other.hosts.size > 1 ? 'other registries' : 'another registry';
  return `no workflow that publishes to registry.npmjs.org${readable} (${goes} to ${where}: ${list(other.jobs)})`;
}

/** `; \`.git/config\` was not read: …` when the git configuration was refused (e.g. a link out of the root). */
function refused(project: Project): string {
  return project.gitRemoteRefused ? `; ${project.gitRemoteRefused}` : '';
}

function githubRepository(project: Project): { repository?: string; from?: string } {
  return githubRepositoryOf(project.gitRemote, project.packageJson?.repository?.url) ?? {};
}

/**
 * With no declared publisher, guess one per CI system that publishes (each CI file is checked by
 * its own provider's rules): a GitHub publisher from the git remote (or package.json `repository`)
 * and the top-level workflow(s) whose jobs publish; a GitLab publisher for a `.gitlab-ci.yml` that
 * publishes or that tp-doctor cannot fully read. Rules treat an inferred publisher as a guess: they
 * check the workflows, not the declaration.
 */
export function inferPublishers(project: Project, config: ResolvedConfig): Inference {
  if (!config.inferred || config.publishers.length > 0) return { config };
  const publishers: Publisher[] = [];
  const notes: string[] = [];

  const { repository, from } = githubRepository(project);
  const sure = entriesPublishing(project, ['certain', 'likely']);
  const maybe = entriesPublishing(project, ['possible']).filter((e) => !sure.includes(e));
  const workflows = sure.length > 0 ? sure : maybe;
  const calls = remotePublishCalls(project.workflows, project.selfRepository).map((c) => `${c.job.workflow.fileName} job "${c.job.id}" (${c.target})`);
  // Steps that pass an npm token to a remote action tp-doctor does not read: publishes it cannot read, as such calls.
  const actions = project.workflows.flatMap((w) => w.jobs.flatMap((j) => j.steps.flatMap((s) => remoteActionTokens(s).map((t) => `${w.fileName} job "${j.id}" (${t.action}, input \`${t.input}\`)`))));
  const remote = [...calls, ...actions];
  const uncalled = uncalledReusablePublishers(project);
  const onGitlab = project.gitRemote?.host === 'gitlab.com';
  const circle = inferCircleci(project);
  const gitlabPublishes = project.gitlab.some((p) => project.facts.publishingGitlabJobs(p).length > 0);
  // A GitHub repository that publishes only from GitLab CI or CircleCI gets no GitHub publisher.
  // A call to another repository's workflow that may publish is a GitHub publish tp-doctor cannot
  // read: the publisher is inferred, with no repository when none is known (the root package.json
  // and the git remote only: a workspace package's `repository` is not read), so the note names the call.
  let uncalledSaid = false;
  if (workflows.length > 0 || ((repository || remote.length > 0 || uncalled.length > 0) && !onGitlab && !circle && !gitlabPublishes)) {
    uncalledSaid = workflows.length === 0;
    const publisher: GithubPublisher = {
      provider: 'github',
      repository,
      workflow: workflows.length === 1 ? workflows[0] : undefined,
      fieldLocations: {},
      inferred: true,
      inferredFrom: from,
    };
    publishers.push(publisher);
    const parts = [
      repository
        ? `repository ${repository} (from the ${from})`
        : `no repository (no GitHub remote or package.json \`repository\`${refused(project)})`,
      workflows.length === 0
        ? noPublishingWorkflow(project, remote, uncalled)
        : workflows.length === 1
          ? `workflow ${workflows[0]}${sure.length === 0 ? ' (a possible publish)' : ''}`
          : `${workflows.length} workflows that publish (${list(workflows)})`,
    ];
    notes.push(`inferred a GitHub publisher: ${parts.join(', ')}`);
  }

  const gitlab = inferGitlab(project);
  if (gitlab) {
    publishers.push(gitlab.publisher);
    notes.push(gitlab.note);
  }
  if (circle) {
    publishers.push(...circle.publishers);
    notes.push(circle.note);
  }
  if (publishers.length === 0) return { config };
  const possible = possibleSteps(project);
  let tail = possible.length > 0 ? ` Possible publishes tp-doctor cannot read (checked at info level): ${list(possible)}.` : '';
  if (calls.length > 0) tail += ` Calls to reusable workflows in other repositories, which may publish and which tp-doctor does not read: ${list(calls)}.`;
  if (actions.length > 0) tail += ` Steps that pass an npm token to actions of other repositories, which may publish with it and which tp-doctor does not read: ${list(actions)}.`;
  // Said in the GitHub part when no top-level workflow here publishes; else a sentence of its own.
  if (uncalled.length > 0 && !uncalledSaid) tail += ` Besides, ${calledFromElsewhere(uncalled)}.`;
  const children = gitlabGenerated(project);
  if (children.length > 0) tail += ` GitLab child pipelines generated at run time, where a publish is not checked: ${list(children)}.`;
  const chosen = project.circleci.flatMap((c) => triggerChosenReleaseSteps(c).map(({ job, parameter }) => `${c.file} job "${job.name}" (\`${parameter.name}\`)`));
  if (chosen.length > 0) tail += ` CircleCI steps whose command the pipeline's trigger chooses, where a publish is not checked: ${list([...new Set(chosen)])}.`;
  const otherCircle = otherCircleConfigs(project);
  if (otherCircle.length > 0) {
    tail += ` Other CircleCI configurations that mention publishing or releasing, not read (a pipeline may run one; name it in a CircleCI publisher's \`configFile\` to check it): ${list(otherCircle)}.`;
  }
  // What a declaration adds, in each provider's words.
  const fields = [...new Set(publishers.map((p) => DECLARED_FIELDS[p.provider]))];
  const note =
    `no trusted publisher declared; ${notes.join('; ')}. ` +
    `Declare it in tp-doctor.yml to also check ${fields.join(' and ')} against npmjs.com.` +
    tail;
  return { config: { ...config, publishers, inferred: true }, note };
}

/**
 * A note of its own naming the CircleCI setup configurations whose continuation tp-doctor cannot
 * read, where a publish is not checked; undefined when there is none. Not part of the inference
 * note: it holds whether or not a publisher is inferred or declared (mojaloop/sdk-scheme-adapter:
 * a setup configuration, no remote, no `repository`, so no publisher inferred).
 */
export function unreadSetupNote(project: Project): string | undefined {
  const generated = circleUnreadable(project);
  return generated.length > 0 ? `CircleCI setup configurations whose continuation tp-doctor cannot read, where a publish is not checked: ${list(generated)}.` : undefined;
}

/**
 * The setup configurations (`setup: true`) whose continuation tp-doctor cannot read: a file the
 * setup job writes at run time, a path it cannot resolve, or no continuation it knows.
 */
function circleUnreadable(project: Project): string[] {
  const out = unreadableContinuations(project.circleci).map(({ config, continuation }) => `${config.file} (\`${continuation.via}\`: ${continuation.unreadable ?? ''})`);
  for (const config of project.circleci) {
    if (config.setup && config.continuations.length === 0) out.push(`${config.file} (no continuation tp-doctor knows)`);
  }
  return out;
}

/** The trigger jobs that start a child pipeline from a file a job generates at run time (`trigger: include: artifact:`). */
function gitlabGenerated(project: Project): string[] {
  return project.gitlab.flatMap((p) =>
    generatedChildPipelines(p).map((c) => `job "${c.job.name}" in ${c.node.file} (artifact \`${c.artifact}\`${c.from !== undefined ? ` of job "${c.from}"` : ''})`),
  );
}

/**
 * Top-level `.circleci/*.yml` files, and a root `circle.yml`, that tp-doctor did not read, that
 * look like a whole configuration (`jobs:` and `workflows:` at the top level) and mention
 * publishing or releasing (`PUBLISH_HINT`). A project's pipeline can be defined on any file it
 * names as its config path; the pipeline configurations beside `.circleci/config.yml` are read
 * (`circleci/discover.ts`), so what is left here is a file that does not parse, one past the
 * bound on those read, and the root `circle.yml` (cypress-io/eslint-plugin-cypress releases with
 * semantic-release from it), which is never read unless a publisher names it.
 */
function otherCircleConfigs(project: Project): string[] {
  // With a setup configuration, the other files are its continuations: said above when unread.
  if (project.circleci.some((c) => c.setup)) return [];
  const read = new Set(project.circleci.map((c) => c.file));
  const candidates = (project.facts.list('.circleci') ?? []).filter((e) => !e.isDir && /\.ya?ml$/i.test(e.name)).map((e) => `.circleci/${e.name}`);
  candidates.push(...ROOT_CIRCLE_CONFIGS.filter((file) => project.facts.exists(file)));
  return candidates.filter((file) => {
    if (read.has(file)) return false;
    const text = project.facts.text(file);
    return text !== undefined && /^jobs:/m.test(text) && /^workflows:/m.test(text) && PUBLISH_HINT.test(text);
  });
}

/** Root file names a CircleCI project may set as its config path (the name CircleCI 1.0 read). */
const ROOT_CIRCLE_CONFIGS = ['circle.yml', 'circle.yaml'];

/** What only a declared publisher lets tp-doctor compare with npmjs.com, per provider. */
const DECLARED_FIELDS: Record<Publisher['provider'], string> = {
  github: 'the workflow name and environment',
  gitlab: 'the CI file and environment',
  circleci: 'the CircleCI ids',
};

/**
 * A GitLab publisher for the top-level CI file, when the git remote is on gitlab.com, or when the
 * pipeline publishes (or may: a job tp-doctor cannot fully read) whatever the remote: the project
 * path from the remote (or package.json `repository`), the CI file that was read.
 */
function inferGitlab(project: Project): { publisher: GitlabPublisher; note: string } | undefined {
  const remote = project.gitRemote;
  const onGitlab = remote?.host === 'gitlab.com';
  const pipeline = project.gitlab[0];
  const publishes = project.gitlab.some((p) => project.facts.publishingGitlabJobs(p).length > 0);
  // Includes tp-doctor cannot read offline may hold the publishing job (GitLab's scanners never do),
  // and so may a child pipeline a job generates at run time.
  const unreadable = project.gitlab.some((p) => p.problems.some((x) => x.kind === 'include-remote' && mayHoldConfiguration(x)) || generatedChildPipelines(p).length > 0);
  if (!onGitlab && !publishes && !unreadable) return undefined;
  if (!pipeline && !onGitlab) return undefined;
  let path = onGitlab ? remote?.path : undefined;
  let from = onGitlab ? 'git remote' : undefined;
  if (!path) {
    const url = project.packageJson?.repository?.url;
    const parsed = url ? repositoryFromPackageUrl(url) : undefined;
    if (parsed?.host === 'gitlab.com') {
      path = parsed.path;
      from = 'package.json `repository`';
    }
  }
  const ciFile = pipeline?.ciFile ?? DEFAULT_CI_FILE;
  const elsewhere = path ? undefined : selfManagedHost(project);
  // On another GitLab's host: the rules that need trusted publishing say it is not available there (`selfManagedGitlabHost`).
  const publisher: GitlabPublisher = { provider: 'gitlab', project: path, ciFile, fieldLocations: {}, inferred: true, inferredFrom: from, ...(elsewhere ? { host: elsewhere.host } : {}) };
  const projectText = path
    ? `project ${path} (from the ${from})`
    : elsewhere
      ? `no project on gitlab.com (the ${elsewhere.from} is on ${elsewhere.host}: npm trusted publishing accepts ID tokens from GitLab.com only, so a pipeline that runs on a self-managed GitLab cannot publish with OIDC)`
      : `no project (no gitlab.com remote or package.json \`repository\`${refused(project)})`;
  const jobs = [...new Set(project.gitlab.flatMap((p) => project.facts.publishingGitlabJobs(p).map((j) => `"${j.name}"`)))];
  const sure = project.gitlab.some((p) => project.facts.publishingGitlabJobs(p).some((j) => project.facts.jobCertainty(j) !== 'possible'));
  const jobText =
    jobs.length === 0
      ? unreadable
        ? 'no job that publishes in a way tp-doctor can read'
        : 'no job that publishes'
      : `${jobs.length === 1 ? `job ${jobs[0]}` : `${jobs.length} jobs that publish (${list(jobs)})`}${sure ? '' : ' (a possible publish)'}`;
  return { publisher, note: `inferred a GitLab publisher: ${projectText}, CI file ${ciFile}, ${jobText}` };
}

/** Code hosts that are not GitLab instances: a repository there with a `.gitlab-ci.yml` is a mirror. */
const NOT_GITLAB = new Set(['github.com', 'bitbucket.org', 'gitlab.com']);

/**
 * The host of the git remote, or of package.json `repository` when the remote is absent or on
 * GitHub or Bitbucket (a mirror), when it is another code host than gitlab.com, GitHub or
 * Bitbucket. With a GitLab pipeline that is a self-managed GitLab, likely, but not certainly (a
 * Codeberg repository mirrored to gitlab.com for its CI): the note says "a pipeline that runs on".
 */
function selfManagedHost(project: Project): { host: string; from: string } | undefined {
  const remote = project.gitRemote;
  if (remote?.host === 'gitlab.com') return undefined;
  if (remote && !NOT_GITLAB.has(remote.host)) return { host: remote.host, from: 'git remote' };
  const url = project.packageJson?.repository?.url;
  const parsed = url ? repositoryFromPackageUrl(url) : undefined;
  return parsed && !NOT_GITLAB.has(parsed.host) ? { host: parsed.host, from: 'package.json `repository`' } : undefined;
}

/**
 * A CircleCI publisher for each pipeline whose configuration publishes (or may): the VCS origin
 * (`host/owner/repo`) from the git remote or package.json `repository`, the configuration file the
 * pipeline definition runs (`circlePipelineFile`). Each file is a pipeline of its own: the trusted
 * publisher of a package names one pipeline definition [doc]. The organization, project and
 * pipeline definition ids live only on CircleCI, so they stay unknown and the checks that need them
 * are skipped.
 */
function inferCircleci(project: Project): { publishers: CircleciPublisher[]; note: string } | undefined {
  const pipelines = new Map<string, CircleConfig[]>();
  // A step whose command the trigger chooses, in a job named for a release, may publish: such a
  // pipeline gets a publisher too, "no job that publishes in a way tp-doctor can read".
  const unread = new Set(project.circleci.filter((c) => triggerChosenReleaseSteps(c).length > 0));
  for (const config of project.circleci) {
    if (project.facts.publishingCircleJobs(config).length === 0 && !unread.has(config)) continue;
    // A continued configuration's jobs run in the pipeline of its setup configuration: the publisher names that file.
    const file = circlePipelineFile(config);
    pipelines.set(file, [...(pipelines.get(file) ?? []), config]);
  }
  if (pipelines.size === 0) return undefined;
  const { origin, from } = vcsOrigin(project);
  const publishers = [...pipelines.keys()].map((configFile): CircleciPublisher => ({ provider: 'circleci', vcsOrigin: origin, configFile, fieldLocations: {}, inferred: true, inferredFrom: from }));
  const originText = origin ? `VCS origin ${origin} (from the ${from})` : `no VCS origin (no git remote or package.json \`repository\`${refused(project)})`;
  const describe = ([file, configs]: [string, CircleConfig[]]): string => {
    const continued = configs.filter((c) => c.file !== file).map((c) => c.file);
    const parts = continued.length > 0 ? [`a setup configuration, continued with ${list(continued)}`] : [];
    if (configs.some((c) => c.discovered)) parts.push(`not the default ${DEFAULT_CIRCLECI_FILE}: a pipeline runs it only when its config file path names it`);
    if (configs.every((c) => project.facts.publishingCircleJobs(c).length === 0)) parts.push('no job that publishes in a way tp-doctor can read');
    return parts.length > 0 ? `${file} (${parts.join('; ')})` : file;
  };
  const files = [...pipelines].map(describe);
  const what = files.length === 1 ? `a CircleCI publisher: ${originText}, config ${files[0]}` : `CircleCI publishers: ${originText}, one for each of ${files.length} pipeline configurations that publish (${files.join(', ')})`;
  return {
    publishers,
    note: `inferred ${what}; ${files.length === 1 ? 'its' : 'their'} organization, project and pipeline definition ids are known only to CircleCI, so the checks that need them are skipped`,
  };
}

/** The VCS origin (`host/owner/repo`) from the git remote, else package.json `repository`. */
export function vcsOrigin(project: Project): { origin?: string; from?: string } {
  const remote = project.gitRemote;
  if (remote) return { origin: `${remote.host.toLowerCase()}/${remote.path}`, from: 'git remote' };
  const url = project.packageJson?.repository?.url;
  const parsed = url ? repositoryFromPackageUrl(url) : undefined;
  return parsed ? { origin: `${parsed.host.toLowerCase()}/${parsed.path}`, from: 'package.json `repository`' } : {};
}
