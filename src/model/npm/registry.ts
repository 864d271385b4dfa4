/**
 * Which registry a publish goes to (docs/domain.md §1.4). Trusted publishing only exists on
 * registry.npmjs.org; tokens and upgrades aimed at another registry (GitHub Packages, a proxy, a
 * company registry) are another matter. This file knows npm's precedence, provider-neutrally; the
 * GitHub and GitLab models feed it the settings a job makes (`../github/sites.ts`,
 * `../gitlab/sites.ts`).
 *
 * npm's precedence for a package `@scope/name`: an `@scope:registry` setting from any layer beats
 * `registry` from any layer (npm-registry-fetch `pickRegistry`); among layers, the command line
 * (`--registry`) beats `publishConfig`, which beats the environment (`NPM_CONFIG_REGISTRY`), the
 * project `.npmrc` (the package's directory, then the root) and the user configuration that
 * setup-node's `registry-url` or a script's `npm config set registry` write, last write first.
 * Yarn reads its own configuration instead: Yarn 2+ `publishConfig.registry`, then its settings key
 * by key from the project `.yarnrc.yml` (as `yarn config set` left it), then the home one; Yarn 1
 * what `yarn config set registry` wrote (`data/registry-config.ts`).
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { leastCertain, type Certainty, type PublishCommand, type PublishTargets, type Registry, type RegistryDecision, type RegistrySetting } from './publish-site.js';
import type { PublishToolName } from '../data/publish-tools.js';
import { CONFIG_FILES_READ, NPM_REGISTRY_KEY, normalizeRegistryKey, REGISTRY_CONFIG_KEYS, registryConfigKey, yarnPublishKeys, type RegistryConfigFile } from '../data/registry-config.js';
import type { ShellCommand } from './shell.js';
import type { WorkspacePackage } from './workspaces.js';

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
  if (GITLAB_REGISTRY_VARIABLE.test(url)) return 'other';
  if (url.includes('$')) return 'unknown';
  const host = registryHost(url);
  return host !== undefined && NPMJS_HOSTS.has(host) ? 'npmjs' : 'other';
}

/** True for a registry URL on an alias host of npm's registry (the OIDC audience would be wrong). */
export function isNpmjsAlias(url: string): boolean {
  const host = registryHost(url);
  return host !== undefined && NPMJS_ALIASES.has(host);
}

/**
 * A registry written by a script before the publish: `npm config set registry URL`, `registry=URL`
 * into an `.npmrc`, `yarn config set npmPublishRegistry URL` (the keys: `data/registry-config.ts`).
 */
export interface ScriptRegistryWrite {
  /** `registry` or `@scope:registry`; for Yarn 2+ `npmPublishRegistry`, `npmScopes.<scope>.npmRegistryServer`... */
  key: string;
  url: string;
  /** `user` for a configuration file (`npm config set`, `~/.npmrc`, `yarn config set`); `env` for `export NPM_CONFIG_REGISTRY=`. */
  level: 'user' | 'env';
  /** The configuration a `user` write lands in (`npmrc` for an `.npmrc` write and the environment). */
  file: RegistryConfigFile;
  offset: number;
  end: number;
  /** The command as written. */
  text: string;
  /** How messages name it: `npm config set registry`, `an .npmrc write of @scope:registry`. */
  label: string;
}

const CONFIG_BINS = new Set(REGISTRY_CONFIG_KEYS.flatMap((row) => row.bins));

function unquoted(word: string): string {
  return word.length >= 2 && (word[0] === '"' || word[0] === "'") && word.at(-1) === word[0] ? word.slice(1, -1) : word;
}

/**
 * The registry settings a script's commands write, in order. Reads words, never the raw text
 * with a regular expression, so that it stays linear on any input. `script`: the text the commands
 * were split from, where a command's redirection (`>> ~/.npmrc`, not one of its words) is read.
 */
