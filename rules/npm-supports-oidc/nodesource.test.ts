/**
 * npm-supports-oidc after Node is installed from NodeSource (`curl … setup_22.x | sudo -E bash -`,
 * then `apt-get install -y nodejs`: src/model/npm/nodesource.ts) in a job whose image has no Node of
 * its own: the Node is the newest release of that line (survey900b M4, mozilla/glean.js).
 */
import { describe, expect, it } from 'vitest';
import { circleConfig, circleRepo, gitlabRepo, lintFiles, releaseRepo as repo, setupNodeWorkflow as workflow } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const lint = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.severity} ${d.messageId}`);
const TOKEN = `export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`;
const SETUP = (line: string): string => `curl -fsSL https://deb.nodesource.com/setup_${line}.x | sudo -E bash -`;
/** A CircleCI job on `image`: a `run` step of `install` lines, then the publishing step. */
const circle = (install: string[], image = 'cimg/python:3.13', publish: string[] = [TOKEN, 'npm publish']): Record<string, string> =>
  circleRepo(circleConfig([`- run: |\n${install.map((l) => `          ${l}\n`).join('')}`.trimEnd(), `- run: |\n${publish.map((l) => `          ${l}\n`).join('')}`.trimEnd()], image));

describe(`${RULE}: Node from NodeSource on CircleCI`, () => {
  it('setup_22.x + apt-get install nodejs on cimg/python: Node 22, its bundled npm is too old for CircleCI (the probe c23 error)', async () => {
    const [d, ...rest] = await lintFiles(circle([SETUP('22'), 'sudo apt-get install -y nodejs']), { rule: RULE });
    expect(rest).toEqual([]);
    expect([d?.severity, d?.messageId, d?.data.from]).toEqual(['error', 'bundledTooOld', `\`${SETUP('22')}\``]);
  });
});

describe(`${RULE}: NodeSource forms and lines (CircleCI)`, () => {
  it('the other ways to run the setup script, and an rpm setup with yum/dnf: the same error', async () => {
    const forms: string[][] = [
      ['curl -sL https://deb.nodesource.com/setup_22.x | bash -', 'apt-get install -y nodejs'],
      ['curl -fsSL https://deb.nodesource.com/setup_22.x | sudo bash -', 'sudo apt install -y nodejs'],
      ['wget -qO- https://deb.nodesource.com/setup_22.x | sudo -E bash -', 'sudo apt-get install -y nodejs'],
      ['curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash - && sudo apt-get install -y nodejs'],
      ['curl -fsSL https://rpm.nodesource.com/setup_22.x | sudo bash -', 'sudo yum install -y nodejs'],
      ['curl -fsSL https://rpm.nodesource.com/setup_22.x | sudo bash -', 'sudo dnf install -y nodejs'],
    ];
    for (const install of forms) expect([install.join('; '), await lint(circle(install))]).toEqual([install.join('; '), ['error bundledTooOld']]);
  });

  it('setup_lts.x and setup_current.x: the newest LTS line, the newest line, which bundle a new enough npm: no finding (mozilla/glean.js)', async () => {
    expect(await lint(circle([SETUP('lts'), 'sudo apt-get install -y nodejs']))).toEqual([]);
    expect(await lint(circle([SETUP('current'), 'sudo apt-get install -y nodejs']))).toEqual([]);
    expect(await lint(circle([SETUP('24'), 'sudo apt-get install -y nodejs']))).toEqual([]);
  });

  it('the install in the publishing step itself, and the package install in a later step than the setup', async () => {
    expect(await lint(circle([], 'cimg/python:3.13', [SETUP('22'), 'sudo apt-get install -y nodejs', TOKEN, 'npm publish']))).toEqual(['error bundledTooOld']);
    expect(await lint(circle([SETUP('22')], 'cimg/python:3.13', ['sudo apt-get install -y nodejs', TOKEN, 'npm publish']))).toEqual(['error bundledTooOld']);
  });

  it('an image tp-doctor does not know to ship no Node: NodeSource\'s Node is taken, a warning at most', async () => {
    expect(await lint(circle([SETUP('22'), 'sudo apt-get install -y nodejs'], 'acme/builder:1'))).toEqual(['warning bundledTooOld']);
  });
});

