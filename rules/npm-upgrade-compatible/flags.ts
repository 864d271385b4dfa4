/**
 * npm 12 and a publish's options: npm stops on a command-line option it does not know (from
 * `NPM_REJECTS_UNKNOWN_FLAGS`), and pnpm's `--no-git-checks` is one (`PNPM_ONLY_PUBLISH_FLAGS`).
 * Given to `npm publish` itself, the publish certainly fails; so it does through a pnpm that passes
 * it on to npm (pnpm 9 and older, pnpm 10 before `PNPM_STRIPS_OPTIONS_FROM`), and `changeset
 * publish` adds it to each `pnpm publish`. A pnpm 10 whose exact release is not known: a warning.
 */
import { semver } from '../../src/model/core/semver.js';
import { NPM_REJECTS_UNKNOWN_FLAGS, PNPM_ONLY_PUBLISH_FLAGS, PNPM_STRIPS_OPTIONS_FROM } from '../../src/model/data/npm-cli.js';
import { PNPM_RECURSIVE_RUN } from '../../src/model/data/publish-tools.js';
import { changesetsRunOf } from '../../src/model/npm/changesets.js';
import { nodeLabel } from '../../src/model/npm/node-version.js';
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';
import { pnpmMajorOfSpec } from '../../src/model/npm/package-manager.js';
import { pnpmAtPublish, type PnpmAtPublish } from '../../src/model/npm/pnpm-at-publish.js';
import type { PublishMatch } from '../../src/model/npm/publish-match.js';
import type { PublishCommand } from '../../src/model/npm/publish-site.js';
import type { NpmRepo } from '../../src/model/npm/repo.js';
import { versionVerdict, type TextBefore, type ToolVersion, type Verdict } from '../../src/model/npm/tool-versions.js';
import type { Location } from '../../src/yaml/span.js';

type Related = { at: Location; label: string }[];
type FlagData = { command: string; flag: string; npm: string; from: string };

export type FlagFinding =
  | { messageId: 'unknownFlag'; data: FlagData; related: Related }
  | { messageId: 'forwardedFlag' | 'forwardedFlagMay'; data: FlagData & { pnpm: string; passes: string }; related: Related };

/**
 * The pnpm option a command gives (`pnpm publish --no-git-checks`), if any: read from its words as
 * the shell splits them (a quoted `"--no-git-checks"` is the option; `--tag "x --no-git-checks"`
 * is a tag), after the subcommand, or through the scripts it runs (`pnpm run release`).
 */
function flagIn(match: PublishMatch): string | undefined {
  const flags: readonly string[] = PNPM_ONLY_PUBLISH_FLAGS;
  return optionWords(match).find((w) => flags.includes(w));
}

/** A command's options as written before and after its subcommand, without their `=value`. */
function optionWords(match: PublishMatch): string[] {
  return [...(match.optionsBefore ?? []), ...match.args].filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]!);
}

/** pnpm's options that make a command recursive (`-r`, and a filter: parse-cli-args), from the table of its recursive runs. */
const RECURSIVE: readonly string[] = [...PNPM_RECURSIVE_RUN.all, ...PNPM_RECURSIVE_RUN.named];

/** `pnpm -r publish`, `pnpm --filter x publish`, `--filter=x`. */
function recursive(match: PublishMatch): boolean {
  return optionWords(match).some((w) => RECURSIVE.includes(w));
}

/**
 * The command that gives the option: the publish as written, or, for one a package.json script
 * runs (`npm run release`), that script's command (a committed script file's whole text is not
 * one command: the publish as written then).
 */
function commandOf(match: PublishMatch): string {
  const last = match.via.at(-1);
  return last !== undefined && last.file !== true ? last.command : match.text;
}

/** The scripts on the way to the publish, where they are known, for the finding's related locations. */
function scriptsOf(match: PublishMatch): Related {
  return match.via.flatMap((v) => (v.at === undefined ? [] : [{ at: v.at, label: `script "${v.script}"` }]));
}

