import type { Project } from '../model/project.js';
import { isPublishingJob } from '../model/project.js';
import { repositoryFromPackageUrl } from '../model/git.js';
import { DEFAULT_CI_FILE, isPublishingGitlabJob } from '../model/gitlab/pipeline.js';
import type { GithubPublisher, GitlabPublisher, ResolvedConfig } from './types.js';

export interface Inference {
  config: ResolvedConfig;
  /** One line for stderr saying what was inferred and from what. */
  note?: string;
}

/**
 * With no declared publisher, guess the GitHub one: the repository from the git remote (or
 * package.json `repository`), and the top-level workflow(s) whose jobs publish. Rules treat an
 * inferred publisher as a guess: they check the workflows, not the declaration.
 */
export function inferPublishers(project: Project, config: ResolvedConfig): Inference {
  if (!config.inferred || config.publishers.length > 0) return { config };
  const gitlab = inferGitlab(project, config);
  if (gitlab) return gitlab;
  let repository: string | undefined;
  let from: string | undefined;
  const remote = project.gitRemote;
  if (remote && remote.host === 'github.com') {
    repository = remote.path;
    from = 'git remote';
  } else {
    const url = project.packageJson?.repository?.url;
    const parsed = url ? repositoryFromPackageUrl(url) : undefined;
    if (parsed && parsed.host === 'github.com') {
      repository = parsed.path;
      from = 'package.json `repository`';
    }
  }
  const entries = new Set<string>();
  for (const workflow of project.workflows) {
    if (!workflow.jobs.some(isPublishingJob)) continue;
    for (const chain of project.callGraph.entryChains(workflow)) entries.add(chain.entry.fileName);
  }
  if (entries.size === 0 && !repository) return { config };
  const workflows = [...entries].sort();
  const publisher: GithubPublisher = {
    provider: 'github',
    repository,
    workflow: workflows.length === 1 ? workflows[0] : undefined,
    fieldLocations: {},
    inferred: true,
    inferredFrom: from,
  };
  const parts = [
    repository
      ? `repository ${repository} (from the ${from})`
      : `no repository (no GitHub remote or package.json \`repository\`${project.gitRemoteRefused ? `; ${project.gitRemoteRefused}` : ''})`,
    workflows.length === 0
      ? 'no workflow that publishes'
      : workflows.length === 1
        ? `workflow ${workflows[0]}`
        : `${workflows.length} workflows that publish (${listSome(workflows)})`,
  ];
  const note =
    `no trusted publisher declared; inferred a GitHub publisher: ${parts.join(', ')}. ` +
    'Declare it in tp-doctor.yml to also check the workflow name and environment against npmjs.com.';
  return { config: { ...config, publishers: [publisher], inferred: true }, note };
}

/** At most this many names in a note: a repository with 20,000 workflows must not print them all. */
const MAX_NAMES_IN_NOTE = 10;

/** `a, b, c` or `a, b, …, j and 19,990 more`. */
export function listSome(names: readonly string[], max = MAX_NAMES_IN_NOTE): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${(names.length - max).toLocaleString('en-US')} more`;
}

/**
 * A GitLab publisher, when the git remote is on gitlab.com, or when nothing on GitHub publishes but
 * a GitLab job does: the project path from the remote (or package.json `repository`), the
 * top-level CI file that was read.
 */
function inferGitlab(project: Project, config: ResolvedConfig): Inference | undefined {
  const remote = project.gitRemote;
  const onGitlab = remote?.host === 'gitlab.com';
  const githubPublishes = project.workflows.some((w) => w.jobs.some(isPublishingJob));
  const gitlabPublishes = project.gitlab.some((p) => p.jobs.some(isPublishingGitlabJob));
  if (!onGitlab && (githubPublishes || !gitlabPublishes || (remote && remote.host !== 'gitlab.com'))) return undefined;
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
  const ciFile = project.gitlab[0]?.ciFile ?? DEFAULT_CI_FILE;
  const publisher: GitlabPublisher = {
    provider: 'gitlab',
    project: path,
    ciFile,
    fieldLocations: {},
    inferred: true,
    inferredFrom: from,
  };
  const note =
    `no trusted publisher declared; inferred a GitLab publisher: ${path ? `project ${path} (from the ${from})` : `no project (no gitlab.com remote or package.json \`repository\`${project.gitRemoteRefused ? `; ${project.gitRemoteRefused}` : ''})`}, CI file ${ciFile}. ` +
    'Declare it in tp-doctor.yml to also check the CI file and environment against npmjs.com.';
  return { config: { ...config, publishers: [publisher], inferred: true }, note };
}
