/**
 * CI/CD variables: reading `variables:` (plain values and the `{ value:, description: }` form) and
 * expanding `$VAR` / `${VAR}` the way GitLab does for `image:`, `id_tokens` audiences, tags and
 * environment names. Only variables written in the CI configuration are known; predefined ones
 * (`$CI_COMMIT_TAG`...) and project settings are not, so a value using them does not expand.
 */
import type { EffectiveValue, GitlabJob, GitlabPipeline, GitlabVariable, Origin } from './types.js';
import type { YNode } from '../../yaml/parse.js';
import { findTokenWrites, type TokenWrite } from '../npm/tokens.js';
import { templateReaderIn, type TemplateReader } from '../npm/npmrc-templates.js';
import { shellScripts } from './publishes.js';
import { leafText } from './values.js';
import { mayChangeVariable } from '../npm/script-index.js';
import { environmentUserConfig, scriptUserConfigFiles, userConfigFiles, type UserConfig } from '../npm/user-config.js';
import { putShellValues } from '../npm/shell-values.js';
import { shellMayChange } from '../npm/env-values.js';

/** How deep variables that use variables are followed (GitLab's own bound is similar). */
const MAX_EXPANSION_DEPTH = 10;

/** Reads a `variables:` map. `origin` of each entry is the entry itself (its key is the name). */
export function readVariables(
  value: EffectiveValue | undefined,
  level: GitlabVariable['level'],
  originFor: (origin: Origin) => Origin = (o) => o,
): Map<string, GitlabVariable> {
  const out = new Map<string, GitlabVariable>();
  if (value?.kind !== 'map') return out;
  for (const [name, entry] of value.entries) {
    if (entry.kind === 'map') {
      const inner = entry.entries.get('value');
      const expand = entry.entries.get('expand');
      out.set(name, {
        name,
        value: leafText(inner),
        origin: originFor(entry.origin),
        ...(inner ? { valueNode: inner.origin.node } : {}),
        expand: leafText(expand) !== 'false',
        level,
      });
    } else {
      out.set(name, {
        name,
        value: leafText(entry),
        origin: originFor(entry.origin),
        ...(entry.origin.node.isScalar ? { valueNode: entry.origin.node } : {}),
        expand: true,
        level,
      });
    }
  }
  return out;
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Expands `$VAR` and `${VAR}` with the variables given, recursively (a variable whose value uses
 * another one). `$$` is a literal `$`. Undefined when any variable used is unknown, when the text
 * uses a `$[[ inputs.x ]]` interpolation, or when the expansion does not end (a cycle, or more
 * than ten levels).
 */
export function expandVariables(text: string, variables: ReadonlyMap<string, GitlabVariable>): string | undefined {
  return expand(text, variables, 0, new Set());
}

function expand(text: string, variables: ReadonlyMap<string, GitlabVariable>, depth: number, active: Set<string>): string | undefined {
  // `$[[ inputs.x ]]` is interpolated from the inputs of the file it is written in (./inputs.ts,
  // done for `image:` before it comes here): unknown here.
  if (depth > MAX_EXPANSION_DEPTH || text.includes('$[[')) return undefined;
  let failed = false;
  const result = text.replace(REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare ?? '';
    const variable = variables.get(name);
    if (variable?.value === undefined || active.has(name)) {
      failed = true;
      return whole;
    }
    if (!variable.expand) return variable.value;
    active.add(name);
    const inner = expand(variable.value, variables, depth + 1, active);
    active.delete(name);
    if (inner === undefined) failed = true;
    return inner ?? whole;
  });
  return failed ? undefined : result;
}

/**
 * What the job's shell holds in `$NAME` from the `variables:` written in the configuration: GitLab
 * exports each one to the script's environment, its own `$VAR` references expanded (unless
 * `expand: false`; references to variables tp-doctor cannot see stay as written). Undefined for a
 * name no `variables:` sets, one set empty, and one a script text before (`texts`, the same shell)
 * may change (`mayChangeVariable`). Project, group and pipeline variables of the same name are not
 * in the repository; like `image:`, the value written here is taken.
 */
