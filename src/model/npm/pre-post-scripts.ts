/**
 * Whether a script runner runs `pre<x>` and `post<x>` around `x` (`ScriptRunner.lifecycle` in
 * ../data/publish-tools.ts): npm always; pnpm and Yarn by their major and their settings
 * (`PrePostScripts`: pnpm 9+ and ≤ 5, or 6–8 with `enable-pre-post-scripts=true`; Yarn 1 only).
 * The answer is `maybe` when the major is not known and no setting of the repository decides:
 * the hooks are followed, and what is found there is a guess (`heuristic`).
 */
import { semver } from '../core/semver.js';
import type { MajorRange, PrePostScripts, PublishToolName, ScriptRunner } from '../data/publish-tools.js';
import { pinnedPnpmMajor } from './package-manager.js';
import type { NpmRepo } from './repo.js';
import { yarnFlavor } from './tool-versions.js';

export type PrePostAnswer = 'yes' | 'no' | 'maybe';

/** A tool's major: a number, `latest` (newer than every boundary of the table), or undefined when not known. */
export type MajorGuess = number | 'latest' | undefined;

export type PrePostSettingFile = PrePostScripts['settings'][number]['file'];

/** What decides the answer for one job or pipeline (`RecognizeContext.prePost`). */
export interface PrePostInputs {
  /** The major of the tool that runs the script in `dir` (`` for the root: Yarn's depends on the Yarn project it runs in). */
  major(tool: PublishToolName, dir: string): MajorGuess;
  /** A boolean setting the tool reads for a command run in `dir` (`RepoFiles.booleanSetting`). */
  setting(file: PrePostSettingFile, key: string, dir: string): boolean | undefined;
}

function inRange(major: number, range: MajorRange): boolean {
  return (range.from === undefined || major >= range.from) && (range.to === undefined || major <= range.to);
}

/** The value every setting that is set agrees on; undefined when none is set, `disagree` when they differ. */
function agreed(values: readonly (boolean | undefined)[]): boolean | 'disagree' | undefined {
  const set = values.filter((v): v is boolean => v !== undefined);
  if (set.length === 0) return undefined;
  return set.every((v) => v === set[0]) ? set[0] : 'disagree';
}

/**
 * The answer of `rule` for a major (`latest`: newer than any boundary), given the settings the
 * repository writes (`setting(file, key)`). A major that is not known reads every setting of the
 * table: what the repository writes decides (its intent, whichever major runs), else `maybe`.
 */
export function prePostAnswer(rule: PrePostScripts, major: MajorGuess, setting: (file: PrePostSettingFile, key: string) => boolean | undefined): PrePostAnswer {
  const m = major === 'latest' ? Number.POSITIVE_INFINITY : major;
  const read = rule.settings.filter((s) => m === undefined || inRange(m, s.majors));
  const value = agreed(read.map((s) => setting(s.file, s.key)));
  if (value === 'disagree') return 'maybe';
  if (value !== undefined) return value ? 'yes' : 'no';
  if (m === undefined) return 'maybe';
  return rule.byDefault.some((r) => inRange(m, r)) ? 'yes' : 'no';
}

/** The answer for `runner` run in `dir` (undefined: not known, the root's settings are read). */
export function prePostOf(runner: ScriptRunner, inputs: PrePostInputs | undefined, dir: string | undefined): PrePostAnswer {
  const rule = runner.lifecycle;
  if (typeof rule === 'boolean') return rule ? 'yes' : 'no';
  if (!inputs) return 'maybe';
  return prePostAnswer(rule, inputs.major(runner.tool, dir ?? ''), (file, key) => inputs.setting(file, key, dir ?? ''));
}

/** The major a version spec names: `latest` for `latest` (and other moving tags), undefined when it names none. */
export function majorOfSpec(spec: string | undefined): MajorGuess {
  if (spec === undefined) return undefined;
  if (/^(?:latest|\*|x|)$/i.test(spec.trim())) return 'latest';
  return semver.coerce(spec)?.major;
}

/**
 * The inputs for a repository: pnpm's major from `pnpmSetup` (a job's `pnpm/action-setup`
 * `version:`) else `packageManager`; Yarn's from `yarnFlavor` for the directory the script runs in
 * (1 or 2+; not known when nothing in the repository says, the runner's preinstalled Yarn 1 being
 * only a guess).
 */
export function prePostInputs(repo: NpmRepo, setting: PrePostInputs['setting'], pnpmSetup: MajorGuess = undefined): PrePostInputs {
  const yarn = new Map<string, MajorGuess>();
  const yarnMajor = (dir: string): MajorGuess => {
    if (!yarn.has(dir)) {
      const flavor = yarnFlavor(repo, dir);
      yarn.set(dir, flavor.assumed === true ? undefined : flavor.flavor === 'berry' ? 2 : 1);
    }
    return yarn.get(dir);
  };
  return {
    major: (tool, dir) => (tool === 'pnpm' ? (pnpmSetup ?? pinnedPnpmMajor(repo)) : tool === 'yarn' ? yarnMajor(dir) : undefined),
    setting,
  };
}

/**
 * True when `yarn publish` runs the package's `publish` script: Yarn 2 and later have no `publish`
 * command (`yarn npm publish` is theirs), so `yarn publish` is `yarn run publish`, which fails with
 * "Couldn't find a script named publish" when there is none. Only when the Yarn project the command
 * runs in (`dir`) is known to be Yarn 2+ (0chain/zus-js-sdk: `packageManager: yarn@4.2.1`).
 */
export function yarnRunsPublishScript(words: readonly string[], inputs: PrePostInputs | undefined, dir: string | undefined): boolean {
  return words[1] === 'publish' && dir !== undefined && inputs?.major('yarn', dir) === 2;
}
