import { semver } from '../../src/model/core/semver.js';
import { isLocalAction } from '../../src/model/github/workflow.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { pinUpgrade } from '../../src/fix/npm-upgrade.js';
import { NODE_RELEASES, NPM_12_LATEST_SINCE, NPM_FIRST_CIRCLECI_OIDC, NPM_FIRST_OIDC, NPM_FIRST_STAGE, NPM_LINES } from '../../src/model/data/node-releases.js';
import { cimgShipping, circleImageUser, describeCircleStep, onPipelineDefault, pipelineDefaults, readsPipelineDefault, whereToSetCircleNode } from '../../src/model/circleci/index.js';
import type { Job, Step } from '../../src/model/github/types.js';
import { jobRelated } from '../../src/model/gitlab/jobs.js';
import { nodeLabel, originLabel, whereToSetNode, type NodeResolution } from '../../src/model/npm/node-version.js';
import { wholeLineFarFromEnd } from '../../src/model/npm/node-line-end.js';
import { resolveStepNode } from '../../src/model/github/setup-node.js';
import { failureOutsidePublish } from '../../src/model/github/step-legs.js';
import { readFromRef } from '../../src/model/github/composite-action.js';
import { whereToSetGitlabNode } from '../../src/model/gitlab/node.js';
import { engineAwarePick, installersAlong, isFloatingSpec, npmEngines, type NpmAtPublish } from '../../src/model/npm/npm-version.js';
import { failureHandled, npmAtPublish, scriptUpgradesOf, stepNpmUpgrades, typedGlobalInstall, type NpmUpgradeStep } from '../../src/model/github/npm-upgrades.js';
import type { NpmUpgrade, PublishMatch } from '../../src/model/npm/publish-commands.js';
import type { GithubSite } from '../../src/model/publish.js';
import { pnpmSetupBefore } from '../../src/model/github/package-manager.js';
import { judgeFlags } from './flags.js';
import { rulesUpgradeAway, upgradeChoiceAway } from './step-choice.js';
import { crashMessages, judgeCrash, withCrashes, type CrashJudged } from './promise-retry.js';

const npm11 = NPM_LINES.find((l) => l.major === 11)!.engines;

/** The first Node 24+ release (`24.15`) on which an npm with these engines installs. */
function firstNodeAccepting(engines: string): string | undefined {
  const row = NODE_RELEASES.find((r) => semver.major(r.version) >= 24 && semver.satisfies(r.version, engines));
  if (!row) return undefined;
  return semver.minor(row.version) === 0 ? `${semver.major(row.version)}` : `${semver.major(row.version)}.${semver.minor(row.version)}`;
}

/**
 * The first npm the job's publishes need (`base`: trusted publishing on the provider): npm 11.15.0
 * when one is `npm stage publish` (crowdin/ota-client-js), so a pin the fix suggests runs it.
 */
function firstNpm(sites: readonly { publish: { match: { recognizer: string } } }[], base = NPM_FIRST_OIDC): string {
  return sites.some((s) => s.publish.match.recognizer === 'npm-stage-publish') && semver.gt(NPM_FIRST_STAGE, base) ? NPM_FIRST_STAGE : base;
}

/** True when a publish of the job is `npm stage publish` (npm 11.15.0 or later). */
function stageIn(sites: readonly { publish: { match: { recognizer: string } } }[]): boolean {
  return firstNpm(sites) === NPM_FIRST_STAGE;
}

/** A spec to pin instead: the major that installs today when the Node accepts it, else npm 11. */
function pinFor(node: string | undefined, today: string, firstOidc = NPM_FIRST_OIDC): string | undefined {
  const engines = npmEngines(today);
  if (node !== undefined && engines !== undefined && semver.satisfies(node, engines)) return `${semver.major(today)}`;
  return node === undefined || semver.satisfies(node, npm11) ? `^${firstOidc}` : undefined;
}

/** The upgrades that run before the job's last publish command, with the step they are in. */
function upgradesBeforePublish(project: Parameters<typeof stepNpmUpgrades>[0], job: Job, sites: readonly GithubSite[]): { step: Step; upgrade: NpmUpgradeStep }[] {
  const lastSite = sites.at(-1);
  const last = lastSite?.publish;
  const lastStep = lastSite?.step;
  if (!last || !lastStep) return [];
  const sameText = lastStep.run !== undefined && last.viaAction === undefined && last.match.via.length === 0;
  const inJob = job.steps.slice(0, lastStep.index + 1).flatMap((step) =>
    stepNpmUpgrades(project, step, step === lastStep && last.viaAction !== undefined ? last.location : undefined)
      .filter((u) => step !== lastStep || !sameText || u.upgrade.offset < last.match.offset)
      .map((upgrade) => ({ step, upgrade })),
  );
  return [...inJob, ...scriptUpgradesOf(lastStep, last).map((upgrade) => ({ step: lastStep, upgrade }))];
}

