/**
 * The packages a repository publishes: the root package and the workspace packages declared by
 * npm/yarn `workspaces`, `pnpm-workspace.yaml` `packages:` or `lerna.json` `packages`; which trusted
 * publisher of the config covers each (by package name); and which packages a publish command
 * publishes, where that can be known. Globs are expanded over the repository through `fs.list`,
 * never into `node_modules` or hidden directories, and the walk is bounded.
 */
import { compileGlobs } from '../../fs/globs.js';
import { repoPathOrAsWritten } from '../../fs/paths.js';
import type { Publisher } from '../../config/types.js';
import { parseYaml } from '../../yaml/parse.js';
import type { Job, PublishCommand, Step } from '../github/types.js';
import type { Project } from '../project.js';
import { readPackageJson, type PackageJson } from './package-json.js';
import { splitCommands } from './shell.js';

export type WorkspaceSource = 'package.json' | 'pnpm-workspace.yaml' | 'lerna.json';

export interface WorkspacePackage {
  pkg: PackageJson;
  name?: string;
  /** Repository-relative directory, `` for the root. */
  dir: string;
  isRoot: boolean;
  private: boolean;
}

export interface PackageDiscovery {
  /** The root package first (when there is one), then workspace packages by directory. */
  packages: WorkspacePackage[];
  /** True when the repository declares workspaces in any of the three places. */
  isMonorepo: boolean;
  /** The workspace globs read, with the file they come from (negations keep their `!`). */
  patterns: { pattern: string; source: WorkspaceSource }[];
  /** True when the directory walk stopped at its bound (some packages may be missing). */
  truncated: boolean;
}

export interface CoveredPackage extends WorkspacePackage {
  /** Publishers whose `packages` globs match the name; a publisher without `packages` covers all. */
  publishers: Publisher[];
  /** Publishers with a `packages` entry that names this package exactly (no glob characters). */
  namedBy: Publisher[];
  /**
   * Whether the package is a publish candidate at all: private packages never are, nor is the root
   * of a monorepo unless a publish command publishes the root directory itself or the root
   * manifest has package fields (`main`, `exports`, `bin`, `files`, `publishConfig`, ...).
   */
  published: boolean;
}

/** Directories listed during one discovery, at most. */
const MAX_LISTINGS = 2000;
/** Depth of a `**` walk below the static prefix of a pattern. */
const MAX_GLOB_DEPTH = 6;
const GLOB_CHARS = /[*?[\]{}()!+@]/;

type Matcher = (input: string) => boolean;

function compile(patterns: readonly string[]): Matcher {
  return compileGlobs(patterns, { dot: false });
}

export function hasGlobChars(pattern: string): boolean {
  return GLOB_CHARS.test(pattern.replace(/^@(?=[^/]+\/)/, ''));
}

const discoveries = new WeakMap<Project, PackageDiscovery>();

export function discoverPackages(project: Project): PackageDiscovery {
  const cached = discoveries.get(project);
  if (cached) return cached;
  const result = discover(project);
  discoveries.set(project, result);
  return result;
}

