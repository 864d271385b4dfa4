/**
 * `aegir exec <command> [options] -- <args>` runs `<command> <args>` in every workspace of the
 * monorepo, like `lerna exec -- …` (ipfs/aegir `src/exec.js`). ipfs/helia and libp2p/js-libp2p
 * publish with `"release": "run-s build docs:no-publish npm:release docs"` and `"npm:release":
 * "aegir exec --bail false npm -- publish"` (survey900c M3).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', repository: 'github:acme/helia', ...fields });

function repo(scripts: Record<string, string>, run = 'npm run release'): Record<string, string> {
  return {
    'package.json': pkg({ name: 'helia-monorepo', private: true, workspaces: ['packages/*'], scripts }),
    'packages/a/package.json': pkg({ name: '@acme/a' }),
    'packages/b/package.json': pkg({ name: '@acme/b' }),
    '.github/workflows/main.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v5\n        with: { node-version: lts/* }\n      - run: ${JSON.stringify(run)}\n`,
  };
}

/** `label tool certainty kind[names] via` per site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.publish.match.label} ${s.publish.match.tool} ${s.certainty} ${s.targets.kind}[${list.map((p) => p.name).join(',')}] ${s.publish.match.via.map((v) => v.script).join('>')}`;
  });
}

const HELIA = { release: 'run-s build docs:no-publish npm:release docs', build: 'aegir build', 'docs:no-publish': 'aegir docs --publish false', 'npm:release': 'aegir exec --bail false npm -- publish', docs: 'aegir docs' };

describe('aegir exec', () => {
  it('helia: run-s into aegir exec --bail false npm -- publish publishes every workspace, certain', () => {
    expect(sites(repo(HELIA))).toEqual(['npm publish npm certain workspaces[@acme/a,@acme/b] release>npm:release']);
  });

  it.each([
    ['no options', 'aegir exec npm -- publish --access public'],
    ['--concurrency with a value', 'aegir exec --concurrency 1 npm -- publish'],
    ['--bail=false', 'aegir exec --bail=false npm -- publish'],
  ])('%s: an npm publish of every workspace', (_name, command) => {
    expect(sites(repo({ ship: command }, 'npm run ship'))).toEqual(['npm publish npm certain workspaces[@acme/a,@acme/b] ship']);
  });

  it.each([
    ['a dry run', 'aegir exec npm -- publish --dry-run'],
    ['another aegir command', 'aegir docs --publish false'],
  ])('control, %s: no publish', (_name, command) => {
    expect(sites(repo({ ship: command }, 'npm run ship'))).toEqual([]);
  });

  it('the words between the command and `--` are not passed to it: `aegir exec npm publish` runs `npm` alone', () => {
    expect(sites(repo({ ship: 'aegir exec npm publish' }, 'npm run ship'))).toEqual([]);
  });
});

describe('aegir release and release-rc', () => {
  // ipfs/helia: `npm run --if-present release:rc` with `"release:rc": "aegir release-rc"`, which
  // publishes a release candidate of every package through the npm on PATH: a guess, never gone.
  it.each([
    ['release:rc', 'aegir release-rc'],
    ['release', 'aegir release'],
  ])('`npm run %s` into `%s` is a likely npm publish', (script, command) => {
    const found = sites(repo({ [script]: command }, `npm run --if-present ${script}`));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^npm publish \\(run by aegir release\\) npm likely unknown\\[.*\\] ${script}$`));
  });

  it('controls: a dry run, and aegir commands that do not publish', () => {
    expect(sites(repo({ rc: 'aegir release-rc --dry-run' }, 'npm run rc'))).toEqual([]);
    expect(sites(repo({ build: 'aegir build', docs: 'aegir docs --publish false' }, 'npm run build && npm run docs'))).toEqual([]);
  });
});
