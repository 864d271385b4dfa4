/**
 * Tool configuration that decides whether a publish tool can use OIDC: release-it's
 * `npm.skipChecks`, semantic-release's plugin list, and the static `_authToken` that makes pnpm
 * 11.0.x skip OIDC. Read from repository files through the project's `SourceFs`; JavaScript
 * configuration files are never evaluated (they make the answer "unknown").
 */
import type { EnvEntry, Job, PublishCommand, Step } from '../../src/model/github/types.js';
import { readNpmrc } from '../../src/model/npm/npmrc.js';
import { booleanOption, splitCommands } from '../../src/model/npm/shell.js';
import { stepDirectory } from '../../src/model/npm/workspaces.js';
import type { Project } from '../../src/model/project.js';
import { parseYaml, type YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

const inDir = (dir: string, file: string): string => (dir === '' ? file : `${dir}/${file}`);

function yamlRoot(project: Project, file: string): YNode | undefined {
  const read = project.fs.read(file);
  if (!read.ok) return undefined;
  const doc = parseYaml(file, read.text);
  return doc.problems.length === 0 && doc.root?.isMap ? doc.root : undefined;
}

function loc(node: YNode): Location {
  return { file: node.file, ...node.anchorSpan };
}

/** A config object found for a tool: from its own file or from a `package.json` key. */
function findConfig(project: Project, dir: string, files: readonly string[], pkgKey: string): { file: string; root?: YNode; opaque: boolean } | undefined {
  for (const name of files) {
    const file = inDir(dir, name);
    if (!project.fs.exists(file)) continue;
    if (/\.(?:[cm]?js|ts)$/.test(name)) return { file, opaque: true };
    if (name.endsWith('.toml')) return { file, opaque: true };
    return { file, root: yamlRoot(project, file), opaque: false };
  }
  const pkg = yamlRoot(project, inDir(dir, 'package.json'))?.get(pkgKey);
  return pkg?.isMap ? { file: inDir(dir, 'package.json'), root: pkg, opaque: false } : undefined;
}

export type ReleaseItState =
  | { kind: 'skipped' }
  | { kind: 'no-npm' }
  | { kind: 'unknown'; file: string; at?: Location }
  | { kind: 'checks'; where: string; file: string; at?: Location };

const RELEASE_IT_FILES = ['.release-it.json', '.release-it.js', '.release-it.ts', '.release-it.cjs', '.release-it.mjs', '.release-it.yaml', '.release-it.yml', '.release-it.toml'];

/** Whether release-it runs its npm pre-checks (`npm whoami`) for this publish. */
export function releaseItChecks(project: Project, dir: string, publish: PublishCommand): ReleaseItState {
  const words = splitCommands(publish.match.via.at(-1)?.command ?? publish.match.text).flatMap((c) => c.words.map((w) => w.value));
  const args = [...publish.match.args, ...words];
  if (booleanOption(args, '--npm.skipChecks') === true) return { kind: 'skipped' };
  if (args.some((a) => /^(?:-c|--config)(?:=|$)/.test(a))) return { kind: 'unknown', file: 'the file given with `--config`' };
  const config = findConfig(project, dir, RELEASE_IT_FILES, 'release-it');
  if (!config) return { kind: 'checks', where: 'no release-it configuration sets `npm.skipChecks`', file: inDir(dir, '.release-it.json') };
  if (config.opaque) return { kind: 'unknown', file: config.file };
  const npm = config.root?.get('npm');
  const at = npm ? loc(npm) : config.root ? loc(config.root) : undefined;
  if (npm?.value === false || npm?.get('publish')?.value === false) return { kind: 'no-npm' };
  const skip = npm?.get('skipChecks');
  if (skip?.value === true) return { kind: 'skipped' };
  const where = skip ? `\`npm.skipChecks\` is "${skip.text ?? ''}" in ${config.file}` : `${config.file} does not set \`npm.skipChecks\``;
  return { kind: 'checks', where, file: config.file, ...(at ? { at } : {}) };
}

const SEMREL_FILES = ['.releaserc', '.releaserc.json', '.releaserc.yaml', '.releaserc.yml', '.releaserc.js', '.releaserc.cjs', '.releaserc.mjs', 'release.config.js', 'release.config.cjs', 'release.config.mjs', 'release.config.ts'];

/**
 * False when semantic-release's configuration lists plugins without `@semantic-release/npm` (it
 * publishes with another plugin, or not to npm), or turns `npmPublish` off. True otherwise,
 * including for configurations tp-doctor cannot read (the default plugins include it).
 */
export function semanticReleasePublishes(project: Project, dir: string): boolean {
  const config = findConfig(project, dir, SEMREL_FILES, 'release') ?? (dir !== '' ? findConfig(project, '', SEMREL_FILES, 'release') : undefined);
  const plugins = config?.root?.get('plugins');
  if (!plugins?.isSeq || config?.root?.get('extends')) return true;
  const npm = plugins.items().find((p) => (p.isSeq ? p.items()[0]?.text : p.text) === '@semantic-release/npm');
  if (!npm) return false;
  return (npm.isSeq ? npm.items()[1]?.get('npmPublish')?.value : undefined) !== false;
}

const TOKEN_ENV = /^npm_config_(?:\/\/[^:]*:)?_authtoken$/i;

/**
 * A static `_authToken` the publish sees (pnpm 11.0.x then skips OIDC): setup-node `registry-url`
 * (it writes `_authToken=${NODE_AUTH_TOKEN}`), an `.npmrc` of the repository, a script line before
 * the publish that writes one, or an `npm_config_..._authToken` variable.
 */
export function staticToken(project: Project, job: Job, step: Step, publish: PublishCommand): { label: string; at: Location } | undefined {
  for (const s of job.steps.filter((x) => x.index < step.index)) {
    const url = s.uses?.name.toLowerCase() === 'actions/setup-node' ? s.with.get('registry-url') : undefined;
    if (url?.text) return { label: '`registry-url` of actions/setup-node writes `_authToken=${NODE_AUTH_TOKEN}`', at: loc(url) };
  }
  const dir = stepDirectory(step);
  for (const d of new Set([dir, ''])) {
    const rc = /\$|\.\./.test(d) ? undefined : readNpmrc(project.fs, d);
    const entry = rc?.entries.find((e) => /(?:^|:)_authToken$/i.test(e.key) && e.value.trim() !== '');
    if (rc && entry) return { label: `\`${entry.key}\` in ${rc.file}`, at: entry.keyLocation };
  }
  for (const s of job.steps.filter((x) => x.index <= step.index && x.run)) {
    const run = s.run!;
    const text = s === step ? run.text.slice(0, publish.match.offset) : run.text;
    // The first line that mentions `_authToken` (found with indexOf, not a `[^\n]*` pattern).
    const hit = text.toLowerCase().indexOf('_authtoken');
    const lineStart = hit < 0 ? -1 : text.lastIndexOf('\n', hit) + 1;
    const lineEnd = hit < 0 ? -1 : text.indexOf('\n', hit) < 0 ? text.length : text.indexOf('\n', hit);
    if (hit >= 0 && !/^\s*#/.test(text.slice(lineStart, lineEnd))) return { label: `a script line writes \`_authToken\` (step ${s.index + 1})`, at: { file: run.node.file, ...run.node.valueSpan(lineStart, lineEnd) } };
  }
  const env: EnvEntry[] = [...step.env, ...job.env, ...job.workflow.env];
  const hit = env.find((e) => TOKEN_ENV.test(e.name) && (e.value ?? '').trim() !== '');
  return hit ? { label: `\`${hit.name}\` in \`env\``, at: loc(hit.node) } : undefined;
}
