import { describe, expect, it } from 'vitest';
import { NPM_DEPLOY_HINT } from './possible-publish.js';

/** The expression as first written; `[^A-Za-z0-9]` replaced `[\W_]` only because V8 compiles it faster. */
const WRITTEN = /\bnpm(?:js)?[\W_]*deploy|deploy[\W_]*(?:to[\W_]*)?npm/i;

describe('NPM_DEPLOY_HINT', () => {
  it('matches what `[\\W_]` matched, for every UTF-16 code unit between and around the words', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`npm${ch}deploy`, `deploy${ch}npm`, `DEPLOY${ch}TO${ch}NPMJS`, `${ch}NpmJs${ch}${ch}Deploy`, `x${ch}npm-deploy`]) {
        if (NPM_DEPLOY_HINT.test(text) !== WRITTEN.test(text)) differ.push(text);
      }
    }
    expect(differ).toEqual([]);
  });

  it('finds a deploy to npm in any case, not npm run deploy', () => {
    expect(['pkg-npm-deploy', 'deploy-npm', 'deploy:npm', 'deploy_to_npmjs', 'DeployToNpm', 'NPM__DEPLOY'].map((t) => NPM_DEPLOY_HINT.test(t))).toEqual([true, true, true, true, true, true]);
    expect(['npm run deploy', 'pnpm deploy', 'npmdeployer'].map((t) => NPM_DEPLOY_HINT.test(t))).toEqual([false, false, true]);
  });
});
