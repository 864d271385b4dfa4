/**
 * Publish recognisers: the data behind docs/domain.md §5. One place to update when a tool adds a
 * publish form. `src/model/npm/publish-commands.ts` interprets these tables; every id here has a
 * positive test row in `publish-commands.test.ts`.
 *
 * Reviewed against npm 11.19 (`lib/utils/cmd-list.js`: aliases and unique abbreviations are
 * accepted, so `npm pub` is `npm publish`), pnpm 10/11, Yarn 1 and 4, Bun 1.3, lerna 9 /
 * lerna-lite 4, changesets 2 (and changesets/action v2's sub-actions), semantic-release 25, release-it
 * 19, np 10, Nx 21, changelogen 0.6, publib 0.2, covector 0.12. November 2026. beachball 2.66.0
 * (and 3.0.0-alpha.0) and @napi-rs/cli 2.18.4 / 3.10.12, read in their released sources: December 2026.
 */
import { CONTAINER_ENV_FLAGS, CONTAINER_VALUE_FLAGS, type ContainerEnvFlags } from './container-runs.js';
import { ENVIRONMENT_RUNNERS, type EnvironmentFlags } from './environment-runs.js';

export type PublishToolName =
  | 'npm'
  | 'pnpm'
  | 'yarn'
  | 'yarn-berry'
  | 'bun'
  | 'lerna'
  | 'changesets'
  | 'semantic-release'
  | 'release-it'
  | 'np'
  | 'nx'
  | 'js-devtools-npm-publish'
  | 'changelogen'
  | 'publib'
  | 'npmci'
  | 'covector'
  | 'auto'
  | 'shipjs'
  | 'beachball'
  | 'napi'
  | 'rush'
  | 'release-plan'
  | 'goreleaser'
  /** A tool tp-doctor does not know (`yarn release-tool publish`): always a guess. */
  | 'other';

export type Confidence = 'certain' | 'heuristic';

export interface FlagNames {
  readonly provenance: readonly string[];
  readonly registry: readonly string[];
  readonly tag: readonly string[];
  readonly access: readonly string[];
  /** The options with which the tool renames the package before it publishes it (`npm/name-suffix.ts`). */
  readonly nameSuffix?: NameSuffixFlags;
  /**
   * The options that give the tool an npm token to publish with (beachball's `-n`/`--token`, which it
   * hands to npm as `npm_config_//<registry>/:_authToken`). npm's own `--//<host>/:_authToken=<t>` is
   * read for every tool (`PublishFlags.token`).
   */
  readonly token?: readonly string[];
}

/**
 * A tool's package-renaming options: `option` adds `-<value>` to the package's name when its value
 * is a string; `impliedBy` does the same when `option` is not given (changelogen's `--canary <s>`).
 */
export interface NameSuffixFlags {
  readonly option: string;
  readonly impliedBy: string;
}

export const DEFAULT_FLAG_NAMES: FlagNames = {
  provenance: ['--provenance'],
  registry: ['--registry'],
  tag: ['--tag'],
  access: ['--access'],
};

/** A command that publishes, matched after prefixes (`sudo`, `env`) and runners (`npx`) are removed. */
export interface PublishRecognizer {
  readonly id: string;
  readonly tool: PublishToolName;
  readonly label: string;
  readonly confidence: Confidence;
  /** Executable basenames (`node_modules/.bin/lerna` is `lerna`). */
  readonly bins: readonly string[];
  /**
   * Matches any bin tp-doctor does not know (not in a table here nor in `NEVER_PUBLISHES`), but only
   * when a runner started it (`yarn release-tool publish`, `npx x publish`): a bare `x publish` at
   * the top of a script is as likely `vsce publish` as an npm publish. `{bin}` in the label is the bin.
   */
  readonly anyBin?: boolean;
  /**
   * Accepted spellings of the subcommand words that follow the bin, after the bin's global flags
   * (`npm -w a publish`). An empty list: the bin itself publishes (`semantic-release`).
   */
  readonly subcommands: readonly (readonly string[])[];
  /** Boolean flags that stop the publish when set: `--x`, `--x=true`, `--x true`. */
  readonly offWhenSet: readonly string[];
  /** Boolean flags that stop the publish when negated: `--no-x`, `--x=false`. */
  readonly offWhenUnset?: readonly string[];
  /** Boolean flags without which the command does not publish (`changelogen --publish`). */
  readonly onlyWhenSet?: readonly string[];
  /**
   * Boolean flags one of which the command needs to be sure to publish anything (`rush publish
   * --publish` publishes only with `--include-all` or `--apply`): without any, a guess.
   */
  readonly certainWhenSet?: readonly string[];
  /** A first positional argument after the subcommand that is another operation (`nx release version`). */
  readonly otherOperations?: readonly string[];
  readonly flagNames?: Partial<FlagNames>;
  /**
   * Its guess (`confidence: 'heuristic'`) is whether it publishes and with which client, never what:
   * it publishes the package of the directory it runs in (clean-publish's cleaned copy of it).
   */
  readonly ownPackage?: boolean;
}

const NPM_PUBLISH = [['publish'], ['publi'], ['publ'], ['pub'], ['pu']] as const;

/**
 * clean-publish's command-line options (`clean-publish.js` `handleOptions`, 5.x): those that take the
 * next word (`--dry-run`, `--clean-docs` and `--clean-commentd` skip it too) and those that do not.
 * Any other word is a positional, and then it does not read its configuration
 * (../npm/clean-publish-config.ts).
 */
export const CLEAN_PUBLISH_VALUE_OPTIONS: readonly string[] = ['--dry-run', '--package-manager', '--before-script', '--access', '--files', '--clean-docs', '--clean-commentd', '--tag', '--fields', '--exports', '--temp-dir'];
export const CLEAN_PUBLISH_SWITCHES: readonly string[] = ['--without-publish'];

/**
 * npm's registry commands other than a publish that npm-supports-oidc checks after a trusted
 * publish (`npm dist-tag`, which pnpm up to 10 hands to npm; `npm deprecate`, `access`, `owner`:
 * docs/domain.md §0), in the shape of a publish recogniser: read with `RecognizeContext.recognizers`,
 * the publish walk finds them through `package.json` scripts and committed shell scripts as it finds
 * a publish (../npm/reached-commands.ts). Never a publish.
 */
export const REGISTRY_COMMAND_RECOGNIZERS: readonly PublishRecognizer[] = [
  { id: 'npm-registry-command', tool: 'npm', label: '{bin} registry command', confidence: 'certain', bins: ['npm', 'pnpm', 'pn'], subcommands: [['dist-tag'], ['dist-tags'], ['deprecate'], ['access'], ['owner'], ['author']], offWhenSet: [] },
];

export const PUBLISH_RECOGNIZERS: readonly PublishRecognizer[] = [
  { id: 'npm-publish', tool: 'npm', label: 'npm publish', confidence: 'certain', bins: ['npm'], subcommands: NPM_PUBLISH, offWhenSet: ['--dry-run'] },
  {
    id: 'npm-stage-publish',
    tool: 'npm',
    label: 'npm stage publish',
    confidence: 'certain',
    bins: ['npm'],
    subcommands: [['stage', 'publish'], ['stag', 'publish']],
    offWhenSet: ['--dry-run'],
  },
  { id: 'pnpm-publish', tool: 'pnpm', label: 'pnpm publish', confidence: 'certain', bins: ['pnpm', 'pn'], subcommands: [['publish']], offWhenSet: ['--dry-run'] },
  // pnpm 11.3.0 and later: a stage publish (see STAGE_PUBLISH_FORMS in publish-tool-support.ts).
  { id: 'pnpm-stage-publish', tool: 'pnpm', label: 'pnpm stage publish', confidence: 'certain', bins: ['pnpm', 'pn'], subcommands: [['stage', 'publish']], offWhenSet: ['--dry-run'] },
  { id: 'yarn-publish', tool: 'yarn', label: 'yarn publish (Yarn 1)', confidence: 'certain', bins: ['yarn'], subcommands: [['publish']], offWhenSet: ['--dry-run'] },
  { id: 'yarn-npm-publish', tool: 'yarn-berry', label: 'yarn npm publish', confidence: 'certain', bins: ['yarn'], subcommands: [['npm', 'publish']], offWhenSet: ['--dry-run'] },
  { id: 'bun-publish', tool: 'bun', label: 'bun publish', confidence: 'certain', bins: ['bun'], subcommands: [['publish']], offWhenSet: ['--dry-run'] },
  {
    id: 'lerna-publish',
    tool: 'lerna',
    label: 'lerna publish',
    confidence: 'certain',
    bins: ['lerna'],
    subcommands: [['publish']],
    offWhenSet: ['--dry-run', '--skip-npm'],
    flagNames: { tag: ['--dist-tag'] },
  },
  { id: 'changeset-publish', tool: 'changesets', label: 'changeset publish', confidence: 'certain', bins: ['changeset'], subcommands: [['publish']], offWhenSet: [] },
  { id: 'semantic-release', tool: 'semantic-release', label: 'semantic-release', confidence: 'certain', bins: ['semantic-release'], subcommands: [], offWhenSet: ['--dry-run', '-d'] },
  {
    id: 'multi-semantic-release',
    tool: 'semantic-release',
    label: 'multi-semantic-release',
    confidence: 'certain',
    bins: ['multi-semantic-release'],
    subcommands: [],
    offWhenSet: ['--dry-run', '-d'],
  },
  {
    id: 'release-it',
    tool: 'release-it',
    label: 'release-it',
    confidence: 'certain',
    bins: ['release-it'],
    subcommands: [],
    offWhenSet: ['--dry-run', '-d', '--release-version', '--changelog'],
    offWhenUnset: ['--npm', '--npm.publish'],
  },
  {
    id: 'np',
    tool: 'np',
    label: 'np',
    confidence: 'certain',
    bins: ['np'],
    subcommands: [],
    offWhenSet: ['--preview', '--release-draft-only'],
    offWhenUnset: ['--publish'],
  },
  {
    id: 'nx-release',
    tool: 'nx',
    label: 'nx release',
    confidence: 'heuristic',
    bins: ['nx'],
    subcommands: [['release']],
    offWhenSet: ['--skip-publish', '--dry-run', '-d'],
    otherOperations: ['version', 'changelog', 'plan', 'plan:check'],
  },
  {
    id: 'changelogen',
    tool: 'changelogen',
    label: 'changelogen --publish',
    confidence: 'certain',
    bins: ['changelogen'],
    subcommands: [],
    offWhenSet: ['--dry', '--dry-run'],
    onlyWhenSet: ['--publish'],
    // `--nameSuffix <s>`, and `--canary <s>` without it, publish `<name>-<s>` (src/commands/default.ts
    // and src/package.ts `renamePackage` of unjs/changelogen 0.6.2; README); a bare `--canary` keeps the name.
    flagNames: { tag: ['--publishTag'], nameSuffix: { option: '--nameSuffix', impliedBy: '--canary' } },
  },
  // projen's publib: `publib-npm` runs `npm publish` on the tarballs of a directory.
  // intuit/auto: `auto shipit` (and `canary`, `next`, `latest`) versions and publishes through its
  // plugins, npm's by default (`npm publish`, or lerna in a monorepo): a guess, certain when its
  // configuration loads the npm plugin and no publish when it leaves it out (auto-config.ts).
  ...(['shipit', 'canary', 'next', 'latest'] as const).map(
    (sub): PublishRecognizer => ({ id: `auto-${sub}`, tool: 'auto', label: `auto ${sub}`, confidence: 'heuristic', bins: ['auto'], subcommands: [[sub]], offWhenSet: ['--dry-run', '-d'] }),
  ),
  // Ship.js: `shipjs trigger` publishes with the `publishCommand` of its configuration
  // (`SHIPJS_CONFIG`), `npm publish --tag <tag>` by default: a guess, unless a simple
  // `publishCommand` is read (src/model/npm/shipjs-config.ts). `-D` is `--dry-run`; `-d` is `--dir`.
  { id: 'shipjs-trigger', tool: 'shipjs', label: 'shipjs trigger', confidence: 'heuristic', bins: ['shipjs'], subcommands: [['trigger']], offWhenSet: ['--dry-run', '-D'] },
  { id: 'publib-npm', tool: 'publib', label: 'publib-npm (runs npm publish)', confidence: 'heuristic', bins: ['publib-npm'], subcommands: [], offWhenSet: [] },
  // Evil Martians' clean-publish (its README and `clean-publish.js`, 5.x): copies the package to a
  // temporary directory, strips development fields and files, then runs `npm publish` there, unless
  // `--without-publish` or `--dry-run`, or its configuration's `withoutPublish: true` (`.clean-publish`,
  // package.json `"clean-publish"`: ../npm/clean-publish-config.ts, tinylibs/tinybench); its
  // configuration may pick pnpm or yarn instead (`packageManager`): a guess (tinylibs/tinyspy), but
  // about its client only: what it publishes is the package of the directory it runs in (`ownPackage`).
  { id: 'clean-publish', tool: 'npm', label: 'clean-publish (runs npm publish)', confidence: 'heuristic', bins: ['clean-publish'], subcommands: [], offWhenSet: ['--without-publish', '--dry-run'], ownPackage: true },
  // Microsoft's beachball: `beachball publish` bumps the changed packages, runs `npm publish --registry
  // <registry> --tag <tag> [--access <access>]` in each one's directory with the npm on PATH, then
  // pushes; `beachball canary` publishes prerelease versions the same way (its dist-tag is
  // `--canary-name`, default `canary`, in 2.x). A token (`--token`/`-n`, or `NPM_TOKEN`; 3.x
  // `BEACHBALL_NPM_TOKEN`) reaches npm as an `npm_config_//<registry>/:_authToken` variable, a
  // configured token that a successful OIDC exchange overrides (docs/domain.md §1.7), so the npm
  // version decides, as for `npm publish`. `--no-publish` and `--pack-to-path <dir>` publish nothing;
  // there is no `--dry-run` (2.x ignores unknown options and publishes, 3.x rejects them). 2.x passes
  // `--registry https://registry.npmjs.org/` unless told otherwise; 3.x leaves it to npm's
  // configuration. Its configuration file (`beachball.config.js`, package.json `beachball`:
  // `publish`, `packToPath`, `registry`) is not read: a guess.
  ...(['publish', 'canary'] as const).map(
    (sub): PublishRecognizer => ({
      id: `beachball-${sub}`,
      tool: 'beachball',
      label: `beachball ${sub} (runs npm publish)`,
      confidence: 'heuristic',
      bins: ['beachball'],
      subcommands: [[sub]],
      offWhenSet: ['--pack-to-path', '--packToPath'],
      offWhenUnset: ['--publish'],
      flagNames: { provenance: [], registry: ['--registry', '-r'], tag: sub === 'canary' ? ['--canary-name', '--canaryName'] : ['--tag', '-t'], access: ['--access'], token: ['-n', '--token'] },
    }),
  ),
  // napi-rs CLI: `napi prepublish` (2.x; 3.x: `napi pre-publish`, `prepublish` kept as an alias)
  // runs `<napi.npmClient> publish`, npm unless package.json `napi.npmClient` names another client
  // (not read: a guess), in each platform package directory under `npm/` (`-p`; 3.x `--npm-dir`,
  // relative to `--cwd`), one per configured target whose binary was built, after `napi version` has
  // set their versions to the root's; forwarding no flag. The root package is left to the caller's
  // own `npm publish` (often the one whose `prepublishOnly` runs this: PUBLISH_LIFECYCLES). Its
  // targets are the packages of that directory (src/model/npm/napi-targets.ts; made in the job, the
  // names its napi configuration gives them: ./napi.ts). `--dry-run`, and 3.x
  // `--skip-optional-publish`, publish nothing; `-t`/`--tagstyle` is the git tag style, not a dist-tag.
  ...(['prepublish', 'pre-publish'] as const).map(
    (sub): PublishRecognizer => ({
      id: `napi-${sub}`,
      tool: 'napi',
      label: `napi ${sub} (runs npm publish)`,
      confidence: 'heuristic',
      bins: ['napi'],
      subcommands: [[sub]],
      offWhenSet: ['--dry-run', '--skip-optional-publish'],
      flagNames: { provenance: [], registry: [], tag: [], access: [] },
    }),
  ),
  // rustwasm/wasm-pack (`src/command/mod.rs` `Publish`, `src/command/publish/mod.rs`, `src/npm.rs`
  // `npm_publish`): `wasm-pack publish [-t target] [-a access] [--tag tag] [-d pkg-dir] [path]` runs
  // `npm publish` (with `--access`, `--tag`) through the npm on PATH in the package directory a
  // `wasm-pack build` generated (`pkg`, or `-d`/`--pkg-dir`, under the crate at `path`; when it is
  // missing it asks, which a CI job cannot answer). That package.json is generated, not committed:
  // its targets are unknown. A guess at most: the build may not have run.
  {
    id: 'wasm-pack-publish',
    tool: 'npm',
    label: 'npm publish (run by wasm-pack publish)',
    confidence: 'heuristic',
    bins: ['wasm-pack'],
    subcommands: [['publish']],
    offWhenSet: [],
    flagNames: { provenance: [], registry: [], tag: ['--tag'], access: ['--access', '-a'] },
  },
  // aegir (ipfs/aegir, the IPFS and libp2p toolchain): `aegir release` releases with semantic-release
  // (its npm plugin runs the npm CLI), `aegir release-rc` publishes a release candidate of every
  // package with `npm publish --tag next`. Both run the npm on PATH; which packages, and whether the
  // release runs at all, depend on aegir's configuration: a guess (ipfs/helia `release:rc`).
  {
    id: 'aegir-release',
    tool: 'npm',
    label: 'npm publish (run by aegir release)',
    confidence: 'heuristic',
    bins: ['aegir'],
    subcommands: [['release'], ['release-rc']],
    offWhenSet: ['--dry-run'],
  },
  // Microsoft's Rush (rush-lib 5.178.1 `src/cli/actions/PublishAction.ts`; rushjs.io/pages/commands/rush_publish):
  // `rush publish` is read-only unless `--publish`/`-p` ("printing operations executed to the
  // console": PublishUtilities.execCommandAsync's `shouldExecute`). With `--include-all` it publishes
  // every project with `shouldPublish` (or a version policy) whose version is not on the registry;
  // without it, the packages its change files bump, which only `--apply`/`-a` writes (without either
  // nothing is bumped: a guess). `--pack` packs tarballs instead. Each package is published with the
  // package manager rush.json names (src/model/npm/rush.ts), with `--tag`, `--set-access-level` as
  // `--access`, `--registry`/`-r` as `npm_config_registry`, and `--npm-auth-token`/`-n` as
  // `--//<registry>:_authToken=`; no `--provenance`. `node common/scripts/install-run-rush.js
  // publish …` runs the same (LAUNCHER_SCRIPTS).
  {
    id: 'rush-publish',
    tool: 'rush',
    label: 'rush publish --publish',
    confidence: 'certain',
    bins: ['rush'],
    subcommands: [['publish']],
    offWhenSet: ['--pack'],
    onlyWhenSet: ['--publish', '-p'],
    certainWhenSet: ['--include-all', '--apply', '-a'],
    flagNames: { provenance: [], registry: ['--registry', '-r'], tag: ['--tag', '-t'], access: ['--set-access-level'] },
  },
  // Ember's release-plan (embroider-build/release-plan 0.17.2 and 0.20.0, `src/publish.ts` `npmPublish`,
  // `packageManager()`; `src/cli.ts`): `release-plan publish` tags, pushes and publishes each package
  // the committed `.release-plan.json` plans, with `pnpm publish` when a `pnpm-lock.yaml` is in the
  // directory it runs in, else `npm publish` (src/model/npm/release-plan.ts), passing `--access`,
  // `--provenance` and `--otp` on and the plan's `--tag`; `--dryRun` (yargs also reads `--dry-run`)
  // adds `--dry-run`. It has no OIDC exchange of its own: the npm or pnpm it runs decides.
  {
    id: 'release-plan-publish',
    tool: 'release-plan',
    label: 'release-plan publish',
    confidence: 'certain',
    bins: ['release-plan'],
    subcommands: [['publish']],
    offWhenSet: ['--dryRun', '--dry-run'],
    flagNames: { provenance: ['--provenance'], registry: [], tag: [], access: ['--access'] },
  },
  // Vite+ (`vp`): `vp pm publish` and `vp pm stage publish` run the workspace's package manager's
  // publish (pnpm, npm, `yarn npm publish`; detected from packageManager, devEngines, lockfiles),
  // with the flags passed on: which one is not read here, so a guess (rolldown's publish-to-npm.yml).
  { id: 'vp-pm-publish', tool: 'other', label: 'vp pm publish (runs the package manager\'s publish)', confidence: 'heuristic', bins: ['vp'], subcommands: [['pm', 'publish']], offWhenSet: ['--dry-run'] },
  // `vp publish` at the top level, as bengry/typedash's publish.yml runs it (`vp publish --access
  // public --no-git-checks --provenance`, its move to trusted publishing): read like `vp pm publish`.
  // Not in DOMAIN.md; taken from that workflow, so a guess like the row above (survey800b M2).
  { id: 'vp-publish', tool: 'other', label: 'vp publish (runs the package manager\'s publish)', confidence: 'heuristic', bins: ['vp'], subcommands: [['publish']], offWhenSet: ['--dry-run'] },
  { id: 'vp-pm-stage-publish', tool: 'other', label: 'vp pm stage publish (runs the package manager\'s stage publish)', confidence: 'heuristic', bins: ['vp'], subcommands: [['pm', 'stage', 'publish']], offWhenSet: ['--dry-run'] },
  { id: 'npmci-publish', tool: 'npmci', label: 'npmci npm publish', confidence: 'heuristic', bins: ['npmci'], subcommands: [['npm', 'publish']], offWhenSet: ['--dry-run'] },
  // npmci's older form `npmci publish [npm|docker]` (pushrocks/plr, pushrocks/cert): `docker` is not npm.
  { id: 'npmci-publish-legacy', tool: 'npmci', label: 'npmci publish', confidence: 'heuristic', bins: ['npmci'], subcommands: [['publish']], otherOperations: ['docker'], offWhenSet: ['--dry-run'] },
  // GoReleaser (`goreleaser [release|continue|publish]`): GoReleaser Pro publishes the packages of
  // its configuration's `npms:`; whether this run publishes, and what, is read from the command and
  // that configuration (src/model/npm/goreleaser.ts, `GORELEASER`). Which edition runs is not known
  // from a command, so a guess; goreleaser/goreleaser-action says it (`ACTION_RECOGNIZERS`).
  { id: 'goreleaser-release', tool: 'goreleaser', label: 'goreleaser (GoReleaser Pro publishes its `npms:` packages)', confidence: 'heuristic', bins: ['goreleaser'], subcommands: [], offWhenSet: [] },
  // Last: only for bins that nothing above (nor NEVER_PUBLISHES) knows.
  { id: 'unknown-bin-publish', tool: 'other', label: '{bin} publish', confidence: 'heuristic', bins: [], anyBin: true, subcommands: [['publish']], offWhenSet: ['--dry-run', '--dry'] },
];

