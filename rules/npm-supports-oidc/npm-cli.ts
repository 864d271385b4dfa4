/**
 * Which publish commands end in the npm CLI found on PATH (so the job's npm version decides whether
 * trusted publishing works), and which npm they need. Package-manager and registry facts come from
 * src/model/npm (package-manager.ts, registry.ts).
 *
 * - `npm publish` (also `npx npm@X publish`): npm ≥ 11.5.1; `npm stage publish`: npm ≥ 11.15.0.
 * - `changeset publish`: runs `npm publish` unless the repository uses pnpm (then `pnpm publish`) or
 *   Yarn 2+ (then `yarn npm publish`); Yarn 1 also goes through npm (changesets' getPublishTool).
 * - `pnpm publish` with pnpm 10 or older: pnpm shells out to `npm publish`. pnpm 11 publishes by
 *   itself, and an unknown pnpm version is not judged here.
 * - `JS-DevTools/npm-publish`, `release-it`, `np`: run `npm publish` from PATH.
 * Not here: lerna (publishes through its own libnpmpublish; lerna ≥ 9 does OIDC itself),
 * semantic-release (`@semantic-release/npm` brings its own npm), Yarn, Bun: their version decides,
 * which is the job of `publish-tool-supports-oidc`.
 */
import { NPM_FIRST_OIDC, NPM_FIRST_STAGE } from '../../src/model/data/node-releases.js';
import semver from 'semver';
import type { Job, PublishCommand } from '../../src/model/github/types.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';
import type { Project } from '../../src/model/project.js';
import { gitlabPublishRegistry } from '../../src/model/gitlab/jobs.js';
import { packageManagerOf, pnpmMajor } from '../../src/model/npm/package-manager.js';
import { publishRegistry } from '../../src/model/npm/registry.js';

export interface NpmCliPublish {
  /** How the diagnostic names the command, e.g. "npm publish" or "changeset publish (runs npm publish)". */
  command: string;
  /** The first npm that can do it with an OIDC token. */
  required: string;
}

/** False when the publish certainly goes to another registry: trusted publishing only exists on npmjs. */
export function publishesToNpmjs(project: Project, job: Job, publish: PublishCommand): boolean {
  const step = job.steps.find((s) => s.publishes.includes(publish));
  if (!step) return true;
  return publishRegistry(step, publish, project.packageJson?.publishConfig?.get('registry')?.text) !== 'other';
}

export function npmCliPublish(project: Project, job: Job, publish: PublishCommand): NpmCliPublish | undefined {
  if (!publishesToNpmjs(project, job, publish)) return undefined;
  return cliOf(project, publish, () => pnpmMajor(project, job));
}

/** The same for a GitLab job: the pnpm version comes from package.json `packageManager` only. */
export function gitlabNpmCliPublish(project: Project, job: GitlabJob, publish: PublishCommand): NpmCliPublish | undefined {
  if (gitlabPublishRegistry(job, publish, project.packageJson?.publishConfig?.get('registry')?.text) === 'other') return undefined;
  return cliOf(project, publish, () => {
    const pm = packageManagerOf(project);
    const version = pm.name === 'pnpm' && pm.version !== undefined ? semver.coerce(pm.version) : null;
    return version ? version.major : undefined;
  });
}

function cliOf(project: Project, publish: PublishCommand, pnpmMajorOf: () => number | undefined): NpmCliPublish | undefined {
  const m = publish.match;
  const through = (label: string): NpmCliPublish => ({ command: `${label} (runs npm publish)`, required: NPM_FIRST_OIDC });
  const viaPnpm = (label: string): NpmCliPublish | undefined => {
    const major = pnpmMajorOf();
    return major !== undefined && major <= 10 ? { command: `${label} (pnpm ${major} runs npm publish)`, required: NPM_FIRST_OIDC } : undefined;
  };
  switch (m.recognizer) {
    case 'npm-publish':
      return { command: m.label, required: NPM_FIRST_OIDC };
    case 'npm-stage-publish':
      return { command: m.label, required: NPM_FIRST_STAGE };
    case 'pnpm-publish':
      return viaPnpm(m.label);
    case 'changeset-publish': {
      const pm = packageManagerOf(project).name;
      if (pm === 'pnpm') return viaPnpm(m.label);
      return pm === 'yarn-berry' ? undefined : through(m.label);
    }
    case 'js-devtools-npm-publish':
    case 'release-it':
    case 'np':
      return packageManagerOf(project).name === 'npm' || m.recognizer === 'js-devtools-npm-publish' ? through(m.label) : undefined;
    default:
      return undefined;
  }
}
