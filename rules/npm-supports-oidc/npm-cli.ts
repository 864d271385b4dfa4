/**
 * Which publish commands end in the npm CLI found on PATH (so the job's npm version decides whether
 * trusted publishing works), and which npm they need. Candidates to move into src/model/npm once the
 * `publish-tool-supports-oidc` rule needs the same package-manager facts.
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
import semver from 'semver';
import { NPM_FIRST_OIDC, NPM_FIRST_STAGE } from '../../src/model/data/node-releases.js';
import type { Job, PublishCommand } from '../../src/model/github/types.js';
import type { Project } from '../../src/model/project.js';

export interface NpmCliPublish {
  /** How the diagnostic names the command, e.g. "npm publish" or "changeset publish (runs npm publish)". */
  command: string;
  /** The first npm that can do it with an OIDC token. */
  required: string;
}

type PackageManager = 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry';

export function packageManagerOf(project: Project): { name: PackageManager; version?: string } {
  const declared = /^(npm|pnpm|yarn|bun)@(\d[^+]*)/.exec(project.packageJson?.packageManager ?? '');
  const exists = (f: string): boolean => project.fs.exists(f);
  if (declared?.[1] === 'pnpm') return { name: 'pnpm', version: declared[2]! };
  if (declared?.[1] === 'yarn') return { name: semver.major(semver.coerce(declared[2]) ?? '1.0.0') >= 2 ? 'yarn-berry' : 'yarn-classic' };
  if (declared) return { name: 'npm' };
  if (exists('pnpm-lock.yaml') || exists('pnpm-workspace.yaml')) return { name: 'pnpm' };
  if (exists('yarn.lock')) return { name: exists('.yarnrc.yml') ? 'yarn-berry' : 'yarn-classic' };
  return { name: 'npm' };
}

/** The pnpm major the job runs: `pnpm/action-setup` `version:`, else package.json `packageManager`. */
function pnpmMajor(project: Project, job: Job): number | undefined {
  for (const step of job.steps) {
    if (step.uses?.name.toLowerCase() !== 'pnpm/action-setup') continue;
    const version = semver.coerce(step.with.get('version')?.text ?? '');
    if (version) return version.major;
  }
  const pm = packageManagerOf(project);
  const version = pm.name === 'pnpm' && pm.version !== undefined ? semver.coerce(pm.version) : null;
  return version ? version.major : undefined;
}

/**
 * False when the publish certainly goes to another registry (GitHub Packages, a proxy): its
 * `--registry`, else the `registry-url` of the last setup-node before it, else
 * `publishConfig.registry`. Trusted publishing only exists on registry.npmjs.org.
 * (no-long-lived-token has a fuller `publishRegistry`; both belong in src/model/npm.)
 */
export function publishesToNpmjs(project: Project, job: Job, publish: PublishCommand): boolean {
  const step = job.steps.find((s) => s.publishes.includes(publish));
  const setup = job.steps
    .slice(0, step?.index ?? 0)
    .reverse()
    .find((s) => s.uses?.name.toLowerCase() === 'actions/setup-node' && s.with.get('registry-url')?.text);
  const url = publish.match.flags.registry ?? setup?.with.get('registry-url')?.text ?? project.packageJson?.publishConfig?.get('registry')?.text;
  if (url === undefined || /\$/.test(url)) return true;
  const host = /^(?:[a-z+]+:)?\/\/([^/:?#]+)/i.exec(url.trim())?.[1]?.toLowerCase();
  return host === undefined || host === 'registry.npmjs.org' || host === 'registry.npmjs.com';
}

export function npmCliPublish(project: Project, job: Job, publish: PublishCommand): NpmCliPublish | undefined {
  const m = publish.match;
  if (!publishesToNpmjs(project, job, publish)) return undefined;
  const through = (label: string): NpmCliPublish => ({ command: `${label} (runs npm publish)`, required: NPM_FIRST_OIDC });
  const viaPnpm = (label: string): NpmCliPublish | undefined => {
    const major = pnpmMajor(project, job);
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
