import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * `samePackages`'s fix (survey918b F1): npm checks the calling, top-level workflow's file name, so
 * "publish from one workflow" must not mean calling it with `uses:` from the others: each caller
 * would stay a top-level workflow to register, and the rule then reports `multipleCallers`.
 */
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const job = (run: string): string =>
  `  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - run: ${run}\n`;

describe('publish-from-trusted-workflow samePackages: the fix', () => {
  it('says to start the one publishing workflow from the others, and that a `uses:` call does not help', async () => {
    const files = { 'package.json': PKG, '.github/workflows/dev.yml': `on: push\njobs:\n${job('npm publish --tag next')}`, '.github/workflows/prod.yml': `on: push\njobs:\n${job('npm publish')}` };
    const found = await lintFiles(files, { rule: 'publish-from-trusted-workflow' });
    expect(found.map((d) => d.messageId)).toEqual(['samePackages']);
    const fix = found[0]?.fix ?? '';
    expect(fix).toContain('`workflow_run`, `workflow_dispatch`');
    expect(fix).toContain('calling it with `uses:` does not help, since npm checks the calling, top-level workflow');
    expect(fix).not.toMatch(/call it from the others with `uses:`/);
  });
});
