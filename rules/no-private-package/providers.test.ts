import { describe, expect, it } from 'vitest';
import { circleConfig, circlePublisherConfig, lintFiles, publisherConfig } from '../../test/helpers.js';

/**
 * `publishedPrivate` on every provider, from the publish sites the GitLab and CircleCI models give
 * (review of c7360a4: it read GitHub jobs only), and on GitHub for a private workspace package the
 * job publishes from its own directory.
 */
const RULE = 'no-private-package';

/** Pretty-printed: `private` on line 4 when given. */
function pkg(host: string, name: string, fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name, version: '1.0.0', ...fields, repository: { type: 'git', url: `git+https://${host}/acme/widget.git` } }, null, 2)}\n`;
}

/** A private workspace root, a public `packages/core` and a private `packages/cli`. */
function monorepo(host: string): Record<string, string> {
  return {
    'package.json': pkg(host, 'widget-monorepo', { private: true, workspaces: ['packages/*'], scripts: { release: 'npm publish', 'release-cli': 'cd packages/cli && npm publish' } }),
    'packages/core/package.json': pkg(host, '@acme/core'),
    'packages/cli/package.json': pkg(host, '@acme/cli', { private: true }),
  };
}

const GITLAB_PUBLISHER = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';

/** A GitLab job `publish` whose script lines start on line 7. */
function gitlab(script: string[], extra: Record<string, string> = {}): Record<string, string> {
  const ci = ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', '  script:', ...script.map((s) => `    - ${s}`), ''].join('\n');
  return { ...monorepo('gitlab.com'), '.gitlab-ci.yml': ci, 'tp-doctor.yml': GITLAB_PUBLISHER, ...extra };
}

/** A CircleCI job `publish` whose run steps start on line 8. */
function circle(steps: string[], extra: Record<string, string> = {}): Record<string, string> {
  return { ...monorepo('github.com'), '.circleci/config.yml': circleConfig(steps), 'tp-doctor.yml': circlePublisherConfig(), ...extra };
}

type Found = Awaited<ReturnType<typeof lintFiles>>;
const brief = (found: Found): string[] => found.map((d) => `${d.severity} ${d.messageId} ${d.file}:${d.line}`);
const related = (found: Found): string[] => found.flatMap((d) => d.related.map((r) => `${r.file}:${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`));

describe('no-private-package on GitLab CI/CD', () => {
  it('`cd packages/cli && npm publish` of a private package: an error at its `private`, the script line related', async () => {
    const found = await lintFiles(gitlab(['npm ci', 'cd packages/cli && npm publish']), { rule: RULE });
    expect(brief(found)).toEqual(['error publishedPrivate packages/cli/package.json:4']);
    expect(found[0]!.message).toBe('Package "@acme/cli" is `private: true`, but job "publish" publishes it with `npm publish`');
    expect(found[0]!.fix).toContain('Remove `"private"` from `packages/cli/package.json`');
    expect(related(found)).toEqual(['.gitlab-ci.yml:8:26-8:37']);
  });

  it('a literal `npm publish` of the private root', async () => {
    const found = await lintFiles(gitlab(['npm publish --access public']), { rule: RULE });
    expect(brief(found)).toEqual(['error publishedPrivate package.json:4']);
    expect(found[0]!.message).toContain('Package "widget-monorepo" is `private: true`, but job "publish"');
    expect(related(found)).toEqual(['.gitlab-ci.yml:7:7-7:34']);
  });

  it('a package.json script that reaches the publish (`npm run release`, `npm publish` at the private root)', async () => {
    const found = await lintFiles(gitlab(['npm run release']), { rule: RULE });
    expect(brief(found)).toEqual(['error publishedPrivate package.json:4']);
    expect(related(found)).toEqual(['.gitlab-ci.yml:7:7-7:22']);
  });

  it('control: a job publishing a package that is not private is quiet', async () => {
    expect(await lintFiles(gitlab(['cd packages/core && npm publish']), { rule: RULE })).toEqual([]);
  });

  it('control: a guessed publish is no error (a shell script that may branch, a directory in a variable)', async () => {
    const script = { 'scripts/release.sh': '#!/bin/sh\nif [ -n "$CI" ]; then\n  cd packages/cli\n  npm publish\nfi\n' };
    const guessed = await lintFiles(gitlab(['./scripts/release.sh'], script), { rule: RULE });
    expect(guessed.filter((d) => d.severity === 'error')).toEqual([]);
    expect(await lintFiles(gitlab(['npm publish $PACKAGE_DIR']), { rule: RULE })).toEqual([]);
    // A script that changes directory before `npm publish`: its targets are not read (unknown), so nothing is said.
    expect(await lintFiles(gitlab(['npm run release-cli']), { rule: RULE })).toEqual([]);
  });

  it('control: workspace publishes skip private packages; an earlier line that edits `private`', async () => {
    expect(await lintFiles(gitlab(['npm publish --workspaces']), { rule: RULE })).toEqual([]);
    expect(await lintFiles(gitlab(['npm publish -w packages/cli']), { rule: RULE })).toEqual([]);
    expect(await lintFiles(gitlab(['cd packages/cli', 'npm pkg delete private', 'npm publish']), { rule: RULE })).toEqual([]);
  });

  it('control: a directory outside every package (a build output the job may write) is not checked', async () => {
    const dist = { 'dist/package.json': pkg('gitlab.com', 'widget-dist', { private: true }) };
    expect(await lintFiles(gitlab(['cd dist && npm publish'], dist), { rule: RULE })).toEqual([]);
  });
});

describe('no-private-package on CircleCI', () => {
  it('a `run` step `cd packages/cli && npm publish` of a private package: an error', async () => {
    const found = await lintFiles(circle(['- run: cd packages/cli && npm publish']), { rule: RULE });
    expect(brief(found)).toEqual(['error publishedPrivate packages/cli/package.json:4']);
    expect(found[0]!.message).toBe('Package "@acme/cli" is `private: true`, but job "publish" publishes it with `npm publish`');
    expect(related(found)).toEqual(['.circleci/config.yml:8:33-8:44']);
  });

  it('a multi-line `command` publishing the private root', async () => {
    const found = await lintFiles(circle(['- run:', '    command: |', '      npm ci', '      npm publish']), { rule: RULE });
    expect(brief(found)).toEqual(['error publishedPrivate package.json:4']);
    expect(related(found)).toEqual(['.circleci/config.yml:11:13-11:24']);
  });

  it('control: in a configuration a pipeline may not run (a likely publish): no error', async () => {
    const files = { ...circle([]), '.circleci/config.yml': circleConfig(['- run: npm ci']), '.circleci/release.yml': circleConfig(['- run: cd packages/cli && npm publish']) };
    expect(await lintFiles(files, { rule: RULE })).toEqual([]);
  });

  it('control: the public package is quiet', async () => {
    expect(await lintFiles(circle(['- run: cd packages/core && npm publish']), { rule: RULE })).toEqual([]);
  });
});

describe('no-private-package on GitHub Actions: a private workspace package published from its directory', () => {
  const workflow = (steps: string[]): string =>
    ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', ...steps, ''].join('\n');
  const github = (steps: string[]): Record<string, string> => ({ ...monorepo('github.com'), '.github/workflows/release.yml': workflow(steps), 'tp-doctor.yml': publisherConfig({}) });

  it.each([[['      - run: cd packages/cli && npm publish']], [['      - run: npm publish', '        working-directory: packages/cli']], [['      - run: npm publish packages/cli']]])('%j: an error', async (steps) => {
    expect(brief(await lintFiles(github(steps), { rule: RULE }))).toEqual(['error publishedPrivate packages/cli/package.json:4']);
  });

  it('control: a package.json script on the way that edits `private` first (it was a false error)', async () => {
    const files = github(['      - run: npm run unmark']);
    files['package.json'] = files['package.json']!.replace('"release": "npm publish"', '"unmark": "npm pkg delete private && npm publish"');
    expect(await lintFiles(files, { rule: RULE })).toEqual([]);
    // The same script without the edit: the error.
    files['package.json'] = files['package.json'].replace('npm pkg delete private && ', '');
    expect(brief(await lintFiles(files, { rule: RULE }))).toEqual(['error publishedPrivate package.json:4']);
  });

  it('control: `npm publish -w packages/cli` from the root skips it', async () => {
    expect(await lintFiles(github(['      - run: npm publish -w packages/cli']), { rule: RULE })).toEqual([]);
  });
});

describe('no-private-package: the published package\'s own lifecycle scripts may lift `private`', () => {
  // npm reads the manifest again after `prepublishOnly`, `prepack`, `prepare` and `postpack` and refuses it only then.
  const withCli = (fields: Record<string, unknown>): Record<string, string> => ({ 'packages/cli/package.json': pkg('gitlab.com', '@acme/cli', { private: true, ...fields }) });
  it('a `prepublishOnly` that runs a script that deletes `private`: no finding', async () => {
    const files = gitlab(['cd packages/cli && npm publish'], withCli({ scripts: { prepublishOnly: 'npm run unmark', unmark: 'npm pkg delete private' } }));
    expect(brief(await lintFiles(files, { rule: RULE }))).toEqual([]);
  });
  it('a `prepack` that runs clean-package (which writes the manifest to publish): no finding', async () => {
    const files = gitlab(['cd packages/cli && npm publish'], withCli({ scripts: { prepack: 'clean-package' } }));
    expect(brief(await lintFiles(files, { rule: RULE }))).toEqual([]);
  });
  it('lifecycle scripts that do not touch the manifest (`prepare: husky`, a build): still an error', async () => {
    const files = gitlab(['cd packages/cli && npm publish'], withCli({ scripts: { prepare: 'husky', prepublishOnly: 'npm run build', build: 'tsc -p .' } }));
    expect(brief(await lintFiles(files, { rule: RULE }))).toEqual(['error publishedPrivate packages/cli/package.json:4']);
  });
  it('a lifecycle script that runs a program tp-doctor does not read (`node scripts/prepublish.mjs`): a warning', async () => {
    const files = gitlab(['cd packages/cli && npm publish'], withCli({ scripts: { prepublishOnly: 'node scripts/prepublish.mjs' } }));
    expect(brief(await lintFiles(files, { rule: RULE }))).toEqual(['warning publishedPrivate packages/cli/package.json:4']);
  });
  it('an earlier script line that runs such a program: a warning', async () => {
    const files = gitlab(['node scripts/prepare-release.js', 'cd packages/cli && npm publish']);
    expect(brief(await lintFiles(files, { rule: RULE }))).toEqual(['warning publishedPrivate packages/cli/package.json:4']);
  });
  it('`--ignore-scripts`: the lifecycle scripts do not run, still an error', async () => {
    const files = gitlab(['cd packages/cli && npm publish --ignore-scripts'], withCli({ scripts: { prepack: 'clean-package' } }));
    expect(brief(await lintFiles(files, { rule: RULE }))).toEqual(['error publishedPrivate packages/cli/package.json:4']);
  });
});
