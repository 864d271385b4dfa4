/**
 * A multi-semantic-release package whose release depends on a semantic-release of its own
 * (src/model/data/multi-semantic-release.ts): that copy runs, with the @semantic-release/npm it
 * brings, not the repository's. A warning (`unsure`): which copy the package manager installs
 * and where may still depend on the repository's other dependencies.
 */
import semver from 'semver';
import { MULTI_SEMANTIC_RELEASE_COPIES, MULTI_SEMANTIC_RELEASE_WAY_OUT } from '../../src/model/data/multi-semantic-release.js';
import { toolSupport } from '../../src/model/data/publish-tool-support.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import type { Finding, Target } from './types.js';

/** `tooOld` (unsure) when the publish runs a multi-semantic-release whose own semantic-release predates trusted publishing. */
export function multiSemanticReleaseCopy(t: Target, installed: (name: string) => ToolVersion | undefined): Finding[] {
  if (t.publish.match.recognizer !== 'multi-semantic-release') return [];
  const support = toolSupport('semantic-release');
  if (support.support.kind !== 'from') return [];
  const min = semver.major(support.support.version);
  for (const [pkg, rows] of Object.entries(MULTI_SEMANTIC_RELEASE_COPIES)) {
    const v = installed(pkg);
    const row = v && rows.find((r) => tv.versionVerdict(v, r.versions) === 'yes');
    if (!v || !row || (semver.minVersion(row.semanticRelease)?.major ?? min) >= min) continue;
    const data = { command: t.command, tool: support.tool, version: row.semanticRelease, source: `the dependency of ${pkg} "${v.spec}", ${v.label}`, required: String(min), consequence: support.consequence, how: MULTI_SEMANTIC_RELEASE_WAY_OUT };
    return [{ messageId: 'tooOld', data, related: [{ at: v.at, label: `${pkg} version: ${v.label}` }], unsure: true }];
  }
  return [];
}
