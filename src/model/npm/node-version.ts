/**
 * Which Node runs at a step, and so which npm it bundles (DOMAIN.md section 2). The data lives in
 * `../data/node-releases.ts`; this file interprets it.
 *
 * The pure functions (`resolveNodeSpec`, `parseNodeImage`, `readNodeVersionFile`, `bundledNpm`) know
 * nothing about GitHub: a GitLab job's `image: node:<tag>` feeds `parseNodeImage` then
 * `resolveNodeSpec`, exactly as a GitHub job container does. `resolveStepNode` applies GitHub's
 * order: the last `actions/setup-node` before the step (`node-version`, else `node-version-file`,
 * following local composite actions), else the job `container` image, else unknown.
 */
import semver from 'semver';
import { inDir, repoPathOrAsWritten } from '../../fs/paths.js';
import type { SourceFs } from '../../fs/source.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import { comparePositions, type Location } from '../../yaml/span.js';
import { LTS_LINES, NODE_RELEASES, type NodeRelease } from '../data/node-releases.js';
import { evaluateCondition, evaluateValue, type ExpressionScope } from '../github/expressions.js';
import type { Job, MatrixCombination, Step } from '../github/types.js';
import { readNodeVersionFile, type VersionFileResult } from './node-version-file.js';
import { cutAtFirst } from '../../fs/strings.js';

/** One link of "where the answer came from", for related locations. */
export interface NodeOrigin {
  /** e.g. "setup-node `node-version: 20`", ".nvmrc", "matrix value \"20\"". */
  label: string;
  /** What kind of place it is: a version file, a setup-node or action input, a matrix value, `env`, the job container. */
  kind: 'file' | 'input' | 'matrix' | 'env' | 'container' | 'action';
  at: YNode | Location;
}

/** The npm bundled with a Node release: `min === max` unless the table row is an estimate. */
export interface BundledNpm {
  min: string;
  max: string;
}

export interface NodeResolution {
  /** What was asked for, after expressions and files were read: `24`, `lts/*`, `>=22`, `14`. */
  spec?: string;
  /** The version it resolves to (the newest the table knows, for ranges and aliases). */
  version?: string;
  /** The npm that version bundles; undefined when the version is unknown or older than the table. */
  npm?: BundledNpm;
  /** Why the version is unknown, in words that complete "tp-doctor cannot tell which Node runs here: …". */
  unknown?: string;
  /** Where the answer came from, the value that decided it first (matrix value, file line, input). */
  origins: NodeOrigin[];
  /** The matrix values behind this answer (`node=20`), when it depends on the matrix. */
  matrix?: string;
}

const SETUP_NODE_ACTIONS = new Set(['actions/setup-node', 'useblacksmith/setup-node']);

// ---------------------------------------------------------------------------------------------
// Pure resolution against the table

const byVersion = [...NODE_RELEASES].sort((a, b) => semver.compare(a.version, b.version));
const ALL_VERSIONS = byVersion.map((r) => r.version);

function newest(versions: readonly string[]): string | undefined {
  return versions.length === 0 ? undefined : versions.reduce((a, b) => (semver.gt(b, a) ? b : a));
}

function isLts(release: NodeRelease): boolean {
  const line = LTS_LINES.find((l) => l.major === semver.major(release.version));
  return line !== undefined && semver.gte(release.version, line.since);
}

/**
 * The npm bundled with a Node version: the table row of that version, or of the closest earlier
 * release of the same major (patch releases rarely change npm). For a major the table does not
 * list, the bounds come from the neighbouring majors. Undefined when older than the table.
 */
