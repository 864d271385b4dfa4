/**
 * Publish tools' own configuration files (release-it, semantic-release), read the way the tools
 * look them up in a directory: the first of their file names that exists, else a key of
 * package.json. JavaScript and TOML files are never evaluated: they come back `opaque`, and what
 * they decide stays unknown. The one reader for the rules and the facts.
 */
import type { YNode } from '../../yaml/parse.js';
import type { PublishCommand } from './publish-site.js';
import { booleanOption, splitCommands } from './shell.js';

/** What the reader needs of the repository (the project facts answer it). */
export interface ToolConfigFiles {
  exists(file: string): boolean;
  /** A YAML or JSON file's root node. */
  yaml(file: string): YNode | undefined;
  /** The root node of the package.json in `dir`. */
  packageRoot(dir: string): YNode | undefined;
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
    if (/\.(?:[cm]?js|ts|toml)$/.test(name)) return { file, opaque: true };
    const root = files.yaml(file);
    return root?.isMap ? { file, root, opaque: false } : { file, opaque: false };
  }
  const pkg = files.packageRoot(dir)?.get(pkgKey);
  return pkg?.isMap ? { file: inDir(dir, 'package.json'), root: pkg, opaque: false } : undefined;
}

export const RELEASE_IT_FILES = ['.release-it.json', '.release-it.js', '.release-it.ts', '.release-it.cjs', '.release-it.mjs', '.release-it.yaml', '.release-it.yml', '.release-it.toml'];

/** The words release-it gets: the publish's arguments and those of the command that runs it (a package.json script). */
export function releaseItArgs(publish: PublishCommand): string[] {
  const words = splitCommands(publish.match.via.at(-1)?.command ?? publish.match.text).flatMap((c) => c.words.map((w) => w.value));
  return [...publish.match.args, ...words];
}

/** `-c` / `--config`: release-it reads another file, which tp-doctor does not follow. */
export function releaseItConfigFlag(args: readonly string[]): boolean {
  return args.some((a) => /^(?:-c|--config)(?:=|$)/.test(a));
}

export type ReleaseItStage = { stage: boolean; file?: string } | { unknown: string };

/**
 * Whether a release-it publish is a stage publish (`npm.stage: true`, docs/domain.md §0): the command line
 * (`--npm.stage`, `--no-npm.stage`) wins, else its configuration in `dir`; `--config`, a JavaScript
 * or TOML configuration leave it unknown.
 */
export function releaseItStage(files: ToolConfigFiles, dir: string, publish: PublishCommand): ReleaseItStage {
  const args = releaseItArgs(publish);
  const flag = booleanOption(args, '--npm.stage');
  if (flag !== undefined) return { stage: flag };
  if (releaseItConfigFlag(args)) return { unknown: 'release-it runs with `--config`, a configuration file tp-doctor does not follow' };
  const config = findToolConfig(files, dir, RELEASE_IT_FILES, 'release-it');
  if (!config) return { stage: false };
  if (config.opaque) return { unknown: `release-it reads "${config.file}", which tp-doctor does not run` };
  return { stage: config.root?.get('npm')?.get('stage')?.value === true, file: config.file };
}
