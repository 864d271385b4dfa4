/**
 * Which version of a publish tool a job runs (docs/domain.md §5, "Tool versions come from ..."),
 * with where that version is written so that a diagnostic can point there. Sources, most direct
 * first: a version pinned in the command (`npx lerna@8 publish`), an install step earlier in the job
 * (`npm i -g lerna@8`, `corepack prepare yarn@4.9.1 --activate`), `pnpm/action-setup` `version:`,
 * `.yarnrc.yml` `yarnPath`, `package.json` `packageManager`, the lockfiles (package-lock.json,
 * npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock) and the dependency ranges of `package.json`.
 *
 * Lockfiles are read through `SourceFs`, so one above `MAX_FILE_BYTES` simply gives no answer.
 * Everything is cached per project. Nothing here decides whether a version is good enough except
 * `versionVerdict`, which compares a found version with a threshold.
 */
import { semver } from '../core/semver.js';
import { inDir } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import type { PublishCommand } from './publish-site.js';
import type { NpmRepo } from './repo.js';
import { dependencyRange, lockedVersion, locationOf } from './lockfiles.js';
import { devEnginesPackageManager, packageManagerOf } from './package-manager.js';
import { splitCommands, stripPrefixes } from './shell.js';
import { nearestHolding, nearestPackageManager, yarnPathVersion } from './yarn-project.js';

export { yarnPathVersion } from './yarn-project.js';
import { commentVersion } from './version-comments.js';

export type VersionSource =
  | 'command'
  | 'action-ref'
  /** An input of the publishing action that chooses the tool's version (`semantic_version:`). */
  | 'action-input'
  | 'install-step'
  | 'action-setup'
  | 'yarn-path'
  | 'package-manager'
  /** rush.json's `pnpmVersion`/`npmVersion`: the release Rush installs and publishes with (./rush.ts). */
  | 'rush-json'
  | 'lockfile'
  | 'package-json';

export interface ToolVersion {
  /** An exact version or a range as written, without a leading `v` (`8`, `^24.0.0`, `4.9.1`, `latest`). */
  spec: string;
  source: VersionSource;
  /** Where the version is written. */
  at: Location;
  /** Where, in words, for messages: `"npx lerna@8 publish"`, `package-lock.json`, `devDependencies in package.json`. */
  label: string;
  /** True when the spec resolves to the newest version it allows at install time (`npx x@8`, an action's `v1` tag, a dependency range without a lockfile); false for an exact or locked version. */
  floating: boolean;
  /** Set when the version is a default a run may replace (a dispatch input's: `CallInputReading.assumed`), in words: findings on it are warnings at most. */
  assumed?: string;
}

export type Verdict = 'yes' | 'no' | 'unknown';

const LATEST = new Set(['', 'latest', '*', 'x', 'stable', 'berry', 'canary']);

/** The spec as semver understands it, or `latest` / undefined (a dist-tag, a git URL, `workspace:`). */
export function normalizeSpec(spec: string): string | undefined {
  let s = spec.trim();
  const alias = /^npm:(?:@[^/@]+\/)?[^@]+@(.*)$/.exec(s);
  if (alias) s = alias[1] ?? '';
  s = s.replace(/^v(?=\d)/, '').replace(/^=/, '');
  if (LATEST.has(s.toLowerCase())) return 'latest';
  return semver.validRange(s) ? s : undefined;
}

/**
 * Whether the version satisfies `range` (`>=9.0.0`, `>=11.0.0 <11.1.0`). A floating spec that allows
 * newer versions counts as its newest one for thresholds (`>=x`); `latest` is newer than every
 * threshold in the tables.
 */
export function versionVerdict(version: Pick<ToolVersion, 'spec' | 'floating'>, range: string): Verdict {
  const spec = normalizeSpec(version.spec);
  if (spec === undefined) return 'unknown';
  const openEnded = /^>=\S+$/.test(range.trim());
  if (spec === 'latest') return openEnded ? 'yes' : 'no';
  const exact = semver.valid(spec);
  if (exact) return exactVerdict(exact, range);
  // A range that names a prerelease (`^12.0.0-rc.1`) takes later ones in order; others leave them out.
  const options = spec.includes('-') ? PRERELEASES : undefined;
  if (semver.subset(spec, range, options)) return 'yes';
  if (!semver.intersects(spec, range, options)) return 'no';
  return version.floating && openEnded ? 'yes' : 'unknown';
}

/** Prereleases compared in semver order (`12.0.0-rc.8` is after 11.3.0), not left out of every range. */
const PRERELEASES = { includePrerelease: true } as const;

