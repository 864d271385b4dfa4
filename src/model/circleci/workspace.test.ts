/**
 * Token files an upstream CircleCI job writes and carries to a publishing job through the
 * workspace (workspace.ts), with controls: no persist, paths that leave the file out, a job that is
 * not downstream, a write after the persist, an attach after the publish.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { tokenWriteTargets } from '../npm/token-write-targets.js';
import { loadCircleConfig } from './config.js';
import type { CircleJob } from './types.js';
import { carriedTokenWrites } from './workspace.js';

const FILE = '.circleci/config.yml';
const TOKEN = 'echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/repo/.npmrc';

interface Shape {
  /** The install job's steps (after `checkout`). */
  install?: string[];
  /** The release job's steps before `npm publish`. */
  release?: string[];
  /** `working_directory` of both jobs. */
  wd?: string;
  image?: string;
  /** The release job's steps after `npm publish`. */
  after?: string[];
  /** The workflow's jobs. */
  workflow?: string[];
}

function config(shape: Shape): string {
  const wd = shape.wd ?? '~/repo';
  const head = (name: string): string[] => [`  ${name}:`, '    docker:', `      - image: ${shape.image ?? 'cimg/node:22.11.0'}`, `    working_directory: ${wd}`, '    steps:'];
  return [
    'version: 2.1',
    'jobs:',
    ...head('install'),
    '      - checkout',
    ...(shape.install ?? [`- run: ${TOKEN}`, '- persist_to_workspace: { root: ., paths: ["*"] }']).map((l) => `      ${l}`),
    ...head('release'),
    ...(shape.release ?? ['- attach_workspace: { at: . }']).map((l) => `      ${l}`),
    '      - run: npm publish',
    ...(shape.after ?? []).map((l) => `      ${l}`),
    'workflows:',
    '  main:',
    '    jobs:',
    ...(shape.workflow ?? ['- install', '- test: { requires: [install] }', '- release: { requires: [test] }']).map((l) => `      ${l}`),
    '  ',
  ].join('\n').replace('  release:', '  test:\n    docker:\n      - image: cimg/node:22.11.0\n    steps:\n      - run: npm test\n  release:');
}

function carried(shape: Shape, publishDirs: readonly (string | undefined)[] = ['']): { certainty: string; file?: string; reason?: string; line: number }[] {
  const { config: c } = loadCircleConfig(new MemoryFs({ [FILE]: config(shape) }));
  const release = c!.workflows[0]!.jobs.find((j) => j.name === 'release')!.instances[0] as CircleJob;
  const publish = release.steps.find((s) => s.run?.publishes.length)!;
  return carriedTokenWrites(c!, release, publish.index, publishDirs).map((w) => ({ certainty: w.certainty, ...(w.file ? { file: w.file } : {}), ...(w.reason ? { reason: w.reason } : {}), line: w.location.start.line }));
}

