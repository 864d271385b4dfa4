/**
 * A token line echoed into a file that is not an npm or Yarn configuration file (`> .npmrc.bak`,
 * `| tee .npmrc-ci`, `>> ~/.npmrc.orig`) writes no token, on GitHub, GitLab and CircleCI
 * (src/model/npm/write-targets.ts `writtenOnlyElsewhere`, docs/domain.md A.42). Controls: `.npmrc`,
 * `~/.npmrc`, a target that is an expression (read as before). The token side asks what the
 * registry side asks (src/model/npm/token-reach.ts `tokenWriteMiss`): the file the environment's
 * `NPM_CONFIG_USERCONFIG` names is a configuration file, a `&& rm .npmrc` ends its chain's write, and
 * a project `.npmrc` of another directory is not read by a publish at the root; a file a later command
 * of the script copies or moves (`cp .npmrc ~/.npmrc; rm .npmrc`) may be read where it lands.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { circleConfig, circlePublisherConfig, circleRepo, publisherConfig } from '../../test/rule-tester.js';

const RULE = 'no-long-lived-token';
const ECHO = 'echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN"';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

/** A release workflow whose step on line 12 (14 with `env`) runs `line`, then `npm publish` in the next step. */
function github(line: string, env: string[] = []): Record<string, string> {
  const yml = ['name: Release', 'on: push', 'permissions:', '  id-token: write', 'jobs:', '  release:', '    runs-on: ubuntu-latest', ...env.map((l) => `    ${l}`), '    steps:', '      - uses: actions/setup-node@v6', '        with:', '          node-version: 24', '      - run: |', `          ${line}`, '      - run: npm publish', ''].join('\n');
  return { 'package.json': PKG, '.github/workflows/release.yml': yml, 'tp-doctor.yml': publisherConfig({}) };
}

const GITLAB_PUBLISHER = ['publishers:', '  - provider: gitlab', '    project: acme/widget', '    ciFile: .gitlab-ci.yml', ''].join('\n');

function gitlab(line: string, variables: string[] = []): Record<string, string> {
  const yml = ['publish:', '  image: node:24', ...variables.map((l) => `  ${l}`), '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', '  script:', `    - ${line}`, '    - npm publish', ''].join('\n');
  return { 'package.json': PKG, '.gitlab-ci.yml': yml, 'tp-doctor.yml': GITLAB_PUBLISHER };
}

const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

function circleci(line: string, environment: string[] = []): Record<string, string> {
  return circleRepo(circleConfig([`- run: ${JSON.stringify(line)}`, `- run: ${ID} && npm publish`], undefined, environment), circlePublisherConfig(), { 'package.json': PKG });
}

async function findings(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files, { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}:${d.column} ${d.message}`);
}

describe(`${RULE}: a token line written to a file that is no configuration file`, () => {
  it.each([`${ECHO} > .npmrc.bak`, `${ECHO} | tee .npmrc.out`, `${ECHO} > .npmrc-ci`, `${ECHO} >> ~/.npmrc.orig`])('%s: no token write', async (line) => {
    expect(await findings(github(line))).toEqual([]);
    expect(await findings(gitlab(line))).toEqual([]);
    expect(await findings(circleci(line))).toEqual([]);
  });
  it('controls: `.npmrc`, `~/.npmrc` and a target that is an expression (`"$NPMRC"`) are token writes', async () => {
    const gh = (column: number): string =>
      `npmrcWriteUnset@info .github/workflows/release.yml:13:${column} Step writes an npm \`_authToken\` from $NPM_TOKEN, which nothing in the workflow sets, and job "release" then publishes with "npm publish"; the line is a leftover`;
    const gl = (column: number): string =>
      `gitlabScriptWrite@warning .gitlab-ci.yml:7:${column} Script line writes a long-lived npm token (CI/CD variable \`$NPM_TOKEN\`) into the npm configuration, and job "publish" then publishes with "npm publish"; trusted publishing needs no token`;
    const cc = (column: number): string =>
      `circleciRunWrite@warning .circleci/config.yml:8:${column} Run step writes a long-lived npm token (environment variable \`$NPM_TOKEN\`, set in the project settings or a context) into the npm configuration, and job "publish" then publishes with "npm publish"; trusted publishing needs no token`;
    for (const [line, shift] of [[`${ECHO} > .npmrc`, 0], [`${ECHO} >> ~/.npmrc`, 0], [`NPMRC="$HOME/.npmrc"; ${ECHO} > "$NPMRC"`, 22]] as const) {
      expect(await findings(github(line))).toEqual([gh(17 + shift)]);
      expect(await findings(gitlab(line))).toEqual([gl(13 + shift)]);
      expect(await findings(circleci(line))).toEqual([cc(14)]);
    }
  });
});

