/**
 * intuit/auto's configuration (`auto shipit`, `canary`, `next`, `latest`): whether its plugins
 * publish to npm (`autoUsesNpm`). auto reads it with cosmiconfig (`.autorc`, `.autorc.json`,
 * `.autorc.yaml`, `.autorc.yml`, JavaScript and TypeScript files, package.json `auto`); without
 * `plugins` it loads `npm`, or `git-tag` when auto runs as its standalone binary (its core's
 * `loadPlugins` and `isBinary`), which the files do not say: unknown then.
 * The `npm` plugin (`npm`, `@auto-it/npm`, or `[name, options]`) publishes with `npm publish` (or
 * Lerna in a monorepo). Read in intuit/auto 11.3.6 (packages/core/src/auto.ts, plugins/npm).
 */
import type { YNode } from '../../yaml/parse.js';
import { findToolConfig, type ToolConfigFiles } from './tool-config.js';

export const AUTO_CONFIG_FILES = ['.autorc', '.autorc.json', '.autorc.yaml', '.autorc.yml', '.autorc.js', '.autorc.cjs', '.autorc.mjs', '.autorc.ts', 'auto.config.js', 'auto.config.cjs', 'auto.config.mjs', 'auto.config.ts'];

/**
 * `yes` when auto run in `dir` certainly loads its npm plugin (its `plugins` list it), `no` when
 * that list leaves it out, `unknown` without a list (npm or git-tag, see above), or when the
 * configuration is JavaScript, extends another one, or lists a plugin by a value tp-doctor does
 * not read.
 */
export function autoUsesNpm(files: ToolConfigFiles, dir: string): 'yes' | 'no' | 'unknown' {
  const config = findToolConfig(files, dir, AUTO_CONFIG_FILES, 'auto');
  if (config === undefined || config.opaque || config.root === undefined || config.root.get('extends') !== undefined) return 'unknown';
  const plugins = config.root.get('plugins');
  if (plugins === undefined) return 'unknown';
  if (!plugins.isSeq) return 'unknown';
  const names = plugins.items().map(pluginName);
  if (names.some((n) => n === 'npm' || n === '@auto-it/npm')) return 'yes';
  // `exec` runs commands on the publish hooks, and a local or third-party plugin may publish too.
  return names.every((n) => n !== undefined && QUIET_PLUGINS.has(n.replace(/^@auto-it\//, ''))) ? 'no' : 'unknown';
}

/** auto's own plugins that publish nothing to npm (intuit/auto `plugins/`): a list of only these leaves npm out. */
const QUIET_PLUGINS: ReadonlySet<string> = new Set([
  'released', 'conventional-commits', 'git-tag', 'slack', 'microsoft-teams', 'first-time-contributor', 'all-contributors',
  'omit-commits', 'omit-release-notes', 'jira', 'magic-zero', 'pr-body-labels', 'protected-branch', 'upload-assets',
  'gh-pages', 'brew', 'cocoapods', 'crates', 'gem', 'gradle', 'maven', 'docker', 'sbt', 'vscode', 'chrome', 'twitter',
  'exec-npm-pack', 'version-file', 'gitlab', 'bot-list', 'pr-labels', 's3',
]);

/** A plugin entry's name: `"npm"`, or the first item of `["npm", { … }]`. */
function pluginName(entry: YNode): string | undefined {
  const node = entry.isSeq ? entry.items()[0] : entry;
  const text = node?.text;
  return text === undefined || node?.isMap === true || node?.isSeq === true ? undefined : text.trim();
}
