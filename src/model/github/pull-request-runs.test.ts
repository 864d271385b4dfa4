/**
 * A publish command of a tool that never publishes in a run for a pull request (semantic-release,
 * docs/domain.md A.36) is no publish site when every run that reaches its step is for a pull
 * request (./pull-request-runs.ts): every rule, the inference and `init` read the sites.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/o/widget.git' } });

/** A workflow on `on` whose job `release` (with `jobIf`) runs `command` after a checkout (`checkout`: its extra lines). */
function workflow(on: string, command = 'npx semantic-release', jobIf?: string, checkout = ''): string {
  const ifLine = jobIf === undefined ? '' : `    if: ${jobIf}\n`;
  return `on: ${on}\njobs:\n  release:\n${ifLine}    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v5\n${checkout}      - run: ${command}\n`;
}

/** The commands of the publish sites of every job, `file job: command`. */
function sites(files: Record<string, string>): string[] {
  const project = loadProject(new MemoryFs({ 'package.json': PKG, ...files }));
  return project.workflows.flatMap((wf) => wf.jobs.flatMap((job) => project.facts.jobSites(job).map((s) => `${wf.fileName} ${job.id}: ${s.publish.match.label}`)));
}

const RELEASE = '.github/workflows/release.yml';

describe('publish sites of semantic-release in pull-request runs', () => {
  it.each([
    ['on: pull_request', 'pull_request'],
    ['pull_request and pull_request_target', '[pull_request, pull_request_target]'],
    ['pull_request_target with the default checkout (the base branch)', 'pull_request_target'],
  ])('%s: no site', (_name, on) => {
    expect(sites({ [RELEASE]: workflow(on) })).toEqual([]);
  });

  it('a push the job `if:` certainly keeps out: no site', () => {
    expect(sites({ [RELEASE]: workflow('[pull_request, push]', undefined, "github.event_name == 'pull_request'") })).toEqual([]);
  });

  it('a push whose only job it needs is kept to pull requests: no site', () => {
    const wf = workflow('[pull_request, push]').replace('    runs-on', '    needs: check\n    runs-on') + "  check:\n    if: github.event_name == 'pull_request'\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n";
    expect(sites({ [RELEASE]: wf })).toEqual([]);
  });

  it('a called workflow whose only caller runs on pull_request: no site', () => {
    const callee = workflow('workflow_call');
    const caller = 'on: pull_request\njobs:\n  call:\n    uses: ./.github/workflows/release.yml\n';
    expect(sites({ [RELEASE]: callee, '.github/workflows/pr.yml': caller })).toEqual([]);
  });

  it.each([
    ['pull_request and push', '[pull_request, push]'],
    ['pull_request and release', '[pull_request, release]'],
    ['pull_request and workflow_dispatch', '[pull_request, workflow_dispatch]'],
    ['a workflow another repository may call', '[pull_request, workflow_call]'],
    ['issue_comment (env-ci reads it as no pull request)', 'issue_comment'],
  ])('%s: the site stays', (_name, on) => {
    expect(sites({ [RELEASE]: workflow(on) })).toEqual(['release.yml release: semantic-release']);
  });

  it.each([
    ['--no-ci', 'npx semantic-release --no-ci'],
    ['a word only known at run time', 'npx semantic-release $ARGS'],
    ['an extended configuration', 'npx semantic-release --extends ./shared.js'],
  ])('pull_request with %s: the site stays', (_name, command) => {
    expect(sites({ [RELEASE]: workflow('pull_request', command) })).toEqual(['release.yml release: semantic-release']);
  });

  it.each([
    ['GITHUB_EVENT_NAME=push before the command (env-ci reads the event from it)', 'GITHUB_EVENT_NAME=push npx semantic-release'],
    ['env GITHUB_ACTIONS= (env-ci then reads no GitHub run)', 'env GITHUB_ACTIONS= npx semantic-release'],
    ['an export earlier in the run', 'export GITHUB_EVENT_NAME=push; npx semantic-release'],
  ])('pull_request with %s: the site stays', (_name, command) => {
    expect(sites({ [RELEASE]: workflow('pull_request', command) })).toEqual(['release.yml release: semantic-release']);
  });

  it.each([
    ['the step', (wf: string) => wf.replace('      - run: npx semantic-release\n', '      - run: npx semantic-release\n        env:\n          GITHUB_EVENT_NAME: push\n')],
    ['the job', (wf: string) => wf.replace('    runs-on:', '    env:\n      GITHUB_EVENT_NAME: push\n    runs-on:')],
    ['an earlier step through $GITHUB_ENV', (wf: string) => wf.replace('      - run: npx semantic-release\n', '      - run: echo "GITHUB_EVENT_NAME=push" >> "$GITHUB_ENV"\n      - run: npx semantic-release\n')],
  ])('pull_request with GITHUB_EVENT_NAME set by %s: the site stays', (_name, edit) => {
    expect(sites({ [RELEASE]: edit(workflow('pull_request')) })).toEqual(['release.yml release: semantic-release']);
  });

  it('control: another variable set on the command or the step keeps no site', () => {
    const wf = workflow('pull_request', 'DEBUG=1 npx semantic-release').replace('      - run: DEBUG=1 npx semantic-release\n', '      - run: DEBUG=1 npx semantic-release\n        env:\n          GITHUB_TOKEN: x\n');
    expect(sites({ [RELEASE]: wf })).toEqual([]);
  });

  it('pull_request with `ci: false` in the configuration: the site stays', () => {
    expect(sites({ [RELEASE]: workflow('pull_request'), '.releaserc.json': '{"ci": false}' })).toEqual(['release.yml release: semantic-release']);
  });

  it("pull_request_target with a checkout of the pull request's head (its configuration): the site stays", () => {
    const head = '        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n';
    expect(sites({ [RELEASE]: workflow('pull_request_target', undefined, undefined, head) })).toEqual(['release.yml release: semantic-release']);
  });

  it('a called workflow with a push caller beside the pull-request one: the site stays', () => {
    const callee = workflow('workflow_call');
    const call = (on: string): string => `on: ${on}\njobs:\n  call:\n    uses: ./.github/workflows/release.yml\n`;
    expect(sites({ [RELEASE]: callee, '.github/workflows/pr.yml': call('pull_request'), '.github/workflows/main.yml': call('push') })).toEqual(['release.yml release: semantic-release']);
  });

  it('npm publish on pull_request is a site; only the semantic-release site beside it goes', () => {
    const wf = workflow('pull_request').replace('      - run: npx semantic-release\n', '      - run: npx semantic-release\n      - run: npm publish\n');
    expect(sites({ [RELEASE]: wf })).toEqual(['release.yml release: npm publish']);
  });
});
