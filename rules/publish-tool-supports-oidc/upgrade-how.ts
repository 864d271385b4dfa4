/**
 * The shared pieces of publish-tool-supports-oidc's checks (tools.ts, circleci-checks.ts): a
 * support row's first version, versions written short, the related location of a version, and how
 * to move to a version, depending on where the old one is written (the fix).
 */
import { semver } from '../../src/model/core/semver.js';
import type { ToolSupportRow } from '../../src/model/data/publish-tool-support.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import { isShaPinned } from './action-copy.js';
import type { Finding, Target } from './types.js';

export const required = (row: ToolSupportRow): string => (row.support.kind === 'from' ? row.support.version : '');
export const short = (version: string): string => version.replace(/\.0\.0$/, '').replace(/(\.\d+)\.0$/, '$1');
export const related = (v: ToolVersion | undefined, tool: string): Finding['related'] => (v ? [{ at: v.at, label: `${tool} version: ${v.label}` }] : []);

/** How to move to `version`, for the fix, depending on where the old version is written. */
export function upgradeHow(v: ToolVersion | undefined, pkg: string, version: string, t: Target): string {
  const major = String(semver.major(version));
  switch (v?.source) {
    case 'command':
      return `change the version in ${v.label} (\`${t.path}\`) to \`${pkg}@${major}\``;
    case 'action-ref':
      // Never move a commit-SHA pin to a floating tag: pin the new release's commit instead.
      return isShaPinned(t)
        ? `pin \`${t.stepPath}.uses\` to the commit SHA of ${pkg} v${version} or later, with a \`# v${version}\` comment`
        : `change \`${t.stepPath}.uses\` to \`${pkg}@v${major}\``;
    case 'action-input':
      return `set ${v.label} (\`${t.path}.with\`) to \`${major}\`, or remove it for the latest release`;
    case 'install-step':
      return `install \`${pkg}@${major}\` instead in ${v.label}`;
    case 'action-setup':
      return `set \`version: ${major}\` on \`pnpm/action-setup\``;
    case 'package-manager':
      return `set \`"packageManager": "${pkg}@${version}"\` (or later) in package.json`;
    case 'rush-json':
      return `set ${v.label} to "${version}" or later`;
    case 'yarn-path':
      return 'run `yarn set version stable` and commit the new `yarnPath` of .yarnrc.yml';
    case 'lockfile':
    case 'package-json':
      return `require \`"${pkg}": "^${version}"\` in package.json and update the lockfile`;
    default:
      return `add \`"${pkg}": "^${version}"\` to \`devDependencies\` in package.json and update the lockfile`;
  }
}

