/**
 * The file facts of one loaded project, the lower half of `ProjectFacts` (./facts.ts): the files a
 * rule may ask about after loading (`package.json` of any directory, `.npmrc`, `.yarnrc.yml`, YAML
 * and text files, local composite actions, tool configuration files, Node version files, lockfiles),
 * the package manager, the git remotes and the packages. Each is read once on first use and kept
 * for the run.
 */
import type { SourceFs } from '../fs/source.js';
import { dirnameOf, inDir, repoPath } from '../fs/paths.js';
import { parseYaml, type YamlDocument, type YNode } from '../yaml/parse.js';
import { parseGitRemotes, type GitConfigRemote } from './core/git-remotes.js';
import { yarnKeyParts } from './data/registry-config.js';
import { Lockfiles } from './npm/lockfiles.js';
import { SHELL_FILE, shellFilesRunBy, type ScriptFileRunBy } from './npm/shell-files.js';
import { readNodeVersionFile, type VersionFileResult } from './npm/node-version.js';
import { miseToolsAt, readMiseFile, type MiseTools } from './npm/mise-config.js';
import { npmrcGet, parseNpmrc, type Npmrc } from './npm/npmrc.js';
import { swappedNpmrc, type NpmrcSwaps } from './npm/npmrc-swaps.js';
import { heldNpmrcSetting, type HeldNpmrcReader } from './npm/npmrc-held.js';
import { detectPackageManager, devEnginesPackageManager, type PackageManager } from './npm/package-manager.js';
import { releaseItStage, type ReleaseItStage } from './npm/release-it-config.js';
import type { ToolConfigFiles } from './npm/tool-config.js';
import { loadPackageJson, type PackageJson, type PackageJsonProblem } from './npm/package-json.js';
import type { PublishCommand, RegistrySetting } from './npm/publish-site.js';
import { nxProjects, type NxFiles, type NxProject } from './npm/nx-projects.js';
import { nxReleaseGroups, nxReleasePatterns, nxReleaseProjects } from './npm/nx-release.js';
import { readRushJson, RUSH_JSON, type RushJson } from './npm/rush.js';
import { discoverPackages, packagesFrom, type PackageDiscovery } from './npm/workspaces.js';
import { prePostInputs, type MajorGuess, type PrePostInputs } from './npm/pre-post-scripts.js';
import type { NpmRepo } from './npm/repo.js';
import type { Project } from './project.js';

export class RepoFiles {
  protected readonly memo = new Map<string, unknown>();
  protected readonly pkgProblems: PackageJsonProblem[] = [];
  private project: Project | undefined;

  constructor(private readonly fs: SourceFs) {}

  /**
   * True while the loader streams workflows (`LoadOptions.onInert`): the attached project is then
   * a view whose project-wide parts (workflows, pipelines, the call graph) throw when read.
   */
  protected streaming = false;

  /** Called once by the project loader, when the model is complete. */
  attach(project: Project): void {
    this.project = project;
    this.streaming = false;
  }

  /** Called by the loader before it streams workflows, with its streaming view of the project. */
  attachStreaming(view: Project): void {
    this.project = view;
    this.streaming = true;
  }

  protected get p(): Project {
    if (!this.project) throw new Error('ProjectFacts used before the project was loaded');
    return this.project;
  }

  protected once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  // -------------------------------------------------------------------------------------------
  // Files

  /** The `package.json` of a repository directory (`` for the root); undefined when absent or invalid. */
  packageAt(dir: string): PackageJson | undefined {
    return this.once(`pkg:${dir}`, () => {
      // An expression, or a directory outside the repository (the containment point): nothing to read.
      const contained = dir.includes('$') ? undefined : repoPath(dir);
      if (!contained?.ok) return undefined;
      const clean = contained.path;
      if (clean !== dir) return this.packageAt(clean);
      const loaded = loadPackageJson(this.fs, inDir(clean, 'package.json'));
      this.pkgProblems.push(...loaded.problems);
      return loaded.pkg;
    });
  }

