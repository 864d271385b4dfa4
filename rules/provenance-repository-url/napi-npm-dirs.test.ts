/**
 * napi-rs's `create-npm-dirs` run before the publish rewrites every platform package's
 * package.json from the package it runs in, `repository` included (src/model/npm/napi-npm-dirs.ts;
 * survey910a F1, huggingface/tokenizers): the committed platform package.json's `repository` is
 * not what is published, the source package's is.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const REMOTE = '[remote "origin"]\n  url = https://github.com/acme/widget.git\n';
const GOOD = { type: 'git', url: 'git+https://github.com/acme/widget.git' };

function root(repository?: unknown, dir = ''): string {
  return JSON.stringify({
    name: dir === '' ? 'widget' : '@acme/widget',
    version: '1.0.0',
    ...(repository !== undefined ? { repository } : {}),
    napi: { binaryName: 'widget', targets: ['x86_64-unknown-linux-gnu', 'aarch64-apple-darwin'] },
    scripts: { prepublishOnly: 'napi prepublish -t npm' },
    devDependencies: { '@napi-rs/cli': '^3.6.2' },
  });
}

/** A committed platform package with a `repository` that is not the repository's. */
function platform(abi: string, repository: unknown = 'widget'): string {
  return JSON.stringify({ name: `widget-${abi}`, version: '1.0.0', os: ['linux'], cpu: ['x64'], repository });
}

/** The publish job: `npm publish` (whose prepublishOnly is `napi prepublish`), after `create` lines. */
function workflow(create: string, dir = ''): string {
  const wd = dir === '' ? '' : `\n        working-directory: ${dir}`;
  return [
    'on:',
    '  push:',
    "    tags: ['v*']",
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/checkout@v6',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    '      - run: npm ci',
    ...(create === '' ? [] : [`      - run: ${create}${wd}`]),
    `      - run: npm publish --access public --provenance${wd}`,
    '',
  ].join('\n');
}

async function found(files: Record<string, string>): Promise<string[]> {
  const all = await lintFiles({ '.git/config': REMOTE, ...files }, { rule: 'provenance-repository-url' });
  return all.map((d) => `${d.severity} ${d.messageId} ${d.file}:${d.line} ${d.message}`);
}

describe('provenance-repository-url: platform packages written by `napi create-npm-dirs` before the publish', () => {
  const platforms = { 'npm/linux-x64-gnu/package.json': platform('linux-x64-gnu'), 'npm/darwin-arm64/package.json': platform('darwin-arm64') };

  it('judges the package they are written from, not the committed files (the survey reproduction)', async () => {
    for (const create of ['npx napi create-npm-dirs', 'pnpm exec napi create-npm-dirs', 'yarn napi create-npm-dirs --npm-dir npm', 'npx @napi-rs/cli create-npm-dirs', 'napi create-npm-dir -t .']) {
      expect(await found({ 'package.json': root(GOOD), ...platforms, '.github/workflows/release.yml': workflow(create) }), create).toEqual([]);
    }
  });

  it('a root without the right `repository` is reported once, at the root, for the packages written from it', async () => {
    const bad = await found({ 'package.json': root({ type: 'git', url: 'git+https://github.com/acme/other.git' }), ...platforms, '.github/workflows/release.yml': workflow('npx napi create-npm-dirs') });
    // `other` is another repository: repository-matches-publisher's (the remote may be stale); the case differs only: this rule's.
    expect(bad).toEqual([]);
    const caseOnly = await found({ 'package.json': root({ type: 'git', url: 'git+https://github.com/acme/Widget.git' }), ...platforms, '.github/workflows/release.yml': workflow('npx napi create-npm-dirs') });
    expect(caseOnly).toHaveLength(1);
    expect(caseOnly[0]).toMatch(/^warning caseOfRemote package\.json:\d+ Package "widget(?:-darwin-arm64)?"/);
  });

  it('a root without `repository`: one finding at the root, also published itself (`--provenance`: an error)', async () => {
    const files = { 'package.json': root(), ...platforms, '.github/workflows/release.yml': workflow('npx napi create-npm-dirs') };
    expect(await found(files)).toEqual(['error missing package.json:1 Package "widget" has no `repository`; its provenance requires one that matches "https://github.com/acme/widget"']);
  });

  it('a root without `repository` that napi alone publishes from: one finding at the root, saying why', async () => {
    const direct = workflow('npx napi create-npm-dirs').replace('npm publish --access public --provenance', 'npx napi pre-publish -t npm');
    const out = await found({ 'package.json': root(), ...platforms, '.github/workflows/release.yml': direct });
    expect(out).toEqual([
      'warning missingUnsure package.json:1 Package "widget-darwin-arm64" (its package.json is written by `napi create-npm-dirs` from `package.json`) has no `repository`; once it is published with trusted publishing from a public repository, its provenance requires one that matches "https://github.com/acme/widget"',
    ]);
    // Control: without the step, each committed platform package is judged by its own `repository`.
    const committed = await found({ 'package.json': root(), ...platforms, '.github/workflows/release.yml': direct.replace('      - run: npx napi create-npm-dirs\n', '') });
    expect(committed.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['warning mismatch npm/darwin-arm64/package.json:1', 'warning mismatch npm/linux-x64-gnu/package.json:1']);
  });

  it('in a package below the root, with `--cwd` or the step\'s working directory', async () => {
    const below = { 'package.json': JSON.stringify({ name: 'root', private: true }), 'bindings/node/package.json': root(GOOD, 'x') };
    const under = { 'bindings/node/npm/linux-x64-gnu/package.json': platform('linux-x64-gnu') };
    expect(await found({ ...below, ...under, '.github/workflows/release.yml': workflow('npx napi create-npm-dirs', 'bindings/node') })).toEqual([]);
    const cwd = workflow('npx napi create-npm-dirs --cwd bindings/node').replace('npm publish --access public --provenance', 'cd bindings/node && npm publish --access public --provenance');
    expect(await found({ ...below, ...under, '.github/workflows/release.yml': cwd })).toEqual([]);
  });

  it('controls: without the step, with a dry run, or writing another directory, the committed files are judged', async () => {
    const expectCommitted = (out: string[]): void => {
      expect(out.map((l) => l.split(' ').slice(0, 3).join(' ')).sort()).toEqual(['warning mismatch npm/darwin-arm64/package.json:1', 'warning mismatch npm/linux-x64-gnu/package.json:1']);
    };
    for (const create of ['', 'npx napi create-npm-dirs --dry-run', 'npx napi create-npm-dirs --npm-dir packages', 'npx napi create-npm-dirs --package-json-path other.json', 'npx napi build --platform']) {
      expectCommitted(await found({ 'package.json': root(GOOD), ...platforms, '.github/workflows/release.yml': workflow(create) }));
    }
  });

  it('controls: a `create-npm-dirs` that may not run (a step `if:`, an `if` branch) leaves the committed files judged (review of 2026-12-06)', async () => {
    for (const create of ['npx napi create-npm-dirs\n        if: github.event_name == \'release\'', 'if [ -n "$X" ]; then npx napi create-npm-dirs; fi']) {
      const out = await found({ 'package.json': root(GOOD), ...platforms, '.github/workflows/release.yml': workflow(create) });
      expect(out.map((l) => l.split(' ').slice(0, 3).join(' ')).sort()).toEqual(['warning mismatch npm/darwin-arm64/package.json:1', 'warning mismatch npm/linux-x64-gnu/package.json:1']);
    }
  });
});

