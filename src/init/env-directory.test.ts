import { describe, expect, it } from 'vitest';
import { loadLintInput } from '../api.js';
import { EMPTY_CONFIG } from '../config/types.js';
import { MemoryFs } from '../fs/source.js';
import { repoFacts } from '../facts/repo-facts.js';
import { planInit, type InitPlan } from './plan.js';

/**
 * `cd "$PKG_DIR"` where the CI file sets `PKG_DIR` to a literal in its environment (GitHub `env:`
 * of the workflow, job or step; GitLab `variables:`, global, the job's or through `extends`;
 * CircleCI `environment:` of the job or the step): init names the package of that directory, with
 * no CHECK about it. A value tp-doctor cannot be sure of keeps the directory unknown.
 */
function plan(files: Record<string, string>): InitPlan {
  const input = loadLintInput({ fs: new MemoryFs(files), config: EMPTY_CONFIG });
  if (!input.ok) throw new Error('config errors');
  return planInit(repoFacts(input.project, input.config));
}

const MONO = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: 'github:acme/mono' }),
  'packages/a/package.json': '{"name":"@acme/a","version":"1.0.0"}',
  'packages/b/package.json': '{"name":"@acme/b","version":"1.0.0"}',
};
const UNKNOWN_DIR = 'the publish command runs in a directory tp-doctor cannot tell, so it does not say which packages it publishes; listed the packages it may publish ("@acme/a", "@acme/b"): remove the ones it does not publish';

interface GithubEnv {
  workflow?: string;
  job?: string;
  step?: string;
  /** Steps (indented six spaces) before the publishing one. */
  before?: string[];
  strategy?: string;
}
const github = (run: string, env: GithubEnv): Record<string, string> => ({
  '.github/workflows/release.yml': [
    'on: push',
    'permissions:',
    '  id-token: write',
    ...(env.workflow ? ['env:', `  ${env.workflow}`] : []),
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    ...(env.strategy ? ['    strategy:', '      matrix:', `        ${env.strategy}`] : []),
    ...(env.job ? ['    env:', `      ${env.job}`] : []),
    '    steps:',
    '      - uses: actions/checkout@v4',
    ...(env.before ?? []),
    `      - run: ${run}`,
    ...(env.step ? ['        env:', `          ${env.step}`] : []),
    '',
  ].join('\n'),
});
const gitlab = (head: string[], job: string[]): Record<string, string> => ({
  '.gitlab-ci.yml': [...head, 'release:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', ...job, '  script:', '    - cd "$PKG_DIR"', '    - npm publish', ''].join('\n'),
});
const circle = (jobEnv: string[], stepEnv: string[]): Record<string, string> => ({
  '.circleci/config.yml': [
    'version: 2.1',
    'jobs:',
    '  release:',
    '    docker:',
    '      - image: cimg/node:24.15',
    ...jobEnv,
    '    steps:',
    '      - checkout',
    '      - run:',
    ...stepEnv,
    '          command: |',
    `            export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`,
    '            cd "$PKG_DIR" && npm publish',
    'workflows:',
    '  release:',
    '    jobs: [release]',
    '',
  ].join('\n'),
});

/** A CircleCI configuration with `step` (a `run` step) before the publishing one. */
const withEarlierStep = (files: Record<string, string>, step: string): Record<string, string> => ({
  '.circleci/config.yml': files['.circleci/config.yml']!.replace('      - checkout\n', `      - checkout\n${step}\n`),
});

