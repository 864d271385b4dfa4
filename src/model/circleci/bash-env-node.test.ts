import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import type { Location } from '../../yaml/span.js';
import { bashEnvNode } from './bash-env-node.js';
import { loadCircleConfig } from './config.js';
import { CircleJobFacts } from './job-facts.js';
import type { CircleJob } from './types.js';

const FILE = '.circleci/config.yml';

/** A machine job whose steps are `runs` (each a `run:` block of lines), then `npm publish`. */
function jobOf(runs: string[][], executor = 'machine: { image: "ubuntu-2404:current" }'): CircleJob {
  const steps = [...runs, ['npm publish']].map((lines) => `      - run: |\n${lines.map((l) => `          ${l}\n`).join('')}`).join('');
  const yaml = `version: 2.1\njobs:\n  j:\n    ${executor}\n    steps:\n${steps}`;
  const { config } = loadCircleConfig(new MemoryFs({ [FILE]: yaml }));
  return config!.jobs.find((x) => x.name === 'j')!;
}

/** The Node the last step starts with, from `$BASH_ENV`: its version and the origin, or undefined. */
function nodeOf(runs: string[][], executor?: string): string | undefined {
  const job = jobOf(runs, executor);
  const res = bashEnvNode(job, job.steps.at(-1)!, new CircleJobFacts().jobNode(job), undefined);
  if (res === undefined) return undefined;
  const at = res.origins.at(-1)!.at as Location;
  return `${res.version} ${res.origins.at(-1)!.label} ${at.start.line}:${at.start.column}`;
}