  /** `<dir>/.npmrc`, parsed; undefined when absent or unreadable. */
  npmrc(dir: string): Npmrc | undefined {
    return this.once(`npmrc:${dir}`, () => {
      const contained = dir.includes('$') ? undefined : repoPath(dir);
      if (!contained?.ok) return undefined;
      const file = inDir(contained.path, '.npmrc');
      const read = this.fs.read(file);
      return read.ok ? parseNpmrc(file, read.text) : undefined;
    });
  }

  /** An npm configuration file by its repository path (Rush's `common/config/rush/.npmrc-publish`), parsed; undefined when absent or unreadable. */
  npmrcFile(file: string): Npmrc | undefined {
    return this.once(`npmrc-file:${file}`, () => {
      const read = this.fs.read(file);
      return read.ok ? parseNpmrc(file, read.text) : undefined;
    });
  }

  /** A YAML file of the repository, parsed (undefined when absent, unreadable or not valid YAML). */
  yaml(file: string): YamlDocument | undefined {
    return this.once(`yaml:${file}`, () => {
      const read = this.fs.read(file);
      if (!read.ok) return undefined;
      const doc = parseYaml(file, read.text);
      return doc.problems.length === 0 ? doc : undefined;
    });
  }

  /** True when a repository file exists. */
  exists(file: string): boolean {
    return this.once(`exists:${file}`, () => this.fs.exists(file));
  }

  /** The names in a repository directory (undefined when it does not exist). */
  list(dir: string): { name: string; isDir: boolean }[] | undefined {
    return this.once(`list:${dir}`, () => this.fs.list(dir));
  }

  /** The repository as publish tools' configuration readers see it (src/model/npm/tool-config.ts). */
  get toolConfigFiles(): ToolConfigFiles {
    return this.once('toolConfigFiles', () => ({ exists: (f: string) => this.exists(f), yaml: (f: string) => this.yaml(f)?.root, packageRoot: (d: string) => this.packageAt(d)?.root, text: (f: string) => this.text(f) }));
  }

  /** Whether a release-it publish run in `dir` is a stage publish (`npm.stage`). */
  releaseItStage(publish: PublishCommand, dir: string): ReleaseItStage {
    return releaseItStage(this.toolConfigFiles, dir, publish);
  }

  /** A text file of the repository (undefined when absent or unreadable). */
  text(file: string): string | undefined {
    return this.once(`text:${file}`, () => {
      const read = this.fs.read(file);
      return read.ok ? read.text : undefined;
    });
  }

  /**
   * Script files read without a `.sh`/`.bash` name, because a command runs them with a shell or
   * they start with a shell interpreter line (npm/shell-files.ts): named by the command, outside
   * the input globs (src/model/core/inputs.ts), like a `node-version-file`.
   */
  readonly namedScripts = new Set<string>();

  /**
   * npm configuration files read because a job moves or copies them over a project `.npmrc`
   * (npm/npmrc-swaps.ts): named by the command, outside the input globs, like `namedScripts`.
   */
  readonly namedNpmrcs = new Set<string>();

  /** A committed template a job fills an `.npmrc` from (npm/npmrc-templates.ts: `envsubst < .npmrc.tpl > .npmrc`): its text, named like `namedNpmrcs`. */
  npmrcTemplate(file: string): string | undefined {
    this.namedNpmrcs.add(file);
    return this.text(file);
  }

  /** Whether npm's user configuration a job names (`NPM_CONFIG_USERCONFIG`, `--userconfig`) is committed (own-token.ts): named like `namedNpmrcs`. */
  userConfigExists(file: string): boolean {
    this.namedNpmrcs.add(file);
    return this.exists(file);
  }

