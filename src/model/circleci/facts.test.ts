import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { NODE_RELEASES } from '../data/node-releases.js';
import { loadCircleConfig } from './config.js';
import { circleJobContexts, describeCircleStep, npmTokenEnvironment } from './facts.js';
import { frozenNodeImage, parseKnownNodeImage } from '../npm/node-images.js';
import { CircleJobFacts } from './job-facts.js';
import { readAudience } from './run.js';
import type { CircleJob } from './types.js';

const FILE = '.circleci/config.yml';
const OIDC = `circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}'`;

/** The job `j` of a config whose job body (indented four spaces) is `body`. */
function jobOf(body: string[], head: string[] = []): CircleJob {
  const yaml = ['version: 2.1', ...head, 'jobs:', '  j:', ...body.map((l) => `    ${l}`), ''].join('\n');
  const { config, fileProblems } = loadCircleConfig(new MemoryFs({ [FILE]: yaml }));
  expect(fileProblems).toEqual([]);
  const job = config?.jobs.find((x) => x.name === 'j');
  if (!job) throw new Error('no job j');
  return job;
}

function newest(major: number): string {
  return NODE_RELEASES.filter((r) => r.version.startsWith(`${major}.`)).at(-1)!.version;
}

describe('describeCircleStep', () => {
  it("gives a step's position in the job, and the reusable command it comes from", () => {
    const job = jobOf(['docker:', '  - image: cimg/node:24.15', 'steps:', '  - checkout', '  - ship'], ['commands:', '  ship:', '    steps:', '      - run: echo a', '      - run: npx auto shipit']);
    expect(job.steps.map((s) => describeCircleStep(s))).toEqual(['step 1 (checkout)', 'step 2 (`echo a`), from command `ship`', 'step 3 (`npx auto shipit`), from command `ship`']);
  });
});

describe('parseKnownNodeImage', () => {
  it.each([
    ['cimg/node:24.15', '24.15'],
    ['cimg/node:24.15.0', '24.15.0'],
    ['cimg/node:22.14-browsers', '22.14'],
    ['cimg/node:lts', 'lts/*'],
    ['cimg/node:lts-browsers', 'lts/*'],
    ['cimg/node:current', 'latest'],
    ['cimg/node', 'latest'],
    ['circleci/node:14.17-browsers', '14.17'],
    // The legacy namespace was frozen on 2021-12-31: a moving tag is no release tp-doctor can name.
    ['circleci/node:latest', undefined],
    ['circleci/node:latest-browsers', undefined],
    ['circleci/node:lts', undefined],
    ['circleci/node:current', undefined],
    ['circleci/node', undefined],
    ['circleci/node:16.5.0-browsers', '16.5.0'],
    ['docker.io/cimg/node:20.19', '20.19'],
    ['node:24-alpine', '24'],
    ['node:lts', 'lts/*'],
    ['cimg/base:2024.01', undefined],
    ['cimg/python:3.12-node', undefined],
    ['mcr.microsoft.com/playwright:v1.50.0', undefined],
  ])('%s → %s', (image, spec) => {
    expect(parseKnownNodeImage(image)).toBe(spec);
  });
});

describe('frozenNodeImage: a moving tag of a legacy circleci/ image', () => {
  it('says the image is frozen and the Node unknown', () => {
    expect(frozenNodeImage('circleci/node:latest-browsers')).toBe(
      'the job runs in image "circleci/node:latest-browsers", one of CircleCI\'s legacy `circleci/` images, which have not changed since 2021-12-31: its `latest` tag holds a Node released by then, not today\'s newest, and tp-doctor cannot tell which',
    );
    expect(frozenNodeImage('circleci/node:lts')).toContain('its `lts` tag holds a Node released by then');
  });
  it.each(['circleci/node:14.17', 'cimg/node:lts', 'cimg/node:current', 'node:latest', 'circleci/python:latest'])('%s: not one', (image) => {
    expect(frozenNodeImage(image)).toBeUndefined();
  });
});

