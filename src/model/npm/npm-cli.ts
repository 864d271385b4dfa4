/**
 * The npm CLI a publish runs through, and the first npm that can do it with an OIDC token
 * (data: `../data/npm-cli.ts`). Provider-neutral: the caller gives the pnpm major the job uses.
 */
import { NPM_FIRST_OIDC, NPM_FIRST_STAGE } from '../data/node-releases.js';
import { NPM_CLI_USE } from '../data/npm-cli.js';
import type { ChangesetsRun } from './changesets.js';
import type { PublishMatch } from './publish-commands.js';
import type { PackageManager } from './package-manager.js';

export interface NpmCliPublish {
  /** How a diagnostic names the command, e.g. "npm publish" or "changeset publish (runs npm publish)". */
  command: string;
  /** The first npm that can do it with an OIDC token. */
  required: string;
  /**
   * The command is a guess whose tool is unknown (`npm run release` whose script tp-doctor cannot
   * read): the npm version matters only if it ends in `npm publish`, a possible publish at most.
   */
  possible?: true;
  /**
   * The tool may not run npm at all (`changeset publish` in a Yarn 2+ repository whose
   * @changesets/cli major is unknown: 3.x runs `yarn npm publish`): a finding is `likely` at most.
   */
  unsure?: true;
}

/**
 * When the publish runs the npm CLI: how to name it and the npm it needs. `pnpmMajor` is the pnpm
 * major the job runs (undefined when unknown); `pm` the repository's package manager; `changesets`
 * what a `changeset publish` runs (`changesets.ts`; undefined: read as @changesets/cli 2).
 */
export function npmCliPublish(match: PublishMatch, pm: PackageManager, pnpmMajor: number | undefined, changesets?: ChangesetsRun): NpmCliPublish | undefined {
  const use = NPM_CLI_USE[match.recognizer];
  const through = (label: string): NpmCliPublish => ({ command: label.endsWith('(runs npm publish)') ? label : `${label} (runs npm publish)`, required: NPM_FIRST_OIDC });
  const viaPnpm = (label: string): NpmCliPublish | undefined =>
    pnpmMajor !== undefined && pnpmMajor <= 10 ? { command: `${label} (pnpm ${pnpmMajor} runs npm publish)`, required: NPM_FIRST_OIDC } : undefined;
  switch (use) {
    case 'stage':
      return { command: match.label, required: NPM_FIRST_STAGE };
    case 'npm':
      return match.recognizer === 'npm-publish' ? { command: match.label, required: NPM_FIRST_OIDC } : through(match.label);
    case 'pnpm':
      return viaPnpm(match.label);
    case 'changesets':
      if (pm === 'pnpm') return viaPnpm(match.label);
      // @changesets/cli 3 publishes with `yarn npm publish` on Yarn 2+ and stops on Yarn 1: no npm runs.
      if (changesets?.runs === 'yarn-berry' || changesets?.runs === 'yarn-classic') return undefined;
      if (changesets?.runs === 'npm-or-yarn-berry') return { command: `${match.label} (runs npm publish with @changesets/cli 2)`, required: NPM_FIRST_OIDC, unsure: true };
      return through(match.label);
    case 'np':
      return pm === 'npm' ? through(match.label) : undefined;
    case 'guess':
      return { command: `${match.label.replace(/ \(.*\)$/, '')} (if it runs npm publish)`, required: NPM_FIRST_OIDC, possible: true };
    default:
      return undefined;
  }
}
