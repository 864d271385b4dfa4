/**
 * npm's registry writes that never use an OIDC token (docs/domain.md §0): `npm deprecate`,
 * `npm access set|grant|…`, `npm owner add|rm` need a stored token, so in a job that publishes with
 * trusted publishing and has none they fail (ENEEDAUTH, or E401 with setup-node's placeholder),
 * and the job goes red after its publish. `npm trust github|gitlab|circleci|revoke` needs a
 * two-factor login and refuses bypass-2FA tokens: it cannot run unattended in any CI job.
 */
import type { CircleJob } from '../../src/model/circleci/types.js';
import { locate } from '../../src/model/circleci/index.js';
import type { Job, Step } from '../../src/model/github/types.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';
import { runsWithPublish } from '../../src/model/github/upgrade-conditions.js';
import { findRegistryCommands } from '../../src/model/npm/publish-commands.js';
import { tokenFallback } from '../../src/model/token-fallback.js';
import type { Location } from '../../src/yaml/span.js';
import { githubPlaces } from './command-places.js';
import { hasToken } from './dist-tag-token.js';
import { checkDistTags as checkDistTagsOnly, placeTolerance } from './dist-tags.js';
import type { Ctx } from './npm-supports-oidc.js';

const NO_OIDC_WHY = 'npm uses an OIDC token only to publish (and, from 11.21.0 / 12.2.0, for `npm dist-tag`): `npm deprecate`, `npm access` and `npm owner` read a stored token only. With none, the command fails with ENEEDAUTH (or E401 with a placeholder token such as setup-node\'s)';
const NO_OIDC_FIX = 'Give this step an npm token with write access to the package (from a secret), or drop the command and run it by hand: it cannot use trusted publishing';

/** The messages of this check, spread into npm-supports-oidc's `messages`. */
export const REGISTRY_MESSAGES = {
  noOidcCommand: {
    oidcOnly: false,
    text: '`{command}` never uses an OIDC token, and no npm token reaches it in job "{job}", which publishes with trusted publishing',
    why: `${NO_OIDC_WHY}, and the job fails after its publish`,
    fix: NO_OIDC_FIX,
  },
  noOidcCommandUnsure: {
    text: '`{command}` never uses an OIDC token, and tp-doctor sees no npm token for it in job "{job}": {doubt}',
    why: `${NO_OIDC_WHY}, and the job fails after its publish`,
    fix: NO_OIDC_FIX,
    severity: 'warning',
  },
  noOidcCommandTolerated: {
    text: '`{command}` never uses an OIDC token, and no npm token reaches it in job "{job}"; the step is allowed to fail',
    why: `${NO_OIDC_WHY}; {tolerance} lets the job go on, so the job and its publish still succeed and the command changes nothing`,
    fix: NO_OIDC_FIX,
    severity: 'info',
  },
  trustInCi: {
    oidcOnly: false,
    text: '`{command}` runs in CI job "{job}"; `npm trust` needs a two-factor login, which a CI job cannot give',
    why: 'npm asks for two-factor authentication to create or remove a trusted publisher, refuses bypass-2FA tokens and never uses an OIDC token for it: in CI the command fails with ENEEDAUTH or EOTP, unless the job passes a one-time password it generates (`--otp`)',
    fix: 'Run `npm trust` once by hand on a workstation (or set the trusted publisher up on npmjs.com), and remove it from the CI job',
    severity: 'warning',
  },
} as const;

/** Names of variables that may carry an npm token through an `.npmrc` tp-doctor does not read. */
const TOKENISH = /(?:token|auth)/i;
const NOT_NPM = /^(?:GITHUB_TOKEN|GH_TOKEN|ACTIONS_\w+|CODECOV_TOKEN|CI_JOB_TOKEN|NPM_ID_TOKEN|SIGSTORE_ID_TOKEN)$/i;

