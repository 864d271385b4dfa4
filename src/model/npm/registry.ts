/**
 * Which registry a publish goes to (docs/domain.md §1.4). Trusted publishing only exists on
 * registry.npmjs.org; tokens and upgrades aimed at another registry (GitHub Packages, a proxy, a
 * company registry) are another matter. This file knows npm's precedence, provider-neutrally; the
 * GitHub and GitLab models feed it the settings a job makes (`../github/sites.ts`,
 * `../gitlab/sites.ts`).
 *
 * npm's precedence for a package `@scope/name`: an `@scope:registry` setting from any layer beats
 * `registry` from any layer (npm-registry-fetch `pickRegistry`); among layers, the command line
 * (`--registry`, `--@scope:registry=<url>`) beats `publishConfig`, which beats the environment
 * (`NPM_CONFIG_REGISTRY`, `npm_config_@scope:registry`), the project `.npmrc` (the package's
 * directory, then the root) and the user configuration that setup-node's `registry-url` or a
 * script's `npm config set registry` write, last write first (on GitHub, only as far as npm reads
 * that file: `../github/user-config.ts`).
 * Yarn reads its own configuration instead: Yarn 2+ `publishConfig.registry`, then its settings key
 * by key from its environment (`YARN_NPM_PUBLISH_REGISTRY`), the project `.yarnrc.yml` (as `yarn
 * config set` left it), then the home one; Yarn 1
 * what `yarn config set registry` wrote (`data/registry-config.ts`). pnpm 11.0.5 and later take
 * `publishConfig.registry` over everything, then npm's order without `publishConfig`; pnpm 10 and
 * older run the npm CLI, whose order holds (`PNPM_PUBLISH_CONFIG_REGISTRY_FIRST`). For a pnpm of
 * unknown version, where the two orders disagree the registry is unknown.
 */
import { semver } from '../core/semver.js';
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { leastCertain, type Certainty, type PublishCommand, type PublishTargets, type Registry, type RegistryDecision, type RegistrySetting } from './publish-site.js';
import { CONFIG_FILES_READ, PNPM_PUBLISH_CONFIG_REGISTRY_FIRST, yarnPublishKeys, type RegistryConfigFile } from '../data/registry-config.js';
import type { WorkspacePackage } from './workspaces.js';
import type { PackageManager } from './package-manager.js';
import type { ChangesetsRuns } from './changesets.js';

export type { Registry } from './publish-site.js';

/** Hosts that are the public npm registry (registry.yarnpkg.com is a CNAME of it). */
export const NPMJS_HOSTS: ReadonlySet<string> = new Set(['registry.npmjs.org', 'registry.npmjs.com', 'registry.yarnpkg.com']);

/** Hosts that serve npm's registry but give an npm CLI OIDC token another audience. */
export const NPMJS_ALIASES: ReadonlySet<string> = new Set(['registry.yarnpkg.com', 'registry.npmjs.com']);

/** The host of a registry URL (`https://host/...`, `//host/`, or a bare `host/path`). */
export function registryHost(url: string): string | undefined {
  const trimmed = url.trim();
  let rest = trimmed;
  const scheme = /^[a-z+]+:/i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  if (rest.startsWith('//')) rest = rest.slice(2);
  else if (scheme) return undefined;
  let end = 0;
  while (end < rest.length && !'/:?# \t'.includes(rest.charAt(end))) end++;
  const host = rest.slice(0, end);
  return host === '' ? undefined : host.toLowerCase();
}

