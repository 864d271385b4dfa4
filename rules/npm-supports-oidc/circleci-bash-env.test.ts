/**
 * npm-supports-oidc on CircleCI when an earlier step writes a version manager command to
 * `$BASH_ENV` (survey927a): every later step's bash runs it as it starts, so the publish runs that
 * Node (src/model/circleci/bash-env-node.ts), as with the same command in the publishing step.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { circleConfig, circleRepo, lintFiles } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
/** `runs` (each a `run:` block of lines) from line 8, then the publish; `extra` files. */
const repo = (runs: string[][], extra: Record<string, string> = {}, image = 'cimg/base:current'): Record<string, string> =>
  circleRepo(circleConfig([...runs, ['npm publish']].map((lines) => `- run: |\n${lines.map((l) => `          ${l}\n`).join('')}`.trimEnd()), image), undefined, extra);
const lint = async (f: Record<string, string>): Promise<Diagnostic[]> => (await lintFiles(f, { rule: RULE })) as Diagnostic[];
const short = async (f: Record<string, string>): Promise<string[]> => (await lint(f)).map((d) => `${d.severity} ${d.messageId}`);
/** The error the same command in the publishing step gives, and its Node line. */
const TOO_OLD = '`npm publish` runs with npm 10.8.2, bundled with Node 20.19.0 (`nvm use 20.19.0`); trusted publishing needs npm 11.11.0 or later';

/** The warning of before when the Node written may not apply (`nvm use 20.19.0` of a Node no step installed). */
const UNINSTALLED = 'Cannot tell which npm runs `npm publish` in job "publish": the earlier step 2 writes `echo \'nvm use 20.19.0\' >> $BASH_ENV`, which every later step sources from $BASH_ENV and which may give it another Node';