/** The related label for an upgrade that fails only in legs that do not publish (`failureOutsidePublish`). */
function legsLabel(outside: { legs: string[]; failFast: boolean } | undefined): string | undefined {
  if (!outside) return undefined;
  const legs = `the publish runs only in other matrix legs (${outside.legs.join('; ')})`;
  return outside.failFast ? `${legs}; \`fail-fast\`, on by default, cancels them when this leg fails, unless they are done` : `${legs}, which \`fail-fast: false\` lets go on when this leg fails`;
}

function related(node: NodeResolution | undefined): { at: NodeResolution['origins'][number]['at']; label: string }[] {
  return (node?.origins ?? []).slice(0, 3).map((o) => ({ at: o.at, label: `Node version: ${o.label}` }));
}

const rule = defineRule({
  id: 'npm-upgrade-compatible',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'An `npm install -g npm@<spec>` in a publishing job installs on the job\'s Node (with `sudo` on CircleCI\'s `cimg` images), and does not float or force; an `npx npm@<spec>` publish supports that Node; npm 12 is not given pnpm\'s `--no-git-checks`',
    // Availability only: the job stops before it publishes. 1.0.
    securitySeverity: 1.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      engineMismatch: {
        text: '"{command}" installs npm {npm}, whose engines require Node "{engines}"; the job runs {node} ({from})',
        why: 'npm checks its own `engines` strictly when it installs itself: the step fails with EBADENGINE and the job stops before it publishes',
        fix: 'Make the upgrade fit the job\'s Node: {remedy}',
      },
      floatingLatest: {
        text: '"{command}" installs whatever npm is `latest` when the job runs: npm {npm} today, which installs on this job\'s {node}, but the next npm major may not',
        why: `npm checks its own \`engines\` strictly when it installs itself, and each npm major drops older Node releases: when npm 12 became \`latest\` on ${NPM_12_LATEST_SINCE}, this line started failing with EBADENGINE on Node 20, Node 22 before 22.22.2 and Node 24 before 24.15. The job works today; a pinned Node such as this one ({from}) stops working the day a new npm major drops it, without any change in the repository`,
        fix: 'Pin the major: `npm install -g npm@{pin}`',
        severity: 'warning',
      },
      floatingLatestAdvice: {
        text: '"{command}" installs whatever npm is `latest` when the job runs (npm {npm} today); {reason}',
        why: 'npm checks its own `engines` strictly when it installs itself. A floating spec keeps working as long as the job\'s Node is one the newest npm accepts; pinning the npm major makes the publish reproducible',
        fix: 'Pin the major if you want reproducible publishes: `npm install -g npm@{pin}`',
        severity: 'info',
      },
      needsSudo: {
        text: '"{command}" in {step} installs npm globally without `sudo`, but image "{image}" runs its steps as the user `circleci`',
        why: 'CircleCI\'s convenience images install Node as root below `/usr/local` and run every step as the user `circleci`, who may not write there: the global install fails with EACCES (permission denied) and the job stops before it publishes',
        fix: 'Run it as `sudo {command}` (the `circleci` user may use `sudo` without a password), or drop the upgrade and use an image whose npm is recent enough, such as `{image2}`',
        // docs/domain.md §0 tags the need for sudo on cimg images [rep]: a warning, not an error.
        severity: 'warning',
      },
      force: {
        text: '"{command}" uses `--force`, which skips npm\'s engine check for npm {npm}',
        why: 'With `--force` npm installs itself even on a Node its `engines` ("{engines}") exclude; it can then break in the middle of the publish, and the EBADENGINE that would have said why is gone',
        fix: 'Remove `--force` and ask for an npm that supports the job\'s Node, e.g. `npm install -g npm@{pin}`',
        severity: 'warning',
      },
      unknownFlag: {
        text: '`{command}` gives npm {npm} ({from}) the option `{flag}`, which npm does not know',
        why: 'From npm 12 on, npm stops on a command-line option it does not know with EUNKNOWNCONFIG ("Unknown cli flag"), where npm 11 only warned: the publish fails before anything is uploaded. `{flag}` is a pnpm option; npm has no git checks',
        fix: 'Remove `{flag}` from the command, or pin npm 11 (`npm install -g npm@^{first}`), which only warns',
      },
      forwardedFlag: {
        text: '`{command}` runs pnpm {pnpm}, which passes `{flag}` on to npm {npm} ({from}), and npm does not know the option',
        why: 'pnpm 10 and older publish by running the npm on PATH with the options of the command ({passes}); pnpm 10 removes `--no-git-checks` first only from 10.18.3 on. From npm 12 on, npm stops on a command-line option it does not know with EUNKNOWNCONFIG ("Unknown cli flag: --git-checks"), where npm 11 only warned: the publish fails before anything is uploaded',
        fix: 'Pin npm 11 (`npm install -g npm@^{first}`), or move to pnpm 10.18.3 or later (or pnpm 11, which publishes without npm)',
      },
      forwardedFlagMay: {
        text: '`{command}` runs pnpm {pnpm}, which may pass `{flag}` on to npm {npm} ({from}); npm 12 stops on options it does not know',
        why: 'pnpm 10 and older publish by running the npm on PATH with the options of the command ({passes}); pnpm 10 removes `--no-git-checks` first only from 10.18.3 on, and which pnpm runs here is not certain. From npm 12 on, npm stops on a command-line option it does not know with EUNKNOWNCONFIG ("Unknown cli flag: --git-checks"), where npm 11 only warned',
        fix: 'Pin npm 11 (`npm install -g npm@^{first}`), or pin pnpm 10.18.3 or later (or pnpm 11, which publishes without npm)',
        severity: 'warning',
      },
      pinnedEngines: {
        text: '`{command}` runs npm {npm}, whose engines require Node "{engines}"; the job runs {node} ({from})',
        why: 'npx does not check the engines of the npm it runs (only `npm install -g` does): npm {npm} starts on this Node with an EBADENGINE warning and may fail anywhere in the publish, and npm documents Node 22.14.0 or later for trusted publishing',
        fix: 'Make the npm fit the job\'s Node: {remedy}',
        // Nothing stops the publish for certain: npm may still work on this Node.
        severity: 'warning',
      },
      ...crashMessages,
    },
  },
  hooks: {
    githubJob(job, ctx) {
      const sites = ctx.facts.trustedSites(job);
      if (sites.length === 0) return;
      const certainty = ctx.facts.jobCertainty(job);
      const listed = upgradesBeforePublish(ctx.project, job, sites);
      const installerAt = installersAlong(listed.map((l) => l.upgrade));
      for (const [i, { step, upgrade }] of listed.entries()) {
        const typed = typedGlobalInstall(upgrade);
        const nodes = resolveStepNode(ctx.project, job, step, upgrade.inner, typed ? { offset: upgrade.upgrade.offset } : {});
        // Volta, once its action gave it a default Node, runs it as `volta install npm`: no engine check.
        if (typed && nodes.length > 0 && nodes.every((n) => n.toolchain?.globalInstall !== undefined)) continue;
        // An upgrade inside a remote action (ioBroker/testing-action-deploy): only a certain failure is
        // reported, without a fix (its command is not in the repository); its Node is the action's input.
        const remote = upgrade.viaAction !== undefined && !isLocalAction(upgrade.viaAction);
        const crashes = judgeCrash(upgrade, nodes, nodes.map((n) => installerAt(n, i)), stageIn(sites), whereToSetNode);
        for (const f of withCrashes(judge(upgrade, nodes, (node, major) => whereToSetNode(node, major), firstNpm(sites)), crashes)) {

          // A Node taken from what a remote action is given (`NodeResolution.assumed`), or an upgrade
          // whose failure the job goes on after (`|| npm i -g npm@11`, `continue-on-error: true`): a warning at most.
          // The job goes on after the upgrade fails: `continue-on-error`, or `||` after it in the step's own `run:`.
          const inRun = upgrade.viaAction === undefined && upgrade.viaScript === undefined && step.run !== undefined;
          const handled = failureHandled(step.node.get('continue-on-error')?.text, inRun ? step.run!.text.slice(upgrade.upgrade.end) : '');
          // An upgrade read from an action of this repository named with a ref (`readFromRef`): a guess. So is
          // a Node only matrix legs that may not run the step give (`NodeResolution.undecided`, docs/domain.md A.58).
          // So is an upgrade whose step's `if:` tp-doctor cannot evaluate, beside a publish that may run without it (A.64),
          // and an EBADENGINE only in matrix legs that run no publish step: the publish fails only if fail-fast cancels its leg (A.67).
          const away = upgradeChoiceAway(job, step, sites, ctx.facts);
          const outside = f.messageId === 'engineMismatch' && f.node?.matrix !== undefined ? legsLabel(failureOutsidePublish(job, sites.map((s) => s.step), f.node.matrix.split('; '))) : undefined;
          const guess = f.node?.assumed !== undefined || f.node?.undecided === true || handled || away !== undefined || readFromRef(step) !== undefined || outside !== undefined;
          const where = { at: upgrade.location, related: [...related(f.node), ...(away ?? []), ...(outside ? [{ at: sites[0]!.publish.location, label: outside }] : [])], certainty: onPipelineDefault(certainty, guess) };
          if (!remote || f.messageId === 'selfUpgradeCrash') report(ctx, f, where, remote ? { ...upgrade, viaScript: upgrade.viaAction! } : upgrade);
          else if (f.messageId === 'engineMismatch' && f.node) {
            const min = firstNodeAccepting(f.data.engines) ?? '24';
            const remedy = `the action "${upgrade.viaAction}" runs this upgrade itself: give it Node ${min} or later (${whereToSetNode(f.node, min.split('.')[0]!)}), where npm ${f.data.npm} installs`;
            ctx.report({ messageId: f.messageId, data: { ...f.data, remedy }, ...where });
          }
        }
      }
      for (const site of sites) {
        const ats = npmAtPublish(ctx.project, job, site.step, site.publish);
        for (const f of judgePinned(site.publish.match, ats, whereToSetNode)) {
          ctx.report({ messageId: 'pinnedEngines', data: f.data, at: site.publish.location, related: related(f.node), certainty: onPipelineDefault(site.certainty, f.node?.assumed !== undefined || f.node?.undecided === true) });
        }
        const setup = pnpmSetupBefore(job, site.step.index, (dir) => ctx.facts.action(dir));
        for (const f of judgeFlags(ctx.project, site.publish, ats, () => ctx.facts.textsBefore(site), setup, site.directory ?? '')) {
          ctx.report({ messageId: f.messageId, data: { ...f.data, first: NPM_FIRST_OIDC }, at: site.publish.location, related: f.related, certainty: site.certainty } as Parameters<Ctx['report']>[0]);
        }
      }
    },

    gitlabJob(job, pipeline, ctx) {
      const last = ctx.facts.trustedSites(job).at(-1)?.publish;
      if (!last) return;
      const certainty = ctx.facts.jobCertainty(job);
      // A job whose `rules:` hang on a variable no file sets, beside another publishing job (A.64): its upgrade may never run.
      const away = rulesUpgradeAway(job, ctx.facts.publishingGitlabJobs(pipeline)) ?? [];
      const upgrades = ctx.facts.gitlab.upgradesBefore(job, last);
      const installerAt = installersAlong(upgrades);
      for (const [i, upgrade] of upgrades.entries()) {
        const outside = jobRelated(job, upgrade.location);
        // The job's Node, or the one a version manager switched to before the upgrade in its shell.
        const node = ctx.facts.gitlab.nodeAtUpgrade(job, upgrade);
        const crashes = judgeCrash(upgrade, [node], [installerAt(node, i)], stageIn(ctx.facts.trustedSites(job)), whereToSetGitlabNode);
        for (const f of withCrashes(judge(upgrade, [node], whereToSetGitlabNode, firstNpm(ctx.facts.trustedSites(job))), crashes)) {
          // A Node a version manager's command is taken to switch to (`assumed`), or a line that goes on after a failure (`handled`): a warning at most.
          report(ctx, f, { at: upgrade.location, related: [...related(f.node), ...outside, ...away], certainty: onPipelineDefault(certainty, f.node?.assumed !== undefined || upgrade.handled === true || away.length > 0) }, upgrade);
        }
      }
      for (const site of ctx.facts.trustedSites(job)) {
        const ats = [ctx.facts.gitlab.npmAtPublish(job, site.publish)];
        for (const f of judgePinned(site.publish.match, ats, whereToSetGitlabNode)) {
          ctx.report({ messageId: 'pinnedEngines', data: f.data, at: site.publish.location, related: [...related(f.node), ...jobRelated(job, site.publish.location)], certainty: site.certainty });
        }
        for (const f of judgeFlags(ctx.project, site.publish, ats, () => ctx.facts.textsBefore(site), undefined, site.directory ?? '')) {
          ctx.report({ messageId: f.messageId, data: { ...f.data, first: NPM_FIRST_OIDC }, at: site.publish.location, related: [...f.related, ...jobRelated(job, site.publish.location)], certainty: site.certainty } as Parameters<Ctx['report']>[0]);
        }
      }
    },

    circleciJob(job, _config, ctx) {
      const last = ctx.facts.trustedSites(job).at(-1)?.publish;
      if (!last) return;
      // An upgrade, image or Node read from a pipeline parameter's default is what runs by default, not certainly.
      const imageAssumed = pipelineDefaults(job.docker[0]?.image).length > 0;
      const circleUpgrades = ctx.facts.circleci.upgradesBefore(job, last);
      const installerAt = installersAlong(circleUpgrades);
      for (const [i, upgrade] of circleUpgrades.entries()) {
        const upgradeAssumed = upgrade.assumed === true || (upgrade.viaScript === undefined && readsPipelineDefault(upgrade.step, upgrade.upgrade.offset, upgrade.upgrade.end));
        if (ctx.facts.circleci.upgradeNeedsSudo(job, upgrade)) {
          const certainty = onPipelineDefault(ctx.facts.jobCertainty(job), upgradeAssumed || imageAssumed);
          const image = circleImageUser(job)?.image ?? '';
          const data = { command: upgrade.upgrade.text, step: describeCircleStep(upgrade.step), image, image2: cimgShipping(NPM_FIRST_CIRCLECI_OIDC) ?? 'cimg/node:lts' };
          const node = job.docker[0]?.image.node;
          ctx.report({ messageId: 'needsSudo', data, at: upgrade.location, related: node ? [{ at: node, label: `image "${image}"` }] : [], certainty });
          continue;
        }
        const node = ctx.facts.circleci.upgradeNode(job, upgrade, ctx.project);
        // A command that goes on after a failure (`|| true`, `handled`): the job does not stop, a warning at most.
        const certainty = onPipelineDefault(ctx.facts.jobCertainty(job), upgradeAssumed || node.assumed !== undefined || upgrade.handled === true);
        const where = (n: NodeResolution, major: string): string => whereToSetCircleNode(n, major, job);
        const crashes = judgeCrash(upgrade, [node], [installerAt(node, i)], stageIn(ctx.facts.trustedSites(job)), where);
        for (const f of withCrashes(judge(upgrade, [node], where, firstNpm(ctx.facts.trustedSites(job), NPM_FIRST_CIRCLECI_OIDC)), crashes)) {
          // Keep the `sudo` of the command in the pin the fix suggests.
          if (upgrade.sudo && f.messageId === 'engineMismatch') f.data.remedy = f.data.remedy.replace(/`npm install -g /g, '`sudo npm install -g ');
          const orb = upgrade.viaOrb;
          // An orb command's upgrade: the remedy names its parameter, and there is no edit (the command is the orb's).
          if (orb === undefined) report(ctx, f, { at: upgrade.location, related: related(f.node), certainty }, upgrade);
          else {
            if (f.messageId === 'engineMismatch') f.data.remedy = f.data.remedy.replace(/pin `sudo npm install -g npm@([^`]+)`/, `set \`${orb.parameter}: "$1"\` on the \`${orb.command}\` step`);
            ctx.report({ messageId: f.messageId, data: f.data, at: upgrade.location, related: related(f.node), certainty } as Parameters<Ctx['report']>[0]);
          }
        }
      }
      for (const site of ctx.facts.trustedSites(job)) {
        const at = ctx.facts.circleci.npmAtPublish(job, site.publish, ctx.project);
        const where = (n: NodeResolution, major: string): string => whereToSetCircleNode(n, major, job);
        for (const f of judgePinned(site.publish.match, [at], where, NPM_FIRST_CIRCLECI_OIDC)) {
          const certainty = onPipelineDefault(site.certainty, at.node.assumed !== undefined);
          ctx.report({ messageId: 'pinnedEngines', data: f.data, at: site.publish.location, related: related(f.node), certainty });
        }
        for (const f of judgeFlags(ctx.project, site.publish, [at], () => ctx.facts.textsBefore(site), undefined, site.directory ?? '')) {
          const certainty = onPipelineDefault(site.certainty, at.node.assumed !== undefined);
          ctx.report({ messageId: f.messageId, data: { ...f.data, first: NPM_FIRST_CIRCLECI_OIDC }, at: site.publish.location, related: f.related, certainty } as Parameters<Ctx['report']>[0]);
        }
      }
    },
  },
});