/** Recognisers whose guess is not about what they publish: the package of their directory (`PublishRecognizer.ownPackage`: clean-publish; targets.ts). */
export const OWN_PACKAGE_RECOGNIZERS: ReadonlySet<string> = new Set(PUBLISH_RECOGNIZERS.filter((r) => r.ownPackage === true).map((r) => r.id));

/**
 * GoReleaser, read in its source (goreleaser/goreleaser `cmd/root.go`, `cmd/release.go`,
 * `cmd/config.go`, `pkg/config/load.go`, `internal/skips`) and documentation (customization/publish/
 * npm, general/partial, publish/nightlies, pro), December 2026:
 * - `npms:` (GoReleaser Pro, from v2.8): for each entry it generates a package (`name`, required)
 *   around the binaries it built and publishes it with npm ("npmjs.com by default, customize with
 *   npm config"); an entry whose `disable` is `true` is skipped. GoReleaser OSS refuses a
 *   configuration with `npms:` (it reads the file strictly; with `pro: true`, `release` still fails
 *   unless `--snapshot`), so only Pro publishes it.
 * - `goreleaser`, `goreleaser release` (`r`): a release, which publishes, unless `--snapshot`,
 *   `--skip=publish` (a list: `--skip=announce,publish`; v1's `--skip-publish`), or Pro's `--split`
 *   (builds one platform's part) or `--prepare` (builds, publishes later). Pro's `continue`
 *   (`--merge`) and `publish` run the publishers of a split or prepared release. `--nightly` is read
 *   as no npm publish: the nightlies page does not list npm among what it skips, but GoReleaser's
 *   own and go-task/task's daily nightly runs, whose configurations have `npms:`, have never put a
 *   nightly version on npm (`npm view @goreleaser/goreleaser versions`, `@go-task/cli`, 2026-12) [obs].
 *   The other commands (`build`, `check`, `healthcheck`, `init`, `announce`, `verify`...) never do.
 * - The configuration: `-f`/`--config`, else the first of `configFiles` in the directory it runs
 *   in (none: the defaults, no `npms`); Pro's `includes:` merge `from_file: {path}` (read from the
 *   directory it runs in) and `from_url` files (never fetched: the configuration stays unread).
 */
export const GORELEASER = {
  configFiles: ['.config/goreleaser.yml', '.config/goreleaser.yaml', '.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'],
  configFlags: ['-f', '--config'],
  /** Options of `release`/`continue`/`publish` that take a value (besides the configuration's). */
  valueFlags: ['-p', '--parallelism', '--timeout', '--skip', '--release-notes', '--release-header', '--release-footer', '--release-notes-tmpl', '--release-header-tmpl', '--release-footer-tmpl', '-k', '--key'],
  /** The commands that publish; no command at all is `release`. */
  publishing: ['release', 'r', 'continue', 'publish'],
  /** Options of `release` that make it publish nothing. */
  noPublish: ['--snapshot', '--split', '--prepare', '--skip-publish', '--nightly'],
  skipFlag: '--skip',
  skipPublish: 'publish',
} as const;

/**
 * `@semantic-release/exec`, read in its source (`index.js`, `lib/exec.js`): in the
 * publish step it runs the `publishCmd` of its plugin options (the configuration's root options
 * included, which semantic-release passes to every plugin) through a shell, in semantic-release's
 * directory unless `execCwd` names another, after a lodash `template` fills `${nextRelease.version}`
 * and `<%= … %>` in from the release (`<% … %>` runs code). `cmd`, the command of every step
 * without its own, is not read.
 */
export const SEMANTIC_RELEASE_EXEC = {
  plugin: '@semantic-release/exec',
  key: 'publishCmd',
  /** Options under which the command is not read: it runs in another directory. */
  unreadWith: ['execCwd'],
  /**
   * The recogniser of a `publishCmd` that runs something tp-doctor cannot read (a script file, an
   * Nx target of a custom executor): a guess of a publish, as a script named `publish` would be.
   */
  unreadRecognizer: 'semantic-release-exec',
} as const;

/**
 * release-it's `hooks`, read in its source (release-it 21.1.2, `lib/index.js`, `lib/shell.js`,
 * `lib/plugin/factory.js`, `lib/plugin/npm/npm.js`): for each lifecycle step it runs, through a
 * shell in its own directory, `hooks["before:<step>"]` before the first plugin and
 * `hooks["after:<step>"]` after the last, and `hooks["before:<plugin>:<step>"]` /
 * `hooks["after:<plugin>:<step>"]` around each enabled plugin's step (a string or a list of
 * strings, `${version}` and the like filled in from the release; none in a dry run). The `after:`
 * hook of a step the plugin declines (npm's `release` with `npm.publish: false` or a private
 * package) does not run. The npm plugin is enabled unless `npm: false`; the Git, GitHub and GitLab
 * plugins depend on their own options and the checkout, so their hooks are read as possible runs.
 */
export const RELEASE_IT_HOOKS = {
  key: 'hooks',
  /** The lifecycle steps, in the order release-it runs them. */
  steps: ['init', 'beforeBump', 'bump', 'beforeRelease', 'release', 'afterRelease'],
  /** Plugins whose hooks run whenever release-it runs. */
  alwaysOn: ['version'],
  /** The npm plugin: its hooks run unless `npm: false`. */
  npm: 'npm',
  /** Plugins whose hooks may or may not run (their options, the checkout). */
  maybeOn: ['git', 'github', 'gitlab'],
} as const;

/**
 * Ship.js's configuration, read in its released source (shipjs 0.28.2, February 2026:
 * `shipjs-lib/src/lib/config/loadConfig.js`, `defaultConfig.js`; `shipjs/src/flow/release.js`,
 * `step/release/runPublish.js`, `helper/getPublishCommand.js`). `shipjs trigger` loads the first of
 * `files` in its directory (`--dir`/`-d`, else where it runs) with `import()`, spreads it over the
 * defaults, and runs `publishCommand({ isYarn, tag, defaultCommand, dir })`, a function, through a
 * shell in that directory (a string value is not called: the release fails before publishing).
 * `defaultCommand` (and the default `publishCommand`, which returns it) is `npm publish --tag <tag>`
 * since 0.21.1 (2020), prefixed with `npm_config_registry=https://registry.npmjs.org/` when a
 * `yarn.lock` is there, with `--provenance` when `useOidcTokenProvider` is set (0.28.0); before
 * 0.21.1, `yarn publish --no-git-tag-version --non-interactive --tag <tag>` with Yarn. With
 * `monorepo`, the command runs once in each `monorepo.packagesToPublish` directory instead.
 */
export const SHIPJS_CONFIG = {
  files: ['ship.config.js', 'ship.config.cjs', 'ship.config.mjs'],
  key: 'publishCommand',
  /** The documented parameters of `publishCommand`. */
  parameters: ['isYarn', 'tag', 'defaultCommand', 'dir'],
  /**
   * Parameters whose value only the release knows: `${tag}` in the command is kept as a shell
   * variable of that name, a word tp-doctor cannot read. `defaultCommand` is not one of them: a
   * command built on it depends on the Ship.js version and the directory (read as the default).
   */
  unknownWords: ['isYarn', 'tag', 'dir'],
  monorepoKey: 'monorepo',
  /** `trigger` options that name another directory for the configuration and the command. */
  dirOptions: ['--dir', '-d'],
  /**
   * Before publishing, `runPublish.js` runs `npm config set "//registry.npmjs.org/:_authToken"
   * "${NPM_AUTH_TOKEN}"` in the directory, unless the configuration sets `useOidcTokenProvider`
   * (0.28.0): the token comes from that variable, which a CI provider's settings or a context hold.
   */
  tokenVariable: 'NPM_AUTH_TOKEN',
  oidcKey: 'useOidcTokenProvider',
} as const;

