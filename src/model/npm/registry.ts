/**
 * Which registry a publish goes to. Trusted publishing only exists on registry.npmjs.org; tokens
 * and upgrades aimed at another registry (GitHub Packages, a proxy) are another matter.
 */
import type { EnvEntry, PublishCommand, Step } from '../github/types.js';

/** Hosts that are the public npm registry (registry.yarnpkg.com is a CNAME of it). */
export const NPMJS_HOSTS: ReadonlySet<string> = new Set(['registry.npmjs.org', 'registry.npmjs.com', 'registry.yarnpkg.com']);

export type Registry = 'npmjs' | 'other' | 'unknown';

/** The host of a registry URL (`https://host/...`, `//host/`, or a bare `host/path`). */
export function registryHost(url: string): string | undefined {
  const trimmed = url.trim();
  const host = /^(?:[a-z+]+:)?\/\/([^/:?#]+)/i.exec(trimmed)?.[1] ?? /^([^/:?#\s]+)/.exec(trimmed)?.[1];
  return host?.toLowerCase();
}

/** `npmjs`, `other`, or `unknown` (an expression or variable); undefined when nothing is set. */
export function classifyRegistry(url: string | undefined): Registry | undefined {
  if (url === undefined || url.trim() === '') return undefined;
  if (/\$/.test(url)) return 'unknown';
  const host = registryHost(url);
  return host !== undefined && NPMJS_HOSTS.has(host) ? 'npmjs' : 'other';
}

/** The env entry a step sees for `name` (step over job over workflow; case-insensitive). */
export function envFor(step: Step, name: string): EnvEntry | undefined {
  const lower = name.toLowerCase();
  for (const list of [step.env, step.job.env, step.job.workflow.env]) {
    const hit = list.find((e) => e.name.toLowerCase() === lower);
    if (hit) return hit;
  }
  return undefined;
}

/** Registry a script line sets (`npm config set registry URL`, `registry=URL` into an .npmrc). */
export function registrySetBy(text: string): string | undefined {
  const set = /\b(?:npm|pnpm|yarn)\s+(?:config\s+)?set\s+['"]?registry['"]?[\s=]+['"]?([^\s'"]+)/.exec(text)?.[1];
  if (set !== undefined) return set;
  return /\.npmrc|NPM_CONFIG_USERCONFIG/i.test(text) ? /(?<![\w:@/-])registry\s*=\s*['"]?([^\s'"]+)/.exec(text)?.[1] : undefined;
}

/**
 * Where a publish goes, first answer wins: its `--registry` flag, `NPM_CONFIG_REGISTRY` in the step's
 * env, the nearest earlier setup-node `registry-url` or script line that sets a registry, the
 * package's `publishConfig.registry`, else the default (npmjs).
 */
export function publishRegistry(step: Step, publish: PublishCommand, publishConfigRegistry: string | undefined): Registry {
  const fromFlag = classifyRegistry(publish.match.flags.registry);
  if (fromFlag) return fromFlag;
  const fromEnv = classifyRegistry(envFor(step, 'npm_config_registry')?.value);
  if (fromEnv) return fromEnv;
  for (const earlier of step.job.steps.filter((s) => s.index < step.index).reverse()) {
    if (earlier.uses?.name.toLowerCase() === 'actions/setup-node') {
      const fromSetup = classifyRegistry(earlier.with.get('registry-url')?.text);
      if (fromSetup) return fromSetup;
    }
    const fromScript = earlier.run ? classifyRegistry(registrySetBy(earlier.run.text)) : undefined;
    if (fromScript) return fromScript;
  }
  return classifyRegistry(publishConfigRegistry) ?? 'npmjs';
}
