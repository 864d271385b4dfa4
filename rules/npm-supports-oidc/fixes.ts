/**
 * The edits of npm-supports-oidc (see "Fixes" on the rule page). A Node version written as a
 * literal in the publishing workflow itself (setup-node's `node-version`, pnpm/setup's `runtime:
 * node@<version>`, the job container's or GitLab job's `node:` image) is changed to the major that bundles a trusted-publishing npm:
 * `--fix` applies that. Values that other jobs or tools share (a matrix value, an `env` or GitLab
 * variable, `.nvmrc`) and the alternative of an npm upgrade step are suggestions.
 */
import { semver } from '../../src/model/core/semver.js';
import type { FixSpec } from '../../src/fix/edits.js';
import { insertItemBefore, replaceInScalar, setScalar, YamlRaw, yamlFix } from '../../src/fix/yaml.js';
import { NPM_LINES } from '../../src/model/data/node-releases.js';
import type { Step } from '../../src/model/github/types.js';
import { exactRelease, type NodeOrigin, type NodeResolution } from '../../src/model/npm/node-version.js';
import type { YNode } from '../../src/yaml/parse.js';

function isNode(at: NodeOrigin['at']): at is YNode {
  return typeof (at as YNode).doc === 'object';
}

/** `node:20-alpine` → `node:24-alpine` (the tag's version becomes the bare major); undefined for other images. */
export function retagNodeImage(image: string, major: string): string | undefined {
  const m = /^((?:[\w.-]+\/)*(?:library\/)?node:)v?\d+(?:\.\d+){0,2}(-[\w.-]+)?$/i.exec(image.trim());
  return m ? `${m[1]}${major}${m[2] ?? ''}` : undefined;
}

/** The edit that makes `origin` name Node `major`, or undefined when it cannot be written safely. */
function setOrigin(origin: NodeOrigin, major: string): FixSpec | undefined {
  // The image an action runs in (mikeal/merge-release): nothing in the workflow names its Node.
  if (origin.kind === 'image') return undefined;
  const at = origin.at;
  if (!isNode(at)) {
    // A version file line (`.nvmrc`): its span is the version as written.
    // Only a plain version file (`.nvmrc`, `.node-version`), whose span is the version as written.
    if (origin.kind !== 'file' || !/(?:^|\/)\.(?:nvmrc|node-version)$/.test(at.file)) return undefined;
    return { file: at.file, description: `Set ${origin.label} to \`${major}\``, edits: [{ at: { start: at.start, end: at.end }, text: major }] };
  }
  const text = at.text?.trim();
  if (text === undefined || text.includes('${{')) return undefined;
  if (origin.kind === 'container') {
    const next = retagNodeImage(text, major);
    if (next === undefined || next === text) return undefined;
    const start = (at.text ?? '').indexOf(text);
    return yamlFix(at, `Use the image \`${next}\``, replaceInScalar(at, start, start + text.length, next));
  }
  // An input that holds more than the version (`runtime: node@22`): the version after its prefix.
  const prefix = origin.written?.prefix ?? '';
  if (!text.startsWith(prefix)) return undefined;
  // A place that takes only an exact version (Volta's `volta.node`): the newest release of that major.
  const version = origin.exact ? exactRelease(major) : major;
  return yamlFix(at, `Set ${origin.label} to \`${prefix}${version}\``, setScalar(at, `${prefix}${version}`));
}

/**
 * The Node change for a bundled npm that is too old: a fix when the deciding value is a literal
 * `node-version:` input or `node:` image in `file` (the workflow or GitLab file of the finding),
 * else a suggestion.
 */
export function nodeFixes(node: NodeResolution, major: string, file: string): { fix?: FixSpec; suggest: (FixSpec | undefined)[] } {
  const origin = node.origins[0];
  if (!origin) return { suggest: [] };
  const spec = setOrigin(origin, major);
  const certain = (origin.kind === 'input' || origin.kind === 'container') && node.origins.length === 1 && spec?.file === file;
  return certain ? { fix: spec, suggest: [] } : { suggest: [spec] };
}

/**
 * The other way out: an `npm install -g npm@^<required>` step right before the publishing step,
 * when npm 11 installs on the job's Node and no toolchain manager runs it (a suggestion: it adds a step).
 */
export function upgradeStepSuggestion(step: Step, node: NodeResolution, required: string): FixSpec | undefined {
  const npm11 = NPM_LINES.find((l) => l.major === 11)?.engines;
  // Under a toolchain manager (Volta) the npm is pinned there instead (`fixFor`); after a version
  // manager's switch in the step (`nvm install 22`) a step before it upgrades another Node's npm.
  if (node.toolchain !== undefined || node.switched !== undefined || node.version === undefined || npm11 === undefined || !semver.satisfies(node.version, npm11)) return undefined;
  const steps = step.job.node.get('steps');
  if (!steps) return undefined;
  const command = `npm install -g npm@^${required}`;
  return yamlFix(step.node, `Add a step \`run: ${command}\` before the publish`, insertItemBefore(steps, step.node, { name: 'Use an npm with trusted publishing', run: command }));
}

/**
 * For a job whose Node tp-doctor cannot see (no setup-node, no `node:` container): an
 * `actions/setup-node` step with `node-version: 24` before the publishing step (a suggestion: the
 * runner image's Node may be what the build expects).
 */
export function setupNodeSuggestion(step: Step): FixSpec | undefined {
  const job = step.job;
  if (job.container !== undefined || job.steps.some((s) => s.uses?.name.toLowerCase() === 'actions/setup-node')) return undefined;
  const steps = job.node.get('steps');
  if (!steps) return undefined;
  return yamlFix(step.node, 'Add an `actions/setup-node` step with `node-version: 24` before the publish', insertItemBefore(steps, step.node, { uses: 'actions/setup-node@v5', with: { 'node-version': new YamlRaw('24') } }));
}