export default rule;

type Ctx = Parameters<NonNullable<(typeof rule)['hooks']['githubJob']>>[1];
type Where = { at: NpmUpgradeStep['location']; related: ReturnType<typeof related>; certainty: ReturnType<Ctx['facts']['jobCertainty']> };

function report(ctx: Ctx, f: Judged | CrashJudged, where: Where, upgrade: { upgrade: NpmUpgrade; location: NpmUpgradeStep['location']; viaScript?: string }): void {
  // In a committed shell script the publish runs through: reported there, without a fix (tp-doctor edits CI files only).
  if (upgrade.viaScript !== undefined) return ctx.report({ messageId: f.messageId, data: f.data, ...where } as Parameters<Ctx['report']>[0]);
  switch (f.messageId) {
    case 'engineMismatch':
      // Without a pin (no npm with trusted publishing installs on this Node) the fix is a Node change: the user's choice.
      return ctx.report({ messageId: f.messageId, data: f.data, ...where, ...(f.pin ? { fix: pinUpgrade(upgrade, f.pin) } : {}) });
    case 'force':
      return ctx.report({ messageId: f.messageId, data: f.data, ...where, suggest: [pinUpgrade(upgrade, f.data.pin, true)] });
    case 'floatingLatest':
      return ctx.report({ messageId: f.messageId, data: f.data, ...where, fix: pinUpgrade(upgrade, f.data.pin) });
    case 'floatingLatestAdvice':
      return ctx.report({ messageId: f.messageId, data: f.data, ...where, suggest: [pinUpgrade(upgrade, f.data.pin)] });
    default:
      return ctx.report({ messageId: f.messageId, data: f.data, ...where } as Parameters<Ctx['report']>[0]);
  }
}

