/**
 * GitLab: an `export PATH=<dir>:$PATH` on an earlier `before_script`/`script` line holds for the
 * publish on a later line (one shell), so an npm that directory may hold runs it: the npm is
 * unknown, a warning, never the bundled npm's error (the GitLab half of survey800b F1).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const ci = (lines: string[], section = 'script'): string =>
  ['publish:', '  image: node:22', '  id_tokens:', '    NPM_ID_TOKEN:', '    aud: npm:registry.npmjs.org'.replace('    aud', '      aud'), `  ${section}:`, ...lines.map((l) => `    - ${l}`), ...(section === 'script' ? [] : ['  script:', '    - npm publish']), ''].join('\n');
const brief = async (text: string): Promise<string[]> =>
  (await lintFiles({ 'package.json': PKG, '.gitlab-ci.yml': text }, { rule: 'npm-supports-oidc' })).map((d) => `${d.severity} ${d.messageId}`);

describe('npm-supports-oidc: a PATH prepend on an earlier GitLab script line', () => {
  const unpack = ['curl -fL -o npm.tgz https://registry.npmjs.org/npm/-/npm-11.18.0.tgz', 'mkdir -p tools/npm && tar -xzf npm.tgz -C tools/npm --strip-components=1'];
  it('an npm directory first on PATH: the npm is unknown (a warning), not npm 10.9 bundled with Node 22', async () => {
    expect(await brief(ci([...unpack, 'export PATH="$PWD/tools/npm/bin:$PATH"', 'npm publish']))).toEqual(['warning unknownNpmGitlab']);
  });
  it('in before_script too (the same shell)', async () => {
    expect(await brief(ci([...unpack, 'export PATH="$CI_PROJECT_DIR/tools/npm/bin:$PATH"'], 'before_script'))).toEqual(['warning unknownNpmGitlab']);
  });
  it('controls: a directory that brings no npm, or an append, keeps the bundled npm\'s error', async () => {
    expect(await brief(ci(['export PATH="$HOME/.cargo/bin:$PATH"', 'npm publish']))).toEqual(['error bundledTooOld']);
    expect(await brief(ci(['export PATH="$PATH:$PWD/tools/npm/bin"', 'npm publish']))).toEqual(['error bundledTooOld']);
  });
  // The shim in force after each line is read once per job (path-lines.ts): each publish gets the one of the lines before its own.
  it('each publish gets the prepend of the lines before it: none before the export, the export after it, an append keeping it', async () => {
    expect(await brief(ci([...unpack, 'npm publish --tag a', 'export PATH="$PWD/tools/npm/bin:$PATH"', 'npm publish --tag b']))).toEqual(['error bundledTooOld', 'warning unknownNpmGitlab']);
    expect(await brief(ci([...unpack, 'export PATH="$PWD/tools/npm/bin:$PATH"', 'export PATH="$PATH:/opt/x/bin"', 'npm publish']))).toEqual(['warning unknownNpmGitlab']);
    // An export after the publish on its own line is not before it.
    expect(await brief(ci([...unpack, 'npm publish; export PATH="$PWD/tools/npm/bin:$PATH"']))).toEqual(['error bundledTooOld']);
  });
});
