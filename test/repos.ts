/**
 * Repository builders shared by every rule suite (and by the CLI and integration tests): small
 * in-memory repositories whose line numbers are documented, so a test can state exact ranges.
 * `test/helpers.ts` and `test/rule-tester.ts` re-export all of them.
 */

/** A GitHub publisher config file for tests. */
export function publisherConfig(fields: {
  repository?: string;
  workflow?: string;
  environment?: string;
  extra?: string;
}): string {
  const lines = ['publishers:', '  - provider: github', `    repository: ${fields.repository ?? 'acme/widget'}`];
  lines.push(`    workflow: ${fields.workflow ?? 'release.yml'}`);
  if (fields.environment !== undefined) lines.push(`    environment: ${fields.environment}`);
  if (fields.extra) lines.push(fields.extra);
  return `${lines.join('\n')}\n`;
}

/** The root package.json of a GitHub-hosted repository `acme/widget` (one line). */
export const GITHUB_PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

/** The root package.json of a GitLab-hosted project `acme/widget` (one line). */
export const GITLAB_PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://gitlab.com/acme/widget' } });

/** A GitLab repository: GITLAB_PKG, `.gitlab-ci.yml` and, when given, `tp-doctor.yml`. */
export function gitlabRepo(ci: string, config?: string): Record<string, string> {
  const files: Record<string, string> = { 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci };
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
}

/**
 * `.github/workflows/release.yml` with one job `publish` (setup-node with Node 24, then
 * `run: <publish>`). The publish command is on line 14; `extra` lines follow it.
 */
export function releaseWorkflow(publish = 'npm publish', extra: string[] = []): string {
  return [
    'name: Release',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    `      - run: ${publish}`,
    ...extra,
    '',
  ].join('\n');
}

/**
 * A release workflow whose `publish` job sets Node with `setup` (YAML lines under `with:` of
 * actions/setup-node, or '' for no setup-node step) and then runs `steps`. Line numbers: the
 * setup-node step is on line 11, its first `with` line on 13; the first of `steps` follows it
 * (line 11 without setup-node). `jobExtra` lines go before `permissions:`.
 */
export function setupNodeWorkflow(setup: string, steps: string, jobExtra = ''): string {
  const setupStep = setup === '' ? '' : `      - uses: actions/setup-node@v5\n        with:\n${setup}`;
  return `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
${jobExtra}    permissions:
      id-token: write
    steps:
${setupStep}${steps}`;
}

/** GITHUB_PKG, the default publisher config and `wf` as `.github/workflows/release.yml`, then `extra`. */
export function releaseRepo(wf: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'package.json': GITHUB_PKG, 'tp-doctor.yml': publisherConfig({}), '.github/workflows/release.yml': wf, ...extra };
}

/** A declared CircleCI publisher (valid UUIDs) for `github.com/acme/widget`; `extra` lines follow it. */
export function circlePublisherConfig(extra = ''): string {
  return [
    'publishers:',
    '  - provider: circleci',
    '    organizationId: 2b1a7c3e-4d5f-4a6b-8c9d-0e1f2a3b4c5d',
    '    projectId: 7f6e5d4c-3b2a-4190-8e7f-6a5b4c3d2e1f',
    '    pipelineDefinitionId: 0a1b2c3d-4e5f-4a7b-9c8d-7e6f5a4b3c2d',
    '    vcsOrigin: github.com/acme/widget',
    ...(extra ? [extra] : []),
    '',
  ].join('\n');
}

/**
 * A CircleCI job `publish` on `image` whose steps (YAML list items, indented six spaces, one per
 * string) follow `- checkout` (line 7); the first of `steps` is on line 8. Workflow `release` runs it.
 */
export function circleConfig(steps: string[], image = 'cimg/node:24.15', jobExtra: string[] = []): string {
  return [
    'version: 2.1',
    'jobs:',
    '  publish:',
    '    docker:',
    `      - image: ${image}`,
    '    steps:',
    '      - checkout',
    ...steps.map((s) => `      ${s}`),
    ...jobExtra.map((l) => `    ${l}`),
    'workflows:',
    '  release:',
    '    jobs:',
    '      - publish',
    '',
  ].join('\n');
}

/**
 * A CircleCI job `job` (cimg/node:24.11.0, `NPM_TOKEN` in its environment) with one `run` step
 * named `name` running `command` after `- checkout`; workflow `main` runs it. For the tests of
 * guesses from words, where the job's and step's names matter.
 */
export function circleNamedRun(job: string, name: string, command: string): string {
  return [
    'version: 2.1',
    'jobs:',
    `  ${job}:`,
    '    docker: [{ image: cimg/node:24.11.0 }]',
    '    environment:',
    '      NPM_TOKEN: x',
    '    steps:',
    '      - checkout',
    '      - run:',
    `          name: ${name}`,
    `          command: ${command}`,
    'workflows:',
    '  main:',
    '    jobs:',
    `      - ${job}`,
    '',
  ].join('\n');
}

/** GITHUB_PKG and `config` as `.circleci/config.yml` (the CircleCI publisher is inferred unless `tpDoctor` is given), then `extra`. */
export function circleRepo(config: string, tpDoctor?: string, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { 'package.json': GITHUB_PKG, '.circleci/config.yml': config, ...extra };
  if (tpDoctor !== undefined) files['tp-doctor.yml'] = tpDoctor;
  return files;
}

/** A release job whose whole command is a pipeline parameter (line 11), its default an `echo`; the workflow gives it an npm context. */
export const CIRCLE_TRIGGER_COMMAND = [
  'version: 2.1',
  'parameters:',
  '  release_command:',
  '    type: string',
  '    default: "echo no release command was specified"',
  'jobs:',
  '  ExecuteRelease:',
  '    docker: [{ image: cimg/node:22.12 }]',
  '    steps:',
  '      - checkout',
  '      - run: << pipeline.parameters.release_command >>',
  'workflows:',
  '  main:',
  '    jobs:',
  '      - ExecuteRelease:',
  '          context: [npm-release]',
  '',
].join('\n');

/**
 * A pnpm release workflow whose last step (`lastStep`, the text after `- `, indented for a step's
 * keys) publishes through a committed script, so which workspace packages it sends is a guess
 * (survey921a M2, secustor/renovate-config-debugger #220). The last step starts on line 16.
 */
export function scriptPublishWorkflow(lastStep: string): string {
  return `name: release
on:
  workflow_dispatch:
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: pnpm/action-setup@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: pnpm install --frozen-lockfile
      - ${lastStep}
`;
}
