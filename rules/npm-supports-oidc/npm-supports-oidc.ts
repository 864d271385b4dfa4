import { actionImage, NODE_ACTIONS } from '../../src/model/data/node-actions.js';
import { isLocalAction } from '../../src/model/github/workflow.js';
import { semver } from '../../src/model/core/semver.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { NPM_FIRST_CIRCLECI_OIDC, NPM_FIRST_OIDC } from '../../src/model/data/node-releases.js';
import { circleImageUser, hasCirclePublisher, onPipelineDefault, readsPipelineDefault, whereToSetCircleNode } from '../../src/model/circleci/index.js';
import type { Job } from '../../src/model/github/types.js';
import type { CircleJob } from '../../src/model/circleci/types.js';
import { bundledRange, bundledText, nodeLabel, originLabel, whereToSetNode } from '../../src/model/npm/node-version.js';
import { firstNodeBundling, fixFor, installedFix, installsNpm11 } from './npm-fix.js';
import { floorCertainty, reportNodeFloor } from './node-floor.js';
import { whereToSetGitlabNode } from '../../src/model/gitlab/node.js';
import { toolRunsOf, type NpmCliPublish } from '../../src/model/npm/npm-cli.js';
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import { packageManagerOf } from '../../src/model/npm/package-manager.js';
import { validVersion, versionGte } from '../../src/model/npm/version-numbers.js';
import { leastCertain, type Certainty, type GithubSite, type PublishSite } from '../../src/model/publish.js';
import { nodeFixes, setupNodeSuggestion, upgradeStepSuggestion } from './fixes.js';
import { ENVIRONMENT_MESSAGES, reportUnknownNpm } from './environment.js';
import { gitlabPlace } from './gitlab.js';
import { checkCircleTrust, checkDistTags, checkGitlabTrust, REGISTRY_MESSAGES } from './registry-commands.js';
import { checkCircleRegistryCommands, checkGitlabRegistryCommands } from './ci-registry-commands.js';
import { mayNotRunData, otherwiseEnough, otherwiseTooOld } from './may-not-run.js';
import { RULES_CHOICE_WORDS, STEP_CHOICE_WORDS, rulesChoiceAway, stepChoiceAway } from './step-choice.js';
import { publishCli, unknownPnpmData, unknownPnpmNpm } from './unknown-pnpm.js';
import { pinUpgrade } from '../../src/fix/npm-upgrade.js';
import { exchangesByHand } from '../../src/model/manual-exchange.js';

const FALLBACK = 'the publish falls back to whatever token is configured and fails with ENEEDAUTH, or with E404 when an old token is still set (often after provenance was already signed)';

/** A pnpm publish whose pnpm tp-doctor cannot know (./unknown-pnpm.ts): the unknown npm on an unknown Node, else an npm pnpm 10 would fail with. */
function reportUnknownPnpm(ctx: Ctx, job: Job, site: GithubSite, cli: NpmCliPublish, seen: Set<string>): void {
  for (const { at, reason, action } of unknownPnpmNpm(ctx.project, job, site, cli, (dir) => ctx.facts.action(dir))) {
    const key = JSON.stringify(['pnpm', cli.required, at.node.unknown]);
    if (seen.has(key)) continue;
    seen.add(key);
    const data = { command: cli.command, required: cli.required, capability: capabilityOf(cli.required), job: job.id, reason };
    ctx.report({ messageId: 'unknownNpm', data, at: site.publish.location, related: [...(action ? [{ at: action, label: 'setup action tp-doctor does not read' }] : []), ...npmRelated(at)], certainty: certaintyOf(cli, site), suggest: [setupNodeSuggestion(site.step)] });
  }
  for (const at of npmAtPublish(ctx.project, job, site.step, site.publish)) {
    const data = unknownPnpmData(ctx.project, site, at, job.id, cli.required);
    const key = JSON.stringify(['pnpm', cli.required, at.node.version, at.npm]);
    if (!data || seen.has(key)) continue;
    seen.add(key);
    ctx.report({ messageId: 'unknownPnpm', data: { ...data, required: cli.required, capability: capabilityOf(cli.required), ...fixFor(at, cli.required) }, at: site.publish.location, related: npmRelated(at), certainty: certaintyOf(cli, site) });
  }
}

