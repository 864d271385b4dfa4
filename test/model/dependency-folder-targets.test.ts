/**
 * survey910b D1 (analogjs/analog `tools/publish.sh`: `npm publish node_modules/@analogjs/astro-angular`):
 * a directory argument under `node_modules/` whose package.json the repository does not hold is a
 * published dependency folder, the package that path names (`node_modules/<name>`,
 * `node_modules/@scope/name`): the workspace package of that name is the candidate (the folder is
 * build output or an install's link to it, so the targets stay unknown), else the name alone
 * (`generatedNames`). A committed package.json there still names the package.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const ROOT = { 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }) };
const PACKAGES = {
  'packages/a/package.json': JSON.stringify({ name: '@o/a', version: '1.0.0' }),
  'packages/b/package.json': JSON.stringify({ name: 'plain-b', version: '1.0.0' }),
};
const workflow = (run: string): Record<string, string> => ({
  '.github/workflows/r.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`,
});

/** `kind[packages or candidates]{generated names} directory` of the one site. */
function site(run: string, files: Record<string, string> = PACKAGES): string {
  const s = loadProject(new MemoryFs({ ...ROOT, ...files, ...workflow(run) }), {}).facts.sites[0];
  const list = s === undefined ? [] : s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
  const generated = s?.targets.kind === 'unknown' && s.targets.generatedNames ? `{${s.targets.generatedNames.join(',')}}` : '';
  return `${s?.targets.kind}[${list.map((p) => p.name).join(',')}]${generated} ${JSON.stringify(s?.directory)}`;
}

describe('npm publish node_modules/<name>: the package that folder holds', () => {
  it.each<[string, string, string, Record<string, string>?]>([
    ['a scoped workspace package (the survey repro)', 'npm publish node_modules/@o/a --tag next', 'unknown[@o/a] "node_modules/@o/a"'],
    ['an unscoped one, from a sub-directory', 'cd dist && npm publish ../node_modules/plain-b', 'unknown[plain-b] "node_modules/plain-b"'],
    ['a name no package of the repository has: the name alone', 'npm publish node_modules/@o/built', 'unknown[]{@o/built} "node_modules/@o/built"'],
    ['pnpm too', 'pnpm publish node_modules/@o/a', 'unknown[@o/a] "node_modules/@o/a"'],
  ])('%s', (_name, run, want, files) => {
    expect(site(run, files)).toBe(want);
  });

  it.each<[string, string, string, Record<string, string>?]>([
    ['control: a committed package.json there names its package', 'npm publish node_modules/@o/a', 'single[@o/kept] "node_modules/@o/a"', { ...PACKAGES, 'node_modules/@o/a/package.json': JSON.stringify({ name: '@o/kept', version: '1.0.0' }) }],
    ['control: a build folder without a package.json stays unknown without a candidate', 'npm publish dist/packages/a', 'unknown[] "dist/packages/a"'],
    ['control: a folder below the package folder is not that package', 'npm publish node_modules/@o/a/dist', 'unknown[] "node_modules/@o/a/dist"'],
    ['control: a scope folder alone names no package', 'npm publish node_modules/@o', 'unknown[] "node_modules/@o"'],
  ])('%s', (_name, run, want, files) => {
    expect(site(run, files)).toBe(want);
  });
});
