import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * tp-doctor's version, for the plugin's `meta` (ESLint's cache key). The package root is two
 * folders up from src/eslint-plugin and three from dist/src/eslint-plugin.
 */
export function pluginVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (const up of ['../../', '../../../']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tp-doctor') {
        cached = pkg.version ?? cached;
        break;
      }
    } catch {
      // try the next candidate
    }
  }
  return cached;
}
