/**
 * The checks behind publish-tool-supports-oidc, one per row of the docs/domain.md §5 table
 * (`src/model/data/publish-tool-support.ts`). Each returns findings for one publish command; the
 * rule reports them. Versions come from `src/model/npm/tool-versions.ts`.
 */
import { NPM_FIRST_CIRCLECI_OIDC } from '../../src/model/data/node-releases.js';
import { JS_DEVTOOLS_TOKEN_OPTIONAL, toolSupport, type ToolSupportRow } from '../../src/model/data/publish-tool-support.js';
import { changesetsRun, CHANGESETS_YARN_NPM_PUBLISH } from '../../src/model/npm/changesets.js';
import { NX_BUN_NPM_FALLBACK_FIRST } from '../../src/model/data/nx.js';
import { nxReleaseRunOf } from '../../src/model/npm/npm-cli.js';
import { releasePlanRun } from '../../src/model/npm/release-plan.js';
import { rushPnpmVersion } from '../../src/model/npm/rush.js';
import { toolBinDir } from '../../src/model/npm/local-npm.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import { joinDir } from '../../src/model/npm/value-targets.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import { optionalTokenVariable, yarnAuthTokens } from '../../src/model/npm/yarnrc.js';
import { siteEnv, variableMayBeSet, type SiteEnvEntry } from '../../src/model/sites.js';
import { bundledSemanticRelease, isShaPinned, ownCopyOf } from './action-copy.js';
import { enginesFindings } from './engines.js';
import { jobPnpm, pnpm11, pnpmStage } from './pnpm.js';
import { multiSemanticReleaseCopy } from './multi-copy.js';
import type { PublishSite } from '../../src/model/publish.js';
import { preCheck } from './pre-check.js';
import { releaseItChecks, rushPublishToken } from './config.js';

import type { Finding, Target } from './types.js';
import { related, required, short, upgradeHow } from './upgrade-how.js';
import { CIRCLECI_CONSEQUENCE, circleciVersionCheck, yarnOnCircleci } from './circleci-checks.js';

export type { Finding, MessageId, Target } from './types.js';

const inner = (t: Target): string => t.publish.match.via.at(-1)?.command ?? t.publish.match.text;

/** `npx tool` without a version and without a local copy runs the newest release. */
function runsLatest(t: Target): boolean {
  return /(?:^|[\s;&|])(?:npx|pnpx|bunx|(?:pnpm|yarn)\s+dlx|npm\s+(?:exec|x))\s/.test(inner(t));
}

/** The command runs the repository's own copy of the tool when it has one: npx, a package-manager runner, a script. */
function runsLocal(t: Target): boolean {
  return t.publish.match.via.length > 0 || /^\s*(?:npx|pnpx|bunx|pnpm|yarn|bun|npm\s+(?:exec|x))\s/.test(inner(t));
}

const INSTALL = /^[ \t]*(?:npm\s+(?:ci|install|i)(?![^\n]*\s(?:-g|--global)\b)|yarn(?:\s+install)?|pnpm\s+(?:install|i)|bun\s+(?:install|i))(?:\s|$)/m;

/** True when a command before the publish installs the repository's dependencies (`npm ci`, `yarn`, `pnpm install`). */
function installsDependencies(t: Target): boolean {
  return t.before.some((b) => INSTALL.test(b.text));
}

/**
 * The version of npm package `name` this publish runs. A global lerna switches to the repository's
 * copy by itself (import-local), so lerna prefers the local copy once the job installed dependencies.
 */
function installed(t: Target, name: string): ToolVersion | undefined {
  const lerna = name === 'lerna' || name.startsWith('@lerna-lite/');
  const byPath = toolBinDir(t.publish.match) !== undefined; // the install there, never a global one
  const preferLocal = byPath || runsLocal(t) || (lerna && installsDependencies(t));
  return tv.packageVersion(t.project, name, { dir: toolDir(t), before: t.before, preferLocal });
}

/** The directory whose install runs the tool: that of a bin run by its path (`./publish/node_modules/.bin/semantic-release`: `publish`), else the publish's. */
function toolDir(t: Target): string {
  const bin = toolBinDir(t.publish.match);
  return (bin === undefined ? undefined : joinDir(t.dir, bin)) ?? t.dir;
}

