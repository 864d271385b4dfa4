/**
 * no-long-lived-token on CircleCI (docs/domain.md §6 and section 0): token-named `environment:` entries
 * (executor, job, primary image, step) that reach a publish, `run` steps that write an `_authToken`
 * into the npm configuration before a publish (files persist between steps, so an earlier step
 * counts), and contexts whose name says they hold an npm token (CircleCI hands a context's
 * variables to every job that names it; tp-doctor cannot see them, so that one is `info`).
 * Findings are plain data; the rule reports them once per place.
 */
import type { ProjectFacts } from '../../src/model/facts.js';
import { describeCircleStep, NPM_TOKEN_VARIABLES } from '../../src/model/circleci/facts.js';
import type { CircleConfig, CircleEnvEntry, CircleJob, CircleStep, CircleText } from '../../src/model/circleci/types.js';
import { locate } from '../../src/model/circleci/run.js';
import { setsNpmUp } from '../../src/model/circleci/unread-steps.js';
import { pipelineDefaults } from '../../src/model/circleci/template.js';
import { findTokenWrites, hasLiteralToken, isTokenName, NPM_TOKEN_NAME, variableOf } from '../../src/model/npm/tokens.js';
import { scriptFileWrites } from './script-files.js';
import { circleWriteReach, userConfigsOf } from '../../src/model/token-write-reach.js';
import { commandName, leastCertain, mostCertain, publishVerbOf, type Certainty, type CircleciSite } from '../../src/model/publish.js';
import { locateInScript } from '../../src/model/npm/shell-files.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';
import { exchangedBefore } from '../../src/model/manual-exchange.js';
import { templateReaderIn } from '../../src/model/npm/npmrc-templates.js';
import { circleStepDirectory } from '../../src/model/circleci/checkout-dir.js';

interface Reached {
  job: string;
  verb: string;
  command: string;
}

export type CircleFinding = { job: CircleJob; certainty: Certainty; level?: CircleEnvEntry['level'] } & (
  | { messageId: 'circleciEnvToken'; at: YNode; data: Reached & { name: string; source: string; path: string } }
  | { messageId: 'circleciRunWrite'; at: Location; data: Reached & { source: string; path: string } }
  | { messageId: 'circleciTokenContext'; at: YNode; data: Reached & { context: string } }
  | { messageId: 'circleciUnreadConfig'; at: Location; data: Reached & { step: string; what: string } }
  | { messageId: 'circleciWorkspaceWrite'; at: Location; data: Reached & { from: string; source: string; file: string; carries: string; unsure: string; path: string } }
);

/** The publish a token reaches: the most certain of the sites. */
function reached(job: CircleJob, sites: readonly CircleciSite[]): (Reached & { certainty: Certainty }) | undefined {
  const best = mostCertain(sites.map((s) => s.certainty));
  const hit = sites.find((s) => s.certainty === best);
  if (!hit) return undefined;
  return { job: job.name, verb: publishVerbOf(hit.certainty), command: commandName(hit.publish), certainty: hit.certainty };
}

function tokenName(name: string): boolean {
  return isTokenName(name) || NPM_TOKEN_VARIABLES.includes(name.toUpperCase());
}

/**
 * Where a value comes from, in words. CircleCI does not expand `$VAR` in `environment:` values
 * (they are literal), so only `<< pipeline.parameters.x >>` and substituted parameters are sources.
 */
function envSource(value: CircleText): string {
  if (value.unknown.length > 0) return `\`<< ${value.unknown[0]} >>\``;
  const pipeline = pipelineDefaults(value)[0];
  if (pipeline) return `\`<< ${pipeline.name} >>\``;
  const param = value.substituted[0];
  if (param) return `parameter \`${param.name}\``;
  return 'a value written in the configuration';
}

function envPath(job: CircleJob, entry: CircleEnvEntry, step: CircleStep | undefined): string {
  if (entry.level === 'executor') return `executors.${job.executor?.name ?? '?'}.environment.${entry.name}`;
  if (entry.level === 'image') return `jobs.${job.name}.docker[0].environment.${entry.name}`;
  if (entry.level === 'step') return `${stepPath(job, step)}.run.environment.${entry.name}`;
  return `jobs.${job.name}.environment.${entry.name}`;
}

function stepPath(job: CircleJob, step: CircleStep | undefined): string {
  const via = step?.via.at(-1);
  return via ? `commands.${via.command}.steps` : `jobs.${job.name}.steps`;
}

/** An environment entry with a token name and a value that is not empty (a literal token is reported on its own). */
function tokenEntry(entry: CircleEnvEntry): boolean {
  const value = entry.value?.text;
  if (!tokenName(entry.name) || value === undefined || hasLiteralToken(value)) return false;
  // A pipeline parameter is there for a trigger to pass a value: its default (often "") says nothing.
  return value.trim() !== '' || pipelineDefaults(entry.value).length > 0;
}

