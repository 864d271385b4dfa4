/**
 * publish-tool-supports-oidc's pnpm checks (tools.ts asks them for every publish that runs pnpm):
 * pnpm 11.0.0 to 11.0.6 with a static token, the setup-node placeholder before 11.1.3, pnpm
 * 11's Node requirement (`nodeTooOld`, engines.ts), and `pnpm stage publish` before 11.3.0.
 */
import { toolSupport, type ToolSupportRow } from '../../src/model/data/publish-tool-support.js';
import { pnpmSetupStandalone } from '../../src/model/github/pnpm-action-setup.js';
import { pnpmSetupBefore } from '../../src/model/github/package-manager.js';
import { usesSteps } from '../../src/model/github/uses-steps.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import { circleciVersionCheck } from './circleci-checks.js';
import { placeholderToken, staticToken, type StaticToken } from './config.js';
import { enginesFindings } from './engines.js';
import type { Finding, Target } from './types.js';
import { related, upgradeHow } from './upgrade-how.js';

/**
 * The pnpm the publish's job runs: a setup action's before it on GitHub (its `version: ${{
 * inputs.x }}` read from the runs that reach it: `pnpmSetupBefore`), else what the repository and the job say.
 */
export function jobPnpm(t: Target): ToolVersion | undefined {
  const setup = t.site.provider === 'github' ? pnpmSetupBefore(t.site.job, t.site.step.index - 1, (dir) => t.facts.action(dir), t.project.callGraph) : undefined;
  return tv.pnpmVersion(t.project, t.publish, t.before, setup, t.dir);
}

/** Findings on a pnpm version a run may replace (a dispatch input's default: `ToolVersion.assumed`) are guesses. */
function onAssumed(v: ToolVersion | undefined, found: Finding[]): Finding[] {
  return v?.assumed === undefined ? found : found.map((f) => ({ ...f, unsure: true as const }));
}

/**
 * pnpm 11 (and `pnpm stage publish`) on a Node older than its row's `node` (`nodeTooOld`): pnpm
 * exits when it starts. Not for pnpm/action-setup's standalone pnpm, which runs on its own Node;
 * a pnpm/action-setup release that may choose the standalone pnpm by itself on an old Node (v6
 * on, or an unknown one), or an unreadable `standalone` input, makes the finding a warning
 * (`pnpmSetupStandalone`); an absent or false input on an earlier release is the job's Node.
 */
export function pnpmNode(t: Target, row: ToolSupportRow, v: ToolVersion | undefined): Finding[] {
  if (!v) return [];
  const standalone = t.site.provider === 'github' ? pnpmSetupStandalone(t.project, usesSteps(t.site.job, t.site.step.index - 1, (dir) => t.facts.action(dir))) : undefined;
  if (standalone === 'yes') return [];
  const found = enginesFindings(t, row, v);
  return standalone === 'unknown' ? found.map((f) => ({ ...f, unsure: true as const })) : found;
}

/**
 * `pnpm stage publish`: the `stage` command exists from pnpm 11.3.0 on (`pnpm-stage` row,
 * docs/domain.md §0), so an older pnpm certainly fails the step (`stageTooOld`, an error); a
 * range that allows an older one is `unknown` (a warning). No pnpm version seen: nothing, as for
 * pnpm 11's other checks. Then the Node pnpm 11.3 needs.
 */
export function pnpmStage(t: Target): Finding[] {
  const row = toolSupport('pnpm-stage');
  const v = jobPnpm(t);
  if (v === undefined || row.support.kind !== 'from') return [];
  const min = row.support.version;
  const verdict = tv.versionVerdict(v, `>=${min}`);
  const how = upgradeHow(v, 'pnpm', min, t);
  if (verdict === 'no') {
    const data = { command: t.command, version: v.spec, source: v.label, required: min, consequence: row.consequence, how };
    return onAssumed(v, [{ messageId: 'stageTooOld', data, related: related(v, 'pnpm') }]);
  }
  const found = pnpmNode(t, row, v);
  if (verdict === 'yes') return onAssumed(v, found);
  const data = { command: t.command, reason: `${v.label} allows pnpm "${v.spec}"`, requirement: `pnpm ${min} or later`, consequence: row.consequence, how };
  return onAssumed(v, [{ messageId: 'unknown', data, related: related(v, 'pnpm') }, ...found]);
}

/** pnpm 11's checks; `own`: the pnpm a tool installs itself, not the job's (Rush's), and the token it gives it. */
export function pnpm11(t: Target, own?: { version: ToolVersion; token: StaticToken | undefined }): Finding[] {
  const row = toolSupport('pnpm-11');
  const v = own?.version ?? jobPnpm(t);
  return onAssumed(v, [...pnpm11Token(t, row, v, own), ...pnpmNode(t, row, v)]);
}

/** pnpm 11.0.0 to 11.0.6 with a static token, else the placeholder of pnpm before 11.1.3. */
function pnpm11Token(t: Target, row: ToolSupportRow, v: ToolVersion | undefined, own: { token: StaticToken | undefined } | undefined): Finding[] {
  if (row.support.kind !== 'unless-static-token') return [];
  // On CircleCI pnpm 11 reads `NPM_ID_TOKEN` only from 11.0.7 on; pnpm 10 and older publish through npm.
  if (t.site.provider === 'circleci') return v && tv.versionVerdict(v, row.support.broken) === 'yes' ? circleciVersionCheck(t, row, v) : [];
  if (!v) return [];
  if (tv.versionVerdict(v, row.support.broken) !== 'yes') return own ? [] : pnpmPlaceholder(t, v);
  const token = own?.token ?? staticToken(t);
  if (!token) return [];
  const data = { command: t.command, version: v.spec, source: v.label, token: token.label, required: row.support.fixed, consequence: row.consequence, how: upgradeHow(v, 'pnpm', row.support.fixed, t) };
  return [{ messageId: 'pnpmStaticToken', data, related: [...related(v, 'pnpm'), { at: token.at, label: 'static token configured here' }] }];
}

/** pnpm 11.0.7 to 11.1.2 after setup-node (v7 or later) `registry-url` with `NODE_AUTH_TOKEN` unset: the placeholder is sent as the token (`pnpm-11-placeholder`). */
function pnpmPlaceholder(t: Target, v: ToolVersion): Finding[] {
  const row = toolSupport('pnpm-11-placeholder');
  if (row.support.kind !== 'from' || tv.versionVerdict(v, `>=11.0.0 <${row.support.version}`) !== 'yes') return [];
  const token = placeholderToken(t);
  if (!token) return [];
  const fixed = row.support.version;
  const data = { command: t.command, version: v.spec, source: v.label, token: token.label, required: fixed, consequence: row.consequence, how: upgradeHow(v, 'pnpm', fixed, t) };
  const at = [...related(v, 'pnpm'), { at: token.at, label: 'registry-url without NODE_AUTH_TOKEN' }];
  // A setup-node ref or a registry not known: it may be the placeholder, a warning (config.ts `placeholderToken`).
  return [token.doubt === undefined ? { messageId: 'pnpmPlaceholder', data, related: at } : { messageId: 'pnpmPlaceholderMay', data: { ...data, doubt: token.doubt }, related: at }];
}