/** A version threshold check (`from` rows): tooOld, unknown, or nothing. */
function versionCheck(t: Target, row: ToolSupportRow, v: ToolVersion | undefined, pkg = row.package ?? row.tool): Finding[] {
  const min = required(row);
  const command = t.command;
  const verdict = v ? tv.versionVerdict(v, `>=${min}`) : runsLatest(t) ? 'yes' : 'unknown';
  if (verdict === 'yes') return [];
  const how = upgradeHow(v, pkg, min, t);
  if (verdict === 'no') {
    const data = { command, tool: row.tool, version: v!.spec, source: v!.label, required: short(min), consequence: row.consequence, how };
    return [{ messageId: 'tooOld', data, related: related(v, row.tool) }];
  }
  const reason = v ? `${v.label} allows ${row.tool} "${v.spec}"` : `no version of ${row.tool} is pinned, installed in the job or listed in package.json`;
  const data = { command, reason, requirement: `${row.tool} ${short(min)} or later`, consequence: row.consequence, how };
  return [{ messageId: 'unknown', data, related: related(v, row.tool) }];
}

/** What publishes with trusted publishing on CircleCI instead of a tool that cannot there. */
const CIRCLECI_ALTERNATIVE = `\`npm publish\` (npm ${NPM_FIRST_CIRCLECI_OIDC} or later) with \`NPM_ID_TOKEN\` from \`circleci run oidc get\` in the same step`;

/** A tool that never publishes with OIDC; on CircleCI the alternative is CircleCI's (not npm 11.5.1, nor Yarn 4.10). */
function never(t: Target, row: ToolSupportRow, tool: string): Finding[] {
  const own = row.support.kind === 'never' ? row.support.alternative : '';
  const alternative = t.site.provider === 'circleci' ? CIRCLECI_ALTERNATIVE : own;
  return [{ messageId: 'never', data: { command: t.command, tool, alternative, consequence: row.consequence, path: t.path }, related: [] }];
}

function yarnClassic(t: Target): Finding[] {
  const flavor = tv.yarnFlavor(t.project, t.dir);
  if (flavor.flavor === 'berry') return []; // Yarn 2+ has no `yarn publish`: a script of that name runs instead
  const findings = never(t, toolSupport('yarn-classic'), `Yarn 1 (${flavor.label})`);
  if (flavor.at) findings[0]!.related.push({ at: flavor.at, label: 'Yarn 1 is selected here' });
  return findings;
}

/** `yarn npm publish`. On CircleCI its finding replaces the version checks whatever the version: "upgrade to 4.10" does not help there (palantir/blueprint). */
function yarnBerry(t: Target): Finding[] {
  const row = toolSupport('yarn-berry');
  const v = tv.yarnVersion(t.project, t.publish, t.before, t.dir);
  const notYet = t.site.provider === 'circleci' ? yarnOnCircleci(t, row, v) : undefined;
  const findings = notYet ? [notYet] : versionCheck(t, row, v, 'yarn');
  if (findings.some((f) => f.messageId === 'tooOld' || f.messageId === 'circleciYarnTooOld')) return findings; // no OIDC at all: a token changes nothing
  const scoped = notYet ? undefined : yarnScoped(t, v);
  if (scoped) findings.push(scoped);
  // `${NPM_TOKEN:-}` is no token while the variable is unset, and then Yarn exchanges (docs/domain.md A.37).
  const readAction = (dir: string) => t.facts.action(dir);
  const tokens = yarnAuthTokens(t.facts.yarnrc).map((token) => ({ token, variable: optionalTokenVariable(token.value) }));
  for (const { token, variable } of tokens.filter((k) => k.variable === undefined || variableMayBeSet(t.site, k.variable, readAction)).slice(0, 1)) {
    const at = { file: token.node.file, ...token.node.anchorSpan };
    const when = variable === undefined ? '' : ` whenever \`${variable}\` has a value`;
    findings.push({ messageId: 'yarnTokenWins', data: { command: t.command, key: token.path, when }, related: [{ at, label: 'token configured here' }] });
  }
  const env = yarnEnvToken(t.site);
  if (env) {
    const data = { command: t.command, name: env.name, section: env.section };
    findings.push({ messageId: 'yarnEnvTokenWins', data, at: env.node, related: [{ at: t.publish.location, label: `\`${t.command}\` runs here` }] });
  }
  return findings;
}

