/**
 * The edits of no-long-lived-token (see "Fixes" on the rule page). `--fix` removes a token only
 * where nothing else can need it and trusted publishing is in place (the job grants
 * `id-token: write`, so npm exchanges the OIDC token instead): a step's own `env` entry that its
 * script does not name, no committed `.npmrc` reads, no `_authToken` write of the job may need, and
 * that only the npm CLI publishes with, and a script line that writes the `_authToken`. A job- or workflow-level
 * entry (other steps, such as an install of private packages, may read it), an action input (the
 * action may require it) and a committed `.npmrc` line (also read on developers' machines) are
 * suggestions. A committed literal token is removed by `--fix`: it must go whatever else happens.
 */
import { removeLineSpec, type FixSpec } from '../../src/fix/edits.js';
import { removeEntry, removeItem, removeScriptLines, yamlFix } from '../../src/fix/yaml.js';
import type { EnvEntry, Job, Step } from '../../src/model/github/types.js';
import { npmIdToken } from '../../src/model/gitlab/jobs.js';
import type { GitlabJob, GitlabScriptLine } from '../../src/model/gitlab/types.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

export interface Change {
  fix?: FixSpec;
  suggest?: (FixSpec | undefined)[];
}

/** True when a step's script or inputs name the variable (`$NAME`, `${NAME}`, `env.NAME`). */
function names(step: Step, name: string): boolean {
  const re = new RegExp(`(?:\\$\\{?|env\\.|env\\[['"])${name.replace(/[^\w]/g, '\\$&')}\\b`);
  return re.test(step.run?.text ?? '') || [...step.with.values()].some((n) => re.test(n.text ?? ''));
}

/** The `env` map an entry is in, with the map holding it (to drop `env:` when it was its only entry). */
function envMap(entry: EnvEntry, step: Step | undefined, job: Job | undefined, root: YNode | undefined): { map: YNode; parent: YNode } | undefined {
  const owner = entry.level === 'step' ? step?.node : entry.level === 'job' ? job?.node : root;
  const map = owner?.get('env');
  return owner && map ? { map, parent: owner } : undefined;
}

/** Removing an `env` entry that hands a publishing step a token. */
export function envTokenChange(entry: EnvEntry, reached: readonly Step[], owner: { step?: Step; job?: Job; root?: YNode }, mayBeNeeded: boolean): Change {
  const where = envMap(entry, owner.step, owner.job, owner.root);
  const spec = where ? yamlFix(entry.node, `Remove the \`${entry.name}\` env entry`, removeEntry(where.map, entry.name, { map: where.parent, key: 'env' })) : undefined;
  const jobs = new Set(reached.map((s) => s.job));
  const safe =
    !mayBeNeeded &&
    entry.level === 'step' &&
    reached.length === 1 &&
    !names(reached[0]!, entry.name) &&
    [...jobs].every((j) => j.idToken.access === 'write');
  return safe ? { fix: spec } : { suggest: [spec] };
}

/** Removing an action input that passes a token: a suggestion (the action may require the input). */
export function actionInputChange(step: Step, input: string): Change {
  const map = step.with.get(input) ? step.node.get('with') : undefined;
  const spec = map ? yamlFix(map, `Remove the \`${input}\` input`, removeEntry(map, input, { map: step.node, key: 'with' })) : undefined;
  return { suggest: [spec] };
}

/**
 * The command around a token write: the write itself (`npm config set ...`), or the whole line when
 * it is one `echo`/`printf` of the entry into an `.npmrc` (`echo "//registry.npmjs.org/:_authToken=${T}" >> .npmrc`).
 */
function writeLine(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const line = withoutComment(text.slice(lineStart, lineEnd));
  if (echoesIntoNpmrc(line)) {
    return [lineStart + (line.length - line.trimStart().length), lineStart + line.trimEnd().length];
  }
  return [start, end];
}

/*
 * The three helpers below are scans rather than regular expressions: the texts are scripts from the
 * repository, and the equivalent patterns backtrack polynomially on hostile input (eslint-plugin-regexp).
 */