export function bundledNpm(version: string): BundledNpm | undefined {
  const v = semver.valid(version);
  if (!v) return undefined;
  let floor: NodeRelease | undefined;
  for (const row of byVersion) if (semver.lte(row.version, v)) floor = row;
  if (!floor) return undefined;
  if (semver.major(floor.version) === semver.major(v)) return { min: floor.npm, max: floor.npmMax ?? floor.npm };
  const next = byVersion.find((row) => semver.gt(row.version, v));
  if (!next) return { min: floor.npm, max: '999.0.0' };
  const nextLine = byVersion.filter((row) => semver.major(row.version) === semver.major(next.version));
  const max = nextLine.map((row) => row.npmMax ?? row.npm).reduce((a, b) => (semver.gt(b, a) ? b : a));
  return { min: floor.npm, max: semver.gt(floor.npm, max) ? floor.npm : max };
}

export type SpecResult = { version: string; spec: string } | { unknown: string; spec: string };

/**
 * Resolves what setup-node (or nvm, or a Docker tag) accepts as a Node version: an exact version,
 * `24`, `24.x`, a semver range, `lts/*`, `lts/-1`, `lts/<codename>`, `node`, `latest`, `current`.
 * Ranges and aliases resolve to the newest release the table knows.
 */
export function resolveNodeSpec(input: string): SpecResult {
  const spec = input.trim();
  const lower = spec.toLowerCase().replace(/^v(?=\d)/, '');
  if (lower === '') return { spec, unknown: 'the Node version is empty' };
  if (lower === 'node' || lower === 'latest' || lower === 'current') return { spec, version: newest(ALL_VERSIONS)! };
  const lts = /^lts\/(.+)$/.exec(lower);
  if (lts) {
    const name = lts[1] ?? '';
    const lines = [...LTS_LINES].sort((a, b) => b.major - a.major);
    const back = name === '*' ? 0 : /^-\d+$/.test(name) ? Number(name.slice(1)) : undefined;
    const line = back !== undefined ? lines[back] : lines.find((l) => l.codename === name);
    if (!line) return { spec, unknown: `"${spec}" is not an LTS line tp-doctor knows` };
    const inLine = byVersion.filter((r) => semver.major(r.version) === line.major && isLts(r)).map((r) => r.version);
    return { spec, version: newest(inLine)! };
  }
  const exact = semver.valid(lower);
  if (exact) return { spec, version: exact };
  const range = semver.validRange(lower);
  if (range) {
    const best = semver.maxSatisfying(ALL_VERSIONS, range);
    return best ? { spec, version: best } : { spec, unknown: `no Node release tp-doctor knows matches "${spec}"` };
  }
  return { spec, unknown: `"${spec}" is not a Node version` };
}

/** `node:24-alpine` → `24`; `node:lts` → `lts/*`; `node` → `latest`. Undefined for other images. */
export function parseNodeImage(image: string): string | undefined {
  const clean = image.trim().replace(/@sha256:[0-9a-f]+$/i, '');
  const m = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?node(?::([^/]+))?$/i.exec(clean);
  if (!m) return undefined;
  const tag = (m[1] ?? 'latest').toLowerCase();
  const head = tag.split('-')[0] ?? '';
  if (/^\d+(\.\d+){0,2}$/.test(head)) return head;
  if (head === 'lts') {
    const codename = tag.split('-')[1];
    return codename && LTS_LINES.some((l) => l.codename === codename) ? `lts/${codename}` : 'lts/*';
  }
  if (LTS_LINES.some((l) => l.codename === head)) return `lts/${head}`;
  // `current`, `latest` and variant-only tags (`alpine`, `slim`, `bookworm`) follow the newest release.
  return 'latest';
}


export type { VersionFileResult } from './node-version-file.js';
export { readNodeVersionFile } from './node-version-file.js';

function fileOrigin(read: { at: YNode | Location; label: string }): NodeOrigin {
  return { label: read.label, kind: 'file', at: read.at };
}


/**
 * A path from the workflow (`node-version-file`, `uses: ./dir`, a file a step reads), through the
 * containment point. A path that leaves the repository is kept as written: every `SourceFs`
 * refuses to read it, and the message says so.
 */
