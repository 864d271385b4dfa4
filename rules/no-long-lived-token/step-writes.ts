/**
 * The `_authToken` writes of a step's own `run:` (survey908a P3), one finding per token:
 * - the same write in the branches of one `if`/`elif`/`else` (or `case`) of the script, of which at
 *   most one runs (the napi-rs template: resvg-js, ast-grep, node-tantivy-binding), is one finding at
 *   the first, the others related, and its fix removes every one of them;
 * - a step `env:` entry (`NPM_TOKEN: ${{ secrets.NPM_TOKEN }}`) that only feeds such a write is
 *   reported with the write, as a related location, not as an `envToken` of its own: npm never reads
 *   `NPM_TOKEN`, `NODE_AUTH_TOKEN` or `NPM_AUTH_TOKEN` from the environment itself, only through an
 *   `.npmrc` line that names it. The entry keeps its own finding when anything else may read it: a
 *   publish tool other than the npm CLI (semantic-release, changesets/action, Yarn; napi's
 *   pre-publish runs npm), a package script that names it or a shell file the publish runs through, a committed `.npmrc` or setup-node's that names
 *   it, a variable npm or Yarn reads by itself (`readFromEnvironment`), or any other mention in the
 *   step.
 */
import type { ProjectFacts } from '../../src/model/facts.js';
import { describeWrittenValue, registrySetupNodeBefore, writtenFromUnsetVariable } from '../../src/model/github/tokens.js';
import type { Step } from '../../src/model/github/types.js';
import { exchangedBefore } from '../../src/model/manual-exchange.js';
import { templateReaderIn } from '../../src/model/npm/npmrc-templates.js';
import { stepDirectory } from '../../src/model/github/steps.js';
import { findTokenWrites, hasLiteralToken, inOtherBranches, readFromEnvironment, THROUGH_NPM_CLI, variableOf, type TokenWrite } from '../../src/model/npm/tokens.js';
import { mayGoToNpmjs, type Certainty } from '../../src/model/publish.js';
import { githubWriteReach, userConfigsOf } from '../../src/model/token-write-reach.js';
import type { Location } from '../../src/yaml/span.js';
import type { YNode } from '../../src/yaml/parse.js';
import { configTokens } from './config-files.js';
import { bySecret, type EnvReport } from './env-blocks.js';
import { npmrcWriteChange, type Change } from './fixes.js';
import { describe, npmPublish, tokenScope } from './github-steps.js';

/** One write finding of a step's `run:`, before it is made. */
export interface WriteReport {
  messageId: 'npmrcWrite' | 'npmrcWriteUnset';
  at: Location;
  data: ReturnType<typeof describe> & { source: string; path: string };
  certainty: Certainty;
  change: Change;
  related: { at: Location | YNode; label: string }[];
  /** The writes it stands for: the first, then the same write in other branches. */
  writes: TokenWrite[];
}

/** The `_authToken` writes of the step's `run:` before a publish of the job, the same write in other branches of one `if` as one. */
export function stepWriteReports(step: Step, path: string, facts: ProjectFacts): WriteReport[] {
  const run = step.run;
  // An `envsubst < .npmrc.tpl > .npmrc` writes the committed template's token lines.
  // Only a line npm reads at a later publish: an `.npmrc` (or the file `NPM_CONFIG_USERCONFIG` names) of a directory it reads, not taken out before it (docs/domain.md A.42).
  const sites = facts.jobSites(step.job).filter((s) => s.step.index >= step.index && mayGoToNpmjs(s));
  const template = run ? templateReaderIn(run.text, stepDirectory(step), (file) => facts.npmrcTemplate(file)) : undefined;
  const writes = run ? findTokenWrites(run.text, { template, userConfigs: userConfigsOf(sites) }).filter((w) => githubWriteReach(step, w, sites, facts).sites.length > 0) : [];
  const hit = writes.length > 0 ? npmPublish(step.job.steps.filter((s) => s.index >= step.index), facts) : undefined;
  if (!run || !hit) return [];
  const scope = tokenScope(step, facts);
  const out: WriteReport[] = [];
  for (const write of writes) {
    const source = hasLiteralToken(write.value) || exchangedBefore(run.text, write.offset, write.value) ? undefined : describeWrittenValue(write.value, step, scope.readers);
    if (source === undefined) continue;
    const at = { file: run.node.file, ...run.node.valueSpan(write.offset, write.end) };
    const messageId = writtenFromUnsetVariable(write.value, step, scope) ? 'npmrcWriteUnset' : 'npmrcWrite';
    const same = out.find(
      (r) =>
        r.messageId === messageId &&
        r.data.source === source &&
        r.writes.every((w) => w.value.trim() === write.value.trim() && w.registry === write.registry && inOtherBranches(run.text, w.offset, write.offset)),
    );
    if (same) {
      same.writes.push(write);
      same.related.push({ at, label: 'the same token, written in another branch of the script' });
    } else out.push({ messageId, at, data: { source, path, ...describe(hit) }, certainty: hit.certainty, change: {}, related: [], writes: [write] });
  }
  for (const r of out) r.change = npmrcWriteChange(step, r.writes);
  return out;
}

