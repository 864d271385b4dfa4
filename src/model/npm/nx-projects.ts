/**
 * The projects of an Nx workspace and their targets, as `nx run`, `nx run-many` and `nx affected`
 * find them (`./nx-runs.ts` follows what they run; the facts are in `../data/nx.ts`): a directory
 * with a `project.json` (looked for only when the root has an `nx.json`, by a bounded walk through
 * the cached listings, `directoriesHolding`), and each workspace package of the package manager
 * (npm/Yarn `workspaces`, `pnpm-workspace.yaml`), read from the repository's package discovery. A
 * project's targets are those of its `project.json` `targets`, then of its `package.json`
 * `nx.targets`, then its `package.json` scripts (narrowed by `nx.includedScripts`). Undefined when
 * the search stopped at its bound: which projects there are is then unknown.
 */
import { inDir } from '../../fs/paths.js';
import type { Location } from '../../yaml/span.js';
import type { YNode } from '../../yaml/parse.js';
import { NX_NPM_DEPLOY_EXECUTORS, NX_NPM_DEPLOY_OPTIONS, NX_PACKAGE_JSON_COPIES, NX_POST_TARGET_EXECUTORS, NX_RUN_COMMANDS } from '../data/nx.js';
import { shellQuote } from './shell-words.js';
import type { PackageJson } from './package-json.js';
import { directoriesHolding, packagesFrom, type ListDir, type PackageDiscovery } from './workspaces.js';

/** One target of `project.json` or `package.json` `nx.targets`. */
export interface NxTargetConfig {
  /** The executor, `nx:run-commands` for a target with a `command` and no executor; undefined when neither is written. */
  executor?: string;
  /** `nx:run-commands`: the commands, in order; also those an ngx-deploy-npm or @jscutlery/semver `version` target runs (`npm publish …`, `nx run p:t` of its `postTargets`). */
  commands: string[];
  /** `nx:run-commands` `options.cwd` as written (relative to the workspace root). */
  cwd?: string;
  /** `nx:run-script` `options.script`. */
  script?: string;
  /** `options.outputPath` (else the target's own `outputPath`) as written: where a build writes. */
  outputPath?: string;
  /**
   * The committed package.json a build executor copies into `outputPath` (`NX_PACKAGE_JSON_COPIES`),
   * as written: its option's value, or `{projectRoot}/package.json` for the project's own.
   */
  packageJson?: string;
  /** Where the target is written. */
  at: Location;
}

/** What Nx makes of a project (`WorkspaceScripts.nx`). */
export interface NxProjectConfig {
  /** The Nx project name (`project.json` `name`, else the package name, else the directory's name). */
  name: string;
  /** The targets written in `project.json` or `package.json` `nx.targets`. */
  targets: Record<string, NxTargetConfig>;
  /** The scripts Nx makes targets of (`nx.includedScripts`); undefined: every script. */
  includedScripts?: readonly string[];
  /** `project.json` `tags`, then `package.json` `nx.tags` (what `tag:` selectors match). */
  tags?: readonly string[];
}

export interface NxProject {
  dir: string;
  pkg: PackageJson | undefined;
  config: NxProjectConfig;
}

/** What the reader needs of the repository (the project's cached files). */
export interface NxFiles {
  list: ListDir;
  exists(file: string): boolean;
  /** A JSON or YAML file's root node. */
  root(file: string): YNode | undefined;
  packageAt(dir: string): PackageJson | undefined;
  discovery: PackageDiscovery;
}

/** The projects of the workspace at the root; undefined when the search stopped at its bound. */
export function nxProjects(files: NxFiles): NxProject[] | undefined {
  const { discovery } = files;
  if (discovery.truncated) return undefined;
  const withConfig = files.exists('nx.json') ? directoriesHolding(files.list, 'project.json') : [];
  if (withConfig === undefined) return undefined;
  const packages = [...(packagesFrom(discovery, 'package.json') ?? []), ...(packagesFrom(discovery, 'pnpm-workspace.yaml') ?? [])].map((p) => p.dir);
  const dirs = [...new Set([...withConfig, ...packages])].sort();
  return dirs.map((dir) => {
    const pkg = files.packageAt(dir);
    const projectJson = withConfig.includes(dir) ? files.root(inDir(dir, 'project.json')) : undefined;
    const nxKey = pkg?.root.get('nx');
    const name = projectJson?.get('name')?.text ?? nxKey?.get('name')?.text ?? pkg?.name ?? dir.slice(dir.lastIndexOf('/') + 1);
    const targets = { ...readTargets(nxKey?.get('targets'), name), ...readTargets(projectJson?.get('targets'), name) };
    const tags = [...texts(projectJson?.get('tags')), ...texts(nxKey?.get('tags'))];
    const config: NxProjectConfig = { name, targets, tags };
    const included = nxKey?.get('includedScripts');
    if (included?.isSeq) config.includedScripts = texts(included);
    return { dir, pkg, config };
  });
}