export function registryWrites(commands: readonly ShellCommand[], script?: string): ScriptRegistryWrite[] {
  const out: ScriptRegistryWrite[] = [];
  for (const cmd of commands) {
    const words = cmd.words.map((w) => w.value);
    const bin = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
    const base = { offset: cmd.offset, end: cmd.offset + cmd.text.length, text: cmd.text };
    if (CONFIG_BINS.has(bin)) {
      const write = configSetWrite(bin, words);
      if (write) out.push({ ...write, level: 'user', ...base });
      continue;
    }
    if (bin === 'export' || bin === 'declare') {
      for (const w of words.slice(1)) {
        const eq = w.indexOf('=');
        if (eq > 0 && w.slice(0, eq).toLowerCase() === 'npm_config_registry' && eq + 1 < w.length) {
          out.push({ key: 'registry', url: w.slice(eq + 1), level: 'env', file: 'npmrc', label: w.slice(0, eq), ...base });
        }
      }
      continue;
    }
    // `echo "@scope:registry=URL" >> .npmrc` (the redirection is not a word, so look at the text).
    const written = script === undefined ? cmd.text : redirectTarget(script, cmd.offset + cmd.text.length);
    if ((bin === 'echo' || bin === 'printf') && written !== undefined && (written.includes('.npmrc') || /NPM_CONFIG_USERCONFIG/i.test(written))) {
      for (const w of words.slice(1)) {
        for (const line of w.split('\\n')) {
          const eq = line.indexOf('=');
          if (eq > 0 && NPM_REGISTRY_KEY.test(line.slice(0, eq).trim()) && eq + 1 < line.length) {
            const key = line.slice(0, eq).trim();
            out.push({ key: key.toLowerCase(), url: line.slice(eq + 1).trim(), level: 'user', file: 'npmrc', label: `${key}= written to .npmrc`, ...base });
          }
        }
      }
    }
  }
  return out;
}

/**
 * What `<bin> config set <key> <value>` (also `<bin> set`, `key=value` where the tool takes it)
 * writes, when `<key>` is one of `REGISTRY_CONFIG_KEYS`; Yarn 2+'s `-H`/`--home` writes the home
 * `.yarnrc.yml`. The first registry key of the command counts.
 */
function configSetWrite(bin: string, words: readonly string[]): Pick<ScriptRegistryWrite, 'key' | 'url' | 'file' | 'label'> | undefined {
  const args = words.slice(1).filter((w) => !w.startsWith('-'));
  const at = args[0] === 'config' ? 1 : 0;
  if (args[at] !== 'set') return undefined;
  for (let i = at + 1; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const whole = registryConfigKey(bin, arg);
    const row = whole ?? (eq > 0 ? registryConfigKey(bin, arg.slice(0, eq)) : undefined);
    if (!row || (!whole && !row.assignment)) continue;
    const key = whole ? arg : arg.slice(0, eq);
    const url = whole ? args[i + 1] : arg.slice(eq + 1);
    if (url === undefined || url === '') return undefined;
    const home = row.homeFile !== undefined && words.some((w) => row.homeFlags?.includes(w));
    return { key: normalizeRegistryKey(row, key), url: unquoted(url), file: home ? row.homeFile! : row.file, label: `${bin} config set ${key}` };
  }
  return undefined;
}

/**
 * The file a command's output redirection writes (`>> ~/.npmrc`, `> "$NPM_CONFIG_USERCONFIG"`),
 * read right after the command's words (`end`): redirections are not words. Undefined when the
 * command has none; a comment or a later command on the line is never read as one.
 */
