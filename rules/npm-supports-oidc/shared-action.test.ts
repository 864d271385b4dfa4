/**
 * A local composite action that publishes, called by several jobs (elastic/ecs-logging-nodejs,
 * survey 300b F1): the finding at the action's publish line is computed and capped per calling
 * job, and each report names the callers it is about.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintFiles } from '../../test/helpers.js';

const ACTION = '.github/actions/npm-publish/action.yml';
const RELEASE = '.github/workflows/release.yml';
const HELPERS = '.github/workflows/release-ecs-helpers.yml';

/** The action of elastic/ecs-logging-nodejs: Node 18 (npm 10), `npm publish` on line 21 with the caller's token. */
const action = [
  'name: npm/publish',
  'inputs:',
  '  package:',
  '    required: true',
  '  npm-token:',
  '    required: true',
  'runs:',
  '  using: composite',
  '  steps:',
  '    - uses: actions/setup-node@v5',
  '      with:',
  "        node-version: 'v18.20.2'",
  "        registry-url: 'https://registry.npmjs.org'",
  '    - run: npm ci --ignore-scripts',
  '      shell: bash',
  '    - name: npm publish',
  '      working-directory: ./packages/${{ inputs.package }}',
  '      shell: bash',
  '      env:',
  '        NODE_AUTH_TOKEN: ${{ inputs.npm-token }}',
  '      run: npm publish',
  '',
].join('\n');

/** A release workflow whose job `job` calls the action with `token` as its `npm-token`. */
const caller = (job: string, token: string): string =>
  [
    'on:',
    '  push:',
    '    tags: [v*]',
    'permissions:',
    '  contents: read',
    '  id-token: write',
    'jobs:',
    `  ${job}:`,
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: ./.github/actions/npm-publish',
    '        with:',
    '          package: widget',
    `          npm-token: ${token}`,
    '',
  ].join('\n');

const files = (callers: Record<string, string>): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', private: true }),
  'packages/widget/package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }),
  [ACTION]: action,
  ...callers,
});

const SECRET = '${{ secrets.NPM_TOKEN }}';
const LITERAL = "'ecs-helpers'";

async function findings(callers: Record<string, string>): Promise<Diagnostic[]> {
  const found = await lintFiles(files(callers), { rule: 'npm-supports-oidc' });
  return found.filter((d) => d.file === ACTION);
}

const callerLabels = (d: Diagnostic): string[] => d.related.filter((r) => r.label.startsWith('calling job')).map((r) => `${r.file}:${r.start.line} ${r.label}`);

describe('npm-supports-oidc at a local composite action several jobs call', () => {
  it('one caller with a secret token, one without: an error naming the tokenless caller, a warning naming the token caller', async () => {
    const found = await findings({ [RELEASE]: caller('release', SECRET), [HELPERS]: caller('publish', LITERAL) });
    expect(found.map((d) => `${d.messageId}@${d.line}:${d.severity}`)).toEqual(['bundledTooOld@21:error', 'bundledTooOld@21:warning']);
    const [error, warning] = found as [Diagnostic, Diagnostic];
    expect(error.message).toMatch(/ \(in job "publish" of \.github\/workflows\/release-ecs-helpers\.yml\)$/);
    expect(error.message).not.toContain('release.yml');
    expect(callerLabels(error)).toEqual([`${HELPERS}:12 calling job "publish" of ${HELPERS}`]);
    expect(error.why).not.toContain('long-lived npm token');
    expect(warning.message).toMatch(/ \(in job "release" of \.github\/workflows\/release\.yml\)$/);
    expect(callerLabels(warning)).toEqual([`${RELEASE}:12 calling job "release" of ${RELEASE}`]);
    expect(warning.why).toContain('secrets.NPM_TOKEN');
  });

  it('control, one caller: the finding as before, no caller named', async () => {
    for (const [token, severity] of [[SECRET, 'warning'], [LITERAL, 'error']] as const) {
      const found = await findings({ [RELEASE]: caller('release', token) });
      expect(found.map((d) => `${d.messageId}@${d.line}:${d.severity}`)).toEqual([`bundledTooOld@21:${severity}`]);
      expect(found[0]!.message).not.toContain('(in job');
      expect(callerLabels(found[0]!)).toEqual([]);
    }
  });

  it('control, both callers tokenless: one error, its callers named as related locations', async () => {
    const found = await findings({ [RELEASE]: caller('release', LITERAL), [HELPERS]: caller('publish', LITERAL) });
    expect(found.map((d) => `${d.messageId}@${d.line}:${d.severity}`)).toEqual(['bundledTooOld@21:error']);
    // The error holds for every caller: the message stays as it is, the callers are its related locations.
    expect(found[0]!.message).not.toContain('(in job');
    expect(callerLabels(found[0]!).sort()).toEqual([`${HELPERS}:12 calling job "publish" of ${HELPERS}`, `${RELEASE}:12 calling job "release" of ${RELEASE}`]);
  });

  it('control, both callers with a token: one warning, both callers named', async () => {
    const found = await findings({ [RELEASE]: caller('release', SECRET), [HELPERS]: caller('publish', SECRET) });
    expect(found.map((d) => `${d.messageId}@${d.line}:${d.severity}`)).toEqual(['bundledTooOld@21:warning']);
    expect(callerLabels(found[0]!)).toHaveLength(2);
  });

  it('a second caller on a Node whose npm has trusted publishing: the finding names the one caller it holds for', async () => {
    // The action's Node is its input `node-version` (default v18.20.2); the second caller passes 24.
    const byInput = action.replace("  package:\n", "  node-version:\n    default: 'v18.20.2'\n  package:\n").replace("node-version: 'v18.20.2'", 'node-version: ${{ inputs.node-version }}');
    const on24 = caller('publish', LITERAL).replace('          package: widget\n', "          package: widget\n          node-version: '24.11.0'\n");
    const found = (await lintFiles({ ...files({ [RELEASE]: caller('release', LITERAL), [HELPERS]: on24 }), [ACTION]: byInput }, { rule: 'npm-supports-oidc' })).filter((d) => d.file === ACTION);
    expect(found.map((d) => `${d.messageId}@${d.line}:${d.severity}`)).toEqual(['bundledTooOld@23:error']);
    expect(found[0]!.message).toMatch(/ \(in job "release" of \.github\/workflows\/release\.yml\)$/);
    expect(callerLabels(found[0]!)).toEqual([`${RELEASE}:12 calling job "release" of ${RELEASE}`]);
  });
});
