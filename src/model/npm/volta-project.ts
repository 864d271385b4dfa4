/**
 * Volta's project platform at a directory (`volta-cli/action` in ../data/node-actions.ts has the
 * facts, read in Volta's `project/mod.rs` and `project/serial.rs`): the nearest package.json at or
 * above it, and the `volta` objects of that file and of the files its `volta.extends` chain names.
 * Provider-neutral: `../github/volta.ts` merges the chain (the first file that sets a tool wins)
 * with what the action's inputs pin.
 */
import { semver } from '../core/semver.js';
import { basenameOf, dirnameOf, inDir, joinRepoPath } from '../../fs/paths.js';
import type { SourceFs } from '../../fs/source.js';
import type { YNode } from '../../yaml/parse.js';
import { readPackageJson, type PackageJson } from './package-json.js';

/** A version one file of the chain pins (`volta.node`, `volta.npm`): as written, and where. */
export interface VoltaPin {
  version: string;
  at: YNode;
  file: string;
}

/** One file of a project's chain, nearest first. */
export interface VoltaManifest {
  file: string;
  /** The file has a `volta` object (without one, and none in the chain, Volta has no project platform). */
  volta: boolean;
  node?: VoltaPin;
  npm?: VoltaPin;
}

/**
 * The chain of the nearest package.json (empty when there is none up to the repository root), or
 * why Volta would stop or tp-doctor cannot follow it.
 */
export type VoltaProject = { chain: VoltaManifest[] } | { unknown: string };

export interface VoltaFiles {
  fs: SourceFs;
  facts: { packageAt(dir: string): PackageJson | undefined };
}

/** Files of a `volta.extends` chain tp-doctor follows. */
const MAX_CHAIN = 8;

/** The Volta project of a command run in `dir` (repository-relative, `` for the root). */
export function voltaProject(files: VoltaFiles, dir: string): VoltaProject {
  let at: string | undefined = dir;
  while (at !== undefined && !files.fs.exists(inDir(at, 'package.json'))) at = at === '' ? undefined : dirnameOf(at);
  if (at === undefined) return { chain: [] };
  const chain: VoltaManifest[] = [];
  let file: string | undefined = inDir(at, 'package.json');
  while (file !== undefined) {
    if (chain.some((m) => m.file === file)) return { unknown: `the \`volta.extends\` chain of "${chain[0]!.file}" comes back to "${file}", where Volta stops with an error` };
    if (chain.length >= MAX_CHAIN) return { unknown: `the \`volta.extends\` chain of "${chain[0]!.file}" is longer than tp-doctor follows (${MAX_CHAIN} files)` };
    const read = readManifest(files, file);
    if ('unknown' in read) return read;
    chain.push(read.manifest);
    file = read.extends;
  }
  return { chain };
}

function readManifest(files: VoltaFiles, file: string): { manifest: VoltaManifest; extends?: string } | { unknown: string } {
  const pkg = basenameOf(file) === 'package.json' ? files.facts.packageAt(dirnameOf(file)) : parseOther(files.fs, file);
  if (pkg === undefined) {
    const why = files.fs.exists(file) ? 'is not a JSON object tp-doctor can read' : 'is not in the repository';
    return { unknown: `"${file}", which Volta reads for the project's tools, ${why}` };
  }
  const volta = pkg.root.get('volta');
  if (volta === undefined) return { manifest: { file, volta: false } };
  if (!volta.isMap) return { unknown: `\`volta\` in "${file}" is not an object, and Volta stops with an error` };
  const manifest: VoltaManifest = { file, volta: true };
  for (const key of ['node', 'npm'] as const) {
    const at = volta.get(key);
    if (at === undefined) continue;
    const version = at.text === undefined ? null : semver.valid(at.text.trim());
    if (version === null) return { unknown: `\`volta.${key}\` in "${file}" is "${at.text ?? ''}", not an exact version as Volta pins them` };
    manifest[key] = { version, at, file };
  }
  const next = volta.get('extends')?.text;
  if (next === undefined) return { manifest };
  const joined = joinRepoPath(dirnameOf(file), next);
  if (!joined.ok) return { unknown: `\`volta.extends\` in "${file}" names "${next}", outside the repository` };
  return { manifest, extends: joined.path };
}

/** A `volta.extends` target not named package.json, read through `fs`. */
function parseOther(fs: SourceFs, file: string): PackageJson | undefined {
  const read = fs.read(file);
  if (!read.ok) return undefined;
  const pkg = readPackageJson(file, read.text);
  return 'invalid' in pkg ? undefined : pkg;
}
