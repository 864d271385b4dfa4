import { createRequire } from 'node:module';
import type Picomatch from 'picomatch';

let picomatch: typeof Picomatch | undefined;

/**
 * Glob matching for the config's `ignore:` and `packages:` lists and for workspace patterns.
 * picomatch is the matcher globby itself is built on; we match over `SourceFs` (which may be an
 * in-memory repository or an editor overlay), so globby's disk walking does not fit. picomatch is
 * required on first use, synchronously (rules and the ESLint adapter are synchronous), so runs
 * without globs never load it.
 */
export function compileGlobs(patterns: readonly string[], options: { dot?: boolean } = {}): (file: string) => boolean {
  picomatch ??= createRequire(import.meta.url)('picomatch') as typeof Picomatch;
  const matcher = picomatch([...patterns], { dot: options.dot ?? true });
  return (file: string) => matcher(file.replace(/\\/g, '/'));
}
