/**
 * npm-supports-oidc after a Node version manager in the publishing shell (src/model/npm/node-switch.ts):
 * the Node the publish runs is the one the manager switched to, not the setup action's before it.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { circleConfig, circleRepo, gitlabRepo, lintFiles, releaseRepo as repo, setupNodeWorkflow as workflow } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const NODE_18 = '          node-version: 18\n          registry-url: https://registry.npmjs.org\n';
/** setup-node 18, then the `run:` steps given (each a list of lines), the publish in the last. */
const files = (runs: string[][], extra: Record<string, string> = {}, setup = NODE_18): Record<string, string> =>
  repo(workflow(setup, runs.map((lines) => `      - run: |\n${lines.map((l) => `          ${l}\n`).join('')}`).join('')), extra);
const lint = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.severity} ${d.messageId}`);

describe(`${RULE}: a version manager before the publish, in its shell`, () => {
  it('setup-node 18, then `nvm install 24` in the publishing step: no error (the reported false error)', async () => {
    expect(await lint(files([['source ~/.nvm/nvm.sh', 'nvm install 24', 'npm publish']]))).toEqual([]);
  });

  it('a call that may fail and let the script go on (`|| true`, after `command -v nvm &&`) is a warning, never the error of the Node it names (review)', async () => {
    const NODE_24 = '          node-version: 24.12.0\n          registry-url: https://registry.npmjs.org\n';
    expect(await lint(files([['nvm use 22 || true', 'npm publish']], {}, NODE_24))).toEqual(['warning unknownNpm']);
    expect(await lint(files([['command -v nvm && nvm use 22', 'npm publish']], {}, NODE_24))).toEqual(['warning unknownNpm']);
    // Control: a plain call decides (Node 22 bundles npm 10).
    expect(await lint(files([['source ~/.nvm/nvm.sh', 'nvm use 22', 'npm publish']], {}, NODE_24))).toEqual(['error bundledTooOld']);
  });

  it('control: setup-node 18 and a plain `npm publish` stays an error', async () => {
    expect(await lint(files([['npm publish']]))).toEqual(['error bundledTooOld']);
  });

  it('control: `nvm install 24` in an earlier step changed only that shell: setup-node 18 for certain, an error', async () => {
    const [d, ...rest] = await lintFiles(files([['source ~/.nvm/nvm.sh', 'nvm install 24'], ['npm publish']]), { rule: RULE });
    expect(rest).toEqual([]);
    expect([d?.severity, d?.data.from]).toEqual(['error', 'setup-node `node-version: 18`']);
  });

  it('`nvm install 18` is judged as Node 18: the message and the fix name the command, located where it is', async () => {
    const [d, ...rest] = (await lintFiles(files([['source ~/.nvm/nvm.sh', 'nvm install 18', 'npm publish']]), { rule: RULE })) as Diagnostic[];
    expect(rest).toEqual([]);
    expect(d?.severity).toBe('error');
    expect(d?.message).toBe('`npm publish` runs with npm 10.8.2, bundled with Node 18.20.8 ("18") (`nvm install 18`); trusted publishing needs npm 11.5.1 or later');
    expect(d?.fix).toMatch(/^Use Node 24\.5 or later: change `nvm install 18` to `nvm install 24`/);
    expect(d?.related.map((r) => `${r.label} ${r.start.line}:${r.start.column}`)).toEqual(['Node version: `nvm install 18` 17:11']);
    // No step before it can help: an npm installed there is another Node's.
    expect(d?.suggestions ?? []).toEqual([]);
  });

  it('a version it cannot pin (`node`, `lts/*`, a variable) is unknown, a warning naming the command, never setup-node\'s 18', async () => {
    for (const command of ['nvm install node', 'nvm install --lts', 'nvm use "$NODE"']) {
      const [d] = await lintFiles(files([['source ~/.nvm/nvm.sh', command, 'npm publish']]), { rule: RULE });
      expect([d?.severity, d?.messageId, d?.message.includes(`\`${command}\` before it`)]).toEqual(['warning', 'unknownNpm', true]);
    }
  });

  it('`nvm use` reads .nvmrc (where the step runs, or above)', async () => {
    const run = [['source ~/.nvm/nvm.sh', 'nvm use', 'npm publish']];
    expect(await lint(files(run, { '.nvmrc': '24\n' }))).toEqual([]);
    const [d] = await lintFiles(files(run, { '.nvmrc': 'v22.15.0\n' }), { rule: RULE });
    expect([d?.severity, d?.data.from]).toEqual(['error', '.nvmrc']);
    expect(await lint(files(run))).toEqual(['warning unknownNpm']);
  });

  it('an npm upgrade before the switch upgraded setup-node\'s npm; one after it counts', async () => {
    expect(await lint(files([['npm install -g npm@11', 'source ~/.nvm/nvm.sh', 'nvm install 22', 'npm publish']]))).toEqual(['error bundledTooOld']);
    expect(await lint(files([['source ~/.nvm/nvm.sh', 'nvm install 22', 'npm install -g npm@11', 'npm publish']]))).toEqual([]);
    // `--latest-npm`: the newest npm Node 22.23 takes.
    expect(await lint(files([['source ~/.nvm/nvm.sh', 'nvm install 22 --latest-npm', 'npm publish']]))).toEqual([]);
  });

  it('other managers: fnm, mise exec, Volta (taken), n after setup-node (unknown), a switch in a branch (unknown)', async () => {
    expect(await lint(files([['eval "$(fnm env)"', 'fnm use 24', 'npm publish']]))).toEqual([]);
    expect(await lint(files([['mise exec node@24 -- npm publish']]))).toEqual([]);
    expect(await lint(files([['mise exec node@20 -- npm publish']]))).toEqual(['error bundledTooOld']);
    expect(await lint(files([['volta install node@24', 'npm publish']]))).toEqual([]);
    // Taken, not certain: an old Node through shims is a warning.
    expect(await lint(files([['volta install node@20', 'npm publish']]))).toEqual(['warning bundledTooOld']);
    expect(await lint(files([['sudo n 24', 'npm publish']]))).toEqual(['warning unknownNpm']);
    expect(await lint(files([['if [ -n "$NEW" ]; then nvm use 24; fi', 'npm publish']]))).toEqual(['warning unknownNpm']);
  });

  it('in the committed script that publishes', async () => {
    const script = (body: string): Record<string, string> => ({ 'scripts/release.sh': `#!/usr/bin/env bash\nset -e\nsource ~/.nvm/nvm.sh\n${body}\n` });
    expect(await lint(files([['./scripts/release.sh']], script('nvm use 24\nnpm publish')))).toEqual([]);
    // Control: after the publish (found in a script: a warning at most, as before).
    expect(await lint(files([['./scripts/release.sh']], script('npm publish\nnvm use 24')))).toEqual(['warning bundledTooOld']);
  });
});

describe(`${RULE}: what an earlier step leaves`, () => {
  it('a Node directory on $GITHUB_PATH, or shims changed after setup-node: unknown, a warning naming the step', async () => {
    for (const earlier of ['echo "$NVM_BIN" >> "$GITHUB_PATH"', 'volta install node@24', 'mise use -g node@24']) {
      const [d] = await lintFiles(files([[earlier], ['npm publish']]), { rule: RULE });
      expect([d?.severity, d?.messageId, d?.message.includes('the earlier step')]).toEqual(['warning', 'unknownNpm', true]);
    }
    // Control: a directory without a Node.
    expect(await lint(files([['echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"'], ['npm publish']]))).toEqual(['error bundledTooOld']);
  });

  it('nvm\'s default from an earlier step reaches a step that loads nvm: unknown', async () => {
    expect(await lint(files([['source ~/.nvm/nvm.sh', 'nvm install 24'], ['source ~/.nvm/nvm.sh', 'npm publish']]))).toEqual(['warning unknownNpm']);
  });

  it('control: `npm install -g npm@11` in an earlier step is read as before', async () => {
    expect(await lint(files([['npm install -g npm@11'], ['npm publish']], {}, '          node-version: 22\n'))).toEqual([]);
  });
});

describe(`${RULE}: GitLab and CircleCI`, () => {
  const ci = (before: string[], script: string[]): string =>
    `release:\n  image: node:18\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  before_script:\n${before.map((l) => `    - ${l}\n`).join('')}  script:\n${script.map((l) => `    - ${l}\n`).join('')}`;
  it('GitLab: an `nvm install` in before_script runs in the same shell as the publish', async () => {
    expect(await lint(gitlabRepo(ci(['source ~/.nvm/nvm.sh', 'nvm install 24'], ['npm publish'])))).toEqual([]);
    const [d] = (await lintFiles(gitlabRepo(ci(['source ~/.nvm/nvm.sh', 'nvm install 18'], ['npm publish'])), { rule: RULE })) as Diagnostic[];
    // Located at the command that chose the Node.
    expect([d?.severity, d?.data.from, d?.line]).toEqual(['error', '`nvm install 18`', 8]);
    // Control: the image's Node.
    expect(await lint(gitlabRepo(ci(['echo hi'], ['npm publish'])))).toEqual(['error bundledTooOld']);
  });

  it('CircleCI: in the publishing `run` step; a `$BASH_ENV` line of an earlier step makes it unknown', async () => {
    const circle = (...steps: string[]): Record<string, string> => circleRepo(circleConfig(steps, 'cimg/node:22.14'));
    expect(await lint(circle('- run: source ~/.nvm/nvm.sh && nvm install 24 && npm publish'))).toEqual([]);
    expect(await lint(circle('- run: npm publish'))).toEqual(['error bundledTooOld']);
    expect(await lint(circle("- run: echo 'nvm use 24' >> $BASH_ENV", '- run: npm publish'))).toEqual(['warning unknownNpmCircleci']);
  });
});

/**
 * gitzone's npmci template (audit908a P2, 31 repositories): `image: hosttoday/ht-docker-node:npmci`,
 * `npmci node install <v>` (nvm install, `nvm alias default`, then `npm install -g npm`), then
 * `npmci npm publish`. A major resolves like `nvm install <major>`; `stable`/`lts`/`legacy` are
 * npmci's own names for a major fixed per npmci release, so they stay unknown, naming the line.
 */
