/**
 * The Node and npm that `volta-cli/action` makes a command run with (src/model/data/node-actions.ts
 * has the facts): its `node-version` and `npm-version` inputs, pinned into the package.json at
 * `package-json-path`, and Volta's project platform where the command runs
 * (`../npm/volta-project.ts`), else its default platform, else nothing (earlier steps decide).
 */
import type { YNode } from '../../yaml/parse.js';
import { repositoryPath } from './checkout.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';
import { stepDirectory } from './steps.js';
import type { Job, Step } from './types.js';
import { nodeResolution, resolveNodeSpec, type NodeContext, type NodeOrigin, type NodeResolution, type NodeToolchain } from '../npm/node-version.js';
import { voltaProject, type VoltaManifest, type VoltaPin } from '../npm/volta-project.js';
import { commandEnd, placeAt, scriptIndex } from '../npm/script-index.js';
import { directoryAt } from '../npm/shell-scope-walk.js';
import { joinDir } from '../npm/value-targets.js';

const ACTION = '`volta-cli/action`';

/** An input of the action given a value, with the origins of the references in it. */
interface Given {
  value: string;
  node: YNode;
  origins: NodeOrigin[];
}

/** An input: absent (or empty), given, or why it cannot be read. */
type Input = { absent: true } | Given | { unknown: string };

/** Where a Node or npm version of the platform comes from: a file's pin, or an input the action pinned or installed. */
type Source = { pin: VoltaPin } | { input: Given };

function readInput(input: (name: string) => YNode | undefined, name: string, scope: ExpressionScope): Input {
  const node = input(name);
  if (node?.text === undefined || node.text.trim() === '') return { absent: true };
  const value = evaluateValue(node.text, node, scope);
  if ('unknown' in value) return { unknown: `${ACTION} is given \`${name}: ${node.text.trim()}\`, which tp-doctor cannot evaluate` };
  return 'text' in value ? { value: value.text, node, origins: value.origins } : { absent: true };
}

function given(input: Input): input is Given {
  return 'value' in input;
}

/**
 * The repository directory a command of `step` runs in, for Volta's project lookup: the step's
 * directory after the `cd`s before the command at `offset` of its `run:` (a `uses:` step runs in
 * the workspace); `start` replaces the step's directory when the caller knows it (one matrix value's).
 */
export function commandDirectory(step: Step, offset?: number, start?: string): string | undefined {
  const dir = start ?? (step.run ? stepDirectory(step) : repositoryPath(step.job.mounts, ''));
  if (dir === undefined || !step.run || offset === undefined) return dir;
  const index = scriptIndex(step.run.text);
  const changes = index.directoryChanges.filter((c) => commandEnd(c) <= offset);
  return changes.length === 0 ? dir : directoryAt(dir, changes, placeAt(index, offset), joinDir);
}

/**
 * The Node a `volta-cli/action` step gives a command run in `directory`; undefined when Volta has
 * no platform there (no `volta` object, no `node-version`): the system's tools, which earlier steps decide.
 */
export function fromVolta(ctx: NodeContext, job: Job, input: (name: string) => YNode | undefined, at: YNode, scope: ExpressionScope, directory: string | undefined): NodeResolution | undefined {
  const action: NodeOrigin = { label: ACTION, kind: 'action', at };
  const unknown = (why: string): NodeResolution => ({ unknown: why, origins: [action] });
  const node = readInput(input, 'node-version', scope);
  const npm = readInput(input, 'npm-version', scope);
  const path = readInput(input, 'package-json-path', scope);
  for (const value of [node, npm, path]) if ('unknown' in value) return unknown(value.unknown);
  // `volta install npm` needs a default Node: without `node-version` the step fails.
  if (given(npm) && !given(node)) return unknown(`${ACTION} is given \`npm-version: ${npm.value}\` without \`node-version\`, and Volta installs an npm only after a default Node: the step fails`);
  const pinned = pinnedFile(ctx, job, path);
  if ('unknown' in pinned) return unknown(pinned.unknown);
  if (directory === undefined) return unknown('Volta takes the Node from the package.json nearest to where the command runs, and tp-doctor cannot tell that directory');
  const project = voltaProject(ctx, directory);
  if ('unknown' in project) return unknown(project.unknown);
  const platform = mergeSources(project.chain, given(node) ? pinned.file : undefined, node, npm);
  const toolchain: NodeToolchain = { at };
  if (platform.volta) {
    const file = project.chain[0]!.file;
    if (!platform.node) return unknown(`"${file}" has a \`volta\` object that names no Node (nor does its \`volta.extends\` chain): Volta stops with an error`);
    // Volta intercepts a global install only when a default platform exists (`run/npm.rs`: "For
    // globals, only intercept if the default platform exists"; else npm runs it "as usual", on this
    // project's platform, engine check included). The action makes one only with `node-version`, and
    // its VOLTA_HOME is a fresh tool-cache directory (`installer.ts` `getVolta`), so without that
    // input the typed upgrade is npm's own.
    if (given(node)) Object.assign(toolchain, { globalInstall: 'ignored', project: file });
    if (platform.npm) toolchain.npm = npmOf(platform.npm);
    return { ...nodeOf(platform.node, action), toolchain };
  }
  if (!given(node)) return undefined;
  // No project platform: Volta's default one, as the inputs installed it.
  toolchain.globalInstall = 'default';
  const pin = given(npm) ? npmOf({ input: npm }) : undefined;
  if (pin) toolchain.npm = pin;
  return { ...nodeOf({ input: node }, action), toolchain };
}