describe(`${RULE}: a Node chosen through $BASH_ENV on CircleCI`, () => {
  it("`nvm install X` then `echo 'nvm use X' >> $BASH_ENV`: 24.15.0 is quiet, 20.19.0 the certain error of the same-step form", async () => {
    expect(await short(repo([['nvm install 24.15.0', "echo 'nvm use 24.15.0' >> $BASH_ENV"]]))).toEqual([]);
    const [d, ...rest] = await lint(repo([['nvm install 20.19.0', "echo 'nvm use 20.19.0' >> $BASH_ENV"]]));
    expect(rest).toEqual([]);
    expect([d?.severity, d?.message, d?.line]).toEqual(['error', TOO_OLD, 12]);
    expect(d?.related.map((r) => `${r.label} ${r.start.line}:${r.start.column}`)).toEqual(['Node version: `nvm use 20.19.0` 10:11']);
    // The same commands in the publishing step: the same error.
    const [same] = await lint(circleRepo(circleConfig(['- run: |\n          nvm install 20.19.0\n          nvm use 20.19.0\n          npm publish'], 'cimg/base:current')));
    expect([same?.severity, same?.message]).toEqual(['error', TOO_OLD]);
  });

  it('`echo "nvm use $NODE_VERSION"` with the variable set to a literal in the writing step', async () => {
    const write = (v: string): string[][] => [[`NODE_VERSION=${v}`, 'nvm install "$NODE_VERSION"', 'echo "nvm use $NODE_VERSION" >> "$BASH_ENV"']];
    expect(await short(repo(write('24.15.0')))).toEqual([]);
    const [d] = await lint(repo(write('20.19.0')));
    expect([d?.severity, d?.message]).toEqual(['error', TOO_OLD]);
  });

  it('`source ~/.nvm/nvm.sh` written first, then `nvm install X` written', async () => {
    const write = (v: string): string[][] => [["echo 'source ~/.nvm/nvm.sh' >> $BASH_ENV", `echo 'nvm install ${v}' >> $BASH_ENV`]];
    expect(await short(repo(write('24.15.0')))).toEqual([]);
    const [d] = await lint(repo(write('20.19.0')));
    expect([d?.severity, d?.message]).toEqual(['error', TOO_OLD.replace('`nvm use 20.19.0`', '`nvm install 20.19.0`')]);
  });

  it('`nvm use` without a version reads .nvmrc where the publishing step starts, as in its own shell', async () => {
    const write = [['nvm install', "echo 'nvm use' >> $BASH_ENV"]];
    expect(await short(repo(write, { '.nvmrc': '24.15.0\n' }))).toEqual([]);
    expect(await short(repo(write, { '.nvmrc': '20.19.0\n' }))).toEqual(['error bundledTooOld']);
    // No .nvmrc: unknown, the warning of before.
    expect(await short(repo(write))).toEqual(['warning unknownNpmCircleci']);
  });

  it('npm upgrades: after the same switch in the writing step, or in a later step, reach it; one before it does not', async () => {
    expect(await short(repo([['nvm install 20.19.0', 'npm install -g npm@11.11.0', "echo 'nvm use 20.19.0' >> $BASH_ENV"]]))).toEqual([]);
    expect(await short(repo([['nvm install 20.19.0', "echo 'nvm use 20.19.0' >> $BASH_ENV"], ['npm install -g npm@11.11.0']]))).toEqual([]);
    expect(await short(repo([['nvm install 20.19.0', "echo 'nvm use 20.19.0' >> $BASH_ENV"], ['npm install -g npm@11.11.0 && npm publish']]))).toEqual([]);
    expect(await short(repo([['npm install -g npm@11.11.0'], ['nvm install 20.19.0', "echo 'nvm use 20.19.0' >> $BASH_ENV"]]))).toEqual(['error bundledTooOld']);
  });

  it('control: what it cannot read keeps the warning, never an error', async () => {
    for (const runs of [
      [['nvm install 20.19.0', 'echo "nvm use $NODE_VERSION" >> $BASH_ENV']],
      // nvm may not be there in the later shells: the image's Node 24 may run.
      [["echo 'nvm use 20.19.0' >> $BASH_ENV"]],
      [['nvm install 20.19.0', "echo 'source ~/.nvm/nvm.sh && nvm alias default 20.19.0' >> $BASH_ENV"]],
      [['nvm install 20.19.0', "[ -n \"$CI\" ] && echo 'nvm use 20.19.0' >> $BASH_ENV"]],
    ]) {
      expect([runs, await short(repo(runs, {}, 'cimg/node:24.15'))]).toEqual([runs, ['warning unknownNpmCircleci']]);
    }
  });
  it('review927: a write that may not run, a publishing shell that is not bash, an `nvm use` of a Node never installed, `\\n` without `echo -e`, a `printf` directive: the warning, never the error', async () => {
    const publish = ['- run: |', '          npm publish'].join('\n');
    const cases: [string, string[], string[]?][] = [
      ['when on_fail', ['- run:', '          when: on_fail', '          command: |', '            nvm install 20.19.0', "            echo 'nvm use 20.19.0' >> $BASH_ENV", publish]],
      ['background', ['- run:', '          background: true', '          command: |', '            nvm install 20.19.0', "            echo 'nvm use 20.19.0' >> $BASH_ENV", publish]],
      ['step sh', ['- run: |', '          nvm install 20.19.0', "          echo 'nvm use 20.19.0' >> $BASH_ENV", '- run:', '          shell: /bin/sh', '          command: npm publish']],
      ['job sh', ['- run: |', '          nvm install 20.19.0', "          echo 'nvm use 20.19.0' >> $BASH_ENV", publish], ['shell: /bin/sh -eo pipefail']],
      ['not installed', ['- run: |', '          nvm install 24.15.0', "          echo 'nvm use 20.19.0' >> $BASH_ENV", publish]],
      ['echo no -e', ['- run: |', '          nvm install 20.19.0', "          echo 'nvm use 24.15.0\\nnvm use 20.19.0' >> $BASH_ENV", publish]],
      ['printf %s', ['- run: |', '          nvm install 20.19.0', "          printf 'nvm use 20.19.0 %s\\n' --silent >> $BASH_ENV", publish]],
    ];
    for (const [name, steps, job] of cases) {
      for (const image of ['cimg/base:current', 'cimg/node:24.15']) {
        expect([name, image, await short(circleRepo(circleConfig(steps, image, job ?? [])))]).toEqual([name, image, ['warning unknownNpmCircleci']]);
      }
    }
    const [d] = await lint(circleRepo(circleConfig(cases[4]![1], 'cimg/base:current')));
    expect(d?.message).toBe(UNINSTALLED);
    // `when: always` runs before the publish whenever it runs: the error stays.
    const always = ['- run:', '          when: always', '          command: |', '            nvm install 20.19.0', "            echo 'nvm use 20.19.0' >> $BASH_ENV", publish];
    expect(await short(circleRepo(circleConfig(always, 'cimg/base:current')))).toEqual(['error bundledTooOld']);
  });
});

/** Runs as separate steps (each its own `run:`), then the publish; Node 20.19 from the image (npm 10). */
const steps = (runs: string[]): Record<string, string> =>
  circleRepo(circleConfig([...runs, '- run: npm publish'], 'cimg/node:20.19'), undefined, {});