/** Variables that hold no long-lived npm token: the OIDC ID token, CircleCI's own variables. */
function shortLived(variable: string): boolean {
  return variable === 'NPM_ID_TOKEN' || variable.startsWith('CIRCLE_');
}

/** Sites of the step at or after `offset` of its command, and of the later steps. */
function sitesAfter(sites: readonly CircleciSite[], step: CircleStep, offset: number): CircleciSite[] {
  return sites.filter((s) => s.step.index > step.index || (s.step === step && (s.publish.match.via.length > 0 || s.publish.match.offset > offset)));
}

export function circleTokenFindings(config: CircleConfig, facts: ProjectFacts): CircleFinding[] {
  const out: CircleFinding[] = [];
  for (const job of facts.publishingCircleJobs(config)) {
    const sites = facts.trustedSites(job);
    const all = reached(job, sites);
    if (!all) continue;
    const { certainty, ...data } = all;
    // Executor, job and primary-image environment reach every step.
    for (const entry of job.environment) {
      if (!tokenEntry(entry) || !entry.value) continue;
      // A step that sets the same name itself shadows it for that step.
      const reachedSites = sites.filter((s) => !(s.step.run?.environment ?? []).some((e) => e.name === entry.name));
      const hit = reached(job, reachedSites);
      if (!hit) continue;
      const { certainty: c, ...d } = hit;
      const path = envPath(job, entry, undefined);
      out.push({ job, certainty: c, level: entry.level, messageId: 'circleciEnvToken', at: entry.node, data: { ...d, name: entry.name, source: envSource(entry.value), path } });
    }
    for (const step of job.steps) {
      const run = step.run;
      if (!run) continue;
      // A step's own environment reaches only that step.
      const own = sites.filter((s) => s.step === step);
      for (const entry of run.environment) {
        const hit = own.length > 0 && tokenEntry(entry) && entry.value ? reached(job, own) : undefined;
        if (!hit || !entry.value) continue;
        const { certainty: c, ...d } = hit;
        out.push({ job, certainty: c, level: 'step', messageId: 'circleciEnvToken', at: entry.node, data: { ...d, name: entry.name, source: envSource(entry.value), path: envPath(job, entry, step) } });
      }
      // An `envsubst < .npmrc.tpl > .npmrc` writes the committed template's token lines (as GitHub's and GitLab's steps are read).
      const template = templateReaderIn(run.command.text, circleStepDirectory(job, step), (file) => facts.npmrcTemplate(file));
      for (const write of findTokenWrites(run.command.text, { template, userConfigs: userConfigsOf(sites) })) {
        if (hasLiteralToken(write.value)) continue; // reported as a literal token
        const variable = variableOf(write.value);
        if ((variable !== undefined && shortLived(variable)) || exchangedBefore(run.command.text, write.offset, write.value)) continue;
        const hit = reached(job, circleWriteReach(job, step, write, sitesAfter(sites, step, write.offset), facts).sites);
        if (!hit) continue;
        const source = variable === undefined ? 'a value written in the configuration' : `environment variable \`$${variable}\`, set in the project settings or a context`;
        const { certainty: c, ...d } = hit;
        out.push({ job, certainty: c, messageId: 'circleciRunWrite', at: locate(run.command, write.offset, write.end), data: { ...d, source, path: `${stepPath(job, step)}` } });
      }
      out.push(...scriptRunFindings(job, step, sites, facts));
    }
    out.push(...scriptFileFindings(job, sites));
    out.push(...workspaceFindings(config, job, sites, facts));
    out.push(...unreadConfigFindings(job, sites, facts));
    // A context whose name says it holds an npm token (`npm-token`, `NPM_PUBLISH_TOKEN`, `npm-auth`).
    for (const context of job.invocation?.contexts ?? []) {
      if (!NPM_TOKEN_NAME.test(context.text)) continue;
      out.push({ job, certainty, messageId: 'circleciTokenContext', at: context.node, data: { ...data, context: context.text } });
    }
  }
  return out;
}

/**
 * `_authToken` writes in the committed shell scripts a `run` step runs (`run: ./scripts/auth.sh`)
 * before a publish of the job (files persist between steps). Scripts through which a publish runs
 * are `scriptFileFindings`'. A guess (the script may branch): `likely` at most. Read from the
 * directory the step runs in (`CircleRun.readIn`); not for a step whose own `working_directory`
 * tp-doctor cannot place, as the publish recognition does not read script files there.
 */
