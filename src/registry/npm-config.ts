/**
 * The registry and the credentials `tp-doctor --online` uses, read like npm reads them (npm 12's
 * `@npmcli/config` and `npm-registry-fetch/lib/auth.js`): `--registry` over `npm_config_*`
 * environment variables over the project `.npmrc` over the user `.npmrc` (`NPM_CONFIG_USERCONFIG`,
 * default `$HOME/.npmrc`); `${VAR}` and `${VAR?}` in keys and values expand from the environment;
 * credentials are the nerf-darted `//host/path/:_authToken` (or `:_auth`, `:username` +
 * `:_password`) of the longest path prefix of the registry URL. The global npmrc
 * (`$PREFIX/etc/npmrc`) is not read.
 *
 * Credentials leave this module only as an HTTP header value inside `RegistrySettings.auth`; every
 * text meant for people names where a credential came from, never the credential.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseNpmrc } from '../model/npm/npmrc.js';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

export interface RegistryAuth {
  /** The `Authorization` header value. Never print it. */
  header: string;
  /** Where it came from (a file or a variable name), for messages. */
  source: string;
}

export interface RegistrySettings {
  /** The registry URL with a trailing slash, without credentials. */
  registry: string;
  /** Where the registry setting came from. */
  registrySource: string;
  auth?: RegistryAuth;
  /** Credentials are configured but name a variable that is not set (`${NPM_TOKEN}`). */
  unresolved?: { variable: string; source: string };
}

export interface NpmConfigInput {
  /** The repository root (absolute): its `.npmrc` is the project config. */
  projectDir: string;
  env: NodeJS.ProcessEnv;
  /** `--registry`. */
  registryFlag?: string;
}

interface Layer {
  source: string;
  values: Map<string, string>;
}

// npm's own expression (@npmcli/config/lib/env-replace.js): `${NAME}`, `${NAME?}` (empty when
// unset), a backslash escapes. Reimplemented (a dozen lines) rather than depending on npm's config
// package, which would pull in npm's whole definition table.
const ENV_EXPR = /(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g;

export function envReplace(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(ENV_EXPR, (orig, esc: string, name: string, modifier: string | undefined) => {
    const fallback = modifier === '?' ? '' : `\${${name}}`;
    const value = env[name] !== undefined ? env[name]! : fallback;
    if (esc.length % 2) return orig.slice((esc.length + 1) / 2);
    return esc.slice(esc.length / 2) + value;
  });
}

function readLayer(file: string, source: string, env: NodeJS.ProcessEnv): Layer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const values = new Map<string, string>();
  for (const entry of parseNpmrc(source, text).entries) values.set(envReplace(entry.key, env), envReplace(entry.value, env));
  return { source, values };
}

function envLayer(env: NodeJS.ProcessEnv): Layer {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!/^npm_config_/i.test(name) || value === undefined || value === '') continue;
    let key = name.slice('npm_config_'.length);
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    values.set(key, envReplace(value, env));
  }
  return { source: 'npm_config_* environment variables', values };
}

function envName(env: NodeJS.ProcessEnv, key: string): string | undefined {
  return Object.keys(env).find((name) => {
    if (!/^npm_config_/i.test(name)) return false;
    let k = name.slice('npm_config_'.length);
    if (!k.startsWith('//')) k = k.replace(/(?!^)_/g, '-').toLowerCase();
    return k === key;
  });
}

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME ?? env.USERPROFILE ?? os.homedir();
}

/** `https://user:pw@host/x` → `https://host/x/`; undefined for anything that is not http(s). */
export function normalizeRegistry(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  const text = parsed.toString();
  return text.endsWith('/') ? text : `${text}/`;
}

/**
 * Reads the registry and credentials. Returns a message (for a usage error) when the registry
 * setting is not an http(s) URL.
 */
export function readRegistrySettings(input: NpmConfigInput): RegistrySettings | { error: string } {
  const { env } = input;
  const userFile = env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? path.join(home(env), '.npmrc');
  const userSource = env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ? userFile : '~/.npmrc';
  const projectFile = path.join(input.projectDir, '.npmrc');
  // Lowest precedence first.
  const layers: Layer[] = [];
  const user = path.resolve(userFile) !== path.resolve(projectFile) ? readLayer(userFile, userSource, env) : undefined;
  if (user) layers.push(user);
  const project = readLayer(projectFile, '.npmrc (project)', env);
  if (project) layers.push(project);
  layers.push(envLayer(env));

  const lookup = (key: string): { value: string; source: string } | undefined => {
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i]!;
      const value = layer.values.get(key);
      if (value !== undefined) {
        const source = layer.source.startsWith('npm_config_') ? (envName(env, key) ?? layer.source) : layer.source;
        return { value, source };
      }
    }
    return undefined;
  };

  let raw: { value: string; source: string } | undefined;
  if (input.registryFlag !== undefined) raw = { value: input.registryFlag, source: '--registry' };
  else raw = lookup('registry');
  const registry = normalizeRegistry(raw?.value ?? DEFAULT_REGISTRY);
  if (registry === undefined) {
    return { error: `the registry "${raw?.value ?? ''}" (from ${raw?.source ?? 'the default'}) is not an http(s) URL` };
  }
  const settings: RegistrySettings = { registry, registrySource: raw?.source ?? 'npm default' };

  // npm-registry-fetch's regFromURI: walk up `//host/path/` to `//host/`, first configured key wins.
  const parsed = new URL(registry);
  let regKey = `//${parsed.host}${parsed.pathname}`;
  while (regKey.length > '//'.length) {
    const token = lookup(`${regKey}:_authToken`);
    const basic = lookup(`${regKey}:_auth`);
    const username = lookup(`${regKey}:username`);
    const password = lookup(`${regKey}:_password`);
    const found = token
      ? { value: token.value, source: token.source, header: `Bearer ${token.value}` }
      : basic
        ? { value: basic.value, source: basic.source, header: `Basic ${basic.value}` }
        : username && password
          ? {
              value: `${username.value}:${password.value}`,
              source: password.source,
              header: `Basic ${Buffer.from(`${username.value}:${Buffer.from(password.value, 'base64').toString('utf8')}`).toString('base64')}`,
            }
          : undefined;
    if (found) {
      const unresolved = /\$\{([^${}?]+)\}/.exec(found.value);
      if (unresolved) settings.unresolved = { variable: unresolved[1]!, source: found.source };
      else if (found.value.trim() !== '') settings.auth = { header: found.header, source: found.source };
      break;
    }
    // Drop the last path segment, or the trailing `/` (what `/([^/]+|\/)$/` removes, in one scan).
    regKey = regKey.endsWith('/') ? regKey.slice(0, -1) : regKey.slice(0, regKey.lastIndexOf('/') + 1);
  }
  return settings;
}