/** Node specs that move with Node's own releases: the newest npm always accepts what they resolve to. */
const FLOATING_NODE = /^(?:lts\/\*|latest|current|node|\*|lts)$/i;

type Judged =
  | { messageId: 'force'; data: { command: string; npm: string; engines: string; pin: string }; node?: NodeResolution }
  | { messageId: 'floatingLatest'; data: { command: string; npm: string; node: string; from: string; pin: string }; node?: NodeResolution }
  | { messageId: 'floatingLatestAdvice'; data: { command: string; npm: string; reason: string; pin: string }; node?: NodeResolution }
  | {
      messageId: 'engineMismatch';
      data: { command: string; npm: string; engines: string; node: string; from: string; remedy: string };
      node?: NodeResolution;
      /** The npm spec that installs on this Node and supports trusted publishing, if any. */
      pin?: string;
    };

/** What is wrong with one upgrade, given the Node answers of its job (GitHub: one per matrix outcome). */
function judge(
  upgrade: { upgrade: NpmUpgrade; version?: string },
  nodes: NodeResolution[],
  where: (node: NodeResolution, major: string) => string,
  /** The first npm with trusted publishing on this provider (CircleCI: NPM_FIRST_CIRCLECI_OIDC). */
  firstOidc = NPM_FIRST_OIDC,
): Judged[] {
  // corepack does not check engines; a spec tp-doctor cannot read cannot be judged; npm put in place by
  // another package manager or by writing its files (`unknown`) goes through no EBADENGINE check of npm's.
  if (upgrade.upgrade.viaCorepack || upgrade.upgrade.unknown !== undefined || upgrade.version === undefined) return [];
  // `npm install -g npm` (a bare name or a range) run by npm 10.8.2+ takes the newest npm whose
  // engines accept the job's Node, `--force` or not: nothing fails, and a new npm major dropping
  // that Node changes nothing.
  const picks = nodes.map((n) => engineAwarePick(upgrade.upgrade.spec, n.npm?.min, n.version));
  if (nodes.length > 0 && picks.every((p) => p !== undefined)) return [];
  const version = upgrade.version;
  const engines = npmEngines(version) ?? 'unknown';
  const command = upgrade.upgrade.text;
  const known = nodes.find((n) => n.version !== undefined);
  if (upgrade.upgrade.force) {
    const pin = pinFor(known?.version, version, firstOidc) ?? `^${firstOidc}`;
    return [{ messageId: 'force', data: { command, npm: version, engines, pin }, node: known }];
  }
  const failing = nodes.filter((n, i) => picks[i] === undefined && n.version !== undefined && engines !== 'unknown' && !semver.satisfies(n.version, engines));
  const out: Judged[] = failing.map((node) => {
    const pin = pinFor(node.version, version, firstOidc);
    const min = firstNodeAccepting(engines) ?? '24';
    const remedy = pin
      ? `pin \`npm install -g npm@${pin}\`, which installs on Node ${node.version} and supports trusted publishing`
      : `no npm with trusted publishing installs on Node ${node.version}; use Node ${min} or later (${where(node, min.split('.')[0]!)}), where npm ${version} installs`;
    const judged: Judged = { messageId: 'engineMismatch', data: { command, npm: version, engines, node: nodeLabel(node), from: originLabel(node), remedy }, node };
    if (pin) judged.pin = pin;
    return judged;
  });
  if (failing.length === 0 && isFloatingSpec(upgrade.upgrade.spec)) {
    const pin = pinFor(known?.version, version, firstOidc) ?? `^${firstOidc}`;
    const pinned = nodes.filter((n) => n.version !== undefined && !FLOATING_NODE.test((n.spec ?? '').trim()));
    // A whole line (`24`, `24.x`) far from its end of life runs its newest release, which the next npm major keeps.
    const atRisk = pinned.filter((n) => wholeLineFarFromEnd(n) === undefined);
    if (atRisk.length > 0) {
      const node = atRisk[0]!;
      out.push({ messageId: 'floatingLatest', data: { command, npm: version, node: nodeLabel(node), from: originLabel(node), pin }, node });
    } else {
      const line = pinned[0] && { node: pinned[0], ...wholeLineFarFromEnd(pinned[0])! };
      const reason = line
        ? `the job's ${nodeLabel(line.node)} (${originLabel(line.node)}) is the newest Node ${line.major} release, and Node ${line.major} is supported until ${line.end}: npm majors have dropped Node lines only around their end of life`
        : known
          ? `the job's ${nodeLabel(known)} follows Node's newest releases, which the newest npm accepts`
          : "tp-doctor cannot tell which Node the job runs, so it cannot tell whether the next npm major installs on it";
      out.push({ messageId: 'floatingLatestAdvice', data: { command, npm: version, reason, pin }, node: line?.node ?? known });
    }
  }
  return out;
}