/** The npm every answer agrees is one that rejects unknown options, with where it comes from. */
function strictNpm(ats: readonly Pick<NpmAtPublish, 'node' | 'npm' | 'source' | 'upgrade' | 'upgradeFails'>[]): { npm: string; from: string } | undefined {
  if (ats.length === 0 || ats.some((a) => a.npm === undefined || a.upgradeFails === true || semver.lt(a.npm.min, NPM_REJECTS_UNKNOWN_FLAGS))) return undefined;
  const at = ats[0]!;
  const from = at.source === 'upgrade' ? `installed by "${at.upgrade?.upgrade.text ?? ''}"` : at.source === 'pinned' ? 'pinned in the command' : `bundled with ${nodeLabel(at.node)}`;
  return { npm: at.npm!.min === at.npm!.max ? at.npm!.min : `${semver.major(at.npm!.min)}`, from };
}

/**
 * Whether the pnpm that runs hands `flag` on to npm: pnpm 11 publishes itself; pnpm 10 from
 * `PNPM_STRIPS_OPTIONS_FROM` removes `--no-git-checks` first (not `--git-checks`); older ones pass
 * every option on.
 */
function forwardsFlag(major: PnpmAtPublish['major'], version: ToolVersion, flag: string): Verdict {
  if (typeof major !== 'number' || major > 10) return 'no';
  // pnpm 7 and older pass a tarball's publish only its positional arguments (publish.ts at v7.33.7).
  if (major < 8) return 'unknown';
  if (major < 10 || flag !== '--no-git-checks') return 'yes';
  const strips = versionVerdict(version, `>=${PNPM_STRIPS_OPTIONS_FROM}`);
  return strips === 'yes' ? 'no' : strips === 'no' ? 'yes' : 'unknown';
}

/** One answer from two pnpm releases that may each run (`PnpmAtPublish.sameSide`): certain only when they agree. */
function both(a: Verdict, b: Verdict | undefined): Verdict {
  return b === undefined || a === b ? a : a === 'no' && b === 'no' ? 'no' : 'unknown';
}

/**
 * The findings of one publish: `ats` the npm at it (every answer), `before` the job's commands before
 * it, `setup` a `pnpm/action-setup` version (GitHub), `dir` its directory.
 */
export function judgeFlags(project: NpmRepo, publish: PublishCommand, ats: readonly NpmAtPublish[], before: () => readonly TextBefore[], setup?: ToolVersion, dir = ''): FlagFinding[] {
  const { match } = publish;
  if (match.tool === 'npm' && match.recognizer === 'npm-publish') {
    const flag = flagIn(match);
    const npm = flag === undefined ? undefined : strictNpm(ats);
    return flag && npm ? [{ messageId: 'unknownFlag', data: { command: commandOf(match), flag, ...npm }, related: scriptsOf(match) }] : [];
  }
  // A recursive publish (`-r`, `--filter`) gives npm a fresh list of options of its own
  // (`--tag`, `--registry`, `--access`, `--dry-run`, `--otp`: recursivePublish.ts), never the command's.
  const own = match.recognizer === 'pnpm-publish' && !recursive(match) ? flagIn(match) : undefined;
  const viaChangesets = match.recognizer === 'changeset-publish' && changesetsRunOf(project, publish, before, dir)?.runs === 'pnpm';
  if (own === undefined && !viaChangesets) return [];
  const npm = strictNpm(ats);
  if (!npm) return [];
  const pnpm = pnpmAtPublish(project, publish, before(), setup, dir);
  const flag = own ?? '--no-git-checks';
  const forwards = pnpm.version === undefined ? 'no' : both(forwardsFlag(pnpm.major, pnpm.version, flag), pnpm.sameSide && forwardsFlag(pnpmMajorOfSpec(pnpm.sameSide.spec), pnpm.sameSide, flag));
  if (forwards === 'no' || pnpm.version === undefined) return [];
  const passes = own !== undefined ? `\`${flag}\` on the command` : '`changeset publish`, which adds `--no-git-checks` to each `pnpm publish`';
  const related = [pnpm.version, ...(pnpm.other ? [pnpm.other] : []), ...(pnpm.sameSide ? [pnpm.sameSide] : [])].map((v) => ({ at: v.at, label: `pnpm version: ${v.label}` }));
  // Another pnpm may run instead (an install against `packageManager`): a guess.
  const messageId = forwards === 'yes' && pnpm.other === undefined ? 'forwardedFlag' : 'forwardedFlagMay';
  return [{ messageId, data: { command: commandOf(match), flag, ...npm, pnpm: pnpm.version.spec, passes }, related: [...scriptsOf(match), ...related] }];
}
