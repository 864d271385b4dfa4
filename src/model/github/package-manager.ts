/** The package manager of a GitHub job: the pnpm a `pnpm/action-setup` step installs. */
import { semver } from '../core/semver.js';
import { pinnedPnpmMajor } from '../npm/package-manager.js';
import { majorOfSpec, type MajorGuess } from '../npm/pre-post-scripts.js';
import type { NpmRepo } from '../npm/repo.js';
import { pnpmSetupVersion, type ToolVersion } from '../npm/tool-versions.js';
import type { Job } from './types.js';
import type { CallGraph } from './call-graph.js';
import { stepInputReadings } from './entry-inputs.js';
import { usesSteps, type ReadAction } from './uses-steps.js';

/**
 * The pnpm major a job runs: the last `pnpm/action-setup` `version:` among its steps up to
 * `lastIndex` and the inner steps of the local composite actions they use (`readAction`), else
 * package.json `packageManager`.
 */
export function pnpmMajor(project: NpmRepo, job: Job, readAction: ReadAction, lastIndex = job.steps.length - 1): number | undefined {
  const setup = pnpmSetupVersion(usesSteps(job, lastIndex, readAction));
  const version = setup === undefined ? null : semver.coerce(setup.spec);
  return version ? version.major : pinnedPnpmMajor(project);
}

/**
 * The pnpm major a job's `pnpm/action-setup` installs (`version:`; `latest` for `latest`), the
 * last such step's, inside local composite actions too (`readAction`); undefined without one (the
 * action then reads `packageManager`).
 */
export function pnpmSetupMajor(job: Job, readAction: ReadAction): MajorGuess {
  // Asked for each step a job's publishes are read in: the job's steps are walked once.
  if (SETUP_MAJORS.has(job)) return SETUP_MAJORS.get(job);
  const major = majorOfSpec(pnpmSetupVersion(usesSteps(job, job.steps.length - 1, readAction))?.spec);
  SETUP_MAJORS.set(job, major);
  return major;
}

const SETUP_MAJORS = new WeakMap<Job, MajorGuess>();

/**
 * Words for why no `pnpm/action-setup` step up to `lastIndex` (inside local composite actions too)
 * names the pnpm, when `pnpmSetupBefore` finds none: the last one's `version:` is an expression
 * tp-doctor cannot evaluate (abofs/stonyx-workflows: `version: ${{ inputs.pnpm-version }}`), else none has a `version:`.
 */
export function pnpmSetupUnread(job: Job, lastIndex: number, readAction: ReadAction): string {
  const written = usesSteps(job, lastIndex, readAction).filter((s) => s.name === 'pnpm/action-setup' && s.inputText('version') !== undefined).at(-1)?.inputText('version');
  return written?.includes('${{') ? `\`pnpm/action-setup\` \`version:\` is "${written.trim()}", which tp-doctor cannot evaluate` : 'no `pnpm/action-setup` `version:`';
}

/**
 * The `pnpm/action-setup` `version:` of a job's steps up to `lastIndex` (inside local composite
 * actions too), the last one's. With the call graph, a last `version: ${{ inputs.x }}` is read as
 * `node-version: ${{ inputs.node }}` is (`stepInputReadings`, docs/domain.md A.43: each local
 * caller's value, a dispatch's default, a default when only other repositories call it): when every
 * run that reaches the step gives the same literal, that version, `assumed` when a run may replace
 * it; otherwise it stays unread, as an expression tp-doctor cannot evaluate.
 */
export function pnpmSetupBefore(job: Job, lastIndex: number, readAction: ReadAction, graph?: CallGraph): ToolVersion | undefined {
  const steps = usesSteps(job, lastIndex, readAction);
  const last = steps.filter((s) => s.name === 'pnpm/action-setup' && s.inputText('version') !== undefined).at(-1);
  const ref = INPUT_REF.exec(last?.inputText('version') ?? '');
  if (graph === undefined || last === undefined || ref === null) return pnpmSetupVersion(steps);
  const [, event, name] = ref;
  const read = stepInputReadings(graph, job, last.step)?.map((r) => (event === undefined ? r.inputs : r.eventInputs)(name!));
  const values = new Set(read?.map((r) => (r === undefined || r.value === null || r.value === '' ? undefined : String(r.value))));
  const [spec] = values;
  if (read === undefined || read.length === 0 || values.size !== 1 || spec === undefined) return pnpmSetupVersion(steps);
  const first = read[0]!;
  const assumed = read.find((r) => r?.assumed !== undefined)?.assumed;
  const at = { file: first.at.file, ...first.at.span };
  return { spec, source: 'action-setup', at, label: `\`pnpm/action-setup\` \`version: \${{ ${event ?? ''}inputs.${name!} }}\`, from ${first.label}`, floating: true, ...(assumed !== undefined ? { assumed } : {}) };
}

/** `${{ inputs.x }}` or `${{ github.event.inputs.x }}`, the whole value. */
const INPUT_REF = /^\s*\$\{\{\s*(github\.event\.)?inputs\.([A-Za-z_][\w-]*)\s*\}\}\s*$/;