/**
 * The lifecycle scripts of the published package that a package manager's publish runs, in order,
 * split around the upload (`before`, then the publish itself, then `after`). A publish command in
 * one of them (`"prepublishOnly": "napi prepublish -t npm"`) is a publish of the job too
 * (src/model/npm/lifecycle-scripts.ts). Only a directory is published with its scripts: a tarball or
 * a registry spec runs none. Read in the released sources, December 2026:
 * - npm 11 (`lib/commands/publish.js`, `npm publish` and `npm stage publish`): `prepublishOnly`; then
 *   libnpmpack runs `prepack`, pacote's directory fetcher `prepare`, libnpmpack `postpack`; after the
 *   upload `publish`, `postpublish`. None with `ignore-scripts` (the flag, or `.npmrc`). `prepublish`
 *   does not run on publish.
 * - pnpm 11 (`releasing/commands/src/publish/publish.ts` and `pack.ts`, also under `pnpm stage
 *   publish`): `prepublishOnly`, `prepublish`, then its pack's `prepack`, `prepare`, `postpack`; after
 *   the upload `publish`, `postpublish`. None with `--ignore-scripts`, nor for a `.tgz` argument.
 * - Yarn Berry (`yarn npm publish`, plugin-npm-cli and plugin-pack): `prepublish`, `prepack`; after the
 *   upload `postpack`. No option skips them.
 * - Yarn 1 (`src/cli/commands/publish.js`): `prepublish`, `prepare`, `prepublishOnly`, `prepack`,
 *   `postpack`; after the upload `publish`, `postpublish`.
 * - lerna and @lerna-lite/publish (`lerna publish`, lerna-lite `publish/src/lib/pack-directory.ts`
 *   and `npm-publish.ts`), in each package it publishes: `prepublish` (not with
 *   `--ignore-prepublish`), `prepare`, `prepublishOnly`, `prepack`, `postpack`; after the upload
 *   `publish`, `postpublish`. None with `--ignore-scripts`.
 * A workspace-wide publish (`npm publish --workspaces`, `pnpm -r publish`, `lerna publish`) runs them
 * in each package it publishes (`PublishLifecycle.workspaces`).
 * - `changeset publish` in a pnpm workspace: pnpm's, in each package it publishes.
 * Not here (not read): Bun, and the tools that run another tool's publish per package (changesets
 * outside a pnpm workspace: npm's or Yarn's by the repository and its major; semantic-release):
 * their packages' scripts are not followed.
 */
export interface PublishLifecycle {
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** Boolean flags of the publish command that skip every one of them. */
  readonly offWhenSet: readonly string[];
  /** `ignore-scripts=true` in the project `.npmrc` the npm CLI reads skips them. */
  readonly npmrcIgnoreScripts?: boolean;
  /**
   * The command publishes the directory its one positional argument names (`npm publish ./dist`),
   * else the one it runs in; `valueFlags`: its options that take a value, besides the bin's
   * `GLOBAL_VALUE_FLAGS`. Absent: always the package it runs in (`yarn npm publish`).
   */
  readonly directoryArgument?: { readonly valueFlags: readonly string[] };
  /**
   * The command publishes many workspace packages, each with its own lifecycle scripts: `every`, its
   * options that select all of them (`-ws`, `-r`; none: the command always does, `lerna publish`),
   * `select`, those that narrow the selection by name or directory (`-w`, `--filter`), and `source`,
   * the list it reads (src/model/npm/workspace-lifecycles.ts); `privateToo`: it runs the scripts
   * before the upload in private packages too, and skips them only then (npm checks `private` after
   * packing: `lib/commands/publish.js` `execWorkspaces`, EPRIVATE caught per workspace); `only`:
   * `source` alone, never the package manager's list in its place (`changeset publish` runs pnpm's
   * publish only in a pnpm workspace).
   */
  readonly workspaces?: { readonly every: readonly string[]; readonly select: readonly string[]; readonly source: 'package.json' | 'pnpm-workspace.yaml' | 'lerna.json'; readonly privateToo?: true; readonly only?: true };
}

const NPM_LIFECYCLE: PublishLifecycle = {
  before: ['prepublishOnly', 'prepack', 'prepare', 'postpack'],
  after: ['publish', 'postpublish'],
  offWhenSet: ['--ignore-scripts'],
  npmrcIgnoreScripts: true,
  directoryArgument: { valueFlags: [] },
  workspaces: { every: ['-ws', '--workspaces'], select: ['-w', '--workspace'], source: 'package.json', privateToo: true },
};

const PNPM_LIFECYCLE: PublishLifecycle = {
  before: ['prepublishOnly', 'prepublish', 'prepack', 'prepare', 'postpack'],
  after: ['publish', 'postpublish'],
  offWhenSet: ['--ignore-scripts'],
  directoryArgument: { valueFlags: [] },
  workspaces: { every: ['-r', '--recursive'], select: ['--filter', '-F', '--filter-prod'], source: 'pnpm-workspace.yaml' },
};

/** By recogniser id (`PUBLISH_RECOGNIZERS`). */
export const PUBLISH_LIFECYCLES: Readonly<Record<string, PublishLifecycle>> = {
  'npm-publish': NPM_LIFECYCLE,
  'npm-stage-publish': NPM_LIFECYCLE,
  'pnpm-publish': PNPM_LIFECYCLE,
  'pnpm-stage-publish': PNPM_LIFECYCLE,
  'yarn-npm-publish': { before: ['prepublish', 'prepack'], after: ['postpack'], offWhenSet: [] },
  // `changeset publish` in a pnpm workspace runs `pnpm publish` in each package it publishes
  // (../npm/changesets.ts: @changesets/cli 2 and 3 alike), so pnpm's scripts; elsewhere npm's or
  // Yarn's by the repository and the @changesets/cli major, not followed.
  'changeset-publish': { ...PNPM_LIFECYCLE, offWhenSet: [], directoryArgument: undefined, workspaces: { every: [], select: [], source: 'pnpm-workspace.yaml', only: true } },
  'lerna-publish': {
    before: ['prepublish', 'prepare', 'prepublishOnly', 'prepack', 'postpack'],
    after: ['publish', 'postpublish'],
    offWhenSet: ['--ignore-scripts'],
    workspaces: { every: [], select: [], source: 'lerna.json' },
  },
  'yarn-publish': {
    before: ['prepublish', 'prepare', 'prepublishOnly', 'prepack', 'postpack'],
    after: ['publish', 'postpublish'],
    offWhenSet: [],
    directoryArgument: { valueFlags: ['--tag', '--access', '--new-version', '--message', '-m', '--otp'] },
  },
};

/**
 * Actions tp-doctor does not know and that a `uses:` step may run are read by their words: one
 * that says it publishes or releases, in a job with signs of an npm publish, is a possible publish.
 * These never publish to npm whatever their words say (`uses:` compared without `@ref`, in lower case).
 */
export const NEVER_PUBLISHING_ACTIONS: ReadonlySet<string> = new Set([
  // GitHub releases and release pull requests, not registry publishes
  'softprops/action-gh-release', 'ncipollo/release-action', 'actions/create-release', 'googleapis/release-please-action',
  'google-github-actions/release-please-action', 'release-drafter/release-drafter', 'marvinpinto/action-automatic-releases',
  'cli/gh-extension-precompile', 'actions/publish-immutable-action', 'actions/publish-action', 'actions/upload-release-asset', 'svenstaro/upload-release-action',
  // MetaMask's release actions: a GitHub release when a release PR is merged, and the release PR
  // itself (their READMEs); the npm publish is MetaMask/action-npm-publish's. action-is-release only
  // compares package.json's `version` with the previous commit's and outputs `IS_RELEASE` (its
  // `action.yml` and `scripts/is-release.sh`, read 2026-12: `actions/checkout`, git and jq, no npm)
  'metamask/action-publish-release', 'metamask/action-create-release-pr', 'metamask/action-is-release',
  // danielroe/uppt's release pull request, tag and GitHub release (it dispatches the publish
  // workflow), and its pack into a workflow artifact (their `action.yml`, v0.3.0 to v0.5.5); the npm
  // publish is danielroe/uppt/publish's (`ACTION_RECOGNIZERS`)
  'danielroe/uppt/pr', 'danielroe/uppt/release', 'danielroe/uppt/pack',
  // other registries
  'pypa/gh-action-pypi-publish', 'docker/build-push-action', 'docker/login-action', 'jsr-io/publish', 'hashicorp/ghaction-terraform-provider-release',
]);

/**
 * Words of a remote action's name, after its owner, that say it does other work than a publish: it
 * sets up a tool, checks out, caches, installs, moves files, logs in or fetches a token. An action
 * tp-doctor does not know whose own name does not say publish, in a step whose name says it
 * publishes to npm, is read as a possible publish (src/model/github/unknown-actions.ts), unless its
 * name has one of these (`actions/setup-node` in a step "Setup Node for npm publish",
 * `actions/create-github-app-token` in "Get a token to publish to npm").
 */
export const NOT_PUBLISHING_ACTION_WORDS: ReadonlySet<string> = new Set([
  'setup', 'checkout', 'cache', 'install', 'download', 'upload', 'artifact', 'artifacts', 'login', 'token', 'credentials', 'harden',
]);

/**
 * Tools whose set of packages is not in the files (they publish what the build wrote), whose
 * candidates leave out the workspace packages in example folders: a package whose directory is in
 * one of `folders` at the repository root (a workspace glob `examples/*`) and whose package.json has
 * none of `unlessFields`. publib-npm publishes the tarballs of `dist/js`, which projen and jsii
 * builds write for the libraries; hashicorp/terraform-cdk's 49 `@examples/*` workspaces are never
 * packed (survey910b D2).
 */
export const EXAMPLE_FOLDERS_NOT_PUBLISHED: Readonly<Record<string, { folders: readonly string[]; unlessFields: readonly string[] }>> = {
  publib: { folders: ['examples', 'example'], unlessFields: ['jsii', 'publishConfig'] },
};

/**
 * The publish tools that pack the directory a package's `publishConfig.directory` names instead of
 * the package's own, so the `package.json` sent is the one in that directory, usually written by the
 * build in the job (src/model/npm/publish-directory.ts; docs/domain.md A.40). Read in the released
 * sources, December 2026:
 * - pnpm (`releasing/commands/src/publish/pack.ts` of 11.x, the same in 10.x, which then hands the
 *   tarball to `npm publish`): `dir = path.join(opts.dir, publishConfig.directory)`, then
 *   `readProjectManifest(dir)`; `pnpm publish`, `pnpm stage publish`, `pnpm -r publish` and
 *   `--filter` alike (the recursive publish chooses the packages by their own manifests, name,
 *   version and `private`, and publishes each through the same pack). `publishConfig.linkDirectory`
 *   only changes how workspace dependencies are linked on install (`npm-resolver`), not the publish.
 * - lerna and @lerna-lite/publish (`Package.contents`: `publishConfig.directory` under the package,
 *   packed by `pack-directory`).
 * - `changeset publish` in a pnpm repository runs `pnpm publish` in each package (./changesets.ts).
 * Not: the npm CLI (`lib/commands/publish.js` reads `publishConfig` only as configuration; there is
 * no `directory` setting), Yarn Berry (`packUtils.genPackList` walks the workspace's own directory),
 * Bun (oven-sh/bun#23641, open).
 */
export const PUBLISH_DIRECTORY_TOOLS: ReadonlySet<string> = new Set(['pnpm', 'lerna']);

/** The package manager under which a tool's publish runs pnpm's own (`changeset publish` in a pnpm repository). */
export const PUBLISH_DIRECTORY_UNDER_PNPM: ReadonlySet<string> = new Set(['changesets']);

/**
 * PowerShell's cmdlets that never publish (in lower case; matched case-insensitively). Its location
 * cmdlets are `POWERSHELL_LOCATION_CMDLETS`, read as the shell's `cd`, `pushd` and `popd`.
 */
export const POWERSHELL_CMDLETS_NEVER_PUBLISHING: readonly string[] = [
  'get-childitem', 'write-host', 'write-output', 'copy-item', 'remove-item', 'new-item', 'test-path', 'get-content',
  'set-content', 'out-file', 'invoke-webrequest', 'expand-archive', 'compress-archive', 'join-path', 'split-path',
  'import-module', 'select-string', 'foreach-object', 'where-object',
];

/**
 * PowerShell's location cmdlets (in lower case; matched case-insensitively) and the shell word each
 * is read as, so the directory a `shell: pwsh` step moves to is followed like `cd`'s
 * (`Set-Location packages/x` then `npm publish` publishes packages/x). Their `-Path` and
 * `-LiteralPath` options name the directory (`POWERSHELL_PATH_OPTIONS`).
 */
export const POWERSHELL_LOCATION_CMDLETS: Readonly<Record<string, string>> = {
  'set-location': 'cd',
  'push-location': 'pushd',
  'pop-location': 'popd',
};
export const POWERSHELL_PATH_OPTIONS: readonly string[] = ['-path', '-literalpath'];

/**
 * Commands that never publish to the npm registry: shell builtins and utilities, git, build, test
 * and changelog tools, and tools that publish somewhere else (VS Code Marketplace, Open VSX, JSR,
 * crates.io, PyPI, containers, hosting). A script named like a publish (`release`) that runs only
 * these, and non-publishing subcommands of the tools in the tables above (`changeset version`,
 * `lerna version`, `npm ci`), is not reported as a guessed publish; `<runner> <bin> publish` with
 * one of these bins is not either (`npx vsce publish`). Tools that run other scripts (`run-s`,
 * `concurrently`) are not listed: they are `SCRIPT_RUNNERS` whose scripts are read.
 */
export const NEVER_PUBLISHES: readonly string[] = [
  // shell reserved words and builtins (`if`, `then`, `do` are prefixes: see COMMAND_PREFIXES)
  'fi', 'done', 'esac', 'for', 'case', 'in', 'select', 'function', 'break', 'continue', 'wait', 'trap', 'local',
  'declare', 'typeset', 'readonly', 'let', 'shopt', 'pushd', 'popd', 'read', 'umask', 'type', 'which', 'hash',
  'echo', 'printf', 'true', 'false', ':', 'exit', 'return', 'sleep', 'cd', 'pwd', 'export', 'set', 'unset', 'shift',
  // utilities
  'test', '[', '[[', 'ls', 'cat', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'touch', 'chmod', 'chown', 'ln', 'tar',
  'zip', 'unzip', 'gzip', 'sed', 'awk', 'grep', 'jq', 'yq', 'find', 'xargs', 'tee', 'head', 'tail', 'wc', 'sort',
  'uniq', 'tr', 'cut', 'date', 'basename', 'dirname', 'realpath', 'curl', 'wget', 'sha256sum', 'shasum', 'openssl',
  'git', 'gh',
  // CI agents' own tools (`circleci run oidc get`, `circleci-agent step halt`)
  'circleci', 'circleci-agent',
  // build, test, lint and changelog tools
  'rimraf', 'del-cli', 'shx', 'cpy', 'tsc', 'tsup', 'tsdown', 'unbuild', 'rollup', 'rolldown', 'vite', 'webpack',
  'esbuild', 'babel', 'swc', 'eslint', 'prettier', 'biome', 'oxlint', 'vitest', 'jest', 'mocha', 'ava', 'tap',
  'c8', 'nyc', 'playwright', 'cypress', 'typedoc', 'api-extractor', 'conventional-changelog', 'auto-changelog',
  'git-cliff', 'syncpack', 'manypkg', 'sherif', 'publint', 'attw',
  // GitHub release notes from the commits (semaphore-protocol/semaphore's `version:release`)
  'changelogithub',
  // @antfu/ni's install, clean install, upgrade, uninstall and dedupe (`ni`, `nci`, `nup`, `nun`,
  // `nd`: the package manager's `install`, `ci`, `update`, `uninstall`, `dedupe`; its README)
  'ni', 'nci', 'nup', 'nun', 'nd',
  // version bumpers that write the changelog, commit and tag, and print the publish command to run
  // next. Their lifecycle hooks (`scripts` in .versionrc) are commands tp-doctor does not read.
  'standard-version', 'commit-and-tag-version',
  // publishers to other places (not `cargo`: `cargo xtask publish-npm` runs the repository's own
  // Rust code, read as a command tp-doctor cannot read; `cargo publish` is never a possible npm publish)
  // (not `deno`: `deno run build.ts` runs the repository's own code, read as a command tp-doctor
  // cannot read, dprint/dprint's npm publish; `deno publish` goes to JSR: OTHER_ECOSYSTEMS)
  'vsce', 'ovsx', 'jsr', 'twine', 'poetry', 'docker', 'helm', 'wrangler', 'expo', 'eas',
  'web-ext', 'firebase', 'vercel', 'netlify', 'chromatic', 'gh-pages',
  // Electron apps' publishers: GitHub releases, S3 and update servers, never npm (electron/fiddle's
  // `electron-forge publish`; electron-builder's `--publish always`)
  'electron-forge', 'electron-builder',
  // previews and local registries: pkg.pr.new, yalc's local store
  'pkg-pr-new', 'yalc',
  // the MCP Registry's publisher (`mcp-publisher publish` sends server.json there, never a tarball
  // to npm; the registry's documented GitHub Actions recipe: ChromeDevTools/chrome-devtools-mcp)
  'mcp-publisher',
  // PowerShell cmdlets (a `shell: pwsh` step's; PowerShell is case-insensitive, so the first word
  // of a command is read in lower case when it is one of them: ../npm/shell-words.ts)
  ...POWERSHELL_CMDLETS_NEVER_PUBLISHING,
];