describe('carriedTokenWrites', () => {
  it('a token written into the checkout .npmrc, persisted with `*` and attached at `.` (GetJobber/atlantis)', () => {
    expect(carried({})).toEqual([{ certainty: 'certain', file: '~/repo/.npmrc', line: 9 }]);
  });
  it('control: the same without persist_to_workspace', () => {
    expect(carried({ install: [`- run: ${TOKEN}`] })).toEqual([]);
  });
  it('control: paths that leave .npmrc out', () => {
    expect(carried({ install: [`- run: ${TOKEN}`, '- persist_to_workspace: { root: ., paths: [dist, "packages/*/lib"] }'] })).toEqual([]);
  });
  it('control: a job that is not downstream of the writer', () => {
    expect(carried({ workflow: ['- install', '- test: { requires: [install] }', '- release'] })).toEqual([]);
    expect(carried({ workflow: ['- install', '- release: { requires: [test] }', '- test'] })).toEqual([]);
  });
  it('control: the token written after the persist, and an attach after the publish', () => {
    expect(carried({ install: ['- persist_to_workspace: { root: ., paths: ["*"] }', `- run: ${TOKEN}`] })).toEqual([]);
    expect(carried({ release: [], after: ['- attach_workspace: { at: . }'] })).toEqual([]);
  });
  it('paths: `.`, a literal `.npmrc`, a directory above it, `./.npmrc`, a `?` and a class', () => {
    for (const paths of ['.', '.npmrc', './.npmrc', '".n?mrc"', '"[.]npmrc"', '"*rc"']) {
      expect(carried({ install: [`- run: ${TOKEN}`, `- persist_to_workspace: { root: ., paths: [${paths}] }`] }).map((c) => c.certainty)).toEqual(['certain']);
    }
    // The home directory persisted as `repo`: the directory brings the file below it.
    const home = carried({ install: [`- run: ${TOKEN}`, '- persist_to_workspace: { root: ~/, paths: [repo] }'], release: ['- attach_workspace: { at: ~/ }'] });
    expect(home.map((c) => c.certainty)).toEqual(['certain']);
  });
  it('the home .npmrc (npm config set) persisted from the home and attached there', () => {
    const install = ['- run: npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN', '- persist_to_workspace: { root: ~/, paths: [.npmrc] }'];
    expect(carried({ install, release: ['- attach_workspace: { at: ~/ }'] })).toEqual([{ certainty: 'certain', file: '~/.npmrc', line: 9 }]);
    // Control: the checkout persisted, not the home.
    expect(carried({ install: [install[0]!, '- persist_to_workspace: { root: ., paths: ["*"] }'] })).toEqual([]);
    // /home/circleci is the home on a cimg image.
    expect(carried({ install, release: ['- attach_workspace: { at: /home/circleci }'] }).map((c) => c.certainty)).toEqual(['certain']);
  });
  it('a file that lands where the publish does not read it is no token', () => {
    expect(carried({ release: ['- attach_workspace: { at: /tmp/ws }'] })).toEqual([]);
    expect(carried({ release: ['- attach_workspace: { at: packages/other }'] })).toEqual([]);
  });
  it('an .npmrc below the root counts for a publish at or below its directory', () => {
    const sub = { release: ['- attach_workspace: { at: packages/a }'] };
    expect(carried(sub, ['packages/a']).map((c) => c.certainty)).toEqual(['certain']);
    expect(carried(sub, ['packages/a/lib']).map((c) => c.certainty)).toEqual(['certain']);
    expect(carried(sub, ['packages/b'])).toEqual([]);
    expect(carried(sub, [undefined]).map((c) => c.reason)).toEqual(['tp-doctor cannot tell the directory the publish runs in']);
  });
  it('a glob class JavaScript cannot read is not decided', () => {
    const install = [`- run: ${TOKEN}`, '- persist_to_workspace: { root: ., paths: ["[z-a]npmrc"] }'];
    expect(carried({ install }).map((c) => c.certainty)).toEqual(['possible']);
  });
  it('a relative write from the working directory, and a `cd` it follows', () => {
    const rel = (cmd: string): string[] => [`- run: ${cmd}`, '- persist_to_workspace: { root: ., paths: [.npmrc] }'];
    expect(carried({ install: rel('echo "//registry.npmjs.org/:_authToken=$T" >> .npmrc') }).map((c) => c.file)).toEqual(['~/repo/.npmrc']);
    expect(carried({ install: rel('cd dist && echo "//registry.npmjs.org/:_authToken=$T" >> .npmrc') })).toEqual([]);
    expect(carried({ install: rel('cd "$DIR" && echo "//registry.npmjs.org/:_authToken=$T" >> .npmrc') }).map((c) => c.certainty)).toEqual(['possible']);
  });
  it('what cannot be decided is a possible token, with the reason', () => {
    const unknownFile = carried({ install: ['- run: echo "//registry.npmjs.org/:_authToken=$T" > "$NPM_CONFIG_USERCONFIG"', '- persist_to_workspace: { root: ., paths: [dist] }'] });
    expect(unknownFile).toEqual([{ certainty: 'possible', reason: 'it writes to `"$NPM_CONFIG_USERCONFIG"`, a path tp-doctor cannot read', line: 9 }]);
    const glob = carried({ install: [`- run: ${TOKEN}`, '- persist_to_workspace: { root: ., paths: ["**/*"] }'] });
    expect(glob.map((c) => c.reason)).toEqual(['tp-doctor cannot tell whether `paths: **/*` includes it']);
    const root = carried({ install: [`- run: ${TOKEN}`, '- persist_to_workspace: { root: $CIRCLE_WORKING_DIRECTORY, paths: ["*"] }'] });
    expect(root.map((c) => c.certainty)).toEqual(['possible']);
    const when = carried({ install: [`- run: ${TOKEN}`, '- when: { condition: << pipeline.git.tag >>, steps: [{ persist_to_workspace: { root: ., paths: ["*"] } }] }'] });
    expect(when.map((c) => c.reason)).toEqual(['a step on the way runs only under a `when:` condition']);
  });
  it('requires through an approval and with statuses', () => {
    expect(carried({ workflow: ['- install', '- hold: { type: approval, requires: [install] }', '- release: { requires: [hold] }'] }).length).toBe(1);
    expect(carried({ workflow: ['- install', '- release: { requires: [{ install: [success, failed] }] }'] }).length).toBe(1);
  });
});

describe('tokenWriteTargets', () => {
  it.each([
    ['echo "//registry.npmjs.org/:_authToken=$T" > ~/.npmrc', '~/.npmrc'],
    ['echo "//registry.npmjs.org/:_authToken=$T" >> "$HOME/.npmrc"', '$HOME/.npmrc'],
    ['printf "//registry.npmjs.org/:_authToken=%s\\n" "$T" | tee -a .npmrc', '.npmrc'],
    ['cat <<EOF > ~/.npmrc\n//registry.npmjs.org/:_authToken=${T}\nEOF', '~/.npmrc'],
    ['npm config set //registry.npmjs.org/:_authToken $T', '~/.npmrc'],
    ['npm config set --location project //registry.npmjs.org/:_authToken $T', '.npmrc'],
    ['npm config set --userconfig=/tmp/rc //registry.npmjs.org/:_authToken $T', '/tmp/rc'],
    ['yarn config set npmAuthToken $T', '.yarnrc.yml'],
    ['yarn config set -H npmAuthToken $T', '~/.yarnrc.yml'],
    ['npm config set -g //registry.npmjs.org/:_authToken $T', undefined],
    ['echo "//registry.npmjs.org/:_authToken=$T" > "~/.npmrc"', undefined],
  ])('%s', (script, path) => {
    const [target] = tokenWriteTargets(script);
    expect(target?.path).toBe(path);
    if (path === undefined) expect(target?.unknown).toBeTruthy();
  });
});
