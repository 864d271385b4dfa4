/**
 * A `registry=` line written into `~/.npmrc` configures nothing for a publish that reads another
 * user configuration (src/model/npm/user-config.ts `lineUnread`, docs/domain.md A.50): after
 * setup-node's `registry-url` (which points `NPM_CONFIG_USERCONFIG` at `$RUNNER_TEMP/.npmrc`), or
 * with `--userconfig`; without either it is npm's registry, as before.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const WRITE = 'echo "registry=https://npm.example.com/" > ~/.npmrc';

/** Step 2 (line 13) writes the line into `~/.npmrc`, step 3 publishes with `publish`. */
function github(registryUrl: boolean, publish = 'npm publish'): Record<string, string> {
  const yml = ['on: push', 'permissions:', '  id-token: write', 'jobs:', '  main:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 24', ...(registryUrl ? ['          registry-url: https://registry.npmjs.org'] : []), `      - run: ${WRITE}`, `      - run: ${publish}`, ''];
  return { 'package.json': PKG, '.github/workflows/release.yml': yml.join('\n') };
}

async function findings(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files, { rule: 'registry-is-npmjs' })).map((d) => `${d.severity} ${d.file}:${d.line}:${d.column}`);
}

describe('registry-is-npmjs: a registry line in `~/.npmrc` while npm reads another user configuration', () => {
  it('control: npm reads `~/.npmrc`, the line sends the publish elsewhere (error)', async () => {
    expect(await findings(github(false))).toEqual(['error .github/workflows/release.yml:11:14']);
  });
  it('after setup-node with `registry-url`, or with `--userconfig /tmp/npmrc`: not read, nothing', async () => {
    expect(await findings(github(true))).toEqual([]);
    expect(await findings(github(false, 'npm publish --userconfig /tmp/npmrc'))).toEqual([]);
  });
});