/**
 * `YARN_NPM_AUTH_TOKEN` in the environment the publish sees: Yarn Berry reads a `YARN_`-prefixed,
 * snake-cased variable as the setting of that name (`npmAuthToken`), over the one of .yarnrc.yml
 * (docs/domain.md §1.7). Yarn reads only the simple settings from the environment, not maps such as
 * `npmScopes` or `npmRegistries`, so this one name is all there is. The entry that wins counts (a
 * step's empty value hides the job's); an empty value sets no token, and a value that is not a
 * scalar is not read.
 */
function yarnEnvToken(site: PublishSite): SiteEnvEntry | undefined {
  const entry = siteEnv(site, 'YARN_NPM_AUTH_TOKEN');
  return entry?.value !== undefined && entry.value.trim() !== '' ? entry : undefined;
}

/**
 * Yarn 4.10.0 to 4.10.2 fail the exchange for scoped packages (berry#6911, a report: a warning). Only
 * when the Yarn is certainly in that range and the publish certainly targets a scoped package.
 */
function yarnScoped(t: Target, v: ToolVersion | undefined): Finding | undefined {
  const row = toolSupport('yarn-berry-scoped');
  if (!v || row.support.kind !== 'from') return undefined;
  const fixed = row.support.version;
  if (tv.versionVerdict(v, `>=4.10.0 <${fixed}`) !== 'yes') return undefined;
  const packages = t.site.targets.kind === 'unknown' ? [] : t.site.targets.packages;
  const scoped = packages.map((p) => p.name).filter((name): name is string => name?.startsWith('@') === true);
  if (scoped.length === 0) return undefined;
  const data = { command: t.command, version: v.spec, source: v.label, packages: scoped.map((n) => `"${n}"`).join(', '), required: fixed, consequence: row.consequence, how: upgradeHow(v, 'yarn', fixed, t) };
  return { messageId: 'yarnScopedOld', data, related: related(v, 'Yarn') };
}

/**
 * `changeset publish`: what @changesets/cli runs (`src/model/npm/changesets.ts`). pnpm: pnpm's
 * checks; changesets 3 on Yarn 2+: `yarn npm publish`'s, with the Yarn the job runs (never the
 * changesets pin of `npx @changesets/cli@3`); changesets 3 on Yarn 1: it stops before publishing;
 * a Yarn 2+ repository whose changesets major is unknown: Yarn's checks, `likely` at most. npm
 * publishes are npm-supports-oidc's.
 */
function changesets(t: Target): Finding[] {
  const run = changesetsRun(t.project, t.publish, t.before, t.dir);
  const csRelated = related(run.version, '@changesets/cli');
  switch (run.runs) {
    case 'pnpm':
      return pnpm11(t);
    case 'yarn-berry':
    case 'npm-or-yarn-berry': {
      const sure = run.runs === 'yarn-berry';
      const how = sure ? `@changesets/cli "${run.version?.spec ?? ''}" (${run.version?.label ?? ''})` : 'if its @changesets/cli is 3.x (tp-doctor cannot tell its version), it';
      const lead = `${how} publishes each package with \`yarn npm publish\` in a Yarn 2+ repository`;
      const withLead = (d: Record<string, string>) => ('consequence' in d ? { ...d, consequence: `${lead}; ${d['consequence']}` } : d);
      return yarnBerry(t).map((f) => ({ ...f, data: withLead(f.data), related: [...f.related, ...csRelated], ...(sure ? {} : { unsure: true as const }) }));
    }
    case 'yarn-classic': {
      const v = run.version!;
      const data = { command: t.command, version: v.spec, source: v.label, yarn: run.yarn?.label ?? 'the repository uses Yarn 1', required: CHANGESETS_YARN_NPM_PUBLISH };
      const at = run.yarn?.at ? [{ at: run.yarn.at, label: 'Yarn 1 is selected here' }] : [];
      return [{ messageId: 'changesetsYarnClassic', data, related: [...csRelated, ...at] }];
    }
    default:
      return [];
  }
}

