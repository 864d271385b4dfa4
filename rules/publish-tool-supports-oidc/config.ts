/**
 * Tool configuration that decides whether a publish tool can use OIDC: release-it's
 * `npm.skipChecks` and the static `_authToken` that makes pnpm 11.0.x skip OIDC. Read through the
 * project facts; JavaScript configuration files are never evaluated: release-it's are read as
 * text for the literals they export (release-it-config.ts), and anything else makes the answer
 * "unknown". Whether the tool publishes to npm at all (release-it `npm.publish: false`,
 * semantic-release without its npm plugin) is the model's answer: such a run is no publish site
 * (src/model/npm/config-skips-npm.ts).
 */
import type { ProjectFacts } from '../../src/model/facts.js';
import { siteEnvironment } from '../../src/model/sites.js';
import { envFor } from '../../src/model/github/steps.js';
import { exportedNodeAuthToken } from '../../src/model/github/tokens.js';
import { booleanOption } from '../../src/model/npm/shell.js';
import { releaseItConfig, releaseItNpmReplacement, releaseItPrivate } from '../../src/model/npm/release-it-config.js';
import { RUSH_NPMRC_PUBLISH } from '../../src/model/npm/rush.js';
import { findToolConfig, inDir, RELEASE_IT_FILES, releaseItArgs, releaseItConfigFlag } from '../../src/model/npm/tool-config.js';
import type { PublishCommand } from '../../src/model/publish.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';
import type { Target } from './tools.js';

function loc(node: YNode): Location {
  return { file: node.file, ...node.anchorSpan };
}

export type ReleaseItState =
  | { kind: 'skipped' }
  | { kind: 'unknown'; file: string; at?: Location }
  | { kind: 'checks'; where: string; file: string; at?: Location };

/** Whether release-it runs its npm pre-checks (`npm whoami`) for this publish. */
export function releaseItChecks(facts: ProjectFacts, dir: string, publish: PublishCommand): ReleaseItState {
  const args = releaseItArgs(publish);
  if (booleanOption(args, '--npm.skipChecks') === true) return { kind: 'skipped' };
  // A private package: release-it returns before its npm checks (and publishes nothing).
  if (releaseItPrivate(facts.toolConfigFiles, dir)) return { kind: 'skipped' };
  // A plugin in the npm plugin's place (release-it-pnpm) runs no npm checks; one `plugins` may hold
  // that tp-doctor cannot read leaves the checks unknown (data/release-it-plugins.ts).
  const replacement = releaseItNpmReplacement(facts.toolConfigFiles, dir, args);
  if (replacement.kind === 'replaced') return { kind: 'skipped' };
  const state = npmChecks(facts, dir, args);
  return state.kind === 'checks' && replacement.kind === 'unknown' ? { kind: 'unknown', file: replacement.file, ...(state.at ? { at: state.at } : {}) } : state;
}

function npmChecks(facts: ProjectFacts, dir: string, args: readonly string[]): ReleaseItState {
  if (releaseItConfigFlag(args)) return valueChecks(facts, dir, args);
  const config = findToolConfig(facts.toolConfigFiles, dir, RELEASE_IT_FILES, 'release-it');
  if (!config) return { kind: 'checks', where: 'no release-it configuration sets `npm.skipChecks`', file: inDir(dir, '.release-it.json') };
  if (config.opaque) return valueChecks(facts, dir, args);
  const npm = config.root?.get('npm');
  const at = npm ? loc(npm) : config.root ? loc(config.root) : undefined;
  const skip = npm?.get('skipChecks');
  if (skip?.value === true) return { kind: 'skipped' };
  const where = skip ? `\`npm.skipChecks\` is "${skip.text ?? ''}" in ${config.file}` : `${config.file} does not set \`npm.skipChecks\``;
  return { kind: 'checks', where, file: config.file, ...(at ? { at } : {}) };
}

/**
 * `releaseItChecks` for the file `--config` names or a JavaScript configuration, read as values
 * (release-it-config.ts); TypeScript, TOML, a file it cannot find or a value it does not read: unknown.
 */
