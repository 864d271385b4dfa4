/**
 * Which CircleCI configurations the project is read with. A CircleCI project can have several
 * pipelines, each defined by its own configuration file (a pipeline definition's config file path;
 * CircleCI-Public/sign-and-publish-examples publishes to npm from `.circleci/npm-publish.yml`)
 * [doc: "Set up multiple configuration files for a project"]. With the files a publisher names,
 * only those are read. Otherwise `.circleci/config.yml` is, and every other top-level
 * `.circleci/*.yml` / `*.yaml` file that is a whole pipeline configuration (`isPipelineConfigRoot`)
 * is read as one more pipeline, marked `CircleConfig.discovered`: whether a pipeline definition
 * runs it is known only to CircleCI, so what rests on it is `likely` at most. Not read that way: a
 * file already read (as a continuation too), a file under a subdirectory (orb sources, packed
 * config fragments), an orb source, a YAML file that is not a CircleCI configuration, and every
 * file when a setup configuration's continuation cannot be read (the other files may be what it
 * continues with, chosen at run time: the inference note says so instead).
 */
import type { SourceFs } from '../../fs/source.js';
import type { YNode } from '../../yaml/parse.js';
import { DEFAULT_CIRCLECI_FILE, loadCircleConfig, type CircleLoadOptions, type CircleLoadResult } from './config.js';
import { loadContinuations, unreadableContinuations } from './continuation.js';
import type { CircleConfig } from './types.js';

/** The directory whose top-level files may be pipeline configurations. */
const CIRCLECI_DIR = '.circleci';

/** Other pipeline configurations read at most, in name order (a bound on the work, not a fact of CircleCI). */
export const MAX_DISCOVERED_CONFIGS = 20;

/** Top-level keys only an orb source has (`description:`, `display:`, `examples:`), or that an orb shares with a configuration. */
const ORB_KEYS = ['commands', 'executors', 'description', 'display', 'examples'];

/**
 * True when a YAML top level is a whole CircleCI pipeline configuration: a `version:`, and
 * `workflows:`, or `jobs:` without what marks an orb source (`commands:`, `executors:` or orb
 * metadata and no `workflows:`: an orb defines jobs for others to run; a file of only `orbs:` is
 * neither).
 */
export function isPipelineConfigRoot(root: YNode): boolean {
  if (!root.isMap || root.get('version') === undefined) return false;
  if (root.get('workflows') !== undefined) return true;
  return root.get('jobs') !== undefined && !ORB_KEYS.some((key) => root.get(key) !== undefined);
}

/**
 * The CircleCI configuration of each file that exists (`files`, the ones publishers name; else
 * `.circleci/config.yml` and the other pipeline configurations beside it), then the committed
 * configurations a setup configuration (`setup: true`) continues with; `read` takes each file's
 * problems and documents.
 */
export function loadCircleConfigs(fs: SourceFs, files: readonly string[] | undefined, options: CircleLoadOptions, read: (loaded: CircleLoadResult) => void): CircleConfig[] {
  const load = (file: string, opts: CircleLoadOptions = options): CircleLoadResult => {
    const loaded = loadCircleConfig(fs, file, opts);
    read(loaded);
    return loaded;
  };
  const circleci: CircleConfig[] = [];
  const add = (loaded: CircleLoadResult): void => {
    if (loaded.config) circleci.push(loaded.config);
  };
  for (const file of new Set(files ?? [DEFAULT_CIRCLECI_FILE])) add(load(file));
  for (const loaded of loadContinuations(fs, [...circleci], load, options.isIgnored)) add(loaded);
  if (files !== undefined || blocksDiscovery(circleci)) return circleci;
  const found: CircleConfig[] = [];
  for (const file of discoveryCandidates(fs, circleci, options.isIgnored)) {
    const loaded = load(file, { ...options, accept: isPipelineConfigRoot });
    if (!loaded.config) continue;
    loaded.config.discovered = true;
    found.push(loaded.config);
  }
  circleci.push(...found);
  // A found setup configuration's continuations; a found file one of them names is marked continued.
  for (const loaded of loadContinuations(fs, [...circleci], load, options.isIgnored)) add(loaded);
  for (const config of circleci) {
    const setup = config.continuedFrom && circleci.find((c) => c.file === config.continuedFrom?.file);
    if (setup) setDiscovered(config, setup.discovered === true);
  }
  return circleci;
}

function setDiscovered(config: CircleConfig, discovered: boolean): void {
  if (discovered) config.discovered = true;
  else delete config.discovered;
}

/** A setup configuration whose continuation tp-doctor cannot read (or finds none): the other files may be what it continues with. */
function blocksDiscovery(configs: readonly CircleConfig[]): boolean {
  return unreadableContinuations(configs).length > 0 || configs.some((c) => c.setup !== undefined && c.continuations.length === 0);
}

/** The top-level `.circleci/*.yml` / `*.yaml` files not read yet, in name order, at most `MAX_DISCOVERED_CONFIGS`. */
function discoveryCandidates(fs: SourceFs, read: readonly CircleConfig[], isIgnored: ((file: string) => boolean) | undefined): string[] {
  const known = new Set(read.map((c) => c.file));
  const files = (fs.list(CIRCLECI_DIR) ?? [])
    .filter((e) => !e.isDir && /\.ya?ml$/i.test(e.name))
    .map((e) => `${CIRCLECI_DIR}/${e.name}`)
    .filter((file) => file !== DEFAULT_CIRCLECI_FILE && !known.has(file) && !isIgnored?.(file))
    .sort();
  return files.slice(0, MAX_DISCOVERED_CONFIGS);
}
