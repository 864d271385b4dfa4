/**
 * The Node and npm of a GitLab job (docs/domain.md §2), from the pure pieces the GitHub side uses:
 * `image: node:<tag>` (variables expanded by the GitLab model) through `parseNodeImage` and
 * `resolveNodeSpec`, then the npm upgrades (`findNpmUpgrades`) in the job's script lines before the
 * publish. One answer per job, memoised per run by `GitlabJobFacts` (./job-facts.ts,
 * `ctx.facts.gitlab`); each combination of a `parallel: matrix:` is a job of its own (./matrix.ts).
 */
import { dockerHubName } from '../data/image-mirrors.js';
import type { GitlabJob, GitlabScriptLine, GitlabVariable } from './types.js';
import type { Location } from '../../yaml/span.js';
import { frozenNodeImage, noNodeIn, parseKnownNodeImage } from '../npm/node-images.js';
import { nodeResolution, resolveNodeSpec, whereToSetNode, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { resolveNpmSpec, type NpmAtPublish } from '../npm/npm-version.js';
import { findNpmUpgrades, type NpmUpgrade } from '../npm/publish-commands.js';
import { markFailureReading } from '../npm/upgrade-failure.js';

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
 * `node:24`"); variables that gave its value follow. Decided once per job and run by
 * `GitlabJobFacts.jobNode` (./job-facts.ts).
 */
export function readJobNode(job: GitlabJob): NodeResolution {
  const image = job.image;
  if (!image) {
    return {
      unknown: 'the job has no `image:`, so it runs in the runner\'s default image, whose Node (if any) tp-doctor cannot know',
      origins: [],
    };
  }
  const vars = image.expanded !== undefined ? variablesIn(image.name, job) : [];
  const inputs = image.expanded !== undefined ? (image.inputs ?? []) : [];
  const parts = [...vars.map((v) => `${v.name} = "${v.value ?? ''}"`), ...inputs.map((i) => `input ${i.name} = "${i.value}"${i.overridable ? ' (the default, which a pipeline run may override)' : ''}`)];
  const label = parts.length > 0 ? `image "${image.name}" with ${parts.join(', ')}` : `image "${image.name}"`;
  const origins: NodeOrigin[] = [
    { label, kind: 'container', at: image.origin.node },
    ...vars.map((v): NodeOrigin => ({ label: `${v.level === 'matrix' ? 'matrix value' : 'variable'} ${v.name} = "${v.value ?? ''}"`, kind: v.level === 'matrix' ? 'matrix' : 'env', at: v.valueNode ?? v.origin.node })),
    // A CI/CD input's value: where the include gives it, or the `spec:` default.
    ...inputs.flatMap((i): NodeOrigin[] => (i.node ? [{ label: `input ${i.name} = "${i.value}"`, kind: 'env', at: i.node }] : [])),
  ];
  // GitLab's Dependency Proxy prefix is a predefined variable: the name after it is Docker Hub's (data/image-mirrors.ts).
  const behindProxy = image.expanded === undefined ? dockerHubName(image.name.trim()) : undefined;
  const named = behindProxy !== undefined && behindProxy !== image.name.trim() && !behindProxy.includes('$') ? behindProxy : image.expanded;
  if (named === undefined) {
    const what = image.name.includes('$[[') ? 'a CI/CD input or variable' : 'a variable';
    return { unknown: `the job image "${image.name}" uses ${what} tp-doctor cannot expand`, origins };
  }
  // CircleCI's convenience images (`cimg/node:24.13`) are the same images on GitLab (../npm/node-images.ts).
  const frozen = frozenNodeImage(named);
  if (frozen !== undefined) return { unknown: frozen, origins };
  const spec = parseKnownNodeImage(named);
  if (spec === undefined) return { unknown: `the job runs in image "${named}", which is not a \`node\` image`, origins, noNode: noNodeIn(named) };
  const resolved = nodeResolution(resolveNodeSpec(spec), origins);
  // One job of a `parallel: matrix:` whose values gave the image: named as GitLab names the job.
  if (job.matrix && vars.some((v) => v.level === 'matrix')) resolved.matrix = `job "${job.matrix.label}"`;
  // The top-level file's own input default: what a pipeline gets unless its run passes another value.
  const dflt = inputs.find((i) => i.overridable);
  if (dflt) resolved.assumed = `input "${dflt.name}" is the default of the \`spec: inputs:\` of ${image.origin.node.file}, which a pipeline run may override`;
  return resolved;
}

/**
 * Where to change the Node of a GitLab job, for a fix: "set variable NODE_VERSION to `24`" when a
 * variable gave the image its version (the `variable NAME = ...` origin of `readJobNode`), else
 * `whereToSetNode` ("use the image `node:24`").
 */
export function whereToSetGitlabNode(node: NodeResolution, major: string): string {
  const variable = node.origins.find((o) => o.kind === 'env' || o.kind === 'matrix');
  const name = variable ? /^(?:variable|matrix value|input) (\S+)/.exec(variable.label)?.[1] : undefined;
  if (name && variable?.kind === 'matrix') return `use \`${major}\` for ${name} in \`parallel: matrix:\``;
  if (name && variable?.label.startsWith('input ')) return `set input ${name} to \`${major}\``;
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
  /** The committed shell script the command is in (`script-upgrades.ts`); `location` is in that file. */
  viaScript?: string;
  /** With `viaScript`: its index in the publish's `PublishMatch.via`. */
  viaIndex?: number;
  /** The line goes on after the command fails (`NpmUpgradeAt`). */
  handled?: true;
  tolerated?: true;
}

/** The npm upgrades of one script line. */
export function upgradesIn(line: GitlabScriptLine): GitlabNpmUpgrade[] {
  return findNpmUpgrades(line.text).map((upgrade) => {
    const entry: GitlabNpmUpgrade = { upgrade, line, location: { file: line.node.file, ...line.node.valueSpan(upgrade.offset, upgrade.end) } };
    // `npm i -g npm@latest || true`: the line goes on after a failure (a job's `allow_failure` does not).
    markFailureReading(entry, line.text.slice(upgrade.end));
    const version = resolveNpmSpec(upgrade.spec);
    if (version !== undefined) entry.version = version;
    return entry;
  });
}

/** Per job: the upgrades of each script line, and the lines that have any. */
export interface JobUpgrades {
  perLine: GitlabNpmUpgrade[][];
  lines: number[];
}

/** The job's upgrades, found once per job and run (`GitlabJobFacts.upgradesBefore`): a job of 10,000 publish lines is not rescanned per publish. */
export function readJobUpgrades(job: GitlabJob): JobUpgrades {
  const perLine = job.scripts.map(upgradesIn);
  return { perLine, lines: perLine.flatMap((u, i) => (u.length > 0 ? [i] : [])) };
}

export type GitlabNpmAtPublish = Omit<NpmAtPublish, 'upgrade'> & { upgrade?: GitlabNpmUpgrade };
