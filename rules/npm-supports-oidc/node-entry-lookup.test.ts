/**
 * `node build-scripts/release` without the `.js` extension (survey927a MISS 1,
 * catamphetamine/libphonenumber-js): Node runs build-scripts/release.js, so the publish it hands to
 * a child process is read as with the extension, on GitLab and GitHub Actions alike
 * (src/model/npm/node-entry.ts).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RELEASE = "import { execSync } from 'node:child_process'\nexecSync('npm version patch')\nexecSync('npm publish --provenance')\n";
const pkg = (script: string): string => JSON.stringify({ name: 'widget', version: '1.0.0', type: 'module', repository: { url: 'git+https://gitlab.com/acme/widget.git' }, scripts: { 'metadata:update:job': script } });
const GITLAB = ['image: node:20', '', 'update-metadata:', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', '  script:', '    - npm install', '    - npm run metadata:update:job', ''].join('\n');
const WORKFLOW = ['on: push', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 20', '      - run: npm run metadata:update:job', ''].join('\n');
const brief = async (files: Record<string, string>): Promise<string[]> =>
  (await lintFiles(files, { rule: 'npm-supports-oidc' })).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.messageId} ${d.message}`);

describe('npm-supports-oidc: `node X` without an extension runs X.js', () => {
  it('GitLab: the publish in build-scripts/release.js, as with `node build-scripts/release.js`', async () => {
    const files = { '.gitlab-ci.yml': GITLAB, 'build-scripts/release.js': RELEASE };
    const message = '.gitlab-ci.yml:1:8 warning bundledTooOld `npm publish (run by build-scripts/release.js)` runs with npm 10.8.2, bundled with Node 20.20.2 ("20") (image "node:20"); trusted publishing needs npm 11.5.1 or later';
    expect(await brief({ ...files, 'package.json': pkg('node build-scripts/release ./PhoneNumberMetadata.xml') })).toEqual([message]);
    expect(await brief({ ...files, 'package.json': pkg('node build-scripts/release.js ./PhoneNumberMetadata.xml') })).toEqual([message]);
  });
  it('GitHub Actions: the same', async () => {
    const files = { '.github/workflows/r.yml': WORKFLOW, 'build-scripts/release.js': RELEASE, 'package.json': pkg('node build-scripts/release') };
    expect((await brief(files)).map((d) => d.split(' `')[0])).toEqual(['.github/workflows/r.yml:12:14 warning bundledTooOld']);
  });
  it('control: only a build-scripts/release.mjs, which Node does not append: nothing is read', async () => {
    expect(await brief({ '.gitlab-ci.yml': GITLAB, 'build-scripts/release.mjs': RELEASE, 'package.json': pkg('node build-scripts/release') })).toEqual([]);
  });
});
