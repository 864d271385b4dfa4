/**
 * `make -C <dir>` whose directory holds matrix values (src/model/github/make-matrix.ts): read once
 * per matrix value, as a `working-directory` holding one is (pulumi/pulumi's
 * `make -C sdk/${{ matrix.language }} publish`, survey900c M6).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { makeDirectoryWords } from '../../src/model/npm/make-command.js';
import { lintFiles } from '../helpers.js';

function workflow(run: string, matrix = '["nodejs", "python"]'): string {
  return `name: release
on: { push: { tags: ['v*'] } }
permissions: { contents: read, id-token: write }
jobs:
  sdks:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        language: ${matrix}
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        if: \${{ matrix.language == 'nodejs' }}
        with: { node-version: 20 }
      - run: ${run}
`;
}

function repo(run: string, matrix?: string): Record<string, string> {
  return {
    '.github/workflows/release.yml': workflow(run, matrix),
    'sdk/nodejs/Makefile': 'publish::\n\tnpm publish\n',
    'sdk/nodejs/package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'https://github.com/acme/widget' }),
    'sdk/python/Makefile': 'publish::\n\ttwine upload dist/*\n',
  };
}

/** `label certainty in <directory> [packages]` per site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.publish.match.label} ${s.certainty} in ${s.directory ?? '?'} [${list.map((p) => p.name).join(',')}]`;
  });
}

const NODEJS = 'npm publish (run by make publish) likely in sdk/nodejs [@acme/widget]';

describe('make -C with a matrix value in its directory', () => {
  it.each([
    'make -C sdk/${{ matrix.language }} publish',
    'make -Csdk/${{ matrix.language }} publish',
    'make --directory=sdk/${{ matrix.language }} publish',
    'make --directory "sdk/${{ matrix.language }}" publish',
    'make -s -C sdk/${{ matrix.language}} publish',
  ])('%s: each matrix value\'s makefile is read', (run) => {
    expect(sites(repo(run))).toEqual([NODEJS]);
  });

  it('control: the literal directory, as before', () => {
    expect(sites(repo('make -C sdk/nodejs publish'))).toEqual([NODEJS]);
  });

  it('control: only values whose makefile publishes nothing: no publish', () => {
    expect(sites(repo('make -C sdk/${{ matrix.language }} publish', '["python"]'))).toEqual([]);
  });

  it('control: a matrix value that is not a scalar keeps the command unread (a possible publish)', () => {
    const got = sites(repo('make -C sdk/${{ matrix.sdk }} publish'));
    expect(got).toEqual(['"make -C sdk/${{ matrix.sdk }} publish" possible in ? []']);
  });

  it('the Node of the matrix value that publishes judges it: bundledTooOld is a warning, not a guess', async () => {
    const found = await lintFiles(repo('make -C sdk/${{ matrix.language }} publish'), { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@warning']);
  });
});

describe('makeDirectoryWords', () => {
  it.each([
    [['make', '-C', 'a', 'publish'], [2]],
    [['make', '-Ca', 'publish'], [1]],
    [['make', '-sC', 'a', 'publish'], [2]],
    [['make', '--directory=a', '--dir', 'b'], [1, 3]],
    [['make', '-j', '4', '-C', 'a'], [4]],
    [['make', '-f', 'x.mk', 'publish'], []],
    [['make', '--', '-C', 'a'], []],
  ])('%j: %j', (words, want) => {
    expect(makeDirectoryWords(words)).toEqual(want);
  });
});