/**
 * Bins of the tables above that also run commands the repository defines: only these subcommands
 * are known, and any other is a command tp-doctor cannot read. Rush runs the custom commands of
 * `common/config/rush/command-line.json` (`rush release` may run anything) besides its built-in
 * actions (rush-lib 5.178.1, the `actionName` of each `src/cli/actions/*Action.ts`) and its default
 * `build` and `rebuild`, which run each project's script of that name.
 */
export const BIN_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  rush: [
    'add', 'alert', 'bridge-package', 'build', 'change', 'check', 'deploy', 'init', 'init-autoinstaller', 'init-deploy', 'init-subspace',
    'install', 'install-autoinstaller', 'link', 'link-package', 'list', 'publish', 'purge', 'rebuild', 'remove', 'scan', 'setup', 'unlink',
    'update', 'update-autoinstaller', 'update-cloud-credentials', 'upgrade-interactive', 'version',
  ],
};

/**
 * Commands that run another command: `npx npm@11 publish`, `pnpm -r exec npm publish`,
 * `yarn workspaces foreach -A npm publish`. The words after the runner are recognised again.
 */
export interface CommandRunner {
  readonly id: string;
  readonly bin: string;
  /** Accepted spellings of the subcommand after the bin's global flags; `[[]]` for none. */
  readonly subcommands: readonly (readonly string[])[];
  /** Options of the runner that take the next word as their value. */
  readonly valueFlags: readonly string[];
  /** Options naming the package to install (`npx -p npm@11 npm publish`): a version source. */
  readonly packageFlags?: readonly string[];
  /** Options whose value is a whole command string (`npx -c 'npm publish'`). */
  readonly commandFlags?: readonly string[];
  /** The words after the options are one shell script (`yarn exec "npm publish"`), the first as written, the rest as its words. */
  readonly joinsRest?: true;
  /**
   * Options, before or after the subcommand, that make the rest one shell command line (`pnpm -c
   * exec "echo $(jq ...) > package.json"`, `--shell-mode`): read as a command, not as a bin.
   */
  readonly shellModeFlags?: readonly string[];
  /**
   * A POSIX shell's options (`sh -xc '…'`, `bash -e -o pipefail -c '…'`): short options combine,
   * `-o`/`+o` take a name, and with `c` among them the first operand is the command string; without
   * it the operand is a script file to run.
   */
  readonly shellOptions?: boolean;
  /** The first word is a package spec (`npx lerna@8 publish`), not only a bin name. */
  readonly packageSpec?: boolean;
  /** Positional arguments before the command (`yarn workspace <name> npm publish`). */
  readonly positionals?: number;
  /** The rest is a subcommand of this bin (`yarn workspaces foreach -A npm publish` → `yarn npm publish`). */
  readonly prepend?: string;
  /**
   * The first positional is the version of this bin that runs the rest (`pnpm with latest-10
   * publish`: pnpm 10); `current` pins nothing, `latest-<major>`/`next-<major>` pin the major.
   */
  readonly versionOf?: string;
  /** Runs in other packages: the root `scripts` do not apply. */
  readonly otherPackages?: boolean;
  /**
   * Runs the rest in each selected workspace of the root package.json's `workspaces`
   * (`yarn workspaces foreach`): a script it runs is read in each workspace that has it.
   */
  readonly foreach?: ForeachFlags;
  /**
   * Runs a file, and is a runner only when that file belongs to a package: `node
   * node_modules/.bin/changeset publish` runs bin `changeset`, `node node_modules/npm/bin/npm-cli.js`
   * runs package `npm` (its bin through `PACKAGE_BINS`), and a launcher script (`LAUNCHER_SCRIPTS`:
   * `node common/scripts/install-run-rush.js publish` runs `rush publish`). `node scripts/x.js` is not a runner.
   */
  readonly binFromPath?: boolean;
  /** Text a script must contain for this runner to apply (default: the bin); see `findPublishCommands`. */
  readonly trigger?: string;
  /**
   * The words before `--` (after the options) are tools the runner sets up, each first on `PATH`
   * (`mise x node@22 aube -- ./release.sh`); the command is what follows `--`, none without it.
   */
  readonly toolArgs?: true;
  /** Among `toolArgs`, the names (before `@version`) that give the Node the command runs with. */
  readonly nodeTools?: readonly string[];
  /** Options whose value is the directory the command runs in (`mise -C packages/a x -- npm publish`). */
  readonly cdFlags?: readonly string[];
  /**
   * The workspace options, after the subcommand, of a runner that runs the command in workspaces
   * (`npx --workspace=app semantic-release`, `npm exec -w app -- release-it`, `npx -ws x`: npm's exec
   * runs it in each selected workspace's directory, lib/commands/exec.js `execWorkspaces`), read as
   * the same options written before the subcommand are (`npm -w app exec …`, `OTHER_PACKAGE_FLAGS`)
   * and as `npm run x` reads them (`ScriptRunner.workspaces`). Not `--prefix`: exec runs the command
   * in the current directory whatever the prefix.
   */
  readonly workspaces?: WorkspaceRunFlags;
  /** The bin does more than this runner (`mise run <task>`, `mise install`): those uses stay unread, not known. */
  readonly binHasOtherUses?: true;
  /** Words that make the runner print the command it would run instead of running it (@antfu/ni's `?`). */
  readonly printOnly?: readonly string[];
  /**
   * A word before the explicit subcommand that runs the script in every workspace of `source`
   * instead, never in the root, with the words after the name forwarded (Yarn 1's `yarn workspaces
   * run <script> [args]`: ../npm/script-runs.ts reads it as `npm run <script> --workspaces`).
   */
  readonly everyWorkspace?: { readonly word: string; readonly source: WorkspaceRunFlags['source'] };
  /** Boolean options that take the next word as their value when it is `true` or `false` (yargs: aegir's `--bail false`). */
  readonly booleanFlags?: readonly string[];
  /**
   * A container runner (`docker run [options] <image> <command…>`, ./container-runs.ts): the first
   * operand is the image whose Node and npm run the command, and these options pass variables in.
   */
  readonly container?: ContainerEnvFlags;
  /**
   * The command is the first word after the options and its arguments are only the words after a
   * later `--` (aegir's `exec <command> -- <args>`: yargs leaves other positionals out).
   */
  readonly argsAfterDashes?: true;
  /**
   * An environment manager (`nix develop --command …`, `devbox run …`: ./environment-runs.ts): how
   * its words give the command, which runs with the environment's Node and npm, not the job's.
   */
  readonly environment?: EnvironmentFlags;
}

/**
 * The options of a runner that runs a script in every package of its list that has it
 * (`ScriptRunner.packageFilter`): which take a value, and which filter the packages (lerna's
 * filter options, lerna.js.org/docs/api-reference/commands "Filter Options", lerna 3-9 and
 * lerna-lite: `--scope`/`--ignore` globs matched against package names, `--no-private`, `--since
 * [ref]`, and the options that add dependents or dependencies, which the files do not say).
 */
export interface PackageFilterFlags {
  /** Options that take a value (`--since` only when the next word is not an option). */
  readonly valueFlags: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly noPrivate: readonly string[];
  /** Options after which the packages are some tp-doctor cannot tell (changed since a ref, dependents added). */
  readonly unsure: readonly string[];
  /** An option whose value is optional (`--since [ref]`). */
  readonly optionalValue: readonly string[];
  /** Options that make it print what it would run and run nothing (lerna-lite's `--run-dry-run`). */
  readonly dryRun: readonly string[];
}

/**
 * `lerna run <script> [-- args]` (lerna 3-9, lerna-lite; lerna.js.org `lerna run`): runs `npm run
 * <script>` (its `npmClient`, npm by default, so with `pre`/`post` scripts) in each package of
 * lerna's list (lerna.json `packages`, else the package manager's workspaces) that has it, never
 * in the root; options may stand anywhere, arguments after `--` go to the script.
 */
const LERNA_RUN_FILTER: PackageFilterFlags = {
  valueFlags: ['--scope', '--ignore', '--since', '--npm-client', '--concurrency', '--loglevel', '--max-buffer', '--profile-location', '--output-style'],
  include: ['--scope'],
  exclude: ['--ignore'],
  noPrivate: ['--no-private'],
  unsure: ['--since', '--include-dependents', '--include-dependencies', '--include-filtered-dependents', '--include-filtered-dependencies'],
  optionalValue: ['--since'],
  dryRun: ['--run-dry-run'],
};

/**
 * How `yarn workspaces foreach` (Yarn 2-4) selects the workspaces it runs a command in: every
 * workspace (`-A`/`--all`, `-W`/`--worktree` from the root; Yarn 2-3 without an option too),
 * those changed since a ref (`--since`: some of them, not known here), narrowed by `--include` and
 * `--exclude` (glob patterns on a workspace's name or path; repeatable) and `--no-private`;
 * `--dry-run` (`-n`, Yarn 4) explains what it would run and runs nothing. With
 * `run <script>` (or a bare script name), a workspace without that script is skipped. The root is
 * a workspace too, but Yarn skips it when it runs the very script that started the loop (the
 * usual `"release": "yarn workspaces foreach -A run release"`).
 * `-R`/`--recursive` and `--from` follow dependency graphs tp-doctor does not build: not read.
 */
export interface ForeachFlags {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly noPrivate: readonly string[];
  /** Only the workspaces changed since a ref: some of them, a guess. */
  readonly since: readonly string[];
  readonly unread: readonly string[];
  /** Options that make it explain what it would run and run nothing (Yarn 4's `--dry-run`). */
  readonly dryRun: readonly string[];
}

const YARN_FOREACH: ForeachFlags = {
  include: ['--include'],
  exclude: ['--exclude'],
  noPrivate: ['--no-private'],
  since: ['--since'],
  unread: ['-R', '--recursive', '--from'],
  dryRun: ['-n', '--dry-run'],
};

/**
 * mise's global options that take a value (mise.jdx.dev/cli/global-flags; `-C/--cd`, `-E/--env`,
 * `-j/--jobs`, `-P/--profile`, `-s/--shell`, `-t/--tool`, `--log-level`, `--output`), accepted before
 * and after the subcommand.
 */
const MISE_GLOBAL_FLAGS = ['-C', '--cd', '-E', '--env', '-j', '--jobs', '-P', '--profile', '-s', '--shell', '-t', '--tool', '--log-level', '--output'];

const NPX_FLAGS = ['-p', '--package', '-c', '--call', '--cache', '--userconfig', '--registry', '-w', '--workspace', '--node-options', '--shell', '--prefix', '-C'];
/** npm's workspace options of `npm run` and `npm exec` (npm 7+; `-iwr` is npm's shorthand for `--include-workspace-root`). */
const NPM_WORKSPACE_RUN: WorkspaceRunFlags = {
  source: 'package.json',
  all: ['-ws', '--workspaces'],
  named: ['-w', '--workspace'],
  root: ['-iwr', '--include-workspace-root'],
};