function cleanPattern(pattern: string): string {
  return pattern
    .trim()
    .replace(/^\.\//, '')
    .replace(/\/package\.json$/, '')
    .replace(/(?<!\/)\/+$/, '');
}

function readPatterns(project: Project): { pattern: string; source: WorkspaceSource }[] {
  const out: { pattern: string; source: WorkspaceSource }[] = [];
  for (const pattern of project.packageJson?.workspaces ?? []) out.push({ pattern, source: 'package.json' });
  const pnpm = project.fs.read('pnpm-workspace.yaml');
  if (pnpm.ok) {
    const doc = parseYaml('pnpm-workspace.yaml', pnpm.text);
    for (const item of doc.root?.get('packages')?.items() ?? []) {
      if (item.text !== undefined) out.push({ pattern: item.text, source: 'pnpm-workspace.yaml' });
    }
  }
  const lerna = project.fs.read('lerna.json');
  if (lerna.ok) {
    const doc = parseYaml('lerna.json', lerna.text);
    const list = doc.root?.get('packages');
    if (list?.isSeq) {
      for (const item of list.items()) if (item.text !== undefined) out.push({ pattern: item.text, source: 'lerna.json' });
    } else if (doc.root?.isMap && out.length === 0) {
      out.push({ pattern: 'packages/*', source: 'lerna.json' }); // lerna's default
    }
  }
  return out;
}

function discover(project: Project): PackageDiscovery {
  const patterns = readPatterns(project);
  const packages: WorkspacePackage[] = [];
  const root = project.packageJson;
  if (root) packages.push({ pkg: root, name: root.name, dir: '', isRoot: true, private: root.private });
  const positive = patterns.filter((p) => !p.pattern.startsWith('!')).map((p) => cleanPattern(p.pattern));
  const negative = patterns.filter((p) => p.pattern.startsWith('!')).map((p) => cleanPattern(p.pattern.slice(1)));
  const excluded = negative.length > 0 ? compile(negative) : () => false;
  const budget = { left: MAX_LISTINGS };
  const dirs = new Set<string>();
  for (const pattern of positive) {
    if (pattern === '' || pattern === '.' || pattern.split('/').includes('..')) continue;
    for (const dir of expand(project, pattern, budget)) if (!excluded(dir)) dirs.add(dir);
  }
  for (const dir of [...dirs].sort()) {
    const file = `${dir}/package.json`;
    const read = project.fs.read(file);
    if (!read.ok) continue;
    const pkg = readPackageJson(file, read.text);
    if ('invalid' in pkg) continue;
    packages.push({ pkg, name: pkg.name, dir, isRoot: false, private: pkg.private });
  }
  return { packages, isMonorepo: patterns.length > 0, patterns, truncated: budget.left <= 0 };
}

/** Directories matching one workspace pattern. */
function expand(project: Project, pattern: string, budget: { left: number }): string[] {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  if (firstGlob < 0) return [pattern];
  const prefix = segments.slice(0, firstGlob).join('/');
  const rest = segments.slice(firstGlob);
  const deep = rest.includes('**');
  const maxDepth = deep ? MAX_GLOB_DEPTH : rest.length;
  const matches = compile([pattern]);
  const out: string[] = [];
  let level = [prefix];
  for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (budget.left-- <= 0) return out;
      for (const entry of project.fs.list(dir === '' ? '.' : dir) ?? []) {
        if (!entry.isDir || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const child = dir === '' ? entry.name : `${dir}/${entry.name}`;
        next.push(child);
        if ((deep || depth === maxDepth) && matches(child)) out.push(child);
      }
    }
    level = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Publish sites: every publish command of every job, with the packages it publishes

export interface PublishSite {
  step: Step;
  publish: PublishCommand;
  targets: PublishTargets;
}

const sites = new WeakMap<Project, PublishSite[]>();

/** Every publish command in the repository's workflows, in workflow/job/step order. Cached. */
export function publishSites(project: Project): PublishSite[] {
  const cached = sites.get(project);
  if (cached) return cached;
  const out: PublishSite[] = [];
  for (const workflow of project.workflows) {
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        for (const publish of step.publishes) out.push({ step, publish, targets: publishTargets(project, step, publish) });
      }
    }
  }
  sites.set(project, out);
  return out;
}

/** True when some publish command publishes the root package itself (`npm publish` at the root). */
function rootIsPublished(project: Project): boolean {
  return publishSites(project).some((s) => s.targets.kind === 'single' && s.targets.packages.some((p) => p.isRoot));
}

const PACKAGE_FIELDS = ['main', 'exports', 'bin', 'files', 'module', 'types', 'typings', 'publishConfig'];

