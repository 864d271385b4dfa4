/**
 * A local composite action two jobs call runs `yarn publish` with Yarn 1: the finding at its line
 * is capped per calling job (one passes a secret token, the other a literal), and names its caller.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const action = ['runs:', '  using: composite', '  steps:', '    - uses: actions/setup-node@v5', '      with:', "        node-version: '24'", '    - shell: bash', '      env:', '        NODE_AUTH_TOKEN: ${{ inputs.npm-token }}', '      run: yarn publish', ''].join('\n');
const caller = (job: string, token: string): string =>
  ['on: push', 'permissions:', '  id-token: write', 'jobs:', `  ${job}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v5', '      - uses: ./.github/actions/p', '        with:', `          npm-token: ${token}`, ''].join('\n');
const repo = (b: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'w', version: '1.0.0', packageManager: 'yarn@1.22.22' }),
  'yarn.lock': '',
  '.github/actions/p/action.yml': action,
  '.github/workflows/a.yml': caller('a', '${{ secrets.NPM_TOKEN }}'),
  '.github/workflows/b.yml': caller('b', b),
});

describe('publish-tool-supports-oidc at a local composite action several jobs call', () => {
  it('an error for the caller without a token, a warning for the one with a secret, each naming its caller', async () => {
    const found = await lintFiles(repo("'x'"), { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.file}:${d.line} ${d.severity} ${/\(in (.*)\)$/.exec(d.message)?.[1]}`)).toEqual([
      '.github/actions/p/action.yml:10 error job "b" of .github/workflows/b.yml',
      '.github/actions/p/action.yml:10 warning job "a" of .github/workflows/a.yml',
    ]);
  });

  it('control: both callers with a secret token, a warning for each (the fix names each caller\'s step), no error', async () => {
    const found = await lintFiles(repo('${{ secrets.NPM_TOKEN }}'), { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.line} ${d.severity} ${/\(in (.*)\)$/.exec(d.message)?.[1]} ${/jobs\.\w+\.steps\[\d\]/.exec(d.fix)?.[0]}`)).toEqual([
      '10 warning job "a" of .github/workflows/a.yml jobs.a.steps[1]',
      '10 warning job "b" of .github/workflows/b.yml jobs.b.steps[1]',
    ]);
  });
});