describe('CircleJobFacts.jobNode', () => {
  it('resolves a cimg/node minor to its newest patch and its bundled npm', () => {
    const node = new CircleJobFacts().jobNode(jobOf(['docker: [{ image: "cimg/node:24.15" }]', 'steps: [checkout]']));
    expect(node).toMatchObject({ spec: '24.15', version: '24.15.0', npm: { min: '11.12.1', max: '11.12.1' } });
    expect(node.origins[0]).toMatchObject({ label: 'image "cimg/node:24.15"', kind: 'container' });
  });

  it('cimg/node:lts is the newest LTS release', () => {
    expect(new CircleJobFacts().jobNode(jobOf(['docker: [{ image: cimg/node:lts }]', 'steps: [checkout]'])).version).toBe(newest(26));
  });

  it('a legacy circleci/node moving tag is unknown (frozen since 2021), never the newest release; a numbered one keeps its number', () => {
    const frozen = new CircleJobFacts().jobNode(jobOf(['docker: [{ image: circleci/node:latest-browsers }]', 'steps: [checkout]']));
    expect(frozen.version).toBeUndefined();
    expect(frozen.unknown).toMatch(/legacy `circleci\/` images, which have not changed since 2021-12-31/);
    expect(new CircleJobFacts().jobNode(jobOf(['docker: [{ image: circleci/node:lts }]', 'steps: [checkout]'])).unknown).toMatch(/its `lts` tag/);
    expect(new CircleJobFacts().jobNode(jobOf(['docker: [{ image: circleci/node:14.17-browsers }]', 'steps: [checkout]']))).toMatchObject({ spec: '14.17' });
  });

  it('names the parameter that gave the image its version', () => {
    const node = new CircleJobFacts().jobNode(jobOf(['parameters: { v: { type: string, default: "22.14" } }', 'docker: [{ image: "cimg/node:<< parameters.v >>" }]', 'steps: [checkout]']));
    expect(node.spec).toBe('22.14');
    expect(node.origins.map((o) => o.label)).toEqual(['image "cimg/node:<< parameters.v >>"', 'parameters.v = "22.14" (default)']);
  });

  it('is unknown on machine and macOS executors, for images that are not Node, and for unresolved parameters', () => {
    expect(new CircleJobFacts().jobNode(jobOf(['machine: { image: "ubuntu-2404:current" }', 'steps: [checkout]'])).unknown).toMatch(/machine image/);
    expect(new CircleJobFacts().jobNode(jobOf(['macos: { xcode: "16.0.0" }', 'steps: [checkout]'])).unknown).toMatch(/macOS image/);
    expect(new CircleJobFacts().jobNode(jobOf(['docker: [{ image: cimg/base:current }]', 'steps: [checkout]'])).unknown).toMatch(/not a Node image/);
    expect(new CircleJobFacts().jobNode(jobOf(['parameters: { v: { type: string } }', 'docker: [{ image: "cimg/node:<< parameters.v >>" }]', 'steps: [checkout]'])).unknown).toMatch(
      /`<< parameters.v >>`/,
    );
    expect(new CircleJobFacts().jobNode(jobOf(['executor: kit/default', 'steps: [checkout]'], ['orbs:', '  kit: acme/kit@5.2.0'])).unknown).toMatch(/orb executor "kit\/default"/);
  });

  it('a circleci/node orb install with a literal node-version decides for the later steps', () => {
    const job = jobOf(
      ['docker: [{ image: cimg/base:current }]', 'steps:', '  - node/install: { node-version: "24.15" }', '  - run: npm publish'],
      ['orbs:', '  node: circleci/node@5.2.0'],
    );
    expect(new CircleJobFacts().jobNode(job, job.steps[1]).version).toBe('24.15.0');
    expect(new CircleJobFacts().jobNode(job, job.steps[0]).unknown).toMatch(/not a Node image/);
  });
});

