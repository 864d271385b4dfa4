/**
 * A `cd` inside a compound command of a package.json script (`if …; then cd dist/lib && npm publish;
 * fi`, an `else` branch) makes the publish's directory unknown, as a `cd` at the script's top level
 * does: the script's directory is not what it publishes (survey904c F1, open-feature/js-sdk: a
 * private workspace root was read as published, a false `no-private-package/publishedPrivate` error).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  release:',
  '    runs-on: ubuntu-latest',
  '    permissions: { id-token: write }',
  '    steps:',
  '      - uses: actions/setup-node@v5',
  '        with: { node-version: 24 }',
  '      - run: npm run ship',
  '',
].join('\n');

const files = (script: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', version: '1.0.0', private: true, repository: 'github:acme/widget', scripts: { ship: script } }),
  '.github/workflows/release.yml': WORKFLOW,
});

const sites = (script: string): string[] => loadProject(new MemoryFs(files(script))).facts.sites.map((s) => `${s.directory ?? '?'} ${s.targets.kind}`);

describe('a cd in a compound command of a package.json script', () => {
  it.each([
    'if [ -n "$CI" ]; then cd dist/lib && npm publish; fi',
    'if [ -z "$CI" ]; then echo skip; else cd dist/lib && npm publish; fi',
    'for d in dist/lib; do (cd "$d" && npm publish); done',
    '{ cd dist/lib; npm publish; }',
  ])('%s: the directory is unknown', (script) => {
    expect(sites(script)).toEqual(['? unknown']);
  });

  it('gives no publishedPrivate error on the private root', async () => {
    const ds = await lintFiles(files('if [ -n "$CI" ]; then cd dist/lib && npm publish; fi'));
    expect(ds.filter((d) => d.ruleId === 'no-private-package')).toEqual([]);
  });

  it('control: a script that publishes where it runs publishes the root', () => {
    expect(sites('if [ -n "$CI" ]; then npm publish; fi')).toEqual([' single']);
  });
});