describe(`${RULE}: npmci node install on GitLab`, () => {
  const npmci = (spec: string): string =>
    `image: hosttoday/ht-docker-node:npmci\nrelease:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - npmci node install ${spec}\n    - npmci npm publish\n`;
  it('a major: that Node with the newest npm it accepts (Node 24: npm 11, nothing to report)', async () => {
    expect(await lint(gitlabRepo(npmci('24')))).toEqual([]);
    expect(await lint(gitlabRepo(npmci('22')))).toEqual([]);
  });
  it('control: an old major is still reported, as a warning (npmci is taken to switch the Node)', async () => {
    const [d] = (await lintFiles(gitlabRepo(npmci('18')), { rule: RULE })) as Diagnostic[];
    expect([d?.severity, d?.messageId]).toEqual(['warning', 'installedTooOld']);
    expect(d?.message).toContain('installed by "npmci node install 18"');
  });
  it('`stable`, `lts`: today\'s warning, whose reason names the install line', async () => {
    for (const spec of ['stable', 'lts']) {
      const [d] = (await lintFiles(gitlabRepo(npmci(spec)), { rule: RULE })) as Diagnostic[];
      expect([d?.severity, d?.messageId]).toEqual(['warning', 'unknownNpmGitlab']);
      expect(String(d?.data.reason)).toMatch(new RegExp(`^\`npmci node install ${spec}\` before it installs the Node major the image's npmci release gives that name`));
    }
  });
  it('control: without the install line, the image that is not a node image', async () => {
    const [d] = (await lintFiles(gitlabRepo(npmci('24').replace('    - npmci node install 24\n', '')), { rule: RULE })) as Diagnostic[];
    expect(String(d?.data.reason)).toBe('the job runs in image "hosttoday/ht-docker-node:npmci", which is not a `node` image');
  });
});
