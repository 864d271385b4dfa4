import { describe, expect, it } from 'vitest';
import { readWorkflow } from '../../src/model/github/workflow.js';
import type { Workflow } from '../../src/model/github/types.js';
import { CallGraph, resolveSelfCalls } from '../../src/model/github/call-graph.js';
import { parseYaml } from '../../src/yaml/parse.js';
import { writtenFromUnsetVariable } from '../../src/model/github/tokens.js';
import { choiceAssignments, choiceInputsIn, dispatchChoices, substituteInputs } from '../../src/model/github/dispatch-inputs.js';

function wf(text: string, file = '.github/workflows/release.yml'): Workflow {
  const result = readWorkflow(parseYaml(file, text));
  if ('notAWorkflow' in result) throw new Error(result.notAWorkflow);
  return result;
}

const job = (w: Workflow, id: string) => {
  const j = w.jobs.find((x) => x.id === id);
  if (!j) throw new Error(`no job ${id}`);
  return j;
};

describe('effective id-token permission', () => {
  const cases: { name: string; workflow: string; job: string; access: string; source: string }[] = [
    { name: 'no permissions anywhere', workflow: '', job: '', access: 'none', source: 'default' },
    { name: 'workflow grants', workflow: 'permissions:\n  id-token: write\n', job: '', access: 'write', source: 'workflow' },
    {
      name: 'job block shadows workflow grant',
      workflow: 'permissions:\n  id-token: write\n',
      job: '    permissions:\n      contents: read\n',
      access: 'none',
      source: 'job',
    },
    { name: 'job grants', workflow: '', job: '    permissions:\n      id-token: write\n', access: 'write', source: 'job' },
    { name: 'write-all', workflow: 'permissions: write-all\n', job: '', access: 'write', source: 'workflow' },
    { name: 'read-all', workflow: 'permissions: read-all\n', job: '', access: 'none', source: 'workflow' },
    { name: 'empty map', workflow: 'permissions: {}\n', job: '', access: 'none', source: 'workflow' },
    { name: 'empty value', workflow: 'permissions:\n', job: '', access: 'none', source: 'workflow' },
    { name: 'read is invalid', workflow: '', job: '    permissions:\n      id-token: read\n', access: 'invalid', source: 'job' },
    { name: 'none', workflow: '', job: '    permissions:\n      id-token: none\n', access: 'none', source: 'job' },
    {
      name: 'expression',
      workflow: '',
      job: "    permissions: ${{ fromJSON('{}') }}\n",
      access: 'unknown',
      source: 'job',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const w = wf(`on: push\n${c.workflow}jobs:\n  publish:\n    runs-on: ubuntu-latest\n${c.job}    steps:\n      - run: npm publish\n`);
      expect(job(w, 'publish').idToken.access).toBe(c.access);
      expect(job(w, 'publish').idToken.source).toBe(c.source);
    });
  }

  it('keeps the invalid value and its entry', () => {
    const w = wf('on: push\njobs:\n  a:\n    runs-on: x\n    permissions:\n      id-token: read\n');
    const t = job(w, 'a').idToken;
    expect(t.invalidValue).toBe('read');
    expect(t.entry?.span).toEqual({ start: { line: 6, column: 17 }, end: { line: 6, column: 21 } });
  });
});