const NVM_24 = ["- run: echo 'source ~/.nvm/nvm.sh' >> $BASH_ENV", '- run: nvm install 24.15.0', "- run: echo 'nvm use 24.15.0' >> $BASH_ENV"];
const NPM_11_4 = '`npm publish` runs with npm 11.4.0, installed by "npm install -g npm@11.4.0"; trusted publishing needs npm 11.11.0 or later';

describe(`${RULE}: npm upgrades around a Node chosen through $BASH_ENV (review leftovers)`, () => {
  it('an upgrade without sudo in a later step upgrades that Node\'s npm: the certain error', async () => {
    const [d] = await lint(steps([...NVM_24, '- run: npm install -g npm@11.4.0']));
    expect([d?.severity, d?.message]).toEqual(['error', NPM_11_4]);
  });

  it("`sudo npm install -g npm@…` runs sudo's PATH, the system's npm, not nvm's: it does not reach the $BASH_ENV Node", async () => {
    expect(await short(steps([...NVM_24, '- run: sudo npm install -g npm@11.4.0']))).toEqual([]);
    // Without a $BASH_ENV Node it is the image's npm, upgraded: the certain error stays.
    const [d] = await lint(steps(['- run: sudo npm install -g npm@11.4.0']));
    expect([d?.severity, d?.message]).toEqual(['error', NPM_11_4.replace('by "npm', 'by "sudo npm')]);
  });

  it('on an image other than cimg/*, whether sudo keeps PATH is not known: the npm is unknown, a warning naming the sudo line', async () => {
    const other = (runs: string[]): Record<string, string> => circleRepo(circleConfig([...runs, '- run: npm publish'], 'myorg/custom-node:1'), undefined, {});
    const NVM_20 = NVM_24.map((s) => s.replace('24.15.0', '20.19.0'));
    const [d, ...rest] = await lint(other([...NVM_20, '- run: sudo npm install -g npm@11.11.0']));
    expect(rest).toEqual([]);
    expect([d?.severity, d?.messageId]).toEqual(['warning', 'unknownNpmCircleci']);
    expect(d?.message).toContain('`sudo npm install -g npm@11.11.0` runs under sudo');
    expect(d?.related.map((r) => `${r.label} ${r.start.line}`)).toContain('npm installed here: "sudo npm install -g npm@11.11.0" 11');
    // cimg/*: sudo's secure_path, the system's npm: the certain error stays, naming the sudo line, the fix without sudo.
    const [e, ...more] = await lint(circleRepo(circleConfig([...NVM_20, '- run: sudo npm install -g npm@11.11.0', '- run: npm publish'], 'cimg/base:current'), undefined, {}));
    expect(more).toEqual([]);
    expect([e?.severity, e?.messageId]).toEqual(['error', 'bundledTooOld']);
    expect(e?.related.map((r) => `${r.label} ${r.start.line}`)).toContain('not counted: "sudo npm install -g npm@11.11.0" runs with sudo\'s PATH and upgrades the system\'s npm, not the one of the Node nvm chose 11');
    expect(e?.fix).toContain('add `npm install -g npm@^11.11.0` without sudo (`sudo npm install -g npm@11.11.0` upgrades the system\'s npm, not that Node\'s)');
    expect(e?.fix).not.toContain('`sudo npm install -g npm@^');
  });

  it('a sudo upgrade after a $BASH_ENV line tp-doctor cannot resolve: which npm runs is unknown, a warning, never the error', async () => {
    const unresolved = ["- run: echo 'nvm use 24.15.0' >> $BASH_ENV", '- run: sudo npm install -g npm@11.4.0'];
    expect(await short(steps(unresolved))).toEqual(['warning unknownNpmCircleci']);
  });

  it('a `when: on_fail` upgrade never runs before an on_success publish: not counted', async () => {
    const onFail = '- run:\n          command: npm install -g npm@11.4.0\n          when: on_fail';
    expect(await short(steps([...NVM_24, onFail]))).toEqual([]);
    // The image's npm 10 decides without a $BASH_ENV Node: the error names it, not the on_fail upgrade.
    const [d] = await lint(steps([onFail]));
    expect(d?.message).toContain('npm 10.8.2, bundled with Node 20.19.0');
  });

  it("`nvm alias default X` written to $BASH_ENV: which Node later shells get depends on nvm.sh's load order, so unknown (a warning)", async () => {
    const alias = ["- run: echo 'source ~/.nvm/nvm.sh' >> $BASH_ENV", '- run: nvm install 24.15.0', "- run: echo 'nvm alias default 24.15.0' >> $BASH_ENV"];
    expect(await short(steps(alias))).toEqual(['warning unknownNpmCircleci']);
    expect(await short(steps(alias.map((s) => s.replace('24.15.0', '20.19.0'))))).toEqual(['warning unknownNpmCircleci']);
  });
});
