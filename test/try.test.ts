import { it } from 'vitest';
import { lintFiles, circleRepo, circleConfig } from './helpers.js';
const OIDC = `circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}'`;
const PUB = `- run: |\n          export NPM_ID_TOKEN=$(${OIDC})\n          npm publish`;
it('try', async () => {
  for (const [image, steps] of [
    ['cimg/node:22.14', [PUB]],
    ['cimg/node:24.10', [PUB]],
    ['cimg/node:24.10', ['- run: npm install -g npm@11', PUB]],
    ['cimg/node:24.10', ['- run: sudo npm install -g npm@11', PUB]],
    ['cimg/node:22.14', ['- run: sudo npm install -g npm@latest', PUB]],
    ['node:22', ['- run: npm install -g npm@11.6.0', PUB]],
    ['cimg/base:current', [PUB]],
    ['cimg/node:24.15', [PUB]],
    ['cimg/node:24.15', [`- run: |\n          export NPM_ID_TOKEN=$(${OIDC})\n          npm stage publish`]],
  ] as [string, string[]][]) {
    const d = await lintFiles(circleRepo(circleConfig(steps, image)));
    console.log(image, steps.join(' / '), '\n   ', d.map((x) => `${x.ruleId}:${x.messageId}@${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${x.severity} ${x.message}\n      FIX ${x.fix}`).join('\n    '));
  }
});
