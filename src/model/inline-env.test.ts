/**
 * A `VAR=value` prefix on the publish command sets VAR for that command only, over the `env:`
 * blocks: `NODE_AUTH_TOKEN="" npm publish` gives npm no token, whatever the step's `env:` says
 * (jpb06/effect-errors release.yml, survey921a F2).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'widget', repository: { url: 'git+https://github.com/acme/widget.git' } });

/** The publish on line 13; the workflow grants no `id-token` (line 4) and runs npm 10 (Node 22). */
const workflow = (run: string, env = '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'): string => `on:
  push:
    tags: ['v*']
permissions:
  contents: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          registry-url: https://registry.npmjs.org
      - run: ${run}
${env}`;

async function findings(run: string, env?: string): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': workflow(run, env) });
  return found.filter((d) => d.severity !== 'info').map((d) => `${d.ruleId} ${d.severity} ${d.line}`).sort();
}

describe('commandEnv: the publish command\'s own assignments over the env blocks', () => {
  it('`NODE_AUTH_TOKEN="" npm publish` clears the step\'s token: no token finding, the certain failures are errors', async () => {
    // `--provenance` without `id-token: write` stops npm with EUSAGE whatever the token (A.70).
    expect(await findings('NODE_AUTH_TOKEN="" npm publish --access public --provenance')).toEqual([
      'npm-supports-oidc error 14',
      'provenance-settings error 14',
      'require-id-token-write error 4',
    ]);
  });

  it('an empty assignment through `env` clears it too', async () => {
    expect(await findings('env NODE_AUTH_TOKEN= npm publish')).toEqual(['npm-supports-oidc error 14', 'require-id-token-write error 4']);
  });

  it('control: without the prefix the token reaches npm (warnings; the forced provenance still stops npm, A.70)', async () => {
    expect(await findings('npm publish --access public --provenance')).toEqual([
      'no-long-lived-token warning 16',
      'npm-supports-oidc warning 14',
      'provenance-settings error 14',
      'require-id-token-write warning 4',
    ]);
  });

  it('a prefix that sets the token from a secret is the token npm reads (warnings, no env needed)', async () => {
    const found = await findings('NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }} npm publish', '');
    expect(found).toContain('npm-supports-oidc warning 14');
    expect(found).toContain('require-id-token-write warning 4');
  });

  it('another variable on the command leaves the token alone', async () => {
    expect(await findings('NPM_CONFIG_TAG=next npm publish')).toContain('no-long-lived-token warning 16');
  });
});
