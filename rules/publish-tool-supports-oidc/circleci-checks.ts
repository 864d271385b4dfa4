/**
 * publish-tool-supports-oidc on CircleCI: a tool with its own OIDC code must also recognise CircleCI
 * (docs/domain.md §0), so its CircleCI threshold can be later than elsewhere, and Yarn Berry has
 * none yet. Split from tools.ts.
 */
import { semver } from '../../src/model/core/semver.js';
import { NPM_FIRST_CIRCLECI_OIDC } from '../../src/model/data/node-releases.js';
import { lockedVersion } from '../../src/model/npm/lockfiles.js';
import type { ToolSupportRow } from '../../src/model/data/publish-tool-support.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import type { Finding, Target } from './types.js';
import { related, required, short, upgradeHow } from './upgrade-how.js';

/**
 * Why a tool fails on CircleCI, by support row: npm reads `NPM_ID_TOKEN` there from 11.11.0, but a
 * tool with its own OIDC code must also recognise CircleCI (docs/domain.md §0).
 */
export const CIRCLECI_CONSEQUENCE: Record<string, string> = {
  'semantic-release-npm':
    '@semantic-release/npm exchanges OIDC tokens on GitHub Actions and GitLab from 13.1.0, but on CircleCI only from 13.2.0 (13.1.x has no CircleCI branch): its `verifyConditions` step finds no token and the release stops with ENONPMTOKEN before anything is published',
  'pnpm-11':
    'pnpm 11.0.0 to 11.0.6 look for an OIDC token on GitHub Actions and GitLab only; from 11.0.7 pnpm reads `NPM_ID_TOKEN` on any CI. On CircleCI the earlier releases publish without a credential: ENEEDAUTH, or E404 / "Access token expired or revoked" when an old token is still configured',
  np: 'np detects trusted publishing on GitHub Actions and GitLab only: on CircleCI it first verifies the npm login with `npm whoami`, which has no credential, and stops with "Authentication error" before publishing',
  'yarn-berry':
    'Yarn Berry\'s OIDC code does not recognise CircleCI yet (berry#7122; reported still failing in 4.14.1): `yarn npm publish` finds no credential and fails with ENEEDAUTH / E401, or publishes with a configured long-lived `npmAuthToken`',
};

/**
 * A CircleCI threshold check (`circleci: { kind: 'from' }` rows): circleciTooOld, circleciTokenVerify
 * (a release that publishes through an npm exchanging by itself once a hidden token passes its
 * check: `tokenVerify`), or nothing.
 */
export function circleciVersionCheck(t: Target, row: ToolSupportRow, v: ToolVersion, pkg = row.package ?? row.tool): Finding[] {
  const support = row.circleci;
  if (support?.kind !== 'from') return [];
  if (tv.versionVerdict(v, `>=${support.version}`) !== 'no') return [];
  const verify = support.tokenVerify;
  if (verify && tv.versionVerdict(v, `>=${verify.from}`) === 'yes') {
    const npm = ownNpm(t, verify.npm);
    if (npm.old !== true) {
      const contexts = t.site.provider === 'circleci' ? (t.site.job.invocation?.contexts ?? []).map((c) => `"${c.text}"`) : [];
      const where = contexts.length > 0 ? `a context (the job runs under ${contexts.join(', ')}) or a project variable` : 'a project variable or a context';
      const data = { command: t.command, tool: row.tool, version: v.spec, source: v.label, required: short(support.version), from: verify.from, variable: verify.variable, where, npm: npm.text, how: upgradeHow(v, pkg, support.version, t) };
      return [{ messageId: 'circleciTokenVerify', data, related: related(v, row.tool) }];
    }
  }
  const data = {
    command: t.command,
    tool: row.tool,
    version: v.spec,
    source: v.label,
    required: short(support.version),
    consequence: CIRCLECI_CONSEQUENCE[row.id] ?? row.consequence,
    how: upgradeHow(v, pkg, support.version, t),
  };
  return [{ messageId: 'circleciTooOld', data, related: related(v, row.tool) }];
}

/**
 * The npm a tool that brings its own (`range`) runs with execa's `preferLocal`: the one installed in
 * the `node_modules/.bin` of the directory it runs in (the lockfile's `npm`, hoisted or a direct
 * dependency), else the job's npm. `old`: certainly before npm 11.11.0, which cannot exchange on
 * CircleCI.
 */
function ownNpm(t: Target, range: string): { text: string; old?: true } {
  const locked = lockedVersion(t.project, 'npm', t.dir);
  if (locked) {
    const text = `npm "${locked.spec}" (${locked.label})`;
    return tv.versionVerdict(locked, `>=${NPM_FIRST_CIRCLECI_OIDC}`) === 'no' ? { text, old: true } : { text };
  }
  const job = t.site.provider === 'circleci' ? t.facts.circleci.npmAtPublish(t.site.job, t.publish, t.project).npm : undefined;
  if (job && semver.valid(job.max) && semver.lt(job.max, NPM_FIRST_CIRCLECI_OIDC)) return { text: `npm ${job.min}`, old: true };
  if (job && job.min === job.max) return { text: `the job's npm ${job.min}` };
  return { text: `its own npm (${range}), which exchanges only from ${NPM_FIRST_CIRCLECI_OIDC}` };
}

/**
 * Yarn Berry on CircleCI: no release known to exchange there up to `checkedUpTo` (a warning, [rep]);
 * a Yarn certainly older than the row's first OIDC release (4.10) has no exchange at all, so the
 * publish certainly fails (`circleciYarnTooOld`, an error), and the fix is CircleCI's either way.
 */
export function yarnOnCircleci(t: Target, row: ToolSupportRow, v: ToolVersion | undefined): Finding | undefined {
  const support = row.circleci;
  if (support?.kind !== 'not-yet') return undefined;
  if (v && tv.versionVerdict(v, `>${support.checkedUpTo}`) === 'yes') return undefined; // newer than the data: not judged
  const circle = CIRCLECI_CONSEQUENCE[row.id] ?? row.consequence;
  const common = { command: t.command, checked: support.checkedUpTo, path: t.path, npm: NPM_FIRST_CIRCLECI_OIDC };
  const min = required(row);
  if (v && tv.versionVerdict(v, `>=${min}`) === 'no') {
    const data = { ...common, version: v.spec, source: v.label, required: short(min), consequence: `${row.consequence}; and from ${short(min)} on, ${circle}` };
    return { messageId: 'circleciYarnTooOld', data, related: related(v, row.tool) };
  }
  const version = v ? `"${v.spec}" (${v.label})` : 'of an unknown version';
  return { messageId: 'circleciNotYet', data: { ...common, version, consequence: circle }, related: related(v, row.tool) };
}