describe('runs-on and matrix', () => {
  it('resolves matrix references, include and exclude', () => {
    const w = wf(`on: push
jobs:
  build:
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [20, 24]
        exclude:
          - os: windows-latest
            node: 20
        include:
          - os: blacksmith-4vcpu-ubuntu-2404
            node: 24
          - os: ubuntu-latest
            experimental: true
    runs-on: \${{ matrix.os }}
    steps: []
`);
    const j = job(w, 'build');
    expect(j.matrix?.length).toBe(4);
    expect(j.matrix?.map((c) => `${c.get('os')?.value}/${c.get('node')?.value}/${c.get('experimental')?.value ?? '-'}`)).toEqual([
      'ubuntu-latest/20/true',
      'ubuntu-latest/24/true',
      'windows-latest/24/-',
      'blacksmith-4vcpu-ubuntu-2404/24/-',
    ]);
    expect(j.runsOn?.choices.map((c) => c.labels.map((l) => l.value).join('+'))).toEqual([
      'ubuntu-latest',
      'windows-latest',
      'blacksmith-4vcpu-ubuntu-2404',
    ]);
    expect(j.runsOn?.choices[2]?.labels[0]?.fromMatrix).toBe('${{ matrix.os }}');
  });

  it('reads lists, groups and unresolved expressions', () => {
    const w = wf(`on: push
jobs:
  a:
    runs-on: [self-hosted, linux]
  b:
    runs-on:
      group: big-runners
      labels: ubuntu-latest-16-cores
  c:
    runs-on: \${{ inputs.runner }}
  d:
    strategy:
      matrix: \${{ fromJSON(needs.x.outputs.m) }}
    runs-on: \${{ matrix.os }}
`);
    expect(job(w, 'a').runsOn?.choices[0]?.labels.map((l) => l.value)).toEqual(['self-hosted', 'linux']);
    expect(job(w, 'b').runsOn?.choices[0]?.group?.value).toBe('big-runners');
    expect(job(w, 'b').runsOn?.choices[0]?.labels.map((l) => l.value)).toEqual(['ubuntu-latest-16-cores']);
    expect(job(w, 'c').runsOn?.choices[0]?.unresolved?.value).toBe('${{ inputs.runner }}');
    expect(job(w, 'd').matrixUnresolved).toBe(true);
    expect(job(w, 'd').runsOn?.choices[0]?.unresolved?.value).toBe('${{ matrix.os }}');
  });

  it('matches matrix keys case-insensitively and excludes map values partially', () => {
    const w = wf(`on: push
jobs:
  a:
    strategy:
      matrix:
        OS: [ubuntu-latest, windows-latest]
        platform:
          - { os: macos-15, node: 24 }
          - { os: ubuntu-24.04, node: 22 }
        exclude:
          - platform: { node: 22 }
            OS: windows-latest
    runs-on: \${{ matrix.os }}
  b:
    strategy:
      matrix:
        platform:
          - { os: macos-15, node: 24 }
          - { os: ubuntu-24.04, node: 22 }
        exclude:
          - platform: { node: 22 }
    runs-on: \${{ matrix.platform.OS }}
`);
    expect(job(w, 'a').matrix?.length).toBe(3);
    expect(job(w, 'a').runsOn?.choices.map((c) => c.labels[0]?.value)).toEqual(['ubuntu-latest', 'windows-latest']);
    expect(job(w, 'b').runsOn?.choices.map((c) => c.labels[0]?.value)).toEqual(['macos-15']);
    expect(job(w, 'b').runsOn?.choices[0]?.labels[0]?.valueNode?.span.start).toEqual({ line: 18, column: 19 });
  });

  it('resolves nested matrix objects', () => {
    const w = wf(`on: push
jobs:
  a:
    strategy:
      matrix:
        target:
          - { runner: macos-15, name: mac }
          - { runner: ubuntu-24.04-arm, name: arm }
    runs-on: \${{ matrix.target.runner }}
`);
    expect(job(w, 'a').runsOn?.choices.map((c) => c.labels[0]?.value)).toEqual(['macos-15', 'ubuntu-24.04-arm']);
  });
});

describe('workflow model', () => {
  it('reads triggers in every form', () => {
    expect(wf('on: push\njobs: {}\n').triggers.map((t) => t.event)).toEqual(['push']);
    expect(wf('on: [push, workflow_dispatch]\njobs: {}\n').triggers.map((t) => t.event)).toEqual(['push', 'workflow_dispatch']);
    const callable = wf('on:\n  workflow_call:\n    inputs: {}\njobs: {}\n');
    expect(callable.callable).toBe(true);
    expect(callable.callableOnly).toBe(true);
    const both = wf('on:\n  workflow_call:\n  workflow_dispatch:\njobs: {}\n');
    expect(both.callableOnly).toBe(false);
  });

  it('reads environment as string, map and expression', () => {
    const w = wf(`on: push
jobs:
  a:
    environment: npm
  b:
    environment:
      name: Release
      url: https://npmjs.com
  c:
    environment: \${{ inputs.env }}
`);
    expect(job(w, 'a').environment?.name).toBe('npm');
    expect(job(w, 'b').environment?.name).toBe('Release');
    expect(job(w, 'b').environment?.node.span.start).toEqual({ line: 7, column: 13 });
    expect(job(w, 'c').environment?.isExpression).toBe(true);
    expect(job(w, 'c').environment?.name).toBeUndefined();
  });

  it('reads env at three levels and reusable calls', () => {
    const w = wf(`on: push
env:
  A: "1"
jobs:
  call:
    uses: ./.github/workflows/publish.yml
    secrets: inherit
  remote:
    uses: acme/shared/.github/workflows/npm.yml@v2
  steps:
    runs-on: ubuntu-latest
    env:
      B: two
    steps:
      - uses: actions/setup-node@v6
        with:
          node-version: 24
        env:
          C: three
`);
    expect(w.env.map((e) => `${e.name}=${e.value}`)).toEqual(['A=1']);
    expect(job(w, 'call').uses?.localPath).toBe('.github/workflows/publish.yml');
    expect(job(w, 'remote').uses?.remote).toEqual({ repository: 'acme/shared', path: '.github/workflows/npm.yml', ref: 'v2' });
    const s = job(w, 'steps');
    expect(s.env[0]?.name).toBe('B');
    expect(s.steps[0]?.uses).toMatchObject({ name: 'actions/setup-node', ref: 'v6' });
    expect(s.steps[0]?.with.get('node-version')?.text).toBe('24');
    expect(s.steps[0]?.env[0]?.level).toBe('step');
  });
});

