import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { circleConfig, circleRepo, GITLAB_PKG, lintFiles, releaseRepo as repo, setupNodeWorkflow } from '../../test/helpers.js';

const RULE = 'npm-upgrade-compatible';

/** setup-node `node-version: <node>` on line 13, `steps` from line 14. */
const wf = (node: string, steps: string): string => setupNodeWorkflow(`          node-version: ${node}\n`, steps);
const run = (...cmds: string[]): string => [...cmds, 'npm publish'].map((c) => `      - run: ${c}\n`).join('');
const found = async (files: Record<string, string>): Promise<string[]> =>
  (await lintFiles(files, { rule: RULE })).map((d) => `${d.messageId}@${d.severity}@${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);

const WHY =
  'npm 10.9.5 to 10.9.7 load `promise-retry` only when they link the new npm\'s bins, after the install has replaced their own files, and npm 11.12.0 and later no longer ship `promise-retry`: the install stops with "Cannot find module \'promise-retry\'" (MODULE_NOT_FOUND), npm puts the old version back, and the job stops before it publishes (npm/cli#9151, fixed in npm 10.9.8)';

describe('npm-upgrade-compatible: the promise-retry crash of npm 10.9.5–10.9.7 (docs/domain.md A.46)', () => {
  it('Node 22.22.2 (npm 10.9.7) upgrading to npm@11: an error, with the pin and the Node that avoid it', async () => {
    const [d, ...rest] = (await lintFiles(repo(wf('22.22.2', run('npm install -g npm@11'))), { rule: RULE })) as [Diagnostic];
    expect(rest).toEqual([]);
    expect([d.messageId, d.severity, `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`]).toEqual(['selfUpgradeCrash', 'error', '14:14-14:35']);
    expect(d.message).toBe('"npm install -g npm@11" is run by npm 10.9.7 (bundled with Node 22.22.2, setup-node `node-version: 22.22.2`), which crashes with MODULE_NOT_FOUND "promise-retry" when it replaces itself with npm 11.21.2');
    expect(d.why).toBe(WHY);
    expect(d.fix).toBe(
      'Pin an npm that still ships `promise-retry` and has trusted publishing, `npm install -g npm@11.11.1`, or use Node 24 or Node 22.22.3 and later, whose npm replaces itself without crashing (set `node-version: 24`)',
    );
  });

  it('an exact npm 11.12.0 or 12 is an error too; a range of npm 11 as well (every 11.x from 11.12.0 on lacks promise-retry)', async () => {
    expect(await found(repo(wf('22.22.2', run('npm install -g npm@11.12.1'))))).toEqual(['selfUpgradeCrash@error@14:14-14:40']);
    expect(await found(repo(wf('22.22.2', run('npm install -g npm@12'))))).toEqual(['selfUpgradeCrash@error@14:14-14:35']);
    expect(await found(repo(wf('22.22.2', run('npm install -g npm@^11.5.1'))))).toEqual(['selfUpgradeCrash@error@14:14-14:40']);
  });

  it('npm@latest (a floating target): a warning naming the crash, in place of the advice to pin npm 12', async () => {
    const [d, ...rest] = (await lintFiles(repo(wf('22.22.2', run('npm install -g npm@latest'))), { rule: RULE })) as [Diagnostic];
    expect(rest).toEqual([]);
    expect([d.messageId, d.severity]).toEqual(['selfUpgradeCrashMay', 'warning']);
    expect(d.message).toBe(
      '"npm install -g npm@latest" may crash with MODULE_NOT_FOUND "promise-retry": npm 10.9.7 (bundled with Node 22.22.2, setup-node `node-version: 22.22.2`) crashes when it replaces itself with npm 12.2.2, which "latest" installs today',
    );
  });

  it('a Node range that resolves to 22.22.2: a warning at most', async () => {
    expect(await found(repo(wf("'>=22.22 <22.22.3'", run('npm install -g npm@11'))))).toEqual(['selfUpgradeCrashMay@warning@14:14-14:35']);
  });

  it('quiet: an npm that still ships promise-retry, a fixed or older bundled npm, a Node 22 line, Node 24', async () => {
    expect(await found(repo(wf('22.22.2', run('npm install -g npm@11.11.1'))))).toEqual([]);
    expect(await found(repo(wf('22.22.2', run('npm install -g npm@10'))))).toEqual([]);
    expect(await found(repo(wf('22.22.1', run('npm install -g npm@11'))))).toEqual([]);
    expect(await found(repo(wf('22.22.3', run('npm install -g npm@11'))))).toEqual([]);
    expect(await found(repo(wf('22', run('npm install -g npm@11'))))).toEqual([]);
    expect(await found(repo(wf('24.15.0', run('npm install -g npm@11'))))).toEqual([]);
  });

  it('quiet: a two-step upgrade whose first step installs an npm that upgrades itself (npm@10, then npm@11)', async () => {
    expect(await found(repo(wf('22.22.2', run('npm install -g npm@10', 'npm install -g npm@11'))))).toEqual([]);
    expect(await found(repo(wf('22.22.2', run('npm install -g npm@11.11.1', 'npm install -g npm@^11'))))).toEqual([]);
  });

  it('an npm 10.9.7 the job installed itself crashes the same way', async () => {
    expect(await found(repo(wf('24.15.0', run('npm install -g npm@10.9.7', 'npm install -g npm@11'))))).toEqual(['selfUpgradeCrash@error@15:14-15:35']);
  });

  it('an npm whose engines refuse the Node stops at EBADENGINE first: no crash finding', async () => {
    expect(await found(repo(wf('22.21.0', run('npm install -g npm@10.9.7', 'npm install -g npm@12'))))).toEqual(['engineMismatch@error@15:14-15:35']);
  });

  it('GitLab (image node:22.22.2) and CircleCI (cimg/node:22.22.2) alike', async () => {
    const gitlab = ['publish:', '  image: node:22.22.2', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', '  script:', '    - npm install -g npm@11', '    - npm publish', ''].join('\n');
    expect(await found({ 'package.json': GITLAB_PKG, '.gitlab-ci.yml': gitlab })).toEqual(['selfUpgradeCrash@error@7:7-7:28']);
    const publish = `- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')\n          npm publish`;
    expect(await found(circleRepo(circleConfig(['- run: sudo npm install -g npm@11', publish], 'cimg/node:22.22.2')))).toEqual(['selfUpgradeCrash@error@8:14-8:40']);
  });
});
