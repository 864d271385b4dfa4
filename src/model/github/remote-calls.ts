/**
 * Calls to reusable workflows of other repositories that may publish to npm: tp-doctor does not
 * read another repository, so such a call is named (the inferred publisher's note, src/config/infer.ts)
 * and its caller's `id-token` grant is checked (`require-id-token-write` `remoteCallee`, info),
 * never made a publish of its own (a possible publish there moved the inferred publisher and gave
 * advice a calling job cannot take: `environment:`, a setup step).
 */
import { namesNpmSecret } from '../npm/tokens.js';
import { PUBLISH_HINT } from '../npm/possible-publish.js';
import { actionRecognizer } from '../npm/action-recognizers.js';
import { NEVER_PUBLISHING_ACTIONS } from '../data/publish-tools.js';
import type { YNode } from '../../yaml/parse.js';
import { localCallPath } from './call-graph.js';
import { envSecretSource } from './tokens.js';
import type { Job, Step, Workflow } from './types.js';

/** Inputs and secrets named like an npm token (`npm-token`, `npmAuthToken`, `NODE_AUTH_TOKEN`). */
export const NPM_TOKEN_INPUT = /^(?:npm[-_]?(?:auth[-_]?)?token|node[-_]auth[-_]token)$/i;

/**
 * Words of a workflow file name that say it checks or maintains rather than publishes: with `npm`
 * alone in the name (`tests-npm.yml`, `static-checks-npm.yml`, `synchronise-labels-npm.yml`,
 * digicatapult's shared workflows; survey912a F1; their `generate-sbom-npm.yml`, survey1207b) it is
 * not named for publishing. `publish` in the name still is (`npm-publish.yml`, `npmPublish.yml`).
 */
const CHECK_WORDS = /test|check|lint|sync|audit|build|scan|format|label|cache|install|version|coverage|sbom/i;

/** A called workflow's file name says it publishes to npm: `publish`, or `npm` without a word of `CHECK_WORDS`. */
function namedForPublishing(file: string): boolean {
  if (/publish/i.test(file)) return true;
  return /npm/i.test(file) && !CHECK_WORDS.test(file);
}

export interface RemotePublishCall {
  job: Job;
  /** The `uses:` value as written. */
  target: string;
  /** The called workflow's path says publish or npm (`npmPublish.yml`, `release.yml`). */
  named: boolean;
  /** Its file name says npm or publish itself (`npmPublish.yml`, `npm-publish.yml`), not only release (`create-github-release.yml`, `release_tracking.yml`). */
  publishNamed: boolean;
  /** The job passes it a secret named for an npm token. */
  token: boolean;
}

/**
 * The jobs that call another repository's workflow whose path says publish or npm, or that pass it
 * an npm token (`self`: this repository's own GitHub `owner/name`, `Project.selfRepository`: a call into it is local).
 */
export function remotePublishCalls(workflows: readonly Workflow[], self: string | undefined): RemotePublishCall[] {
  const out: RemotePublishCall[] = [];
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      const uses = job.uses;
      if (!uses?.remote || localCallPath(job, self) !== undefined) continue;
      const named = PUBLISH_HINT.test(uses.remote.path) || /npm/i.test(uses.remote.path);
      const publishNamed = namedForPublishing(uses.remote.path.split('/').pop() ?? '');
      const token = uses.secretNames.some(namesNpmSecret);
      if (named || token) out.push({ job, target: uses.target, named, publishNamed, token });
    }
  }
  return out;
}

/** What every input `remoteActionTokens` reports is named with (`NPM_TOKEN_INPUT` too). */
const TOKEN_WORD = /token/i;

function hasTokenInput(step: Step): boolean {
  for (const input of step.with.keys()) if (TOKEN_WORD.test(input)) return true;
  return false;
}

/** An npm token a step passes to an action of another repository that tp-doctor does not read. */
export interface RemoteActionToken {
  /** The input's name under `with:`, and its entry. */
  input: string;
  node: YNode;
  /** `secrets.NPM_TOKEN` (or through an `env.*` entry that forwards it). */
  source: string;
  /** The action as written in `uses:`, with its `@ref`. */
  action: string;
}

/**
 * The npm tokens `step` passes to a remote action (taiga-family/actions/release-it's `npmToken`,
 * survey910b M4) that is no known publisher (`ACTION_RECOGNIZERS`: its publish is read) nor known
 * never to publish, in which no publish was read, not even a possible one (then the token reaches a
 * publish: no-long-lived-token `actionInput`). Like a remote reusable workflow's token secret
 * (`remotePublishCalls`): whether the action publishes with it, tp-doctor cannot see. An input
 * named like an npm token, or one named for a token fed from an npm-named secret; a Docker image,
 * a local action and this repository's own are left out.
 */
export function remoteActionTokens(step: Step): RemoteActionToken[] {
  const uses = step.uses;
  // Asked for every step of every workflow (./inert.ts): an input named for a token first, which
  // both kinds below are (`NPM_TOKEN_INPUT` names one), before the name and the value are read.
  if (!uses || !hasTokenInput(step) || uses.selfName !== undefined || /^(?:\.|\$\/|docker:\/\/)/.test(uses.name) || step.publishes.length > 0) return [];
  if (actionRecognizer(uses.name) !== undefined || NEVER_PUBLISHING_ACTIONS.has(uses.name.toLowerCase())) return [];
  const out: RemoteActionToken[] = [];
  for (const [input, node] of step.with) {
    if (!TOKEN_WORD.test(input)) continue;
    const source = envSecretSource(node.text, 'step', step.job);
    if (source === undefined || !(NPM_TOKEN_INPUT.test(input) || /npm/i.test(source))) continue;
    out.push({ input, node, source, action: uses.ref === undefined ? uses.name : `${uses.name}@${uses.ref}` });
  }
  return out;
}
