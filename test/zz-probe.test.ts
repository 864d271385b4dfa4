import { it } from 'vitest';
import { lintFiles, circleRepo, circleConfig, brief, circlePublisherConfig } from './helpers.js';
const OIDC = `circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}'`;
const cases: [string, string[], string?, string?][] = [
  ['doc', [`- run: |\n          export NPM_ID_TOKEN=$(${OIDC})\n          npm publish`]],
  ['bashenv', [`- run: echo "export NPM_ID_TOKEN=\\$(${OIDC})" >> "$BASH_ENV"`, '- run: npm publish']],
  ['missing', ['- run: npm ci', '- run: npm publish']],
  ['earlier', [`- run: export NPM_ID_TOKEN=$(${OIDC})`, '- run: npm publish']],
  ['unexported', [`- run: |\n          NPM_ID_TOKEN=$(${OIDC})\n          npm publish`]],
  ['seta', [`- run: |\n          set -a\n          NPM_ID_TOKEN=$(${OIDC})\n          npm publish`]],
  ['bashEnvSame', [`- run: |\n          echo "export NPM_ID_TOKEN=$(${OIDC})" >> $BASH_ENV\n          npm publish`]],
  ['bashEnvSourced', [`- run: |\n          echo "export NPM_ID_TOKEN=$(${OIDC})" >> $BASH_ENV\n          source $BASH_ENV\n          npm publish`]],
  ['prefix', [`- run: NPM_ID_TOKEN=$(${OIDC}) npm publish`]],
  ['env', ['- run: npm publish'], 'cimg/node:24.15', 'environment'],
  ['orb', ['- node/install-packages', '- run: npm publish'], 'cimg/node:24.15', 'orbs'],
  ['named', ['- run:\n          name: Publish\n          command: npm publish']],
  ['noclaims', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get)\n          npm publish`]],
  ['circletoken', [`- run: |\n          export NPM_ID_TOKEN=$CIRCLE_OIDC_TOKEN_V2\n          npm publish`]],
  ['url', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"https://registry.npmjs.org"}')\n          npm publish`]],
  ['noprefix', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"registry.npmjs.org"}')\n          npm publish`]],
  ['case', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:Registry.npmjs.org"}')\n          npm publish`]],
  ['slash', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org/"}')\n          npm publish`]],
  ['otherhost', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:npm.pkg.github.com"}')\n          npm publish`]],
  ['other', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"sigstore"}')\n          npm publish`]],
  ['list', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":["sigstore","npm:registry.npmjs.org"]}')\n          npm publish`]],
  ['unreadable', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{aud: npm}')\n          npm publish`]],
  ['unresolved', [`- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims "{\\"aud\\":\\"$AUD\\"}")\n          npm publish`]],
  ['unknownValue', [`- run: |\n          export NPM_ID_TOKEN=$(cat token.txt)\n          npm publish`]],
  ['bashenv2', [`- run: |
          echo 'export NPM_ID_TOKEN=$(circleci run oidc get --claims "{\\"aud\\":\\"npm:registry.npmjs.org\\"}")' >> "$BASH_ENV"`, '- run: npm publish']],
  ['bashenv3', [`- run: |
          echo "export NPM_ID_TOKEN=$(${OIDC})" >> "$BASH_ENV"`, '- run: npm publish']],
  ['githubOnly', ['- run: npm publish'], 'cimg/node:24.15', 'github'],
  ['bashenvNoClaims', [`- run: echo "export NPM_ID_TOKEN=\\$(circleci run oidc get)" >> "$BASH_ENV"`, '- run: npm publish']],
];
it('probe', async () => {
  for (const [name, steps, image, extra] of cases) {
    let cfg = circleConfig(steps, image ?? 'cimg/node:24.15', extra === 'environment' ? ['environment:', '  NPM_ID_TOKEN: abc'] : []);
    if (extra === 'orbs') cfg = cfg.replace('version: 2.1\n', 'version: 2.1\norbs:\n  node: circleci/node@7\n');
    const d = await lintFiles(circleRepo(cfg, extra === 'github' ? 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n' : undefined));
    console.log(name, '\n   ' + d.map((x) => `${x.ruleId}:${brief(x)} ${x.severity} ${x.message}`).join('\n   '));
  }
});