/**
 * An `npx npm@<spec> publish` (or `npm exec`, `npx -p npm@<spec> npm publish`) whose npm's engines
 * exclude the job's Node: npx runs it anyway, with an engine warning. Nothing is said for a Node
 * tp-doctor cannot tell, nor when the command runs another npm or Node (a `PATH` shim, a local bin).
 */
function judgePinned(
  match: PublishMatch,
  ats: readonly NpmAtPublish[],
  where: (node: NodeResolution, major: string) => string,
  firstOidc = NPM_FIRST_OIDC,
): { data: { command: string; npm: string; engines: string; node: string; from: string; remedy: string }; node: NodeResolution }[] {
  if (match.tool !== 'npm' || match.pinnedVersion === undefined || match.localBin !== undefined || match.pathShim !== undefined) return [];
  const seen = new Set<string>();
  return ats.flatMap((at) => {
    const npm = at.source === 'pinned' && at.npm?.min === at.npm?.max ? at.npm?.min : undefined;
    const node = at.node.version;
    const engines = npm === undefined ? undefined : npmEngines(npm);
    if (npm === undefined || node === undefined || engines === undefined || semver.satisfies(node, engines) || seen.has(node)) return [];
    seen.add(node);
    const pin = pinFor(node, npm, firstOidc);
    const min = firstNodeAccepting(engines) ?? '24';
    const remedy = pin
      ? `pin \`npm@${pin}\` in the command, which supports Node ${node} and trusted publishing`
      : `use Node ${min} or later (${where(at.node, min.split('.')[0]!)}), which npm ${npm} supports`;
    return [{ data: { command: match.text, npm, engines, node: nodeLabel(at.node), from: originLabel(at.node), remedy }, node: at.node }];
  });
}