/**
 * An exact version against `range`. A prerelease is placed in semver order (pnpm's own release
 * workflow runs `pnpm@12.0.0-rc.8`, which has every command of 11.3.0); when its release would get
 * another answer (`11.3.0-rc.1` for `>=11.3.0`), whether the prerelease already has what the
 * release has is not written anywhere: unknown.
 */
function exactVerdict(exact: string, range: string): Verdict {
  const verdict = semver.satisfies(exact, range, PRERELEASES);
  if (semver.prerelease(exact) === null) return verdict ? 'yes' : 'no';
  const release = `${semver.major(exact)}.${semver.minor(exact)}.${semver.patch(exact)}`;
  return semver.satisfies(release, range) !== verdict ? 'unknown' : verdict ? 'yes' : 'no';
}

/**
 * The version an input of the publishing action chooses for the tool it installs
 * (cycjimmy/semantic-release-action's `semantic_version: 24.2.9`), when the input is a literal.
 */
export function actionInputVersion(step: { with: ReadonlyMap<string, YNode> } | undefined, input: string): ToolVersion | undefined {
  const node = step?.with.get(input);
  const spec = node?.text?.trim().replace(/^v/, '');
  if (node === undefined || spec === undefined || spec === '' || spec.includes('${{')) return undefined;
  return { spec, source: 'action-input', at: { file: node.file, ...node.span }, label: `\`${input}: ${spec}\``, floating: true };
}

/** The version a publish command pins (`npx lerna@8 publish`, `corepack pnpm@11.0.2 publish`). */
export function commandPin(publish: PublishCommand): ToolVersion | undefined {
  const { match } = publish;
  if (match.action || match.pinnedVersion === undefined) return undefined;
  return { spec: match.pinnedVersion, source: 'command', at: publish.location, label: `"${match.text}"`, floating: true };
}

/**
 * The ref of a publishing action (`JS-DevTools/npm-publish@v3`): a version tag, or a commit SHA
 * followed by a `# v3.1.1` comment on the same line. The ref is read from the step's `uses:` when
 * the match does not carry it.
 */
export function actionRefVersion(project: NpmRepo, step: { uses?: { name?: string; ref?: string } } | undefined, publish: PublishCommand): ToolVersion | undefined {
  const action = publish.match.action;
  if (!action) return undefined;
  const ref = action.ref || (publish.viaAction === undefined ? (step?.uses?.ref ?? '') : '');
  const at = publish.location;
  // The action's own Docker image (`docker://ghcr.io/codfish/semantic-release-action:v5`) is named as written.
  const image = publish.viaAction === undefined && step?.uses?.name?.startsWith('docker://') === true ? step.uses.name : undefined;
  const tag = refTagVersion(ref);
  if (tag !== undefined) return { spec: tag, source: 'action-ref', at, label: `\`uses: ${image ?? `${action.name}@${ref}`}\``, floating: tag.split('.').length < 3 };
  const line = documentLine(project, at);
  const comment = line === undefined ? undefined : commentVersion(line);
  if (comment === undefined) return undefined;
  const uses = `\`uses: ${image ?? `${action.name}@${ref.slice(0, 7)}`}\``;
  const label = comment.tagged ? `the \`# v${comment.version}\` comment after ${uses}` : `version ${comment.version} in the comment after ${uses}`;
  return { spec: comment.version, source: 'action-ref', at, label, floating: false };
}

/** The version an action ref is a tag of (`v3`, `v3.1`, `3.1.1`: `3.1.1`); undefined for a SHA, a branch or an expression. */
export function refTagVersion(ref: string): string | undefined {
  return /^v?(\d+(?:\.\d+){0,2})$/.exec(ref)?.[1];
}

export { commentVersion, versionComment } from './version-comments.js';

/** The text of the workflow line `at` starts on (a `uses:` line with its `# v1.2.3` comment); undefined when not found. */
export function documentLine(project: NpmRepo, at: Location): string | undefined {
  const doc = project.documents.find((d) => d.file === at.file);
  if (!doc || at.start.line > doc.lines.lineCount) return undefined;
  return doc.lines.lineText(at.start.line);
}

/** A command text that ran in the job before a publish: a step's `run:`, a script line, or the part of the publish's own one before it; `earlierStep` when it ran in an earlier step's own shell (GitHub, CircleCI), whose variables reach later steps only through `$GITHUB_ENV`/`$BASH_ENV`. */
export interface TextBefore {
  text: string;
  /** Where a command at `[offset, end)` of `text` is written. */
  locate(offset: number, end: number): Location;
  earlierStep?: true;
  /** The publish's own text this one is the start of (`text` is `whole.slice(0, text.length)`). */
  whole?: string;
}