describe('npm at the publish', () => {
  it('is the bundled npm without upgrades', () => {
    const job = jobOf(['docker: [{ image: "cimg/node:22.14" }]', 'steps: [{ run: npm publish }]']);
    expect(new CircleJobFacts().npmAtPublish(job, job.publishes[0]!)).toMatchObject({ source: 'bundled', npm: { min: '10.9.2' } });
  });

  it('an earlier step upgrades it, with or without sudo', () => {
    const job = jobOf([
      'docker: [{ image: "cimg/node:24.15" }]',
      'steps:',
      '  - run: sudo npm install -g npm@11.11.0',
      '  - run: |',
      '      npm i -g npm@^11.15',
      '      npm publish',
      '      npm i -g npm@12',
    ]);
    const publish = job.publishes[0]!;
    const upgrades = new CircleJobFacts().upgradesBefore(job, publish);
    expect(upgrades.map((u) => [u.upgrade.spec, u.sudo, u.version])).toEqual([
      ['11.11.0', true, '11.11.0'],
      ['^11.15', false, '11.21.2'],
    ]);
    expect(upgrades[0]!.location.start).toEqual({ line: 6, column: 14 });
    expect(new CircleJobFacts().npmAtPublish(job, publish)).toMatchObject({ source: 'upgrade', npm: { min: '11.21.2', max: '11.21.2' } });
  });

  it('an upgrade to npm 12 on Node 22.14 fails (EBADENGINE)', () => {
    const job = jobOf(['docker: [{ image: "cimg/node:22.14.0" }]', 'steps:', '  - run: sudo npm i -g npm@latest', '  - run: npm publish']);
    expect(new CircleJobFacts().npmAtPublish(job, job.publishes[0]!)).toMatchObject({ upgradeFails: true, npm: { min: '12.2.2' } });
  });

  it('a pinned npx npm@x wins', () => {
    const job = jobOf(['docker: [{ image: "cimg/node:22.14" }]', 'steps: [{ run: "npx npm@11.11.0 publish" }]']);
    expect(new CircleJobFacts().npmAtPublish(job, job.publishes[0]!)).toMatchObject({ source: 'pinned', npm: { min: '11.11.0' } });
  });
});

