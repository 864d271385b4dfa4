/**
 * Whether a publish command is one of a tool that never publishes in a run for a pull request
 * (../data/pull-request-skips.ts, docs/domain.md A.36: semantic-release returns before any plugin
 * runs when env-ci says the run is for a pull request), with its command line and configuration
 * leaving that check on. Anything tp-doctor cannot read that may turn it off (a word only known at
 * run time such as `--ci "$X"` or `$ARGS`, a configuration it cannot read, an `extends` in the file or
 * on the command line that may set `ci: false`, a variable env-ci reads the run from set on the
 * command: `GITHUB_EVENT_NAME=push npx semantic-release`) keeps the publish: it may publish in those runs.
 */
import { PULL_REQUEST_SKIPS, type PullRequestSkip } from '../data/pull-request-skips.js';
import type { PublishMatch } from './publish-match.js';
import type { SiteBase } from './publish-site.js';
import { semanticReleaseCli } from './semantic-release-cli.js';
import { semanticReleaseConfig } from './semantic-release-config.js';
import { mayChangeVariable } from './script-index.js';
import { booleanOptionState, hasRuntimePart } from './shell.js';
import type { ToolConfigFiles } from './tool-config.js';

/**
 * The row of the tool whose publish `match` is, when it certainly skips pull-request runs: its
 * option is not turned off on the command line (`--no-ci`, `--ci false`) nor by the configuration
 * of the directory it runs in (`dir`; `ci: false`); undefined otherwise.
 */
export function pullRequestSkip(match: PublishMatch, files: ToolConfigFiles | undefined, dir: string | undefined): PullRequestSkip | undefined {
  const row = PULL_REQUEST_SKIPS.find((r) => r.recognizers.includes(match.recognizer));
  if (row === undefined) return undefined;
  // A word only known at run time may be `--no-ci`; a configuration the command line extends may set `ci: false`.
  if (match.args.some(hasRuntimePart)) return undefined;
  // `GITHUB_EVENT_NAME=push npx semantic-release`: the run the tool reads may not be the one that runs.
  if ([...row.envVariables.github, ...row.envVariables.gitlab].some((name) => mayChangeVariable(match.text, name))) return undefined;
  const keys = semanticReleaseCli(match.args);
  if (keys === 'unknown' || keys.has('extends')) return undefined;
  const cli = booleanOptionState(match.args, row.offOption);
  if (cli !== undefined && cli !== true) return undefined;
  if (cli === true) return row;
  if (files === undefined || dir === undefined) return undefined;
  const config = semanticReleaseConfig(files, dir);
  if (config === undefined) return row;
  const root = config.root;
  const value = root.get(row.configKey);
  if (value === undefined) return root.unknown || root.get('extends') !== undefined ? undefined : row;
  return value.bool === true ? row : undefined;
}

/** The rows of `sites`' tools when every one of them skips pull-request runs; undefined when one may publish there (or there is none). */
function everySkips(sites: readonly SiteBase[], files: ToolConfigFiles | undefined): PullRequestSkip[] | undefined {
  const rows = sites.map((s) => pullRequestSkip(s.publish.match, files, s.directory));
  return rows.length > 0 && rows.every((r) => r !== undefined) ? (rows as PullRequestSkip[]) : undefined;
}

/** The GitHub events in whose runs none of a job's publish `sites` publishes (`pull_request` for semantic-release); empty when some may. */
export function githubEventsNotPublishing(sites: readonly SiteBase[], files: ToolConfigFiles | undefined): ReadonlySet<string> {
  const rows = everySkips(sites, files);
  if (rows === undefined) return new Set();
  return new Set(rows[0]!.githubEvents.filter((e) => rows.every((r) => r.githubEvents.includes(e))));
}

/** True when none of a GitLab job's publish `sites` publishes in a merge-request pipeline. */
export function mergeRequestsNotPublishing(sites: readonly SiteBase[], files: ToolConfigFiles | undefined): boolean {
  return everySkips(sites, files)?.every((r) => r.gitlabMergeRequests) === true;
}