function normalizePath(path: string): string {
  return repoPathOrAsWritten(path);
}

// ---------------------------------------------------------------------------------------------
// GitHub: the Node at a step

/** What `resolveStepNode` needs from the project (a subset, so tests and GitLab can build it). */
export interface NodeContext {
  fs: SourceFs;
  documents: readonly YamlDocument[];
}

/**
 * A version file's answer, read and parsed once per lint run: npm-supports-oidc and
 * npm-upgrade-compatible resolve the Node of every step and every matrix value, and would otherwise
 * read `.nvmrc` or parse package.json each time. Keyed by the run's context (the project), so an
 * editor session never sees an answer from an earlier run.
 */
const versionFiles = new WeakMap<NodeContext, Map<string, VersionFileResult>>();
function versionFileOf(ctx: NodeContext, file: string): VersionFileResult {
  let cache = versionFiles.get(ctx);
  if (!cache) versionFiles.set(ctx, (cache = new Map()));
  let result = cache.get(file);
  if (!result) cache.set(file, (result = readNodeVersionFile(ctx.fs, file)));
  return result;
}

/** A version file (`.nvmrc`) read and parsed once per lint run; for other providers' version-file readers (CircleCI's node orb). */
export function nodeVersionFileOf(ctx: NodeContext, file: string): VersionFileResult {
  return versionFileOf(ctx, file);
}

/** The matrix combinations under which a step can run (job and step `if:` evaluated against each). */
export function stepCombinations(job: Job, step: Step): (MatrixCombination | undefined)[] {
  const combos: (MatrixCombination | undefined)[] = job.matrix && job.matrix.length > 0 ? job.matrix : [undefined];
  const stepIf = step.node.get('if')?.text;
  return combos.filter((c) => evaluateCondition(job.if, c) !== false && evaluateCondition(stepIf, c) !== false);
}

/**
 * The Node that runs at `step`, one answer per distinct outcome over the matrix combinations that
 * run it. `inside`: the position of a command inside the local composite action the step uses, so
 * that the action's own earlier steps count first.
 */
export function resolveStepNode(ctx: NodeContext, job: Job, step: Step, inside?: Location): NodeResolution[] {
  const out: NodeResolution[] = [];
  const seen = new Map<string, NodeResolution>();
  for (const combo of stepCombinations(job, step)) {
    const res = resolveAt(ctx, job, step, combo, inside);
    const key = JSON.stringify([res.version, res.unknown, res.spec, res.origins.map((o) => where(o.at))]);
    const prior = seen.get(key);
    const label = combo && res.origins.some((o) => o.label.startsWith('matrix')) ? comboLabel(combo) : undefined;
    if (prior) {
      if (label && prior.matrix && !prior.matrix.split('; ').includes(label)) prior.matrix += `; ${label}`;
      continue;
    }
    if (label) res.matrix = label;
    seen.set(key, res);
    out.push(res);
  }
  return out;
}

function comboLabel(combo: MatrixCombination): string {
  return [...combo].map(([k, v]) => `${k}=${v.value}`).join(', ');
}

function where(at: YNode | Location): string {
  const span = 'start' in at ? at : at.span;
  return `${at.file}:${span.start.line}:${span.start.column}`;
}