describe('NPM_ID_TOKEN and circleci run oidc get', () => {
  it('exported from `circleci run oidc get` in the publishing step: same-step, with the audience', () => {
    const job = jobOf(['docker: [{ image: "cimg/node:24.15" }]', 'steps:', '  - run: |', `      export NPM_ID_TOKEN=$(${OIDC})`, '      npm publish']);
    const run = job.steps[0]!.run!;
    expect(run.oidc).toMatchObject([{ audiences: ['npm:registry.npmjs.org'], claimsJson: true, claims: '{"aud":"npm:registry.npmjs.org"}' }]);
    expect(run.oidc[0]!.location.start).toEqual({ line: 7, column: 33 });
    expect(run.npmIdToken).toMatchObject([{ kind: 'export', fromOidc: true }]);
    const sources = new CircleJobFacts().npmIdTokenSources(job, job.publishes[0]!);
    expect(sources.map((s) => s.kind)).toEqual(['same-step']);
    expect(sources[0]!.oidc[0]!.audiences).toEqual(['npm:registry.npmjs.org']);
  });

  it('written to $BASH_ENV by an earlier step: bash-env; exported in an earlier step: does not carry over', () => {
    const job = jobOf([
      'docker: [{ image: "cimg/node:24.15" }]',
      'steps:',
      `  - run: echo "export NPM_ID_TOKEN=$(${OIDC})" >> "$BASH_ENV"`,
      `  - run: export NPM_ID_TOKEN=$(${OIDC})`,
      '  - run: npm publish',
    ]);
    expect(job.steps[0]!.run!.npmIdToken).toMatchObject([{ kind: 'bash-env', fromOidc: true }]);
    expect(new CircleJobFacts().npmIdTokenSources(job, job.publishes[0]!).map((s) => s.kind)).toEqual(['bash-env', 'earlier-export']);
  });

  it('a heredoc appended to $BASH_ENV counts as a write, with the audience of its command', () => {
    const job = jobOf(['steps:', '  - run: |', '      cat >> $BASH_ENV <<EOF', `      export NPM_ID_TOKEN=$(${OIDC})`, '      EOF', '  - run: npm publish']);
    expect(job.steps[0]!.run!.npmIdToken.map((s) => [s.kind, s.location.start.line, s.oidc.map((o) => o.audiences)])).toEqual([
      ['bash-env', 7, [['npm:registry.npmjs.org']]],
    ]);
  });

  it('a deferred `\\$(circleci run oidc get ...)` written to $BASH_ENV keeps its audience (read where it is written)', () => {
    const job = jobOf([
      'steps:',
      '  - run:',
      '      command: |',
      '        echo "export NPM_ID_TOKEN=\\$(circleci run oidc get --claims \'{\\"aud\\":\\"npm:registry.npmjs.org\\"}\')" >> "$BASH_ENV"',
      '  - run: npm publish',
    ]);
    const set = job.steps[0]!.run!.npmIdToken[0]!;
    expect(job.steps[0]!.run!.oidc).toEqual([]); // nothing runs in this step
    expect(set).toMatchObject({ kind: 'bash-env', fromOidc: true });
    expect(set.oidc.map((o) => [o.audiences, o.claimsJson, o.location.start])).toEqual([[['npm:registry.npmjs.org'], true, { line: 7, column: 13 }]]);
    const sources = new CircleJobFacts().npmIdTokenSources(job, job.publishes[0]!);
    expect(sources.map((s) => [s.kind, s.oidc.length])).toEqual([['bash-env', 1]]);
  });

  // The value written to $BASH_ENV, as written: a `|` or `>` inside `$( )`, backticks or quotes
  // belongs to it; the pipe or redirect of the line that writes it does not.
  it.each([
    ['echo "export NPM_ID_TOKEN=$(cat t | tr -d \'\\n\')" >> "$BASH_ENV"', "$(cat t | tr -d '\\n')"],
    ['echo "export NPM_ID_TOKEN=$TOKEN" | tee -a "$BASH_ENV"', '$TOKEN'],
    ['tee -a "$BASH_ENV" <<< "export NPM_ID_TOKEN=$(cat t | tr -d \'\\n\')"', "$(cat t | tr -d '\\n')"],
    ['cat <<< "export NPM_ID_TOKEN=$(echo a > b)" >> "$BASH_ENV"', '$(echo a > b)'],
    ['tee -a "$BASH_ENV" <<< "export NPM_ID_TOKEN=`cat t | tr -d x`"', '`cat t | tr -d x`'],
    ["tee -a \"$BASH_ENV\" <<< \"export NPM_ID_TOKEN='a|b' OTHER=1\"", "'a|b'"],
    ["sh -c 'echo export NPM_ID_TOKEN=$(cat t | tr -d x) >> $BASH_ENV'", '$(cat t | tr -d x)'],
    ['tee -a "$BASH_ENV" <<< export\\ NPM_ID_TOKEN=$(cat t | tr -d x)', '$(cat t | tr -d x)'],
  ])('the value written by %s', (line, value) => {
    const job = jobOf(['steps:', '  - run: |', `      ${line}`, '  - run: npm publish']);
    expect(job.steps[0]!.run!.npmIdToken.map((s) => [s.kind, s.value])).toEqual([['bash-env', value]]);
  });

  it('an immediate `$(...)` in the echo is found once', () => {
    const job = jobOf(['steps:', `  - run: echo "export NPM_ID_TOKEN=$(${OIDC})" >> "$BASH_ENV"`, '  - run: npm publish']);
    expect(job.steps[0]!.run!.npmIdToken[0]!.oidc).toHaveLength(1);
    expect(job.steps[0]!.run!.npmIdToken[0]!.oidc[0]!.location.start).toEqual({ line: 5, column: 42 });
  });

  it('a $BASH_ENV write in the publishing step itself does not reach it, unless the step sources the file', () => {
    const write = `echo "export NPM_ID_TOKEN=$(${OIDC})" >> "$BASH_ENV"`;
    const plain = jobOf(['steps:', '  - run: |', `      ${write}`, '      npm publish']);
    expect(new CircleJobFacts().npmIdTokenSources(plain, plain.publishes[0]!).map((s) => s.kind)).toEqual(['same-step-bash-env']);
    const sourced = jobOf(['steps:', '  - run: |', `      ${write}`, '      source "$BASH_ENV"', '      npm publish']);
    expect(new CircleJobFacts().npmIdTokenSources(sourced, sourced.publishes[0]!).map((s) => s.kind)).toEqual(['same-step']);
  });

  it('a prefix assignment, a plain assignment, and environment entries', () => {
    const job = jobOf([
      'environment:',
      '  NPM_ID_TOKEN: static',
      'steps:',
      '  - run: |',
      `      NPM_ID_TOKEN=$(${OIDC})`,
      `      NPM_ID_TOKEN=$(${OIDC}) npm publish`,
    ]);
    expect(job.steps[0]!.run!.npmIdToken.map((s) => s.kind)).toEqual(['assign', 'prefix']);
    expect(new CircleJobFacts().npmIdTokenSources(job, job.publishes[0]!).map((s) => s.kind)).toEqual(['environment', 'same-step-unexported', 'same-step']);
  });

  it('an export after the publish does not count', () => {
    const job = jobOf(['steps:', '  - run: |', '      npm publish', `      export NPM_ID_TOKEN=$(${OIDC})`]);
    expect(new CircleJobFacts().npmIdTokenSources(job, job.publishes[0]!)).toEqual([]);
  });

  it.each([
    [undefined, { audienceUnknown: expect.stringMatching(/no `--claims`/) as unknown, claimsJson: false }],
    ['{"aud":"npm:registry.npmjs.org"}', { audiences: ['npm:registry.npmjs.org'], claimsJson: true }],
    ['{"aud":["npm:registry.npmjs.org","x"]}', { audiences: ['npm:registry.npmjs.org', 'x'], claimsJson: true }],
    ['{\\"aud\\":\\"npm:registry.npmjs.org\\"}', { audiences: ['npm:registry.npmjs.org'], claimsJson: false }],
    ['{"aud":"$AUD"}', { audienceUnknown: expect.stringMatching(/shell variable/) as unknown }],
    ['aud=npm', { audienceUnknown: expect.stringMatching(/not a JSON object/) as unknown }],
    ['{"sub":"x"}', { audienceUnknown: expect.stringMatching(/no `aud`/) as unknown, claimsJson: true }],
  ])('claims %s', (claims, want) => {
    expect(readAudience(claims)).toMatchObject(want);
  });

  it('reads the audience of `--claims=...` and of a wrong audience', () => {
    const job = jobOf(['steps:', `  - run: export NPM_ID_TOKEN=$(circleci run oidc get --claims='{"aud":"npm:registry.npmjs.com"}')`]);
    expect(job.steps[0]!.run!.oidc[0]!.audiences).toEqual(['npm:registry.npmjs.com']);
  });
});