export function jobShellValue(variables: ReadonlyMap<string, GitlabVariable>, name: string, texts: readonly string[]): string | undefined {
  const variable = variables.get(name);
  const value = variable?.value;
  if (variable === undefined || value === undefined || value.trim() === '') return undefined;
  if (texts.some((t) => mayChangeVariable(t, name))) return undefined;
  return variable.expand ? (expandVariables(value, variables) ?? value) : value;
}

/**
 * What `cd "$NAME"` of the job's script follows (../npm/env-values.ts): `jobShellValue`, unless
 * the pipeline may give the name another value at run time that the files show is possible
 * (review927 item 4), so the directory stays unknown as it was before literals were followed:
 * - the shell before the command (`texts`: `before_script` and the earlier script lines) may change
 *   it or set any variable (`source`, `.`, `eval`, `set -a`: ../npm/env-values.ts `shellMayChange`);
 * - an entry of the job's `rules:` sets it in its `variables:`;
 * - with the pipeline: an entry of `workflow: rules:` sets it, or a job this one takes artifacts
 *   from (`needs:`, `dependencies:`, else any other job) has an `artifacts: reports: dotenv:`;
 * - the global variable has a `description:` or `options:`, so a pipeline run by hand shows it
 *   to edit (GitLab "Prefill variables in manual pipelines").
 * Project and group CI/CD variables of the same name also override the file's value; they are not
 * in the repository, and the file's value is what the configuration says (docs/domain.md A.51).
 */
export function jobDirectoryValue(job: GitlabJob, name: string, texts: readonly string[], pipeline?: GitlabPipeline): string | undefined {
  const value = jobShellValue(job.variables, name, []);
  if (value === undefined || texts.some((t) => shellMayChange(t, name))) return undefined;
  const variable = job.variables.get(name)!;
  if (variable.level === 'global' && variable.origin.node.isMap && (variable.origin.node.get('description') || variable.origin.node.get('options'))) return undefined;
  if (rulesSet(job.keywords.get('rules'), name, 0)) return undefined;
  if (pipeline && (workflowRulesSet(pipeline, name) || takesDotenv(job, pipeline))) return undefined;
  return value;
}

/** An entry of `rules:` (nested lists from `!reference` read too) whose `variables:` set `name`. */
function rulesSet(rules: EffectiveValue | undefined, name: string, depth: number): boolean {
  if (rules === undefined || depth > MAX_EXPANSION_DEPTH) return false;
  if (rules.kind === 'map') {
    const vars = rules.entries.get('variables');
    return vars?.kind === 'map' ? vars.entries.has(name) : vars !== undefined && vars.origin.node.isMap && vars.origin.node.get(name) !== undefined;
  }
  return (rules.items ?? []).some((item) => rulesSet(item, name, depth + 1));
}

/** An entry of `workflow: rules:` of any file read whose `variables:` set `name`. */
function workflowRulesSet(pipeline: GitlabPipeline, name: string): boolean {
  return pipeline.documents.some((doc) => {
    const rules = doc.root?.at('workflow', 'rules');
    return rules?.isSeq === true && rules.items().some((rule: YNode) => rule.isMap && rule.get('variables')?.isMap === true && rule.get('variables')!.get(name) !== undefined);
  });
}

/**
 * The job receives a dotenv report's variables: a job it `needs:` (unless `artifacts: false`) or
 * lists in `dependencies:`, or, with neither written, any other job of the pipeline (GitLab passes
 * the artifacts of every earlier stage), has `artifacts: reports: dotenv:`.
 */
function takesDotenv(job: GitlabJob, pipeline: GitlabPipeline): boolean {
  const withDotenv = pipeline.jobs.filter((j) => j.name !== job.name && reportsDotenv(j));
  if (withDotenv.length === 0) return false;
  const needs = job.keywords.get('needs');
  const dependencies = job.keywords.get('dependencies');
  if (needs === undefined && dependencies === undefined) return true;
  const named = new Set<string>();
  for (const list of [needs, dependencies]) {
    if (list === undefined) continue;
    const node = list.origin.node;
    // Not a list tp-doctor reads (a `!reference`, a map): any job may be named.
    if (!node.isSeq) return !node.isNull;
    for (const item of node.items()) {
      if (item.isScalar) named.add(item.text ?? '');
      else if (item.isMap && item.get('artifacts')?.value !== false) named.add(item.get('job')?.text ?? '');
    }
  }
  return withDotenv.some((j) => named.has(j.name));
}