describe('reusable-workflow call graph', () => {
  it('finds the entry workflows of a callee, through nesting, without looping on cycles', () => {
    const ci = wf('on: push\njobs:\n  release:\n    uses: ./.github/workflows/middle.yml\n', '.github/workflows/ci.yml');
    const manual = wf('on: workflow_dispatch\njobs:\n  go:\n    uses: ./.github/workflows/publish.yml\n', '.github/workflows/manual.yml');
    const middle = wf('on: workflow_call\njobs:\n  inner:\n    uses: ./.github/workflows/publish.yml\n', '.github/workflows/middle.yml');
    const publish = wf('on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps: []\n  loop:\n    uses: ./.github/workflows/publish.yml\n', '.github/workflows/publish.yml');
    const graph = new CallGraph([ci, manual, middle, publish]);
    const chains = graph.entryChains(publish).map((c) => `${c.entry.fileName}: ${c.callers.map((j) => j.id).join(' > ')}`);
    expect(chains.sort()).toEqual(['ci.yml: release > inner', 'manual.yml: go']);
    expect(graph.entryChains(ci).map((c) => c.entry.fileName)).toEqual(['ci.yml']);
    expect(graph.callee(job(ci, 'release'))?.fileName).toBe('middle.yml');
  });

  describe('calls to the repository itself by owner/repo', () => {
    // matrix-org/matrix-js-sdk: release.yml -> release-make.yml@develop -> release-npm.yml@develop
    const build = (): Workflow[] => [
      wf('on: push\njobs:\n  release:\n    uses: Matrix-Org/matrix-js-sdk/.github/workflows/release-make.yml@develop\n    secrets: inherit\n', '.github/workflows/release.yml'),
      wf(
        'on: workflow_call\njobs:\n  npm:\n    uses: matrix-org/matrix-js-sdk/.github/workflows/release-npm.yml@develop\n  other:\n    uses: matrix-org/other-repo/.github/workflows/release-npm.yml@v1\n',
        '.github/workflows/release-make.yml',
      ),
      wf('on: workflow_call\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps: []\n', '.github/workflows/release-npm.yml'),
    ];
    const named = (flows: Workflow[], name: string): Workflow => flows.find((w) => w.fileName === name)!;

    it('follows them when the repository is given, case-insensitively', () => {
      const flows = build();
      const graph = new CallGraph(flows, { selfRepository: 'matrix-org/matrix-js-sdk' });
      const chains = graph.entryChains(named(flows, 'release-npm.yml')).map((c) => `${c.entry.fileName}: ${c.callers.map((j) => j.id).join(' > ')}`);
      expect(chains).toEqual(['release.yml: release > npm']);
      expect(graph.callee(job(named(flows, 'release.yml'), 'release'))?.fileName).toBe('release-make.yml');
      expect(graph.callee(job(named(flows, 'release-make.yml'), 'other'))).toBeUndefined();
      // the model itself is unchanged
      expect(job(named(flows, 'release.yml'), 'release').uses?.localPath).toBeUndefined();
    });

    it('does not follow them without the repository, nor for another repository', () => {
      for (const options of [{}, { selfRepository: 'matrix-org/other-repo-2' }]) {
        const flows = build();
        const graph = new CallGraph(flows, options);
        expect(graph.entryChains(named(flows, 'release-npm.yml'))).toEqual([]);
        expect(graph.callee(job(named(flows, 'release.yml'), 'release'))).toBeUndefined();
      }
    });

    it('resolveSelfCalls sets localPath on them and keeps remote', () => {
      const flows = build();
      resolveSelfCalls(flows, 'MATRIX-ORG/matrix-js-sdk');
      const call = job(named(flows, 'release.yml'), 'release').uses;
      expect(call?.localPath).toBe('.github/workflows/release-make.yml');
      expect(call?.remote?.ref).toBe('develop');
      expect(job(named(flows, 'release-make.yml'), 'other').uses?.localPath).toBeUndefined();
      const graph = new CallGraph(flows);
      expect(graph.entryChains(named(flows, 'release-npm.yml')).map((c) => c.entry.fileName)).toEqual(['release.yml']);
    });
  });
});

