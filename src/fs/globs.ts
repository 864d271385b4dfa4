/**
 * Glob matching for the config's `ignore:` and `packages:` lists. picomatch is the matcher globby
 * itself is built on; it is imported lazily so that runs without globs never pay for it.
 */
export async function compileGlobs(patterns: readonly string[]): Promise<(file: string) => boolean> {
  const { default: picomatch } = await import('picomatch');
  const matcher = picomatch([...patterns], { dot: true });
  return (file: string) => matcher(file.replace(/\\/g, '/'));
}