/** How sure a finding on this publish is: a guessed tool is `possible`, a tool that may not run npm `likely` at most. */
function certaintyOf(cli: NpmCliPublish, site: PublishSite): Certainty {
  if (cli.possible === true) return 'possible';
  return cli.unsure === true ? leastCertain([site.certainty, 'likely']) : site.certainty;
}

const rule = defineRule({
  id: 'npm-supports-oidc',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'The npm that runs a trusted publish is 11.5.1 or later (11.11.0 on CircleCI, 11.15.0 for `npm stage publish`)',
    // An availability failure rather than an exposure, but the usual "fix" people reach for after
    // the confusing E404 is to put a long-lived token back: 2.0.
    securitySeverity: 2.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      bundledTooOld: {
        text: '`{command}` runs with npm {npm}, bundled with {node} ({from}); trusted publishing needs npm {required} or later',
        why: `npm before {required} cannot {capability}: ${FALLBACK}`,
        fix: 'Use Node {minNode} or later: {setNode}{alternative}',
      },
      pinnedTooOld: {
        text: '`{command}` runs with npm {npm}, which {where} pins in place of the npm the Node bundles; trusted publishing needs npm {required} or later',
        why: `npm before {required} cannot {capability}: ${FALLBACK}`,
        fix: 'Set {where} to {required} or later',
      },
      installedTooOld: {
        text: '`{command}` runs with npm {npm}, {how} "{upgrade}"; trusted publishing needs npm {required} or later',
        why: `npm before {required} cannot {capability}: ${FALLBACK}`,
        fix: '{change}',
      },
      nodeBelowDocumented: {
        text: '`{command}` runs with npm {npm} on {node} ({from}); npm documents Node {minimum} or later for trusted publishing',
        why: 'npm installs on this Node (its `engines` accept it) and nothing in npm stops the publish here, but npm\'s trusted publishing documentation requires Node {minimum} or later: a publish that fails on an older Node is outside what npm supports',
        fix: 'Use Node {minimum} or later: {setNode}',
        severity: 'warning',
      },
      upgradeMayNotRun: {
        text: '`{command}` may run with npm {npm}, {from}: {because}; trusted publishing needs npm {required} or later',
        why: `tp-doctor cannot tell which runs skip the upgrade. In those, npm before {required} cannot {capability}: ${FALLBACK}`,
        fix: 'Run the upgrade whenever the publish runs (under the publishing step\'s own `if:`, or none, with an npm that installs on the job\'s Node), or use Node {minNode} or later: {setNode}',
        severity: 'warning',
      },
      ownNpmTooOld: {
        text: '`{command}` runs npm {npm}, the `"{key}"` of {file}, not the job\'s npm; trusted publishing needs npm {required} or later',
        why: `npm before {required} cannot {capability}: ${FALLBACK}`,
        fix: 'Set `"{key}"` in {file} to "{required}" or later: the tool installs that npm and publishes with it, whatever the job\'s Node bundles',
      },
      unknownNpm: {
        text: 'Cannot tell which npm runs `{command}` in job "{job}": {reason}',
        why: 'Trusted publishing needs npm {required} or later. Node 24.5 and later bundle it; Node 18, 20, 22 and 23 bundle npm 10 or older, and with those the publish fails with ENEEDAUTH or E404',
        fix: 'Pin the Node version: an `actions/setup-node` step with `node-version: 24` before the publish in job "{job}"',
        severity: 'warning',
      },
      unknownPnpm: {
        text: 'Cannot tell which pnpm runs `{command}` in job "{job}": pnpm 10 and older would publish with npm {npm}, {from}, and trusted publishing needs npm {required} or later',
        why: `Nothing says which pnpm runs: {reason}. pnpm 11 publishes by itself with the OIDC token; pnpm 10 and older run \`npm publish\`, and npm before {required} cannot {capability}: ${FALLBACK}`,
        fix: 'Pin pnpm with `"packageManager": "pnpm@<version>"` in package.json; with pnpm 10 or older, also use Node {minNode} or later: {setNode}',
        severity: 'warning',
      },
      distTagTooOld: {
        oidcOnly: false,
        text: '`{command}` runs with npm {npm} ({node}); npm uses an OIDC token for `dist-tag` only from {v11} (11.x) and {v12} (12.x), and no npm token reaches this step',
        why: 'Older npm never tries trusted publishing for `npm dist-tag`: it looks for a stored token, finds none (or setup-node\'s placeholder) and fails with ENEEDAUTH or E401, after the publish itself succeeded',
        fix: 'Install an npm that can: add `npm install -g npm@^{v11}` before this step{alternative}, or give the step a token with write access to the package',
      },
      distTagUnknown: {
        text: 'Cannot tell whether `{command}` can use an OIDC token: {reason}',
        why: 'npm uses an OIDC token for `npm dist-tag` only from {v11} (11.x) and {v12} (12.x); with an older npm and no npm token the step fails with ENEEDAUTH or E401',
        fix: 'Pin an npm that can: add `npm install -g npm@^{v11}` before the step',
        severity: 'warning',
      },
      distTagTooOldTolerated: {
        oidcOnly: false,
        text: '`{command}` runs with npm {npm} ({node}), which uses no OIDC token for `dist-tag`, and no npm token reaches this step; the step is allowed to fail',
        why: 'npm uses an OIDC token for `dist-tag` only from {v11} (11.x) and {v12} (12.x): this command fails with ENEEDAUTH or E401, but {tolerance} lets the job go on, so the job and its publish still succeed and only the dist-tag is left unchanged',
        fix: 'Install an npm that can: add `npm install -g npm@^{v11}` before this step{alternative}, or give the step a token with write access to the package',
        severity: 'info',
      },
      distTagUnknownTolerated: {
        text: 'Cannot tell whether `{command}` can use an OIDC token: {reason}; the step is allowed to fail',
        why: 'npm uses an OIDC token for `npm dist-tag` only from {v11} (11.x) and {v12} (12.x); with an older npm and no npm token the command fails with ENEEDAUTH or E401, but {tolerance} lets the job go on, so the job and its publish still succeed and only the dist-tag is left unchanged',
        fix: 'Pin an npm that can: add `npm install -g npm@^{v11}` before the step',
        severity: 'info',
      },
      unknownNpmCircleci: {
        text: 'Cannot tell which npm runs `{command}` in job "{job}": {reason}',
        why: 'On CircleCI trusted publishing needs npm {required} or later: older npm does not recognise CircleCI and ignores `NPM_ID_TOKEN`. `cimg/node:{minNode}` and later ship it; the `cimg/node:22.x` images ship npm 10, and with those the publish fails with ENEEDAUTH or E404',
        fix: 'Run the job in a Node image that ships npm {required} or later, such as `cimg/node:{minNode}`, or add `{upgrade}` before the publish',
        severity: 'warning',
      },
      unknownNpmGitlab: {
        text: 'Cannot tell which npm runs `{command}` in job "{job}": {reason}',
        why: 'Trusted publishing needs npm {required} or later. The `node:24` image (Node 24.5 and later) bundles it; `node:18`, `node:20`, `node:22` bundle npm 10 or older, and with those the publish fails with ENEEDAUTH or E404',
        fix: 'Run the job in a Node image that bundles npm {required} or later: set `{path}` to `node:24`',
        severity: 'warning',
      },
      ...REGISTRY_MESSAGES,
      ...ENVIRONMENT_MESSAGES,
    },
  },
  hooks: {
    githubJob(job, ctx) {
      // Per job (this hook runs once per job): the callers of a shared composite action are kept apart by the engine (src/engine/callers.ts).
      const seen = new Set<string>();
      const pm = packageManagerOf(ctx.project).name;
      const sites = ctx.facts.trustedSites(job);
      const mayWork = new Map<string, GithubSite[]>();
      for (const site of sites) {
        if (exchangesByHand(ctx.facts, site)) continue;
        const tools = toolRunsOf(ctx.project, site.publish, () => ctx.facts.textsBefore(site), site.directory ?? '');
        const { cli, unknownPnpm, pnpmRelated } = publishCli(ctx.project, ctx.facts, site, pm, tools);
        if (unknownPnpm) reportUnknownPnpm(ctx, job, site, unknownPnpm, seen);
        if (!cli) continue;
        if (cli.ownNpm) {
          reportOwnNpm(ctx, cli, cli.required, site);
          continue;
        }
        const { required } = cli;
        const command = site.certainty === 'possible' && cli.possible !== true ? `${site.publish.match.label} (if it runs npm publish)` : cli.command;
        const capability = capabilityOf(required);
        const publish = site.publish;
        for (const at of npmAtPublish(ctx.project, job, site.step, publish)) {
          const npm = at.npm ?? (at.source === 'upgrade' ? at.node.npm : undefined);
          // The deciding upgrade may not run (`if:`, `continue-on-error: ${{ … }}`): a warning when the npm without it is too old.
          if (at.upgradeFails || (npm && versionGte(npm.min, required))) {
            if (otherwiseTooOld(at, required) && !seen.has(JSON.stringify(['otherwise', at.otherwise?.skipped.location]))) {
              seen.add(JSON.stringify(['otherwise', at.otherwise?.skipped.location]));
              const data = { command, required, capability: capabilityOf(required), ...mayNotRunData(at), ...fixFor(at, required) };
              ctx.report({ messageId: 'upgradeMayNotRun', data, at: publish.location, related: npmRelated(at), certainty: leastCertain([certaintyOf(cli, site), 'likely']) });
            }
            if (!at.upgradeFails) reportNodeFloor(ctx, at, npm, (major) => whereToSetNode(at.node, major), command, () => ({ at: publish.location, related: npmRelated(at), certainty: floorCertainty(certaintyOf(cli, site), at) }), seen);
            continue; // else a failing upgrade stops the job first: npm-upgrade-compatible reports it
          }
          const key = JSON.stringify([required, at.node.version ?? at.node.unknown, at.npm, at.upgrade?.location]);
          if (seen.has(key)) continue;
          seen.add(key);
          const away = at.node.undecided || !npm || versionGte(npm.max, required) ? undefined : stepChoiceAway(ctx.project, job, site, sites, required, mayWork);
          const related = [...npmRelated(at), ...pnpmRelated, ...(away ?? [])];
          const node = at.node.version !== undefined ? `${nodeLabel(at.node)}, ${originLabel(at.node)}` : 'an unknown Node';
          // A matrix leg that may not run the publish (`NodeResolution.undecided`), or a step whose `if:` may choose another publish (A.64): said in the message.
          const base = { command: at.node.undecided ? `${command} (in a matrix leg where an if: condition tp-doctor cannot evaluate decides whether it runs)` : away ? `${command} ${STEP_CHOICE_WORDS}` : command, required, capability };
          // A Node taken from what a remote action is given (`NodeResolution.assumed`) is a guess: a warning at most.
          // So is one whose npm comes from an upgrade that may not run, when the npm without it is enough,
          // and one of matrix legs that may not run the publish at all (`NodeResolution.undecided`).
          const certainty = at.node.assumed !== undefined || at.node.undecided === true || away !== undefined || otherwiseEnough(at, required) ? leastCertain([certaintyOf(cli, site), 'likely']) : certaintyOf(cli, site);
          // A possible publish inside an action tp-doctor does not read, which may set up its own Node and npm (danielroe/uppt/publish).
          const action = site.certainty === 'possible' && site.step.run === undefined ? site.step.uses?.name : undefined;
          const inAction = action !== undefined && !isLocalAction(action);
          if (!at.npm || !npm || versionGte(npm.max, required) || inAction) {
            const outside = !at.npm || !npm ? (at.unknown ?? 'the Node version is unknown') : versionGte(npm.max, required) ? `${node} bundles ${bundledRange(npm)}, and tp-doctor does not know which` : `${node} bundles npm ${bundledText(npm)}`;
            const reason = inAction ? `it runs inside the action "${action}", which tp-doctor does not read and which may set up its own Node and npm (outside it, ${outside})` : outside;
            reportUnknownNpm(ctx, publish.match, { messageId: 'unknownNpm', data: { ...base, job: job.id, reason }, at: publish.location, related, certainty, suggest: [at.node.version === undefined ? setupNodeSuggestion(site.step) : undefined] });
          } else if (at.source === 'bundled') {
            const data = { ...base, npm: bundledText(npm), node: nodeLabel(at.node), from: originLabel(at.node), ...fixFor(at, required) };
            const change = nodeFixes(at.node, data.minNode.split('.')[0]!, job.workflow.file);
            // An action that sets up its own Node before its publish (ioBroker/testing-action-deploy), or publishes in its own image (mikeal/merge-release), undoes an upgrade step put before it.
            const ownNode = site.step.uses !== undefined && (NODE_ACTIONS.has(site.step.uses.name.toLowerCase()) || actionImage(site.step.uses.name) !== undefined);
            const suggest = [...change.suggest, ownNode ? undefined : upgradeStepSuggestion(site.step, at.node, required)];
            ctx.report({ messageId: 'bundledTooOld', data, at: publish.location, related, certainty, fix: change.fix, suggest });
          } else if (at.upgrade?.toolchainPin !== undefined) {
            // Volta's `volta.npm` (or its action's `npm-version`): the place to change is that pin.
            ctx.report({ messageId: 'pinnedTooOld', data: { ...base, npm: bundledText(npm), where: at.upgrade.toolchainPin }, at: publish.location, related, certainty });
          } else {
            const how = at.source === 'pinned' ? 'pinned in' : 'installed by';
            const upgrade = at.source === 'pinned' ? publish.match.text : (at.upgrade?.upgrade.text ?? '');
            // An upgrade that installs too old an npm: ask for one with trusted publishing instead, when it installs on this Node.
            const fix = at.source === 'upgrade' && at.upgrade && installsNpm11(at.node.version) ? pinUpgrade(at.upgrade, `^${required}`) : undefined;
            const f = fixFor(at, required);
            ctx.report({ messageId: 'installedTooOld', data: { ...base, npm: bundledText(npm), how, upgrade, ...f, change: installedFix(at, f, required) }, at: publish.location, related, certainty, fix });
          }
        }
      }
      checkDistTags(job, ctx);
    },

    gitlabJob(job, pipeline, ctx) {
      checkGitlabTrust(job, ctx);
      checkGitlabRegistryCommands(job, pipeline.hasUnreadableIncludes, ctx);
      const seen = new Set<string>();
      const pm = packageManagerOf(ctx.project).name;
      for (const site of ctx.facts.trustedSites(job)) {
        if (exchangesByHand(ctx.facts, site)) continue;
        const publish = site.publish;
        const { cli, unknownPnpm, pnpmRelated } = publishCli(ctx.project, ctx.facts, site, pm, toolRunsOf(ctx.project, publish, () => ctx.facts.textsBefore(site), site.directory ?? ''));
        if (unknownPnpm) {
          const at = ctx.facts.gitlab.npmAtPublish(job, publish);
          const data = unknownPnpmData(ctx.project, site, at, job.name, unknownPnpm.required);
          const fix = fixFor(at, unknownPnpm.required, (major) => whereToSetGitlabNode(at.node, major));
          const place = gitlabPlace(job, publish, at);
          if (data) ctx.report({ messageId: 'unknownPnpm', data: { ...data, required: unknownPnpm.required, capability: capabilityOf(unknownPnpm.required), ...fix }, at: place.at, atValue: place.atValue, related: place.related, certainty: certaintyOf(unknownPnpm, site) });
        }
        if (!cli) continue;
        if (cli.ownNpm) {
          reportOwnNpm(ctx, cli, cli.required, site);
          continue;
        }
        const { required } = cli;
        const command = site.certainty === 'possible' && cli.possible !== true ? `${publish.match.label} (if it runs npm publish)` : cli.command;
        const at = ctx.facts.gitlab.npmAtPublish(job, publish);
        if (at.upgradeFails) continue; // npm-upgrade-compatible reports the failing upgrade
        const npm = at.npm;
        if (npm && versionGte(npm.min, required)) {
          reportNodeFloor(ctx, at, npm, (major) => whereToSetGitlabNode(at.node, major), command, () => {
            const place = gitlabPlace(job, publish, at);
            return { at: place.at, atValue: place.atValue, related: place.related, certainty: floorCertainty(certaintyOf(cli, site), at) };
          }, seen);
          continue;
        }
        const place = gitlabPlace(job, publish, at);
        const key = JSON.stringify([required, at.node.version ?? at.node.unknown, npm, at.upgrade?.location]);
        if (seen.has(key)) continue;
        seen.add(key);
        // A job whose `rules:` hang on a variable no file sets, beside a job whose npm may work (A.64): said in the message.
        const away = !npm || versionGte(npm.max, required) ? undefined : rulesChoiceAway(ctx.facts, job, pipeline, required);
        const base = { command: away ? `${command} ${RULES_CHOICE_WORDS}` : command, required, capability: capabilityOf(required) };
        // A Node a version manager's command is taken to switch to (`NodeResolution.assumed`): a warning at most.
        const certainty = at.node.assumed !== undefined || away !== undefined ? leastCertain([certaintyOf(cli, site), 'likely']) : certaintyOf(cli, site);
        const report = { at: place.at, atValue: place.atValue, related: [...place.related, ...pnpmRelated, ...(away ?? [])], certainty };
        const fix = () => fixFor(at, required, (major) => whereToSetGitlabNode(at.node, major));
        if (!npm || versionGte(npm.max, required)) {
          const reason = !npm ? (at.unknown ?? 'the Node version is unknown') : `${nodeLabel(at.node)} bundles ${bundledRange(npm)}, and tp-doctor does not know which`;
          reportUnknownNpm(ctx, publish.match, { messageId: 'unknownNpmGitlab', data: { ...base, job: job.name, reason, path: place.imagePath }, ...report });
        } else if (at.source === 'bundled') {
          const data = { ...base, npm: bundledText(npm), node: nodeLabel(at.node), from: originLabel(at.node), ...fix() };
          ctx.report({ messageId: 'bundledTooOld', data, ...report, ...nodeFixes(at.node, data.minNode.split('.')[0]!, job.node.file) });
        } else {
          const how = at.source === 'pinned' ? 'pinned in' : 'installed by';
          const upgrade = at.source === 'pinned' ? publish.match.text : (at.upgrade?.upgrade.text ?? '');
          const pin = at.source === 'upgrade' && at.upgrade && installsNpm11(at.node.version) ? pinUpgrade(at.upgrade, `^${required}`) : undefined;
          const f = fix();
          ctx.report({ messageId: 'installedTooOld', data: { ...base, npm: bundledText(npm), how, upgrade, ...f, change: installedFix(at, f, required) }, ...report, fix: pin });
        }
      }
    },

    circleciJob(job, config, ctx) {
      checkCircleTrust(job, ctx);
      checkCircleRegistryCommands(job, ctx);
      // The 11.11.0 floor is about trusted publishing: a configuration no CircleCI publisher names publishes with a token.
      if (!hasCirclePublisher(config, ctx.circleciPublishers)) return;
      const seen = new Set<string>();
      const pm = packageManagerOf(ctx.project).name;
      for (const site of ctx.facts.trustedSites(job)) {
        if (exchangesByHand(ctx.facts, site)) continue;
        const publish = site.publish;
        const { cli, unknownPnpm, pnpmRelated } = publishCli(ctx.project, ctx.facts, site, pm, toolRunsOf(ctx.project, publish, () => ctx.facts.textsBefore(site), site.directory ?? ''));
        if (unknownPnpm) reportCircleUnknownPnpm(ctx, job, site, unknownPnpm);
        if (!cli) continue;
        // npm's OIDC routine recognises CircleCI from NPM_FIRST_CIRCLECI_OIDC on.
        const required = semver.gt(NPM_FIRST_CIRCLECI_OIDC, cli.required) ? NPM_FIRST_CIRCLECI_OIDC : cli.required;
        if (cli.ownNpm) {
          reportOwnNpm(ctx, cli, required, site, 'circleci');
          continue;
        }
        const command = site.certainty === 'possible' && cli.possible !== true ? `${publish.match.label} (if it runs npm publish)` : cli.command;
        const at = ctx.facts.circleci.npmAtPublish(job, publish, ctx.project);
        // A failing upgrade stops the job first: npm-upgrade-compatible reports it.
        if (at.upgradeFails) continue;
        const npm = at.npm;
        if (npm && versionGte(npm.min, required)) {
          const certainty = (): Certainty => onPipelineDefault(certaintyOf(cli, site), at.node.assumed !== undefined);
          reportNodeFloor(ctx, at, npm, (major) => whereToSetCircleNode(at.node, major, job), command, () => ({ at: publish.location, related: npmRelated(at), certainty: certainty() }), seen);
          continue;
        }
        const key = JSON.stringify([required, at.node.version ?? at.node.unknown, npm, at.upgrade?.location]);
        if (seen.has(key)) continue;
        seen.add(key);
        // A `sudo` upgrade that reaches the system's npm, not the $BASH_ENV nvm Node's: named, and the fix without sudo.
        const ignored = at.ignoredSudo;
        const ignoredRelated = ignored ? [{ at: ignored.location, label: `not counted: "${ignored.upgrade.text}" runs with sudo's PATH and upgrades the system's npm, not the one of the Node ${at.node.switched?.bashEnv?.manager ?? 'nvm'} chose` }] : [];
        const related = [...npmRelated(at), ...ignoredRelated, ...pnpmRelated];
        const minNode = firstNodeBundling(required) ?? '24';
        const sudo = circleImageUser(job)?.user === 'circleci' && !ignored ? 'sudo ' : '';
        const base = { command, required, capability: capabilityOf(required, 'circleci') };
        // A Node or an npm upgrade read from a pipeline parameter's default is what runs by default, not certainly.
        const assumed = at.node.assumed !== undefined || at.upgrade?.assumed === true || (at.upgrade !== undefined && readsPipelineDefault(at.upgrade.step, at.upgrade.upgrade.offset, at.upgrade.upgrade.end));
        const report = { at: publish.location, related, certainty: onPipelineDefault(certaintyOf(cli, site), assumed) };
        const fix = () => {
          const f = fixFor(at, required, (major) => whereToSetCircleNode(at.node, minNode.startsWith(`${major}.`) ? minNode : major, job));
          const alternative = f.alternative.replace(/`npm install -g /g, `\`${sudo}npm install -g `);
          // Not "add" an upgrade the user believes is there: theirs runs under sudo.
          return { ...f, alternative: ignored ? alternative.replace(/^; or add (`[^`]+`)/, `; or add $1 without sudo (\`${ignored.upgrade.text.replace(/`/g, '')}\` upgrades the system's npm, not that Node's)`) : alternative };
        };
        if (!npm || versionGte(npm.max, required)) {
          const reason = !npm ? (at.unknown ?? 'the Node version is unknown') : `${nodeLabel(at.node)} bundles ${bundledRange(npm)}, and tp-doctor does not know which`;
          reportUnknownNpm(ctx, publish.match, { messageId: 'unknownNpmCircleci', data: { ...base, job: job.name, reason, minNode, upgrade: `${sudo}npm install -g npm@^${required}` }, ...report });
        } else if (at.source === 'bundled') {
          ctx.report({ messageId: 'bundledTooOld', data: { ...base, npm: bundledText(npm), node: nodeLabel(at.node), from: originLabel(at.node), ...fix() }, ...report });
        } else {
          const how = at.source === 'pinned' ? 'pinned in' : 'installed by';
          const upgrade = at.source === 'pinned' ? publish.match.text : (at.upgrade?.upgrade.text ?? '');
          const f = fix();
          ctx.report({ messageId: 'installedTooOld', data: { ...base, npm: bundledText(npm), how, upgrade, ...f, change: installedFix(at, f, required) }, ...report });
        }
      }
    },
  },
});