describe('tokens, resource classes, contexts', () => {
  it('lists npm token environment entries and _authToken writes', () => {
    const job = jobOf([
      'environment:',
      '  NPM_TOKEN: $SECRET',
      '  OTHER: x',
      'steps:',
      '  - run:',
      '      command: echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc',
      '      environment:',
      '        NODE_AUTH_TOKEN: x',
    ]);
    expect(npmTokenEnvironment(job).map((e) => [e.name, e.level])).toEqual([
      ['NPM_TOKEN', 'job'],
      ['NODE_AUTH_TOKEN', 'step'],
    ]);
    expect(job.steps[0]!.run!.authTokenWrites.map((w) => w.location.start)).toEqual([{ line: 9, column: 20 }]);
  });

  it.each([
    ['large', false],
    ['medium+', false],
    ['arm.large', false],
    ['acme/my-runner', true],
    ['<< parameters.rc >>', undefined],
  ])('resource_class %s: self-hosted %s', (rc, selfHosted) => {
    const job = jobOf(['parameters: { rc: { type: string } }', `resource_class: "${rc}"`, 'steps: [checkout]']);
    expect(job.resourceClass?.selfHosted).toBe(selfHosted);
  });

  it('a job instance knows the contexts of its invocation', () => {
    const yaml = ['version: 2.1', 'jobs:', '  j: { steps: [checkout] }', 'workflows:', '  w:', '    jobs:', '      - j: { context: [npm, slack] }', ''].join('\n');
    const config = loadCircleConfig(new MemoryFs({ [FILE]: yaml })).config!;
    expect(circleJobContexts(config.workflows[0]!.jobs[0]!.instances[0]!)).toEqual(['npm', 'slack']);
    expect(circleJobContexts(config.jobs[0]!)).toEqual([]);
  });
});
