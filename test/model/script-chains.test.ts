/**
 * Runners of several package.json scripts (`run-s`, `run-p`, `npm-run-all`) and of several commands
 * (`concurrently`, its `npm:<script>` shorthand) are read as the scripts and commands they run
 * (ipfs/helia and libp2p/js-libp2p: `"release": "run-s build docs:no-publish npm:release docs"`;
 * survey900c M3). A certain publish through them is as certain as in `npm run build && npm run pub`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { SCRIPT_RUNNERS, type ScriptChain } from '../../src/model/data/publish-tools.js';
import { chainCommands, MAX_CHAIN_COMMANDS } from '../../src/model/npm/script-chains.js';
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

  it(`a chain of more than ${MAX_CHAIN_COMMANDS} commands: the first ones read, the rest a command tp-doctor cannot read`, () => {
    const chain = (bin: string): ScriptChain => SCRIPT_RUNNERS.find((r) => r.bin === bin)!.chain!;
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s${i}`, 'echo']));
    const budget = { left: 400 };
    const over = chainCommands(chain('run-s'), ['run-s', ...Array<string>(60).fill('s*')], many, budget);
    expect(over.commands).toHaveLength(MAX_CHAIN_COMMANDS);
    expect(over.commands.slice(0, 2)).toEqual(['npm run s0', 'npm run s1']);
    expect(over.unread).toBe(true);
    // The first pattern was enough to tell; concurrently's `npm:` patterns are capped as well.
    expect(budget.left).toBe(399);
    expect(chainCommands(chain('concurrently'), ['concurrently', 'npm:s*'], many, budget)).toMatchObject({ unread: true });
    // Controls: exactly the cap, each script once however many patterns name it.
    const cap = Object.fromEntries(Array.from({ length: MAX_CHAIN_COMMANDS }, (_, i) => [`s${i}`, 'echo']));
    const atCap = chainCommands(chain('run-s'), ['run-s', 's*', 's1', 's*'], cap, { left: 400 });
    expect(atCap.commands).toHaveLength(MAX_CHAIN_COMMANDS);
    expect(atCap.unread).toBe(false);
  });

  it("each pattern expanded is charged to the call's budget: one spent is a pattern not read", () => {
    const runS = SCRIPT_RUNNERS.find((r) => r.bin === 'run-s')!.chain!;
    const budget = { left: 1 };
    expect(chainCommands(runS, ['run-s', 'pu*', 'b*', 'x'], PUB, budget)).toEqual({ commands: ['npm run pub', 'npm run x'], unread: true });
    expect(chainCommands(runS, ['run-s', 'pu*', 'x'], PUB, { left: 2 })).toEqual({ commands: ['npm run pub', 'npm run x'], unread: false });
    // Through the recogniser: 100 scripts of 60 patterns each, calling one another, finish.
    const scripts = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`s${i}`, `run-s ${"'s*' ".repeat(60)}`]));
    expect(sites(repo({ release: "run-s 's*'", ...scripts }))).toEqual(['npm run release (runs an unrecognised command) likely release']);
  });

  it('npm-supports-oidc: bundledTooOld is an error through run-s, as through the && chain', async () => {
    const chain = await lintFiles(repo({ release: 'run-s build pub', ...PUB }, 'npm run release', '20'), { rule: 'npm-supports-oidc' });
    const andAnd = await lintFiles(repo({ release: 'npm run build && npm run pub', ...PUB }, 'npm run release', '20'), { rule: 'npm-supports-oidc' });
    expect(chain.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@error']);
    expect(andAnd.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
});
