/**
 * A committed commander release script run for a subcommand that does not publish, and a flag
 * script run without its `--publish` flag: neither publishes for that run, and the workflow gets
 * no finding (src/model/npm/js-argv-cli.ts, js-argv-flow.ts); the publishing runs still publish.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers.js';

const COMMANDER = [
  "import { execSync } from 'node:child_process';",
  "import { Command } from 'commander';",
  'const program = new Command();',
  "program.command('build').action(() => execSync('npm run compile'));",
  "program.command('publish').option('--tag <tag>').action((opts) => {",
  "  execSync(`npm publish --tag ${opts.tag ?? 'latest'}`);",
  '});',
  'program.parse();',
  '',
].join('\n');
const FLAG = [
  "import { execSync } from 'node:child_process';",
  "const publish = process.argv.includes('--publish');",
  "execSync('npm run compile');",
  "if (publish) execSync('npm publish');",
  '',
].join('\n');

function repo(run: string): Record<string, string> {
  const workflow = [
    'name: ci', 'on:', '  push:', 'permissions:', '  contents: read', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:',
    '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 22', `      - run: ${run}`, '',
  ].join('\n');
  return {
    'package.json': JSON.stringify({ name: 'cli-probe', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/cli-probe.git' } }),
    '.github/workflows/ci.yml': workflow,
    'scripts/release.mjs': COMMANDER,
    'scripts/flag.mjs': FLAG,
  };
}

describe('a commander subcommand or a flag the workflow does not pass', () => {
  it('`node scripts/release.mjs build` and `node scripts/flag.mjs` get no finding', async () => {
    expect((await lintFiles(repo('node scripts/release.mjs build'))).map((d) => `${d.ruleId} ${d.message}`)).toEqual([]);
    expect((await lintFiles(repo('node scripts/flag.mjs --verbose'))).map((d) => `${d.ruleId} ${d.message}`)).toEqual([]);
  });
  it('control: `release.mjs publish` and `flag.mjs --publish` publish (require-id-token-write, npm-supports-oidc on npm 10)', async () => {
    for (const run of ['node scripts/release.mjs publish --tag next', 'node scripts/flag.mjs --publish']) {
      const found = (await lintFiles(repo(run))).map((d) => `${d.line}:${d.column} ${d.ruleId}`);
      expect(found).toEqual(expect.arrayContaining(['4:1 require-id-token-write', '14:14 npm-supports-oidc']));
    }
  });
});