export const COMMAND_RUNNERS: readonly CommandRunner[] = [
  { id: 'npx', bin: 'npx', subcommands: [[]], valueFlags: NPX_FLAGS, packageFlags: ['-p', '--package'], commandFlags: ['-c', '--call'], packageSpec: true, workspaces: NPM_WORKSPACE_RUN },
  {
    id: 'npm-exec',
    bin: 'npm',
    subcommands: [['exec'], ['exe'], ['x']],
    valueFlags: NPX_FLAGS,
    packageFlags: ['-p', '--package'],
    commandFlags: ['-c', '--call'],
    packageSpec: true,
    workspaces: NPM_WORKSPACE_RUN,
  },
  { id: 'bunx', bin: 'bunx', subcommands: [[]], valueFlags: ['-p', '--package'], packageFlags: ['-p', '--package'], packageSpec: true },
  { id: 'bun-x', bin: 'bun', subcommands: [['x']], valueFlags: ['-p', '--package'], packageFlags: ['-p', '--package'], packageSpec: true },
  { id: 'pnpx', bin: 'pnpx', subcommands: [[]], valueFlags: ['--package'], packageFlags: ['--package'], packageSpec: true },
  { id: 'pnpm-dlx', bin: 'pnpm', subcommands: [['dlx']], valueFlags: ['--package'], packageFlags: ['--package'], packageSpec: true },
  { id: 'pnpm-exec', bin: 'pnpm', subcommands: [['exec']], valueFlags: ['--report-summary-file'], shellModeFlags: ['-c', '--shell-mode'] },
  // pnpm 11: `pnpm with <version|current> <args…>` runs `pnpm <args…>` with that pnpm (pnpm.io/cli/with;
  // kysely-org/kysely: `pnpm with latest-10 dlx pkg-pr-new publish`).
  { id: 'pnpm-with', bin: 'pnpm', subcommands: [['with']], valueFlags: [], positionals: 1, prepend: 'pnpm', versionOf: 'pnpm' },
  { id: 'yarn-dlx', bin: 'yarn', subcommands: [['dlx']], valueFlags: ['-p', '--package'], packageFlags: ['-p', '--package'], packageSpec: true },
  // `yarn exec` runs its words as a shell script (Yarn 2+: "yarn exec 'tsc & babel src --out-dir lib'",
  // in the root of the active workspace; Yarn 1: "executes a shell script"): napi-rs/napi-rs runs
  // `yarn workspace ${pkg} exec "npm publish"`.
  { id: 'yarn-exec', bin: 'yarn', subcommands: [['exec']], valueFlags: [], joinsRest: true },
  {
    id: 'yarn-workspaces-foreach',
    bin: 'yarn',
    subcommands: [['workspaces', 'foreach']],
    valueFlags: ['--from', '--include', '--exclude', '-j', '--jobs'],
    prepend: 'yarn',
    otherPackages: true,
    foreach: YARN_FOREACH,
  },
  { id: 'yarn-workspace', bin: 'yarn', subcommands: [['workspace']], valueFlags: [], positionals: 1, prepend: 'yarn', otherPackages: true },
  { id: 'corepack', bin: 'corepack', subcommands: [[]], valueFlags: [], packageSpec: true },
  // A shell given the command as a string (`sh -c 'npm publish {}'`, often under xargs or find -exec),
  // or a script file (`sh ./scripts/podspec.sh publish`): the file is read as `./scripts/podspec.sh
  // publish` would be (shell-files.ts), never taken for a bin (`podspec.sh publish` is no
  // `unknown-bin-publish`: ionic-team/capacitor runs `pod trunk push` there). zsh and dash take the
  // same `-c`, combined short options and `-o name`.
  { id: 'sh-c', bin: 'sh', subcommands: [[]], valueFlags: [], shellOptions: true },
  { id: 'bash-c', bin: 'bash', subcommands: [[]], valueFlags: [], shellOptions: true },
  { id: 'zsh-c', bin: 'zsh', subcommands: [[]], valueFlags: [], shellOptions: true },
  { id: 'dash-c', bin: 'dash', subcommands: [[]], valueFlags: [], shellOptions: true },
  // `ls dist | xargs -I{} npm publish dist/{}`: the command runs once per input line, on arguments tp-doctor cannot see.
  {
    id: 'xargs',
    bin: 'xargs',
    subcommands: [[]],
    valueFlags: ['-I', '-i', '-n', '-P', '-L', '-l', '-d', '-a', '-E', '-e', '-s', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace', '--max-lines', '--eof'],
    otherPackages: true,
  },
  // @antfu/ni's `nlx <pkg> [args…]` (its README and `parseNlx`, read 2026-12 at ni 30.5.0) runs a
  // package with the package manager ni detects: `npx`, `yarn dlx` (Yarn 2+; `npx` with Yarn 1),
  // `pnpm dlx`, `bun x`, `aube dlx`; `--local` prefers a local bin (`pnpm exec`, `yarn exec`). `-C
  // <dir>` first runs it in `dir`; `?` only prints the command.
  { id: 'nlx', bin: 'nlx', subcommands: [[]], valueFlags: ['-C'], cdFlags: ['-C'], packageSpec: true, printOnly: ['?'] },
  // Vite+ (`vite-plus`): `vpx <pkg>` runs a package like npx, `vp exec <bin>` a local bin (rolldown, tiptap).
  { id: 'vpx', bin: 'vpx', subcommands: [[]], valueFlags: [], packageSpec: true },
  { id: 'vp-exec', bin: 'vp', subcommands: [['exec']], valueFlags: [] },
  // `lerna exec [options] -- <command>` runs the command in each lerna package, through a shell
  // (lerna's exec command spawns with `shell: true`: its words joined), so one quoted word is a
  // whole script (vendure-ecommerce/vendure: `npx lerna exec --no-private -- 'cd "$dir" && npm
  // publish'`). Options (lerna.js.org/docs/api-reference/commands, exec and filter options):
  // `--scope`, `--ignore`, `--concurrency`, `--since`, `--profile-location` take a value;
  // `--no-private`, `--stream`, `--parallel`, `--no-bail`, `--no-prefix`, `--profile` and the
  // `--include-*`/`--exclude-dependents` ones do not.
  {
    id: 'lerna-exec',
    bin: 'lerna',
    subcommands: [['exec']],
    valueFlags: ['--scope', '--ignore', '--concurrency', '--profile-location'],
    otherPackages: true,
    joinsRest: true,
  },
  // aegir (ipfs/aegir `src/cmds/exec.js`, `src/exec.js`): `aegir exec <command> [--bail [false]]
  // [--concurrency n] -- <args>` runs `<command> <args>` (execa, no shell) in each project of the
  // monorepo (`everyMonorepoProject`: the workspaces), like `lerna exec -- …`; ipfs/helia and
  // libp2p/js-libp2p publish with `aegir exec --bail false npm -- publish`.
  {
    id: 'aegir-exec',
    bin: 'aegir',
    subcommands: [['exec']],
    valueFlags: ['--concurrency'],
    booleanFlags: ['--bail'],
    otherPackages: true,
    argsAfterDashes: true,
  },
  // Python's project runner: `uv run pnpm publish` runs pnpm in the project's environment
  // (DetachHead/basedpyright); the value-taking options of `uv run`.
  {
    id: 'uv-run',
    bin: 'uv',
    subcommands: [['run']],
    valueFlags: ['--with', '--with-editable', '--with-requirements', '-p', '--python', '--directory', '--project', '--package', '--extra', '--group', '--env-file', '--index', '--default-index', '--index-url', '--extra-index-url', '-f', '--find-links', '--config-file', '--cache-dir'],
  },
  // mise (mise.jdx.dev/cli/exec): `mise [-C dir] exec|x [options] [tool@version…] -- <command>` runs the
  // command with those tools first on `PATH` (`-c '<command>'`: a command string); jdx/mise's own
  // release runs `mise x aube -- ./scripts/release-npm.sh`. `node@X` among the tools: mise's Node runs it.
  {
    id: 'mise-exec',
    bin: 'mise',
    subcommands: [['exec'], ['x']],
    valueFlags: [...MISE_GLOBAL_FLAGS, '-c', '--command', '--allow-env', '--allow-net', '--allow-read', '--allow-write'],
    commandFlags: ['-c', '--command'],
    cdFlags: ['-C', '--cd'],
    toolArgs: true,
    nodeTools: ['node', 'nodejs', 'core:node'],
    binHasOtherUses: true,
  },
  // `docker run [options] <image> <command…>` (./container-runs.ts): the command runs in a container of
  // the image, with the image's Node and npm and only the variables the options pass in.
  { id: 'docker-run', bin: 'docker', subcommands: [['run'], ['container', 'run']], valueFlags: CONTAINER_VALUE_FLAGS, container: CONTAINER_ENV_FLAGS, binHasOtherUses: true },
  { id: 'podman-run', bin: 'podman', subcommands: [['run'], ['container', 'run']], valueFlags: CONTAINER_VALUE_FLAGS, container: CONTAINER_ENV_FLAGS, binHasOtherUses: true },
  // gitzone's npmci: `npmci command npm publish`
  { id: 'npmci-command', bin: 'npmci', subcommands: [['command']], valueFlags: [] },
  {
    id: 'node-bin',
    bin: 'node',
    subcommands: [[]],
    valueFlags: ['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '-C', '--conditions', '--title', '--input-type', '--experimental-default-type'],
    binFromPath: true,
    trigger: 'node_modules',
  },
  // `nix develop --command …`, `nix-shell --run '…'`, `devbox run …`, `direnv exec . …`, `flox activate -- …`.
  ...ENVIRONMENT_RUNNERS,
];

/** `npm run x`, `pnpm x`, ...: run a `package.json` script. */
export interface ScriptRunner {
  readonly id: string;
  readonly tool: PublishToolName;
  readonly bin: string;
  /** Explicit run subcommands. */
  readonly subcommands: readonly string[];
  /** `pnpm x` / `yarn x` / `bun x` run script `x` when `x` is not one of `builtins`. */
  readonly implicit: boolean;
  readonly builtins?: readonly string[];
  /**
   * Every argument after the script name is appended to it (`pnpm release --tag next`); otherwise
   * (npm 7+) the positional ones and everything after `--`, as npm reads options before `--`
   * itself (`npm run changeset publish` runs `changeset publish`).
   */
  readonly forwardsAll: boolean;
  /**
   * Also runs `pre<x>` and `post<x>` around `x`: always (`true`), never (`false`), or by the
   * runner's major and its settings (`PrePostScripts`; decided by pre-post-scripts.ts).
   */
  readonly lifecycle: boolean | PrePostScripts;
  /** When the script can't be resolved, bins that `pnpm <bin>` / `yarn <bin>` run from node_modules/.bin. */
  readonly runsBins: boolean;
  /**
   * The explicit subcommand runs a bin too when no script has the name (`yarn run <script|bin>`,
   * `bun run`); pnpm's `run` runs scripts only (its bins go through `pnpm exec` or `pnpm <bin>`).
   */
  readonly runRunsBins?: boolean;
  /**
   * Options that run the script in workspace packages instead (npm's `--workspaces`), read with
   * the workspaces of `source`: see `WorkspaceRunFlags`.
   */
  readonly workspaces?: WorkspaceRunFlags;
  /** Words that make the runner print the command it would run instead of running it (@antfu/ni's `?`). */
  readonly printOnly?: readonly string[];
  /**
   * A word before the explicit subcommand that runs the script in every workspace of `source`
   * instead, never in the root, with the words after the name forwarded (Yarn 1's `yarn workspaces
   * run <script> [args]`: ../npm/script-runs.ts reads it as `npm run <script> --workspaces`).
   */
  readonly everyWorkspace?: { readonly word: string; readonly source: WorkspaceRunFlags['source'] };
  /**
   * The runner never runs the root's script: it runs it in each package its filter options select
   * (`lerna run`: `PackageFilterFlags`), read by ../npm/lerna-runs.ts instead of the options above.
   */
  readonly packageFilter?: PackageFilterFlags;
  /**
   * A `--` between the explicit subcommand (and its options) and the script name only ends the
   * runner's options: the next word is still the script, and every word after it goes to the script
   * (`npm run -- release`, `pnpm -r run --if-present -- tc release`, which @jcoreio/toolchain-circle
   * writes into every jcoreio CircleCI configuration).
   */
  readonly dashesBeforeName?: true;
  /**
   * The runner runs several scripts or commands given as its operands (`run-s build pub`,
   * `concurrently "npm run a" "npm:b"`), each as a `package.json` script run or a shell command of
   * its own: see `ScriptChain`, read by ../npm/script-chains.ts instead of the options above.
   */
  readonly chain?: ScriptChain;
}

/**
 * How a runner of several scripts reads its words (npm-run-all2 `bin/common/parse-cli-args.js`,
 * concurrently `bin/index.ts` and `lib/command-parser/expand-*.ts`, read 2026-12). Every operand
 * runs (serially or in parallel, which changes nothing about what it publishes), so each is read
 * with the certainty the same commands have in an `&&` chain.
 */
export interface ScriptChain {
  /**
   * What an operand is: a script name pattern and its arguments (`"build -- --prod"`), run as
   * `npm run <name> <arguments>` (npm-run-all runs each through the npm that started it, npm by
   * default), or a shell command (concurrently, which spawns each through a shell).
   */
  readonly operands: 'scripts' | 'commands';
  /** Options that take the next word as their value. */
  readonly valueFlags: readonly string[];
  /** Short options that may be combined into one word (`-lns`), none of them taking a value. */
  readonly combinable?: string;
  /** Options that only print help or the version: nothing runs. */
  readonly printOnly: readonly string[];
  /** Options whose value is one more command it runs (concurrently's `--teardown`). */
  readonly commandFlags?: readonly string[];
  /**
   * After `--`, the words are the arguments of the `{1}`, `{@}`, `{*}` placeholders of the operands
   * (`always`: npm-run-all), or only with one of these options (concurrently's `-P`); otherwise
   * they are more operands.
   */
  readonly passthrough: 'always' | readonly string[];
  /** Options that make a script operand run through `node --run` (npm-run-all2's `--node-run`). */
  readonly nodeRunFlags?: readonly string[];
  /**
   * How a script name pattern selects scripts: `segments` (npm-run-all: minimatch with `:` for
   * `/`, so `build:*` is one level and `build:**` any depth), `star` (concurrently: one `*` stands
   * for any characters, `(!x)` after it leaves out a match).
   */
  readonly glob: 'segments' | 'star';
  /**
   * Command operands of the form `<prefix>:<script> [args]` that run a script
   * (concurrently's `npm:build` → `npm run build`), by prefix: the command before the script name.
   */
  readonly shorthands?: Readonly<Record<string, string>>;
}

const NPM_RUN_ALL_CHAIN: ScriptChain = {
  operands: 'scripts',
  valueFlags: ['--max-parallel', '--npm-path', '--color-mode'],
  combinable: 'clnprsx',
  printOnly: ['-h', '--help', '-v', '--version'],
  passthrough: 'always',
  nodeRunFlags: ['-x', '--node-run'],
  glob: 'segments',
};

const CONCURRENTLY_CHAIN: ScriptChain = {
  operands: 'commands',
  valueFlags: [
    '-m', '--max-processes', '-n', '--names', '--name-separator', '-s', '--success', '--hide', '--teardown', '-ks', '--kill-signal',
    '--kill-timeout', '-p', '--prefix', '-c', '--prefix-colors', '-l', '--prefix-length', '-t', '--timestamp-format',
    '--restart-tries', '--restart-after', '--default-input-target',
  ],
  printOnly: ['-h', '--help', '-v', '-V', '--version'],
  commandFlags: ['--teardown'],
  passthrough: ['-P', '--passthrough-arguments'],
  glob: 'star',
  shorthands: { npm: 'npm run', pnpm: 'pnpm run', yarn: 'yarn run', bun: 'bun run', node: 'node --run', deno: 'deno task' },
};

/**
 * How a script runner selects workspace packages to run a script in, each in its own directory
 * (npm 7+: `npm run release --workspaces` runs `release` in every workspace of the root
 * package.json's `workspaces` that has it, never in the root; a workspace without it is an error,
 * or skipped with `--if-present`; `pre`/`post` scripts too).
 */
export interface WorkspaceRunFlags {
  /**
   * The workspace list the runner reads (`package.json` `workspaces` for npm, `pnpm-workspace.yaml`
   * `packages:` for pnpm, lerna's list for `lerna run`: lerna.json `packages`, else the package
   * manager's workspaces); it also says how `named` values match (npm's `-w`, pnpm's `--filter`).
   */
  readonly source: 'package.json' | 'pnpm-workspace.yaml' | 'lerna.json';
  /** Valueless options that select every workspace (`-ws`, `--workspaces`). */
  readonly all: readonly string[];
  /**
   * Options naming workspaces (`-w`, `--workspace`, repeatable): a workspace name, a workspace
   * directory, or a directory whose direct subdirectories' workspaces are all selected (npm's
   * `-w packages`). Naming any of them selects only those, even beside `--workspaces`.
   */
  readonly named: readonly string[];
  /** Options that add the root package (`--include-workspace-root`, `-iwr`). */
  readonly root: readonly string[];
  /** Options that make the run one tp-doctor does not follow (pnpm's `-w`, `--workspace-root`). */
  readonly unread?: readonly string[];
}

/**
 * pnpm's recursive run (`pnpm -r run release`, `pnpm -r release`, `pnpm run -r release`, pnpm
 * 7-11): `release` runs in every project of `pnpm-workspace.yaml` `packages:` that has it (those
 * without it are skipped), not in the root unless `--include-workspace-root`. `--filter`/`-F`
 * (recursive by itself) selects projects: a name (scope optional when one project matches), a name
 * pattern (`@scope/*`), a directory (`./packages/a`, `./packages/*`); graph selectors (`foo...`,
 * `^`, `[since]`) and exclusions (`!`) are not read. Options after the script name go to the script.
 */
export const PNPM_RECURSIVE_RUN: WorkspaceRunFlags = {
  source: 'pnpm-workspace.yaml',
  all: ['-r', '--recursive'],
  named: ['--filter', '-F', '--filter-prod'],
  root: ['--include-workspace-root'],
  unread: ['-w', '--workspace-root'],
};

/**
 * Suffixes of `release:<x>` / `publish:<x>` script names that prepare rather than publish, alone or
 * followed by `-`/`:` and more: `release:pr` (pushes a snapshot branch for a pull request),
 * `release:changelog`, `release:version`, `release:prepare-packages`, `release:tags:push`, `release:pack`.
 * A release on the code host (`release:github`, `release:gh`, `release:gitlab`) is none on npm.
 * Channels (`release:canary`, `publish:next`) do publish; names with another destination
 * (`publish:jsr`, `release:docs`) are `OTHER_DESTINATION_WORDS`'.
 */
const PREPARING_SUFFIXES = [
  'pr',
  'changelog',
  'notes',
  'version',
  'prepare',
  'check',
  'dry',
  'dry-run',
  'status',
  'plan',
  'build',
  'test',
  'verify',
  'pin',
  'tags?',
  // tarballs, not a publish (`release:pack` running `npm pack`: Qredence/fleet-prime-agent)
  'pack',
  // a release on the code host, not on npm (`release:github` running `github-generate-release` or
  // `gh release create`; `publish:github` sends to GitHub Packages)
  'github',
  'gh',
  'gitlab',
];

/**
 * Words that make a publish-named script a check of a release, whatever segment they are
 * (`release:incidents:check`, `release:smoke:published`, `release:parity`: basilisk-labs/agentplane
 * runs them as `node scripts/check-….mjs`): it is no guess of a publish.
 */
export const CHECKING_SCRIPT_WORDS: ReadonlySet<string> = new Set(['check', 'checks', 'verify', 'validate', 'lint', 'test', 'tests', 'typecheck', 'smoke', 'parity', 'audit']);

/**
 * Environment variables that hand a publish step another registry's credential: VS Code
 * Marketplace and Open VSX, PyPI, crates.io, RubyGems, NuGet, JSR, browser extension stores,
 * Docker registries. A step that gets one (and no npm token) publishes there.
 */
export const OTHER_DESTINATION_CREDENTIALS =
  /^(?:VSCE_|OVSX_|OPEN_VSX_|PYPI_|TWINE_|CARGO_REGISTRY_TOKEN$|GEM_HOST_API_KEY$|NUGET_|JSR_|CHROME_(?:WEBSTORE|EXTENSION)|AMO_|WEB_EXT_API_|FIREFOX_(?:ADDON|API)|DOCKER(?:HUB)?_(?:PASSWORD|TOKEN|USERNAME)$|GCLOUD_|GCS_|AWS_S3_|S3_BUCKET)/i;

/**
 * Names of npm release tools, in lower case (intuit's auto, changesets, semantic-release, lerna,
 * release-it, np, Ship.js): a CircleCI orb (`data/orbs.ts`) or a GitLab template tp-doctor cannot
 * read (`.semantic-release`) named after one, that says it publishes or releases, most likely ends
 * in an npm publish. A sign of npm, like an npm token, for `possiblePublish`.
 */
export const NPM_RELEASE_TOOL_NAMES: ReadonlySet<string> = new Set(['auto', 'changesets', 'changeset', 'semantic-release', 'lerna', 'release-it', 'np', 'shipjs']);

/**
 * Words that name a destination other than the npm registry (`publish-docs`, `release:jsr`,
 * `upload-artifacts`): a command or script named with one is not an npm publish, even as a guess
 * (`possiblePublish`, and the publish-named scripts of `PUBLISH_SCRIPT_NAME`).
 */
export const OTHER_DESTINATION_WORDS: ReadonlySet<string> = new Set([
  'doc', 'docs', 'documentation', 'site', 'website', 'pages', 'ghpages', 'storybook', 'docker', 'image', 'images',
  'container', 'containers', 'ghcr', 'ecr', 'extension', 'extensions', 'chrome', 'firefox', 'edge', 'addon', 'vsce',
  'vscode', 'marketplace', 'ovsx', 'openvsx', 'pypi', 'pip', 'wheel', 'python', 'twine', 'crate', 'crates', 'cargo', 'helm', 'chart',
  'charts', 'jsr', 'deno', 'binary', 'binaries', 'brew', 'homebrew', 'snap', 'flatpak', 'apk', 'ios', 'android',
  'appstore', 'playstore', 'testflight', 'maven', 'mavenlocal', 'mavencentral', 'mvn', 'gradle', 'nuget', 'gem', 'gems', 'rubygem', 'rubygems', 'terraform', 'ami',
  's3', 'cdn', 'bucket', 'gcs', 'gcloud', 'cloudfront', 'vercel', 'netlify', 'cloudflare', 'wrangler', 'firebase', 'heroku', 'fly', 'k8s',
  'kubernetes', 'artifact', 'artifacts', 'assets', 'asset', 'changelog', 'notes', 'slack', 'discord', 'tweet',
  'twitter', 'blog', 'dry', 'dryrun', 'verdaccio', 'localhost', 'local', 'yalc', 'e2e', 'canary-site',
  // system package managers (evilmartians/lefthook: `winget-releaser`, `publish.raku --target=aur`)
  'winget', 'aur', 'scoop', 'chocolatey', 'choco',
]);


/**
 * Words that, given alone as an argument to a script (`./upload-artifacts.sh github`), choose
 * another destination: a code host's release, or pkg.pr.new's previews
 * (`node publish-native-addons.ts --mode pkg-pr-new`, voidzero-dev/vite-plus: its publishes are
 * skipped in that mode). In a command's or script's name they are not enough
 * (`release-to-github-and-npm` publishes to npm too), so they are not `OTHER_DESTINATION_WORDS`.
 */
export const OTHER_DESTINATION_ARGUMENTS: ReadonlySet<string> = new Set(['github', 'gitlab', 'gh', 'pkg-pr-new', 'pkg.pr.new']);

/**
 * Scripts with these names are reported as heuristic publishes when they cannot be resolved, or
 * resolve to commands tp-doctor does not recognise: `publish`, `release`, `ci:publish`,
 * `release:npm`, `changeset:publish`, `publish-packages`. Names that merely contain the word
 * (`build:release:wasm`, `release-tool`, `release.ci.prepare`) are not: they build or prepare; nor
 * are the `PREPARING_SUFFIXES` (`release:pr`).
 */
export const PUBLISH_SCRIPT_NAME = new RegExp(
  `^(?:(?:ci|changesets?|lerna)[:-])?(?:publish|release)(?::(?!(?:${PREPARING_SUFFIXES.join('|')})(?:[-:]|$))[\\w:-]+)?$` +
    '|^(?:publish|release)-(?:packages?|npm|all|ci)$',
  'i',
);

const PNPM_BUILTINS = [
  'add', 'audit', 'bin', 'cache', 'cat-file', 'cat-index', 'ci', 'config', 'c', 'create', 'dedupe', 'deploy', 'dlx', 'with',
  'doctor', 'env', 'exec', 'fetch', 'find-hash', 'help', 'i', 'import', 'init', 'install', 'install-test', 'it',
  'licenses', 'link', 'ln', 'list', 'ls', 'll', 'la', 'login', 'logout', 'outdated', 'pack', 'patch',
  'patch-commit', 'patch-remove', 'prune', 'publish', 'rb', 'rebuild', 'recursive', 'm', 'multi', 'remove', 'rm',
  'uninstall', 'un', 'uni', 'restart', 'root', 'run', 'run-script', 'self-update', 'server', 'setup', 'start',
  'store', 'test', 't', 'tst', 'unlink', 'dislink', 'up', 'update', 'upgrade', 'why', 'approve-builds',
  'ignored-builds', 'sbom', 'view', 'info', 'show', 'whoami', 'version',
];

const YARN_BUILTINS = [
  'access', 'add', 'audit', 'autoclean', 'bin', 'cache', 'check', 'config', 'constraints', 'create', 'dedupe', 'dlx',
  'exec', 'explain', 'generate-lock-entry', 'global', 'help', 'import', 'info', 'init', 'install', 'licenses',
  'link', 'list', 'login', 'logout', 'node', 'npm', 'outdated', 'owner', 'pack', 'patch', 'patch-commit', 'plugin',
  'policies', 'publish', 'rebuild', 'remove', 'run', 'search', 'set', 'stage', 'tag', 'team', 'test', 'unlink',
  'unplug', 'up', 'upgrade', 'upgrade-interactive', 'version', 'versions', 'why', 'workspace', 'workspaces',
];

const BUN_BUILTINS = [
  'run', 'test', 'x', 'repl', 'exec', 'install', 'i', 'add', 'a', 'remove', 'rm', 'update', 'outdated', 'link',
  'unlink', 'publish', 'pm', 'init', 'create', 'c', 'upgrade', 'build', 'patch', 'patch-commit', 'audit', 'info',
  'why', 'help', 'completions',
];

/**
 * A runner whose `pre<x>`/`post<x>` scripts run by its major and its own setting. Majors are
 * inclusive ranges (`from` absent: any older major; `to` absent: any newer one, `latest` too).
 */
export interface PrePostScripts {
  /** The majors that run them when no setting says otherwise. */
  readonly byDefault: readonly MajorRange[];
  /**
   * Settings that switch them (`true`/`false`), where they are read, and by which majors: the
   * project `.npmrc` (the one in the directory the script runs in, else the root's) or the root
   * `pnpm-workspace.yaml` (a top-level key).
   */
  readonly settings: readonly { readonly file: '.npmrc' | 'pnpm-workspace.yaml'; readonly key: string; readonly majors: MajorRange }[];
}

export interface MajorRange {
  readonly from?: number;
  readonly to?: number;
}

/**
 * pnpm's `pre<x>`/`post<x>` for `pnpm run x`, `pnpm x` and `pnpm -r run x` (DOMAIN fact; pnpm
 * CHANGELOG and sources, read December 2026):
 * - pnpm ≤ 5 ran them; 6.0.0 stopped (pnpm/pnpm#2891, #3285); 6.1.0 added `enable-pre-post-scripts`
 *   (default false) to turn them back on, set in `.npmrc`.
 * - pnpm 9.0.0 made `enable-pre-post-scripts` true by default (pnpm/pnpm#7634, a breaking change);
 *   pnpm 11's config reader still defaults it to true (`config/reader/src/index.ts`), and its run
 *   (`exec/commands/src/run.ts` `runScript`) runs `pre<x>`, `x`, `post<x>` when it is set.
 * - `.npmrc` is read for it up to pnpm 10; pnpm 11.0.0 reads only auth and registry settings from
 *   `.npmrc` (its changelog; `config/reader/src/localConfig.ts` `isIniConfigKey`), the others from
 *   `pnpm-workspace.yaml`, which holds every setting in camelCase (`enablePrePostScripts`) since
 *   10.6.0 (pnpm/pnpm#9211; read here from 10 on).
 * Not read: the command line (`--enable-pre-post-scripts`), `pnpm_config_*`/`npm_config_*`
 * variables, user and global configuration files.
 */
const PNPM_PRE_POST: PrePostScripts = {
  byDefault: [{ to: 5 }, { from: 9 }],
  settings: [
    { file: '.npmrc', key: 'enable-pre-post-scripts', majors: { from: 6, to: 10 } },
    { file: 'pnpm-workspace.yaml', key: 'enablePrePostScripts', majors: { from: 10 } },
  ],
};

/**
 * Yarn's (DOMAIN fact): Yarn 1 runs `pre<x>`, `x`, `post<x>` for `yarn run x` and `yarn x`
 * (yarnpkg/yarn `src/cli/commands/run.js` `runCommand`; trailing arguments go to `x` only); Yarn
 * 2+ (Berry) runs no `pre`/`post` hooks of user scripts ("we intentionally don't support arbitrary
 * pre and post hooks for user-defined scripts", yarnpkg.com/advanced/lifecycle-scripts). No setting.
 */
const YARN_PRE_POST: PrePostScripts = { byDefault: [{ to: 1 }], settings: [] };

/**
 * @antfu/ni's `nr` runs the script with the package manager ni detects, whose `pre`/`post` rules
 * differ (npm always, pnpm and Yarn by their major): which one is not read here, so a hook is
 * followed as a guess.
 */
const NR_PRE_POST: PrePostScripts = { byDefault: [], settings: [] };

export const SCRIPT_RUNNERS: readonly ScriptRunner[] = [
  // npm runs `pre<x>`/`post<x>` for `npm run x` (docs.npmjs.com `using-npm/scripts`).
  // `--` before the script name (`dashesBeforeName`): npm's option parser (nopt) ends its options
  // there and keeps the next word as the first positional, the script (`npm run -- x` runs `x`);
  // pnpm likewise (`pnpm run -- echo --minify` runs `echo` with `--minify`, pnpm/pnpm#3778); Yarn 1
  // cuts the command line at the first `--` and hands what follows to `run` as its arguments, the
  // script first, with a deprecation warning (yarnpkg/yarn `src/cli/index.js` `start`/`main`); Yarn
  // 2+'s Clipanion takes `--` before a positional as the end of options (`registerOptions`
  // `inhibateOptions`, arcanis/clipanion `sources/core.ts`), so the script name follows.
  { id: 'npm-run', tool: 'npm', bin: 'npm', subcommands: ['run', 'run-script', 'rum', 'urn'], implicit: false, forwardsAll: false, lifecycle: true, runsBins: false, workspaces: NPM_WORKSPACE_RUN, dashesBeforeName: true },
  { id: 'pnpm-run', tool: 'pnpm', bin: 'pnpm', subcommands: ['run', 'run-script'], implicit: true, builtins: PNPM_BUILTINS, forwardsAll: true, lifecycle: PNPM_PRE_POST, runsBins: true, workspaces: PNPM_RECURSIVE_RUN, dashesBeforeName: true },
  // Yarn 1's `yarn workspaces run <script> [args]` (`everyWorkspace`; classic.yarnpkg.com/en/docs/cli/workspaces)
  // runs `yarn run <script> [args]` in each workspace of the root package.json's `workspaces`, never in the root. Yarn 2+
  // has no such command (its `yarn workspaces foreach run` is a `COMMAND_RUNNERS` entry).
  { id: 'yarn-run', tool: 'yarn', bin: 'yarn', subcommands: ['run'], implicit: true, builtins: YARN_BUILTINS, forwardsAll: true, lifecycle: YARN_PRE_POST, runsBins: true, runRunsBins: true, dashesBeforeName: true, everyWorkspace: { word: 'workspaces', source: 'package.json' } },
  // Bun's `bun run x` runs `pre<x>`/`post<x>` too by its issue tracker (oven-sh/bun#25542); not
  // followed yet (not checked against its sources).
  { id: 'bun-run', tool: 'bun', bin: 'bun', subcommands: ['run'], implicit: true, builtins: BUN_BUILTINS, forwardsAll: true, lifecycle: false, runsBins: true, runRunsBins: true },
  // Node 22+'s task runner: `node --run <script>` runs a package.json script without `pre`/`post`
  // scripts (nodejs.org/api/cli.html `--run`, "intentional limitations"); arguments go to the
  // script after `--`. The option may follow other Node options (badrap/valita: `node --run build`).
  { id: 'node-run', tool: 'other', bin: 'node', subcommands: ['--run'], implicit: false, forwardsAll: false, lifecycle: false, runsBins: false },
  // Vite+: `vp run <script>` runs a package.json script (a task) of the current package.
  { id: 'vp-run', tool: 'other', bin: 'vp', subcommands: ['run'], implicit: false, forwardsAll: true, lifecycle: false, runsBins: false },
  // @antfu/ni's `nr <script> [args…]` (its README and `src/parse.ts` `parseNr`, `src/runner.ts`, with
  // package-manager-detector's `commands.ts`, read 2026-12 at ni 30.5.0): the script of the package
  // in the directory, run by the package manager ni detects there (lockfile, `packageManager`; npm
  // when none, in CI): `npm run <script> -- <args>`, `pnpm run`, `yarn run`, `bun run`, `deno task`,
  // `aube run`; every argument after the script goes to it. `-C <dir>` first runs it in `dir`, `-w
  // <name>` is npm's workspace, `-p` picks a workspace package interactively (not followed: the
  // root's script is read); `?` anywhere only prints the command; no script name prompts for one
  // (`start` when not interactive).
  // `lerna run <script>` (`LERNA_RUN_FILTER`): what the script does in each package is unknown until read there.
  { id: 'lerna-run', tool: 'other', bin: 'lerna', subcommands: ['run'], implicit: false, forwardsAll: false, lifecycle: true, runsBins: false, packageFilter: LERNA_RUN_FILTER },
  { id: 'nr-run', tool: 'other', bin: 'nr', subcommands: [], implicit: true, builtins: [], forwardsAll: true, lifecycle: NR_PRE_POST, runsBins: false, printOnly: ['?'] },
  // npm-run-all (and npm-run-all2): `run-s a b` runs scripts `a` then `b`, `run-p` in parallel,
  // `npm-run-all [-s|-p] a b` in groups; concurrently runs commands, `npm:<script>` a script (`ScriptChain`).
  { id: 'run-s', tool: 'other', bin: 'run-s', subcommands: [], implicit: false, forwardsAll: false, lifecycle: false, runsBins: false, chain: NPM_RUN_ALL_CHAIN },
  { id: 'run-p', tool: 'other', bin: 'run-p', subcommands: [], implicit: false, forwardsAll: false, lifecycle: false, runsBins: false, chain: NPM_RUN_ALL_CHAIN },
  { id: 'npm-run-all', tool: 'other', bin: 'npm-run-all', subcommands: [], implicit: false, forwardsAll: false, lifecycle: false, runsBins: false, chain: NPM_RUN_ALL_CHAIN },
  { id: 'npm-run-all2', tool: 'other', bin: 'npm-run-all2', subcommands: [], implicit: false, forwardsAll: false, lifecycle: false, runsBins: false, chain: NPM_RUN_ALL_CHAIN },
  { id: 'concurrently', tool: 'other', bin: 'concurrently', subcommands: [], implicit: false, forwardsAll: false, lifecycle: false, runsBins: false, chain: CONCURRENTLY_CHAIN },
];

/** Global options that take a value and may sit between a bin and its subcommand. */
export const GLOBAL_VALUE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  // `nix --extra-experimental-features 'nix-command flakes' develop -c …` (./environment-runs.ts).
  nix: ['--extra-experimental-features', '--experimental-features', '--log-format', '--store', '--option'],
  npm: [
    '-w', '--workspace', '--prefix', '-C', '--registry', '--tag', '--access', '--otp', '--loglevel', '--userconfig',
    '--globalconfig', '--cache', '--location', '--omit', '--include', '--auth-type', '--scope', '--before',
    '--provenance-file', '--script-shell', '--node-options',
  ],
  pnpm: [
    '--filter', '-F', '--filter-prod', '--dir', '-C', '--workspace-concurrency', '--reporter', '--loglevel',
    '--registry', '--tag', '--access', '--otp', '--publish-branch', '--store-dir', '--lockfile-dir',
    '--test-pattern', '--changed-files-ignore-pattern',
    // `pnpm --package=<spec> dlx <bin>`: dlx's option, which pnpm reads before the subcommand too.
    '--package',
  ],
  yarn: ['--cwd', '--registry', '--modules-folder', '--cache-folder', '--mutex', '--network-timeout'],
  bun: ['--cwd', '--filter', '-F', '--config', '-c'],
  lerna: ['--loglevel', '--concurrency'],
  mise: MISE_GLOBAL_FLAGS,
  // @antfu/ni's `nr` before the script name (`SCRIPT_RUNNERS`).
  nr: ['-C', '-w', '--workspace'],
  nx: [],
  // yargs reads options anywhere on the line (`beachball -b origin/main publish`).
  beachball: [
    '-b', '--branch', '-c', '--config', '--config-path', '-m', '--message', '-r', '--registry', '-t', '--tag', '-n', '--token',
    '-a', '--auth-type', '--access', '--scope', '--since', '-p', '--package', '--change-dir', '--pack-to-path', '--canary-name',
    '--prerelease-prefix', '--retries', '--timeout', '--concurrency', '--depth', '--git-timeout',
  ],
};

/** Global options that make the command run in other packages (root scripts don't apply). */
export const OTHER_PACKAGE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  npm: ['-w', '--workspace', '-ws', '--workspaces', '--prefix', '-C'],
  pnpm: ['--filter', '-F', '--filter-prod', '-r', '--recursive', '--dir', '-C'],
  yarn: ['--cwd'],
  bun: ['--cwd', '--filter', '-F'],
  nr: ['-C', '-w', '--workspace'],
};

