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
import { readsSetupNodeNpmrc } from '../../src/model/github/user-config.js';
import { booleanOption, splitCommands } from '../../src/model/npm/shell.js';
import { SETUP_NODE_NO_PLACEHOLDER_MAJOR } from '../../src/model/data/node-actions.js';
import { registryHost } from '../../src/model/npm/registry.js';
import type { RegistryDecision } from '../../src/model/npm/publish-site.js';
import { documentLine, refTagVersion, versionComment } from '../../src/model/npm/tool-versions.js';
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
  | { kind: 'unknown'; file: string; at?: Location; why?: string }
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
  if (config.root?.get('extends') !== undefined) return extended(config.file, at);
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
  const at = skip?.at;
  if (config.root.get('extends') !== undefined) return extended(file, at);
  const where = skip ? `\`npm.skipChecks\` is not \`true\` in ${file}` : `${file} does not set \`npm.skipChecks\``;
  return { kind: 'checks', where, file, ...(at ? { at } : {}) };
}

/** A configuration that `extends` a shared one, which release-it (c12) merges in and which may set `npm.skipChecks`. */
function extended(file: string, at: Location | undefined): ReleaseItState {
  return { kind: 'unknown', file, ...(at ? { at } : {}), why: `${file} \`extends\` a shared configuration, which release-it merges in and tp-doctor does not read` };
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
  // setup-node's `.npmrc` counts only where npm reads it (no `NPM_CONFIG_USERCONFIG`/`--userconfig` replaces it).
  if (site.provider === 'github' && readsSetupNodeNpmrc(site)) {
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

/** The `registry-url` token of `placeholderToken`; `doubt` says why it may not be the unresolved placeholder (a warning, worded "may"). */
export interface PlaceholderToken extends StaticToken {
  doubt?: string;
}

/**
 * setup-node's `registry-url` before a GitHub publish with `NODE_AUTH_TOKEN` unset there: the
 * `.npmrc` it writes holds `_authToken=${NODE_AUTH_TOKEN}`, which pnpm 11 before 11.1.3 sends
 * unresolved as the token (docs/domain.md §0, Tools). Only when the publish goes to the host of that
 * `registry-url` (the token is keyed to it), and only with setup-node v7 or later: up to v6 it
 * exports `NODE_AUTH_TOKEN=XXXXX-…` itself, a static token that pnpm 11.0.7 and later let OIDC
 * override (`SETUP_NODE_NO_PLACEHOLDER_MAJOR`); a ref whose major is not known (a SHA, a branch, an
 * expression) or a registry that is not known gives a `doubt`. Not when the step, job or workflow
 * `env:` sets the variable, the setup-node step exports one, a command before the publish writes it
 * to `$GITHUB_ENV`, the command sets it (`NODE_AUTH_TOKEN=… pnpm publish`, also in the script it
 * runs through), or its own script exports it before it (`export NODE_AUTH_TOKEN=…`); nor when the
 * publish reads another user configuration than setup-node's (`readsSetupNodeNpmrc`).
 */
export function placeholderToken(t: Target): PlaceholderToken | undefined {
  const { site } = t;
  if (site.provider !== 'github' || !readsSetupNodeNpmrc(site)) return undefined;
  const setups = site.job.steps.filter((x) => x.index < site.step.index && x.uses?.name.toLowerCase() === 'actions/setup-node');
  const setup = setups.at(-1);
  const url = setup?.with.get('registry-url');
  if (!setup || !url?.text || url.text.trim() === '') return undefined;
  if ((envFor(site.step, 'NODE_AUTH_TOKEN')?.value ?? '').trim() !== '' || exportedNodeAuthToken(site.step) !== undefined) return undefined;
  if (t.before.some((b) => b.text.includes('NODE_AUTH_TOKEN') && b.text.includes('GITHUB_ENV'))) return undefined;
  if (setsTokenInline(t)) return undefined;
  const host = sameHost(url.text, site.registry);
  if (host === false) return undefined;
  // Every earlier setup-node with `registry-url` exports its placeholder up to v6 (to `$GITHUB_ENV`, for all later steps).
  const refs = setups.filter((s) => (s.with.get('registry-url')?.text ?? '').trim() !== '').map((s) => setupNodeRef(t, s));
  if (refs.some((r) => r.kind === 'exports')) return undefined;
  const unknownRef = refs.find((r) => r.kind === 'unknown');
  const doubt = unknownRef ? `setup-node \`${unknownRef.ref}\` is not known to be v${SETUP_NODE_NO_PLACEHOLDER_MAJOR} or later (up to v6 it exports \`NODE_AUTH_TOKEN=XXXXX-XXXXX-XXXXX-XXXXX\` itself, a static token pnpm 11.0.7 and later let OIDC override)` : host === undefined ? `the publish may not go to the host of \`registry-url\` ("${url.text}"), the only one its token is for` : undefined;
  return { label: `\`registry-url\` of actions/setup-node in \`jobs.${site.job.id}.steps[${setup.index}]\``, at: loc(url), ...(doubt === undefined ? {} : { doubt }) };
}

/** `NODE_AUTH_TOKEN=… cmd` in the publish's command or the script it runs through, or `export NODE_AUTH_TOKEN=` there or earlier in its own `run:`. */
function setsTokenInline(t: Target): boolean {
  const { site } = t;
  const own = site.provider === 'github' && site.publish.viaAction === undefined ? (site.step.run?.text.slice(0, site.publish.match.offset) ?? '') : '';
  const texts = [own, t.publish.match.text, ...t.publish.match.via.map((v) => v.command)].filter((x) => x.includes('NODE_AUTH_TOKEN'));
  return texts.some((text) =>
    splitCommands(text).some((cmd) => {
      const words = cmd.words.map((w) => w.value);
      const assignments = words[0] === 'export' ? words.slice(1) : words.slice(0, Math.max(0, words.findIndex((w) => !/^[A-Za-z_]\w*=/.test(w))));
      return assignments.some((w) => w.startsWith('NODE_AUTH_TOKEN='));
    }),
  );
}

/** true: the publish goes to the host of `registry-url`; false: to another; undefined: not known (an expression in either). */
function sameHost(registryUrl: string, decision: RegistryDecision): boolean | undefined {
  if (registryUrl.includes('$') || decision.registry === 'unknown') return undefined;
  const target = registryHost(decision.setting?.url ?? 'https://registry.npmjs.org/');
  const own = registryHost(registryUrl);
  if (target === undefined || own === undefined) return undefined;
  return target === own;
}

type SetupNodeRef = { kind: 'exports' | 'no-placeholder' } | { kind: 'unknown'; ref: string };

/** What a setup-node step's ref says about the placeholder export: a `vN[.x[.y]]` tag, else a `# vN` comment after a SHA (≤ v6 only: a comment is not proof of v7). */
function setupNodeRef(t: Target, step: { uses?: { ref?: string; node: YNode } }): SetupNodeRef {
  const ref = step.uses?.ref ?? '';
  const major = (version: string | undefined): number | undefined => (version === undefined ? undefined : Number(version.split('.')[0]));
  const tag = major(refTagVersion(ref));
  if (tag !== undefined) return { kind: tag >= SETUP_NODE_NO_PLACEHOLDER_MAJOR ? 'no-placeholder' : 'exports' };
  const node = step.uses?.node;
  const line = node && /^[0-9a-f]{40}$/i.test(ref) ? documentLine(t.project, { file: node.file, ...node.span }) : undefined;
  const comment = line === undefined ? undefined : major(versionComment(line));
  if (comment !== undefined && comment < SETUP_NODE_NO_PLACEHOLDER_MAJOR) return { kind: 'exports' };
  return { kind: 'unknown', ref: `@${ref.length === 40 ? ref.slice(0, 7) : ref || '(no ref)'}` };
}