function lerna(t: Target): Finding[] {
  const { project, dir } = t;
  const dep = (name: string): boolean => tv.dependencyRange(project, name, dir, { overrides: false }) !== undefined;
  const lite = /@lerna-lite\//.test(t.publish.match.text) || ((dep('@lerna-lite/publish') || dep('@lerna-lite/cli')) && !dep('lerna'));
  const pin = tv.commandPin(t.publish);
  if (lite) {
    const v = pin ?? installed(t, '@lerna-lite/publish') ?? installed(t, '@lerna-lite/cli');
    return versionCheck(t, toolSupport('lerna-lite'), v);
  }
  return versionCheck(t, toolSupport('lerna'), pin ?? installed(t, 'lerna'));
}

function semanticRelease(t: Target): Finding[] {
  const multi = multiSemanticReleaseCopy(t, (name) => installed(t, name)); // its own semantic-release runs
  if (multi.length > 0) return multi;
  const copy = ownCopyOf(t);
  // An action's own copy bundled with each of its releases: that release decides (action-copy.ts).
  if (copy && 'releases' in copy) return bundledSemanticRelease(t, copy);
  const viaAction = copy !== undefined;
  // The semantic-release that runs: the action installs its own (cycjimmy's `semantic_version`,
  // else the latest release); otherwise a pin, the job's install or the repository's copy.
  // A multi-semantic-release's pin (`npx -p @anolilab/multi-semantic-release@3 …`) is its own version, not semantic-release's.
  const pin = t.publish.match.recognizer === 'multi-semantic-release' ? undefined : tv.commandPin(t.publish);
  const sr = copy ? tv.actionInputVersion(t.site.provider === 'github' ? t.site.step : undefined, copy.input) : (pin ?? installed(t, 'semantic-release'));
  const latest = sr === undefined && (viaAction || runsLatest(t));
  const found = semanticReleaseVersions(t, viaAction, sr);
  // A release that can publish with OIDC may still refuse the job's Node (its `engines`). An action
  // that runs semantic-release runs it on a Node of its own (cycjimmy's JavaScript action on the
  // runner's node20/node24 runtime, codfish's container, electron's composite action that sets up
  // Node 24), not on the job's setup-node: the job's Node says nothing about it.
  const onJobNode = t.publish.match.action === undefined;
  const engines = found.length === 0 && onJobNode && (sr !== undefined || latest) ? enginesFindings(t, toolSupport('semantic-release'), sr) : [];
  return [...found, ...engines];
}

function semanticReleaseVersions(t: Target, viaAction: boolean, sr: ToolVersion | undefined): Finding[] {
  // The action installs semantic-release into its own folder, and semantic-release loads a plugin
  // from its own install before the repository's: the repository's copy never runs. So does a
  // semantic-release the job installs itself (`npm install semantic-release --no-save`, `npm i -g`)
  // or npx fetches for a pin the repository's copy does not satisfy: it brings its own plugin, and
  // only a plugin the job installs itself (`npm install @semantic-release/npm@13.2.0`) replaces that.
  const own = viaAction || (sr !== undefined && tv.runsOwnInstall(t.project, sr, 'semantic-release', toolDir(t)));
  const plugin = viaAction ? undefined : own ? tv.installedBefore(t.before, '@semantic-release/npm') : installed(t, '@semantic-release/npm');
  if (plugin && tv.normalizeSpec(plugin.spec) !== undefined) {
    const row = toolSupport('semantic-release-npm');
    // On CircleCI the threshold is CircleCI's own (13.2.0): a version below both is named against it.
    const circle = t.site.provider === 'circleci' ? circleciVersionCheck(t, row, plugin) : [];
    return circle.length > 0 ? circle : versionCheck(t, row, plugin);
  }
  if (viaAction) return sr ? versionCheck(t, toolSupport('semantic-release'), sr) : [];
  return versionCheck(t, toolSupport('semantic-release'), sr);
}

