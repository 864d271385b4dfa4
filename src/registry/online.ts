/**
 * `tp-doctor --online`: reads what the registry holds for every package a trusted publisher covers,
 * before the (synchronous) lint, and returns it as plain data for the rules. Nothing here runs
 * unless the user asks for it with `--online`.
 */
import { loadLintInput } from '../api.js';
import type { SourceFs } from '../fs/source.js';
import { listTrust, packageExists, type RegistryClient } from './client.js';
import { DEFAULT_HTTP_OPTIONS, mapLimit, type HttpOptions } from './http.js';
import { readRegistrySettings, type RegistrySettings } from './npm-config.js';
import { repoFacts } from '../facts/repo-facts.js';
import type { PackageRegistration, RegistryFacts } from '../model/core/registrations.js';

/** Packages checked at the same time; each package's requests run one after the other. */
export const CONCURRENCY = 4;

export interface OnlineOptions {
  /** The repository root, absolute (its `.npmrc` is the project npm config). */
  dir: string;
  fs: SourceFs;
  configPath?: string;
  /** `--registry`. */
  registry?: string;
  env: NodeJS.ProcessEnv;
  http?: Partial<HttpOptions>;
}

export type OnlineResult = { ok: true; facts: RegistryFacts; notes: string[] } | { ok: false; message: string };

/** Reads the registry side for the packages the configuration covers. Never throws. */
export async function fetchRegistrations(options: OnlineOptions): Promise<OnlineResult> {
  const settings = readRegistrySettings({ projectDir: options.dir, env: options.env, registryFlag: options.registry });
  if ('error' in settings) return { ok: false, message: settings.error };
  const input = loadLintInput({ fs: options.fs, configPath: options.configPath });
  // A broken config is reported by the lint that follows; there is nothing to look up.
  if (!input.ok) return { ok: true, facts: { registry: settings.registry, packages: [] }, notes: [] };
  const facts = repoFacts(input.project, input.config);
  const names = [...new Set(facts.publishers.flatMap((p) => p.packages))].sort();
  const registry = await checkPackages(names, settings, options.http);
  return { ok: true, facts: registry, notes: [describe(registry, settings, names.length)] };
}

/** The packument and the trust list of each package. */
export async function checkPackages(names: readonly string[], settings: RegistrySettings, http: Partial<HttpOptions> = {}): Promise<RegistryFacts> {
  const client: RegistryClient = { settings, http: { ...DEFAULT_HTTP_OPTIONS, ...http } };
  const packages = await mapLimit(names, CONCURRENCY, async (name): Promise<PackageRegistration> => {
    const existence = await packageExists(client, name);
    if (existence.exists === 'no') {
      return { name, ...existence, trust: { ok: false, reason: 'not-found', detail: `${name} does not exist on the registry` } };
    }
    if (!settings.auth) {
      const trust: PackageRegistration['trust'] = settings.unresolved
        ? {
            ok: false,
            reason: 'unresolved-credentials',
            detail: `the npm token in ${settings.unresolved.source} refers to \${${settings.unresolved.variable}}, which is not set`,
          }
        : { ok: false, reason: 'no-credentials', detail: `no npm credentials for ${settings.registry} in .npmrc, ~/.npmrc or npm_config_* variables` };
      return { name, ...existence, trust };
    }
    return { name, ...existence, trust: await listTrust(client, name) };
  });
  const facts: RegistryFacts = { registry: settings.registry, packages };
  if (settings.auth) facts.credentials = { source: settings.auth.source };
  return facts;
}

function describe(facts: RegistryFacts, settings: RegistrySettings, count: number): string {
  const what = count === 1 ? '1 package' : `${count} packages`;
  const credentials = settings.auth
    ? `credentials from ${settings.auth.source}`
    : settings.unresolved
      ? `no usable credentials (${settings.unresolved.source} refers to \${${settings.unresolved.variable}}, which is not set)`
      : 'no credentials: only public facts were checked';
  return `online: checked ${what} on ${facts.registry} (registry from ${settings.registrySource}; ${credentials})`;
}

export type ExistenceResult =
  | { ok: true; registry: string; packages: Pick<PackageRegistration, 'name' | 'exists' | 'existenceProblem'>[] }
  | { ok: false; message: string };

/** Only the public packument of each package (`tp-doctor init --online`). */
export async function checkExistence(
  names: readonly string[],
  options: Pick<OnlineOptions, 'dir' | 'env' | 'registry' | 'http'>,
): Promise<ExistenceResult> {
  const settings = readRegistrySettings({ projectDir: options.dir, env: options.env, registryFlag: options.registry });
  if ('error' in settings) return { ok: false, message: settings.error };
  const client: RegistryClient = { settings, http: { ...DEFAULT_HTTP_OPTIONS, ...options.http } };
  const packages = await mapLimit(names, CONCURRENCY, async (name) => ({ name, ...(await packageExists(client, name)) }));
  return { ok: true, registry: settings.registry, packages };
}
