import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * tp-doctor's own package directory and version, found by walking up from this module: the same
 * answer from src/cli (tests), dist/src/cli (the compiled API) and dist/ (the bundled CLI).
 */
let ownPackage: { root: string; version: string } | undefined;
export function packageInfo(): { root: string; version: string } {
  if (ownPackage) return ownPackage;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'tp-doctor') return (ownPackage = { root: dir, version: pkg.version ?? '0.0.0' });
      } catch {
        // keep looking upwards
      }
    }
    dir = path.dirname(dir);
  }
  return (ownPackage = { root: path.dirname(fileURLToPath(import.meta.url)), version: '0.0.0' });
}

/** tp-doctor's own version, from its package.json. */
export function toolVersion(): string {
  return packageInfo().version;
}