/** GitLab's own package registry, addressed through predefined variables. */
const GITLAB_REGISTRY_VARIABLE = /\$\{?CI_(?:API_V4_URL|SERVER_URL|SERVER_HOST|SERVER_FQDN|PROJECT_ID)\b/;

/**
 * `npmjs`, `other`, or `unknown` (an expression or a variable); undefined when nothing is set. A URL
 * built from GitLab's `$CI_API_V4_URL` (and friends) is GitLab's package registry: `other`.
 */
export function classifyRegistry(url: string | undefined): Registry | undefined {
  if (url === undefined || url.trim() === '') return undefined;
  // Without a `$` the expression cannot match: a plain URL never makes V8 compile it (issue 17).
  if (url.includes('$')) return GITLAB_REGISTRY_VARIABLE.test(url) ? 'other' : 'unknown';
  const host = registryHost(url);
  return host !== undefined && NPMJS_HOSTS.has(host) ? 'npmjs' : 'other';
}

/** True for a registry URL on an alias host of npm's registry (the OIDC audience would be wrong). */
export function isNpmjsAlias(url: string): boolean {
  const host = registryHost(url);
  return host !== undefined && NPMJS_ALIASES.has(host);
}

/**
 * Alias hosts for which Yarn Berry asks GitHub for the `npm:registry.npmjs.org` audience: its
 * `getOidcToken` replaces `registry.yarnpkg.com` ("an alias domain to the NPM registry") before it
 * builds the audience, then exchanges at the alias, which serves npm's registry (docs/domain.md A.65).
 * Its other replacement, `yarn.npmjs.org`, is not a host tp-doctor counts as npm's registry.
 */
const YARN_NPMJS_AUDIENCE_HOSTS: ReadonlySet<string> = new Set(['registry.yarnpkg.com']);

export { inlineEnvRegistry, registryWrites, type ScriptRegistryWrite } from './registry-writes.js';

/**
 * Which settings a publish tool reads to choose its registry. `pnpm-native`: pnpm 11.0.5 or later
 * (`publishConfig.registry` first); `pnpm-unknown`: a pnpm whose version tp-doctor cannot tell,
 * which may take either order.
 */
export type RegistryReads = 'npm' | 'pnpm-native' | 'pnpm-unknown' | 'yarn-berry' | 'npm-or-yarn-berry' | 'yarn-classic' | 'flag' | 'none';

/**
 * `pm`: the repository's package manager. pnpm publishes for `pnpm publish` (the version a
 * command pins, `npx pnpm@10 publish`, `pnpm with latest-10 publish`, else `packageManager`) and
 * for `changeset publish` in a pnpm repository.
 */
export function registryReadsOf(match: Pick<PublishCommand['match'], 'tool' | 'recognizer' | 'pinnedVersion'>, pm?: { name: PackageManager; version?: string }, changesets?: ChangesetsRuns): RegistryReads {
  const { tool, recognizer } = match;
  // @changesets/cli 3 in a Yarn 2+ repository runs `yarn npm publish` (./changesets.ts), which reads
  // Yarn's settings only; a changesets whose major is not known may run either (docs/domain.md A.65).
  if (recognizer === 'changeset-publish' && changesets === 'yarn-berry') return 'yarn-berry';
  if (recognizer === 'changeset-publish' && changesets === 'npm-or-yarn-berry') return 'npm-or-yarn-berry';
  if (tool === 'yarn') return 'yarn-classic'; // never OIDC: publish-tool-supports-oidc's finding, when it goes to npmjs
  if (tool === 'bun') return 'none'; // never OIDC either
  if (tool === 'yarn-berry') return 'yarn-berry'; // `.yarnrc.yml` and `publishConfig`, not `.npmrc`
  if (recognizer === 'js-devtools-npm-publish') return 'flag'; // its `registry` input (default npmjs)
  const pmPnpm = pm?.name === 'pnpm' ? pm.version : undefined;
  if (tool === 'pnpm') return pnpmReads(match.pinnedVersion ?? pmPnpm);
  if (tool === 'changesets' && pm?.name === 'pnpm') return pnpmReads(pmPnpm);
  return 'npm';
}

/** How a pnpm of version `spec` (`11.21.0`, `10`, `latest-10`) picks its publish registry. */
function pnpmReads(spec: string | undefined): RegistryReads {
  const s = spec?.trim().replace(/^(?:latest|next)-(?=\d)/, '');
  const range = s === undefined ? null : semver.validRange(s);
  if (range === null) return 'pnpm-unknown';
  if (semver.gtr(PNPM_PUBLISH_CONFIG_REGISTRY_FIRST, range)) return 'npm';
  const min = semver.minVersion(range);
  return min !== null && semver.gte(min, PNPM_PUBLISH_CONFIG_REGISTRY_FIRST) ? 'pnpm-native' : 'pnpm-unknown';
}

/**
 * True when a publish reads the npm CLI's project configuration, the `.npmrc` of its local prefix
 * only (`RepoFiles.npmLocalPrefix`): `npm publish` and the npm scripts. Every other tool reads the
 * `.npmrc` of the directory it runs in, then the root's (pnpm reads its workspace root's).
 */
export function readsNpmCliConfig(publish: PublishCommand): boolean {
  return publish.match.tool === 'npm';
}

/**
 * The packages a publish's registry is decided for, each on its own: its targets, else the
 * manifests of the directories it publishes, else (targets unknown) the candidates.
 */
export function registrySubjects(targets: PublishTargets): WorkspacePackage[] {
  return targets.kind === 'unknown' ? targets.candidates : targets.packages.length > 0 ? targets.packages : (targets.manifests ?? []);
}

/**
 * The layers a registry decision reads, as a job sees them before one publish. Each lookup takes
 * a key: `registry` or `@scope:registry`.
 */
export interface RegistryLayers {
  reads: RegistryReads;
  /** `--registry` on the command (or an action's `registry` input). */
  flag?: RegistrySetting;
  /** `--@scope:registry=<url>` on an npm or pnpm command, by key (`@acme:registry`). */
  scopedFlag?(key: string): RegistrySetting | undefined;
  env(key: string): RegistrySetting | undefined;
  /** The project `.npmrc` of `dir` (then the root's). */
  npmrc(dir: string, key: string): RegistrySetting | undefined;
  /**
   * The user configuration the job wrote before the publish (last write first), in the
   * configuration files `files` (default: the npm CLI's, `CONFIG_FILES_READ.npm`). With `dir` (the
   * directory the publish reads its project `.npmrc` for), a line written into a project `.npmrc`
   * (`ConfigWrite.dir`) counts only when it is the one read there (`SiteContext.npmrcDirs`).
   */
  user(key: string, files?: readonly RegistryConfigFile[], dir?: string): RegistrySetting | undefined;
  /**
   * Yarn 2+ settings a committed shell script on the way to the publish writes (`yarn config set
   * npmPublishRegistry` in `scripts/publish.sh`), last write first: later than the job's own.
   */
  scriptWrites?: readonly ConfigWrite[];
  /** Yarn Berry: one key of the committed `.yarnrc.yml` (`npmPublishRegistry`, `npmScopes.acme.npmRegistryServer`). */
  yarnrc?(key: string): RegistrySetting | undefined;
  /**
   * Yarn Berry: a top-level key its environment sets (`YARN_NPM_PUBLISH_REGISTRY` for
   * `npmPublishRegistry`; `yarnEnvRegistryKey`), which beats every `.yarnrc.yml`.
   */
  yarnEnv?(key: string): RegistrySetting | undefined;
  /**
   * A scoped registry the job itself set up for another registry than npmjs (setup-node's
   * `registry-url` for GitHub Packages writes `@owner:registry`): a package whose name tp-doctor
   * cannot see (a tarball, a directory from a variable) may be of that scope.
   */
  scopedElsewhere?: RegistrySetting;
  /** An earlier step rewrites the package.json with a script (`node -e "…writeFileSync('package.json'…"`): its committed `publishConfig` may not be what is sent. */
  manifestRewritten?: boolean;
}

/** The package a decision is for: its scope and `publishConfig`. */
export interface RegistryTarget {
  name?: string;
  dir: string;
  manifest?: string;
  publishConfig?: YNode;
}

function scopeOf(name: string | undefined): string | undefined {
  return name?.startsWith('@') && name.includes('/') ? name.slice(0, name.indexOf('/')).toLowerCase() : undefined;
}

function fromPublishConfig(target: RegistryTarget | undefined, key: string): RegistrySetting | undefined {
  const node = target?.publishConfig?.get(key);
  const url = node?.text;
  if (!node || url === undefined || url.trim() === '') return undefined;
  const name = key === 'registry' ? '`publishConfig.registry`' : `\`publishConfig["${key}"]\``;
  return { url, source: `${name} in \`${target?.manifest ?? 'package.json'}\``, at: node, atValue: true, fromPackage: true };
}

function decided(setting: RegistrySetting | undefined): RegistryDecision | undefined {
  if (!setting) return undefined;
  return { registry: classifyRegistry(setting.url) ?? 'npmjs', setting };
}

/**
 * Where a publish of `target` goes, with the setting that decided. `scopeHint`: the scope to
 * assume when the package is unknown (the repository's one scope).
 */
export function decideRegistry(layers: RegistryLayers, target: RegistryTarget | undefined, npmrcDir: string | undefined, scopeHint?: string): RegistryDecision {
  // Yarn 1 and Bun never use OIDC (publish-tool-supports-oidc says so); only their `--registry` counts here.
  if (layers.reads === 'none') return decided(layers.flag) ?? { registry: 'npmjs' };
  if (layers.reads === 'flag') return decided(layers.flag) ?? { registry: 'npmjs' };
  const scope = scopeOf(target?.name) ?? (target?.name === undefined ? scopeHint : undefined);
  if (layers.reads === 'yarn-berry') return yarnBerryDecision(layers, target, scope);
  if (layers.reads === 'yarn-classic') {
    // Yarn 1: its `--registry`, and what `yarn config set` wrote to `~/.yarnrc` (a scope's first).
    const scoped = scope === undefined ? undefined : layers.user(`${scope}:registry`, CONFIG_FILES_READ['yarn-classic']);
    if (scoped) return { ...decided(scoped)!, setting: { ...scoped, scope } };
    return decided(layers.flag ?? layers.user('registry', CONFIG_FILES_READ['yarn-classic'])) ?? { registry: 'npmjs' };
  }
  const dir = npmrcDir ?? target?.dir ?? '';
  // The directory a project `.npmrc` the job wrote must be read from to count (none when unknown: every one counts).
  const known = npmrcDir ?? target?.dir;
  if (layers.reads === 'npm') return npmOrder(layers, target, dir, scope, true, known);
  if (layers.reads === 'npm-or-yarn-berry') {
    // `changeset publish` runs `npm publish` (changesets 2) or `yarn npm publish` (3): where both agree, that answer.
    const npm = npmOrder(layers, target, dir, scope, true, known);
    const yarn = yarnBerryDecision(layers, target, scope);
    return npm.registry === yarn.registry ? npm : { registry: 'unknown', setting: npm.setting ?? yarn.setting };
  }
  const native = decided(fromPublishConfig(target, 'registry')) ?? npmOrder(layers, target, dir, scope, false, known);
  if (layers.reads === 'pnpm-native') return native;
  // A pnpm of unknown version: 11.0.5 and later take `publishConfig.registry` first, older ones npm's order.
  const npm = npmOrder(layers, target, dir, scope, true, known);
  return npm.registry === native.registry ? npm : { registry: 'unknown', setting: native.setting ?? npm.setting };
}

/** Where Yarn 2+ publishes a package of `scope`: its `publishConfig.registry`, then Yarn's settings (`yarnBerrySetting`). */
function yarnBerryDecision(layers: RegistryLayers, target: RegistryTarget | undefined, scope: string | undefined): RegistryDecision {
  const setting = fromPublishConfig(target, 'registry') ?? yarnBerrySetting(layers, scope);
  const decision = decided(setting) ?? { registry: 'npmjs' };
  const host = setting && registryHost(setting.url);
  return host !== undefined && YARN_NPMJS_AUDIENCE_HOSTS.has(host) ? { ...decision, npmjsAudience: true } : decision;
}

/**
 * npm's order: an `@scope:registry` from any layer, then `registry` (`--registry` first). With
 * `publishConfig` false the package's `publishConfig` is not read (pnpm 11 reads only its
 * `registry`, before everything else).
 */
function npmOrder(layers: RegistryLayers, target: RegistryTarget | undefined, dir: string, scope: string | undefined, publishConfig: boolean, known: string | undefined): RegistryDecision {
  const own = (key: string): RegistrySetting | undefined => (publishConfig ? fromPublishConfig(target, key) : undefined);
  if (scope !== undefined) {
    const key = `${scope}:registry`;
    // The command line beats `publishConfig` (npm applies only the keys the command line does not set).
    const scoped = layers.scopedFlag?.(key) ?? own(key) ?? layers.env(key) ?? layers.npmrc(dir, key) ?? layers.user(key, undefined, known);
    if (scoped) return { ...decided(scoped)!, setting: { ...scoped, scope } };
  }
  const setting = layers.flag ?? own('registry') ?? layers.env('registry') ?? layers.npmrc(dir, 'registry') ?? layers.user('registry', undefined, known);
  return decided(setting) ?? { registry: 'npmjs' };
}

/**
 * Yarn 2+'s publish registry for a package of `scope`: key by key in Yarn's order
 * (`yarnPublishKeys`), the project `.yarnrc.yml` as the job's `yarn config set` left it (a script
 * file's writes, then the job's, then the committed file), then the home one (`yarn config set -H`);
 * a key the environment sets (`YARN_NPM_PUBLISH_REGISTRY`) before all of them.
 */
function yarnBerrySetting(layers: RegistryLayers, scope: string | undefined): RegistrySetting | undefined {
  const written = (key: string, files: readonly RegistryConfigFile[]): RegistrySetting | undefined =>
    layers.scriptWrites?.find((w) => w.key === key && files.includes(w.file))?.setting ?? layers.user(key, files);
  for (const key of yarnPublishKeys(scope)) {
    const setting = layers.yarnEnv?.(key) ?? written(key, CONFIG_FILES_READ['yarn-berry']) ?? layers.yarnrc?.(key) ?? written(key, CONFIG_FILES_READ['yarn-berry-home']);
    if (setting) return setting;
  }
  return undefined;
}

/**
 * One answer for a publish command over the packages it publishes: npmjs when any package goes
 * there (a trusted publish is attempted), else unknown when any may, else other.
 */
export function combineDecisions(decisions: readonly RegistryDecision[]): RegistryDecision {
  return (
    decisions.find((d) => d.registry === 'npmjs') ??
    decisions.find((d) => d.registry === 'unknown') ??
    decisions[0] ?? { registry: 'npmjs' }
  );
}

/**
 * Where one publish command goes, the same for every provider (only the layers differ): each
 * package it publishes decided on its own (by directory), the command's one answer, and its
 * certainty (where an expression decides the registry, the publish may go anywhere: a possible
 * trusted publish at most). `scopeHint` applies only when no package is known.
 */
export function decideSiteRegistry(
  layers: RegistryLayers,
  targets: PublishTargets,
  directory: string | undefined,
  scopeHint: string | undefined,
  publishCertainty: Certainty,
): { registry: RegistryDecision; packageRegistries: Map<string, RegistryDecision>; certainty: Certainty } {
  const packageRegistries = new Map<string, RegistryDecision>();
  const subjects = registrySubjects(targets);
  for (const pkg of subjects) {
    packageRegistries.set(pkg.dir, decideRegistry(layers, { name: pkg.name, dir: pkg.dir, manifest: pkg.pkg.file, publishConfig: pkg.pkg.publishConfig }, directory));
  }
  const decisions = [...packageRegistries.values()];
  let registry = decisions.length > 0 ? combineDecisions(decisions) : decideRegistry(layers, undefined, directory, subjects.length === 0 ? scopeHint : undefined);
  // Unknown targets decided npmjs by their candidates' names or their own `publishConfig`, in a job
  // set up to publish a scope elsewhere: the package published may be of that scope, with its own
  // `publishConfig` (`pnpm publish "$TARBALL"` of a package renamed and re-pointed to GitHub
  // Packages, hell-ui). Where it goes is then unknown: a possible trusted publish at most.
  // So in a job that rewrites the package.json first (RandomCodeSpace/design-system renames the
  // package and points `publishConfig.registry` at GitHub Packages with `node -e`).
  if ((targets.kind === 'unknown' || layers.manifestRewritten === true) && registry.registry === 'npmjs' && (!registry.setting || registry.setting.fromPackage) && layers.scopedElsewhere) {
    registry = { registry: 'unknown', setting: layers.scopedElsewhere };
  }
  const certainty = registry.registry === 'unknown' ? leastCertain([publishCertainty, 'possible']) : publishCertainty;
  return { registry, packageRegistries, certainty };
}

/** A `user` registry write as a site builder keeps it: its key, its configuration file, the setting. */
export interface ConfigWrite {
  key: string;
  file: RegistryConfigFile;
  setting: RegistrySetting;
  /**
   * For a line written into a project `.npmrc` (`echo … > .npmrc`, `> packages/a/.npmrc`, after
   * the script's `cd`s): that file's repository directory, read by a publish only where it is the
   * project `.npmrc` (../npm/npmrc-kept.ts `projectDirOf`). Absent for the user configuration
   * (`~/.npmrc`, `npm config set`) and a file tp-doctor cannot tell: those count for every publish.
   */
  dir?: string;
}

/**
 * The newest of `writes` (last write first) for `key` in one of `files` (default: the npm CLI's);
 * with `read` (the directories whose project `.npmrc` the publish reads), a write into a project
 * `.npmrc` elsewhere (`ConfigWrite.dir`) is passed over.
 */
export function findConfigWrite(writes: readonly ConfigWrite[], key: string, files: readonly RegistryConfigFile[] = CONFIG_FILES_READ.npm, read?: readonly string[]): RegistrySetting | undefined {
  return writes.find((w) => w.key === key && files.includes(w.file) && (w.dir === undefined || read === undefined || read.includes(w.dir)))?.setting;
}

/**
 * The layers a publish command carries itself: `--registry` (or the registry setting of a script
 * file on its way, `PublishFlags.registry`), and that script file's Yarn 2+ settings.
 */
export function commandLayers(publish: PublishCommand): Pick<RegistryLayers, 'flag' | 'scopedFlag' | 'scriptWrites'> {
  const { flags, label, tool } = publish.match;
  const out: Pick<RegistryLayers, 'flag' | 'scopedFlag' | 'scriptWrites'> = {};
  if (flags.registry !== undefined) out.flag = { url: flags.registry, source: flags.registrySource ?? `\`--registry\` on \`${label}\``, at: publish.location, atValue: false };
  // npm and pnpm read `--@scope:registry=<url>` (pnpm's parse-cli-args `isScopeRegistryOption`); the other tools do not pass it on.
  const scoped = flags.scopeRegistries;
  if (scoped && (tool === 'npm' || tool === 'pnpm')) {
    out.scopedFlag = (key) => {
      if (!scoped.has(key)) return undefined;
      const url = scoped.get(key);
      // Without `=`: npm reads `true`, and the URL as the package to publish: where it goes is not known.
      if (url === undefined) return { url: '${{ true }}', source: `\`--${key}\` without \`=\` on \`${label}\` (npm reads it as \`true\` and the next word as the package to publish)`, at: publish.location, atValue: false };
      return { url, source: `\`--${key}\` on \`${label}\``, at: publish.location, atValue: false };
    };
  }
  if (flags.configWrites) {
    out.scriptWrites = flags.configWrites.map((w) => ({ key: w.key, file: w.file, setting: { url: w.url, source: w.source, at: publish.location, atValue: false } }));
  }
  return out;
}

/** A setting at a node or a location, for messages. */
export function settingAt(at: YNode | Location, url: string, source: string, atValue = true): RegistrySetting {
  return { url, source, at, atValue };
}