function jsDevtools(t: Target): Finding[] {
  const step = t.site.provider === 'github' ? t.site.step : undefined;
  const v = tv.actionRefVersion(t.project, step, t.publish);
  // The way out of either finding is a release whose `token` input is optional.
  const how = upgradeHow(v, 'JS-DevTools/npm-publish', JS_DEVTOOLS_TOKEN_OPTIONAL, t);
  const found = versionCheck(t, toolSupport('js-devtools-npm-publish'), v, 'JS-DevTools/npm-publish').map((f) => ({ ...f, data: { ...f.data, how } }));
  // The step's own inputs only: a composite action's inner step is not this step.
  if (found.length > 0 || !v || !step || t.publish.viaAction !== undefined) return found;
  if (tv.versionVerdict(v, `<${JS_DEVTOOLS_TOKEN_OPTIONAL}`) !== 'yes') return found;
  const token = step.with.get('token');
  // An expression (`${{ secrets.NPM_TOKEN }}`) may be empty at run time, but that is not known here.
  // `token:` with nothing after it (YAML null) is the empty input the action refuses.
  if (token !== undefined && !token.isNull && (token.text === undefined || token.text.trim() !== '')) return found;
  const data = { command: t.command, version: v.spec, source: v.label, optional: JS_DEVTOOLS_TOKEN_OPTIONAL, how };
  return [{ messageId: 'tokenInputRequired', data, related: related(v, 'JS-DevTools/npm-publish') }];
}

function changesetsAction(t: Target): Finding[] {
  const row = toolSupport('changesets-action');
  const step = t.site.provider === 'github' ? t.site.step : undefined;
  const v = tv.actionRefVersion(t.project, step, t.publish);
  if (!v || tv.versionVerdict(v, `>=${required(row)}`) !== 'no') return []; // floating `v1` is 1.7+; a bare SHA is not judged
  const how = isShaPinned(t)
    ? `pin \`${t.stepPath}.uses\` to the commit SHA of a v1.7.0 or later release, with its \`# v1.x.y\` comment`
    : `change \`${t.stepPath}.uses\` to \`changesets/action@v1\``;
  const data = { action: 'changesets/action', version: v.spec, consequence: row.consequence, how };
  return [{ messageId: 'changesetsActionOld', data, related: [], ...(bogusTokenHarmless(t) ? { harmless: true as const } : {}) }];
}

/**
 * True when the `_authToken=undefined` line an old changesets/action writes cannot take the place of
 * OIDC for the publish it runs: the npm CLI exchanges OIDC whatever token is configured (the line
 * only changes the error when the exchange fails; `npm stage publish` goes through the same OIDC
 * routine as `npm publish`), and so do pnpm before 11 (it runs npm) and pnpm 11.0.7 and later
 * (`pnpm stage publish` too, with the pnpm the job runs). Yarn Berry and pnpm 11.0.0 to 11.0.6 use the token (electron-userland's
 * changesets/action 1.5.3 runs pnpm 11.9.0). A `changeset publish` is judged by what it runs
 * (`changesetsRun`: `npm publish`, or `pnpm publish` in a pnpm repository; storybookjs/addon-designs).
 */
function bogusTokenHarmless(t: Target): boolean {
  const m = t.publish.match;
  const runs = m.recognizer === 'changeset-publish' ? changesetsRun(t.project, t.publish, t.before, t.dir).runs : undefined;
  if (m.recognizer === 'npm-publish' || m.recognizer === 'npm-stage-publish' || runs === 'npm') return true;
  if (m.recognizer !== 'pnpm-publish' && m.recognizer !== 'pnpm-stage-publish' && runs !== 'pnpm') return false;
  const v = jobPnpm(t);
  const { support } = toolSupport('pnpm-11');
  return v !== undefined && v.assumed === undefined && support.kind === 'unless-static-token' && tv.versionVerdict(v, support.broken) === 'no';
}

function releaseIt(t: Target): Finding[] {
  const row = toolSupport('release-it');
  const state = releaseItChecks(t.facts, t.dir, t.publish);
  if (state.kind === 'skipped') return [];
  const at = state.at ? [{ at: state.at, label: 'release-it configuration' }] : [];
  if (state.kind === 'unknown') {
    const how = `set \`"npm": { "skipChecks": true }\` in ${state.file} or add \`--npm.skipChecks\` to the command`;
    const data = { command: t.command, reason: state.why ?? `its configuration is in ${state.file}, which tp-doctor does not evaluate`, requirement: '`npm.skipChecks: true`', consequence: row.consequence, how };
    return [{ messageId: 'unknown', data, related: at }];
  }
  return [{ messageId: 'releaseItChecks', data: { command: t.command, where: state.where, file: state.file, consequence: row.consequence }, related: at }];
}