describe('writtenFromUnsetVariable: a token line whose variable the job sets nowhere', () => {
  const job = (steps: string): Workflow => wf(`on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`);
  const lastStep = (w: Workflow) => w.jobs[0]!.steps.at(-1)!;
  const write = '      - run: npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN\n';
  /** Local actions by directory: a composite action's steps, or a whole `action.yml`. */
  const actions: Record<string, string> = {
    '.github/actions/setup': 'inputs:\n  COOKIE:\n    required: true\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      env:\n        NPM_TOKEN: ${{ inputs.COOKIE }}\n      run: echo "configure $NPM_TOKEN"; export NPM_TOKEN=x\n',
    '.github/actions/auth': 'runs:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "NPM_TOKEN=${{ inputs.token }}" >> "$GITHUB_ENV"\n',
    '.github/actions/export': 'inputs:\n  name:\n    default: NODE_VERSION\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "${{ inputs.name }}=1" >> "$GITHUB_ENV"\n',
    '.github/actions/outer': 'runs:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n    - uses: ./.github/actions/auth\n',
    '.github/actions/outer-setup': 'runs:\n  using: composite\n  steps:\n    - uses: some/remote-action@v1\n    - uses: ./.github/actions/setup\n',
    '.github/actions/js': 'runs:\n  using: node20\n  main: index.js\n',
  };
  const readAction = (dir: string) => (actions[dir] === undefined ? undefined : parseYaml(`${dir}/action.yml`, actions[dir]));

  it.each([
    ['nothing sets it', '', true],
    ['a step env sets it', '      - run: echo\n        env:\n          NPM_TOKEN: x\n', true],
    ['an earlier step writes it to $GITHUB_ENV', '      - run: echo "NPM_TOKEN=$(cat t)" >> "$GITHUB_ENV"\n', false],
    ['an earlier step reads it', '      - run: read -r NPM_TOKEN < token.txt\n', false],
    ['an earlier step exports it', '      - run: export NPM_TOKEN=abc\n', false],
    ['another variable is set', '      - run: export NPM_TOKEN_FILE=t\n', true],
    // A local action is read: only a `$GITHUB_ENV` write in it reaches the later steps.
    ['a local composite action sets it only in its own env and shell', '      - uses: ./.github/actions/setup\n        with:\n          COOKIE: ${{ secrets.C }}\n', true],
    ['a local composite action writes it to $GITHUB_ENV', '      - uses: ./.github/actions/auth\n', false],
    ['a local composite action writes the name its caller passes', '      - uses: ./.github/actions/export\n        with:\n          name: NPM_TOKEN\n', false],
    ['a local composite action writes another name (its default)', '      - uses: ./.github/actions/export\n', true],
    ['a nested local action writes it', '      - uses: ./.github/actions/outer\n', false],
    ['nested local actions that do not write it, a remote one among them', '      - uses: ./.github/actions/outer-setup\n', true],
    ['a local action tp-doctor cannot read', '      - uses: ./.github/actions/missing\n', false],
    ['a local JavaScript action', '      - uses: ./.github/actions/js\n', false],
    ['a remote action', '      - uses: acme/auth@v1\n        with:\n          token: ${{ secrets.NPM }}\n', true],
  ] as const)('%s', (_what, before, unset) => {
    expect(writtenFromUnsetVariable('$NPM_TOKEN', lastStep(job(before + write)), { readAction })).toBe(unset);
  });

  it('a step env of the writing step, or a secret, is never unset', () => {
    const w = job('      - run: npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n');
    expect(writtenFromUnsetVariable('$NPM_TOKEN', lastStep(w), { readAction })).toBe(false);
    expect(writtenFromUnsetVariable('${{ secrets.NPM_TOKEN }}', lastStep(job(write)), { readAction })).toBe(false);
  });

  // npm expands `${NPM_TOKEN}` of an `.npmrc` in the environment of the step that reads the file.
  const literal = "      - run: echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc\n";
  it.each([
    ['the publishing step sets it', '      - run: npm publish\n        env:\n          NPM_TOKEN: ${{ secrets.NPM }}\n', false],
    ['the publishing step sets it empty', '      - run: npm publish\n        env:\n          NPM_TOKEN: ""\n', true],
    ['a step between writes it to $GITHUB_ENV', '      - run: echo "NPM_TOKEN=${{ secrets.NPM }}" >> "$GITHUB_ENV"\n      - run: npm publish\n', false],
    ['nothing sets it for the publish', '      - run: npm publish\n', true],
  ] as const)('read by a later publish: %s', (_what, after, unset) => {
    const steps = job(literal + after).jobs[0]!.steps;
    expect(writtenFromUnsetVariable('${NPM_TOKEN}', steps[0]!, { readAction, readers: [steps.at(-1)!] })).toBe(unset);
  });
});

