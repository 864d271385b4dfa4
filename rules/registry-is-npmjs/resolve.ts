/**
 * Which registry a publish of one package goes to, and which setting decided it, following npm's
 * precedence (DOMAIN 1.4): for a scoped package an `@scope:registry` setting from any layer wins
 * over `registry`; among the layers, the command line (`--registry`) beats `publishConfig`, which
 * beats the environment (`NPM_CONFIG_REGISTRY`), the project `.npmrc` (package directory, then the
 * root), and the user config setup-node writes (`registry-url`, with `scope`, or its own owner
 * scope for GitHub Packages) or a script's `npm config set registry`.
 */
import type { Step } from '../../src/model/github/types.js';
import { npmrcGet, readNpmrc } from '../../src/model/npm/npmrc.js';
import { envFor, registryHost } from '../../src/model/npm/registry.js';
import type { PublishSite, WorkspacePackage } from '../../src/model/npm/workspaces.js';
import type { Project } from '../../src/model/project.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

export interface RegistrySetting {
  url: string;
  /** Where the setting comes from, in words, e.g. "`publishConfig.registry` in `package.json`". */
  source: string;
  at: YNode | Location;
  atValue: boolean;
}

export type RegistryKind = 'npmjs' | 'alias' | 'other' | 'unknown';

/** Hosts that serve npm's registry but give the OIDC token another audience. */
const ALIASES = new Set(['registry.yarnpkg.com', 'registry.npmjs.com']);

export function classify(url: string): RegistryKind {
  if (/\$/.test(url)) return 'unknown';
  const host = registryHost(url);
  if (host === 'registry.npmjs.org') return 'npmjs';
  return host !== undefined && ALIASES.has(host) ? 'alias' : 'other';
}

/** Tools whose registry tp-doctor can follow, and which settings each reads. */
type Reads = 'npm' | 'publishConfig' | 'flag' | 'none';

function readsOf(site: PublishSite): Reads {
  const { tool } = site.publish.match;
  if (tool === 'yarn' || tool === 'bun') return 'none'; // never OIDC: publish-tool-supports-oidc's finding
  if (tool === 'yarn-berry') return 'publishConfig'; // Yarn Berry reads .yarnrc.yml, not .npmrc
  if (tool === 'js-devtools-npm-publish') return 'flag'; // passes its `registry` input (default npmjs)
  return 'npm';
}

function stepPath(step: Step): string {
  return `jobs.${step.job.id}.steps[${step.index}]`;
}

/** setup-node's scope: its `scope` input, else the repository owner for GitHub Packages. */
function setupNodeScope(step: Step, url: string, owner: string | undefined): string | undefined {
  const input = step.with.get('scope')?.text?.trim();
  const scope = input || (/npm\.pkg\.github\.com/i.test(url) ? owner : undefined);
  if (!scope) return undefined;
  return (scope.startsWith('@') ? scope : `@${scope}`).toLowerCase();
}

const CONFIG_SET = /\b(?:npm|pnpm)\s+(?:config\s+)?set\s+['"]?((?:@[\w.-]+:)?registry)['"]?[\s=]+['"]?([^\s'"]+)/;

/** The setting that decides where `pkg` is published at `site`; undefined for the default (npmjs) or a tool tp-doctor does not follow. */
export function effectiveRegistry(project: Project, site: PublishSite, pkg: WorkspacePackage, owner: string | undefined): RegistrySetting | undefined {
  const reads = readsOf(site);
  if (reads === 'none') return undefined;
  const { step, publish } = site;
  const flag = publish.match.flags.registry;
  const flagSetting: RegistrySetting | undefined =
    flag !== undefined ? { url: flag, source: `\`--registry\` on \`${publish.match.label}\``, at: publish.location, atValue: false } : undefined;
  if (reads === 'flag') return flagSetting;

  const scope = pkg.name?.startsWith('@') ? pkg.name.slice(0, pkg.name.indexOf('/')) : undefined;
  const manifest = pkg.pkg.file;
  const publishConfig = (key: string): RegistrySetting | undefined => {
    const node = pkg.pkg.publishConfig?.get(key);
    const url = node?.text;
    if (!node || url === undefined || url.trim() === '') return undefined;
    const name = key === 'registry' ? '`publishConfig.registry`' : `\`publishConfig["${key}"]\``;
    return { url, source: `${name} in \`${manifest}\``, at: node, atValue: true };
  };
  if (reads === 'publishConfig') return publishConfig('registry');

  const npmrc = (key: string): RegistrySetting | undefined => {
    for (const dir of pkg.dir === '' ? [''] : [pkg.dir, '']) {
      const rc = readNpmrc(project.fs, dir);
      const entry = npmrcGet(rc, key);
      if (entry && rc && entry.value !== '') return { url: entry.value, source: `\`${entry.key}=\` in \`${rc.file}\``, at: entry.lineLocation, atValue: false };
    }
    return undefined;
  };
  const userConfig = (scoped: boolean): RegistrySetting | undefined => {
    for (const earlier of step.job.steps.filter((s) => s.index < step.index).reverse()) {
      const node = earlier.uses?.name.toLowerCase() === 'actions/setup-node' ? earlier.with.get('registry-url') : undefined;
      const url = node?.text;
      if (node && url !== undefined && url.trim() !== '') {
        const setupScope = setupNodeScope(earlier, url, owner);
        if (scoped ? setupScope !== scope : setupScope !== undefined) continue;
        const forScope = setupScope ? ` (scope ${setupScope})` : '';
        return { url, source: `setup-node's \`registry-url\`${forScope} in \`${stepPath(earlier)}\``, at: node, atValue: true };
      }
      const set = earlier.run ? CONFIG_SET.exec(earlier.run.text) : null;
      if (set?.[1] && set[2] && set[1] === (scoped ? `${scope}:registry` : 'registry')) {
        return { url: set[2], source: `\`npm config set ${set[1]}\` in \`${stepPath(earlier)}\``, at: earlier.run!.node, atValue: true };
      }
    }
    return undefined;
  };

  if (scope !== undefined) {
    const scoped = publishConfig(`${scope}:registry`) ?? npmrc(`${scope}:registry`) ?? userConfig(true);
    if (scoped) return scoped;
  }
  const env = envFor(step, 'npm_config_registry');
  const envSetting: RegistrySetting | undefined =
    env?.value !== undefined && env.value.trim() !== '' ? { url: env.value, source: `\`${env.name}\` in the ${env.level} \`env\``, at: env.node, atValue: true } : undefined;
  return flagSetting ?? publishConfig('registry') ?? envSetting ?? npmrc('registry') ?? userConfig(false);
}
