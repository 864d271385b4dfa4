/**
 * Whether the pnpm a job's `pnpm/action-setup` installs is the standalone one (`@pnpm/exe`, with a
 * Node of its own) or runs on the Node on PATH (src/model/data/node-actions.ts has the facts).
 */
import type { YNode } from '../../yaml/parse.js';
import { PNPM_ACTION_SETUP_AUTO_STANDALONE_MAJOR, PNPM_ACTION_SETUP_STANDALONE_DEFAULT } from '../data/node-actions.js';
import { documentLine, refTagVersion, versionComment } from '../npm/tool-versions.js';
import type { NpmRepo } from '../npm/repo.js';

/** A `uses:` step as `usesSteps` gives it (src/model/github/uses-steps.ts). */
export interface PnpmSetupStep {
  /** The action without `@ref`, lower case. */
  name: string;
  /** The ref after `@`, as written. */
  ref: string | undefined;
  /** The `uses:` value, for the `# v6.0.3` comment after a commit SHA. */
  usesNode: YNode;
  /** The input's text, a local action's `${{ inputs.x }}` replaced by what its caller passes. */
  inputText(name: string): string | undefined;
}

/**
 * The last `pnpm/action-setup` among `uses:` steps: `yes` for `standalone: true`; `no` when the
 * input is absent or `false` (its action.yml default) on a release that never chooses the
 * standalone pnpm by itself (a `vN` tag, or the `# vN` comment after a SHA, below
 * `PNPM_ACTION_SETUP_AUTO_STANDALONE_MAJOR`); `unknown` for an expression, a later or unknown
 * release (it may choose the standalone pnpm on an old Node); undefined without such a step.
 */
export function pnpmSetupStandalone(project: NpmRepo, steps: readonly PnpmSetupStep[]): 'yes' | 'no' | 'unknown' | undefined {
  const last = steps.findLast((s) => s.name === 'pnpm/action-setup');
  if (last === undefined) return undefined;
  const text = last.inputText('standalone')?.trim() ?? String(PNPM_ACTION_SETUP_STANDALONE_DEFAULT);
  if (text === 'true') return 'yes';
  if (text !== 'false') return 'unknown';
  const major = actionMajor(project, last);
  return major !== undefined && major < PNPM_ACTION_SETUP_AUTO_STANDALONE_MAJOR ? 'no' : 'unknown';
}

/** The major of the release a step runs: its `vN[.x[.y]]` tag, else the version comment after a commit SHA. */
function actionMajor(project: NpmRepo, step: PnpmSetupStep): number | undefined {
  const ref = step.ref ?? '';
  const tag = refTagVersion(ref);
  const node = step.usesNode;
  const line = tag === undefined && /^[0-9a-f]{40}$/i.test(ref) ? documentLine(project, { file: node.file, ...node.span }) : undefined;
  const version = tag ?? (line === undefined ? undefined : versionComment(line));
  return version === undefined ? undefined : Number(version.split('.')[0]);
}
