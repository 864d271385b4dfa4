/**
 * Facts about a CircleCI job that trusted-publishing rules need, from the model in `config.ts`:
 * the Node of its primary container image (`cimg/node:24.15`, `node:24`, `circleci/node:22`), the
 * npm at a publish (bundled, upgraded by an earlier `npm i -g npm@x`, or pinned), whether
 * `NPM_ID_TOKEN` reaches a publish and from where, its resource class, and the environment entries
 * and run lines that carry npm tokens. Pure functions over the model (the per-job answers several
 * functions share are memoised per run in `CircleJobFacts`, ./job-facts.ts); rules decide.
 */
import { semver } from '../core/semver.js';
import type { Location } from '../../yaml/span.js';
import { dockerHubName } from '../data/image-mirrors.js';
import { NODE_RELEASES } from '../data/node-releases.js';
import { leastCertain, type Certainty, type PublishCommand } from '../npm/publish-site.js';
import { nodeResolution, resolveNodeSpec, whereToSetNode, type NodeContext, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { npmAfter, resolveNpmSpec, type NpmAtPublish } from '../npm/npm-version.js';
import { scriptUpgradesBefore } from '../npm/script-upgrades.js';
import type { CircleJobFacts } from './job-facts.js';
import { circleCommandNode, circleIgnoredSudo, circleSwitchedUpgrades } from './node-switch.js';
import { configLineTokenSets } from './config-line-token.js';
import { publishInShell } from '../npm/node-switch.js';
import { frozenNodeImage, noNodeIn, parseKnownNodeImage } from '../npm/node-images.js';
import { orbNpmUpgradeOf, type CircleOrbNpmUpgrade } from './orb-npm.js';
import { orbInstallNode } from './orb-node.js';
import { pipelineDefaults } from './template.js';
import type { CircleConfig, CircleEnvEntry, CircleImage, CircleJob, CircleNpmIdTokenSet, CircleNpmUpgrade, CircleOidcGet, CircleStep, CircleSubstitution } from './types.js';

/**
 * The Node a job's steps run on, up to the step `before` (exclusive): the last `circleci/node` orb
 * `install` before it (its `node-version`, parameters expanded; without one what the orb version
 * pinned does: `orbInstallNode`, ./orb-node.ts), else the primary container image (also
 * the image of a known orb executor, `node/default`: its `tag` argument, else the default of the orb
 * version pinned).
 * Machine and macOS executors, images that are not Node images and unresolved parameters give
 * unknown. `files` lets it read `.nvmrc` or `.node-version` (without it, an install without `node-version` is unknown).
 * Decided once per job, step and reader by `CircleJobFacts.jobNode` (./job-facts.ts).
 */
export function computeJobNode(job: CircleJob, before?: CircleStep, files?: NodeContext): NodeResolution {
  const steps = before ? job.steps.slice(0, before.index) : job.steps;
  const orbInstall = steps.filter((s) => s.kind === 'orb' && s.orb?.command === 'install' && /^circleci\/node@/.test(s.orb.ref ?? '')).at(-1);
  if (orbInstall) return orbInstallNode(orbInstall, files);
  const primary = job.docker[0];
  if (!primary) {
    if (job.orb !== undefined) {
      const ref = job.steps.find((s) => s.orb?.job)?.orb?.ref ?? job.orb;
      return { unknown: `the job is defined in the orb "${ref}", which tp-doctor does not fetch`, origins: [] };
    }
    if (job.executor?.orb !== undefined) {
      return { unknown: `the job runs on the orb executor "${job.executor.name}", which tp-doctor does not read`, origins: [] };
    }
    const what = job.executorKind === 'machine' ? 'a machine image' : job.executorKind === 'macos' ? 'a macOS image' : 'an executor tp-doctor cannot read';
    return { unknown: `the job runs on ${what}, whose preinstalled Node tp-doctor cannot know`, origins: [] };
  }
  const image = primary.image;
  // The image of a known orb executor (`node/default`): its tag's default comes with the orb's version.
  const known = job.executor?.known;
  const from = (s: CircleSubstitution): string => (known && s.from === 'default' && s.name === 'parameters.tag' ? `default of ${known.ref}` : substitutionFrom(s));
  const substituted = image.substituted.map((s): NodeOrigin => ({ label: `${s.name} = "${s.value}" (${from(s)})`, kind: 'env', at: s.node }));
  const label = known ? `image "${image.raw}" of the orb executor "${job.executor?.name ?? ''}"` : `image "${image.raw}"`;
  const origins: NodeOrigin[] = [{ label, kind: 'container', at: image.node }, ...substituted];
  if (known && image.unknown.includes('parameters.tag')) {
    return { unknown: `the job runs on the orb executor "${job.executor?.name ?? ''}" (image "${image.raw}"), whose default \`tag\` depends on the version of "${known.ref}", which tp-doctor cannot tell`, origins };
  }
  if (image.unknown.length > 0) {
    return { unknown: `the job image "${image.raw}" uses ${image.unknown.map((u) => `\`<< ${u} >>\``).join(', ')}, which tp-doctor cannot resolve`, origins };
  }
  const frozen = frozenNodeImage(image.text);
  if (frozen !== undefined) return { unknown: frozen, origins };
  const spec = parseKnownNodeImage(image.text);
  if (spec === undefined) return { unknown: `the job runs in image "${image.text}", which is not a Node image`, origins, noNode: noNodeIn(image.text) };
  const assumed = pipelineDefaults(image)[0];
  const resolution = resolve(spec, origins);
  if (assumed) resolution.assumed = `the image comes from \`${assumed.name}\`, whose default is "${assumed.value}"; a pipeline triggered with another value runs another image`;
  return resolution;
}

/** Where a substituted value comes from, in words: `argument`, `default`, `matrix`, `pipeline default`. */
export function substitutionFrom(s: CircleSubstitution): string {
  return s.from === 'pipeline-default' ? 'pipeline default' : s.from;
}

/**
 * The certainty of a finding that rests on a pipeline parameter's default (`pipelineDefaults`): at
 * most `likely`, since a triggered pipeline may pass another value. Never an error on a guess.
 */
export function onPipelineDefault<C extends Certainty | undefined>(certainty: C, assumed: boolean): C | Certainty {
  return assumed ? leastCertain([certainty ?? 'certain', 'likely']) : certainty;
}

/** True when `offset..end` of a step's `run` command holds a pipeline parameter's default. */
export function readsPipelineDefault(step: CircleStep | undefined, offset: number, end: number): boolean {
  return pipelineDefaults(step?.run?.command, offset, end).length > 0;
}

function resolve(spec: string, origins: NodeOrigin[]): NodeResolution {
  return nodeResolution(resolveNodeSpec(spec), origins);
}

/** The step of each publish command of the job (built once per job by `CircleJobFacts.stepOf`, ./job-facts.ts). */
export function stepsOfPublishes(job: CircleJob): Map<PublishCommand, CircleStep> {
  const map = new Map<PublishCommand, CircleStep>();
  for (const s of job.steps) for (const p of s.run?.publishes ?? s.orb?.publishes ?? []) if (!map.has(p)) map.set(p, s);
  return map;
}

/** An npm upgrade of the job, with what it installs as of the data date. */
export interface CircleNpmUpgradeAt extends CircleNpmUpgrade, Partial<Pick<CircleOrbNpmUpgrade, 'viaOrb' | 'assumed'>> {
  step: CircleStep;
  version?: string;
  /** The committed shell script the command is in (`script-upgrades.ts`); `location` is in that file. */
  viaScript?: string;
  /** With `viaScript`: its index in the publish's `PublishMatch.via`. */
  viaIndex?: number;
}

/**
 * The npm upgrades that run before a publish: earlier steps (`run` lines, and orb commands that
 * upgrade npm: `orb-npm.ts`), and earlier commands of its own step.
 */
export function circleUpgradesBefore(facts: CircleJobFacts, job: CircleJob, publish: PublishCommand): CircleNpmUpgradeAt[] {
  const step = facts.stepOf(job, publish);
  if (!step) return [];
  const at = (s: CircleStep, u: CircleNpmUpgrade): CircleNpmUpgradeAt => {
    const entry: CircleNpmUpgradeAt = { ...u, step: s };
    const version = resolveNpmSpec(u.upgrade.spec);
    if (version !== undefined) entry.version = version;
    return entry;
  };
  // A `when: on_fail` step runs only after a failure, when an `on_success` publish (CircleCI's default) is skipped: its upgrade never precedes one.
  const publishOnSuccess = (step.run?.when ?? 'on_success') === 'on_success';
  const out = job.steps.slice(0, step.index).filter((s) => !(publishOnSuccess && s.run?.when === 'on_fail')).flatMap((s) => {
    const orb = s.kind === 'orb' ? orbNpmUpgradeOf(s, job) : undefined;
    return orb ? [at(s, orb)] : (s.run?.npmUpgrades ?? []).map((u) => at(s, u));
  });
  out.push(...(step.run?.npmUpgrades ?? []).filter((u) => u.upgrade.offset < publish.match.offset).map((u) => at(step, u)));
  // Then those of the committed scripts the publish runs through (`sudo` read from the command's own words).
  for (const u of scriptUpgradesBefore(publish.match)) out.push({ ...u, step, sudo: /^\s*sudo\b/.test(u.upgrade.text) });
  return out;
}

export type CircleNpmAtPublish = Omit<NpmAtPublish, 'upgrade'> & {
  upgrade?: CircleNpmUpgradeAt;
  /** An upgrade before the publish is a global install without `sudo` on a `cimg/*` image: it fails with EACCES and stops the job. */
  upgradeNeedsSudo?: true;
  /** The last `sudo` upgrade before the publish that does not reach its `$BASH_ENV` nvm Node on a `cimg/*` image (`circleIgnoredSudo`). */
  ignoredSudo?: CircleNpmUpgradeAt;
};

/**
 * The npm that runs a publish of a CircleCI job: the last upgrade before it wins (and fails on a
 * Node its engines exclude), else the version pinned in the command, else the Node's bundled npm.
 */
export function circleNpmAtPublish(facts: CircleJobFacts, job: CircleJob, publish: PublishCommand, files?: NodeContext): CircleNpmAtPublish {
  const step = facts.stepOf(job, publish);
  // After a version manager in the publishing shell (`nvm install 24`), its Node (./node-switch.ts).
  const node = circleCommandNode(job, step, publishInShell(publish.match), facts.jobNode(job, step, files), files);
  const pinned = publish.match.tool === 'npm' ? publish.match.pinnedVersion : undefined;
  const upgrades = circleUpgradesBefore(facts, job, publish);
  const sudo: Pick<CircleNpmAtPublish, 'upgradeNeedsSudo'> = upgrades.some((u) => upgradeNeedsSudo(facts, job, u)) ? { upgradeNeedsSudo: true } : {};
  const runs = node.switched?.runtime ? { ...publish.match, pathShim: undefined } : publish.match;
  const primary = job.docker[0]?.image;
  const image = primary === undefined || primary.unknown.length > 0 ? undefined : (circleImageUser(job)?.image ?? primary.text.trim());
  const ignored = circleIgnoredSudo(step, node, upgrades, image);
  return { node, ...npmAfter(node, circleSwitchedUpgrades(step, node, upgrades, image), pinned, runs), ...sudo, ...(ignored ? { ignoredSudo: ignored } : {}) };
}

/** How `NPM_ID_TOKEN` can reach a publish command. */
export interface NpmIdTokenSource {
  /**
   * `same-step`: exported (or set as the command's prefix) earlier in the publishing step;
   * `bash-env`: written to `$BASH_ENV` by an earlier step of the job (sourced by later steps);
   * `environment`: an `environment:` entry of the step, job, executor or image (a static value, or
   *   one set by a context or project variable that tp-doctor cannot see);
   * `earlier-export`: exported in an earlier step, which does NOT carry over (steps are separate shells);
   * `same-step-unexported`: assigned without `export` earlier in the publishing step (not passed to npm;
   *   after `set -a`, or followed by `export NPM_ID_TOKEN`, an assignment counts as `same-step`);
   * `same-step-bash-env`: written to `$BASH_ENV` in the publishing step itself, which CircleCI reads
   *   only when a step starts (it counts as `same-step` when the step then sources `$BASH_ENV`).
   */
  kind: 'same-step' | 'bash-env' | 'environment' | 'earlier-export' | 'same-step-unexported' | 'same-step-bash-env';
  /** The step that sets it; none for a set in a configuration's command line (`configLine`). */
  step?: CircleStep;
  /**
   * Set in the command line a tool's configuration runs the publish from (`@semantic-release/exec`'s
   * `publishCmd`), or in a committed shell script the publish runs through, before it
   * (./config-line-token.ts): that file. Its offsets are in that line or script, not in the step.
   */
  configLine?: string;
  set?: CircleNpmIdTokenSet;
  env?: CircleEnvEntry;
  /** The `circleci run oidc get` commands whose output it is (`set.oidc`), for the audience. */
  oidc: CircleOidcGet[];
  location: Location;
}

/**
 * Every way `NPM_ID_TOKEN` is set before a publish command, in the order written. Whether one of
 * them works (`same-step`, `bash-env`, or an `environment` entry) and with which audience is for
 * the rules to judge; `earlier-export` and `same-step-unexported` are listed so that a rule can say
 * why they do not count.
 */
export function npmIdTokenSources(facts: CircleJobFacts, job: CircleJob, publish: PublishCommand): NpmIdTokenSource[] {
  const step = facts.stepOf(job, publish);
  if (!step) return [];
  const out: NpmIdTokenSource[] = [];
  for (const env of job.environment) {
    if (env.name === 'NPM_ID_TOKEN') out.push({ kind: 'environment', env, oidc: [], location: { file: env.node.file, ...env.node.anchorSpan } });
  }
  for (const s of job.steps.slice(0, step.index)) {
    for (const set of s.run?.npmIdToken ?? []) {
      if (set.kind === 'bash-env') out.push({ kind: 'bash-env', step: s, set, oidc: set.oidc, location: set.location });
      else if (set.kind === 'export') out.push({ kind: 'earlier-export', step: s, set, oidc: set.oidc, location: set.location });
    }
  }
  for (const env of step.run?.environment ?? []) {
    if (env.name === 'NPM_ID_TOKEN') out.push({ kind: 'environment', env, oidc: [], location: { file: env.node.file, ...env.node.anchorSpan } });
  }
  const offset = publish.match.offset;
  const text = step.run?.command.text ?? '';
  for (const set of step.run?.npmIdToken ?? []) {
    if (set.offset > offset) continue;
    const oidc = set.oidc;
    if (set.kind === 'bash-env') {
      const between = text.slice(set.end, Math.min(offset, text.length));
      const sourced = /(?:^|[\s;&|(])(?:source|\.)\s+["']?\$\{?BASH_ENV\}?/.test(between);
      out.push({ kind: sourced ? 'same-step' : 'same-step-bash-env', step, set, oidc, location: set.location });
    } else if (set.kind === 'export') out.push({ kind: 'same-step', step, set, oidc, location: set.location });
    else if (set.kind === 'prefix' && set.end >= publish.match.end && set.offset <= publish.match.offset) out.push({ kind: 'same-step', step, set, oidc, location: set.location });
    else if (set.kind === 'assign') {
      // `set -a` (`set -o allexport`) earlier in the step exports every later assignment.
      // `set -a` (`set -o allexport`) before it exports the assignment; so does a later `export NPM_ID_TOKEN` before the publish.
      const allexport = /(?:^|[\s;&|])set\s+(?:-[b-zA-Z]*a[a-zA-Z]*|-o\s+allexport)(?=\s|;|$)/m.test(text.slice(0, set.offset));
      const exportedLater = /(?:^|[\s;&|(])(?:export|declare\s+-x|typeset\s+-x)\s+(?:[A-Za-z_][A-Za-z0-9_]*\s+)*NPM_ID_TOKEN(?![=\w])/m.test(text.slice(set.end, Math.min(offset, text.length)));
      out.push({ kind: allexport || exportedLater ? 'same-step' : 'same-step-unexported', step, set, oidc, location: set.location });
    }
  }
  // A configuration's command line on the publish's way (`publishCmd`) and a committed script it runs
  // through run in shells the step starts. Only a set that reaches the publish: one that does not is
  // for the `unseen` reason to name.
  for (const { set, oidc, reaches, file } of configLineTokenSets(publish)) {
    if (reaches) out.push({ kind: 'same-step', set, oidc, location: set.location, configLine: file });
  }
  return out;
}

/** Names of environment variables that carry npm tokens (rules decide what a value means). */
export const NPM_TOKEN_VARIABLES: readonly string[] = ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'NPM_AUTH_TOKEN', 'NPM_CONFIG__AUTH', 'NPM_CONFIG_TOKEN'];

/** The `environment:` entries of the job and of its run steps whose names carry npm tokens. */
export function npmTokenEnvironment(job: CircleJob): CircleEnvEntry[] {
  const named = (e: CircleEnvEntry): boolean => NPM_TOKEN_VARIABLES.includes(e.name.toUpperCase()) || /^NPM_CONFIG_\/\/.*_AUTHTOKEN$/i.test(e.name);
  return [...job.environment, ...job.steps.flatMap((s) => s.run?.environment ?? [])].filter(named);
}

/** The contexts of the workflow invocation of this job instance (none for a definition). */
export function circleJobContexts(job: CircleJob): string[] {
  return (job.invocation?.contexts ?? []).map((c) => c.text);
}

/** The configuration path as CircleCI and npm name it: repository-relative, no `./`, forward slashes. */
export function normalizeConfigPath(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

/**
 * True when a CircleCI publisher (declared or inferred) names this configuration file, or, for a
 * configuration a setup configuration continues with, the setup file (which the pipeline
 * definition runs; the continued jobs run in the same pipeline).
 */
export function hasCirclePublisher(config: CircleConfig, publishers: readonly { provider: string; configFile?: string }[]): boolean {
  const files = [config.file, ...(config.continuedFrom ? [config.continuedFrom.file] : [])].map(normalizeConfigPath);
  return publishers.some((p) => p.provider === 'circleci' && p.configFile !== undefined && files.includes(normalizeConfigPath(p.configFile)));
}

/**
 * The source of `NPM_ID_TOKEN` that the publish command sees, among the working ones: a set earlier
 * in its own step (the last one) wins over a `$BASH_ENV` write of an earlier step (sourced when the
 * step starts), which wins over an `environment:` entry (the step's over the job's). Undefined when
 * none of them reaches the command.
 */
export function effectiveNpmIdToken(sources: readonly NpmIdTokenSource[]): NpmIdTokenSource | undefined {
  return sources.filter((s) => s.kind === 'same-step').at(-1) ?? sources.filter((s) => s.kind === 'bash-env').at(-1) ?? sources.filter((s) => s.kind === 'environment').at(-1);
}

/**
 * `$CIRCLE_OIDC_TOKEN` / `$CIRCLE_OIDC_TOKEN_V2` in the value of an `NPM_ID_TOKEN` set: the token
 * CircleCI puts in every job's environment, whose audience is the organization ID (not npm's).
 */
export function circleOidcEnvToken(set: Pick<CircleNpmIdTokenSet, 'text'>): string | undefined {
  const m = /\$\{?(CIRCLE_OIDC_TOKEN(?:_V2)?)\b/.exec(set.text);
  return m?.[1];
}

/**
 * The user the job's primary container image runs as, when tp-doctor knows it: CircleCI's
 * convenience images (`cimg/*`) and the legacy `circleci/*` images run as the user `circleci`, who
 * needs `sudo` to write below `/usr/local` (where `npm install -g` installs); Docker's official
 * `node` images run as `root`. Undefined for other images, unresolved parameters and non-Docker
 * executors.
 */
export function circleImageUser(job: CircleJob): { user: 'circleci' | 'root'; image: string; node: CircleImage['node'] } | undefined {
  const primary = job.docker[0];
  if (!primary || primary.image.unknown.length > 0) return undefined;
  const image = dockerHubName(primary.image.text.trim().replace(/@sha256:[0-9a-f]+$/i, '')).replace(/^(?:docker\.io|index\.docker\.io)\//i, '');
  if (/^(?:cimg|circleci)\//i.test(image)) return { user: 'circleci', image, node: primary.image.node };
  if (/^(?:library\/)?node(?::|$)/i.test(image)) return { user: 'root', image, node: primary.image.node };
  return undefined;
}

/**
 * True when a global npm install of the job fails with EACCES because it lacks `sudo`: the primary
 * image runs as `circleci` (a `cimg/*` image), the Node is the image's own (the node orb's `install`
 * puts Node in the user's home), and no earlier command moved npm's global prefix.
 */
export function upgradeNeedsSudo(facts: CircleJobFacts, job: CircleJob, upgrade: CircleNpmUpgradeAt): boolean {
  // Only npm's own global install writes below `/usr/local` (`unknown`: another manager's global directory, or files written by hand).
  if (upgrade.sudo || upgrade.upgrade.viaCorepack || upgrade.upgrade.unknown !== undefined) return false;
  if (circleImageUser(job)?.user !== 'circleci') return false;
  if (facts.jobNode(job, upgrade.step).origins[0]?.kind !== 'container') return false;
  const before = job.steps.slice(0, upgrade.step.index + 1).map((s) => (s === upgrade.step ? (s.run?.command.text ?? '').slice(0, upgrade.upgrade.offset) : (s.run?.command.text ?? '')));
  const prefixMoved = (text: string): boolean => /\bnpm\s+(?:config\s+)?set\s+prefix\b|NPM_CONFIG_PREFIX=/i.test(text);
  const envPrefix = [...job.environment, ...(upgrade.step.run?.environment ?? [])].some((e) => e.name.toUpperCase() === 'NPM_CONFIG_PREFIX');
  return !envPrefix && !before.some(prefixMoved) && !job.steps.slice(0, upgrade.step.index).some((s) => s.kind === 'orb' || s.kind === 'unknown');
}

/**
 * How messages name a step: `step "Publish"` for a named `run` step; otherwise its position
 * (1-based, `checkout` included) and the first line of its command, the way CircleCI titles it
 * (`step 3 (`npm publish`)`); with the reusable command it comes from.
 */
export function describeCircleStep(step: CircleStep): string {
  const name = step.run?.name?.text.trim();
  const first = step.run?.command.raw.trim().split('\n')[0]?.trim() ?? '';
  const short = first.length > 40 ? `${first.slice(0, 39)}…` : first;
  const what = step.kind === 'run' ? `\`${short}\`` : step.kind === 'orb' ? `orb ${step.orb?.job ? 'job' : 'command'} \`${step.orb?.alias}/${step.orb?.command}\`` : step.kind;
  const base = name ? `step "${name}"` : `step ${step.index + 1} (${what})`;
  const via = step.via.at(-1);
  // The position is the step's in the job (commands expanded), not in the reusable command.
  return via ? `${base}, from command \`${via.command}\`` : base;
}

/**
 * The first `cimg/node` image (`cimg/node:24.15`) from which every later release of its Node line
 * ships at least npm `npm`, from the bundled-npm table (cimg images carry Node's own npm).
 */
export function cimgShipping(npm: string): string | undefined {
  const rows = NODE_RELEASES.filter((r) => semver.major(r.version) >= 24);
  const ok = rows.filter((r, i) => rows.slice(i).every((x) => semver.major(x.version) !== semver.major(r.version) || semver.gte(x.npm, npm)));
  const first = ok.find((r) => semver.gte(r.npm, npm));
  return first ? `cimg/node:${semver.major(first.version)}.${semver.minor(first.version)}` : undefined;
}

/** The newest `cimg/node:<major>.<minor>` tag of a Node major the release table knows (cimg has no major-only tags). */
export function cimgFor(major: string): string {
  const newest = NODE_RELEASES.filter((r) => String(semver.major(r.version)) === major).at(-1);
  return newest ? `cimg/node:${semver.major(newest.version)}.${semver.minor(newest.version)}` : 'cimg/node:lts';
}

/**
 * How a fix names the place to change a CircleCI job's Node to `version` (`24.15`, `24`): the
 * `node/install` step, `.nvmrc` it reads, the `tag` of a known orb executor (`node/default`), or
 * the image (`node:<major>` for Docker's official image, else the newest `cimg/node:<major>.<minor>`
 * CircleCI publishes for it).
 */
export function whereToSetCircleNode(node: NodeResolution, version: string, job: CircleJob): string {
  const kind = node.origins[0]?.kind;
  if (kind === 'action') return `set \`node-version: "${version}"\` on the \`node/install\` step`;
  if (kind === 'file') return `set \`${node.origins[0]?.at.file ?? '.nvmrc'}\` to ${version}`;
  const major = version.split('.')[0] ?? version;
  // A command that chose the Node (`curl … setup_22.x | sudo -E bash -`, `nvm install 22`): that command with another major.
  if (kind === 'command' && node.origins[0]?.command !== undefined) return whereToSetNode(node, major);
  // A `docker run` container's image (../npm/node-switch.ts `containerNode`): Docker's `node` image of that major.
  if (kind === 'container' && node.switched?.runtime === true) return whereToSetNode(node, major);
  const executor = job.executor?.known ? job.executor.name : undefined;
  if (executor !== undefined && kind === 'container') {
    const tag = version.includes('.') ? version : cimgFor(major).replace(/^cimg\/node:/, '');
    return `pass \`tag: "${tag}"\` to the executor \`${executor}\``;
  }
  if (circleImageUser(job)?.user === 'root') return `use the image \`node:${major}\``;
  return `use the image \`${version.includes('.') ? `cimg/node:${version}` : cimgFor(major)}\``;
}
