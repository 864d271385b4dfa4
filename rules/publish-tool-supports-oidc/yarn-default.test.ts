/**
 * The Yarn 1 that `yarn publish` runs when no file selects Yarn 2+ is the one preinstalled where
 * the job runs: not only GitHub's runners (survey500c D3: a GitLab job on `node:24` was told
 * "GitHub-hosted runners preinstall Yarn 1").
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'p1x', version: '1.0.0', repository: { url: 'git+https://gitlab.com/o/r.git' } });
const CI = 'publish:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n    - yarn publish\n';

describe('publish-tool-supports-oidc: the preinstalled Yarn 1', () => {
  it('is named without blaming GitHub on a GitLab job', async () => {
    const found = await lintFiles({ 'package.json': PKG, '.gitlab-ci.yml': CI }, { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.severity} ${d.messageId}`)).toEqual(['error never']);
    expect(found[0]!.message).toContain('`yarn publish` runs Yarn 1 (no file of the repository selects Yarn 2+, and hosted runners and Node images preinstall Yarn 1)');
    expect(found[0]!.message).not.toContain('GitHub');
  });
});