/**
 * A publish whose tool runs an npm of its own (`NpmCliPublish.ownNpm`: rush.json's `npmVersion`):
 * that version against `required`, whatever the job's Node bundles. A version that is not one
 * (Rush itself rejects it) is not judged.
 */
function reportOwnNpm(ctx: Pick<Ctx, 'report'>, cli: NpmCliPublish, required: string, site: PublishSite, provider: 'github' | 'circleci' = 'github'): void {
  const own = cli.ownNpm;
  const npm = own ? validVersion(own.version) : null;
  if (!own || !npm || versionGte(npm, required)) return;
  const data = { command: cli.command, npm, key: own.key, file: own.at.file, required, capability: capabilityOf(required, provider) };
  const related = [{ at: own.at, label: `npm version: "${own.key}": "${own.version}"` }];
  ctx.report({ messageId: 'ownNpmTooOld', data, at: site.publish.location, related, certainty: certaintyOf(cli, site) });
}

/** A CircleCI pnpm publish whose pnpm tp-doctor cannot know, on a Node whose npm pnpm 10 would fail with (./unknown-pnpm.ts). */
function reportCircleUnknownPnpm(ctx: Ctx, job: CircleJob, site: PublishSite, cli: NpmCliPublish): void {
  const required = semver.gt(NPM_FIRST_CIRCLECI_OIDC, cli.required) ? NPM_FIRST_CIRCLECI_OIDC : cli.required;
  const at = ctx.facts.circleci.npmAtPublish(job, site.publish, ctx.project);
  const data = unknownPnpmData(ctx.project, site, at, job.name, required);
  if (!data) return;
  const minNode = firstNodeBundling(required) ?? '24';
  const fix = fixFor(at, required, (major) => whereToSetCircleNode(at.node, minNode.startsWith(`${major}.`) ? minNode : major, job));
  const certainty = onPipelineDefault(certaintyOf(cli, site), at.node.assumed !== undefined);
  ctx.report({ messageId: 'unknownPnpm', data: { ...data, required, capability: capabilityOf(required, 'circleci'), ...fix }, at: site.publish.location, related: npmRelated(at), certainty });
}

/** Where the Node (up to three origins) and an npm upgrade of a publish come from, as related locations. */
function npmRelated(at: NpmAtPublish): { at: NpmAtPublish['node']['origins'][number]['at']; label: string }[] {
  return [
    ...at.node.origins.slice(0, 3).map((o) => ({ at: o.at, label: `Node version: ${o.label}` })),
    ...(at.upgrade ? [{ at: at.upgrade.location, label: `npm installed here: "${at.upgrade.upgrade.text}"` }] : []),
  ];
}

export type Ctx = Parameters<NonNullable<(typeof rule)['hooks']['githubJob']>>[1];

function capabilityOf(required: string, provider: 'github' | 'gitlab' | 'circleci' = 'github'): string {
  if (provider === 'circleci' && required === NPM_FIRST_CIRCLECI_OIDC) {
    return `exchange an OIDC token on CircleCI (npm ${NPM_FIRST_OIDC} to 11.10 recognise only GitHub Actions and GitLab, and ignore \`NPM_ID_TOKEN\` there)`;
  }
  return required === NPM_FIRST_OIDC ? "exchange the job's OIDC token for a publish token" : 'stage a publish with an OIDC token (`npm stage` does not exist before it)';
}

export default rule;