function scriptRunFindings(job: CircleJob, step: CircleStep, sites: readonly CircleciSite[], facts: ProjectFacts): CircleFinding[] {
  const run = step.run;
  if (!run || (run.workingDirectory && !run.atRoot && run.readIn === undefined)) return [];
  const viaFiles = new Set(sites.flatMap((s) => s.publish.match.via.filter((v) => v.file === true).map((v) => v.script)));
  const out: CircleFinding[] = [];
  for (const script of facts.shellFilesRunBy(run.command.text, run.readIn ?? '')) {
    if (viaFiles.has(script.file)) continue;
    for (const write of findTokenWrites(script.text)) {
      const variable = variableOf(write.value);
      if (hasLiteralToken(write.value) || (variable !== undefined && shortLived(variable))) continue;
      const hit = reached(job, sitesAfter(sites, step, script.end - 1));
      if (!hit) continue;
      const source = variable === undefined ? 'a value written in the script' : `environment variable \`$${variable}\`, set in the project settings or a context`;
      const { certainty, ...data } = hit;
      const at = locateInScript(script.file, script.text, write.offset, write.end);
      out.push({ job, certainty: leastCertain([certainty, 'likely']), messageId: 'circleciRunWrite', at, data: { ...data, source, path: script.file } });
    }
  }
  return out;
}

/** `_authToken` writes inside the committed shell scripts through which the job publishes (./script-files.ts). */
function scriptFileFindings(job: CircleJob, sites: readonly CircleciSite[]): CircleFinding[] {
  const out: CircleFinding[] = [];
  for (const { file, site, write, at } of scriptFileWrites(sites)) {
    const variable = variableOf(write.value);
    if (variable !== undefined && shortLived(variable)) continue;
    const hit = reached(job, [site]);
    if (!hit) continue;
    const source = variable === undefined ? 'a value written in the script' : `environment variable \`$${variable}\`, set in the project settings or a context`;
    const { certainty, ...data } = hit;
    out.push({ job, certainty, messageId: 'circleciRunWrite', at, data: { ...data, source, path: file } });
  }
  return out;
}

/**
 * `_authToken` writes of jobs upstream of the publishing job that the workspace carries to it
 * (src/model/circleci/workspace.ts): reported at the write, in the upstream job. One tp-doctor
 * cannot confirm (a glob or path it cannot read) is a guess: `likely` at most.
 */
function workspaceFindings(config: CircleConfig, job: CircleJob, sites: readonly CircleciSite[], facts: ProjectFacts): CircleFinding[] {
  const last = Math.max(-1, ...sites.map((s) => s.step.index));
  const out: CircleFinding[] = [];
  for (const carried of facts.circleci.carriedTokenWrites(config, job, last, sites.map((s) => s.directory))) {
    const variable = variableOf(carried.write.value);
    if (hasLiteralToken(carried.write.value) || (variable !== undefined && shortLived(variable))) continue;
    const hit = reached(job, sitesAfter(sites, carried.attach, Infinity));
    if (!hit) continue;
    const source = variable === undefined ? 'a value written in the configuration' : `environment variable \`$${variable}\`, set in the project settings or a context`;
    const { certainty, ...data } = hit;
    const possible = carried.certainty === 'possible';
    const file = carried.file === undefined ? 'the npm configuration' : `\`${carried.file}\``;
    const extra = { from: carried.job.name, source, file, carries: possible ? 'may carry' : 'carries', unsure: possible ? ` (if the workspace carries it: ${carried.reason ?? 'tp-doctor cannot tell'})` : '', path: stepPath(carried.job, carried.step) };
    out.push({ job, certainty: possible ? leastCertain([certainty, 'likely']) : certainty, messageId: 'circleciWorkspaceWrite', at: carried.location, data: { ...data, ...extra } });
  }
  return out;
}

/**
 * A step before a publish that tp-doctor cannot read (src/model/circleci/unread-steps.ts: a script
 * not in the repository, an orb command) whose name says it sets npm up (`configure-npm.sh` from the
 * CI image, OpusCapita/react-dates): it may write a token, unseen. Info, once per job: the first one.
 */
function unreadConfigFindings(job: CircleJob, sites: readonly CircleciSite[], facts: ProjectFacts): CircleFinding[] {
  for (const site of sites) {
    const unread = facts.circleci.unreadStepsBefore(job, site.publish).find(setsNpmUp);
    const hit = unread && reached(job, sitesAfter(sites, unread.step, unread.step === site.step ? site.publish.match.offset - 1 : Infinity));
    if (!unread || !hit) continue;
    const { certainty, ...data } = hit;
    return [{ job, certainty, messageId: 'circleciUnreadConfig', at: unread.location, data: { ...data, step: describeCircleStep(unread.step), what: unread.what } }];
  }
  return [];
}
