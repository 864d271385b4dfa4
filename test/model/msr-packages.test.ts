/**
 * multi-semantic-release runs each workspace package's own semantic-release configuration
 * (src/model/npm/msr-packages.ts): BitGo/BitGoWASM's `packages/wasm-privacy-coin/.releaserc.json`
 * releases to Maven with @semantic-release/exec and has no @semantic-release/npm, so that package
 * is no npm publish (survey800b F3).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string): string => JSON.stringify({ name, version: '1.0.0', repository: 'github:o/r' });
const WORKFLOW = 'on: push\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n      - run: npx multi-semantic-release\n';
const ROOT_CONFIG = JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@semantic-release/npm'] });

function packages(own: Record<string, string>): string[] {
  const files = {
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
    '.releaserc.json': ROOT_CONFIG,
    'packages/a/package.json': pkg('@o/a'),
    'packages/b/package.json': pkg('@o/b'),
    '.github/workflows/release.yml': WORKFLOW,
    ...own,
  };
  return loadProject(new MemoryFs(files), {}).facts.sites.flatMap((s) => (s.targets.kind === 'unknown' ? [] : s.targets.packages.map((p) => p.name ?? '?')));
}

describe('multi-semantic-release: a package with a configuration of its own', () => {
  it('whose plugins leave @semantic-release/npm out publishes nothing to npm', () => {
    const exec = JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', ['@semantic-release/exec', { publishCmd: 'mvn deploy' }]] });
    expect(packages({ 'packages/b/.releaserc.json': exec })).toEqual(['@o/a']);
  });
  it('with `npmPublish: false` publishes nothing to npm (its package.json `release` too)', () => {
    const off = { plugins: [['@semantic-release/npm', { npmPublish: false }]] };
    expect(packages({ 'packages/b/.releaserc.json': JSON.stringify(off) })).toEqual(['@o/a']);
    expect(packages({ 'packages/b/package.json': JSON.stringify({ name: '@o/b', version: '1.0.0', release: off }) })).toEqual(['@o/a']);
  });
  it('controls: no configuration of its own, or one that keeps the npm plugin, or one tp-doctor cannot read: the root decides', () => {
    expect(packages({})).toEqual(['@o/a', '@o/b']);
    expect(packages({ 'packages/b/.releaserc.json': ROOT_CONFIG })).toEqual(['@o/a', '@o/b']);
    expect(packages({ 'packages/b/release.config.js': 'module.exports = require("./shared");\n' })).toEqual(['@o/a', '@o/b']);
  });
});
