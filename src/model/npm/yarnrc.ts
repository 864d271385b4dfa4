/** `.yarnrc.yml` knowledge: the tokens Yarn Berry sends to registry.npmjs.org. */
import { inDir } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import { NPMJS_HOSTS, registryHost } from './registry.js';
import { directoriesUp } from './yarn-project.js';

/** An `npmAuthToken` in `.yarnrc.yml` that Yarn would send to registry.npmjs.org. */
export interface YarnAuthToken {
  /** YAML path, e.g. `npmAuthToken`, `npmRegistries["//registry.npmjs.org"].npmAuthToken`, `npmScopes.acme.npmAuthToken`. */
  path: string;
  node: YNode;
  /** The value as written (never shown to the user). */
  value: string;
}

/**
 * `npmAuthToken` entries of `.yarnrc.yml` that apply to registry.npmjs.org: top level (Yarn's
 * fallback for every registry), under `npmRegistries` for an npmjs host, and under `npmScopes`
 * unless the scope publishes elsewhere. Empty values are left out.
 */
export function yarnAuthTokens(root: YNode | undefined): YarnAuthToken[] {
  if (!root?.isMap) return [];
  const out: YarnAuthToken[] = [];
  const add = (node: YNode | undefined, path: string): void => {
    const value = node?.text?.trim();
    if (node && value) out.push({ path, node, value });
  };
  const elsewhere = (map: YNode | undefined): boolean =>
    ['npmPublishRegistry', 'npmRegistryServer'].some((k) => {
      const url = map?.get(k)?.text;
      return url !== undefined && !isNpmjsUrl(url);
    });
  if (!elsewhere(root)) add(root.get('npmAuthToken'), 'npmAuthToken');
  for (const entry of root.get('npmRegistries')?.entries() ?? []) {
    if (entry.key !== undefined && isNpmjsUrl(entry.key)) add(entry.get('npmAuthToken'), `npmRegistries[${JSON.stringify(entry.key)}].npmAuthToken`);
  }
  for (const entry of root.get('npmScopes')?.entries() ?? []) {
    if (entry.key === undefined || elsewhere(entry) || (elsewhere(root) && !entry.get('npmRegistryServer'))) continue;
    const key = /^[\w-]+$/.test(entry.key) ? `.${entry.key}` : `[${JSON.stringify(entry.key)}]`;
    add(entry.get('npmAuthToken'), `npmScopes${key}.npmAuthToken`);
  }
  return out;
}

/** An `npmAuthToken` that Yarn fills from an environment variable: the file, the YAML path and the variable. */
export interface YarnEnvToken {
  file: string;
  path: string;
  variable: string;
}

/**
 * The first `npmAuthToken` for registry.npmjs.org that Yarn Berry fills from an environment
 * variable (`${NPM_TOKEN}`, `${NPM_TOKEN-default}`, `${NPM_TOKEN:-default}`), in the `.yarnrc.yml`
 * files a command run in `dir` reads (`dir` and its ancestors up to the root; the nearest first).
 */
export function yarnEnvToken(yarnrcAt: (dir: string) => YNode | undefined, dir: string): YarnEnvToken | undefined {
  for (const d of directoriesUp(dir)) {
    for (const token of yarnAuthTokens(yarnrcAt(d))) {
      const variable = /\$\{([A-Za-z_]\w*)(?::?-[^}]*)?\}/.exec(token.value)?.[1];
      if (variable !== undefined) return { file: inDir(d, '.yarnrc.yml'), path: token.path, variable };
    }
  }
  return undefined;
}

/**
 * The variable of a token value that is exactly `${NAME:-}` or `${NAME-}` (an empty fallback): Yarn
 * Berry puts in the empty text when NAME is unset (with `:-` also when it is empty), and an empty
 * `npmAuthToken` is no token (`getAuthenticationHeader` tests it for truthiness), so `yarn npm
 * publish` exchanges an OIDC token then; the token is there only while NAME has a value
 * (docs/domain.md A.37). A non-empty fallback, other text around it, or `${NAME}` (unset: Yarn stops
 * with "Environment variable not found") always leaves a token or no run at all: undefined.
 */
export function optionalTokenVariable(value: string): string | undefined {
  return /^\$\{(\w+):?-\}$/.exec(value.trim())?.[1];
}

function isNpmjsUrl(url: string): boolean {
  const host = registryHost(url);
  return host !== undefined && NPMJS_HOSTS.has(host);
}

