/**
 * no-long-lived-token on GitLab CI (docs/domain.md §6): token-named `variables:` fed from a CI/CD variable,
 * script lines that write an `_authToken` for registry.npmjs.org, and literal tokens anywhere in the
 * pipeline's files. Findings are plain data; the rule reports them (once per place, the publishing
 * jobs as related locations).
 */
import type { ProjectFacts } from '../../src/model/facts.js';
import { checkedJobs, editPath, selfManagedGitlabHost } from '../../src/model/gitlab/jobs.js';
import type { GitlabJob, GitlabPipeline, GitlabScriptLine, GitlabVariable, Origin } from '../../src/model/gitlab/types.js';
import { hasLiteralToken, isTokenName, LITERAL_TOKEN, variableOf } from '../../src/model/npm/tokens.js';
import { jobTokenWrites } from '../../src/model/gitlab/variables.js';
import { gitlabWriteReach } from '../../src/model/token-write-reach.js';
import { commandName, mostCertain, publishVerbOf, type Certainty, type GitlabSite } from '../../src/model/publish.js';
import type { GitlabPublisher } from '../../src/model/core/publishers.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';
import { gitlabWriteChange, type Change } from './fixes.js';
import { scriptFileWrites } from './script-files.js';
import { exchangedBefore } from '../../src/model/manual-exchange.js';

interface Reached {
  job: string;
  verb: string;
  command: string;
}

export type GitlabFinding = { job: GitlabJob; certainty: Certainty } & (
  | { messageId: 'gitlabVariable'; at: YNode; data: Reached & { name: string; variable: string; path: string } }
  | { messageId: 'gitlabScriptWrite'; at: Location; data: Reached & { source: string; path: string }; change: Change }
  | { messageId: 'gitlabSelfManaged'; at: YNode | Location; data: Reached & { source: string; where: string; host: string } }
);

/**
 * On a self-managed GitLab (`selfManagedGitlabHost`) trusted publishing is not available, so a
 * token finding says so instead of telling the user to remove the token once trusted publishing works.
 */
function onSelfManaged(f: GitlabFinding, host: string | undefined): GitlabFinding {
  if (host === undefined || f.messageId === 'gitlabSelfManaged') return f;
  const { job, certainty, at } = f;
  const base = { job: f.data.job, verb: f.data.verb, command: f.data.command, host };
  if (f.messageId === 'gitlabVariable') {
    return { job, certainty, at, messageId: 'gitlabSelfManaged', data: { ...base, source: `CI/CD variable \`$${f.data.variable}\``, where: `in \`variables: ${f.data.name}\`` } };
  }
  return { job, certainty, at, messageId: 'gitlabSelfManaged', data: { ...base, source: f.data.source, where: 'written into the npm configuration by a script line' } };
}

/** The publish a token reaches: the most certain one. */
function reached(job: GitlabJob, sites: readonly GitlabSite[]): (Reached & { certainty: Certainty }) | undefined {
  const best = mostCertain(sites.map((s) => s.certainty));
  const hit = sites.find((s) => s.certainty === best);
  if (!hit) return undefined;
  return { job: job.name, verb: publishVerbOf(hit.certainty), command: commandName(hit.publish), certainty: hit.certainty };
}

/** How many `variables:` entries that only pass another variable on are followed. */
const MAX_HOPS = 10;

/**
 * The long-lived variable a value reads, when it reads one: not a predefined `CI_*` variable (the
 * job token is not an npm token), not one of the job's ID tokens, not a variable the pipeline sets
 * to nothing. A `variables:` entry that only passes another variable on (rxap's
 * `PACKAGE_REGISTRY_TOKEN: "$NPM_TOKEN"`) is followed to that one.
 */
