/**
 * The Node and npm a `jdx/mise-action` step installs (src/model/data/mise.ts has the facts): for
 * each tool, `MISE_<TOOL>_VERSION` in the step's environment (step, job, workflow `env`), else the
 * mise configuration of its `working_directory` and the directories above it
 * (`../npm/mise-config.ts`, `MISE_ENV`'s files first). mise's `npm` tool comes first on `PATH`, so
 * it is the job's npm (`NodeToolchain.npm`, read in ./npm-upgrades.ts), the way an `npm install -g
 * npm@<spec>` step is, but with no engine check. The tools reach `PATH` through the shims directory
 * (`add_shims_to_path`) or the install paths the action exports (`env` and `export_path`): inputs
 * that keep both off, or only the shims (which resolve per command), are read too (`pathInputs`).
 */
import { repoPathOrAsWritten } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { MISE_VERSION_ENV, type MiseToolName } from '../data/mise.js';
import { miseSpec, type MiseTool } from '../npm/mise-config.js';
import { nodeResolution, resolveNodeSpec, type NodeContext, type NodeOrigin, type NodeResolution, type NodeToolchain } from '../npm/node-version.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';

const ACTION = '`jdx/mise-action`';

/** The step, as the Node scan sees it: its inputs and its `uses:`. */
export interface MiseStep {
  input(name: string): YNode | undefined;
  at: YNode;
}

/**
 * What a mise step decides: the Node (with the npm it pins, if any); only the npm, when it installs
 * no Node (`npmOnly`: the Node is an earlier step's, and mise's npm comes first on `PATH`); or
 * nothing (undefined: earlier steps decide).
 */
export type MiseResult = NodeResolution | { npmOnly: NodeToolchain } | undefined;

/** A tool as read from the environment or the files, with the origin that names it. */
type Found = { spec: string; origin: NodeOrigin; text: string; where: string } | { unknown: string; origin?: NodeOrigin; text: string };

/** The tools a `MISE_<TOOL>_VERSION` or `MISE_ENV` of the step's environment gives: its value, nothing when unset or empty, or why it cannot be read. */
function envValue(scope: ExpressionScope, name: string): { text: string; node: YNode } | { unknown: string; node: YNode } | undefined {
  const entry = scope.env.find((e) => e.name === name);
  if (entry === undefined) return undefined;
  const value = entry.value === undefined ? undefined : evaluateValue(entry.value, entry.node, scope);
  if (value === undefined || 'unknown' in value) return { unknown: `\`${name}\` is "${entry.value ?? ''}", which tp-doctor cannot evaluate`, node: entry.node };
  return 'text' in value ? { text: value.text, node: entry.node } : undefined;
}

/** Key as written in a message: quoted when TOML needs it (`"npm:npm"`). */
function keyText(tool: MiseTool & { key: string }): string {
  return /^[\w-]+$/.test(tool.key) || tool.file.endsWith('.tool-versions') ? tool.key : `"${tool.key}"`;
}

function fromEnv(scope: ExpressionScope, tool: MiseToolName): Found | undefined {
  const name = MISE_VERSION_ENV[tool];
  const value = envValue(scope, name);
  if (value === undefined) return undefined;
  const written = 'text' in value ? value.text : '';
  const origin: NodeOrigin = { label: `\`${name}: ${written}\``, kind: 'env', at: value.node };
  if ('unknown' in value) return { unknown: value.unknown, origin, text: `\`${name}\`` };
  // mise reads several versions separated by blanks, the first the default.
  const first = value.text.split(/\s+/)[0] ?? '';
  if (first === '') return undefined;
  const checked = miseSpec(tool, first);
  const text = `${name}=${first}`;
  return 'spec' in checked ? { spec: checked.spec, origin, text, where: `\`${name}\`` } : { unknown: `\`${name}\` ${checked.unknown}`, origin, text };
}

function fromFile(found: MiseTool | undefined): Found | undefined {
  if (found === undefined) return undefined;
  const origin: NodeOrigin | undefined = found.at === undefined ? undefined : { label: found.file, kind: 'file', at: found.at };
  if ('unknown' in found) return { unknown: found.unknown, ...(origin ? { origin } : {}), text: found.file };
  const key = keyText(found);
  const text = found.file.endsWith('.tool-versions') ? `${key} ${found.spec} in ${found.file}` : `${key} = "${found.spec}" in ${found.file}`;
  return { spec: found.spec, origin: origin!, text, where: `\`${key}\` in ${found.file}` };
}

/** The Node of a found tool, with the action as the last origin. */
function nodeOf(found: Found, action: NodeOrigin): NodeResolution {
  const origins = [...(found.origin ? [found.origin] : []), action];
  if ('unknown' in found) return { unknown: `${ACTION} installs the Node mise is asked for, and ${found.unknown}`, origins };
  return nodeResolution(resolveNodeSpec(found.spec), origins);
}

/** The npm a found tool pins, as a toolchain whose npm comes first on `PATH`. */
function npmOf(found: Found, at: YNode): NodeToolchain {
  if ('unknown' in found) {
    const place: YNode | Location = found.origin?.at ?? at;
    return { at, mise: true, npmUnknown: { reason: `${ACTION} installs the npm mise is asked for, and ${found.unknown}`, at: place, text: found.text } };
  }
  return { at, mise: true, npm: { spec: found.spec, at: found.origin.at, text: found.text, where: found.where } };
}