describe(`${RULE}: NodeSource on CircleCI, never an error on a guess`, () => {
  it('the setup or the install in a branch, or `|| true` after it: unknown, a warning as before', async () => {
    for (const install of [
      ['if [ -n "$NEW" ]; then', `  ${SETUP('22')}`, 'fi', 'sudo apt-get install -y nodejs'],
      [SETUP('22'), 'sudo apt-get install -y nodejs || true'],
      [`${SETUP('22')} || true`, 'sudo apt-get install -y nodejs'],
    ]) {
      const [d, ...rest] = await lintFiles(circle(install), { rule: RULE });
      expect([install.join('; '), rest, d?.severity, d?.messageId, String(d?.data.reason)]).toEqual([install.join('; '), [], 'warning', 'unknownNpmCircleci', expect.stringContaining('runs in a branch or may fail')]);
    }
  });

  it('control: no `apt-get install nodejs` after the setup: the image has no Node, a warning as before', async () => {
    const [d] = await lintFiles(circle([SETUP('22'), 'sudo apt-get install -y python3-dev']), { rule: RULE });
    expect([d?.severity, d?.messageId, String(d?.data.reason)]).toEqual(['warning', 'unknownNpmCircleci', expect.stringContaining('not a Node image')]);
  });

  it('control: a later step that changes the Node (n, a $BASH_ENV line) keeps it unknown', async () => {
    const config = circleConfig([`- run: |\n          ${SETUP('24')}\n          sudo apt-get install -y nodejs`, '- run: sudo n 22', `- run: |\n          ${TOKEN}\n          npm publish`], 'cimg/python:3.13');
    expect(await lint(circleRepo(config))).toEqual(['warning unknownNpmCircleci']);
  });

  it('control: a Node image keeps its own Node, first on PATH before NodeSource\'s /usr/bin', async () => {
    expect(await lint(circle([SETUP('22'), 'sudo apt-get install -y nodejs'], 'cimg/node:24.15'))).toEqual([]);
    expect(await lint(circle([SETUP('24'), 'sudo apt-get install -y nodejs'], 'cimg/node:22.14'))).toEqual(['error bundledTooOld']);
  });

  it('control: a python image with its -node variant is not known to be without Node: a warning', async () => {
    expect(await lint(circle([SETUP('22'), 'sudo apt-get install -y nodejs'], 'cimg/python:3.13-node'))).toEqual(['warning bundledTooOld']);
  });
});

describe(`${RULE}: NodeSource on GitLab and GitHub`, () => {
  const gitlab = (image: string, before: string[]): string =>
    `release:\n  image: ${image}\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  before_script:\n${before.map((l) => `    - ${l}\n`).join('')}  script:\n    - npm publish\n`;
  it('GitLab: before_script lines run in the publish\'s shell: Node 22 from NodeSource on python:3.13 (npm 10.9, older than 11.5.1)', async () => {
    const [d, ...rest] = await lintFiles(gitlabRepo(gitlab('python:3.13', [SETUP('22'), 'apt-get install -y nodejs'])), { rule: RULE });
    expect(rest).toEqual([]);
    expect([d?.severity, d?.messageId, d?.data.from]).toEqual(['error', 'bundledTooOld', `\`${SETUP('22')}\``]);
    expect(await lint(gitlabRepo(gitlab('python:3.13', [SETUP('lts'), 'apt-get install -y nodejs'])))).toEqual([]);
  });

  it('GitLab controls: no install (as before), a node image (its own Node)', async () => {
    expect(await lint(gitlabRepo(gitlab('python:3.13', [SETUP('24')])))).toEqual(['warning unknownNpmGitlab']);
    expect(await lint(gitlabRepo(gitlab('node:24', [SETUP('22'), 'apt-get install -y nodejs'])))).toEqual([]);
  });

  const github = (runs: string[][], jobExtra = ''): Record<string, string> =>
    repo(workflow('', runs.map((lines) => `      - run: |\n${lines.map((l) => `          ${l}\n`).join('')}`).join(''), jobExtra));
  it('GitHub: a job container without Node, then NodeSource in an earlier `run:` step: that Node', async () => {
    const container = '    container: python:3.13\n';
    expect(await lint(github([[SETUP('22'), 'apt-get install -y nodejs'], ['npm publish']], container))).toEqual(['error bundledTooOld']);
    expect(await lint(github([[SETUP('lts'), 'apt-get install -y nodejs'], ['npm publish']], container))).toEqual([]);
  });

  it('GitHub control: on the runner its own Node (in /usr/local/bin, first on PATH) stays, unknown as before', async () => {
    const before = await lint(github([['npm publish']]));
    expect(await lint(github([[SETUP('22'), 'sudo apt-get install -y nodejs'], ['npm publish']]))).toEqual(before);
    expect(before).toEqual(['warning unknownNpm']);
  });
});