describe('provenance-repository-url: `napi create-npm-dirs` in a GitLab job or a CircleCI step', () => {
  const GITLAB_REMOTE = '[remote "origin"]\n  url = https://gitlab.com/acme/widget.git\n';
  const ON_GITLAB = { type: 'git', url: 'git+https://gitlab.com/acme/widget.git' };
  const platforms = { 'npm/linux-x64-gnu/package.json': platform('linux-x64-gnu'), 'npm/darwin-arm64/package.json': platform('darwin-arm64') };
  /** A GitLab job that signs provenance (`SIGSTORE_ID_TOKEN`), running these script lines. */
  const gitlab = (lines: readonly string[]): string =>
    ['publish:', '  image: node:24', '  rules:', '    - if: $CI_COMMIT_TAG', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', '    SIGSTORE_ID_TOKEN:', '      aud: sigstore', '  script:', ...lines.map((l) => `    - ${l}`), ''].join('\n');
  const onGitlab = async (lines: readonly string[]): Promise<string[]> => {
    const all = await lintFiles({ '.git/config': GITLAB_REMOTE, 'package.json': root(ON_GITLAB), ...platforms, '.gitlab-ci.yml': gitlab(lines) }, { rule: 'provenance-repository-url' });
    return all.map((d) => `${d.severity} ${d.messageId} ${d.file}:${d.line}`).sort();
  };
  const COMMITTED = ['warning mismatch npm/darwin-arm64/package.json:1', 'warning mismatch npm/linux-x64-gnu/package.json:1'];

  it('GitLab: a script line (or `before_script`) that runs it first leaves the committed files unjudged', async () => {
    expect(await onGitlab(['npm ci', 'npx napi create-npm-dirs', 'npm publish'])).toEqual([]);
    expect(await onGitlab(['npm ci', 'if [ -n "$CI_COMMIT_TAG" ]; then npx napi create-npm-dirs; fi', 'npm publish'])).toEqual(COMMITTED);
    expect(await onGitlab(['npm ci', 'npm publish'])).toEqual(COMMITTED);
  });

  it('CircleCI: a publish there too takes the committed files only when its job does not write them first', async () => {
    // CircleCI gets no provenance; its publish of the same packages must agree on where they are written from.
    const circle = (steps: readonly string[]): string =>
      ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', ...steps.map((s) => `      - run: ${s}`), 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n');
    const both = async (steps: readonly string[]): Promise<string[]> => {
      const files = { 'package.json': root(GOOD), ...platforms, '.github/workflows/release.yml': workflow('npx napi create-npm-dirs'), '.circleci/config.yml': circle(steps) };
      return (await found(files)).map((l) => l.split(' ').slice(0, 3).join(' ')).sort();
    };
    expect(await both(['npx napi create-npm-dirs', 'npm publish'])).toEqual([]);
    expect(await both(['npm publish'])).toEqual(COMMITTED);
  });
});