function looksPublishable(pkg: PackageJson): boolean {
  return PACKAGE_FIELDS.some((f) => pkg.root.get(f) !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Publishers

const coverage = new WeakMap<Project, { publishers: readonly Publisher[]; result: CoveredPackage[] }>();

/** Every discovered package with the publishers that cover it. Cached per project and publisher list. */
export function coveredPackages(project: Project, publishers: readonly Publisher[]): CoveredPackage[] {
  const cached = coverage.get(project);
  if (cached && cached.publishers === publishers) return cached.result;
  const matchers = publishers.map((p) => (p.packages ? compile(p.packages) : undefined));
  const discovery = discoverPackages(project);
  // In a monorepo the root is a workspace container, unless a command publishes it directly or
  // its manifest describes a package (entry points, `files`, `publishConfig`).
  const root = discovery.packages.find((p) => p.isRoot);
  const rootPublished = !discovery.isMonorepo || rootIsPublished(project) || (root !== undefined && looksPublishable(root.pkg));
  const result = discovery.packages.map((wp) => {
    const covering = publishers.filter((p, i) => {
      const m = matchers[i];
      return m === undefined || (wp.name !== undefined && m(wp.name));
    });
    const namedBy = publishers.filter((p) => wp.name !== undefined && (p.packages ?? []).some((g) => g === wp.name && !hasGlobChars(g)));
    return { ...wp, publishers: covering, namedBy, published: !wp.private && (!wp.isRoot || rootPublished) };
  });
  coverage.set(project, { publishers, result });
  return result;
}

/**
 * The GitHub publishers whose runs a job can be part of: declared ones whose `workflow` is an entry
 * of the job's workflow (following reusable-workflow callers), and inferred ones naming that entry
 * or no workflow at all.
 */
export function publishersForJob(project: Project, publishers: readonly Publisher[], job: Job): Publisher[] {
  const entries = new Set(project.callGraph.entryChains(job.workflow).map((c) => c.entry.fileName));
  return publishers.filter((p) => p.provider === 'github' && (p.workflow === undefined ? p.inferred : entries.has(p.workflow)));
}

const TOKEN_ENV = /^(?:node_auth_token|npm_token|npm_auth_token|yarn_npm_auth_token|npm_config_\/\/.*:_authtoken)$/i;

/** True when the step gets a non-empty npm token through `env` (step, job or workflow). */
export function hasTokenEnv(step: Step): boolean {
  return [step.env, step.job.env, step.job.workflow.env].some((list) =>
    list.some((e) => TOKEN_ENV.test(e.name) && e.value !== undefined && e.value.trim() !== ''),
  );
}

/**
 * Whether a publish of `pkg` at `site` is meant to use trusted publishing: a declared publisher
 * covers the package and the job runs under its workflow; or, with only an inferred publisher, the
 * job may request an ID token (`id-token: write`) and hands npm no token of its own.
 */
export function isTrustedPublish(project: Project, publishers: readonly Publisher[], site: PublishSite, pkg: CoveredPackage): boolean {
  const candidates = publishersForJob(project, publishers, site.step.job).filter((p) => pkg.publishers.includes(p));
  if (candidates.some((p) => !p.inferred)) return true;
  return candidates.length > 0 && site.step.job.idToken.access === 'write' && !hasTokenEnv(site.step);
}

/** The packages a publisher's `packages` globs match (all discovered packages without `packages`). */
export function packagesOf(project: Project, publishers: readonly Publisher[], publisher: Publisher): CoveredPackage[] {
  return coveredPackages(project, publishers).filter((p) => p.publishers.includes(publisher));
}

// ---------------------------------------------------------------------------------------------
// What a publish command publishes

export interface PublishTargets {
  /** The packages the command publishes (as far as tp-doctor can tell). */
  packages: WorkspacePackage[];
  /** `single`: one directory's package; `workspaces`: every non-private workspace package; `unknown`. */
  kind: 'single' | 'workspaces' | 'unknown';
}

/**
 * `pnpm ... -r exec` / `npm exec ... --workspaces` on one line: a runner that repeats the command
 * in every workspace package. Line by line with two simple patterns, not one `(?:.*\s)?` pattern,
 * which backtracks quadratically on a long line.
 */
function repeatsInWorkspaces(text: string): boolean {
  for (const line of text.split('\n')) {
    const pnpm = /\bpnpm\s/.exec(line);
    if (pnpm && /(?:^|\s)(?:-r|--recursive)\s+exec\b/.test(line.slice(pnpm.index + 4))) return true;
    const npm = /\bnpm\s+exec\s/.exec(line);
    if (npm && /(?:^|\s)(?:-ws|--workspaces)\b/.test(line.slice(npm.index + npm[0].length - 1))) return true;
  }
  return false;
}

/** Tools that publish every (changed) non-private workspace package. */
const WORKSPACE_TOOLS = new Set(['lerna', 'changesets', 'nx']);
const WORKSPACE_RECOGNIZERS = new Set(['multi-semantic-release']);

/** The directory a step runs in: `working-directory`, else the job's and the workflow's `defaults.run`. */
export function stepDirectory(step: Step): string {
  const raw =
    step.node.get('working-directory')?.text ??
    step.job.node.at('defaults', 'run', 'working-directory')?.text ??
    step.job.workflow.root.at('defaults', 'run', 'working-directory')?.text ??
    '';
  return normalizeDir(raw);
}

/** Through the containment point: a directory outside the repository stays as written, and no read of it succeeds. */
function normalizeDir(raw: string): string {
  return repoPathOrAsWritten(raw.trim());
}

function join(base: string, rel: string): string {
  return normalizeDir(base === '' ? rel : `${base}/${rel}`);
}

/**
 * Which packages a publish command publishes. Known: a plain publish in the step's directory (or
 * after a `cd` earlier in the same script), `npm publish <dir>`, `-w <name|dir>`, and the
 * workspace-wide forms (`--workspaces`, `pnpm -r`, lerna, changesets, nx). Anything else
 * (a tarball, a custom script, an expression in the directory) is `unknown`.
 */
export function publishTargets(project: Project, step: Step, publish: PublishCommand): PublishTargets {
  const unknown: PublishTargets = { packages: [], kind: 'unknown' };
  const discovery = discoverPackages(project);
  const { match } = publish;
  if (publish.viaAction !== undefined || match.confidence !== 'certain') return unknown;
  // Through `npm run x`: the script runs in the package directory; a `cd` inside it is not followed.
  const inner = match.via.at(-1)?.command;
  if (inner !== undefined && /(?:^|[;&|(]\s*)cd\s/.test(inner)) return unknown;
  let dir = stepDirectory(step);
  if (/\$/.test(dir)) return unknown;
  if (step.run && !match.action) {
    const before = step.run.text.slice(0, match.offset);
    for (const cmd of splitCommands(before)) {
      const words = cmd.words.map((w) => w.value);
      if (words[0] === 'cd') {
        const target = words[1];
        if (target === undefined || /[$~]/.test(target) || target.startsWith('/') || target === '-') return unknown;
        dir = join(dir, target);
      }
    }
  }
  const workspacePackages = discovery.packages.filter((p) => !p.isRoot && !p.private);
  // The command that publishes (a script may run several: `lerna version && lerna exec -- npm publish`).
  const commands = splitCommands(inner ?? match.text);
  const command = commands.filter((c) => c.words.some((w) => /^pu(?:b(?:l(?:i(?:sh)?)?)?)?$/.test(w.value))).at(-1) ?? commands.at(-1);
  const text = command?.text ?? match.text;
  const words = command?.words.map((w) => w.value) ?? [];
  if (WORKSPACE_TOOLS.has(match.tool) || WORKSPACE_RECOGNIZERS.has(match.recognizer)) {
    return { packages: workspacePackages.length > 0 ? workspacePackages : atDir(discovery, dir), kind: 'workspaces' };
  }
  if (match.action) {
    if (match.tool !== 'js-devtools-npm-publish') return unknown;
    // npm-publish's `package` input: a directory or a package.json path.
    const input = step.with.get('package')?.text?.trim().replace(/(?:^|\/)package\.json$/, '');
    if (input !== undefined && (/\$/.test(input) || input.startsWith('/'))) return unknown;
    return single(discovery, input ? join(dir, input) : dir);
  }
  // Runners that repeat the command in every workspace package.
  if (/\blerna\s+exec\b|\bworkspaces\s+foreach\b/.test(text) || repeatsInWorkspaces(text)) {
    return { packages: workspacePackages, kind: 'workspaces' };
  }
  if (!['npm', 'pnpm', 'yarn', 'yarn-berry', 'bun'].includes(match.tool)) return single(discovery, dir);
  if (words.some((w) => /^(?:-ws|--workspaces|-r|--recursive)$/.test(w))) {
    return { packages: workspacePackages, kind: 'workspaces' };
  }
  const ws = workspaceFlag(words);
  if (ws !== undefined) {
    const hit = discovery.packages.filter((p) => !p.isRoot && (p.name === ws || p.dir === join(dir, ws)));
    return hit.length > 0 ? { packages: hit, kind: 'single' } : unknown;
  }
  if (words.some((w) => /^(?:--filter|-F|--prefix|-C|--dir|--cwd)(?:=|$)/.test(w)) || /\byarn\s+workspace\s/.test(text)) {
    return unknown;
  }
  const target = match.args.find((a, i) => !a.startsWith('-') && !isFlagValue(match.args, i));
  if (target !== undefined) {
    if (/\.tgz$|^[a-z]+:|[$`]/i.test(target) || target.startsWith('/')) return unknown;
    return single(discovery, join(dir, target));
  }
  return single(discovery, dir);
}

const VALUE_FLAGS = new Set(['--tag', '--access', '--registry', '--otp', '--provenance-file', '--workspace', '-w', '--loglevel', '--publish-branch']);

function isFlagValue(args: readonly string[], index: number): boolean {
  const prev = args[index - 1];
  return prev !== undefined && VALUE_FLAGS.has(prev);
}

function workspaceFlag(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const inline = /^(?:-w|--workspace)=(.+)$/.exec(w);
    if (inline) return inline[1];
    if (w === '-w' || w === '--workspace') return words[i + 1];
  }
  return undefined;
}

function atDir(discovery: PackageDiscovery, dir: string): WorkspacePackage[] {
  return discovery.packages.filter((p) => p.dir === dir);
}

function single(discovery: PackageDiscovery, dir: string): PublishTargets {
  const hit = atDir(discovery, dir);
  return hit.length > 0 ? { packages: hit, kind: 'single' } : { packages: [], kind: 'unknown' };
}