function longLivedVariable(value: string, job: GitlabJob): string | undefined {
  let name = variableOf(value);
  for (let hop = 0; name !== undefined && hop < MAX_HOPS; hop++) {
    if (name.startsWith('CI_') || job.idTokens?.tokens.has(name)) return undefined;
    const defined = job.variables.get(name);
    if (!defined) return name;
    if ((defined.value ?? '').trim() === '') return undefined;
    const next = defined.expand ? /^\s*\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))\s*$/.exec(defined.value ?? '') : null;
    if (!next) return name;
    name = next[1] ?? next[2];
  }
  return name;
}

/** Where the user edits a value: the template, `default:`, the global `variables:`, the job; for a `!reference`, the entry it names. */
function pathOf(job: GitlabJob, origin: Origin, key: string): string {
  return origin.via === 'reference' ? (origin.from ?? job.name) : editPath(job, origin, key);
}

function variableFinding(job: GitlabJob, v: GitlabVariable, sites: readonly GitlabSite[]): GitlabFinding | undefined {
  if (!isTokenName(v.name) || !v.expand || v.value === undefined || hasLiteralToken(v.value)) return undefined;
  const variable = longLivedVariable(v.value, job);
  const hit = variable === undefined ? undefined : reached(job, sites);
  if (variable === undefined || !hit) return undefined;
  const { certainty, ...data } = hit;
  const path = pathOf(job, v.origin, `variables.${v.name}`);
  return { job, certainty, messageId: 'gitlabVariable', at: v.origin.node, data: { ...data, name: v.name, variable, path } };
}

/** Publishes that run after `offset` of script line `index` (a publish in no line counts as after). */
function publishesAfter(sites: readonly GitlabSite[], index: number, offset: number): GitlabSite[] {
  return sites.filter((s) => s.line < 0 || s.line > index || (s.line === index && s.publish.match.offset > offset));
}

function scriptFindings(job: GitlabJob, line: GitlabScriptLine, index: number, sites: readonly GitlabSite[], facts: ProjectFacts): GitlabFinding[] {
  const out: GitlabFinding[] = [];
  // A key built from a variable counts when the job's `variables:` make it registry.npmjs.org's (rxap:
  // `"${PACKAGE_REGISTRY#https?}:_authToken=…"`); one for a registry tp-doctor cannot tell is not reported.
  for (const write of jobTokenWrites(job, index, (file) => facts.npmrcTemplate(file))) {
    if (write.registry !== undefined) continue;
    if (hasLiteralToken(write.value)) continue; // reported as a literal token
    // The token an earlier line got from the registry's exchange endpoint (src/model/manual-exchange.ts).
    if (exchangedInJob(job, index, line.text, write)) continue;
    const variable = variableOf(write.value);
    const longLived = variable === undefined ? undefined : longLivedVariable(write.value, job);
    const source = variable === undefined ? 'a value written in the script' : longLived === undefined ? undefined : `CI/CD variable \`$${longLived}\``;
    const hit = source ? reached(job, gitlabWriteReach(job, index, write, publishesAfter(sites, index, write.offset), facts).sites) : undefined;
    if (!source || !hit) continue;
    const { certainty, ...data } = hit;
    const at = { file: line.node.file, ...line.node.valueSpan(write.offset, write.end) };
    const change = gitlabWriteChange(job, line, write.offset, write.end);
    out.push({ job, certainty, messageId: 'gitlabScriptWrite', at, data: { ...data, source, path: pathOf(job, line.origin, line.section) }, change });
  }
  return out;
}

/** Token variables and `_authToken` writes that reach a publish to registry.npmjs.org, per checked job. */
export function gitlabTokenFindings(pipeline: GitlabPipeline, publishers: readonly GitlabPublisher[], facts: ProjectFacts): GitlabFinding[] {
  const host = selfManagedGitlabHost(pipeline.ciFile, publishers);
  return ownTokenFindings(pipeline, publishers, facts).map((f) => onSelfManaged(f, host));
}