describe(`${RULE}: the token side reads a written line as the registry side does (docs/domain.md A.42)`, () => {
  const SUB = { 'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0' }) };
  it.each([
    [`${ECHO} > .npmrc && npm ci && rm .npmrc`, {}],
    [`${ECHO} > .npmrc; npm ci; rm -f .npmrc`, {}],
    [`${ECHO} > packages/a/.npmrc`, SUB],
  ])('%s: the line is gone or not read at the root publish: no token write', async (line, extra) => {
    expect(await findings({ ...github(line), ...extra })).toEqual([]);
    expect(await findings({ ...gitlab(line), ...extra })).toEqual([]);
    expect(await findings({ ...circleci(line), ...extra })).toEqual([]);
  });
  it('a `cd` in a GitHub or CircleCI step ends with it: the `.npmrc` written there is not the root publish\'s', async () => {
    expect(await findings({ ...github(`cd packages/a && ${ECHO} > .npmrc`), ...SUB })).toEqual([]);
    expect(await findings({ ...circleci(`cd packages/a && ${ECHO} > .npmrc`), ...SUB })).toEqual([]);
  });
  it('a GitLab job\'s `cd` carries to its next script line: the publish there reads the `.npmrc` written there', async () => {
    expect(await findings({ ...gitlab(`cd packages/a && ${ECHO} > .npmrc`), ...SUB })).toEqual([
      'gitlabScriptWrite@warning .gitlab-ci.yml:7:30 Script line writes a long-lived npm token (CI/CD variable `$NPM_TOKEN`) into the npm configuration, and job "publish" then publishes with "npm publish"; trusted publishing needs no token',
    ]);
  });
  it('controls: a rm of another file, a rm before the write, a write into the directory the publish reads', async () => {
    for (const line of [`${ECHO} > .npmrc && rm .npmrc.bak`, `rm -f .npmrc; ${ECHO} > .npmrc`, `cd packages/a && cd ../.. && ${ECHO} > .npmrc`]) {
      expect((await findings(github(line))).map((f) => f.split(' ')[0])).toEqual(['npmrcWriteUnset@info']);
      expect((await findings(gitlab(line))).map((f) => f.split(' ')[0])).toEqual(['gitlabScriptWrite@warning']);
      expect((await findings(circleci(line))).map((f) => f.split(' ')[0])).toEqual(['circleciRunWrite@warning']);
    }
  });
  it('a token echoed into the file `NPM_CONFIG_USERCONFIG` names (env:, variables:, environment:) is a token write', async () => {
    const line = `${ECHO} > /home/runner/.npmrc-ci`;
    const named = ['NPM_CONFIG_USERCONFIG: /home/runner/.npmrc-ci'];
    expect(await findings(github(line, ['env:', `  ${named[0]}`]))).toEqual([
      'npmrcWriteUnset@info .github/workflows/release.yml:15:17 Step writes an npm `_authToken` from $NPM_TOKEN, which nothing in the workflow sets, and job "release" then publishes with "npm publish"; the line is a leftover',
    ]);
    expect(await findings(gitlab(line, ['variables:', `  ${named[0]}`]))).toEqual([
      'gitlabScriptWrite@warning .gitlab-ci.yml:9:13 Script line writes a long-lived npm token (CI/CD variable `$NPM_TOKEN`) into the npm configuration, and job "publish" then publishes with "npm publish"; trusted publishing needs no token',
    ]);
    expect(await findings(circleci(line, ['environment:', `  ${named[0]}`]))).toEqual([
      'circleciRunWrite@warning .circleci/config.yml:8:14 Run step writes a long-lived npm token (environment variable `$NPM_TOKEN`, set in the project settings or a context) into the npm configuration, and job "publish" then publishes with "npm publish"; trusted publishing needs no token',
    ]);
    // Without the variable the file is no configuration file (the first case above).
    expect(await findings(github(line))).toEqual([]);
  });
  const KINDS = (): string[][] => [['npmrcWriteUnset@info'], ['gitlabScriptWrite@warning'], ['circleciRunWrite@warning']];
  it.each([
    `${ECHO} > .npmrc; cp .npmrc ~/.npmrc; rm .npmrc`,
    `${ECHO} > .npmrc && cp -f .npmrc "$HOME/.npmrc" && rm .npmrc`,
    `${ECHO} > .npmrc; cat .npmrc >> ~/.npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; cat .npmrc | tee ~/.npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; tee ~/.npmrc < .npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; install -m 600 .npmrc ~/.npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; cp "$SRC" ~/.npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; ./setup-auth.sh .npmrc; rm .npmrc`,
    `${ECHO} > packages/a/.npmrc; cp packages/a/.npmrc .`,
    `${ECHO} > packages/a/.npmrc; mv packages/a/.npmrc ./`,
    `${ECHO} > packages/a/.npmrc; cp -r packages/a/. ./`,
  ])('%s: the file is copied or moved before the publish, which may read it: a token write', async (line) => {
    const kinds = [github, gitlab, circleci].map(async (f) => (await findings({ ...f(line), ...SUB })).map((x) => x.split(' ')[0]!));
    expect(await Promise.all(kinds)).toEqual(KINDS());
  });
  it.each([
    `${ECHO} > .npmrc; cat .npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; chmod 600 .npmrc; ls -la .npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; cp .npmrc.bak backup; rm .npmrc`,
    `${ECHO} | tee .npmrc; rm .npmrc`,
    `${ECHO} > .npmrc; rm .npmrc; cp packages/a/.npmrc.dist x`,
  ])('controls: %s: nothing carries the file out, it is gone before the publish: no token write', async (line) => {
    expect(await findings({ ...github(line), ...SUB })).toEqual([]);
    expect(await findings({ ...gitlab(line), ...SUB })).toEqual([]);
    expect(await findings({ ...circleci(line), ...SUB })).toEqual([]);
  });
});