/**
 * A boolean input of the action (`core.getBooleanInput`): its default when not given; `true`/`false`
 * in any of the cases the toolkit takes; else (an expression tp-doctor cannot evaluate, a word the
 * action rejects) why not.
 */
function booleanInput(step: MiseStep, scope: ExpressionScope, name: string, fallback: boolean): boolean | { unknown: string } {
  const node = step.input(name);
  const text = node?.text?.trim();
  if (node === undefined || text === undefined || text === '') return fallback;
  const value = evaluateValue(text, node, scope);
  const word = 'text' in value ? value.text : 'empty' in value ? '' : undefined;
  if (word !== undefined && /^(?:true|True|TRUE)$/.test(word)) return true;
  if (word !== undefined && /^(?:false|False|FALSE)$/.test(word)) return false;
  return { unknown: `${ACTION} is given \`${name}: ${text}\`, which tp-doctor does not read as true or false` };
}

/**
 * How mise's tools reach `PATH` after the step (jdx/mise-action `src/index.ts`): the shims
 * directory when `add_shims_to_path` (default true); the tools' install paths when both `env` and
 * `export_path` (default true) are. With neither, mise puts no tool on `PATH`; with the shims
 * only, each command gets the tools of the directory it runs in.
 */
function pathInputs(step: MiseStep, scope: ExpressionScope): { shims: boolean; paths: boolean } | { unknown: string } {
  const shims = booleanInput(step, scope, 'add_shims_to_path', true);
  const env = booleanInput(step, scope, 'env', true);
  const exportPath = booleanInput(step, scope, 'export_path', true);
  for (const value of [shims, env, exportPath]) if (typeof value !== 'boolean') return value;
  return { shims: shims as boolean, paths: (env as boolean) && (exportPath as boolean) };
}

/** Why the step's tools are not known to be the publish's, from how they reach `PATH`; undefined when they are. */
function notOnPath(step: MiseStep, scope: ExpressionScope, dir: string, directory: () => string | undefined): string | undefined {
  const path = pathInputs(step, scope);
  if ('unknown' in path) return path.unknown;
  if (path.paths) return undefined;
  const inputs = `${ACTION} is given \`add_shims_to_path: ${String(path.shims)}\` and \`env\` or \`export_path\` false`;
  if (!path.shims) return `${inputs}, so it puts none of mise's tools on PATH, and which Node later steps run (an earlier step's, or mise's through \`mise exec\` or \`mise activate\`) is not known`;
  const at = directory();
  if (at === undefined || repoPathOrAsWritten(at) !== dir) {
    return `${inputs}, so mise's shims pick the tools of the directory each command runs in, and the publish does not run in "${dir === '' ? '.' : dir}", the directory tp-doctor reads`;
  }
  return undefined;
}

/**
 * What a `jdx/mise-action` step installs for a command run in `directory()` (undefined: not known).
 * Inline configuration (`mise_toml`, `tool_versions` inputs) is not read: unknown. A `MISE_ENV`
 * or `working_directory` that cannot be evaluated: unknown. Inputs that keep mise's tools off
 * `PATH`, or leave only the shims for a command in another directory: unknown (`notOnPath`).
 */
export function fromMise(ctx: NodeContext, step: MiseStep, scope: ExpressionScope, directory: () => string | undefined = () => undefined): MiseResult {
  const action: NodeOrigin = { label: ACTION, kind: 'action', at: step.at };
  const unknown = (why: string): NodeResolution => ({ unknown: why, origins: [action] });
  for (const name of ['mise_toml', 'tool_versions']) {
    const inline = step.input(name);
    if (inline?.text?.trim()) return unknown(`${ACTION} gets its tools from its \`${name}\` input, which tp-doctor does not read`);
  }
  const dirNode = step.input('working_directory');
  const dir = dirNode?.text?.trim() ? repoPathOrAsWritten(dirNode.text.trim()) : '';
  if (dir.includes('${{')) return unknown(`${ACTION} runs in "${dir}", which tp-doctor cannot evaluate`);
  const off = notOnPath(step, scope, dir, directory);
  if (off !== undefined) return unknown(off);
  const miseEnv = envValue(scope, 'MISE_ENV');
  if (miseEnv && 'unknown' in miseEnv) return unknown(`${ACTION} reads the configuration files of the environments \`MISE_ENV\` names, and ${miseEnv.unknown}`);
  const envs = miseEnv ? miseEnv.text.split(/[\s,]+/).filter((e) => e !== '') : [];
  const files = ctx.facts.miseTools(dir, envs);
  const node = fromEnv(scope, 'node') ?? fromFile(files.node);
  const npm = fromEnv(scope, 'npm') ?? fromFile(files.npm);
  const toolchain = npm === undefined ? undefined : npmOf(npm, step.at);
  if (node === undefined) return toolchain === undefined ? undefined : { npmOnly: toolchain };
  const res = nodeOf(node, action);
  if (toolchain) res.toolchain = toolchain;
  return res;
}
