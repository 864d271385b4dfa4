/**
 * A multi-semantic-release package whose release depends on a semantic-release of its own
 * (src/model/data/multi-semantic-release.ts): that copy runs, with the @semantic-release/npm it
 * brings, not the repository's; unless the repository's lockfile installs another for it, or its
 * overrides force one (`resolutions`, `overrides`, `pnpm.overrides`: `dependencyOfVersion`). A
 * warning (`unsure`): which copy the package manager installs and where may still depend on the
 * repository's other dependencies.
 */
import { semver } from '../../src/model/core/semver.js';
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
    if (!v || !row) continue;
    // The repository's copy gets what its lockfile installs or its overrides force (a copy the job
    // installs itself, `npx pkg@7`, `npm i -g pkg`, gets neither); else the package's own range.
    const repoCopy = v.source === 'lockfile' || v.source === 'package-json';
    const forced = repoCopy ? tv.dependencyOfVersion(t.project, pkg, 'semantic-release', row.semanticRelease, t.dir) : undefined;
    const spec = forced === undefined ? row.semanticRelease : tv.normalizeSpec(forced.spec);
    // An override tp-doctor cannot read as a version (a dist-tag, a git URL) or `latest`: nothing to judge.
    if (spec === undefined || spec === 'latest' || (semver.minVersion(spec)?.major ?? min) >= min) continue;
    const of = `the dependency of ${pkg} "${v.spec}", ${v.label}`;
    const source = forced ? `${forced.label}, for ${of}` : of;
    const related = [{ at: v.at, label: `${pkg} version: ${v.label}` }, ...(forced ? [{ at: forced.at, label: `semantic-release version: ${forced.label}` }] : [])];
    const data = { command: t.command, tool: support.tool, version: forced?.spec ?? row.semanticRelease, source, required: String(min), consequence: support.consequence, how: MULTI_SEMANTIC_RELEASE_WAY_OUT };
    return [{ messageId: 'tooOld', data, related, unsure: true }];
  }
  return [];
}
