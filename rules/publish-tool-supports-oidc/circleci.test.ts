/**
 * publish-tool-supports-oidc on CircleCI (DOMAIN.md section 0): tools whose own OIDC code must
 * recognise CircleCI. @semantic-release/npm from 13.2.0, np never, pnpm 11 from 11.0.7, Yarn Berry
 * not yet (4.14.1 still fails); the version that runs wins (a `--no-save` install or a pinned `npx`).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'publish-tool-supports-oidc';

/** `.circleci/config.yml` with one job `release` on cimg/node:24.15; `run` is the publishing step's command. */
function cci(run: string, before: string[] = []): string {
  const steps = [...before, run].map((r) => `      - run: ${r}`);
  return ['version: 2.1', 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', ...steps, 'workflows:', '  main:', '    jobs:', '      - release', ''].join('\n');
}

function pkg(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' }, ...fields });
}

function lock(deps: Record<string, string>): string {
  const packages: Record<string, { version: string }> = {};
  for (const [name, version] of Object.entries(deps)) packages[`node_modules/${name}`] = { version };
  return JSON.stringify({ name: 'widget', lockfileVersion: 3, packages: { '': { name: 'widget' }, ...packages } }, null, 2);
}

async function run(files: Record<string, string>): Promise<string[]> {
  const diags = await lintFiles(files, { rule: RULE });
  return diags.map((d) => `${d.messageId}:${d.severity}:${d.line}`);
}

const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

describe('publish-tool-supports-oidc on CircleCI', () => {
  it('@semantic-release/npm 13.1.5 from the lockfile: too old on CircleCI (13.2.0), fine on GitHub', async () => {
    const files = {
      'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.0' } }),
      'package-lock.json': lock({ 'semantic-release': '25.0.2', '@semantic-release/npm': '13.1.5' }),
      '.circleci/config.yml': cci(`${ID} && npx semantic-release`, ['npm ci']),
    };
    const diags = await lintFiles(files, { rule: RULE });
    expect(diags.map((d) => `${d.messageId}:${d.severity}:${d.line}`)).toEqual(['circleciTooOld:error:9']);
    expect(diags[0]!.message).toContain('`semantic-release` runs @semantic-release/npm "13.1.5" (package-lock.json); trusted publishing on CircleCI needs @semantic-release/npm 13.2 or later');
    expect(diags[0]!.why).toContain('ENONPMTOKEN');
  });

  it('@semantic-release/npm 13.2.0 in the lockfile is enough', async () => {
    const files = {
      'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.0' } }),
      'package-lock.json': lock({ 'semantic-release': '25.0.2', '@semantic-release/npm': '13.2.0' }),
      '.circleci/config.yml': cci(`${ID} && npx semantic-release`, ['npm ci']),
    };
    expect(await run(files)).toEqual([]);
  });

  it('an `npm install ... --no-save` in the job wins over the lockfile (both ways)', async () => {
    const old = {
      'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.0' } }),
      'package-lock.json': lock({ 'semantic-release': '25.0.2', '@semantic-release/npm': '13.2.1' }),
      '.circleci/config.yml': cci(`${ID} && npx semantic-release`, ['npm ci', 'npm install @semantic-release/npm@13.1.3 --no-save']),
    };
    expect(await run(old)).toEqual(['circleciTooOld:error:10']);
    const fixed = { ...old, 'package-lock.json': lock({ 'semantic-release': '25.0.2', '@semantic-release/npm': '13.1.5' }) };
    fixed['.circleci/config.yml'] = cci(`${ID} && npx semantic-release`, ['npm ci', 'npm install @semantic-release/npm@13.2.0 --no-save']);
    expect(await run(fixed)).toEqual([]);
  });

  it('np never publishes with trusted publishing on CircleCI, whatever its version', async () => {
    const files = {
      'package.json': pkg({ devDependencies: { np: '11.0.2' } }),
      '.circleci/config.yml': cci(`${ID} && npx np --yolo --no-tests`),
    };
    const diags = await lintFiles(files, { rule: RULE });
    expect(diags.map((d) => `${d.messageId}:${d.severity}`)).toEqual(['circleciNever:error']);
    expect(diags[0]!.message).toContain('which cannot publish with trusted publishing on CircleCI');
    expect(diags[0]!.fix).toContain('`jobs.release.steps`');
  });

  it('np 11.0.2 on GitHub Actions is not a CircleCI finding', async () => {
    const wf = ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - run: npx np --yolo', ''].join('\n');
    const files = { 'package.json': pkg({ devDependencies: { np: '11.0.2' } }), '.github/workflows/release.yml': wf };
    expect((await run(files)).filter((d) => d.startsWith('circleci'))).toEqual([]);
  });

  it('pnpm 11.0.6 (packageManager) fails on CircleCI; 11.0.7 and pnpm 10 do not', async () => {
    const at = (pm: string): Record<string, string> => ({
      'package.json': pkg({ packageManager: pm }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      '.circleci/config.yml': cci(`${ID} && pnpm publish --no-git-checks`),
    });
    const diags = await lintFiles(at('pnpm@11.0.6'), { rule: RULE });
    expect(diags.map((d) => `${d.messageId}:${d.severity}:${d.line}`)).toEqual(['circleciTooOld:error:8']);
    expect(diags[0]!.message).toContain('pnpm "11.0.6" (`packageManager` in package.json); trusted publishing on CircleCI needs pnpm 11.0.7 or later');
    expect(await run(at('pnpm@11.0.7'))).toEqual([]);
    expect(await run(at('pnpm@10.18.0'))).toEqual([]);
  });

  it('a pinned `npx pnpm@11.0.3` in the job is the pnpm that runs', async () => {
    const files = {
      'package.json': pkg({ packageManager: 'pnpm@11.1.0' }),
      '.circleci/config.yml': cci(`${ID} && npx pnpm@11.0.3 publish --no-git-checks`),
    };
    expect(await run(files)).toEqual(['circleciTooOld:error:8']);
  });

  it('Yarn Berry up to 4.14.1 is not known to exchange on CircleCI (a warning); a newer release is not judged', async () => {
    const at = (pm: string): Record<string, string> => ({
      'package.json': pkg({ packageManager: pm }),
      '.yarnrc.yml': 'nodeLinker: node-modules\n',
      '.circleci/config.yml': cci(`${ID} && yarn npm publish`),
    });
    const diags = await lintFiles(at('yarn@4.14.1'), { rule: RULE });
    expect(diags.map((d) => `${d.messageId}:${d.severity}:${d.line}`)).toEqual(['circleciNotYet:warning:8']);
    expect(diags[0]!.message).toBe('`yarn npm publish` runs Yarn "4.14.1" (`packageManager` in package.json); no Yarn release up to 4.14.1 is known to publish with trusted publishing on CircleCI');
    expect(await run(at('yarn@4.15.0'))).toEqual([]);
    // Older than 4.10: the general finding, not both.
    expect(await run(at('yarn@4.9.1'))).toEqual(['tooOld:error:8']);
  });

  it('a job run by two workflows (two instances) is reported once', async () => {
    const config = cci(`${ID} && npx np`).replace('workflows:\n  main:\n    jobs:\n      - release\n', 'workflows:\n  main:\n    jobs:\n      - release\n  nightly:\n    jobs:\n      - release\n');
    expect(config).toContain('nightly');
    expect(await run({ 'package.json': pkg(), '.circleci/config.yml': config })).toEqual(['circleciNever:error:8']);
  });

  it('release-it without npm.skipChecks is judged on CircleCI like elsewhere', async () => {
    const files = {
      'package.json': pkg({ devDependencies: { 'release-it': '19.0.0' } }),
      '.circleci/config.yml': cci(`${ID} && npx release-it --ci`),
    };
    expect(await run(files)).toEqual(['releaseItChecks:error:8']);
  });
});
