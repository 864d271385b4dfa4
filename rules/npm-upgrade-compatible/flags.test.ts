import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/** npm 12 stops on options it does not know; pnpm's `--no-git-checks` is one (./flags.ts). */
const RULE = 'npm-upgrade-compatible';
const PKG = (extra: Record<string, unknown> = {}): string => JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: 'github:acme/lib', ...extra });
const PNPM_LOCK = "lockfileVersion: '9.0'\n";

function github(steps: string, node = '24.15'): string {
  return `name: Release\non:\n  push:\n    tags: ['v*']\npermissions:\n  contents: read\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v5\n        with:\n          node-version: '${node}'\n${steps}`;
}

/** A pnpm repository (`pkg` merged into package.json, a pnpm-lock.yaml) whose release job runs `steps`. */
function pnpmRepo(pkg: Record<string, unknown>, steps: string): Record<string, string> {
  return { 'package.json': PKG(pkg), 'pnpm-lock.yaml': PNPM_LOCK, '.github/workflows/release.yml': github(steps) };
}

async function brief(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles(files, { rule: RULE });
  return found.filter((d) => d.messageId === 'unknownFlag' || d.messageId.startsWith('forwardedFlag')).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line} ${d.data['flag']} npm ${d.data['npm']}`);
}

describe('npm-upgrade-compatible: npm 12 and pnpm options (unknownFlag, forwardedFlag)', () => {
  it('npm publish --no-git-checks after npm@latest (npm 12): an error', async () => {
    const files = { 'package.json': PKG(), '.github/workflows/release.yml': github('      - run: npm install -g npm@latest\n      - run: npm publish --no-git-checks\n') };
    expect(await brief(files)).toEqual(['unknownFlag@error .github/workflows/release.yml:17 --no-git-checks npm 12.2.2']);
    const [d] = (await lintFiles(files, { rule: RULE })).filter((x) => x.messageId === 'unknownFlag');
    expect(d?.message).toBe('`npm publish --no-git-checks` gives npm 12.2.2 (installed by "npm install -g npm@latest") the option `--no-git-checks`, which npm does not know');
  });
  it('control: the same on npm 11 (pinned): npm only warns', async () => {
    const files = { 'package.json': PKG(), '.github/workflows/release.yml': github('      - run: npm install -g npm@11\n      - run: npm publish --no-git-checks\n') };
    expect(await brief(files)).toEqual([]);
  });
  it('control: npm 12 without a pnpm option', async () => {
    const files = { 'package.json': PKG(), '.github/workflows/release.yml': github('      - run: npm install -g npm@latest\n      - run: npm publish --provenance\n') };
    expect(await brief(files)).toEqual([]);
  });
  it('pnpm 10.12.4 with --no-git-checks after npm@latest: pnpm passes it on to npm 12 (an error)', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@10.12.4' }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n');
    expect(await brief(files)).toEqual(['forwardedFlag@error .github/workflows/release.yml:18 --no-git-checks npm 12.2.2']);
  });
  it('control: a recursive publish (-r, --filter) gives npm options of its own, not the command\'s (honkit/honkit)', async () => {
    for (const run of ['pnpm -r publish --access public --no-git-checks', 'pnpm --filter @acme/lib publish --no-git-checks', 'pnpm publish --recursive --no-git-checks']) {
      const files = pnpmRepo({ packageManager: 'pnpm@9.12.0' }, `      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: ${run}\n`);
      expect(await brief(files), run).toEqual([]);
    }
  });
  it('pnpm 9.12.0 publish --no-git-checks (not recursive): passed on to npm 12, an error', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@9.12.0' }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --access public --no-git-checks\n');
    expect(await brief(files)).toEqual(['forwardedFlag@error .github/workflows/release.yml:18 --no-git-checks npm 12.2.2']);
  });
  it('a pnpm 10.12.4 installed in the job while packageManager names 10.20.0 (pnpm 10 switches to it): a warning', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@10.20.0' }, '      - run: npm install -g pnpm@10.12.4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n');
    expect(await brief(files)).toEqual(['forwardedFlagMay@warning .github/workflows/release.yml:18 --no-git-checks npm 12.2.2']);
  });
  it('pnpm 7 (a tarball publish passes npm only its positional arguments): a warning', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@7.33.7' }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n');
    expect(await brief(files)).toEqual(['forwardedFlagMay@warning .github/workflows/release.yml:18 --no-git-checks npm 12.2.2']);
  });
  it('the options are read from the words the shell gives: a quoted option counts, an option inside a quoted value does not', async () => {
    const run = (cmd: string): Record<string, string> => pnpmRepo({ packageManager: 'pnpm@9.12.0' }, `      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: ${cmd}\n`);
    expect(await brief(run('pnpm publish "--no-git-checks"'))).toEqual(['forwardedFlag@error .github/workflows/release.yml:18 --no-git-checks npm 12.2.2']);
    expect(await brief(run('pnpm publish --tag "next --no-git-checks"'))).toEqual([]);
    expect(await brief(run('pnpm "--filter=@acme/lib" publish --no-git-checks'))).toEqual([]);
  });
  it('the option in the package.json script the workflow runs (pnpm run release): read there', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@9.12.0', scripts: { release: 'pnpm publish --no-git-checks' } }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm run release\n');
    expect(await brief(files)).toEqual(['forwardedFlag@error .github/workflows/release.yml:18 --no-git-checks npm 12.2.2']);
    const npmFiles = { 'package.json': PKG({ scripts: { release: 'npm publish --no-git-checks' } }), '.github/workflows/release.yml': github('      - run: npm install -g npm@latest\n      - run: npm run release\n') };
    expect(await brief(npmFiles)).toEqual(['unknownFlag@error .github/workflows/release.yml:17 --no-git-checks npm 12.2.2']);
  });
  it('control: pnpm 11 publishes without npm', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@11.3.0' }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n');
    expect(await brief(files)).toEqual([]);
  });
  it('changeset publish in a pnpm 10 repository adds --no-git-checks (OpenRouterTeam/ai-sdk-provider)', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@10.12.4', devDependencies: { '@changesets/cli': '^2.29.0' } }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm install\n      - run: pnpm changeset publish\n');
    expect(await brief(files)).toEqual(['forwardedFlag@error .github/workflows/release.yml:19 --no-git-checks npm 12.2.2']);
  });
  it('control: pnpm 10.18.3 and later remove --no-git-checks before npm runs', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@10.18.3' }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n');
    expect(await brief(files)).toEqual([]);
  });
  it('pnpm 10.34.4 still passes the positive --git-checks on', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@10.34.4' }, '      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --git-checks\n');
    expect(await brief(files)).toEqual(['forwardedFlag@error .github/workflows/release.yml:18 --git-checks npm 12.2.2']);
  });
  it('a pnpm 10 installed in the job against a packageManager pnpm 11 (either may run): a warning', async () => {
    const files = pnpmRepo({ packageManager: 'pnpm@11.3.0' }, '      - run: npm install -g pnpm@10.12.4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n');
    expect(await brief(files)).toEqual(['forwardedFlagMay@warning .github/workflows/release.yml:18 --no-git-checks npm 12.2.2']);
  });
  it('control: pnpm/action-setup version: 10 installs the newest 10.x, which removes --no-git-checks', async () => {
    const files = pnpmRepo({}, '      - uses: pnpm/action-setup@v4\n        with:\n          version: 10\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n');
    expect(await brief(files)).toEqual([]);
  });
  it('GitLab: npm publish --no-git-checks after npm i -g npm@12 on node:24', async () => {
    const files = {
      'package.json': JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: { type: 'git', url: 'git+https://gitlab.com/acme/lib.git' } }),
      '.gitlab-ci.yml': 'publish:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - npm i -g npm@12\n    - npm publish --no-git-checks\n',
    };
    expect(await brief(files)).toEqual(['unknownFlag@error .gitlab-ci.yml:8 --no-git-checks npm 12.2.2']);
  });
});