/** npm-supports-oidc's `githubJob` checks of commands other than the publish: `npm dist-tag` (./dist-tags.ts), then the registry commands. */
export function checkDistTags(job: Job, ctx: Ctx): void {
  checkDistTagsOnly(job, ctx);
  checkRegistryCommands(job, ctx);
}

/** The registry commands of a GitHub job. */
export function checkRegistryCommands(job: Job, ctx: Ctx): void {
  const sites = ctx.facts.trustedSites(job);
  const oidcJob = job.idToken.access === 'write' && sites.length > 0 && tokenFallback(ctx.facts, { kind: 'github', job }) === undefined;
  for (const place of githubPlaces(job, ctx.facts)) {
    const { step } = place;
    for (const cmd of place.registry) {
      const at: Location = place.locate(cmd.offset, cmd.end);
      const related = place.related;
      if (cmd.kind === 'trust') {
        ctx.report({ messageId: 'trustInCi', data: { command: cmd.label, job: job.id }, at, related });
        continue;
      }
      if (!oidcJob || hasToken(job, step, (file) => ctx.facts.npmrcTemplate(file))) continue;
      const data = { command: cmd.label, job: job.id };
      const tolerance = placeTolerance(place, cmd.end);
      if (tolerance !== undefined) {
        ctx.report({ messageId: 'noOidcCommandTolerated', data: { ...data, tolerance }, at, related });
        continue;
      }
      // The step's `if:` read against the publishing step's (`runsWithPublish`): `always()` runs with it, `if: false` never does.
      const runs = runsWithPublish(step.node.get('if')?.text, sites[0]!.step);
      if (runs === false) continue;
      const nested = cmd.nested ? 'the command stands in a branch, a group or after `&&`/`||` of its script and may not run, and with no token it fails whenever it runs' : undefined;
      const doubt = runs !== true ? `the step runs only \`if: ${runs}\`, and with no token it fails whenever it runs` : (nested ?? githubDoubt(step, sites.some((s) => s.certainty === 'certain')));
      if (doubt === undefined) ctx.report({ messageId: 'noOidcCommand', data, at, related });
      else ctx.report({ messageId: 'noOidcCommandUnsure', data: { ...data, doubt }, at, related });
    }
  }
}

/**
 * What else keeps the finding from being certain: a token-like variable reaches the step (npm may
 * read it through an `.npmrc` tp-doctor does not see), or the job's publish is a guess.
 */
function githubDoubt(step: Step, certainPublish: boolean): string | undefined {
  const named = [step.env, step.job.env, step.job.workflow.env].flat().find((e) => TOKENISH.test(e.name) && !NOT_NPM.test(e.name) && (e.value ?? '').trim() !== '');
  if (named !== undefined) return `\`${named.name}\` is set for it, and an \`.npmrc\` tp-doctor does not read may pass it to npm as a token`;
  if (!certainPublish) return 'the job\'s publish is a guess, so the job may not rely on trusted publishing';
  return undefined;
}

/** `npm trust` on a GitLab job's script lines (npm-supports-oidc's `gitlabJob`). */
export function checkGitlabTrust(job: GitlabJob, ctx: Ctx): void {
  for (const line of job.scripts) {
    for (const cmd of findRegistryCommands(line.text)) {
      if (cmd.kind !== 'trust') continue;
      ctx.report({ messageId: 'trustInCi', data: { command: cmd.label, job: job.name }, at: { file: line.node.file, ...line.node.valueSpan(cmd.offset, cmd.end) } });
    }
  }
}

/** `npm trust` in a CircleCI job's `run` steps (npm-supports-oidc's `circleciJob`). */
export function checkCircleTrust(job: CircleJob, ctx: Ctx): void {
  for (const step of job.steps) {
    const command = step.run?.command;
    if (command === undefined) continue;
    for (const cmd of findRegistryCommands(command.text)) {
      if (cmd.kind !== 'trust') continue;
      ctx.report({ messageId: 'trustInCi', data: { command: cmd.label, job: job.name }, at: locate(command, cmd.offset, cmd.end) });
    }
  }
}