describe('workflow_dispatch choice inputs', () => {
  const on = (inputs: string, extra = ''): Workflow => wf(`on:\n${extra}  workflow_dispatch:\n    inputs:\n${inputs}jobs: {}\n`);
  const choice = (name: string, options: string, rest = '        required: true\n'): string => `      ${name}:\n        type: choice\n${rest}        options: ${options}\n`;
  const read = (w: Workflow): Record<string, readonly string[]> => Object.fromEntries(dispatchChoices(w));
  const cases: { name: string; workflow: Workflow; want: Record<string, readonly string[]> }[] = [
    { name: 'a required choice', workflow: on(choice('package', "['@acme/a', '@acme/b']")), want: { package: ['@acme/a', '@acme/b'] } },
    { name: 'a default is a value too', workflow: on(choice('Tag', '[latest, next]', '        default: beta\n')), want: { tag: ['latest', 'next', 'beta'] } },
    // An optional input without a default is empty when a dispatch through the API leaves it out.
    { name: 'optional, no default: may be empty', workflow: on(choice('package', '[a, b]', '')), want: {} },
    { name: 'an empty default', workflow: on(choice('package', '[a, b]', "        default: ''\n")), want: {} },
    { name: 'a string input', workflow: on('      package:\n        type: string\n        required: true\n'), want: {} },
    { name: 'an option that is an expression', workflow: on(choice('package', "[a, '${{ vars.PKG }}']")), want: {} },
    { name: 'an option the shell would split', workflow: on(choice('package', "[a, 'b c']")), want: {} },
    // On push the `inputs` context is empty; a workflow_call input of that name is free-form.
    { name: 'another trigger too', workflow: on(choice('package', '[a, b]'), '  push:\n'), want: {} },
    { name: 'workflow_call too', workflow: on(choice('package', '[a, b]'), '  workflow_call:\n    inputs:\n      package:\n        type: string\n'), want: {} },
  ];
  for (const c of cases) it(c.name, () => expect(read(c.workflow)).toEqual(c.want));

  it('names and replaces whole references only, inputs.x and github.event.inputs.x alike', () => {
    const choices = dispatchChoices(on(`${choice('package', '[a, b]')}${choice('tag', '[latest, next]')}`));
    const text = "yarn workspace ${{ inputs.package }} exec npm publish --tag ${{ github.event.inputs.TAG }} ${{ inputs.other }} ${{ inputs.package || 'x' }}";
    expect(choiceInputsIn([text, undefined, 'packages/${{ inputs[\'package\'] }}'], choices)).toEqual(['package', 'tag']);
    expect(substituteInputs(text, new Map([['package', 'a'], ['tag', 'next']]))).toBe("yarn workspace a exec npm publish --tag next ${{ inputs.other }} ${{ inputs.package || 'x' }}");
    expect(choiceAssignments(['package', 'tag'], choices, 4)?.map((a) => [...a.values()].join(' '))).toEqual(['a latest', 'a next', 'b latest', 'b next']);
    expect(choiceAssignments(['package', 'tag'], choices, 3)).toBeUndefined();
  });
});
