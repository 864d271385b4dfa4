/**
 * `uses: ./../dir`: a local action outside the repository (hoverkraft-tech/ci-github-nodejs copies
 * its actions beside the workspace first). Never read; an `info` at the `uses:` value only when a
 * job that publishes to npm runs it, nothing otherwise; a symbolic link out of the repository stays
 * `outsideRoot` (invalid-yaml.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../index.js';
import rule from './invalid-yaml.js';
import { lint } from '../../src/api.js';
import { DiskFs } from '../../src/fs/source.js';
import { ruleTester } from '../../test/rule-tester.js';

const RULE = 'invalid-yaml';
const W = '.github/workflows/';
const PKG = { 'package.json': '{"name":"pkg-x","version":"1.0.0"}\n' };

/** A workflow with one job: `steps` (indented list items), then `npm publish` when `publishes`. */
function workflow(steps: string, publishes: boolean): string {
  const head = 'on:\n  push:\n    tags: [v*]\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v5\n';
  return `${head}${steps}${publishes ? '      - run: npm publish\n' : '      - run: npm test\n'}`;
}

const ACTION = (uses: string): string => `name: setup\nruns:\n  using: composite\n  steps:\n    - uses: ${uses}\n    - run: echo ok\n      shell: bash\n`;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('invalid-yaml: local actions outside the repository', () => {
  ruleTester.run(RULE, {
    valid: [
      {
        name: 'a job that does not publish: nothing (the action cannot take part in a publish)',
        files: { ...PKG, [`${W}ci.yml`]: workflow('      - uses: ./../../outside/act\n', false) },
      },
      {
        name: 'a job that does not publish, through a local action whose step uses one: nothing',
        files: { ...PKG, [`${W}ci.yml`]: workflow('      - uses: ./actions/setup\n', false), 'actions/setup/action.yml': ACTION('./../self-actions/cache') },
      },
      {
        name: 'a publishing job whose local actions all stay inside the repository: nothing',
        files: { ...PKG, [`${W}release.yml`]: workflow('      - uses: ./actions/setup\n', true), 'actions/setup/action.yml': ACTION('./actions/cache'), 'actions/cache/action.yml': ACTION('actions/cache@v4') },
      },
    ],
    invalid: [
      {
        name: 'a publishing job: an info at the `uses:` value, never a file problem',
        files: { ...PKG, [`${W}release.yml`]: workflow('      - uses: ./../self-actions/setup\n', true) },
        errors: [
          {
            messageId: 'actionOutsideRepository',
            file: `${W}release.yml`,
            at: '11:15-11:38',
            severity: 'info',
            data: { uses: './../self-actions/setup', job: 'release', publishes: 'publishes' },
            message: 'Local action "./../self-actions/setup" is outside the repository checkout and was not read; job "release" publishes to npm, and what the action does there was not checked',
          },
        ],
      },
      {
        name: 'a publishing job, `$/../x` and `./a/../../x` forms: one info each',
        files: { ...PKG, [`${W}release.yml`]: workflow('      - uses: $/../x\n      - uses: ./a/../../y\n', true) },
        errors: [
          { messageId: 'actionOutsideRepository', at: '11:15-11:21', data: { uses: '$/../x' } },
          { messageId: 'actionOutsideRepository', at: '12:15-12:26', data: { uses: './a/../../y' } },
        ],
      },
      {
        name: 'a publishing job through a local action: the info is in the action file, at its `uses:`, naming the job; two such jobs: once',
        files: {
          ...PKG,
          [`${W}release.yml`]: workflow('      - uses: ./actions/setup\n', true),
          [`${W}canary.yml`]: workflow('      - uses: ./actions/setup\n', true),
          'actions/setup/action.yml': ACTION('./../self-actions/cache'),
        },
        errors: [
          {
            messageId: 'actionOutsideRepository',
            file: 'actions/setup/action.yml',
            at: '5:13-5:36',
            severity: 'info',
            data: { uses: './../self-actions/cache', job: 'release' },
            related: ['publishing job "release" in canary.yml'],
          },
        ],
      },
    ],
    notCovered: Object.fromEntries(Object.keys(rule.meta.messages).filter((id) => id !== 'actionOutsideRepository').map((id) => [id, 'file problems: invalid-yaml.test.ts'])),
  });

  it('the action outside is never read: its `npm publish` makes no job publish, so nothing at all is reported', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-action-outside-'));
    made.push(base);
    const repo = path.join(base, 'repo');
    mkdirSync(path.join(repo, W), { recursive: true });
    mkdirSync(path.join(base, 'act'));
    // Read, it would be a publish without `id-token: write`, in a job that otherwise publishes nothing.
    writeFileSync(path.join(base, 'act', 'action.yml'), 'runs:\n  using: composite\n  steps:\n    - run: npm publish --registry https://example.org/\n      shell: bash\n');
    writeFileSync(path.join(repo, 'package.json'), PKG['package.json']);
    writeFileSync(path.join(repo, W, 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v5\n      - uses: ./../act\n');
    // Control: the same action inside the repository is read and publishes.
    const inside = path.join(base, 'inside');
    mkdirSync(path.join(inside, W), { recursive: true });
    mkdirSync(path.join(inside, 'act'));
    writeFileSync(path.join(inside, 'act', 'action.yml'), 'runs:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n');
    writeFileSync(path.join(inside, 'package.json'), PKG['package.json']);
    writeFileSync(path.join(inside, W, 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v5\n      - uses: ./act\n');
    const out = await lint({ fs: new DiskFs(repo), rules });
    const control = await lint({ fs: new DiskFs(inside), rules });
    if (!out.ok || !control.ok) throw new Error('config error');
    expect(out.diagnostics.map((d) => `${d.ruleId} ${d.file}`)).toEqual([]);
    expect(out.project.documents.filter((d) => d.file.endsWith('action.yml'))).toEqual([]);
    expect(control.project.documents.map((d) => d.file)).toContain('act/action.yml');
    expect(out.project.facts.sites).toHaveLength(0);
    expect(control.project.facts.sites).toHaveLength(1);
  });
});
