/**
 * Provider-neutral questions about a publish site that several rules ask: the environment the
 * publish command sees, and where the site is, in words.
 */
import type { YNode } from '../yaml/parse.js';
import { publishedName } from './npm/name-suffix.js';
import type { PublishSite } from './publish.js';
import { mayBeSetAtRunTime } from './github/env-context.js';
import type { ReadAction } from './github/uses-steps.js';
import { mayChangeVariable } from './npm/script-index.js';
import { githubEnvWrites } from './github/env-file.js';
import { splitCommands } from './npm/shell.js';
import { setsAnyVariable } from './npm/shell-definitions.js';

/** An environment variable a publish command sees, as written in the CI file. */
export interface SiteEnvEntry {
  name: string;
  /** The value as text (CircleCI parameters substituted); undefined when not a scalar. */
  value: string | undefined;
  /** The entry (its key is the name). */
  node: YNode;
  /** What the provider calls it: `env`, `variables`, `environment`. */
  section: 'env' | 'variables' | 'environment';
}

/**
 * The environment entries a publish command sees, the one that wins first: GitHub step, job and
 * workflow `env`; GitLab job variables (global ones merged in); CircleCI step, job, executor and
 * primary-image `environment`.
 */
export function siteEnvironment(site: PublishSite): SiteEnvEntry[] {
  if (site.provider === 'github') {
    return [...site.step.env, ...site.job.env, ...site.job.workflow.env].map((e) => ({ name: e.name, value: e.value, node: e.node, section: 'env' }));
  }
  if (site.provider === 'gitlab') {
    return [...site.job.variables.values()].map((v) => ({ name: v.name, value: v.value, node: v.origin.node, section: 'variables' }));
  }
  const entries = [...site.job.environment, ...(site.step.run?.environment ?? [])].reverse();
  return entries.map((e) => ({ name: e.name, value: e.value?.text, node: e.node, section: 'environment' }));
}

/** The entry for a variable name (case-insensitive), the one that wins. */
export function siteEnv(site: PublishSite, name: string): SiteEnvEntry | undefined {
  const lower = name.toLowerCase();
  return siteEnvironment(site).find((e) => e.name.toLowerCase() === lower);
}

/**
 * False only when environment variable `name` certainly has no value for the publish command: on
 * GitHub Actions a secret reaches a step only through `env:`, so the name is unset when no `env:`
 * of the step, job or workflow sets it (or sets it to nothing but an empty text), the step is a
 * `run:` (an action may set it itself), no earlier step may set it at run time (a remote action, a
 * `$GITHUB_ENV` write: github/env-context.ts `mayBeSetAtRunTime`; one whose names tp-doctor cannot
 * read, `cat ci.env >> "$GITHUB_ENV"`), and neither the step's script nor a `package.json` script
 * on the way to the publish assigns it or loads variables it cannot see (`source`, `.`, `eval`). On GitLab and CircleCI the
 * project's CI/CD variables and the contexts are in every job's environment and are not in the
 * files, so a name may always be set there (docs/domain.md A.37).
 */
export function variableMayBeSet(site: PublishSite, name: string, readAction: ReadAction): boolean {
  if (site.provider !== 'github') return true;
  const entry = siteEnv(site, name);
  if (entry !== undefined) return entry.value === undefined || entry.value.trim() !== '';
  const { step, publish } = site;
  if (!step.run) return true;
  const texts = [step.run.text, ...publish.match.via.map((v) => v.command), publish.match.text];
  if (texts.some((text) => mayChangeVariable(text, name) || loadsVariables(text))) return true;
  if (mayBeSetAtRunTime(step, name, readAction)) return true;
  // A `$GITHUB_ENV` write whose names tp-doctor cannot read (`cat ci.env >> "$GITHUB_ENV"`) may set any name.
  return step.job.steps.slice(0, step.index).some((s) => s.run !== undefined && unreadEnvWrites(s.run.text));
}

/** A command of `text` that may set any variable for the commands after it (`source`, `.`, `eval`, a name reference: ./npm/shell-definitions.ts `setsAnyVariable`). */
function loadsVariables(text: string): boolean {
  return splitCommands(text).some((c) => setsAnyVariable(text, c));
}