  /** The registry setting `key` of a committed user configuration file a job names (`userConfigExists`), by repository path. */
  userConfigSetting(file: string, key: string): RegistrySetting | undefined {
    this.namedNpmrcs.add(file);
    const rc = this.npmrcFile(file);
    const entry = npmrcGet(rc, key);
    return entry && rc && entry.value !== '' ? { url: entry.value, source: `\`${entry.key}=\` in \`${rc.file}\`, the user configuration`, at: entry.lineLocation, atValue: false } : undefined;
  }

  /**
   * A committed file a command runs as a shell script (npm/shell-files.ts decides which): its text,
   * when it exists and can be read inside the repository (the file system refuses the rest).
   */
  shellScript(file: string): string | undefined {
    if (!SHELL_FILE.test(file)) this.namedScripts.add(file);
    return this.text(file);
  }

  /**
   * The committed shell scripts the commands of `script`, run in repository directory `dir`, run
   * (`./scripts/auth.sh`; npm/shell-files.ts `shellFilesRunBy`), read through `shellScript`.
   */
  shellFilesRunBy(script: string, dir: string): ScriptFileRunBy[] {
    return shellFilesRunBy(script, dir, (file) => this.shellScript(file));
  }

  /** A local composite action's document at a repository directory (`action.yml`, else `action.yaml`). */
  action(dir: string): YamlDocument | undefined {
    const doc = this.p.documents.find((d) => d.file === `${dir}/action.yml` || d.file === `${dir}/action.yaml`);
    return doc ?? this.yaml(`${dir}/action.yml`) ?? this.yaml(`${dir}/action.yaml`);
  }

  /**
   * The repository's package manager: package.json `packageManager`, else its
   * `devEngines.packageManager`, else the lockfiles. Read from
   * the root's package.json itself (the project's), so publish detection may ask while loading.
   */
  get packageManager(): { name: PackageManager; version?: string } {
    return this.once('packageManager', () => {
      const root = this.packageAt('');
      return detectPackageManager(root?.packageManager, (file) => this.exists(file), devEnginesPackageManager(root?.root));
    });
  }

  /** The root's `rush.json`, read as Rush reads it (src/model/npm/rush.ts); undefined when absent or unreadable. */
  get rush(): RushJson | undefined {
    return this.once('rush', () => {
      const text = this.text(RUSH_JSON);
      return text === undefined ? undefined : readRushJson(text);
    });
  }