function ownTokenFindings(pipeline: GitlabPipeline, publishers: readonly GitlabPublisher[], facts: ProjectFacts): GitlabFinding[] {
  const out: GitlabFinding[] = [];
  for (const job of checkedJobs(pipeline, publishers, facts)) {
    const sites = facts.trustedSites(job);
    if (sites.length === 0) continue;
    for (const v of job.variables.values()) {
      const finding = variableFinding(job, v, sites);
      if (finding) out.push(finding);
    }
    job.scripts.forEach((line, index) => out.push(...scriptFindings(job, line, index, sites, facts)));
    out.push(...scriptFileFindings(job, sites));
  }
  return out;
}

/** `_authToken` writes inside the committed shell scripts through which the job publishes (./script-files.ts). */
function scriptFileFindings(job: GitlabJob, sites: readonly GitlabSite[]): GitlabFinding[] {
  const out: GitlabFinding[] = [];
  for (const { file, site, write, at } of scriptFileWrites(sites)) {
    const variable = variableOf(write.value);
    const longLived = variable === undefined ? undefined : longLivedVariable(write.value, job);
    const source = variable === undefined ? 'a value written in the script' : longLived === undefined ? undefined : `CI/CD variable \`$${longLived}\``;
    const hit = source ? reached(job, [site]) : undefined;
    if (!source || !hit) continue;
    const { certainty, ...data } = hit;
    out.push({ job, certainty, messageId: 'gitlabScriptWrite', at, data: { ...data, source, path: file }, change: {} });
  }
  return out;
}

export interface LiteralToken {
  /** The YAML path, e.g. `publish.variables.NPM_TOKEN` or `publish.script[1]`. */
  path: string;
  at: YNode | Location;
}

const MAX_NODES = 50_000;

function step(key: string): string {
  return /^[A-Za-z_.][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * What makes two wrappers the same value of the same file: file, kind and range. Never the library's
 * node (`YNode.node`): for a compacted document that parses the text again and walks down to the
 * value, and a walk over 10,000 script lines became quadratic. A value without a range is itself.
 */
function identity(node: YNode): unknown {
  const range = node.range;
  return range ? `${node.file}\0${node.kind}\0${range[0]}\0${range[1]}` : node;
}

/**
 * Literal npm tokens in any file of the pipeline, used or not: a committed token leaks whatever
 * reads it. A mapping value is reported at its key, a list item (a script line) at the token.
 */
export function gitlabLiteralTokens(pipeline: GitlabPipeline): LiteralToken[] {
  return literalTokensIn(pipeline.documents);
}

/** Literal npm tokens in YAML documents (a GitLab pipeline's files, a CircleCI configuration). */
export function literalTokensIn(documents: readonly { root?: YNode | undefined }[]): LiteralToken[] {
  const out: LiteralToken[] = [];
  const seen = new Set<unknown>();
  let budget = MAX_NODES;
  const visit = (node: YNode, path: string): void => {
    if (--budget < 0 || node.viaAlias || seen.has(identity(node))) return;
    seen.add(identity(node));
    if (node.isMap) {
      for (const e of node.entries()) if (e.key !== undefined) visit(e, path === '' ? step(e.key) : `${path}.${step(e.key)}`);
    } else if (node.isSeq) {
      node.items().forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (hasLiteralToken(node.text)) {
      if (node.key !== undefined) out.push({ path, at: node });
      else for (const m of (node.text ?? '').matchAll(LITERAL_TOKEN)) out.push({ path, at: { file: node.file, ...node.valueSpan(m.index, m.index + m[0].length) } });
    }
  };
  for (const doc of documents) if (doc.root) visit(doc.root, '');
  return out;
}

/** The write at `write.offset` of script line `index` writes what an exchange on that or an earlier line returned (`exchangedBefore`). */
function exchangedInJob(job: GitlabJob, index: number, text: string, write: { offset: number; value: string }): boolean {
  const before = job.scripts.slice(0, index).map((l) => `${l.text}\n`).join('');
  return exchangedBefore(before + text, before.length + write.offset, write.value);
}
