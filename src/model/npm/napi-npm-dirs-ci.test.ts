/**
 * `napi create-npm-dirs` earlier in a GitLab or CircleCI job (./napi-npm-dirs.ts): the platform
 * packages a later `napi prepublish` publishes are written from the package it ran in
 * (`PublishTargets.writtenFrom`), as on GitHub; only a run that certainly happens first counts.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';

const ROOT = JSON.stringify({
  name: 'widget',
  version: '1.0.0',
  napi: { binaryName: 'widget', targets: ['x86_64-unknown-linux-gnu', 'aarch64-apple-darwin'] },
  scripts: { prepublishOnly: 'napi prepublish -t npm' },
  devDependencies: { '@napi-rs/cli': '^3.6.2' },
});
const platform = (abi: string): string => JSON.stringify({ name: `widget-${abi}`, version: '1.0.0', repository: 'widget' });
const FILES = { 'package.json': ROOT, 'npm/linux-x64-gnu/package.json': platform('linux-x64-gnu'), 'npm/darwin-arm64/package.json': platform('darwin-arm64') };

/** A GitLab job whose `before_script` and `script` are these lines. */
function gitlab(before: readonly string[], script: readonly string[], extra: readonly string[] = []): string {
  const list = (key: string, lines: readonly string[]): string[] => (lines.length === 0 ? [] : [`  ${key}:`, ...lines.map((l) => `    - ${l}`)]);
  return ['publish:', '  image: node:24', ...extra, ...list('before_script', before), ...list('script', script), ''].join('\n');
}

/** A CircleCI job of these steps (each a YAML step item, indented below `steps:`). */
function circleci(steps: readonly string[], job: readonly string[] = []): string {
  return ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.15', ...job.map((l) => `    ${l}`), '    steps:', '      - checkout', ...steps.map((s) => `      ${s}`), 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n');
}

/** `writtenFrom` of the napi prepublish site: the package's directory, `-` when none, `no site`. */
function writtenFrom(files: Record<string, string>): string {
  const site = loadProject(new MemoryFs({ ...FILES, ...files })).facts.sites.find((s) => s.publish.match.tool === 'napi');
  if (site === undefined) return 'no site';
  return site.targets.writtenFrom === undefined ? '-' : `'${site.targets.writtenFrom.dir}'`;
}

describe('GitLab: a `napi create-npm-dirs` of the job before the publish', () => {
  it.each([
    [[], ['npx napi create-npm-dirs', 'npm publish']],
    [['npm ci', 'yarn napi create-npm-dirs'], ['npm publish']],
    [[], ['npm ci && npx napi create-npm-dirs && npm publish']],
    [[], ['pnpm exec napi create-npm-dirs', 'echo ok', 'npm publish']],
  ])('before_script %j, script %j: written from the root', (before, script) => {
    expect(writtenFrom({ '.gitlab-ci.yml': gitlab(before, script) })).toBe("''");
  });

  it('a job with `rules:` or `only:` runs its whole script when it runs', () => {
    const rules = ['  rules:', '    - if: $CI_COMMIT_TAG'];
    expect(writtenFrom({ '.gitlab-ci.yml': gitlab([], ['npx napi create-npm-dirs', 'npm publish'], rules) })).toBe("''");
    expect(writtenFrom({ '.gitlab-ci.yml': gitlab([], ['npx napi create-npm-dirs', 'npm publish'], ['  only: [tags]']) })).toBe("''");
  });

  it.each([
    [[], ['npm publish']],
    [[], ['if [ -n "$CI_COMMIT_TAG" ]; then npx napi create-npm-dirs; fi', 'npm publish']],
    [[], ['for d in a; do npx napi create-npm-dirs; done', 'npm publish']],
    [[], ['npx napi create-npm-dirs --dry-run', 'npm publish']],
    [[], ['cd bindings && npx napi create-npm-dirs', 'cd .. && npm publish']],
    [[], ['npm publish', 'npx napi create-npm-dirs']],
  ])('before_script %j, script %j: the committed files', (before, script) => {
    expect(writtenFrom({ '.gitlab-ci.yml': gitlab(before, script) })).toBe('-');
  });

  it('`after_script` runs in another shell, after the publish', () => {
    const ci = [gitlab([], ['npm publish']).trimEnd(), '  after_script:', '    - npx napi create-npm-dirs', ''].join('\n');
    expect(writtenFrom({ '.gitlab-ci.yml': ci })).toBe('-');
  });
});

describe('CircleCI: a `run` step of the job before the publishing step', () => {
  it.each([
    [['- run: npx napi create-npm-dirs', '- run: npm publish']],
    [['- run: npm ci', '- run:', '    name: dirs', '    command: yarn napi create-npm-dirs', '- run: npm publish']],
    [['- run: npm ci && npx napi create-npm-dirs && npm publish']],
    [['- run:', '    command: npx napi create-npm-dirs', '    when: always', '- run: npm publish']],
  ])('%j: written from the root', (steps) => {
    expect(writtenFrom({ '.circleci/config.yml': circleci(steps) })).toBe("''");
  });

  it('a step with its own `working_directory` writes the package there', () => {
    const below = { 'package.json': JSON.stringify({ name: 'root', private: true }), 'bindings/node/package.json': ROOT, 'bindings/node/npm/linux-x64-gnu/package.json': platform('linux-x64-gnu') };
    const steps = ['- run:', '    command: npx napi create-npm-dirs', '    working_directory: bindings/node', '- run:', '    command: npm publish', '    working_directory: ~/project/bindings/node'];
    expect(writtenFrom({ ...below, '.circleci/config.yml': circleci(steps) })).toBe("'bindings/node'");
  });

  it.each([
    [['- run: npm publish']],
    [['- run: if [ -n "$CIRCLE_TAG" ]; then npx napi create-npm-dirs; fi', '- run: npm publish']],
    [['- run:', '    command: npx napi create-npm-dirs', '    when: on_fail', '- run: npm publish']],
    [['- run:', '    command: npx napi create-npm-dirs', '    background: true', '- run: npm publish']],
    [['- when:', '    condition: << pipeline.git.tag >>', '    steps:', '      - run: npx napi create-npm-dirs', '- run: npm publish']],
    [['- run:', '    command: npx napi create-npm-dirs', '    working_directory: other', '- run: npm publish']],
    [['- run: npm publish', '- run: npx napi create-npm-dirs']],
  ])('%j: the committed files', (steps) => {
    expect(writtenFrom({ '.circleci/config.yml': circleci(steps) })).toBe('-');
  });
});
