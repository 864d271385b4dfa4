/**
 * The Node a `circleci/node` orb `install` step installs: its `node-version` (parameters expanded),
 * else what the orb version pinned does without one (`NODE_ORB_INSTALLS` in ../data/orbs.ts: the
 * newest Node in 1.x to 4.x, `.nvmrc` in 5.x, `.nvmrc` then `.node-version` in 6.x and 7.x, then the
 * LTS). A version tp-doctor cannot tell, or a major it does not know, leaves such a Node unknown.
 */
import type { Location } from '../../yaml/span.js';
import { nodeOrbInstall } from '../data/orbs.js';
import { nodeResolution, resolveNodeSpec, type NodeContext, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { FALSE, orbRefParts, TRUE } from './orb-npm.js';
import { pipelineDefaults } from './template.js';
import type { CircleStep, CircleSubstitution } from './types.js';

/** A `circleci/node` orb `install` step with a `node-version` tp-doctor can read, which installs that Node. */
export interface CircleNodeInstall {
  step: CircleStep;
  spec: string;
  /** The `node-version:` argument. */
  at: Location;
  /** Set when the version is a pipeline parameter's default (a trigger may pass another). */
  assumed?: CircleSubstitution;
}

/**
 * `<alias>/install` of the circleci/node orb with `node-version:` (orb read by name only), its
 * parameters expanded (`<< parameters.x >>`, a pipeline parameter's literal default).
 */
export function nodeInstallOf(step: CircleStep, orbRef: string | undefined): CircleNodeInstall | undefined {
  if (step.kind !== 'orb' || step.orb?.command !== 'install' || !/^circleci\/node@/.test(orbRef ?? step.orb.ref ?? '')) return undefined;
  const arg = step.orb.args.get('node-version');
  const text = step.orb.texts.get('node-version');
  if (!arg || !text || text.unknown.length > 0 || text.text.trim() === '') return undefined;
  const install: CircleNodeInstall = { step, spec: text.text.trim(), at: { file: arg.file, ...arg.span } };
  const assumed = pipelineDefaults(text)[0];
  if (assumed) install.assumed = assumed;
  return install;
}

/** Every file some version of the orb reads without a `node-version`. */
const ANY_VERSION_FILES = ['.nvmrc', '.node-version'];

function resolve(spec: string, origins: NodeOrigin[]): NodeResolution {
  return nodeResolution(resolveNodeSpec(spec), origins);
}

/** The Node the `circleci/node` orb `install` step `step` installs (see the file's comment). `files` lets it read the version files. */
export function orbInstallNode(step: CircleStep, files?: NodeContext): NodeResolution {
  const origin: NodeOrigin = { label: 'node/install', kind: 'action', at: step.node };
  const ref = step.orb?.ref ?? '';
  const behaviour = nodeOrbInstall(orbRefParts(ref).version);
  // 4.x: `lts: true` installs the LTS whatever `node-version` says.
  const ltsParameter = behaviour?.ltsParameter === undefined ? undefined : step.orb?.texts.get(behaviour.ltsParameter);
  if (ltsParameter) {
    const value = ltsParameter.text.trim();
    if (ltsParameter.unknown.length > 0 || !(TRUE.test(value) || FALSE.test(value))) return { unknown: `its \`node/install\` step has \`lts: ${ltsParameter.raw.trim()}\`, which tp-doctor cannot resolve`, origins: [origin] };
    if (TRUE.test(value)) return resolve('lts/*', [{ ...origin, label: 'node/install `lts: true` (the LTS)' }]);
  }
  const install = nodeInstallOf(step, ref);
  // `lts` reads the version files first in 5.0.1 and later; with a version tp-doctor cannot tell, only when there are none.
  const ltsReadsFiles = install !== undefined && install.spec.toLowerCase() === 'lts' && (behaviour ? behaviour.ltsReadsFiles === true : ANY_VERSION_FILES.some((f) => files?.fs.exists(f) !== false));
  if (install && !ltsReadsFiles) {
    const resolution = resolve(install.spec, [{ label: `node/install \`node-version: ${install.spec}\``, kind: 'action', at: install.at }]);
    const assumed = install.assumed;
    if (assumed) resolution.assumed = `\`node-version\` comes from \`${assumed.name}\`, whose default is "${assumed.value}"; a pipeline triggered with another value installs another Node`;
    return resolution;
  }
  const arg = step.orb?.args.get('node-version');
  if (!install && arg && (arg.text ?? '').trim() !== '') return { unknown: `its \`node/install\` step has \`node-version: ${arg.text ?? ''}\`, which tp-doctor cannot resolve`, origins: [origin] };
  const without = install ? '`node-version: lts`' : 'no `node-version`';
  if (!behaviour) {
    return { unknown: `its \`node/install\` step has ${without}; what "${ref}" then installs depends on its version (the newest Node in 1.x to 4.x; \`.nvmrc\`, \`.node-version\` from 6.x, else the LTS in 5.x to 7.x), which tp-doctor cannot tell`, origins: [origin] };
  }
  const versionFiles = behaviour.versionFiles;
  if (!versionFiles) return { unknown: `its \`node/install\` step has ${without}, so "${ref}" installs the newest Node release when the job runs`, origins: [origin] };
  const names = versionFiles.map((f) => `\`${f}\``).join(' or ');
  if (!files) return { unknown: `its \`node/install\` step has ${without}, so it installs the version in ${names} (or the LTS)`, origins: [origin] };
  for (const file of versionFiles) {
    if (!files.fs.exists(file)) continue;
    const read = files.facts.nodeVersionFile(file);
    if ('unknown' in read) return { unknown: `its \`node/install\` step reads \`${file}\`: ${read.unknown}`, origins: [origin] };
    return resolve(read.spec, [{ label: `${file} (read by node/install)`, kind: 'file', at: read.at }, origin]);
  }
  return resolve('lts/*', [{ ...origin, label: `node/install with ${without} and no ${names} (the LTS)` }]);
}