  /** The remotes of `.git/config`, with the line of each `url =`. */
  get gitRemotes(): GitConfigRemote[] {
    return this.once('gitRemotes', () => {
      const text = this.text('.git/config');
      return text === undefined ? [] : parseGitRemotes(text);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Packages

  /** The projects of the Nx workspace at the root (src/model/npm/nx-projects.ts); undefined when the search stopped at its bound. */
  nxProjects(): NxProject[] | undefined {
    return this.once('nxProjects', () => {
      const found = this.packages.nx?.projects;
      return found !== undefined ? [...found] : nxProjects(this.nxFiles(this.packages));
    });
  }

  /** What the Nx project reader needs, over a package discovery (the project's, or one being made). */
  private nxFiles(discovery: PackageDiscovery): NxFiles {
    return { list: (d) => this.list(d), exists: (f) => this.exists(f), root: (f) => this.yaml(f)?.root, packageAt: (d) => this.packageAt(d), discovery };
  }

  /** Every package: the root one first, then the workspace packages by directory (read before the project is complete too: publish detection asks for a package by name). */
  get packages(): PackageDiscovery {
    return this.once('packages', () => {
      const discovery = discoverPackages(this.fs, this.packageAt(''), (dir) => this.packageAt(dir), this.rush?.published);
      const nxJson = this.yaml('nx.json')?.root;
      if (nxJson === undefined) return discovery;
      // The Nx projects (which need the discovery): what nx.json's release and a command line's `--projects` select.
      const projects = nxProjects(this.nxFiles(discovery));
      if (projects !== undefined) discovery.nx = { projects, groups: nxReleaseGroups(nxJson.get('release')) };
      const release = nxReleasePatterns(nxJson.get('release'));
      if (release === undefined) return discovery;
      // Nx Release's projects; when none match (no project.json, no workspaces), nx.json's directory globs stay the workspace patterns.
      const selected = projects && nxReleaseProjects(release, projects).flatMap((p) => (p.pkg ? [{ pkg: p.pkg, name: p.pkg.name, dir: p.dir, isRoot: p.dir === '', private: p.pkg.private }] : []));
      if (selected !== undefined && selected.length > 0) discovery.nxRelease = selected;
      return discovery;
    });
  }

  /** The scope every named package of the repository shares (private ones included), if one does. */
  get scopeHint(): string | undefined {
    return this.once('scopeHint', () => {
      const scopes = new Set(this.packages.packages.flatMap((p) => (p.name?.startsWith('@') && p.name.includes('/') ? [p.name.slice(0, p.name.indexOf('/')).toLowerCase()] : p.name ? [''] : [])));
      const [only] = scopes;
      return scopes.size === 1 && only ? only : undefined;
    });
  }

  /** What npm/npmrc-held.ts reads a project `.npmrc` with. */
  private readonly heldReader: HeldNpmrcReader = { npmrc: (d) => this.npmrc(d), npmrcFile: (f) => this.npmrcFile(f), named: (f) => this.namedNpmrcs.add(f) };

  /**
   * The registry setting `key` of the project `.npmrc` files a tool run in `dir` reads, nearest
   * first (projectNpmrcDirs): `dir`'s, else the root's; for the npm CLI (`npmCli`), its local prefix's only.
   * `swaps`: the files the job moved or copied over them first (npm/npmrc-swaps.ts): a committed file
   * moved there is read in its place, one tp-doctor cannot tell gives a value it cannot read.
   */
  npmrcSetting(dir: string, key: string, npmCli = false, swaps?: NpmrcSwaps): RegistrySetting | undefined {
    for (const d of this.projectNpmrcDirs(dir, npmCli)) {
      const found = heldNpmrcSetting(this.heldReader, d, key, swappedNpmrc(swaps, d));
      if (found !== 'next') return found;
    }
    return undefined;
  }

  /**
   * True when the project `.npmrc` the npm CLI reads for a command run in `dir` (its local prefix's)
   * sets `ignore-scripts=true`: `npm publish` then runs no lifecycle script (npm/lifecycle-scripts.ts).
   */
  npmrcIgnoresScripts(dir: string): boolean {
    return this.projectNpmrcDirs(dir, true).some((d) => npmrcGet(this.npmrc(d), 'ignore-scripts')?.value.trim().toLowerCase() === 'true');
  }

  /**
   * A boolean setting a package manager reads for a command run in `dir` (npm/pre-post-scripts.ts):
   * `key` of the project `.npmrc` (`dir`'s, else the root's), or a top-level `key` of the root
   * `pnpm-workspace.yaml`; undefined when it is not set to `true` or `false`.
   */
  booleanSetting(file: '.npmrc' | 'pnpm-workspace.yaml', key: string, dir: string): boolean | undefined {
    const values =
      file === '.npmrc' ? this.projectNpmrcDirs(dir, false).map((d) => npmrcGet(this.npmrc(d), key)?.value) : [this.yaml('pnpm-workspace.yaml')?.root?.get(key)?.text];
    const value = values.find((v) => v !== undefined)?.trim().toLowerCase();
    return value === 'true' ? true : value === 'false' ? false : undefined;
  }

  /** `RecognizeContext.prePost` for a job whose `pnpm/action-setup` installs pnpm `pnpmSetup` (npm/pre-post-scripts.ts). */
  prePost(pnpmSetup: MajorGuess = undefined): PrePostInputs {
    return this.once(`pre-post:${String(pnpmSetup)}`, () => {
      const repo: NpmRepo = { fs: this.fs, documents: [], packageJson: this.packageAt(''), facts: this };
      return prePostInputs(repo, (file, key, dir) => this.booleanSetting(file, key, dir), pnpmSetup);
    });
  }

  /**
   * The directories whose project `.npmrc` a publish tool run in `dir` reads, nearest first: the
   * npm CLI (`npmCli`) one, its local prefix's (npmLocalPrefix); the other tools `dir`'s, then the
   * root's. The registry decision, the provenance switches and the static-token check all read
   * `.npmrc` files through this.
   */
  projectNpmrcDirs(dir: string, npmCli: boolean): string[] {
    return dir === '' ? [''] : npmCli ? [this.npmLocalPrefix(dir)] : [dir, ''];
  }

  /**
   * The npm CLI's local prefix for a command run in `dir`, whose `.npmrc` is the project
   * configuration (@npmcli/config): the nearest directory up from `dir` with a `package.json`,
   * lifted to the root when the root's `package.json` lists it under `workspaces`; `dir` itself
   * when no directory up to the root has one. pnpm-workspace.yaml means nothing to npm.
   */
  npmLocalPrefix(dir: string): string {
    return this.once(`npm-prefix:${dir}`, () => this.findNpmLocalPrefix(dir));
  }

  private findNpmLocalPrefix(dir: string): string {
    // Up through the parents, each cut from the one below (no split and join per level: a path of
    // thousands of levels made that the square of its length).
    for (let d = dir; ; d = dirnameOf(d)) {
      if (!this.exists(inDir(d, 'package.json'))) {
        if (d === '') break;
        continue;
      }
      if (d === '') return '';
      const npmWorkspace = packagesFrom(this.packages, 'package.json')?.some((p) => p.dir === d) === true;
      return npmWorkspace ? '' : d;
    }
    return dir;
  }

  /** The root `.yarnrc.yml`, parsed. */
  get yarnrc(): YNode | undefined {
    return this.yarnrcAt('');
  }

  /** `<dir>/.yarnrc.yml`, parsed (`` for the root); undefined when absent or not valid YAML. */
  yarnrcAt(dir: string): YNode | undefined {
    return this.yaml(inDir(dir, '.yarnrc.yml'))?.root;
  }

  /**
   * One Yarn Berry registry key of the root `.yarnrc.yml`: `npmPublishRegistry`, or a scope's
   * `npmScopes.<scope>.npmPublishRegistry` (the order Yarn reads them in: `yarnPublishKeys`).
   */
  yarnrcSetting(key: string): RegistrySetting | undefined {
    const root = this.yarnrc;
    if (!root?.isMap) return undefined;
    const { scope, name } = yarnKeyParts(key);
    const map = scope === undefined ? root : root.get('npmScopes')?.get(scope);
    const node = map?.get(name);
    return node?.text ? { url: node.text, source: `\`${key}\` in \`.yarnrc.yml\``, at: node, atValue: true } : undefined;
  }

  /**
   * A Node version file (`.nvmrc`, `package.json`, `mise.toml`, `.tool-versions`), read and parsed
   * once per run: npm-supports-oidc and npm-upgrade-compatible resolve the Node of every step and
   * every matrix value, and would otherwise read `.nvmrc` or parse package.json each time.
   */
  nodeVersionFile(file: string): VersionFileResult {
    return this.once(`nodeVersionFile:${file}`, () => readNodeVersionFile(this.fs, file));
  }

  /**
   * The Node and npm mise installs for a command run in `dir` with `MISE_ENV` set to `envs`
   * (npm/mise-config.ts), each configuration file read once per run.
   */
  miseTools(dir: string, envs: readonly string[]): MiseTools {
    return this.once(`miseTools:${dir}:${envs.join(',')}`, () => miseToolsAt(this.fs, dir, envs, (file) => this.once(`miseFile:${file}`, () => readMiseFile(this.fs, file))));
  }

  /** The lockfiles and package.json files read for tool versions (npm/lockfiles.ts), each read once. */
  get lockfiles(): Lockfiles {
    return this.once('lockfiles', () => new Lockfiles(this.p));
  }
}