function resolveAt(ctx: NodeContext, job: Job, step: Step, combo: MatrixCombination | undefined, inside?: Location): NodeResolution {
  const earlier = job.steps.slice(0, step.index);
  const jobEnv = [...job.env, ...job.workflow.env];
  const base: ExpressionScope = { combo, matrixUnresolved: job.matrixUnresolved, env: jobEnv, steps: [], versionFile: (file) => versionFileOf(ctx, file) };
  const missing: string[] = [];
  // A publish inside a local composite action: first the action's own steps before it.
  if (inside && step.uses?.name.startsWith('./')) {
    const scope: ExpressionScope = { ...base, env: [...step.env, ...jobEnv], steps: earlier };
    const found = scanAction(ctx, workflowStepView(step), scope, missing, 0, inside);
    if (found) return found;
  }
  const views = earlier.map(workflowStepView);
  const found = scan(ctx, views, (i) => ({ ...base, env: [...earlier[i]!.env, ...jobEnv], steps: earlier.slice(0, i) }), missing, 0);
  if (found) return found;
  const container = job.container;
  if (container?.image !== undefined) {
    const imageNode = container.node.isMap ? (container.node.get('image') ?? container.node) : container.node;
    const value = evaluateValue(container.image, imageNode, base);
    const origin: NodeOrigin = { label: `container image "${container.image}"`, kind: 'container', at: imageNode };
    if ('unknown' in value) return { unknown: `the job container image is "${container.image}"`, origins: [origin] };
    if ('text' in value) {
      const spec = parseNodeImage(value.text);
      if (spec !== undefined) return finish(resolveNodeSpec(spec), [...value.origins, origin]);
      return { unknown: `the job runs in container "${value.text}", which is not a \`node\` image`, origins: [origin] };
    }
  }
  if (missing.length > 0) {
    const names = [...new Set(missing)].map((m) => `"${m}"`);
    const which = names.length === 1 ? `local action ${names[0]}, which is` : `local actions ${names.slice(0, 3).join(', ')}, which are`;
    return { unknown: `the job may set up Node in ${which} not in the repository or could not be read`, origins: [] };
  }
  return {
    unknown: 'no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships',
    origins: [],
  };
}

function finish(result: SpecResult, origins: NodeOrigin[]): NodeResolution {
  if ('unknown' in result) return { spec: result.spec, unknown: result.unknown, origins };
  const npm = bundledNpm(result.version);
  const res: NodeResolution = { spec: result.spec, version: result.version, origins };
  if (npm) res.npm = npm;
  return res;
}

/** A workflow step or a step of a local composite action, as the scanner sees it. */
interface StepView {
  uses?: string;
  usesNode?: YNode;
  node: YNode;
  input(name: string): YNode | undefined;
  env: ExpressionScope['env'];
}

function workflowStepView(step: Step): StepView {
  const view: StepView = { node: step.node, input: (k) => step.with.get(k), env: step.env };
  if (step.uses) {
    view.uses = step.uses.name;
    view.usesNode = step.uses.node;
  }
  return view;
}

function actionStepView(node: YNode): StepView {
  const withNode = node.get('with');
  const usesNode = node.get('uses');
  const env = (node.get('env')?.entries() ?? []).flatMap((e) => (e.key === undefined ? [] : [{ name: e.key, value: e.text, node: e }]));
  const view: StepView = { node, input: (k) => withNode?.get(k), env };
  if (usesNode?.text !== undefined) {
    view.uses = cutAtFirst(usesNode.text, '@');
    view.usesNode = usesNode;
  }
  return view;
}

/** The last step of `views` that decides the Node version (setup-node, or a local action containing one). */
function scan(ctx: NodeContext, views: StepView[], scopeFor: (i: number) => ExpressionScope, missing: string[], depth: number): NodeResolution | undefined {
  for (let i = views.length - 1; i >= 0; i--) {
    const view = views[i]!;
    const scope = scopeFor(i);
    const uses = view.uses;
    if (uses === undefined) continue;
    if (SETUP_NODE_ACTIONS.has(uses.toLowerCase())) {
      const res = fromSetupInputs(view.input, scope);
      if (res) return res;
    } else if (uses.startsWith('./') && depth < 3) {
      const res = scanAction(ctx, view, scope, missing, depth);
      if (res) return res;
    }
  }
  return undefined;
}

function actionDocument(ctx: NodeContext, uses: string): YamlDocument | undefined {
  const dir = normalizePath(uses);
  return ctx.documents.find((d) => d.file === inDir(dir, 'action.yml') || d.file === inDir(dir, 'action.yaml'));
}

