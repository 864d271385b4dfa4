/**
 * The Node and npm of a GitLab job (DOMAIN.md section 2), from the pure pieces the GitHub side uses:
 * `image: node:<tag>` (variables expanded by the GitLab model) through `parseNodeImage` and
 * `resolveNodeSpec`, then the npm upgrades (`findNpmUpgrades`) in the job's script lines before the
 * publish. GitLab has no matrix here: one answer per job.
 */
import type { PublishCommand } from '../npm/publish-site.js';
import type { GitlabJob, GitlabScriptLine, GitlabVariable } from './types.js';
import { scriptLineOf } from './jobs.js';
import type { Location } from '../../yaml/span.js';
import { bundledNpm, parseNodeImage, resolveNodeSpec, whereToSetNode, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { npmAfter, npmInstallsOn, resolveNpmSpec, type NpmAtPublish } from '../npm/npm-version.js';
import { findNpmUpgrades, type NpmUpgrade } from '../npm/publish-commands.js';

const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

/** The variables an expanded text used (those the job knows), in order of use. */
export function variablesIn(text: string, job: GitlabJob): GitlabVariable[] {
  const names = new Set([...text.matchAll(VARIABLE)].map((m) => m[1] ?? ''));
  return [...names].flatMap((n) => {
    const v = job.variables.get(n);
    return v ? [v] : [];
  });
}

/**
 * The Node of a GitLab job. The image is the first origin (so `whereToSetNode` says "use the image
 * `node:24`"); variables that gave its value follow.
 */
export function gitlabJobNode(job: GitlabJob): NodeResolution {
  let known = jobNodes.get(job);
  if (!known) {
    known = readJobNode(job);
    jobNodes.set(job, known);
  }
  return known;
}

const jobNodes = new WeakMap<GitlabJob, NodeResolution>();

function readJobNode(job: GitlabJob): NodeResolution {
  const image = job.image;
  if (!image) {
    return {
      unknown: 'the job has no `image:`, so it runs in the runner\'s default image, whose Node (if any) tp-doctor cannot know',
      origins: [],
    };
  }
  const vars = image.expanded !== undefined ? variablesIn(image.name, job) : [];
  const label = vars.length > 0 ? `image "${image.name}" with ${vars.map((v) => `${v.name} = "${v.value ?? ''}"`).join(', ')}` : `image "${image.name}"`;
  const origins: NodeOrigin[] = [
    { label, kind: 'container', at: image.origin.node },
    ...vars.map((v): NodeOrigin => ({ label: `variable ${v.name} = "${v.value ?? ''}"`, kind: 'env', at: v.valueNode ?? v.origin.node })),
  ];
  if (image.expanded === undefined) return { unknown: `the job image "${image.name}" uses a variable tp-doctor cannot expand`, origins };
  const spec = parseNodeImage(image.expanded);
  if (spec === undefined) return { unknown: `the job runs in image "${image.expanded}", which is not a \`node\` image`, origins };
  const result = resolveNodeSpec(spec);
  if ('unknown' in result) return { spec: result.spec, unknown: result.unknown, origins };
  const res: NodeResolution = { spec: result.spec, version: result.version, origins };
  const npm = bundledNpm(result.version);
  if (npm) res.npm = npm;
  return res;
}

/**
 * Where to change the Node of a GitLab job, for a fix: "set variable NODE_VERSION to `24`" when a
 * variable gave the image its version (the `variable NAME = ...` origin of `gitlabJobNode`), else
 * `whereToSetNode` ("use the image `node:24`").
 */
export function whereToSetGitlabNode(node: NodeResolution, major: string): string {
  const variable = node.origins.find((o) => o.kind === 'env');
  const name = variable ? /^variable (\S+)/.exec(variable.label)?.[1] : undefined;
  return name ? `set variable ${name} to \`${major}\`` : whereToSetNode(node, major);
}

/** An npm upgrade in a GitLab script line. */
export interface GitlabNpmUpgrade {
  upgrade: NpmUpgrade;
  line: GitlabScriptLine;
  /** The command inside the script line. */
  location: Location;
  /** What the spec installs as of the table date; undefined when it cannot be read. */
  version?: string;
}

function upgradesIn(line: GitlabScriptLine): GitlabNpmUpgrade[] {
  return findNpmUpgrades(line.text).map((upgrade) => {
    const entry: GitlabNpmUpgrade = { upgrade, line, location: { file: line.node.file, ...line.node.valueSpan(upgrade.offset, upgrade.end) } };
    const version = resolveNpmSpec(upgrade.spec);
    if (version !== undefined) entry.version = version;
    return entry;
  });
}

/**
 * The npm upgrades that run before a publish command: earlier script lines (`before_script` first),
 * and earlier commands of its own line.
 */
export function gitlabUpgradesBefore(job: GitlabJob, publish: PublishCommand): GitlabNpmUpgrade[] {
  const index = scriptLineOf(job, publish);
  if (index < 0) return [];
  // The job's upgrades, found once: a job of 10,000 publish lines is not rescanned per publish.
  let all = jobUpgrades.get(job);
  if (!all) {
    const perLine = job.scripts.map(upgradesIn);
    all = { perLine, lines: perLine.flatMap((u, i) => (u.length > 0 ? [i] : [])) };
    jobUpgrades.set(job, all);
  }
  const out: GitlabNpmUpgrade[] = [];
  for (const i of all.lines) if (i < index) out.push(...all.perLine[i]!);
  if (publish.match.via.length === 0) out.push(...all.perLine[index]!.filter((u) => u.upgrade.offset < publish.match.offset));
  return out;
}

/** Per job: the upgrades of each script line, and the lines that have any. */
const jobUpgrades = new WeakMap<GitlabJob, { perLine: GitlabNpmUpgrade[][]; lines: number[] }>();

export type GitlabNpmAtPublish = Omit<NpmAtPublish, 'upgrade'> & { upgrade?: GitlabNpmUpgrade };

/**
 * The npm that runs a publish command of a GitLab job. Same decision as `npmAfter` (which takes
 * GitHub steps): the last upgrade before the publish wins, and fails on a Node its engines exclude.
 */
export function gitlabNpmAtPublish(job: GitlabJob, publish: PublishCommand): GitlabNpmAtPublish {
  const node = gitlabJobNode(job);
  const pinned = publish.match.tool === 'npm' ? publish.match.pinnedVersion : undefined;
  const last = gitlabUpgradesBefore(job, publish).at(-1);
  if (pinned !== undefined || !last) {
    // Without upgrades `npmAfter` never sets `upgrade`.
    const { upgrade: _none, ...rest } = npmAfter(node, [], pinned);
    return { node, ...rest };
  }
  if (last.version === undefined) return { node, source: 'upgrade', upgrade: last, unknown: `"${last.upgrade.text}" installs an npm version tp-doctor cannot read` };
  const result: GitlabNpmAtPublish = { node, source: 'upgrade', upgrade: last, npm: { min: last.version, max: last.version } };
  if (!last.upgrade.viaCorepack && !last.upgrade.force && !npmInstallsOn(last.version, node.version)) result.upgradeFails = true;
  return result;
}
