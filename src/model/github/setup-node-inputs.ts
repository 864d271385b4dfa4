/**
 * The Node an actions/setup-node step installs from its inputs (`node-version`, else
 * `node-version-file`), for actions/setup-node itself, the actions read like it (`NODE_ACTIONS`
 * 'setup-node', with `NODE_ACTION_DEFAULTS`), and the composite actions that run it with inputs of
 * their own (`SETUP_NODE_WRAPPERS`, data/node-actions.ts).
 */
import { repoPathOrAsWritten } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { NODE_ACTION_DEFAULTS, SETUP_NODE_WRAPPERS } from '../data/node-actions.js';
import { nodeResolution, resolveNodeSpec, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';
import type { Job } from './types.js';

/** The parts of a step that uses an action which these readers need. */
export interface SetupStep {
  usesNode?: YNode;
  node: YNode;
  input(name: string): YNode | undefined;
}

export function fileOrigin(read: { at: YNode | Location; label: string }): NodeOrigin {
  return { label: read.label, kind: 'file', at: read.at };
}

/** The Node of a `node-version-file` (a path in the repository, as written), read through `scope`. */
function fromVersionFile(file: string, scope: ExpressionScope, origin: NodeOrigin): NodeResolution {
  const read = scope.versionFile(repoPathOrAsWritten(file));
  if ('unknown' in read) return { unknown: read.unknown, origins: [origin] };
  return nodeResolution(resolveNodeSpec(read.spec), [fileOrigin(read), origin]);
}

export function fromSetupInputs(input: (name: string) => YNode | undefined, scope: ExpressionScope, action = 'setup-node'): NodeResolution | undefined {
  const versionNode = input('node-version');
  if (versionNode?.text !== undefined && versionNode.text.trim() !== '') {
    const origin: NodeOrigin = { label: `${action} \`node-version: ${versionNode.text.trim()}\``, kind: 'input', at: versionNode };
    const value = evaluateValue(versionNode.text, versionNode, scope);
    if ('unknown' in value) return { unknown: value.unknown, origins: [origin] };
    if ('text' in value) return nodeResolution(resolveNodeSpec(value.text), [...value.origins, origin]);
  }
  const fileNode = input('node-version-file');
  if (fileNode?.text !== undefined && fileNode.text.trim() !== '') {
    const origin: NodeOrigin = { label: `${action} \`node-version-file: ${fileNode.text.trim()}\``, kind: 'input', at: fileNode };
    const value = evaluateValue(fileNode.text, fileNode, scope);
    if ('unknown' in value) return { unknown: `its \`node-version-file\` is "${fileNode.text.trim()}", which tp-doctor cannot evaluate`, origins: [origin] };
    if (!('text' in value)) return undefined;
    return fromVersionFile(value.text, scope, origin);
  }
  return undefined;
}

/** The Node a publishing action installs by default, given no version (`NODE_ACTION_DEFAULTS`: danielroe/uppt/publish's 24). */
export function actionDefaultNode(view: SetupStep, uses: string): NodeResolution | undefined {
  const version = NODE_ACTION_DEFAULTS.get(uses.toLowerCase());
  if (version === undefined) return undefined;
  const origin: NodeOrigin = { label: `${uses} default \`node-version: ${version}\``, kind: 'action', at: view.usesNode ?? view.node };
  return nodeResolution(resolveNodeSpec(version), [origin]);
}

/**
 * A composite action that runs actions/setup-node with inputs of its own (`SETUP_NODE_WRAPPERS`):
 * the input it forwards as `node-version` (given, else its default), or the `node-version-file`
 * it fixes. In a job container, an action that then skips setup-node (`skipsInContainer`) leaves
 * the Node unknown.
 */
export function fromSetupNodeWrapper(view: SetupStep, uses: string, scope: ExpressionScope, job: Job): NodeResolution | undefined {
  const row = SETUP_NODE_WRAPPERS.get(uses.toLowerCase());
  if (row === undefined) return undefined;
  const at = view.usesNode ?? view.node;
  if (row.skipsInContainer === true && job.container !== undefined) {
    const origin: NodeOrigin = { label: `\`${uses}\``, kind: 'action', at };
    return { unknown: `the job sets up Node with \`${uses}\` in a container, where it skips actions/setup-node on Alpine images and tp-doctor does not tell which Node runs`, origins: [origin] };
  }
  const forwarded = row.nodeVersion;
  if (forwarded !== undefined) {
    const given = fromSetupInputs((name) => (name === 'node-version' ? view.input(forwarded.input) : undefined), scope, uses);
    if (given !== undefined) return given;
    const origin: NodeOrigin = { label: `${uses} default \`${forwarded.input}: ${forwarded.default}\``, kind: 'action', at };
    return nodeResolution(resolveNodeSpec(forwarded.default), [origin]);
  }
  if (row.nodeVersionFile !== undefined) {
    const origin: NodeOrigin = { label: `${uses} (setup-node \`node-version-file: ${row.nodeVersionFile}\`)`, kind: 'action', at };
    return fromVersionFile(row.nodeVersionFile, scope, origin);
  }
  return undefined;
}
