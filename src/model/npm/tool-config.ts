/**
 * Publish tools' own configuration files (release-it, semantic-release), read the way the tools
 * look them up in a directory: the first of their file names that exists, else a key of
 * package.json. JavaScript and TOML files are never evaluated: they come back `opaque`, and what
 * they decide stays unknown. The one reader for the rules and the facts. Ship.js's
 * `ship.config.js` is read as text, in a few certain forms only, by shipjs-config.ts, and
 * semantic-release's and release-it's JavaScript (release-it's also TypeScript) configurations as
 * text by config-value.ts (for
 * semantic-release-config.ts: whether its npm plugin publishes, the other plugins that publish;
 * release-it-config.ts: `npm.publish`, `npm.stage`) and semantic-release-exec.ts (exec's
 * `publishCmd`). Whether a tool's configuration turns its npm publish off: config-skips-npm.ts.
 */
import type { YNode } from '../../yaml/parse.js';
import type { PublishCommand } from './publish-site.js';
import { splitCommands } from './shell.js';

/** What the reader needs of the repository (the project facts answer it). */
export interface ToolConfigFiles {
  exists(file: string): boolean;
  /** A YAML or JSON file's root node. */
  yaml(file: string): YNode | undefined;
  /** The root node of the package.json in `dir`. */
  packageRoot(dir: string): YNode | undefined;
  /** A file's text (undefined when absent or unreadable), for a configuration read as text (shipjs-config.ts). */
  text(file: string): string | undefined;
}

export interface ToolConfig {
  file: string;
  /** The configuration map, when the file is data (JSON or YAML, or the package.json key). */
  root?: YNode;
  /** A JavaScript or TOML file: found, not read. */
  opaque: boolean;
}

export const inDir = (dir: string, file: string): string => (dir === '' ? file : `${dir}/${file}`);

/** A tool's configuration in `dir`: its own file (first of `names` that exists), else `pkgKey` of package.json. */
export function findToolConfig(files: ToolConfigFiles, dir: string, names: readonly string[], pkgKey: string): ToolConfig | undefined {
  for (const name of names) {
    const file = inDir(dir, name);
    if (!files.exists(file)) continue;
    if (/\.(?:[cm]?[jt]s|toml)$/.test(name)) return { file, opaque: true };
    const root = files.yaml(file);
    return root?.isMap ? { file, root, opaque: false } : { file, opaque: false };
  }
  const pkg = files.packageRoot(dir)?.get(pkgKey);
  return pkg?.isMap ? { file: inDir(dir, 'package.json'), root: pkg, opaque: false } : undefined;
}

export const RELEASE_IT_FILES = ['.release-it.json', '.release-it.js', '.release-it.ts', '.release-it.cjs', '.release-it.mjs', '.release-it.cts', '.release-it.mts', '.release-it.yaml', '.release-it.yml', '.release-it.toml'];

/** The words release-it gets: the publish's arguments and those of the command that runs it (a package.json script). */
export function releaseItArgs(publish: PublishCommand): string[] {
  const words = splitCommands(publish.match.via.at(-1)?.command ?? publish.match.text).flatMap((c) => c.words.map((w) => w.value));
  return [...publish.match.args, ...words];
}

/** `-c` / `--config`: release-it reads the file it names instead (release-it-config.ts `releaseItConfig` reads it). */
export function releaseItConfigFlag(args: readonly string[]): boolean {
  return args.some((a) => /^(?:-c|--config)(?:=|$)/.test(a));
}

/** semantic-release's configuration, where cosmiconfig looks: package.json `release` first, then these files. */
export const SEMANTIC_RELEASE_FILES = [
  '.releaserc',
  '.releaserc.json',
  '.releaserc.yaml',
  '.releaserc.yml',
  '.releaserc.js',
  '.releaserc.cjs',
  '.releaserc.mjs',
  '.releaserc.ts',
  '.releaserc.cts',
  '.releaserc.mts',
  'release.config.js',
  'release.config.cjs',
  'release.config.mjs',
  'release.config.ts',
  'release.config.cts',
  'release.config.mts',
];

/** `--extends`, `--plugins`, `--publish`: semantic-release's plugins come from the command line or a shareable configuration. */
export function semanticReleaseConfigFlag(args: readonly string[]): boolean {
  return args.some((a) => /^(?:-e|--extends|-p|--plugins|--publish)(?:=|$)/.test(a));
}

/**
 * semantic-release's configuration for a run in `dir`: package.json `release`, then its files (the
 * order of its cosmiconfig search), in `dir`, else at the root (the search goes up from `dir`;
 * folders between the two are not looked at).
 */
export function semanticReleaseConfigIn(files: ToolConfigFiles, dir: string): ToolConfig | undefined {
  return semanticReleaseConfig(files, dir) ?? (dir === '' ? undefined : semanticReleaseConfig(files, ''));
}

/** `semanticReleaseConfigIn` for `dir` alone. */
function semanticReleaseConfig(files: ToolConfigFiles, dir: string): ToolConfig | undefined {
  const fromPackage = files.packageRoot(dir)?.get('release');
  if (fromPackage?.isMap) return { file: inDir(dir, 'package.json'), root: fromPackage, opaque: false };
  return findToolConfig(files, dir, SEMANTIC_RELEASE_FILES, 'release');
}

/**
 * `read` remembered per repository (`ToolConfigFiles`, one per project) and directory: a job may
 * run the same tool many times (Ship.js's `publishCommand`, exec's `publishCmd`).
 */
export function perDirectory<T>(read: (files: ToolConfigFiles, dir: string) => T): (files: ToolConfigFiles, dir: string) => T {
  const cache = new WeakMap<ToolConfigFiles, Map<string, T>>();
  return (files, dir) => {
    let byDir = cache.get(files);
    if (!byDir) cache.set(files, (byDir = new Map()));
    if (!byDir.has(dir)) byDir.set(dir, read(files, dir));
    return byDir.get(dir) as T;
  };
}
