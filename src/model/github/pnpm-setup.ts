/**
 * The Node that `pnpm/setup` installs (src/model/data/node-actions.ts has the facts): its
 * `runtime` input (`node@22`, `node@lts`, `node`), else the `devEngines.runtime` of the
 * package.json it reads.
 */
import { dirnameOf } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import { LTS_LINES } from '../data/node-releases.js';
import { nodeResolution, resolveNodeSpec, type NodeContext, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';

const RUNTIMES = ['node', 'bun', 'deno'];

/** A `devEngines.runtime` entry: its `name` and its `version` node. */
interface RuntimeEntry {
  name: string | undefined;
  version: YNode | undefined;
}

/**
 * The Node a `pnpm/setup` step installs; undefined when it installs none (another runtime, or no
 * `runtime` input and no Node in `devEngines.runtime`), so that earlier steps decide.
 */
export function fromPnpmSetup(ctx: NodeContext, input: (name: string) => YNode | undefined, at: YNode, scope: ExpressionScope): NodeResolution | undefined {
  const action: NodeOrigin = { label: '`pnpm/setup`', kind: 'action', at };
  const runtimeNode = input('runtime');
  const written = runtimeNode?.text?.trim() ?? '';
  const value = runtimeNode ? evaluateValue(runtimeNode.text ?? '', runtimeNode, scope) : ({ empty: true } as const);
  if ('unknown' in value) return { unknown: `\`pnpm/setup\` installs the runtime "${written}", which tp-doctor cannot evaluate`, origins: [action] };
  const entries = (): { file: string; list: RuntimeEntry[] } | { unknown: string } => runtimeEntries(ctx, input, scope);
  if (!('text' in value) || !runtimeNode) {
    const read = entries();
    return 'unknown' in read ? { unknown: read.unknown, origins: [action] } : fromDevEngines(read, action);
  }
  const raw = value.text;
  const cut = raw.indexOf('@');
  const name = (cut < 0 ? raw : raw.slice(0, cut)).trim();
  if (!RUNTIMES.includes(name)) return { unknown: `\`pnpm/setup\` gets \`runtime: ${written}\`, which names no runtime it installs (node, bun, deno)`, origins: [action] };
  if (name !== 'node') return undefined;
  const origin: NodeOrigin = { label: `pnpm/setup \`runtime: ${written}\``, kind: 'input', at: runtimeNode, written: { name: 'runtime', prefix: 'node@' } };
  if (cut >= 0) return nodeResolution(resolveNodeSpec(pnpmNodeSpec(raw.slice(cut + 1))), [...value.origins, origin]);
  // `runtime: node`: the version of the first `devEngines.runtime` entry named node (v2.0.2; the
  // change under review: the last with a version), else `lts`.
  const read = entries();
  if ('unknown' in read) return { unknown: read.unknown, origins: [action] };
  const nodes = read.list.filter((e) => e.name === 'node');
  const first = nodes[0]?.version;
  const last = nodes.filter((e) => e.version?.text).at(-1)?.version;
  if (first?.text !== last?.text) return { unknown: disagree(read.file), origins: [action] };
  if (!first?.text) return nodeResolution(resolveNodeSpec('lts/*'), [origin]);
  return nodeResolution(resolveNodeSpec(pnpmNodeSpec(first.text)), [fileOrigin(read.file, first), action]);
}

/** `lts` → `lts/*`, an LTS codename (`jod`) → `lts/jod`: the forms `resolveNodeSpec` reads; anything else as written. */
export function pnpmNodeSpec(version: string): string {
  const lower = version.trim().toLowerCase();
  if (lower === 'lts') return 'lts/*';
  return LTS_LINES.some((l) => l.codename === lower) ? `lts/${lower}` : version.trim();
}

/**
 * Without `runtime`: v2.0.2 installs the first entry that names a runtime with a version; a change
 * under review installs every entry, the last of a name winning. Unknown when the two differ on Node.
 */
function fromDevEngines(entries: { file: string; list: RuntimeEntry[] }, action: NodeOrigin): NodeResolution | undefined {
  const usable = entries.list.filter((e) => e.name !== undefined && RUNTIMES.includes(e.name) && e.version?.text);
  const first = usable[0]?.name === 'node' ? usable[0].version : undefined;
  const last = usable.filter((e) => e.name === 'node').at(-1)?.version;
  if (first?.text !== last?.text) return { unknown: disagree(entries.file), origins: [action] };
  if (!first?.text) return undefined;
  return nodeResolution(resolveNodeSpec(pnpmNodeSpec(first.text)), [fileOrigin(entries.file, first), action]);
}

function disagree(file: string): string {
  return `\`pnpm/setup\` takes Node from \`devEngines.runtime\` in "${file}", where v2.0.2 (the first entry) and a change under review (the last of each name) pick different Node versions`;
}

function fileOrigin(file: string, at: YNode): NodeOrigin {
  return { label: `${file} \`devEngines.runtime\``, kind: 'file', at };
}

/** The `devEngines.runtime` entries of the package.json `pnpm/setup` reads (`package-json-file`, default `package.json`). */
function runtimeEntries(ctx: NodeContext, input: (name: string) => YNode | undefined, scope: ExpressionScope): { file: string; list: RuntimeEntry[] } | { unknown: string } {
  const fileNode = input('package-json-file');
  const value = fileNode?.text !== undefined ? evaluateValue(fileNode.text, fileNode, scope) : ({ empty: true } as const);
  if ('unknown' in value) return { unknown: `\`pnpm/setup\` reads "${fileNode?.text?.trim() ?? ''}", which tp-doctor cannot evaluate` };
  const file = ('text' in value ? value.text : 'package.json').replace(/^\.\//, '');
  if (!/(?:^|\/)package\.json$/.test(file)) return { unknown: `\`pnpm/setup\` reads its runtime from "${file}", which tp-doctor does not read` };
  // A missing file gives no runtime; an invalid one fails the step, so no later step runs.
  const pkg = ctx.facts.packageAt(dirnameOf(file));
  const list = pkg?.root.at('devEngines', 'runtime')?.list() ?? [];
  return { file, list: list.map((e) => ({ name: e.get('name')?.text, version: e.get('version') })) };
}