/** Packages whose bin name differs from the package name (`npx @changesets/cli publish`). */
export const PACKAGE_BINS: Readonly<Record<string, string>> = {
  '@changesets/cli': 'changeset',
  '@lerna-lite/cli': 'lerna',
  '@qiwi/multi-semantic-release': 'multi-semantic-release',
  '@anolilab/multi-semantic-release': 'multi-semantic-release',
  '@napi-rs/cli': 'napi',
  '@microsoft/rush': 'rush',
};

/**
 * Committed scripts that start a package's bin, by file name, for `node <path>/<file> <args…>`:
 * Rush's `common/scripts/install-run-rush.js` installs the `rushVersion` of rush.json and runs
 * `rush <args…>` (its `_getBin`: `install-run-rushx.js` runs `rushx`, `install-run-rush-pnpm.js`
 * `rush-pnpm`, neither a publish tool here). Read in VisActor/VTable's copy, generated by Rush 5.148.
 */
export const LAUNCHER_SCRIPTS: Readonly<Record<string, string>> = {
  'install-run-rush.js': 'rush',
};

/** `npm install -g npm@x` spellings. */
export const NPM_INSTALL_COMMANDS = [
  'install', 'instal', 'insta', 'inst', 'ins', 'in', 'i', 'add', 'isnt', 'isnta', 'isntal', 'isntall',
  'update', 'up', 'u', 'upgrade', 'udpate',
];