describe(`${RULE}: NodeSource in a step that may not run (review of fix-nodesource)`, () => {
  const PKG = '{"name":"widget","version":"1.0.0","repository":{"url":"git+https://github.com/acme/widget.git"}}';
  /** The probe ns2: a `setup_24.x` step under `if: !inputs.legacy`, a `setup_20.x` one under `if: inputs.legacy`, then the install and the publish. */
  const github = (steps: string[]): Record<string, string> => ({
    'package.json': PKG,
    '.github/workflows/release.yml': [
      'name: release', 'on:', '  workflow_dispatch:', '    inputs:', '      legacy:', '        type: boolean', '        default: false',
      'permissions:', '  id-token: write', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    container: debian:12', '    steps:',
      '      - uses: actions/checkout@v4', ...steps, '      - run: apt-get install -y nodejs', '      - run: npm publish', '',
    ].join('\n'),
  });
  const ghStep = (line: string, cond?: string): string => `${cond === undefined ? '      -' : `      - if: ${cond}\n       `} run: curl -fsSL https://deb.nodesource.com/setup_${line}.x | bash -`;

  it('GitHub (probe ns2): the legacy `setup_20.x` step under `if: inputs.legacy`, latest: the Node is unknown, a warning, not an error', async () => {
    const [d, ...rest] = await lintFiles(github([ghStep('24', '${{ !inputs.legacy }}'), ghStep('20', '${{ inputs.legacy }}')]), { rule: RULE });
    expect([rest, d?.severity, d?.messageId, String(d?.data.reason)]).toEqual([[], 'warning', 'unknownNpm', expect.stringContaining('is in a step that runs only under a condition')]);
  });

  it('GitHub controls: the same steps without `if:`, or under an `if:` always true: the latest line, certain', async () => {
    expect(await lint(github([ghStep('24'), ghStep('20')]))).toEqual(['error bundledTooOld']);
    expect(await lint(github([ghStep('24'), ghStep('20', 'true')]))).toEqual(['error bundledTooOld']);
    expect(await lint(github([ghStep('20'), ghStep('24')]))).toEqual([]);
  });

  /** The probe ns1: the same with CircleCI's `unless:` and `when:`. */
  const circleSteps = (steps: string[]): Record<string, string> => ({
    'package.json': PKG,
    '.circleci/config.yml': [
      'version: 2.1', 'parameters:', '  legacy:', '    type: boolean', '    default: false', 'jobs:', '  publish:', '    docker:',
      '      - image: cimg/python:3.12', '    steps:', '      - checkout', ...steps, '      - run: sudo apt-get install -y nodejs', '      - run: |',
      `          ${TOKEN}`, '          npm publish', 'workflows:', '  release:', '    jobs:', '      - publish', '',
    ].join('\n'),
  });
  const circleStep = (line: string, cond?: 'when' | 'unless'): string =>
    cond === undefined
      ? `      - run: ${SETUP(line)}`
      : `      - ${cond}:\n          condition: << pipeline.parameters.legacy >>\n          steps:\n            - run: ${SETUP(line)}`;

  it('CircleCI (probe ns1): `setup_24.x` under `unless:`, `setup_20.x` under `when:`: the Node is unknown, a warning, not an error', async () => {
    const [d, ...rest] = await lintFiles(circleSteps([circleStep('24', 'unless'), circleStep('20', 'when')]), { rule: RULE });
    expect([rest, d?.severity, d?.messageId, String(d?.data.reason)]).toEqual([[], 'warning', 'unknownNpmCircleci', expect.stringContaining('is in a step that runs only under a condition')]);
  });

  it('CircleCI: the install under `when:` after an unconditional setup: unknown too', async () => {
    const files = circleSteps([circleStep('22')]);
    const config = files['.circleci/config.yml']!.replace('      - run: sudo apt-get install -y nodejs', '      - when:\n          condition: << pipeline.parameters.legacy >>\n          steps:\n            - run: sudo apt-get install -y nodejs');
    expect(await lint({ ...files, '.circleci/config.yml': config })).toEqual(['warning unknownNpmCircleci']);
  });

  it('CircleCI controls: the same steps unconditional: the latest line, certain', async () => {
    expect(await lint(circleSteps([circleStep('24'), circleStep('20')]))).toEqual(['error bundledTooOld']);
    expect(await lint(circleSteps([circleStep('20'), circleStep('24')]))).toEqual([]);
  });
});