/**
 * A tool installed by a command of the job before the publish: `npm i -g name@x`, `npm i name@x
 * --no-save` (a local install replaces the locked copy), `pnpm add [-g]`, `yarn add`, `yarn global
 * add`, `corepack prepare|install|use name@x`, for Yarn `yarn set version x` and for pnpm `pnpm
 * self-update x`. The last one wins.
 * A local install without a version (`npm install name --no-save`) counts as the latest release only
 * with `bareLocal` (the caller knows package.json does not list `name`: npm reinstalls a listed
 * package at its listed range; [src] @npmcli/arborist `buildIdealTree` `#add`: a bare name "reloads
 * whatever's there, or gets latest"); otherwise it is left to the lockfile.
 */
export function installedBefore(texts: readonly TextBefore[], name: string, options: { bareLocal?: boolean } = {}): ToolVersion | undefined {
  let found: ToolVersion | undefined;
  for (const t of texts) {
    if (!t.text.includes(name)) continue;
    for (const cmd of splitCommands(t.text)) {
      // `sudo npm i -g semantic-release@25` (CircleCI's images need the sudo) installs it all the same.
      const spec = installSpec(stripPrefixes(cmd.words).map((w) => w.value), name, options.bareLocal === true);
      if (spec === undefined) continue;
      found = { spec, source: 'install-step', at: t.locate(cmd.offset, cmd.offset + cmd.text.length), label: `"${cmd.text}"`, floating: true };
    }
  }
  return found;
}

const UPDATE = new Set(['update', 'up', 'upgrade']);
const INSTALL = new Set(['i', 'install', 'add', 'in', 'isntall', ...UPDATE]);