/** The line without a trailing ` # comment` (a `#` after a blank, with no quote after it). */
function withoutComment(line: string): string {
  const lastQuote = Math.max(line.lastIndexOf('"'), line.lastIndexOf("'"), line.lastIndexOf('`'));
  for (let i = line.indexOf('#', lastQuote + 1); i > 0; i = line.indexOf('#', i + 1)) {
    if (/\s/.test(line[i - 1]!)) return line.slice(0, i).trimEnd();
  }
  return line;
}

/** `echo ... >> .npmrc` (or `printf`, `>`, a path ending in `.npmrc` or `$NPM_CONFIG_USERCONFIG`), alone on its line. */
function echoesIntoNpmrc(line: string): boolean {
  const t = line.trim();
  if (!/^(?:echo|printf)\s/.test(t) || /[;&|]/.test(t)) return false;
  const gt = t.lastIndexOf('>');
  if (gt < 0) return false;
  let target = t.slice(gt + 1).trim();
  if (target.startsWith('"') || target.startsWith("'")) target = target.slice(1);
  if (target.endsWith('"') || target.endsWith("'")) target = target.slice(0, -1);
  return target !== '' && !/\s/.test(target) && (target.endsWith('.npmrc') || target.endsWith('NPM_CONFIG_USERCONFIG') || target.endsWith('NPM_CONFIG_USERCONFIG}'));
}

/** True when `rest` holds only blanks and at most one trailing comment. */
function onlyCommentLeft(rest: string): boolean {
  const t = rest.trim();
  return t === '' || (t.startsWith('#') && !t.includes('\n'));
}

/**
 * Removing the script line that writes an `_authToken` (only when it holds nothing else); with more
 * writes (the same line in the branches of an `if`), every one of their lines in one fix.
 */
export function npmrcWriteChange(step: Step, writes: readonly { offset: number; end: number }[]): Change {
  const run = step.run;
  if (!run || writes.length === 0) return {};
  const lines = writes.map((w) => writeLine(run.text, w.offset, w.end));
  const description = lines.length > 1 ? 'Remove the lines that write the `_authToken`' : 'Remove the line that writes the `_authToken`';
  let spec = yamlFix(run.node, description, ...lines.map(([offset, end]) => removeScriptLines(run.node, offset, end)));
  // A step that does nothing but write the token goes as a whole (when nothing refers to its id).
  const [offset, end] = lines[0]!;
  const steps = step.job.node.get('steps');
  const only = lines.length === 1 && run.text.slice(0, offset).trim() === '' && onlyCommentLeft(run.text.slice(end));
  if (!spec && only && steps && step.id === undefined) spec = yamlFix(step.node, 'Remove the step that writes the `_authToken`', removeItem(steps, step.node));
  return step.job.idToken.access === 'write' ? { fix: spec } : { suggest: [spec] };
}

/** Removing a configuration file's token line (`.npmrc`): by `--fix` for a literal token, else a suggestion. */
export function npmrcLineChange(at: Location, key: string, literal: boolean): Change {
  const spec: FixSpec = { file: at.file, description: `Delete the \`${key}\` line from \`${at.file}\``, edits: [removeLineSpec(at.start.line)] };
  return literal ? { fix: spec } : { suggest: [spec] };
}

/**
 * Removing a GitLab script item that only writes the `_authToken`: by `--fix` when the item is
 * written in the job itself and the job declares `NPM_ID_TOKEN` (trusted publishing is in place);
 * a line from a template or `default:` (other jobs run it too) is a suggestion.
 */
export function gitlabWriteChange(job: GitlabJob, line: GitlabScriptLine, writeStart: number, writeEnd: number): Change {
  const [start, end] = writeLine(line.text, writeStart, writeEnd);
  const only = line.text.slice(0, start).trim() === '' && onlyCommentLeft(line.text.slice(end));
  if (!only) return {};
  const section = line.origin.via === 'job' ? job.node.get(line.section) : undefined;
  const item = section?.items().find((i) => i.node === line.node.node);
  let spec: FixSpec | undefined;
  if (section && item) {
    const description = `Remove the \`${line.section}\` line that writes the \`_authToken\``;
    spec = section.items().length > 1 ? yamlFix(item, description, removeItem(section, item)) : yamlFix(job.node, description, removeEntry(job.node, line.section));
  }
  return spec && npmIdToken(job) ? { fix: spec } : { suggest: [spec] };
}
