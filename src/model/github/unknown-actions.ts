/**
 * Remote actions tp-doctor does not know (in no table of `data/publish-tools.ts`) that may publish
 * to npm: what such a `uses:` step runs is a command tp-doctor cannot read, and its words decide,
 * with the job's npm signals, whether it is a possible publish (`possiblePublish`, in
 * ./publishes.ts). Two ways in: the action's own name says publish or release
 * (`MetaMask/action-npm-publish`, read before tp-doctor knew it), or the step's name says it
 * publishes to npm ("Version and publish to npm" running `bcomnes/npm-bump`, before tp-doctor knew
 * it). The second needs a sign of npm in the job (`UnknownAction.needsSignal`): a name is a weaker
 * word than the action's own.
 */
import { NEVER_PUBLISHING_ACTIONS, NOT_PUBLISHING_ACTION_WORDS } from '../data/publish-tools.js';
import { PUBLISH_HINT } from '../npm/possible-publish.js';
import { nameTokens, tokens } from '../npm/possible-vetoes.js';
import type { UnreadCommand } from '../npm/publish-commands.js';
import type { Step } from './types.js';

/** A `uses:` of another repository that is neither a known publisher nor known never to publish (`docker://` images are not read). */
function unknownAction(lower: string): boolean {
  return !lower.startsWith('docker://') && !NEVER_PUBLISHING_ACTIONS.has(lower);
}

/**
 * The step's name says it publishes to npm: the words `publish` and `npm` (or `npmjs`): "Publish to
 * npm", "npm version && npm publish", "Version and publish to npm". "Publish" or "Release" alone
 * also names GitHub releases, container images and marketplaces, and "npm release" names comments
 * and version lookups ("Create or update comment of npm release", "Get npm version (release)"): not enough.
 */
export function nameSaysNpmPublish(name: string | undefined): boolean {
  const words = name === undefined ? [] : nameTokens(name);
  return words.includes('publish') && (words.includes('npm') || words.includes('npmjs'));
}

/**
 * The action's name, after its owner, says it does something else than publish: it sets up a
 * tool, checks out, caches, installs, moves files, logs in or fetches a token (`actions/setup-node`
 * in a step "Setup Node for npm publish").
 */
function namedForOtherWork(lower: string): boolean {
  return tokens(lower.split('/').slice(1).join(' ')).some((w) => NOT_PUBLISHING_ACTION_WORDS.has(w));
}

/**
 * The word a one-word action name ends in, when that is "release" or "publish" and its tokens do
 * not already say it (`zowe-actions/octorelease`, survey904c M7): the possible-publish reading
 * compares whole words.
 */
function compoundWord(lower: string): string[] {
  const last = lower.split('/').slice(1).join(' ');
  const words = tokens(last);
  if (words.some((w) => w === 'release' || w === 'releases' || w === 'publish')) return [];
  const tail = /(release|publish)(?:s|er|es)?$/.exec(words.at(-1) ?? '');
  return tail ? [tail[1]!] : [];
}

export interface UnknownAction {
  unread: UnreadCommand;
  /** Only the step's name made it a candidate: a possible publish only in a job with a sign of npm. */
  needsSignal?: true;
}

/**
 * The unread command of a remote `uses:` step tp-doctor has no recogniser for (`full`: the action
 * with its `@ref`), when the action's name or the step's says it may publish to npm; undefined
 * otherwise. Its words are the action's name and its input names.
 */
export function unknownActionUnread(step: Step, name: string, full: string): UnknownAction | undefined {
  const lower = name.toLowerCase();
  if (!unknownAction(lower)) return undefined;
  const byOwnName = PUBLISH_HINT.test(name);
  if (!byOwnName && (!nameSaysNpmPublish(step.name) || namedForOtherWork(lower))) return undefined;
  const inputNames = [...step.with.keys()];
  const unread: UnreadCommand = { words: [name, ...compoundWord(lower), ...inputNames], options: inputNames, via: [], offset: 0, end: 0, text: full };
  return byOwnName ? { unread } : { unread, needsSignal: true };
}

/**
 * The unread command of a step using a local JavaScript or Docker action (`path`, ./program-action.ts),
 * read like a remote action tp-doctor does not know: its path, its `action.yml` `name` and
 * `description` take the place of the action's own name (`./.github/actions/npm-publish`, "Publish
 * the package to npm"), else the step's name must say it publishes to npm.
 */
export function localProgramUnread(step: Step, path: string, action: { name?: string; description?: string }): UnknownAction | undefined {
  const own = [action.name, action.description].filter((t): t is string => t !== undefined && t.trim() !== '');
  const byOwnName = [path, ...own].some((t) => PUBLISH_HINT.test(t));
  if (!byOwnName && !nameSaysNpmPublish(step.name)) return undefined;
  const inputNames = [...step.with.keys()];
  const unread: UnreadCommand = { words: [path, ...own.flatMap((t) => t.split(/\s+/).filter((w) => w !== '')), ...inputNames], options: inputNames, via: [], offset: 0, end: 0, text: path };
  return byOwnName ? { unread } : { unread, needsSignal: true };
}
