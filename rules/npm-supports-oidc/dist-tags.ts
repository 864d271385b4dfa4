/**
 * `npm dist-tag` (and pnpm 10's, which runs it) in a job that uses trusted publishing: the npm that
 * runs it must exchange an OIDC token for dist-tag (docs/domain.md §0), unless a token reaches it.
 */
import { semver } from '../../src/model/core/semver.js';
import { NPM_DIST_TAG_FIRST, NPM_DIST_TAG_OIDC } from '../../src/model/data/npm-cli.js';
import { pnpmMajor } from '../../src/model/github/package-manager.js';
import { failureTolerated, npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import type { Job, Step } from '../../src/model/github/types.js';
import { bundledRange, bundledText, nodeLabel, originLabel } from '../../src/model/npm/node-version.js';
import type { DistTagCommand, PublishMatch } from '../../src/model/npm/publish-commands.js';
import { githubPlaces, type CommandPlace } from './command-places.js';
import type { Certainty, PublishCommand } from '../../src/model/publish.js';
import { hasToken } from './dist-tag-token.js';
import type { Ctx } from './npm-supports-oidc.js';
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

/**
 * `npm dist-tag add|rm|set` in a job that uses trusted publishing (`id-token: write`) with no npm
 * token: it needs an npm that exchanges OIDC tokens for dist-tag (11.21.0 / 12.2.0).
 */
export function checkDistTags(job: Job, ctx: Ctx): void {
  if (job.idToken.access !== 'write') return;
  const pnpm = pnpmMajor(ctx.project, job, (dir) => ctx.facts.action(dir));
  for (const place of githubPlaces(job, ctx.facts)) {
    if (place.distTags.length === 0 || hasToken(job, place.step, (file) => ctx.facts.npmrcTemplate(file))) continue;
    for (const tag of place.distTags) {
      // pnpm up to 10 hands `dist-tag` to the npm on PATH; pnpm 11, or a pnpm not known, is not judged.
      if (tag.tool === 'pnpm' && !(pnpm !== undefined && pnpm <= 10)) continue;
      reportDistTag(job, place, tag, pnpm, ctx);
    }
  }
}

/** The findings of one `dist-tag` command: one per Node/npm the command may run with. */
function reportDistTag(job: Job, place: CommandPlace, tag: DistTagCommand, pnpm: number | undefined, ctx: Ctx): void {
  const { step } = place;
  const location = place.locate(tag.offset, tag.end);
  const label = tag.tool === 'npm' ? `npm dist-tag ${tag.subcommand}` : `pnpm dist-tag ${tag.subcommand} (pnpm ${pnpm} runs npm dist-tag)`;
  const match: PublishMatch = { recognizer: 'npm-dist-tag', tool: 'npm', label, confidence: 'certain', offset: place.npm.offset ?? tag.offset, end: place.npm.end ?? tag.end, text: tag.text, args: [], via: place.npm.via, flags: {} };
  if (tag.pinnedVersion !== undefined) match.pinnedVersion = tag.pinnedVersion;
  const command: PublishCommand = { match, location: place.npm.location ?? location, certainty: 'certain', ...(place.npm.viaAction !== undefined ? { viaAction: place.npm.viaAction } : {}) };
  const tolerance = placeTolerance(place, tag.end);
  const seen = new Set<string>();
  for (const at of npmAtPublish(ctx.project, job, step, command)) judgeDistTag(ctx, at, { label, tolerance, location, related: place.related }, seen);
}

/** A dist-tag command as the findings name and place it. */
export interface DistTagAt {
  label: string;
  tolerance: string | undefined;
  location: Location;
  related: { at: Location | YNode; label: string }[];
  /** The job's publish certainty where it is not the hook's own (GitLab, CircleCI): a guessed publish caps the finding. */
  certainty?: Certainty | undefined;
}

/**
 * The finding of a dist-tag command run by the npm `at` (GitHub, GitLab and CircleCI alike): none
 * when that npm exchanges an OIDC token for dist-tag, or an upgrade before it fails first.
 */
export function judgeDistTag(ctx: Ctx, at: Pick<NpmAtPublish, 'node' | 'npm' | 'unknown' | 'upgradeFails'>, tag: DistTagAt, seen: Set<string>): void {
  if (at.upgradeFails) return;
  const { label, tolerance, location } = tag;
  const npm = at.npm;
  const key = JSON.stringify([at.node.version ?? at.node.unknown, npm]);
  if (seen.has(key)) return;
  seen.add(key);
  const versions = { v11: NPM_DIST_TAG_FIRST.v11, v12: NPM_DIST_TAG_FIRST.v12 };
  const related = [...tag.related, ...at.node.origins.slice(0, 3).map((o) => ({ at: o.at, label: `Node version: ${o.label}` }))];
  if (npm && semver.satisfies(npm.min, NPM_DIST_TAG_OIDC) && semver.satisfies(npm.max, NPM_DIST_TAG_OIDC)) return;
  const nodeText = at.node.version !== undefined ? `${nodeLabel(at.node)}, ${originLabel(at.node)}` : 'an unknown Node';
  // A spec wholly below trusted publishing (`npx npm@4 dist-tag`) is below every dist-tag floor too.
  const certainlyOld = npm !== undefined && (npm.spec !== undefined || (!semver.satisfies(npm.min, NPM_DIST_TAG_OIDC) && !semver.satisfies(npm.max, NPM_DIST_TAG_OIDC) && semver.major(npm.min) === semver.major(npm.max)));
  if (npm && certainlyOld) {
    const alternative = at.node.version !== undefined && semver.major(at.node.version) < 22 ? ' (npm 11 needs Node 20.17 or later)' : '';
    const data = { command: label, npm: bundledText(npm), node: nodeText, alternative, ...versions };
    if (tolerance === undefined) ctx.report({ messageId: 'distTagTooOld', data, at: location, related, certainty: tag.certainty });
    else ctx.report({ messageId: 'distTagTooOldTolerated', data: { ...data, tolerance }, at: location, related, certainty: tag.certainty });
  } else {
    const reason = npm ? `${nodeText} bundles ${bundledRange(npm)}` : (at.unknown ?? 'the Node version is unknown');
    if (tolerance === undefined) ctx.report({ messageId: 'distTagUnknown', data: { command: label, reason, ...versions }, at: location, related, certainty: tag.certainty });
    else ctx.report({ messageId: 'distTagUnknownTolerated', data: { command: label, reason, tolerance, ...versions }, at: location, related, certainty: tag.certainty });
  }
}

/**
 * What lets the job go on when the dist-tag command fails (the model's `failureTolerated`, as for an
 * npm upgrade): `continue-on-error: true` on its step (an expression is not read as true), or
 * `|| true`, `|| :`, `|| echo …` after it. The publish and the job then succeed whatever npm does.
 * Inside a local composite action, `continue-on-error: true` on the action's step that runs the
 * command, or on one that uses the (nested) action it is in, does the same for that step.
 */
export function toleranceOf(step: Step, after: string, actionSteps: readonly YNode[] = []): string | undefined {
  const continueOnError = step.node.get('continue-on-error')?.text;
  if (failureTolerated(continueOnError, '')) return '`continue-on-error: true` on the step';
  if (actionSteps.some((n) => failureTolerated(n.get('continue-on-error')?.text, ''))) return '`continue-on-error: true` on its step in the composite action';
  if (failureTolerated(undefined, after)) return 'the `||` after the command';
  return undefined;
}

/** `toleranceOf` a command of `place` ending at `end`: its step's, the text after it, then the text after the command that runs its script. */
export function placeTolerance(place: CommandPlace, end: number): string | undefined {
  const steps = place.actionSteps ?? [];
  return toleranceOf(place.step, place.text.slice(end), steps) ?? (place.after === undefined ? undefined : toleranceOf(place.step, place.after, steps));
}