describe('init: `cd "$PKG_DIR"` with PKG_DIR a literal of the CI file', () => {
  it.each([
    ['the workflow `env:`', github('cd "$PKG_DIR" && npm publish', { workflow: 'PKG_DIR: packages/b' })],
    ['the job `env:`', github('cd $PKG_DIR && npm publish', { job: 'PKG_DIR: packages/b' })],
    ['the step `env:`, over the job\'s', github('cd "${PKG_DIR}" && npm publish', { job: 'PKG_DIR: packages/a', step: 'PKG_DIR: packages/b' })],
    ['GitHub `working-directory: ${{ env.PKG_DIR }}` (already read)', github('npm publish\n        working-directory: ${{ env.PKG_DIR }}', { job: 'PKG_DIR: packages/b' })],
    ['GitLab global `variables:`', gitlab(['variables:', '  PKG_DIR: packages/b'], [])],
    ['GitLab job `variables:`, over the global ones', gitlab(['variables:', '  PKG_DIR: packages/a'], ['  variables:', '    PKG_DIR: packages/b'])],
    ['GitLab `variables:` through `extends`', gitlab(['.base:', '  variables:', '    PKG_DIR: packages/b'], ['  extends: .base'])],
    ['CircleCI job `environment:`', circle(['    environment:', '      PKG_DIR: packages/b'], [])],
    ['CircleCI step `environment:`, over the job\'s', circle(['    environment:', '      PKG_DIR: packages/a'], ['          environment:', '            PKG_DIR: packages/b'])],
  ])('set in %s: that package, with no CHECK about its directory', (_name, files) => {
    const p = plan({ ...MONO, ...files });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/b']]);
    expect(p.publishers[0]!.notes.filter((n) => n.includes('directory'))).toEqual([]);
  });

  it.each([
    ['a secret', github('cd "$PKG_DIR" && npm publish', { job: 'PKG_DIR: ${{ secrets.PKG_DIR }}' })],
    ['a matrix value of several entries', github('cd "$PKG_DIR" && npm publish', { strategy: 'pkg: [a, b]', job: 'PKG_DIR: packages/${{ matrix.pkg }}' })],
    ['an earlier step\'s `$GITHUB_ENV` write', github('cd "$PKG_DIR" && npm publish', { job: 'PKG_DIR: packages/b', before: ['      - run: echo "PKG_DIR=packages/a" >> "$GITHUB_ENV"'] })],
    ['an assignment before it in the same `run:`', github('PKG_DIR=$(ls -d packages/* | head -1) && cd "$PKG_DIR" && npm publish', { job: 'PKG_DIR: packages/b' })],
    ['single quotes (no expansion)', github("cd '$PKG_DIR' && npm publish", { job: 'PKG_DIR: packages/b' })],
    ['no `env:` at all', github('cd "$PKG_DIR" && npm publish', {})],
    ['a GitLab variable set from an unknown one', gitlab(['variables:', '  PKG_DIR: $CI_PROJECT_DIR/packages/b'], [])],
    ['a GitLab earlier line that assigns it', { '.gitlab-ci.yml': gitlab(['variables:', '  PKG_DIR: packages/b'], [])['.gitlab-ci.yml']!.replace('    - cd "$PKG_DIR"', '    - export PKG_DIR=$(cat dir.txt)\n    - cd "$PKG_DIR"') }],
    ['a file sourced before it in the same `run:`', github('source ./ci/env.sh; cd "$PKG_DIR" && npm publish', { job: 'PKG_DIR: packages/b' })],
    ['`set -a` and `.` before it in the same `run:`', github('set -a; . ./ci/env.sh; set +a; cd "$PKG_DIR" && npm publish', { job: 'PKG_DIR: packages/b' })],
    ['a GitLab `default: before_script:` that sources a file', gitlab(['variables:', '  PKG_DIR: packages/b', 'default:', '  before_script:', '    - source ci/vars.sh'], [])],
    ['a GitLab `rules:` entry that sets it', gitlab(['variables:', '  PKG_DIR: packages/b'], ['  rules:', '    - if: $CI_COMMIT_TAG', '      variables:', '        PKG_DIR: packages/a'])],
    ['a GitLab global variable with a `description:` (editable in a manual pipeline)', gitlab(['variables:', '  PKG_DIR:', '    value: packages/b', '    description: package to publish'], [])],
    ['a GitLab global variable with `options:`', gitlab(['variables:', '  PKG_DIR:', '    value: packages/b', '    options: [packages/a, packages/b]'], [])],
    ['a CircleCI earlier step\'s `$BASH_ENV` line that sets it', circle(['    environment:', '      PKG_DIR: packages/b'], []), "      - run: echo 'export PKG_DIR=packages/a' >> $BASH_ENV"],
    ['a CircleCI earlier step that sources a file into `$BASH_ENV`', circle(['    environment:', '      PKG_DIR: packages/b'], []), '      - run: echo "source ci/env.sh" >> "$BASH_ENV"'],
  ])('%s: still unknown, the packages it may publish listed', (_name, files, earlierStep?: string) => {
    const p = plan({ ...MONO, ...(earlierStep ? withEarlierStep(files, earlierStep) : files) });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/a', '@acme/b']]);
    expect(p.publishers[0]!.notes.at(-1)).toBe(UNKNOWN_DIR);
  });

  // What the whole pipeline says (`workflow: rules:`, another job's dotenv report) is read for the
  // site (./variables.ts `jobDirectoryValue` with the pipeline), not yet when the job's commands are
  // recognised; the site says so (`GitlabSite.cdUnknown`), so the note says the directory is one
  // tp-doctor cannot tell, not that it listed every package.
  it.each([
    ['a GitLab `workflow: rules:` entry that sets it', gitlab(['workflow:', '  rules:', '    - if: $CI_COMMIT_TAG', '      variables:', '        PKG_DIR: packages/a', 'variables:', '  PKG_DIR: packages/b'], [])],
    ['a GitLab dotenv report of an earlier stage', gitlab(['variables:', '  PKG_DIR: packages/b', 'prep:', '  stage: build', '  script: [echo "PKG_DIR=packages/a" > build.env]', '  artifacts:', '    reports:', '      dotenv: build.env'], ['  stage: deploy'])],
    ['a GitLab dotenv report of a job it `needs:`', gitlab(['variables:', '  PKG_DIR: packages/b', 'prep:', '  script: [echo "PKG_DIR=packages/a" > build.env]', '  artifacts:', '    reports:', '      dotenv: build.env'], ['  needs: [prep]'])],
  ])('%s: still unknown, the packages it may publish listed', (_name, files) => {
    const p = plan({ ...MONO, ...files });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/a', '@acme/b']]);
    expect(p.publishers[0]!.notes.at(-1)).toBe(UNKNOWN_DIR);
  });
});