/** GitHub actions that publish. */
export interface ActionRecognizer {
  readonly id: string;
  /**
   * `owner/repo` or `owner/repo/path`, compared case-insensitively with the part of `uses` before
   * `@`. An `owner/repo` row also covers the repository's other paths (`changesets/action/version`)
   * unless a row names that path.
   */
  readonly action: string;
  readonly tool: PublishToolName;
  readonly label: string;
  /** Default 'certain'. */
  readonly confidence?: Confidence;
  /** The action publishes only when this input is set; its value is a command to recognise. */
  readonly commandInput?: string;
  /** Other names of `commandInput` (changesets/action v2 renamed `publish` to `publish-script`). */
  readonly commandInputAliases?: readonly string[];
  /**
   * `commandInput` holds the arguments of this bin, not a command: the action runs `<bin> <input>`
   * (goreleaser/goreleaser-action's `args`), and without the input nothing.
   */
  readonly argumentsOf?: string;
  /**
   * An input naming the directory the action runs in, relative to the workspace (goreleaser-action's
   * `workdir`, changesets/action's `cwd`, cycjimmy/semantic-release-action's `working_directory`):
   * where its command is read and the publish site's directory (its packages, `.npmrc`), as a
   * `run:` step's `working-directory`.
   */
  readonly directoryInput?: string;
  /**
   * The action installs the edition of the tool that publishes only when this input is one of
   * `values` (goreleaser-action's `distribution: goreleaser-pro`): then what its command publishes
   * is certain; with another value or none, nothing (the other edition refuses the configuration);
   * an expression leaves it a guess.
   */
  readonly editionInput?: { readonly input: string; readonly values: readonly string[] };
  /** The command the action runs when `commandInput` is not set, or has none (then it always publishes). */
  readonly defaultCommand?: string;
  /** The action publishes only when this input is one of `publishes` (or an expression). */
  readonly operationInput?: { readonly input: string; readonly publishes: readonly string[] };
  /** An input that turns the publish into a dry run when `true`. */
  readonly dryRunInput?: string;
  /**
   * The action dry-runs by itself when the job can get no OIDC token and this token input is not
   * given (MetaMask/action-npm-publish's `publish.sh`): such a step publishes nothing.
   */
  readonly dryRunWithoutCredentials?: { readonly tokenInput: string };
  /**
   * Releases before this major (a ref `v5`, `v5.3.1`) publish only with the token input, never with
   * OIDC and never staged: without the token they only pack (MetaMask/action-npm-publish before
   * 6.0.0, its CHANGELOG and v5.3.1's `scripts/publish.sh`). A ref tp-doctor cannot read as a
   * version (a commit SHA, a branch) is read as the current release.
   */
  readonly tokenOnlyBefore?: number;
  /** The action stages its publish (a stage publish) unless this input is `false`. */
  readonly stagesUnless?: string;
  /**
   * The action upgrades npm itself before it publishes, unless `unlessInput` is given a value
   * (ioBroker/testing-action-deploy runs `npm install -g npm@latest` when `npm-token` is empty;
   * danielroe/uppt/publish always): read as that command run on the Node the action sets up
   * (`NODE_ACTIONS` in data/node-actions.ts).
   */
  readonly npmUpgrade?: { readonly command: string; readonly unlessInput?: string };
  /**
   * The action's own publish command (`defaultCommand`) runs in the job's working directory, the
   * repository checkout, or in the one its `directoryInput` names: it publishes the package there, as
   * a `run:` step would (bcomnes/npm-bump; decentraland/oddish-action's `cwd`). Without it an action's own publish
   * selects what the files do not say (src/model/npm/targets.ts).
   */
  readonly publishesWorkspace?: true;
  /**
   * With `publishesWorkspace`: where the step names another directory (or `package.json`) to publish
   * instead, relative to the job's working directory: an input (JS-DevTools/npm-publish's `package`)
   * or a variable of the step's `env:` (mikeal/merge-release's `DEPLOY_DIR`, which its Docker
   * entrypoint reads from the environment).
   */
  readonly packageFrom?: { readonly input: string } | { readonly env: string };
  /** Other names of `dryRunInput` (codfish/semantic-release-action's v1 and v2 `dry_run`). */
  readonly dryRunInputAliases?: readonly string[];
  /**
   * The action's own Docker images, built from its repository and named in its README: `uses:
   * docker://<image>[:<tag>][@sha256:<digest>]` runs the action (its inputs as `with:` gives them).
   * The tag is read as the action's release (`v5`); a digest or `latest` names none. In lower case,
   * with the registry host as written (`ghcr.io/…`); a Docker Hub image without one (`docker.io/`
   * and `index.docker.io/` name the same). Any other `docker://` image stays unread.
   */
  readonly images?: readonly string[];
  /**
   * An input that, when it has any value, sends the result elsewhere instead of publishing it (an
   * expression: it may or may not, so the publish is a guess).
   */
  readonly elsewhereInput?: string;
  /** Inputs that carry the publish flags. */
  readonly flagInputs?: Partial<Record<keyof FlagNames, string>>;
  /**
   * The action publishes only in some runs, by a test of the run's ref it makes when it runs
   * (decentraland/oddish-action: a tag, or the branch main or master): compared with the workflow's
   * triggers (src/model/github/action-refs.ts), a workflow none of whose runs is such a run publishes
   * nothing, and one tp-doctor cannot tell of may publish.
   */
  readonly publishesOnRefs?: ActionRefCondition;
  /**
   * The action runs a copy of the tool that it installs itself, never the repository's, nor the
   * plugins the repository's lockfile holds (semantic-release loads a plugin from its own install
   * first): how the version of that copy is known (rules/publish-tool-supports-oidc).
   */
  readonly ownCopy?: ActionOwnCopy;
}

/** The runs an action publishes in (`ActionRecognizer.publishesOnRefs`). */
export interface ActionRefCondition {
  /**
   * The branches whose runs publish, by name, as the job's checkout has the branch (`git branch`): a
   * pull request's merge commit is checked out detached, on no branch.
   */
  readonly branches: readonly string[];
  /** Inputs that name one more branch that publishes (their literal value; an expression: any). */
  readonly branchInputs?: readonly string[];
  /** A run for a tag (`GITHUB_REF` `refs/tags/…`: a tag push, a release) publishes, whatever the tag. */
  readonly tags: boolean;
  /** Environment variables the action reads the branch or the tag from first: set, the runs it publishes in are not known. */
  readonly refEnv?: readonly string[];
}

export type ActionOwnCopy =
  /** An input names the version it installs; without it, the latest release. */
  | { readonly input: string }
  /**
   * Each release of the action bundles one version of the tool (its own lockfile) and runs it on a
   * Node of its own, not the job's: `releases` gives, from each action release on (`from`), the
   * tool's major version. The action's release is its `uses:` tag or a commit SHA's `# vX.Y.Z` comment
   * (a floating `v4` tag is the newest release of that major read); a SHA without one, or a release
   * of a major after `readUpTo`, is unknown.
   */
  | { readonly releases: readonly { readonly from: string; readonly version: string }[]; readonly readUpTo: string };

/**
 * Packages a JavaScript release file may publish through without a command that says `publish`
 * (js-publish-free.ts): the publish tools' own APIs and the registry clients. A name ending in `/`
 * is a scope. `semantic-release` and `release-it` are called as functions; Nx's release API is
 * `nx/release`; `npm-registry-fetch` can PUT a package.
 */
export const JS_PUBLISHING_PACKAGES: readonly string[] = [
  'semantic-release', '@semantic-release/', 'release-it', '@release-it/', 'np', 'lerna', '@lerna/', '@lerna-lite/',
  '@changesets/', 'nx', '@nx/', '@nrwl/', 'libnpmpublish', 'npm-registry-fetch', 'pacote', 'npm', 'pnpm', '@pnpm/',
  'yarn', '@yarnpkg/', 'beachball', 'auto', '@auto-it/', 'shipjs', 'release-plan', 'changelogen', 'bumpp',
];

/**
 * Functions of a publish tool's JavaScript API that publish as one of its commands does, by the
 * modules that export them: a release file that imports one and calls it is read as running that
 * command at the call (`js-api-calls.ts`). Nx: `releasePublish` is what `nx release publish` runs,
 * `release` what `nx release` runs (storacha/upload-service's `.github/release/release.mts`).
 */
export const JS_PUBLISH_FUNCTIONS: readonly { readonly modules: readonly string[]; readonly name: string; readonly command: string }[] = [
  { modules: ['nx/release', 'nx/release/index.js', 'nx/src/command-line/release', 'nx/src/command-line/release/index.js'], name: 'releasePublish', command: 'nx release publish' },
  { modules: ['nx/release', 'nx/release/index.js', 'nx/src/command-line/release', 'nx/src/command-line/release/index.js'], name: 'release', command: 'nx release' },
];

