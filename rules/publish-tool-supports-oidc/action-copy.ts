/**
 * A publishing action that runs its own copy of semantic-release (`ActionRecognizer.ownCopy` in
 * src/model/data/publish-tools.ts): the repository's copy and the plugins its lockfile holds never
 * run. An action that bundles one version per release is judged by its release alone, never by the
 * repository's lockfile, and says nothing when that release is not known; it runs on a Node of its
 * own, so the job's Node is not checked against semantic-release's `engines`.
 */
import { semver } from '../../src/model/core/semver.js';
import { toolSupport } from '../../src/model/data/publish-tool-support.js';
import { ACTION_RECOGNIZERS, type ActionOwnCopy } from '../../src/model/data/publish-tools.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import type { Finding, Target } from './tools.js';

type BundledCopy = Extract<ActionOwnCopy, { releases: unknown }>;
type Release = BundledCopy['releases'][number];

/** The own copy of the action the publish runs, if it runs one. */
export function ownCopyOf(t: Target): ActionOwnCopy | undefined {
  const { match } = t.publish;
  return match.action === undefined ? undefined : ACTION_RECOGNIZERS.find((a) => a.id === match.recognizer)?.ownCopy;
}

/** True when the publishing action is pinned by a full commit SHA. */
export function isShaPinned(t: Target): boolean {
  const ref = t.publish.match.action?.ref || (t.site.provider === 'github' ? t.site.step.uses?.ref : undefined) || '';
  return /^[0-9a-f]{40}$/i.test(ref);
}

/**
 * The row of the action release `ref` names: the newest row at or below it, a floating tag (`v4`)
 * read as the newest release of its range that a row starts. Undefined before the first row, or
 * for a major after `readUpTo`.
 */
export function bundledRow(spec: string, copy: BundledCopy): Release | undefined {
  const floor = semver.coerce(spec)?.version;
  if (floor === undefined || semver.major(floor) > semver.major(copy.readUpTo)) return undefined;
  const exact = semver.valid(spec) !== null;
  const inRange = exact ? [] : copy.releases.filter((r) => semver.satisfies(r.from, spec));
  const release = inRange.at(-1)?.from ?? floor;
  return copy.releases.filter((r) => semver.lte(r.from, release)).at(-1);
}

/** tooOld when the semantic-release the action's release bundles is older than trusted publishing needs. */
export function bundledSemanticRelease(t: Target, copy: BundledCopy): Finding[] {
  const ref = tv.actionRefVersion(t.project, t.site.provider === 'github' ? t.site.step : undefined, t.publish);
  const row = ref && bundledRow(ref.spec, copy);
  const support = toolSupport('semantic-release');
  if (!ref || !row || support.support.kind !== 'from') return [];
  const min = String(semver.major(support.support.version));
  const v: ToolVersion = { spec: row.version, source: 'action-ref', at: ref.at, label: `bundled by ${ref.label}`, floating: false };
  if (tv.versionVerdict(v, `>=${min}`) !== 'no') return [];
  const action = t.publish.match.action?.name ?? '';
  const fixed = copy.releases.find((r) => tv.versionVerdict({ spec: r.version, floating: false }, `>=${min}`) === 'yes')?.from;
  const how =
    fixed === undefined
      ? `run semantic-release ${min} or later in a \`run:\` step instead of \`${action}\``
      : isShaPinned(t)
        ? `pin \`${t.stepPath}.uses\` to the commit SHA of ${action} v${fixed} or later, with a \`# v${fixed}\` comment`
        : `change \`${t.stepPath}.uses\` to \`${action}@v${semver.major(fixed)}\``;
  const data = { command: t.command, tool: support.tool, version: v.spec, source: v.label, required: min, consequence: support.consequence, how };
  return [{ messageId: 'tooOld', data, related: [{ at: ref.at, label: `semantic-release version: ${v.label}` }] }];
}