/** The steps of a local composite action (those before `before`, when given) that decide the Node version. */
function scanAction(ctx: NodeContext, caller: StepView, scope: ExpressionScope, missing: string[], depth: number, before?: Location): NodeResolution | undefined {
  const uses = caller.uses ?? '';
  const doc = actionDocument(ctx, uses);
  const steps = doc?.root?.at('runs', 'steps');
  if (!doc || !steps?.isSeq) {
    if (!doc) missing.push(uses);
    return undefined;
  }
  const declared = doc.root?.get('inputs');
  const inputs = (name: string): { node: YNode; scope: ExpressionScope } | undefined => {
    const given = caller.input(name);
    if (given) return { node: given, scope };
    const fallback = declared?.at(name, 'default');
    return fallback ? { node: fallback, scope: { ...scope, inputs: undefined } } : undefined;
  };
  let items = steps.items();
  if (before && before.file === doc.file) items = items.filter((n) => comparePositions(n.span.end, before.start) <= 0);
  const views = items.map(actionStepView);
  const res = scan(ctx, views, (i) => ({ ...scope, inputs, env: [...views[i]!.env, ...scope.env], steps: [] }), missing, depth + 1);
  if (res && caller.usesNode) res.origins.push({ label: `local action "${uses}"`, kind: 'action', at: caller.usesNode });
  return res;
}

function fromSetupInputs(input: (name: string) => YNode | undefined, scope: ExpressionScope): NodeResolution | undefined {
  const versionNode = input('node-version');
  if (versionNode?.text !== undefined && versionNode.text.trim() !== '') {
    const origin: NodeOrigin = { label: `setup-node \`node-version: ${versionNode.text.trim()}\``, kind: 'input', at: versionNode };
    const value = evaluateValue(versionNode.text, versionNode, scope);
    if ('unknown' in value) return { unknown: value.unknown, origins: [origin] };
    if ('text' in value) return finish(resolveNodeSpec(value.text), [...value.origins, origin]);
  }
  const fileNode = input('node-version-file');
  if (fileNode?.text !== undefined && fileNode.text.trim() !== '') {
    const origin: NodeOrigin = { label: `setup-node \`node-version-file: ${fileNode.text.trim()}\``, kind: 'input', at: fileNode };
    const value = evaluateValue(fileNode.text, fileNode, scope);
    if ('unknown' in value) return { unknown: `its \`node-version-file\` is "${fileNode.text.trim()}", which tp-doctor cannot evaluate`, origins: [origin] };
    if (!('text' in value)) return undefined;
    const read = scope.versionFile(normalizePath(value.text));
    if ('unknown' in read) return { unknown: read.unknown, origins: [origin] };
    return finish(resolveNodeSpec(read.spec), [fileOrigin(read), origin]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Words for diagnostics

/** "Node 20.20.2", with the spec when it says more than the version (`Node 26.13.0 ("lts/*")`). */
export function nodeLabel(node: NodeResolution): string {
  const spec = node.spec !== undefined && node.spec !== node.version ? ` ("${node.spec}")` : '';
  return `Node ${node.version ?? '?'}${spec}`;
}

/** Where the Node version came from, with the matrix values behind it. */
export function originLabel(node: NodeResolution): string {
  const origin = node.origins[0]?.label ?? 'unknown';
  return node.matrix ? `${origin}, matrix ${node.matrix}` : origin;
}

/** How to change the Node version to `major`, in the words of where it came from. */
export function whereToSetNode(node: NodeResolution, major: string): string {
  const origin = node.origins[0];
  switch (origin?.kind) {
    case 'container':
      return `use the image \`node:${major}\``;
    case 'matrix':
      return `use \`${major}\` in the matrix of the publishing job`;
    case 'file':
      return `set ${origin.label} to \`${major}\``;
    default:
      return `set \`node-version: ${major}\``;
  }
}