/**
 * The step's env reports left to report on their own: a secret's entries that only feed the step's
 * writes go to the first write that reads each, as related locations (their removal a suggestion there).
 */
export function foldFedEntries(reports: readonly (EnvReport | undefined)[], writes: readonly WriteReport[], step: Step, facts: ProjectFacts): (EnvReport | undefined)[] {
  const folded = new Set<EnvReport>();
  for (const group of bySecret(reports)) {
    const readers = group.map((r) => feeding(r, writes, step, facts));
    if (readers.some((w) => w === undefined)) continue;
    group.forEach((r, i) => {
      const write = readers[i]!;
      write.related.push({ at: r.entry.node, label: `\`${r.entry.name}\` (${r.source}), which only this line reads: remove it too` });
      const specs = r.change.fix !== undefined ? [r.change.fix] : (r.change.suggest ?? []);
      write.change = { ...write.change, suggest: [...(write.change.suggest ?? []), ...specs] };
      folded.add(r);
    });
  }
  return reports.filter((r) => r === undefined || !folded.has(r));
}

/** The write report that reads a step `env:` entry when nothing but the step's writes reads it, else undefined. */
function feeding(report: EnvReport, writes: readonly WriteReport[], step: Step, facts: ProjectFacts): WriteReport | undefined {
  const { entry } = report;
  const run = step.run;
  if (report.messageId !== 'envToken' || entry.level !== 'step' || !run || step.uses !== undefined || readFromEnvironment(entry.name)) return undefined;
  const mine = writes.filter((w) => w.messageId === 'npmrcWrite' && w.writes.some((x) => variableOf(x.value) === entry.name));
  if (mine.length === 0) return undefined;
  // Every mention of the variable in the script is inside one of those writes.
  const spans = mine.flatMap((w) => w.writes);
  const name = entry.name.replace(/\W/g, '\\$&');
  const mention = new RegExp(`\\$\\{?${name}\\b|\\benv\\.${name}\\b`, 'g');
  for (const m of run.text.matchAll(mention)) if (!spans.some((w) => m.index >= w.offset && m.index < w.end)) return undefined;
  // The publishes the entry reaches go through the npm CLI, at most through package scripts (a
  // `prepublishOnly` running `napi prepublish`) that do not name it; not through a file tp-doctor reads only in part.
  const sites = facts.jobSites(step.job).filter((s) => s.step === step);
  const unseen = (s: (typeof sites)[number]): boolean =>
    !THROUGH_NPM_CLI.has(s.publish.match.tool) ||
    s.publish.viaAction !== undefined ||
    s.publish.match.via.some((v) => v.file === true || v.jsFile === true || v.recipe === true || new RegExp(mention.source).test(v.command));
  if (sites.length === 0 || sites.some(unseen)) return undefined;
  // No `.npmrc` that npm reads names it: a committed one, or setup-node's (`${NODE_AUTH_TOKEN}`).
  const named = `\`\${${entry.name}}\``;
  if (configTokens(facts).some((t) => t.value.kind === 'interpolated' && t.value.source === named)) return undefined;
  if (entry.name === 'NODE_AUTH_TOKEN' && registrySetupNodeBefore(step) !== undefined) return undefined;
  return mine[0];
}