describe(`${RULE}: \`~/.npmrc\` after setup-node's \`registry-url\` is not the file npm reads (docs/domain.md A.19, A.42)`, () => {
  const SECRET = 'echo "//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}"';
  const SETUP = ['      - uses: actions/setup-node@v6', '        with:', '          node-version: 24', '          registry-url: https://registry.npmjs.org'];
  /** setup-node with `registry-url` (`setup: 'before'`, or after the step, or none), and a step running `lines` (from line 15 with it before, else 11), then `npm publish` unless `publish` is false. */
  function workflow(lines: string[], setup: 'before' | 'after' | 'none' = 'before', publish = true): Record<string, string> {
    const run = ['      - run: |', ...lines.map((l) => `          ${l}`)];
    const steps = setup === 'before' ? [...SETUP, ...run] : setup === 'after' ? [...run, ...SETUP] : run;
    const yml = ['name: Release', 'on: push', 'permissions:', '  id-token: write', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v6', ...steps, ...(publish ? ['      - run: npm publish'] : []), ''].join('\n');
    return { 'package.json': PKG, '.github/workflows/release.yml': yml, 'tp-doctor.yml': publisherConfig({}) };
  }
  const warning = (line: number, column: number): string =>
    `npmrcWrite@warning .github/workflows/release.yml:${line}:${column} Step writes a long-lived npm token (secrets.NPM_TOKEN) into the npm configuration, and job "release" then publishes with "npm publish"; trusted publishing needs no token`;

  it.each([`${SECRET} > "$HOME/.npmrc"`, `${SECRET} >> ~/.npmrc`, `${SECRET} | tee -a \${HOME}/.npmrc`])('%s after setup-node with `registry-url`: not read, no token write', async (line) => {
    expect(await findings(workflow([line]))).toEqual([]);
  });
  it('a step before setup-node writes `~/.npmrc`, the publish after it reads setup-node\'s file: not read either', async () => {
    expect(await findings(workflow([`${SECRET} > ~/.npmrc`], 'after'))).toEqual([]);
  });
  it('controls: without `registry-url`, into `$NPM_CONFIG_USERCONFIG`, with `npm config set`, copied on, or published in the same step before setup-node', async () => {
    expect(await findings(workflow([`${SECRET} > "$HOME/.npmrc"`], 'none'))).toEqual([warning(11, 17)]);
    expect(await findings(workflow([`${SECRET} > "$NPM_CONFIG_USERCONFIG"`]))).toEqual([warning(15, 17)]);
    expect(await findings(workflow(['npm config set //registry.npmjs.org/:_authToken ${{ secrets.NPM_TOKEN }}']))).toEqual([warning(15, 11)]);
    expect(await findings(workflow([`${SECRET} > ~/.npmrc`, 'cp ~/.npmrc "$NPM_CONFIG_USERCONFIG"']))).toEqual([warning(15, 17)]);
    expect(await findings(workflow([`${SECRET} > ~/.npmrc`, 'npm publish'], 'after', false))).toEqual([warning(11, 17)]);
  });
});