function valueChecks(facts: ProjectFacts, dir: string, args: readonly string[]): ReleaseItState {
  const config = releaseItConfig(facts.toolConfigFiles, dir, args);
  if (!config) return { kind: 'checks', where: 'no release-it configuration sets `npm.skipChecks`', file: inDir(dir, '.release-it.json') };
  const file = config.file;
  const npm = config.root.get('npm');
  const skip = npm?.get('skipChecks');
  if (config.root.unknown || npm?.unknown || skip?.unknown) return { kind: 'unknown', file: file === '--config' ? 'the file given with `--config`' : file };
  if (skip?.bool === true) return { kind: 'skipped' };
  const where = skip ? `\`npm.skipChecks\` is not \`true\` in ${file}` : `${file} does not set \`npm.skipChecks\``;
  const at = skip?.at;
  return { kind: 'checks', where, file, ...(at ? { at } : {}) };
}

const TOKEN_ENV = /^npm_config_(?:\/\/[^:]*:)?_authtoken$/i;

/**
 * A static `_authToken` the publish sees (pnpm 11.0.0 to 11.0.6 then skips OIDC): setup-node `registry-url`
 * (it writes `_authToken=${NODE_AUTH_TOKEN}`), a project `.npmrc` the publish reads, a command before the
 * publish that writes one, or an `npm_config_..._authToken` variable.
 */
export interface StaticToken {
  label: string;
  at: Location;
}

export function staticToken(t: Target): StaticToken | undefined {
  const { site, facts } = t;
  if (site.provider === 'github') {
    for (const s of site.job.steps.filter((x) => x.index < site.step.index)) {
      const url = s.uses?.name.toLowerCase() === 'actions/setup-node' ? s.with.get('registry-url') : undefined;
      if (url?.text) return { label: '`registry-url` of actions/setup-node writes `_authToken=${NODE_AUTH_TOKEN}`', at: loc(url) };
    }
  }
  // The `.npmrc` files the publish reads, as its registry decision does (the tool's directory's, then the root's; the npm CLI its local prefix's only).
  for (const d of facts.npmrcDirsRead(site)) {
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

/** The `_authToken` of Rush's `.npmrc-publish`, the user configuration `rush publish` gives the package manager (src/model/npm/rush.ts). */
export function rushPublishToken(facts: ProjectFacts): StaticToken | undefined {
  const rc = facts.npmrcFile(RUSH_NPMRC_PUBLISH);
  const entry = rc?.entries.find((e) => /(?:^|:)_authToken$/i.test(e.key) && e.value.trim() !== '');
  return rc && entry ? { label: `\`${entry.key}\` in ${rc.file}`, at: entry.keyLocation } : undefined;
}

/**
 * setup-node's `registry-url` before a GitHub publish with `NODE_AUTH_TOKEN` unset there: the
 * `.npmrc` it writes holds `_authToken=${NODE_AUTH_TOKEN}`, which pnpm 11 before 11.1.3 sends
 * unresolved as the token (docs/domain.md §0, Tools). Not when the step, job or workflow `env:` sets
 * the variable, the setup-node step exports one, or a command before the publish writes it to
 * `$GITHUB_ENV` (its value is then not known).
 */
export function placeholderToken(t: Target): StaticToken | undefined {
  const { site } = t;
  if (site.provider !== 'github') return undefined;
  const setup = site.job.steps.filter((x) => x.index < site.step.index && x.uses?.name.toLowerCase() === 'actions/setup-node').at(-1);
  const url = setup?.with.get('registry-url');
  if (!url?.text || url.text.trim() === '') return undefined;
  if ((envFor(site.step, 'NODE_AUTH_TOKEN')?.value ?? '').trim() !== '' || exportedNodeAuthToken(site.step) !== undefined) return undefined;
  if (t.before.some((b) => b.text.includes('NODE_AUTH_TOKEN') && b.text.includes('GITHUB_ENV'))) return undefined;
  return { label: `\`registry-url\` of actions/setup-node in \`jobs.${site.job.id}.steps[${setup!.index}]\``, at: loc(url) };
}
