/**
 * Tool configuration that decides whether a publish tool can use OIDC: release-it's
 * `npm.skipChecks`, semantic-release's plugin list, and the static `_authToken` that makes pnpm
 * 11.0.x skip OIDC. Read through the project facts; JavaScript configuration files are never
 * evaluated (they make the answer "unknown").
 */
import type { ProjectFacts } from '../../src/model/facts.js';
import { siteEnvironment } from '../../src/model/sites.js';
import { booleanOption, splitCommands } from '../../src/model/npm/shell.js';
import type { PublishCommand } from '../../src/model/publish.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';
import type { Target } from './tools.js';

const inDir = (dir: string, file: string): string => (dir === '' ? file : `${dir}/${file}`);

function yamlRoot(facts: ProjectFacts, file: string): YNode | undefined {
  const root = facts.yaml(file)?.root;
  return root?.isMap ? root : undefined;
}

function loc(node: YNode): Location {
  return { file: node.file, ...node.anchorSpan };
}

/** A config object found for a tool: from its own file or from a `package.json` key. */
function findConfig(facts: ProjectFacts, dir: string, files: readonly string[], pkgKey: string): { file: string; root?: YNode; opaque: boolean } | undefined {
  for (const name of files) {
    const file = inDir(dir, name);
    if (!facts.exists(file)) continue;
    if (/\.(?:[cm]?js|ts)$/.test(name)) return { file, opaque: true };
    if (name.endsWith('.toml')) return { file, opaque: true };
    return { file, root: yamlRoot(facts, file), opaque: false };
  }
  const pkg = facts.packageAt(dir)?.root.get(pkgKey);
  return pkg?.isMap ? { file: inDir(dir, 'package.json'), root: pkg, opaque: false } : undefined;
}

export type ReleaseItState =
  | { kind: 'skipped' }
  | { kind: 'no-npm' }
  | { kind: 'unknown'; file: string; at?: Location }
  | { kind: 'checks'; where: string; file: string; at?: Location };

const RELEASE_IT_FILES = ['.release-it.json', '.release-it.js', '.release-it.ts', '.release-it.cjs', '.release-it.mjs', '.release-it.yaml', '.release-it.yml', '.release-it.toml'];

/** Whether release-it runs its npm pre-checks (`npm whoami`) for this publish. */
export function releaseItChecks(facts: ProjectFacts, dir: string, publish: PublishCommand): ReleaseItState {
  const words = splitCommands(publish.match.via.at(-1)?.command ?? publish.match.text).flatMap((c) => c.words.map((w) => w.value));
  const args = [...publish.match.args, ...words];
  if (booleanOption(args, '--npm.skipChecks') === true) return { kind: 'skipped' };
  if (args.some((a) => /^(?:-c|--config)(?:=|$)/.test(a))) return { kind: 'unknown', file: 'the file given with `--config`' };
  const config = findConfig(facts, dir, RELEASE_IT_FILES, 'release-it');
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
export function semanticReleasePublishes(facts: ProjectFacts, dir: string): boolean {
  const config = findConfig(facts, dir, SEMREL_FILES, 'release') ?? (dir !== '' ? findConfig(facts, '', SEMREL_FILES, 'release') : undefined);
  const plugins = config?.root?.get('plugins');
  if (!plugins?.isSeq || config?.root?.get('extends')) return true;
  const npm = plugins.items().find((p) => (p.isSeq ? p.items()[0]?.text : p.text) === '@semantic-release/npm');
  if (!npm) return false;
  return (npm.isSeq ? npm.items()[1]?.get('npmPublish')?.value : undefined) !== false;
}

const TOKEN_ENV = /^npm_config_(?:\/\/[^:]*:)?_authtoken$/i;

/**
 * A static `_authToken` the publish sees (pnpm 11.0.x then skips OIDC): setup-node `registry-url`
 * (it writes `_authToken=${NODE_AUTH_TOKEN}`), an `.npmrc` of the repository, a command before the
 * publish that writes one, or an `npm_config_..._authToken` variable.
 */
export function staticToken(t: Target): { label: string; at: Location } | undefined {
  const { site, facts } = t;
  if (site.provider === 'github') {
    for (const s of site.job.steps.filter((x) => x.index < site.step.index)) {
      const url = s.uses?.name.toLowerCase() === 'actions/setup-node' ? s.with.get('registry-url') : undefined;
      if (url?.text) return { label: '`registry-url` of actions/setup-node writes `_authToken=${NODE_AUTH_TOKEN}`', at: loc(url) };
    }
  }
  for (const d of new Set([t.dir, ''])) {
    const rc = facts.npmrc(d);
    const entry = rc?.entries.find((e) => /(?:^|:)_authToken$/i.test(e.key) && e.value.trim() !== '');
    if (rc && entry) return { label: `\`${entry.key}\` in ${rc.file}`, at: entry.keyLocation };
  }
  for (const [i, before] of t.before.entries()) {
    const at = before.text.indexOf('_authToken');
    if (at < 0) continue;
    const start = before.text.lastIndexOf('\n', at) + 1;
    const end = before.text.indexOf('\n', at);
    const line = before.text.slice(start, end < 0 ? undefined : end);
    if (line.trimStart().startsWith('#')) continue;
    return { label: `a command writes \`_authToken\` (command ${i + 1} before the publish)`, at: before.locate(start, end < 0 ? before.text.length : end) };
  }
  const hit = siteEnvironment(site).find((e) => TOKEN_ENV.test(e.name) && (e.value ?? '').trim() !== '');
  return hit ? { label: `\`${hit.name}\` in \`${hit.section}\``, at: loc(hit.node) } : undefined;
}