function redirectTarget(script: string, end: number): string | undefined {
  const lineEnd = script.indexOf('\n', end);
  const tail = script.slice(end, lineEnd < 0 ? script.length : lineEnd);
  return /^[ \t]*(?:[12]?>>?|&>>?)[ \t]*(["']?)([^"'\s;|&#]+)\1/.exec(tail)?.[2];
}

/** `NPM_CONFIG_REGISTRY=URL npm publish`: an assignment before the command itself. */
export function inlineEnvRegistry(command: ShellCommand | undefined): string | undefined {
  for (const w of command?.words ?? []) {
    const eq = w.value.indexOf('=');
    if (eq <= 0) return undefined; // assignments come first
    if (w.value.slice(0, eq).toLowerCase() === 'npm_config_registry') return w.value.slice(eq + 1);
  }
  return undefined;
}

/** Which settings a publish tool reads to choose its registry. */
export type RegistryReads = 'npm' | 'yarn-berry' | 'yarn-classic' | 'flag' | 'none';

export function registryReadsOf(tool: PublishToolName | string, recognizer: string): RegistryReads {
  if (tool === 'yarn') return 'yarn-classic'; // never OIDC: publish-tool-supports-oidc's finding, when it goes to npmjs
  if (tool === 'bun') return 'none'; // never OIDC either
  if (tool === 'yarn-berry') return 'yarn-berry'; // `.yarnrc.yml` and `publishConfig`, not `.npmrc`
  if (recognizer === 'js-devtools-npm-publish') return 'flag'; // its `registry` input (default npmjs)
  return 'npm';
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
  env(key: string): RegistrySetting | undefined;
  /** The project `.npmrc` of `dir` (then the root's). */
  npmrc(dir: string, key: string): RegistrySetting | undefined;
  /**
   * The user configuration the job wrote before the publish (last write first), in the
   * configuration files `files` (default: the npm CLI's, `CONFIG_FILES_READ.npm`).
   */
  user(key: string, files?: readonly RegistryConfigFile[]): RegistrySetting | undefined;
  /**
   * Yarn 2+ settings a committed shell script on the way to the publish writes (`yarn config set
   * npmPublishRegistry` in `scripts/publish.sh`), last write first: later than the job's own.
   */
  scriptWrites?: readonly ConfigWrite[];
  /** Yarn Berry: one key of the committed `.yarnrc.yml` (`npmPublishRegistry`, `npmScopes.acme.npmRegistryServer`). */
  yarnrc?(key: string): RegistrySetting | undefined;
  /**
   * A scoped registry the job itself set up for another registry than npmjs (setup-node's
   * `registry-url` for GitHub Packages writes `@owner:registry`): a package whose name tp-doctor
   * cannot see (a tarball, a directory from a variable) may be of that scope.
   */
  scopedElsewhere?: RegistrySetting;
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
  if (layers.reads === 'yarn-berry') {
    const setting = fromPublishConfig(target, 'registry') ?? yarnBerrySetting(layers, scope);
    return decided(setting) ?? { registry: 'npmjs' };
  }
  if (layers.reads === 'yarn-classic') {
    // Yarn 1: its `--registry`, and what `yarn config set` wrote to `~/.yarnrc` (a scope's first).
    const scoped = scope === undefined ? undefined : layers.user(`${scope}:registry`, CONFIG_FILES_READ['yarn-classic']);
    if (scoped) return { ...decided(scoped)!, setting: { ...scoped, scope } };
    return decided(layers.flag ?? layers.user('registry', CONFIG_FILES_READ['yarn-classic'])) ?? { registry: 'npmjs' };
  }
  const dir = npmrcDir ?? target?.dir ?? '';
  if (scope !== undefined) {
    const key = `${scope}:registry`;
    const scoped = fromPublishConfig(target, key) ?? layers.env(key) ?? layers.npmrc(dir, key) ?? layers.user(key);
    if (scoped) return { ...decided(scoped)!, setting: { ...scoped, scope } };
  }
  const setting = layers.flag ?? fromPublishConfig(target, 'registry') ?? layers.env('registry') ?? layers.npmrc(dir, 'registry') ?? layers.user('registry');
  return decided(setting) ?? { registry: 'npmjs' };
}

/**
 * Yarn 2+'s publish registry for a package of `scope`: key by key in Yarn's order
 * (`yarnPublishKeys`), the project `.yarnrc.yml` as the job's `yarn config set` left it (a script
 * file's writes, then the job's, then the committed file), then the home one (`yarn config set -H`).
 */
function yarnBerrySetting(layers: RegistryLayers, scope: string | undefined): RegistrySetting | undefined {
  const written = (key: string, files: readonly RegistryConfigFile[]): RegistrySetting | undefined =>
    layers.scriptWrites?.find((w) => w.key === key && files.includes(w.file))?.setting ?? layers.user(key, files);
  for (const key of yarnPublishKeys(scope)) {
    const setting = written(key, CONFIG_FILES_READ['yarn-berry']) ?? layers.yarnrc?.(key) ?? written(key, CONFIG_FILES_READ['yarn-berry-home']);
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
  if (targets.kind === 'unknown' && registry.registry === 'npmjs' && (!registry.setting || registry.setting.fromPackage) && layers.scopedElsewhere) {
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
}

/** The newest of `writes` (last write first) for `key` in one of `files` (default: the npm CLI's). */
export function findConfigWrite(writes: readonly ConfigWrite[], key: string, files: readonly RegistryConfigFile[] = CONFIG_FILES_READ.npm): RegistrySetting | undefined {
  return writes.find((w) => w.key === key && files.includes(w.file))?.setting;
}

/**
 * The layers a publish command carries itself: `--registry` (or the registry setting of a script
 * file on its way, `PublishFlags.registry`), and that script file's Yarn 2+ settings.
 */
export function commandLayers(publish: PublishCommand): Pick<RegistryLayers, 'flag' | 'scriptWrites'> {
  const { flags } = publish.match;
  const out: Pick<RegistryLayers, 'flag' | 'scriptWrites'> = {};
  if (flags.registry !== undefined) out.flag = { url: flags.registry, source: flags.registrySource ?? `\`--registry\` on \`${publish.match.label}\``, at: publish.location, atValue: false };
  if (flags.configWrites) {
    out.scriptWrites = flags.configWrites.map((w) => ({ key: w.key, file: w.file, setting: { url: w.url, source: w.source, at: publish.location, atValue: false } }));
  }
  return out;
}

/** A setting at a node or a location, for messages. */
export function settingAt(at: YNode | Location, url: string, source: string, atValue = true): RegistrySetting {
  return { url, source, at, atValue };
}