/** A `run:` text that writes to `$GITHUB_ENV` lines whose names tp-doctor does not read (fewer `NAME=value` writes than lines naming it). */
function unreadEnvWrites(text: string): boolean {
  if (!text.includes('GITHUB_ENV')) return false;
  const lines = text.split('\n').filter((l) => l.includes('GITHUB_ENV')).length;
  return githubEnvWrites(text).length < lines;
}

/** `release.yml job "publish"`, `.gitlab-ci.yml job "publish"`, `.circleci/config.yml job "publish"`. */
export function describeSiteJob(site: PublishSite): string {
  if (site.provider === 'github') return `${site.job.workflow.fileName} job "${site.job.id}"`;
  if (site.provider === 'gitlab') return `${site.pipeline.ciFile} job "${site.job.name}"`;
  return `${site.config.file} job "${site.job.name}"`;
}

/**
 * One publish command as plain data, for machine output (the JSON report's `publishes`): where it
 * is, how sure tp-doctor is that it publishes, where it goes and what it publishes.
 */
export interface PublishSummary {
  provider: PublishSite['provider'];
  /** The CI file the job is defined in (a workflow, the top-level CI file, the CircleCI configuration). */
  ciFile: string;
  /** The job id (GitHub) or name (GitLab, CircleCI). */
  job: string;
  /** The command as tp-doctor names it (`npm publish`, `changeset publish`, `"./scripts/release.sh"`). */
  command: string;
  tool: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  certainty: PublishSite['certainty'];
  /** For a possible publish: what makes tp-doctor think it may publish; null otherwise. */
  because: string | null;
  registry: PublishSite['registry']['registry'];
  /** The setting that decided the registry, in words; null for the default (registry.npmjs.org). */
  registrySource: string | null;
  /** The directory the command runs in (`` for the root); null when unknown. */
  directory: string | null;
  /**
   * `single`, `workspaces` or `unknown` (then `packages` lists the candidates, or, with none, the
   * names of the packages it publishes from directories the job makes: `PublishTargets.generatedNames`).
   */
  targets: PublishSite['targets']['kind'];
  packages: string[];
}

export function summarizeSite(site: PublishSite, renamed = false): PublishSummary {
  const loc = site.publish.location;
  const list = site.targets.kind === 'unknown' ? site.targets.candidates : site.targets.packages;
  return {
    provider: site.provider,
    ciFile: site.provider === 'github' ? site.job.workflow.file : site.provider === 'gitlab' ? site.pipeline.ciFile : site.config.file,
    job: site.provider === 'github' ? site.job.id : site.job.name,
    command: site.publish.match.label,
    tool: site.publish.match.tool,
    file: loc.file,
    line: loc.start.line,
    column: loc.start.column,
    endLine: loc.end.line,
    endColumn: loc.end.column,
    certainty: site.certainty,
    because: site.publish.because ?? null,
    registry: site.registry.registry,
    registrySource: site.registry.setting?.source ?? null,
    directory: site.directory ?? null,
    // A command before it may rename the package.json it sends (`ProjectFacts.renamesBefore`): the
    // committed name is then a candidate, not what it certainly publishes.
    targets: renamed ? 'unknown' : site.targets.kind,
    // The names it publishes them under (changelogen `--canary nightly`: `<name>-nightly`); as committed
    // when a suffix is not read or another command renames (`ProjectFacts.renamesBefore`).
    packages: list.length === 0 && site.targets.generatedNames !== undefined ? [...site.targets.generatedNames] : list.flatMap((p) => (p.name === undefined ? [] : [publishedName(site.publish.match.flags, p.name) ?? p.name])),
  };
}

/**
 * Every publish command of the repository as plain data, once each: a CircleCI job invoked several
 * times (or a matrix) gives one entry per distinct command location and job. `renamed`: whether a
 * command before the publish may rename its package (`ProjectFacts.renamesBefore`; the CLI asks it for
 * GitHub publishes only, as `init` does: on a GitLab job of 10,000 publish lines it is quadratic).
 */
export function summarizeSites(sites: readonly PublishSite[], renamed: (site: PublishSite) => boolean = () => false): PublishSummary[] {
  const seen = new Set<string>();
  const out: PublishSummary[] = [];
  for (const site of sites) {
    const s = summarizeSite(site, renamed(site));
    const key = [s.ciFile, s.job, s.file, s.line, s.column, s.command, s.registry, s.directory, s.packages.join(',')].join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}