function reportsDotenv(job: GitlabJob): boolean {
  const artifacts = job.keywords.get('artifacts');
  const reports = artifacts?.kind === 'map' ? artifacts.entries.get('reports') : undefined;
  return reports?.kind === 'map' ? reports.entries.has('dotenv') : reports !== undefined && reports.origin.node.isMap && reports.origin.node.get('dotenv') !== undefined;
}

/** A script word (a `--registry` URL, an `_authToken` key) with the job's variables put in as its shell would (`jobShellValue`, `putShellValues`). */
export function putJobValues(word: string, variables: ReadonlyMap<string, GitlabVariable>, texts: readonly string[]): string {
  return putShellValues(word, (name) => jobShellValue(variables, name, texts));
}

/**
 * The npm token writes of script line `index` of the job (`findTokenWrites`), a key built from a
 * variable read with the job's values as the shell has them before the line (`putJobValues`; the
 * earlier lines of the same shell may change them): rxap's `npm config set
 * "${PACKAGE_REGISTRY#https?}:_authToken=${PACKAGE_REGISTRY_TOKEN}"` is a token for
 * registry.npmjs.org in the job whose `variables:` set `PACKAGE_REGISTRY: https://registry.npmjs.org/`,
 * none in the job that sets it to another registry, and one for an unknown registry where the
 * variable is not set in the configuration. With `read` (the repository's committed files), an
 * `envsubst < .npmrc.tpl > .npmrc` gives the template's token lines (../npm/npmrc-templates.ts),
 * the template read from the directory the job's shell is in there.
 */
export function jobTokenWrites(job: GitlabJob, index: number, read?: (file: string) => string | undefined): TokenWrite[] {
  const line = job.scripts[index];
  if (!line) return [];
  let texts: string[] | undefined;
  const shell = (): string[] => {
    const after = line.section === 'after_script';
    // The line itself too: an assignment before the write in it (`R=…; npm config set "$R:_authToken=…"`).
    return (texts ??= job.scripts.slice(0, index + 1).filter((l) => (l.section === 'after_script') === after).map((l) => l.text));
  };
  return findTokenWrites(line.text, { variableKeys: (key) => putJobValues(key, job.variables, shell()), userConfigs: jobUserConfigs(job), ...(read ? { template: jobTemplateReader(job, index, read) } : {}) });
}

/** The user configuration the job's `variables:` name (`NPM_CONFIG_USERCONFIG`, any case; ../npm/user-config.ts `environmentUserConfig`). */
export function variablesUserConfig(job: GitlabJob): UserConfig {
  return environmentUserConfig([...job.variables.values()], (name) => `variable \`${name}\``);
}

/**
 * Every file a publish of the job may read as npm's user configuration (lines written into one count
 * as an `.npmrc`'s): the one its `variables:` name, and those its script lines name (`--userconfig
 * /tmp/npmrc`, `export NPM_CONFIG_USERCONFIG=…`); each publish's own is `GitlabSite.userConfig`.
 * Read once per job: the token writes of each script line ask for it (`jobTokenWrites`), and a job of
 * thousands of lines read all of them again for each.
 */
export function jobUserConfigs(job: GitlabJob): readonly string[] {
  let known = userConfigsOfJob.get(job);
  if (!known) userConfigsOfJob.set(job, (known = Object.freeze([...new Set([...userConfigFiles(variablesUserConfig(job)), ...job.scripts.flatMap((l) => scriptUserConfigFiles(l.text))])])));
  return known;
}

/** `jobUserConfigs` per job (its variables and script lines do not change once it is assembled). */
const userConfigsOfJob = new WeakMap<GitlabJob, readonly string[]>();

/** A `TemplateReader` for script line `index` of the job, its paths read where the job's shell (`before_script` and `script` lines) has `cd`d to. */
export function jobTemplateReader(job: GitlabJob, index: number, read: (file: string) => string | undefined): TemplateReader {
  const line = job.scripts[index];
  const shell = shellScripts(job)[index] ?? { text: line?.text ?? '', offset: 0 };
  const inShell = templateReaderIn(shell.text, '', read);
  return (path, offset) => inShell(path, shell.offset + offset);
}