/** The texts of a sequence's scalar items (none for anything else). */
function texts(node: YNode | undefined): string[] {
  return node?.isSeq ? node.texts() : [];
}

function readTargets(node: YNode | undefined, project: string): Record<string, NxTargetConfig> {
  const out: Record<string, NxTargetConfig> = {};
  if (!node?.isMap) return out;
  for (const entry of node.entries()) {
    if (entry.key === undefined || !entry.isMap) continue;
    const options = entry.get('options');
    const shorthand = entry.get('command')?.text;
    const executor = entry.get('executor')?.text ?? (shorthand !== undefined ? 'nx:run-commands' : undefined);
    const target: NxTargetConfig = { commands: [], at: { file: entry.file, ...entry.span } };
    if (executor !== undefined) target.executor = executor;
    if (executor !== undefined && NX_RUN_COMMANDS.has(executor)) {
      target.commands = commandsOf(options, shorthand);
      const cwd = options?.get('cwd')?.text;
      if (cwd !== undefined) target.cwd = cwd;
    }
    if (executor !== undefined && NX_NPM_DEPLOY_EXECUTORS.has(executor)) target.commands = [npmDeployCommand(options)];
    if (executor !== undefined && NX_POST_TARGET_EXECUTORS.has(executor)) {
      target.commands = texts(options?.get('postTargets')).map((t) => `nx run ${shellQuote(t.includes(':') ? t : `${project}:${t}`)}`);
    }
    const script = options?.get('script')?.text;
    if (script !== undefined) target.script = script;
    if (executor !== undefined) readBuildOutput(target, executor, options, entry.get('outputPath'));
    out[entry.key] = target;
  }
  return out;
}

/** A build target's `outputPath` and the committed package.json its executor copies there (`NX_PACKAGE_JSON_COPIES`). */
function readBuildOutput(target: NxTargetConfig, executor: string, options: YNode | undefined, ownOutputPath: YNode | undefined): void {
  const outputPath = options?.get('outputPath')?.text ?? ownOutputPath?.text;
  if (outputPath !== undefined) target.outputPath = outputPath;
  const copy = NX_PACKAGE_JSON_COPIES.get(executor);
  if (copy === undefined) return;
  if ('option' in copy) {
    const named = options?.get(copy.option)?.text;
    if (named !== undefined) target.packageJson = named;
  } else if (copy.onlyWith === undefined || options?.get(copy.onlyWith)?.value === true) {
    target.packageJson = '{projectRoot}/package.json';
  }
}

/** The `npm publish` an ngx-deploy-npm target runs (`NX_NPM_DEPLOY_EXECUTORS`); a value it cannot read stays a shell variable. */
function npmDeployCommand(options: YNode | undefined): string {
  const value = (node: YNode | undefined): string => (node?.text !== undefined ? shellQuote(node.text) : '"$NX_OPTION"');
  const words = ['npm', 'publish', value(options?.get('distFolderPath'))];
  for (const [option, flag] of NX_NPM_DEPLOY_OPTIONS) if (options?.get(option) !== undefined) words.push(flag, value(options.get(option)));
  const dry = options?.get('dryRun');
  if (dry !== undefined && dry.value !== false) words.push(dry.value === true ? '--dry-run' : `--dry-run=${value(dry)}`);
  return words.join(' ');
}

/** `options.command` (a string, or a list of strings), `options.commands` (strings or `{ command }`), or the target's own `command`. */
function commandsOf(options: YNode | undefined, shorthand: string | undefined): string[] {
  const command = options?.get('command');
  const list = options?.get('commands');
  const texts = (node: YNode | undefined): string[] => (node?.isSeq ? node.items() : node ? [node] : []).flatMap((i) => {
    const text = i.isMap ? i.get('command')?.text : i.text;
    return text === undefined ? [] : [text];
  });
  const found = [...texts(command), ...texts(list)];
  return found.length > 0 ? found : shorthand === undefined ? [] : [shorthand];
}