describe('bashEnvNode: a version manager written to $BASH_ENV by an earlier step', () => {
  it('`nvm use <version>` after `nvm install` in the writing step (survey927a): that Node, located at the line that writes it', () => {
    expect(nodeOf([['nvm install 24.15.0', "echo 'nvm use 24.15.0' >> $BASH_ENV"]])).toBe('24.15.0 `nvm use 24.15.0` 8:11');
    expect(nodeOf([['nvm install 20.19.0', 'echo "nvm use 20.19.0" | tee -a "$BASH_ENV"']])).toBe('20.19.0 `nvm use 20.19.0` 8:11');
  });

  it('a variable the writing step sets to a literal, expanded as it is written', () => {
    expect(nodeOf([['NODE_VERSION=20.19.0', 'nvm install $NODE_VERSION', 'echo "nvm use $NODE_VERSION" >> "$BASH_ENV"']])).toBe('20.19.0 `nvm use 20.19.0` 9:11');
    // Not expanded (single quotes), or set outside the step: not read.
    expect(nodeOf([['NODE_VERSION=20.19.0', 'nvm install $NODE_VERSION', `echo 'nvm use $NODE_VERSION' >> "$BASH_ENV"`]])).toBeUndefined();
    expect(nodeOf([['nvm install 24', 'echo "nvm use $NODE_VERSION" >> "$BASH_ENV"']])).toBeUndefined();
  });

  it('nvm loaded in the text written first (`source ~/.nvm/nvm.sh`), a heredoc too, with `nvm install`', () => {
    const docker = 'docker: [{ image: "cimg/base:current" }]';
    expect(nodeOf([["echo 'source ~/.nvm/nvm.sh' >> $BASH_ENV", "echo 'nvm install 24.15.0' >> $BASH_ENV"]], docker)).toBe('24.15.0 `nvm install 24.15.0` 8:11');
    // snyk/snyk-go-plugin's `install_node_npm_and_nvm` lines, its parameter written out.
    const snyk = ['echo \'export NVM_DIR="$HOME/.nvm"\' >> $BASH_ENV', 'echo \'[ -s "$NVM_DIR/nvm.sh" ] && \\. "$NVM_DIR/nvm.sh"\' >> $BASH_ENV', "echo 'nvm use 20.19.0' >> $BASH_ENV"];
    expect(nodeOf([['nvm install 20.19.0', ...snyk]], docker)).toBe('20.19.0 `nvm use 20.19.0` 10:11');
    // Without an `nvm install 20.19.0` before it: `nvm use` may fail, and the Node stays the one before.
    expect(nodeOf([snyk], docker)).toBeUndefined();
    expect(nodeOf([["cat <<'EOF' >> $BASH_ENV", 'export NVM_DIR="$HOME/.nvm"', '. "$NVM_DIR/nvm.sh"', 'nvm install 22.22.2', 'nvm use 22.22.2', 'EOF']], docker)).toBe('22.22.2 `nvm use 22.22.2` 11:11');
  });

  it('control: nvm that the later shells may not have (not loaded there, no earlier step ran it unguarded): undefined', () => {
    const docker = 'docker: [{ image: "cimg/node:22.14" }]';
    expect(nodeOf([["echo 'nvm use 24.15.0' >> $BASH_ENV"]], docker)).toBeUndefined();
    expect(nodeOf([['nvm install 24.15.0 || true', "echo 'nvm use 24.15.0' >> $BASH_ENV"]], docker)).toBeUndefined();
    expect(nodeOf([['source ~/.nvm/nvm.sh', 'nvm install 24.15.0', "echo 'nvm use 24.15.0' >> $BASH_ENV"]], docker)).toBeUndefined();
  });

  it('control: what it cannot read or which may not be the last word is undefined', () => {
    const cases = [
      // No version: .nvmrc where the step starts, which it cannot read here.
      ['nvm install 24.15.0', "echo 'nvm use' >> $BASH_ENV"],
      // Only the default: the next shell that loads nvm switches to it, not this one.
      ['nvm install 24.15.0', "echo 'source ~/.nvm/nvm.sh && nvm alias default 24.15.0' >> $BASH_ENV"],
      // In a branch; after it, text it cannot read or a Node directory.
      ['nvm install 24.15.0', "if [ -n \"$X\" ]; then echo 'nvm use 24.15.0' >> $BASH_ENV; fi"],
      ['nvm install 24.15.0', "echo 'nvm use 24.15.0' >> $BASH_ENV", 'cat /tmp/env >> $BASH_ENV'],
      ['nvm install 24.15.0', "echo 'nvm use 24.15.0' >> $BASH_ENV", "echo 'export PATH=/opt/node20/bin:$PATH' >> $BASH_ENV"],
      // A moving line.
      ['nvm install --lts', "echo 'nvm use --lts' >> $BASH_ENV"],
    ];
    for (const run of cases) expect([run, nodeOf([run])]).toEqual([run, undefined]);
  });

  it('review927: a writer under `when: on_fail` or `background: true` may not have run: undefined; `when: always` has', () => {
    const of = (keys: string): string | undefined => {
      const yaml = `version: 2.1\njobs:\n  j:\n    machine: { image: "ubuntu-2404:current" }\n    steps:\n      - run: nvm install 20.19.0\n      - run:\n          ${keys}\n          command: |\n            echo 'nvm use 20.19.0' >> $BASH_ENV\n      - run: npm publish\n`;
      const job = loadCircleConfig(new MemoryFs({ [FILE]: yaml })).config!.jobs.find((x) => x.name === 'j')!;
      return bashEnvNode(job, job.steps.at(-1)!, new CircleJobFacts().jobNode(job), undefined)?.version;
    };
    expect(of('when: always')).toBe('20.19.0');
    expect(of('when: on_fail')).toBeUndefined();
    expect(of('background: true')).toBeUndefined();
  });

  it('review927: `nvm use X` finds X only after an `nvm install X` that runs for sure (same spec), in the text written or an earlier step', () => {
    expect(nodeOf([['nvm install 24.15.0', "echo 'nvm use 20.19.0' >> $BASH_ENV"]])).toBeUndefined();
    expect(nodeOf([['nvm install 20', "echo 'nvm use 20.19.0' >> $BASH_ENV"]])).toBeUndefined();
    expect(nodeOf([['nvm install 20.19.0 || true', "echo 'nvm use 20.19.0' >> $BASH_ENV"]])).toBeUndefined();
    expect(nodeOf([['nvm install v20.19.0'], ['nvm --version', "echo 'nvm use 20.19.0' >> $BASH_ENV"]])).toBe('20.19.0 `nvm use 20.19.0` 10:11');
    expect(nodeOf([["echo 'source ~/.nvm/nvm.sh' >> $BASH_ENV", "echo 'nvm install 20.19.0' >> $BASH_ENV", "echo 'nvm use 20.19.0' >> $BASH_ENV"]])).toBe('20.19.0 `nvm use 20.19.0` 9:11');
  });

  it('review927: `echo` turns `\\n` into a line break only with `-e`; a `printf` directive is not read', () => {
    expect(nodeOf([['nvm install 20.19.0', "echo -e 'nvm use 24.15.0\\nnvm use 20.19.0' >> $BASH_ENV"]])).toBe('20.19.0 `nvm use 20.19.0` 8:11');
    expect(nodeOf([['nvm install 20.19.0', "echo 'nvm use 24.15.0\\nnvm use 20.19.0' >> $BASH_ENV"]])).toBeUndefined();
    expect(nodeOf([['nvm install 20.19.0', "printf 'nvm use 20.19.0\\n' >> $BASH_ENV"]])).toBe('20.19.0 `nvm use 20.19.0` 8:11');
    expect(nodeOf([['nvm install 20.19.0', "printf 'nvm use 20.19.0 %s\\n' --silent >> $BASH_ENV"]])).toBeUndefined();
  });

  it('review927: only a bash publishing step sources $BASH_ENV (its `shell:`, else the job\'s)', () => {
    const of = (stepShell: string, jobShell: string): string | undefined => {
      const yaml = `version: 2.1\njobs:\n  j:\n    machine: { image: "ubuntu-2404:current" }\n${jobShell ? `    shell: ${jobShell}\n` : ''}    steps:\n      - run: |\n          nvm install 20.19.0\n          echo 'nvm use 20.19.0' >> $BASH_ENV\n      - run:\n${stepShell ? `          shell: ${stepShell}\n` : ''}          command: npm publish\n`;
      const job = loadCircleConfig(new MemoryFs({ [FILE]: yaml })).config!.jobs.find((x) => x.name === 'j')!;
      return bashEnvNode(job, job.steps.at(-1)!, new CircleJobFacts().jobNode(job), undefined)?.version;
    };
    for (const bash of ['', '/bin/bash', 'bash -eo pipefail', '/usr/bin/env bash']) expect([bash, of(bash, '')]).toEqual([bash, '20.19.0']);
    expect(of('/bin/sh', '')).toBeUndefined();
    expect(of('', '/bin/sh -eo pipefail')).toBeUndefined();
    expect(of('/bin/bash', '/bin/sh -eo pipefail')).toBe('20.19.0');
    expect(of('/bin/sh', '/bin/bash')).toBeUndefined();
  });

  it('a later write wins; `>` replaces what was written before', () => {
    expect(nodeOf([['nvm install 24.15.0', "echo 'nvm use 20.19.0' >> $BASH_ENV"], ["echo 'nvm use 24.15.0' >> $BASH_ENV"]])).toBe('24.15.0 `nvm use 24.15.0` 10:11');
    expect(nodeOf([['nvm install 24.15.0', "echo 'nvm use 24.15.0' >> $BASH_ENV"], ["echo 'export A=1' > $BASH_ENV"]])).toBeUndefined();
  });
});