/** The package.json `node-version` is pinned into (`package-json-path`, default the root's), when it exists. */
function pinnedFile(ctx: NodeContext, job: Job, path: Input): { file?: string } | { unknown: string } {
  if (!given(path)) {
    const root = repositoryPath(job.mounts, 'package.json');
    return root !== undefined && ctx.fs.exists(root) ? { file: root } : {};
  }
  const file = repositoryPath(job.mounts, path.value);
  if (file === undefined) return { unknown: `${ACTION} is given \`package-json-path: ${path.value}\`, outside the repository` };
  if (!ctx.fs.exists(file)) return { unknown: `${ACTION} is given \`package-json-path: ${path.value}\`, which is not in the repository: the step fails` };
  return { file };
}

/**
 * The platform of a chain (the first file that sets each tool wins: Volta's `PartialPlatform::merge`),
 * after the action's `volta pin node@<node-version>` (and `npm@<npm-version>` with it) into `pinned`.
 */
function mergeSources(chain: readonly VoltaManifest[], pinned: string | undefined, node: Input, npm: Input): { volta: boolean; node?: Source; npm?: Source } {
  const entries = chain.map((m) => {
    const pinsHere = m.file === pinned && given(node);
    return {
      volta: m.volta || pinsHere,
      node: pinsHere ? { input: node } : m.node && { pin: m.node },
      npm: pinsHere && given(npm) ? { input: npm } : m.npm && { pin: m.npm },
    };
  });
  const out: { volta: boolean; node?: Source; npm?: Source } = { volta: entries.some((e) => e.volta) };
  const nodeSource = entries.find((e) => e.node)?.node;
  const npmSource = entries.find((e) => e.npm)?.npm;
  if (nodeSource) out.node = nodeSource;
  if (npmSource) out.npm = npmSource;
  return out;
}

/** `true` and `lts` are Volta's latest LTS; anything else a version or range as written. */
function voltaNodeSpec(value: string): string {
  const lower = value.trim().toLowerCase();
  return lower === 'true' || lower === 'lts' ? 'lts/*' : value.trim();
}

function nodeOf(source: Source, action: NodeOrigin): NodeResolution {
  if ('input' in source) {
    const { value, node, origins } = source.input;
    const origin: NodeOrigin = { label: `volta-cli/action \`node-version: ${node.text?.trim() ?? value}\``, kind: 'input', at: node };
    return nodeResolution(resolveNodeSpec(voltaNodeSpec(value)), [...origins, origin, action]);
  }
  const origin: NodeOrigin = { label: `${source.pin.file} \`volta.node\``, kind: 'file', at: source.pin.at, exact: true };
  return nodeResolution(resolveNodeSpec(source.pin.version), [origin, action]);
}

/** The npm a source pins (`npm-version: true`: the latest; `bundled`: none, the Node's own). */
function npmOf(source: Source): NodeToolchain['npm'] {
  if ('pin' in source) {
    const { version, at, file } = source.pin;
    return { spec: version, at, text: `volta.npm ${version} in ${file}`, where: `\`volta.npm\` in ${file}` };
  }
  const value = source.input.value.trim();
  if (value.toLowerCase() === 'bundled') return undefined;
  const spec = value.toLowerCase() === 'true' ? 'latest' : value;
  return { spec, at: source.input.node, text: `npm-version: ${value} of volta-cli/action`, where: `\`npm-version\` of ${ACTION}` };
}