function installSpec(words: string[], name: string, bareLocal: boolean): string | undefined {
  const bin = (words[0] ?? '').replace(/^.*\//, '');
  const args = words.slice(1);
  const plain = args.filter((w) => !w.startsWith('-'));
  const pick = (list: string[]): string | undefined => {
    for (const w of list) {
      if (w === name) return 'latest';
      if (w.startsWith(`${name}@`)) return w.slice(name.length + 1) || 'latest';
    }
    return undefined;
  };
  const global = args.some((w) => w === '-g' || w === '--global' || w === '--location=global');
  // A local install that names the version (`npm i semantic-release@25 --no-save`, `yarn add x@25`)
  // replaces the locked copy; one without a version only with `bareLocal`. `npm ci` and a bare
  // `npm install` install what the lockfile says, which the lockfile lookup already reads.
  // (`npm update x` / `pnpm up x` stay within the ranges that ask for x: never the latest release.)
  const bare = bareLocal && !UPDATE.has(plain[0] ?? '');
  const names = (list: string[]): string | undefined => (global || bare || list.some((w) => w.startsWith(`${name}@`)) ? pick(list) : undefined);
  if (['npm', 'pnpm'].includes(bin) && INSTALL.has(plain[0] ?? '')) return names(plain.slice(1));
  if (bin === 'yarn' && plain[0] === 'add') return names(plain.slice(1));
  if (bin === 'yarn' && plain[0] === 'global' && plain[1] === 'add') return pick(plain.slice(2));
  if (bin === 'corepack' && ['prepare', 'install', 'use'].includes(plain[0] ?? '')) return pick(plain.slice(1));
  // `pnpm self-update 10.18.0` replaces the pnpm that runs (no version: the latest release).
  if (bin === 'pnpm' && name === 'pnpm' && plain[0] === 'self-update') return plain[1] ?? 'latest';
  if (bin === 'yarn' && name === 'yarn' && plain[0] === 'set' && plain[1] === 'version') return plain[2] ?? 'latest';
  if (bin === 'yarn' && name === 'yarn' && plain[0] === 'policies' && plain[1] === 'set-version') return plain[2] ?? 'latest';
  return undefined;
}

/**
 * True when the copy of `name` that runs is not the repository's but one installed for the job:
 * `version` comes from an install in the job (`npm install semantic-release --no-save`, `npm i -g
 * semantic-release@25`), or from a pin in the command (`npx semantic-release@25`) that the
 * repository's copy does not satisfy (or there is none), so that npx installs its own; a pin
 * tp-doctor cannot read or `latest` counts too (the version is then judged from the pin: unknown, or
 * the latest release). That copy brings its own dependencies: a plugin the tool installs
 * (`PLUGIN_PARENTS`) is then not the one the lockfile or package.json lists. A pin the repository's
 * copy may satisfy (a range that overlaps it, a copy of a version tp-doctor cannot read) keeps the
 * repository's copy, as before.
 */
export function runsOwnInstall(project: NpmRepo, version: ToolVersion, name: string, dir = ''): boolean {
  if (version.source === 'install-step') return true;
  if (version.source !== 'command') return false;
  const pin = normalizeSpec(version.spec);
  const local = lockedVersion(project, name, dir) ?? dependencyRange(project, name, dir);
  if (local === undefined || pin === undefined || pin === 'latest') return true;
  const have = normalizeSpec(local.spec);
  if (have === undefined || have === 'latest') return false; // a copy of any version: it may be the one that runs
  const exact = semver.valid(have);
  if (exact) return !semver.satisfies(exact, pin);
  return !semver.intersects(have, pin);
}

/** What `pnpmSetupVersion` reads of a `uses:` step (GitHub's `UsesStepView`: a job's step or a local action's inner step). */
export interface SetupStepView {
  /** The action without `@ref`, lower case. */
  name: string;
  input(name: string): YNode | undefined;
  /** The input's text, a local action's `${{ inputs.x }}` replaced by what its caller passes. */
  inputText(name: string): string | undefined;
}

/**
 * `pnpm/action-setup` `version:` among `uses:` steps (GitHub), the last one wins; inside a local
 * composite action (valibot's `.github/actions/environment`), with the caller's inputs put in.
 */
export function pnpmSetupVersion(steps: readonly SetupStepView[]): ToolVersion | undefined {
  let found: ToolVersion | undefined;
  for (const s of steps) {
    if (s.name !== 'pnpm/action-setup') continue;
    const node = s.input('version');
    const spec = s.inputText('version');
    if (node === undefined || spec === undefined || spec.includes('${{')) continue;
    found = { spec, source: 'action-setup', at: locationOf(node, true), label: '`pnpm/action-setup` `version`', floating: true };
  }
  return found;
}

/**
 * `packageManager: "<name>@x"` of the package.json in `dir` (`` for the root), else its
 * `devEngines.packageManager` entry naming `<name>` with a version (a range such as `10.x` floats). Corepack reads the
 * nearest one from where the command runs: callers ask the publish's directory, then the root.
 */
export function packageManagerVersion(project: NpmRepo, name: 'pnpm' | 'yarn' | 'npm' | 'bun', dir = ''): ToolVersion | undefined {
  const own = dir !== '';
  const root = own ? project.facts.packageAt(dir)?.root : project.packageJson?.root;
  const node = root?.get('packageManager');
  const file = own ? `${dir}/package.json` : 'package.json';
  // Without the field, npm's `devEngines.packageManager` (`{ "name": "pnpm", "version": "10.x" }`).
  const dev = node?.text === undefined ? devEnginesPackageManager(root) : undefined;
  if (dev) return dev.name === name ? { spec: dev.spec, source: 'package-manager', at: locationOf(dev.node, true), label: `\`devEngines.packageManager\` in ${file}`, floating: semver.valid(dev.spec) === null } : undefined;
  const m = /^([^@]+)@(\d[^+\s]*)/.exec(node?.text ?? '');
  if (!node || !m || m[1] !== name) return undefined;
  return { spec: m[2]!, source: 'package-manager', at: locationOf(node, true), label: `\`packageManager\` in ${file}`, floating: false };
}

// ---------------------------------------------------------------------------------------------
// Yarn

export interface YarnFlavor {
  flavor: 'classic' | 'berry';
  /** Why tp-doctor thinks so, in words, and where (undefined: the runner's default Yarn 1). */
  label: string;
  at?: Location;
  /** True when nothing in the repository says which: the runner's preinstalled Yarn 1 is assumed. */
  assumed?: boolean;
}

/**
 * Yarn 1 or Yarn 2+ for a command run in `dir` (`` for the root), from the Yarn project it runs in
 * (./yarn-project.ts): the nearest `yarnPath` (it runs whatever launched it), the nearest
 * `packageManager`, the nearest `.yarnrc.yml`, the nearest yarn.lock's header, the root's lockfiles;
 * else the runner's Yarn 1.
 */
export function yarnFlavor(project: NpmRepo, dir = ''): YarnFlavor {
  const path = yarnPathVersion(project, dir);
  if (path) return { flavor: majorOf(path.spec) >= 2 ? 'berry' : 'classic', label: `${path.label} points at Yarn ${path.spec}`, at: path.at };
  const pm = nearestPackageManager(project, dir);
  if (pm?.name === 'yarn') return { flavor: majorOf(pm.spec) >= 2 ? 'berry' : 'classic', label: `${pm.file} has "packageManager": "yarn@${pm.spec}"`, at: pm.at };
  const rc = nearestHolding(project, dir, '.yarnrc.yml');
  if (rc !== undefined) return { flavor: 'berry', label: rc === '' ? 'the repository has a .yarnrc.yml' : `${rc}/.yarnrc.yml exists` };
  const lockDir = nearestHolding(project, dir, 'yarn.lock');
  const lockFile = inDir(lockDir ?? '', 'yarn.lock');
  const lock = lockDir === undefined ? undefined : project.fs.read(lockFile);
  if (lock?.ok && /^__metadata:/m.test(lock.text.slice(0, 4096))) return { flavor: 'berry', label: `${lockFile} is in the Yarn 2+ format` };
  if (lock?.ok) return { flavor: 'classic', label: `${lockFile} is in the Yarn 1 format` };
  if (packageManagerOf(project).name === 'yarn-berry') return { flavor: 'berry', label: 'the repository files select Yarn 2+' };
  // Not only GitHub's: the Docker `node` images (up to Node 25) and CircleCI's `cimg/node` ship Yarn 1 too.
  return { flavor: 'classic', label: 'no file of the repository selects Yarn 2+, and hosted runners and Node images preinstall Yarn 1', assumed: true };
}

const majorOf = (spec: string): number => semver.coerce(spec)?.major ?? 1;

/**
 * The Yarn release a job runs for a publish in `dir`: pinned, installed in the job, else the Yarn
 * project's (./yarn-project.ts): the nearest `yarnPath`, then the nearest `packageManager`. Only a
 * Yarn command's pin is Yarn's (`npx @changesets/cli@3 publish` pins changesets).
 */
export function yarnVersion(project: NpmRepo, publish: PublishCommand, before: readonly TextBefore[], dir = ''): ToolVersion | undefined {
  const pin = publish.match.tool === 'yarn' || publish.match.tool === 'yarn-berry' ? commandPin(publish) : undefined;
  return pin ?? installedBefore(before, 'yarn') ?? yarnPathVersion(project, dir) ?? yarnPackageManager(project, dir);
}

function yarnPackageManager(project: NpmRepo, dir: string): ToolVersion | undefined {
  const pm = nearestPackageManager(project, dir);
  return pm?.name === 'yarn' ? { spec: pm.spec, source: 'package-manager', at: pm.at, label: `\`packageManager\` in ${pm.file}`, floating: false } : undefined;
}

/** The pnpm release a job runs for a publish: pinned, installed in the job, `pnpm/action-setup`, `packageManager`. */
export function pnpmVersion(project: NpmRepo, publish: PublishCommand, before: readonly TextBefore[], setup?: ToolVersion, dir = ''): ToolVersion | undefined {
  const pin = publish.match.tool === 'pnpm' ? commandPin(publish) : undefined;
  return pin ?? installedBefore(before, 'pnpm') ?? setup ?? packageManagerVersion(project, 'pnpm', dir) ?? packageManagerVersion(project, 'pnpm');
}

// ---------------------------------------------------------------------------------------------
// Installed packages (lockfiles and package.json: lockfiles.ts)

export { dependencyOfVersion, dependencyRange, lockedVersion } from './lockfiles.js';

/**
 * The version of npm package `name` a job's publish uses: the copy installed in the repository (the
 * lockfile of the step's directory, then the root's; else the dependency range in package.json) or
 * one installed globally by an earlier command of the job. `preferLocal`: the command runs the
 * repository's copy when there is one (`npx x`, `npm run`, lerna's own switch to a local install);
 * otherwise a global install comes first. `dir` is the step's directory (`` for the root).
 */
export function packageVersion(
  project: NpmRepo,
  name: string,
  options: { dir?: string; before?: readonly TextBefore[]; preferLocal?: boolean } = {},
): ToolVersion | undefined {
  const dir = options.dir ?? '';
  // `npm install x --no-save` without a version installs the latest release unless package.json lists x.
  const bareLocal = (): boolean => dependencyRange(project, name, dir) === undefined;
  const installed = options.before ? installedBefore(options.before, name, { bareLocal: bareLocal() }) : undefined;
  // A version the job installs itself (`npm i x@25 --no-save`, `npm i -g x@25`) is what runs: it
  // replaces the locked copy, or is the one on PATH.
  const local = (): ToolVersion | undefined => lockedVersion(project, name, dir) ?? dependencyRange(project, name, dir);
  if (installed && (!options.preferLocal || !installed.label.match(/\s(?:-g|--global)\b/))) return installed;
  return options.preferLocal ? (local() ?? installed) : (installed ?? local());
}
