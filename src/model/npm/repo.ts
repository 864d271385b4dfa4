/**
 * What the npm layer reads from a loaded project: a structural subset of `Project` (`../project.ts`,
 * the model's top), so that the npm knowledge sits below the providers and the loader that use it.
 */
import type { SourceFs } from '../../fs/source.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { Lockfiles } from './lockfiles.js';
import type { NxProject } from './nx-projects.js';
import type { PackageJson } from './package-json.js';
import type { PackageManager } from './package-manager.js';
import type { RushJson } from './rush.js';

export interface NpmRepo {
  fs: SourceFs;
  documents: readonly YamlDocument[];
  packageJson?: PackageJson;
  facts: NpmRepoFacts;
}

/** The per-run facts the npm layer asks for (`ProjectFacts` has them). */
export interface NpmRepoFacts {
  exists(file: string): boolean;
  readonly yarnrc: YNode | undefined;
  /** `<dir>/.yarnrc.yml`, parsed (`` for the root). */
  yarnrcAt(dir: string): YNode | undefined;
  readonly packageManager: { name: PackageManager; version?: string };
  readonly lockfiles: Lockfiles;
  /** The package.json of a repository directory (`` for the root). */
  packageAt(dir: string): PackageJson | undefined;
  /** The root's `rush.json` (./rush.ts): undefined when there is none or it cannot be read. */
  readonly rush: RushJson | undefined;
  /** A repository JSON or YAML file, parsed (nx.json). */
  yaml(file: string): YamlDocument | undefined;
  /** The projects of the Nx workspace at the root (./nx-projects.ts); undefined when the search stopped at its bound. */
  nxProjects(): NxProject[] | undefined;
}
