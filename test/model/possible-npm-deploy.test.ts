/**
 * A command one of whose own words names a deploy to npm (`pkg-npm-deploy`, `deploy-npm`,
 * `npm-deploy`) is a possible publish on every provider (src/model/npm/possible-publish.ts
 * `namesNpmDeploy`): sass/dart-sass ships the `sass` npm package with `dart run grinder
 * pkg-npm-deploy` (cli_pkg's task that runs `npm publish`) in a job "Deploy npm" with
 * `id-token: write`. "deploy" alone stays no publish word outside CircleCI's orbs: `npm run deploy`
 * (the runner word `npm` names no destination) and a step "Deploy docs" are nothing.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { circleNamedRun } from '../repos.js';

const PKG = JSON.stringify({ name: 'widget-dev', private: true, scripts: { deploy: 'node scripts/deploy.js', 'deploy:npm': 'node scripts/ship.js' } });

/** `certainty label` of the sites. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ 'package.json': PKG, ...files })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

function github(job: string, step: string, run: string): Record<string, string> {
  const workflow = [
    'on: push',
    'jobs:',
    '  deploy:',
    `    name: ${job}`,
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/checkout@v6',
    `      - name: ${step}`,
    `        run: ${run}`,
    '',
  ].join('\n');
  return { '.github/workflows/release.yml': workflow };
}

function gitlab(job: string, _step: string, run: string): Record<string, string> {
  return { '.gitlab-ci.yml': `${JSON.stringify(job)}:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n    - ${run}\n` };
}

function circleci(job: string, step: string, run: string): Record<string, string> {
  return { '.circleci/config.yml': circleNamedRun(job.toLowerCase().replace(/\W+/g, '-'), step, run) };
}

const cases: [what: string, job: string, step: string, run: string, want: string[]][] = [
  ['dart-sass: cli_pkg\'s `pkg-npm-deploy`', 'Deploy npm', 'Deploy', 'dart run grinder pkg-npm-deploy', ['possible "dart run grinder pkg-npm-deploy"']],
  ['a script file named for it', 'Ship', 'Ship it', './scripts/deploy-npm.sh', ['possible "./scripts/deploy-npm.sh"']],
  ['a package script named for it', 'Ship', 'Ship it', 'npm run deploy:npm', ['possible "npm run deploy:npm"']],
  ['a node script in camel case', 'Ship', 'Ship it', 'node scripts/npmDeploy.js', ['possible "node scripts/npmDeploy.js"']],
  ['control: `npm run deploy` (gh-pages style) in a job named "Deploy npm"', 'Deploy npm', 'Deploy', 'npm run deploy', []],
  ['control: "Deploy docs"', 'Deploy docs', 'Deploy docs', 'npm run deploy', []],
  ['control: a deploy script the job\'s name alone ties to npm', 'Deploy npm', 'Deploy', './deploy.sh', []],
  ['control: cli_pkg\'s pub deploy (another ecosystem)', 'Deploy pub', 'Deploy', 'dart run grinder pkg-pub-deploy', []],
  ['control: `pnpm deploy` copies a package, publishes nothing', 'Deploy npm', 'Deploy', 'pnpm deploy --filter app out', []],
  // dequelabs/axe-core: checks the package that was deployed.
  ['control: a script that validates an npm deploy', 'Validate deploy', 'Validate', './.github/bin/validate-npm-deploy.sh', []],
];

describe('a command that names a deploy to npm is a possible publish', () => {
  it.each(cases)('GitHub: %s', (_what, job, step, run, want) => {
    expect(sites(github(job, step, run))).toEqual(want);
  });
  it.each(cases)('GitLab: %s', (_what, job, step, run, want) => {
    expect(sites(gitlab(job, step, run))).toEqual(want);
  });
  it.each(cases)('CircleCI: %s', (_what, job, step, run, want) => {
    expect(sites(circleci(job, step, run))).toEqual(want);
  });
});
