/**
 * Whether release-it publishes as a stage (`npm.stage: true`, a stage publish for the trusted
 * publisher's allowed actions, DOMAIN 0). release-it reads its options from, in its directory:
 * `.release-it.json`, `.release-it.yaml`/`.yml`, `.release-it.toml`, `.release-it.{js,cjs,mjs,ts}`,
 * or the `release-it` key of package.json; the command line (`--npm.stage`, `--no-npm.stage`,
 * `--config`) wins over them. tp-doctor reads the JSON, YAML and package.json forms; a TOML or
 * JavaScript configuration, or `--config`, leaves the answer unknown (it never runs code).
 */
import type { YNode } from '../../yaml/parse.js';

export type ReleaseItStage = { stage: boolean; file?: string } | { unknown: string };

/** What the facts layer answers for release-it's lookup (repository-relative paths). */
export interface ReleaseItFiles {
  exists(file: string): boolean;
  yaml(file: string): YNode | undefined;
  packageRoot(dir: string): YNode | undefined;
}

const DATA_FILES = ['.release-it.json', '.release-it.yaml', '.release-it.yml'];
const UNREAD_FILES = ['.release-it.toml', '.release-it.js', '.release-it.cjs', '.release-it.mjs', '.release-it.ts'];

function stageOf(root: YNode | undefined): boolean | undefined {
  const value = root?.get('npm')?.get('stage')?.value;
  return typeof value === 'boolean' ? value : undefined;
}

/** The release-it stage setting of a release-it command run in `dir` (repository-relative, `` for the root). */
export function releaseItStage(commandText: string, dir: string, files: ReleaseItFiles): ReleaseItStage {
  // Command-line options win over every configuration file.
  const words = commandText.split(/\s+/);
  if (words.includes('--npm.stage') || words.includes('--npm.stage=true')) return { stage: true };
  if (words.includes('--no-npm.stage') || words.includes('--npm.stage=false')) return { stage: false };
  if (words.some((w) => w === '-c' || w === '--config' || w.startsWith('--config='))) {
    return { unknown: 'release-it runs with `--config`, a configuration file tp-doctor does not follow' };
  }
  const at = (name: string): string => (dir === '' ? name : `${dir}/${name}`);
  for (const name of DATA_FILES) {
    const file = at(name);
    if (!files.exists(file)) continue;
    return { stage: stageOf(files.yaml(file)) === true, file };
  }
  const unread = UNREAD_FILES.map(at).find((f) => files.exists(f));
  if (unread) return { unknown: `release-it reads "${unread}", which tp-doctor does not run` };
  const pkg = files.packageRoot(dir)?.get('release-it');
  return { stage: stageOf(pkg) === true, ...(pkg ? { file: at('package.json') } : {}) };
}