export const ACTION_RECOGNIZERS: readonly ActionRecognizer[] = [
  // v1: `publish:`; v2 (with @changesets/cli 3): `publish-script:`.
  // `cwd:` (its action.yml) moves the node process, so `publish:` runs there.
  { id: 'changesets-action', action: 'changesets/action', tool: 'changesets', label: 'changesets/action', commandInput: 'publish', commandInputAliases: ['publish-script'], directoryInput: 'cwd' },
  // A fork of changesets/action v1 with the same `publish:` input (The Guild's repositories, ts-rest).
  { id: 'changesets-action-dotansimha', action: 'dotansimha/changesets-action', tool: 'changesets', label: 'dotansimha/changesets-action', commandInput: 'publish', directoryInput: 'cwd' },
  // xyflow's fork of changesets/action v1, the same `publish:` input (xyflow/xyflow).
  { id: 'changesets-action-xyflow', action: 'xyflow/changeset-action', tool: 'changesets', label: 'xyflow/changeset-action', commandInput: 'publish', directoryInput: 'cwd' },
  // changesets/action v2's publish step: runs `changeset publish` (from the packed directory), or `script`.
  {
    id: 'changesets-action-publish',
    action: 'changesets/action/publish',
    tool: 'changesets',
    label: 'changesets/action/publish',
    commandInput: 'script',
    defaultCommand: 'changeset publish',
  },
  // Runs `changeset version --snapshot <tag>`, then `changeset publish --tag <tag>`: npm packages only
  // (its README), with trusted publishing when the job may ask for a token (vanilla-extract).
  { id: 'changesets-snapshot-action', action: 'seek-oss/changesets-snapshot', tool: 'changesets', label: 'seek-oss/changesets-snapshot', defaultCommand: 'changeset publish' },
  // `/snapit` comments (`on: issue_comment`): `changeset version --snapshot snapshot`, then
  // `changeset publish --no-git-tags --snapshot --tag snapshot`, unless `branch` is set, which pushes
  // the snapshot to that git branch instead (its source, index.ts).
  { id: 'snapit-action', action: 'Shopify/snapit', tool: 'changesets', label: 'Shopify/snapit', defaultCommand: 'changeset publish', elsewhereInput: 'branch' },
  // MetaMask/action-npm-publish v6 (its `action.yml`, `scripts/main.sh`, `scripts/publish.sh`,
  // read 2026-12; used by every repository of metamask-module-template): Yarn 4.16+, `yarn npm
  // publish --tag … --staged --provenance` for each workspace package (the token input only for a
  // package's first publish; it is unset when the package exists and OIDC is available); a dry run
  // with `dry-run: true`, or when the job has neither a token input nor an OIDC token. v1 to v5
  // published with the token input only (`yarn npm publish`, `npm publish` without Yarn), unstaged.
  {
    id: 'metamask-npm-publish-action',
    action: 'MetaMask/action-npm-publish',
    tool: 'yarn-berry',
    label: 'MetaMask/action-npm-publish',
    defaultCommand: 'yarn npm publish',
    dryRunInput: 'dry-run',
    dryRunWithoutCredentials: { tokenInput: 'npm-token' },
    stagesUnless: 'staged-publish',
    tokenOnlyBefore: 6,
  },
  // ioBroker/testing-action-deploy (its `action.yml`, read 2026-12 from v1.0 to v1.4.3; `v1` is
  // 1.3.0): a composite action that sets up the Node of its required `node-version` input with
  // actions/setup-node, runs the install command and `npm publish [--tag next]`; from 1.3 it first
  // runs `npm install -g npm@latest` when `npm-token` is empty ("trusted installer"), else it writes
  // the token into npm's configuration (before 1.3 the token was required). The release path
  // ioBroker's adapter template and its repository checker ask for.
  {
    id: 'iobroker-deploy-action',
    action: 'ioBroker/testing-action-deploy',
    tool: 'npm',
    label: 'ioBroker/testing-action-deploy',
    defaultCommand: 'npm publish',
    npmUpgrade: { command: 'npm install -g npm@latest', unlessInput: 'npm-token' },
  },
  // bcomnes/npm-bump (its `action.yml`, read 2026-12 at every tag, v1.0.0 to v3.0.2): a composite
  // action that runs `npm version <new-version>`, then its publish command input, default `npm
  // publish` (`publish-cmd` from v3.0.0, `publish_cmd` before), in the job's working directory. It
  // sets up neither Node nor npm: the job's run the publish (OIDC from the job's `id-token: write`).
  // Before v3 it passes its `npm_token` input to the publish as `NODE_AUTH_TOKEN`; v1 also runs `npm
  // i` and `npm test` first (bcomnes/npm-run-all2, bcomnes/cpx2, bcomnes/async-neocities).
  {
    id: 'npm-bump-action',
    action: 'bcomnes/npm-bump',
    tool: 'npm',
    label: 'bcomnes/npm-bump',
    commandInput: 'publish-cmd',
    commandInputAliases: ['publish_cmd'],
    defaultCommand: 'npm publish',
    publishesWorkspace: true,
  },
  // decentraland/oddish-action ("Deploy to NPM with oddish"; its `action.yml` and `oddish.ts`, read
  // 2026-12 at master, used across the decentraland organisation): a JavaScript action that runs the
  // job's npm in `cwd` (default the workspace): `npm version <computed>`, `npm pack`, then `npm
  // publish [--provenance] [--access <access>] --tag <tag>` (`provenance` defaults to true), and for
  // a release tag `npm dist-tag add <name>@<version> latest`. It writes a user `.npmrc` (in
  // RUNNER_TEMP, `NPM_CONFIG_USERCONFIG`) whose `registry=` is its `registry-url` input (default
  // https://registry.npmjs.org), with an `_authToken=${NODE_AUTH_TOKEN}` line unless the job can get
  // an OIDC token and no NODE_AUTH_TOKEN is set. `only-update-versions: true` skips the publish.
  // It publishes only for a tag (`github.context.ref` `refs/tags/…`, or `GIT_TAG`) or on the branch
  // main or master, or the one its `branch-to-next` or `branch-to-custom-tag` input names; the branch
  // is `CIRCLE_BRANCH`, `BRANCH_NAME` or `TRAVIS_BRANCH` when set, else git-rev-sync's `branch()` of
  // the checkout, which is no branch on a pull request's detached merge commit; anywhere else it
  // exits ("canceling automatic npm publish"; `oddish.ts` `run`, read 2026-12 at 914e7c5).
  {
    id: 'oddish-action',
    action: 'decentraland/oddish-action',
    tool: 'npm',
    label: 'decentraland/oddish-action',
    defaultCommand: 'npm publish',
    directoryInput: 'cwd',
    dryRunInput: 'only-update-versions',
    publishesWorkspace: true,
    flagInputs: { registry: 'registry-url', access: 'access', provenance: 'provenance' },
    publishesOnRefs: {
      branches: ['main', 'master'],
      branchInputs: ['branch-to-next', 'branch-to-custom-tag'],
      tags: true,
      refEnv: ['GIT_TAG', 'CIRCLE_BRANCH', 'BRANCH_NAME', 'TRAVIS_BRANCH'],
    },
  },
  // danielroe/uppt/publish (its `action.yml` and `scripts/publish.ts`, read 2026-12 at v0.3.0 to
  // v0.5.5 and main): a composite action that sets up Node with actions/setup-node (its
  // `node-version` input, default 24: data/node-actions.ts), runs `npm install -g npm@latest`, then
  // `npm stage publish <tarball> --provenance --ignore-scripts --access=<npm-access>` for each
  // tarball `danielroe/uppt/pack` uploaded as an artifact: a stage publish, always, of packages the
  // files do not show (an action's own publish: any of the repository's). uppt's other actions (`/pr`, `/release`, `/pack`) never publish
  // (`NEVER_PUBLISHING_ACTIONS`); before v0.3.0 the one action had a `mode:` input, not read here.
  {
    id: 'uppt-publish-action',
    action: 'danielroe/uppt/publish',
    tool: 'npm',
    label: 'danielroe/uppt/publish',
    defaultCommand: 'npm stage publish --provenance --ignore-scripts',
    npmUpgrade: { command: 'npm install -g npm@latest' },
  },
  // JoshuaKGoldberg/release-it-action (its README and `src/steps/runReleaseIt.ts`): prepares git and
  // runs `npx release-it --verbose` in the repository, with the repository's release-it and its
  // configuration (create-typescript-app's generated release workflow).
  { id: 'release-it-action', action: 'JoshuaKGoldberg/release-it-action', tool: 'release-it', label: 'JoshuaKGoldberg/release-it-action', defaultCommand: 'npx release-it --verbose' },
  // Installs semantic-release (`semantic_version:`, else the latest release) into its own folder and
  // runs it in the repository (its `working_directory` input, else the root), with its configuration.
  {
    id: 'semantic-release-action',
    action: 'cycjimmy/semantic-release-action',
    tool: 'semantic-release',
    label: 'cycjimmy/semantic-release-action',
    dryRunInput: 'dry_run',
    directoryInput: 'working_directory',
    ownCopy: { input: 'semantic_version' },
  },
  // electron/semantic-trusted-release (read in its sources, v1.0.0 to v1.1.0 and main, August 2026):
  // a composite action that sets up Node 24.10.0, installs its own locked semantic-release (25.0.1,
  // with @semantic-release/npm 13.1.1 or later) into a folder of its own and runs it in the
  // repository with the repository's configuration, for trusted publishing. No dry-run input.
  {
    id: 'semantic-trusted-release-action',
    action: 'electron/semantic-trusted-release',
    tool: 'semantic-release',
    label: 'electron/semantic-trusted-release',
    ownCopy: { releases: [{ from: '1.0.0', version: '25' }], readUpTo: '1.1.0' },
  },
  // codfish/semantic-release-action (read in its sources, v1.0.0 to v5.0.0 and main): a Docker
  // action (its own Node: 12 in v1, 18 in v2, 20 in v3, 22 in v4, 24 in v5) that runs the
  // semantic-release its image installs from the action's lockfile, in the repository (its
  // `working-directory` input, else the root) with the repository's configuration and its inputs
  // (`branches`, `plugins`, `extends`, `dry-run`; `dry_run` in v1 and v2). Its README recommends
  // its prebuilt image first, by digest (`docker://ghcr.io/codfish/semantic-release-action@sha256:…`),
  // or by tag on GitHub's registry or Docker Hub; its release workflow pushes `latest`, `v<version>`
  // and `v<major>` to ghcr.io (codfish/actions, codfish/eslint-config).
  {
    id: 'codfish-semantic-release-action',
    action: 'codfish/semantic-release-action',
    images: ['ghcr.io/codfish/semantic-release-action', 'codfish/semantic-release-action'],
    tool: 'semantic-release',
    label: 'codfish/semantic-release-action',
    dryRunInput: 'dry-run',
    directoryInput: 'working-directory',
    dryRunInputAliases: ['dry_run'],
    ownCopy: {
      releases: [
        { from: '1.0.0', version: '15' },
        { from: '1.3.0', version: '17' },
        { from: '2.0.0', version: '19' },
        { from: '2.1.0', version: '20' },
        { from: '3.0.0', version: '22' },
        { from: '4.0.0', version: '24' },
        { from: '5.0.0', version: '25' },
      ],
      readUpTo: '5.0.0',
    },
  },
  // goreleaser/goreleaser-action (its `action.yml`, `src/main.ts`, `src/context.ts`, read 2026-12):
  // installs GoReleaser (`distribution`: `goreleaser`, the default, or `goreleaser-pro`) and runs
  // `goreleaser <args>` in `workdir`; `args` is required unless `install-only: true`, which only puts
  // GoReleaser on PATH (read as a dry run: no publish). GoReleaser Pro publishes its configuration's
  // `npms:` packages (`GORELEASER`); the OSS edition refuses such a configuration.
  {
    id: 'goreleaser-action',
    action: 'goreleaser/goreleaser-action',
    tool: 'goreleaser',
    label: 'goreleaser/goreleaser-action',
    commandInput: 'args',
    argumentsOf: 'goreleaser',
    directoryInput: 'workdir',
    editionInput: { input: 'distribution', values: ['goreleaser-pro'] },
    dryRunInput: 'install-only',
  },
  // tauri's covector: `version-or-publish` publishes when there is nothing left to version.
  {
    id: 'covector-action',
    action: 'jbolda/covector/packages/action',
    tool: 'covector',
    label: 'covector',
    confidence: 'heuristic',
    operationInput: { input: 'command', publishes: ['publish', 'version-or-publish'] },
  },
  // mikeal/merge-release (its `action.yaml`, `Dockerfile`, `entrypoint.sh` and
  // `src/merge-release-run.js`, read 2026-12 at 30319a1, the `master` mikeal's workflow template
  // uses): a Docker action built `FROM node:18-slim`, so its own Node 18 and bundled npm 10 publish,
  // whatever the job sets up (data/node-actions.ts `IMAGE_NODE_ACTIONS`). It stops without
  // `NPM_AUTH_TOKEN` in its environment, writes that token as `//registry.npmjs.org/:_authToken`
  // into `~/.npmrc`, sets the version from the commit messages and runs `npm publish` (`npm run
  // publish` when the package has a `publish` script) in `DEPLOY_DIR` (its `env:`, default the
  // repository root): a token publish, never a trusted one.
  {
    id: 'merge-release-action',
    action: 'mikeal/merge-release',
    tool: 'npm',
    label: 'mikeal/merge-release',
    defaultCommand: 'npm publish',
    publishesWorkspace: true,
    packageFrom: { env: 'DEPLOY_DIR' },
  },
  {
    id: 'js-devtools-npm-publish',
    action: 'JS-DevTools/npm-publish',
    tool: 'js-devtools-npm-publish',
    label: 'JS-DevTools/npm-publish',
    publishesWorkspace: true,
    packageFrom: { input: 'package' },
    dryRunInput: 'dry-run',
    flagInputs: { registry: 'registry', tag: 'tag', access: 'access', provenance: 'provenance' },
  },
];

/**
 * Command prefixes that run the rest of the words as a command (`sudo -E npm publish`), read by
 * `stripPrefixes` in `src/model/npm/shell.ts`. `valueFlags` take the next word as their value;
 * `stopFlags` mean the rest is not executed (`command -v npm`); `flags: false` for shell reserved
 * words, which take no options.
 */
export interface CommandPrefix {
  readonly names: readonly string[];
  readonly flags: boolean;
  readonly valueFlags?: readonly string[];
  readonly stopFlags?: readonly string[];
  /**
   * `NAME=value` words may follow the options; `any`: with any name (`env` sets variables the shell
   * cannot, `env 'npm_config_@acme:registry=URL' npm publish`).
   */
  readonly assignments?: boolean | 'any';
  /** Positional arguments before the command (`timeout 10m cmd`). */
  readonly positionals?: number;
}

export const COMMAND_PREFIXES: readonly CommandPrefix[] = [
  {
    names: ['sudo'],
    flags: true,
    assignments: true,
    valueFlags: [
      '-u', '-g', '-C', '-D', '-p', '-r', '-t', '-U', '-T',
      '--user', '--group', '--chdir', '--prompt', '--role', '--type', '--other-user', '--close-from', '--command-timeout',
    ],
  },
  { names: ['env'], flags: true, assignments: 'any', valueFlags: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'] },
  { names: ['cross-env', 'cross-env-shell'], flags: false, assignments: true },
  { names: ['time'], flags: true, valueFlags: ['-f', '--format', '-o', '--output'] },
  { names: ['exec'], flags: true, valueFlags: ['-a'] },
  { names: ['command'], flags: true, stopFlags: ['-v', '-V'] },
  { names: ['nohup'], flags: true },
  { names: ['nice'], flags: true, valueFlags: ['-n', '--adjustment'] },
  { names: ['timeout'], flags: true, positionals: 1, valueFlags: ['-s', '--signal', '-k', '--kill-after'] },
  { names: ['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until'], flags: false },
];
