/** `.yarnrc.yml` knowledge: the tokens Yarn Berry sends to registry.npmjs.org. */
import type { YNode } from '../../yaml/parse.js';
import { NPMJS_HOSTS, registryHost } from './registry.js';

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

function isNpmjsUrl(url: string): boolean {
  const host = registryHost(url);
  return host !== undefined && NPMJS_HOSTS.has(host);
}

