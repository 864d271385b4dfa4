/**
 * The npm a job's publish runs when it is changed somewhere tp-doctor reads beyond the `run:` text:
 * inside a committed file an earlier step runs (`node scripts/setup-npm.mjs`, `bash
 * scripts/setup.sh`; npm/run-file-upgrades.ts, link-foundation/lino-env).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles, releaseRepo, setupNodeWorkflow } from '../../test/helpers.js';

/** Node `nodeVersion`, a step that runs `run`, then `npm publish`; findings of `rule` as `severity id: message`. */
async function findings(run: string, extra: Record<string, string>, nodeVersion = '20.x', rule = 'npm-supports-oidc'): Promise<string[]> {
  const wf = setupNodeWorkflow(`          node-version: '${nodeVersion}'\n`, `      - run: ${run}\n      - run: npm publish\n`);
  const diagnostics = await lintFiles(releaseRepo(wf, extra), { rule });
  return diagnostics.map((d) => `${d.severity} ${d.messageId}: ${d.message}`);
}

const EXEC = (spec: string): string => `import { execSync } from 'node:child_process';\nexecSync('npm install -g npm@${spec}', { stdio: 'inherit' });\n`;

describe('npm-supports-oidc: npm upgrades in a file an earlier step runs', () => {
  it('a JavaScript file upgrading to an npm that supports OIDC: no bundledTooOld', async () => {
    expect(await findings('node scripts/setup-npm.mjs', { 'scripts/setup-npm.mjs': EXEC('^11.5.1') })).toEqual([]);
    expect(await findings('node scripts/setup-npm.mjs', { 'scripts/setup-npm.mjs': "import { spawnSync } from 'node:child_process';\nspawnSync('npm', ['i', '-g', 'npm@11']);\n" })).toEqual([]);
    // Control: a file that upgrades nothing leaves the bundled npm 10.8.2, a certain error.
    expect(await findings('node scripts/setup-npm.mjs', { 'scripts/setup-npm.mjs': "console.log('hi');\n" })).toEqual([expect.stringMatching(/^error bundledTooOld: .*npm 10\.8\.2/)]);
  });

  it('a JavaScript file upgrading to an npm whose engines refuse the Node: a warning naming the file, never an error', async () => {
    const zx = "const { $ } = await use('command-stream');\nawait $`npm install -g npm@latest`;\n";
    for (const text of [EXEC('latest'), zx]) {
      expect(await findings('node scripts/setup-npm.mjs', { 'scripts/setup-npm.mjs': text })).toEqual([
        expect.stringMatching(/^warning unknownNpm: .*"npm install -g npm@latest" in scripts\/setup-npm\.mjs installs npm 12\.\d+\.\d+, which refuses Node 20\.\d+\.\d+ \(EBADENGINE\)/),
      ]);
      expect(await findings('node scripts/setup-npm.mjs', { 'scripts/setup-npm.mjs': text }, '20.x', 'npm-upgrade-compatible')).toEqual([]);
    }
    // Control: on Node 24 npm 12 installs: nothing.
    expect(await findings('node scripts/setup-npm.mjs', { 'scripts/setup-npm.mjs': EXEC('latest') }, '24')).toEqual([]);
  });

  it('a shell script an earlier step runs: its upgrade counts as a certain one', async () => {
    expect(await findings('bash scripts/setup.sh', { 'scripts/setup.sh': '#!/bin/bash\nnpm install -g npm@11.6.2\n' })).toEqual([]);
    expect(await findings('bash scripts/setup.sh', { 'scripts/setup.sh': '#!/bin/bash\nnpm install -g npm@10.9.0\n' })).toEqual([expect.stringMatching(/^error installedTooOld: .*npm 10\.9\.0/)]);
  });
});