function np(t: Target): Finding[] {
  const row = toolSupport('np');
  if (t.site.provider === 'circleci' && row.circleci?.kind === 'never') {
    const data = { command: t.command, tool: 'np', alternative: CIRCLECI_ALTERNATIVE, consequence: CIRCLECI_CONSEQUENCE['np'] ?? row.consequence, path: t.path };
    return [{ messageId: 'circleciNever', data, related: related(tv.commandPin(t.publish) ?? installed(t, 'np'), 'np') }];
  }
  const v = tv.commandPin(t.publish) ?? installed(t, 'np');
  if (v && tv.normalizeSpec(v.spec) === 'latest') return [];
  // np publishes with trusted publishing from 11.0.1 (docs/domain.md §0, Tools): an older np is a
  // warning (the support row's severity), an undecidable range the rule's `unknown`.
  const findings = versionCheck(t, row, v, 'np');
  return findings.map((f) =>
    f.messageId === 'tooOld'
      ? { ...f, messageId: 'npRecent', data: { command: t.command, version: `"${v!.spec}" (${v!.label})`, required: short(required(row)), consequence: row.consequence, how: f.data['how'] ?? '' } }
      : f,
  );
}

/**
 * Nx Release (`src/model/npm/nx-publish.ts`): `bun publish` in a Bun workspace before Nx 22.7.3;
 * pnpm's checks with `pnpm publish`. `likely` at most: a project may override the executor. `npm
 * publish` (also Nx 22.7.3's retry of a failed `bun publish`) is npm-supports-oidc's.
 */
function nxRelease(t: Target): Finding[] {
  const run = nxReleaseRunOf(t.project, t.publish, t.dir);
  if (run.runs === 'pnpm') return pnpm11(t).map((f) => ({ ...f, unsure: true as const }));
  if (run.runs !== 'bun' || !run.nx) return [];
  const v = run.nx;
  const how = `${v.label} has "${v.spec}"`;
  const data = { command: t.command, version: v.spec, source: v.label, because: run.because ?? '', required: NX_BUN_NPM_FALLBACK_FIRST, consequence: toolSupport('bun').consequence, how };
  const at = run.at ? [{ at: run.at, label: 'the package manager is chosen here' }] : [];
  return [{ messageId: 'nxBunPublish', data, related: [...related(v, 'Nx'), ...at], unsure: true }];
}

/** Every finding for one publish command. */
export function checkPublish(t: Target): Finding[] {
  const m = t.publish.match;
  const out = [...(m.action?.name.toLowerCase() === 'changesets/action' ? changesetsAction(t) : []), ...preCheck(t)];
  switch (m.recognizer) {
    case 'yarn-publish':
      return [...out, ...yarnClassic(t)];
    case 'yarn-npm-publish':
      return [...out, ...yarnBerry(t)];
    case 'bun-publish':
      return [...out, ...never(t, toolSupport('bun'), 'Bun')];
    case 'pnpm-publish':
      return [...out, ...pnpm11(t)];
    case 'pnpm-stage-publish':
      return [...out, ...pnpmStage(t)];
    case 'changeset-publish':
      return [...out, ...changesets(t)];
    case 'rush-publish': {
      // rush.json's pnpm and `.npmrc-publish` (src/model/npm/rush.ts), not the job's; npm and Yarn repositories are npm-supports-oidc's.
      const version = rushPnpmVersion(t.project);
      return version ? [...out, ...pnpm11(t, { version, token: rushPublishToken(t.facts) })] : out;
    }
    case 'release-plan-publish':
      // `pnpm publish` where a pnpm-lock.yaml is (src/model/npm/release-plan.ts), the job's pnpm; `npm publish` is npm-supports-oidc's.
      return releasePlanRun(t.project, t.dir).runs === 'pnpm' ? [...out, ...pnpm11(t)] : out;
    case 'lerna-publish':
      return [...out, ...lerna(t)];
    case 'nx-release':
      return [...out, ...nxRelease(t)];
    case 'semantic-release':
    case 'multi-semantic-release':
    case 'semantic-release-action':
    case 'semantic-trusted-release-action':
    case 'codfish-semantic-release-action':
      return [...out, ...semanticRelease(t)];
    case 'js-devtools-npm-publish':
      return [...out, ...jsDevtools(t)];
    case 'release-it':
      return [...out, ...releaseIt(t)];
    case 'np':
      return [...out, ...np(t)];
    default:
      return out;
  }
}
