/**
 * A `run:` step with `pnpm env use --global <version>` (../npm/pnpm-env-use.ts): the Node of the
 * later steps of the job, read like setup-node's `node-version` (../npm/node-version.ts
 * `resolveNodeSpec`, an LTS codename or `lts` through `pnpmNodeSpec`). pnpm links that Node into
 * PNPM_HOME, which `pnpm/action-setup` puts first on `PATH`; without that action before it the
 * Node is taken (`assumed`: findings on it are warnings at most). A Node setup action after
 * `pnpm/action-setup` comes first on `PATH`, so its Node stays.
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { nodeResolution, resolveNodeSpec, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { pnpmNodeInstalls } from '../npm/pnpm-env-use.js';
import { NODE_ACTIONS } from '../data/node-actions.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';
import { pnpmNodeSpec } from './pnpm-setup.js';

/** The action that puts PNPM_HOME on `PATH` for the later steps. */
const PNPM_HOME_ACTION = 'pnpm/action-setup';

/**
 * The Node the last `pnpm env use --global` of `run` installs for the later steps; undefined
 * when it has none. `earlierUses`: the `uses:` of the steps before it; `scope`: the scope of the
 * step. Both asked only for a step that has such a command: the scan of the steps before a publish
 * asks this of every `run:` step, and building them for each made that scan quadratic in the steps
 * (issue 17: 1,000 steps before a publish, for each of 1,000 publishes).
 */
export function fromPnpmEnvUse(run: { text: string; node: YNode }, earlierUses: () => readonly (string | undefined)[], scope: () => ExpressionScope): NodeResolution | undefined {
  const call = pnpmNodeInstalls(run.text).at(-1);
  if (call === undefined) return undefined;
  const at: Location = { file: run.node.file, ...run.node.valueSpan(call.offset, call.end) };
  const origin: NodeOrigin = { label: `\`${call.text}\``, kind: 'command', at, ...(call.spec === undefined ? {} : { command: { text: call.text, spec: call.spec } }) };
  if (call.spec === undefined) return { unknown: `\`${call.text}\` installs a Node for the later steps whose version tp-doctor cannot read`, origins: [origin] };
  if (call.maybe) return { unknown: `\`${call.text}\` runs in a branch or after \`&&\`/\`||\`, so the Node of the later steps is the one it installs or the one before`, origins: [origin] };
  const value = evaluateValue(call.spec, run.node, scope());
  if (!('text' in value)) return { unknown: `\`${call.text}\` installs a Node version tp-doctor cannot evaluate`, origins: [origin] };
  const res = nodeResolution(resolveNodeSpec(pnpmNodeSpec(value.text)), [...value.origins, origin]);
  const lower = earlierUses().map((u) => u?.toLowerCase());
  const pnpmHome = lower.lastIndexOf(PNPM_HOME_ACTION);
  // A Node setup action after pnpm/action-setup puts its own Node's directory before PNPM_HOME on
  // PATH (`$GITHUB_PATH` prepends): that Node runs, not pnpm's (review of 2026-12-06).
  if (pnpmHome >= 0 && lower.some((u, i) => i > pnpmHome && u !== undefined && NODE_ACTIONS.has(u))) return undefined;
  if (res.unknown !== undefined || pnpmHome >= 0) return res;
  return { ...res, assumed: `\`${call.text}\` is taken to give the later steps that Node: pnpm links it into PNPM_HOME, which no \`${PNPM_HOME_ACTION}\` step before it is seen to put on PATH` };
}
