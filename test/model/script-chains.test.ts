/**
 * Runners of several package.json scripts (`run-s`, `run-p`, `npm-run-all`) and of several commands
 * (`concurrently`, its `npm:<script>` shorthand) are read as the scripts and commands they run
 * (ipfs/helia and libp2p/js-libp2p: `"release": "run-s build docs:no-publish npm:release docs"`;
 * survey900c M3). A certain publish through them is as certain as in `npm run build && npm run pub`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

function repo(scripts: Record<string, string>, run = 'npm run release', node = '24'): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget', scripts }),
    '.github/workflows/release.yml': `on: { push: { tags: ['v*'] } }\npermissions: { contents: read, id-token: write }\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with: { node-version: ${node}, registry-url: https://registry.npmjs.org }\n      - run: ${JSON.stringify(run)}\n`,
  };
}

/** `label certainty via` per site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => `${s.publish.match.label} ${s.certainty} ${s.publish.match.via.map((v) => v.script).join('>')}`);
}

const PUB = { pub: 'npm publish', build: 'echo b' };

describe('script chain runners', () => {
  it.each([
    ['run-s', 'run-s build pub'],
    ['run-p', 'run-p pub'],
    ['npm-run-all', 'npm-run-all build pub'],
    ['npm-run-all -s', 'npm-run-all -s build -p pub'],
    ['npm-run-all --serial with options', 'npm-run-all --serial --print-label --max-parallel 2 build pub'],
    ['a segment glob', 'run-s build "pu*"'],
    ['concurrently a quoted command', 'concurrently "npm run pub"'],
    ['concurrently npm: shorthand', 'concurrently -n a,b "echo x" npm:pub'],
  ])('%s: the npm publish of the script it runs, certain', (_name, release) => {
    expect(sites(repo({ release, ...PUB }))).toEqual(['npm publish certain release>pub']);
  });

  it('`name:*` matches one level, `name:**` any depth, in package.json order', () => {
    const scripts = { release: 'run-s "pub:*"', 'pub:a': 'npm publish ./a', 'pub:x:b': 'npm publish ./b' };
    expect(sites(repo(scripts))).toEqual(['npm publish certain release>pub:a']);
    expect(sites(repo({ ...scripts, release: 'run-s "pub:**"' }))).toEqual(['npm publish certain release>pub:a', 'npm publish certain release>pub:x:b']);
  });

  it('an operand with arguments and `--` placeholders passes them to the script', () => {
    expect(sites(repo({ release: 'run-s "pub -- --dry-run"', ...PUB }))).toEqual([]);
    expect(sites(repo({ release: 'run-s "pub -- {1}" -- --dry-run', ...PUB }))).toEqual([]);
    // Control: without the placeholder the words after `--` go nowhere.
    expect(sites(repo({ release: 'run-s pub -- --dry-run', ...PUB }))).toEqual(['npm publish certain release>pub']);
  });

  it('controls: help, a glob that matches nothing, a script that does not publish', () => {
    expect(sites(repo({ release: 'run-s --help pub', ...PUB }))).toEqual([]);
    expect(sites(repo({ release: 'run-s build "ship:*"', ...PUB }))).toEqual([]);
    expect(sites(repo({ release: 'concurrently npm:build "echo x"', ...PUB }))).toEqual([]);
  });

  it('a glob over scripts tp-doctor cannot read is a command it cannot read (a guess at most)', () => {
    const found = sites(repo({ release: 'concurrently "npm:pub:*(!a|b)"', ...PUB }));
    expect(found).toEqual(['npm run release (runs an unrecognised command) likely release']);
  });

  it('npm-supports-oidc: bundledTooOld is an error through run-s, as through the && chain', async () => {
    const chain = await lintFiles(repo({ release: 'run-s build pub', ...PUB }, 'npm run release', '20'), { rule: 'npm-supports-oidc' });
    const andAnd = await lintFiles(repo({ release: 'npm run build && npm run pub', ...PUB }, 'npm run release', '20'), { rule: 'npm-supports-oidc' });
    expect(chain.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@error']);
    expect(andAnd.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
});
