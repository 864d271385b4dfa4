/**
 * A publish of the paths `find … -exec npm publish {} \;` gives (survey800a M2, middyjs/middy):
 * tarballs or folders tp-doctor cannot name, never a folder named `{}`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });
const files = (run: string, job = ''): Record<string, string> => ({
  'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
  'packages/a/package.json': pkg({ name: '@acme/a' }),
  'packages/b/package.json': pkg({ name: '@acme/b', repository: 'https://github.com/acme/mono' }),
  '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/mono.git\n',
  '.github/workflows/r.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n${job}    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n${run}`,
});

function site(run: string): string {
  const s = loadProject(new MemoryFs(files(run))).facts.sites[0];
  const list = s?.targets.kind === 'unknown' ? s.targets.candidates : (s?.targets.packages ?? []);
  return `${s?.targets.kind}[${list.map((p) => p.name).join(',')}] dir=${s?.directory}`;
}

describe('find -exec npm publish {}', () => {
  it.each([
    ['`-exec … {} \\;` over tarballs', "find . -name '*.tgz' -exec npm publish --provenance --access public {} \\;", 'unknown[] dir='],
    ['quoted "{}", `+`', 'find dist -name "*.tgz" -exec npm publish "{}" +', 'unknown[] dir='],
    ['-execdir', "find . -iname '*.tgz' -execdir npm publish {} \\;", 'unknown[] dir='],
    ['folders found: every package is a candidate', 'find packages -mindepth 1 -maxdepth 1 -type d -exec npm publish {} \\;', 'unknown[@acme/a,@acme/b] dir='],
    ['control: `for f in *.tgz` publishes tarballs', 'for f in *.tgz; do npm publish "$f"; done', 'unknown[] dir=undefined'],
    ['control: a glob of tarballs', 'npm publish dist/*.tgz', 'unknown[] dir='],
  ])('%s', (_name, command, want) => expect(site(`      - run: ${command}\n`)).toBe(want));

  it('the package the same script packed first is the candidate of its tarballs', () => {
    const project = loadProject(new MemoryFs({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': "on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm pack && find . -name '*.tgz' -exec npm publish {} \\;\n" }));
    const s = project.facts.sites[0];
    expect(s?.targets.kind === 'unknown' ? s.targets.candidates.map((p) => p.name) : s?.targets.kind).toEqual(['w']);
  });

  it('a package found as a folder without `repository` is reported at most as a warning (provenance-repository-url)', async () => {
    const found = await lintFiles(files('      - run: find packages -mindepth 1 -maxdepth 1 -type d -exec npm publish --provenance {} \\;\n', '    permissions:\n      id-token: write\n'), { rule: 'provenance-repository-url' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.file}`)).toEqual([expect.stringMatching(/:warning:packages\/a\/package\.json$/)]);
  });
});
