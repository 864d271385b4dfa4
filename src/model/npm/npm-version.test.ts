import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import { installersAlong, isFloatingSpec, npmAfter, npmEngines, npmInstallsOn, olderSpecBounds, resolveNpmSpec, selfUpgradeCrash, type NpmAtPublish, type NpmUpgradeAt } from './npm-version.js';
import type { NodeResolution } from './node-version.js';
import { npmAtPublish } from '../github/npm-upgrades.js';

describe('resolveNpmSpec', () => {
  const cases: [string, string | undefined][] = [
    ['latest', '12.2.2'],
    ['', '12.2.2'],
    ['11', '11.21.2'],
    ['^11.5.1', '11.21.2'],
    ['11.x', '11.21.2'],
    ['~11.5.0', '11.5.2'],
    ['11.5.1', '11.5.1'],
    ['v11.6.0', '11.6.0'],
    ['10', '10.9.9'],
    ['>=11', '12.2.2'],
    ['*', '12.2.2'],
    ['9', '9.9.4'],
    ['next-11', undefined],
    ['$NPM_VERSION', undefined],
    ['${{', undefined],
    ['13', undefined],
  ];
  for (const [spec, version] of cases) it(`npm@${spec || '(bare)'} → ${version ?? 'unknown'}`, () => expect(resolveNpmSpec(spec)).toBe(version));
});

describe('olderSpecBounds', () => {
  // Specs the table cannot resolve (it starts at 6.14.18) whose every version is below 11.5.1.
  const cases: [string, { min: string; max: string; spec: string } | undefined][] = [
    ['4', { min: '4.0.0', max: '5.0.0-0', spec: '4' }],
    ['4.x', { min: '4.0.0', max: '5.0.0-0', spec: '4.x' }],
    ['v4.6', { min: '4.6.0', max: '4.7.0-0', spec: '4.6' }],
    ['^3.10.0', { min: '3.10.0', max: '4.0.0-0', spec: '^3.10.0' }],
    ['<6', { min: '0.0.0', max: '6.0.0-0', spec: '<6' }],
    ['<=5.6.0', { min: '0.0.0', max: '5.6.0', spec: '<=5.6.0' }],
    ['5.6.0', undefined], // an exact version resolves as written
    ['3 || 4', { min: '3.0.0', max: '5.0.0-0', spec: '3 || 4' }],
    ['4 || >=11', undefined],
    ['>=4', undefined],
    ['latest', undefined],
    ['next-4', undefined],
    ['13', undefined],
    ['6', undefined],
    ['<9', undefined],
    ['$NPM', undefined],
  ];
  for (const [spec, bounds] of cases) it(`npm@${spec} → ${bounds ? `${bounds.min}–${bounds.max}` : 'none'}`, () => expect(olderSpecBounds(spec)).toEqual(bounds));
});

describe('selfUpgradeCrash (promise-retry, A.46)', () => {
  const npm = (min: string, max = min) => ({ min, max });
  it('is certain for npm 10.9.5 to 10.9.7 installing npm 11.12.0 or later', () => {
    expect(selfUpgradeCrash(npm('10.9.7'), '12.2.2')).toBe('certain');
    expect(selfUpgradeCrash(npm('10.9.5', '10.9.7'), '11.12.0')).toBe('certain');
    expect(selfUpgradeCrash(npm('10.9.7'), '11.12.1')).toBe('certain');
  });
  it('is possible when the installer may be one of them', () => {
    expect(selfUpgradeCrash(npm('10.9.4', '10.9.7'), '12.2.2')).toBe('possible');
    expect(selfUpgradeCrash(npm('10.9.7', '10.9.9'), '11.21.2')).toBe('possible');
  });
  it('is nothing for an npm that still ships promise-retry, a fixed or older installer, or an unknown side', () => {
    expect(selfUpgradeCrash(npm('10.9.7'), '11.11.1')).toBeUndefined();
    expect(selfUpgradeCrash(npm('10.9.7'), '10.9.8')).toBeUndefined();
    expect(selfUpgradeCrash(npm('10.9.8'), '12.2.2')).toBeUndefined();
    expect(selfUpgradeCrash(npm('10.9.4'), '12.2.2')).toBeUndefined();
    expect(selfUpgradeCrash(npm('11.11.0'), '12.2.2')).toBeUndefined();
    expect(selfUpgradeCrash(undefined, '12.2.2')).toBeUndefined();
    expect(selfUpgradeCrash(npm('10.9.7'), undefined)).toBeUndefined();
  });
});

describe('isFloatingSpec', () => {
  const cases: [string, boolean][] = [
    ['latest', true],
    ['', true],
    ['*', true],
    ['>=11', true],
    ['11', false],
    ['^11.5.1', false],
    ['11.5.1', false],
    ['12', false],
    ['next-11', false],
  ];
  for (const [spec, floating] of cases) it(`npm@${spec || '(bare)'}`, () => expect(isFloatingSpec(spec)).toBe(floating));
});

describe('engines', () => {
  it('knows each line', () => {
    expect(npmEngines('12.2.0')).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
    expect(npmEngines('11.5.1')).toBe('^20.17.0 || >=22.9.0');
    expect(npmEngines('99.0.0')).toBeUndefined();
  });
  const cases: [string, string | undefined, boolean][] = [
    ['12.2.0', '22.15.0', false],
    ['12.2.0', '22.22.1', false],
    ['12.2.0', '22.22.2', true],
    ['12.2.0', '24.14.1', false],
    ['12.2.0', '24.15.0', true],
    ['12.2.0', '20.20.2', false],
    ['11.21.1', '20.20.2', true],
    ['11.21.1', '20.16.0', false],
    ['11.21.1', '18.20.8', false],
    ['12.2.0', undefined, true],
  ];
  for (const [npm, node, ok] of cases) it(`npm ${npm} on Node ${node ?? '?'}`, () => expect(npmInstallsOn(npm, node)).toBe(ok));
});

describe('npmAtPublish', () => {
  const W = '.github/workflows/release.yml';
  const job = (steps: string, extra = ''): string =>
    `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n${extra}    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: \${{ matrix.node || '22.15.0' }}\n${steps}`;
  function show(a: NpmAtPublish): string {
    const npm = a.npm ? (a.npm.min === a.npm.max ? a.npm.min : `${a.npm.min}-${a.npm.max}`) : `unknown (${a.unknown})`;
    const up = a.upgrade ? ` by "${a.upgrade.upgrade.text}" @${a.upgrade.location.start.line}:${a.upgrade.location.start.column}` : '';
    return `Node ${a.node.version}: npm ${npm} (${a.source}${up})${a.upgradeFails ? ' EBADENGINE' : ''}`;
  }
  function resolve(files: Record<string, string>): string[] {
    const project = loadProject(new MemoryFs(files));
    const j = project.workflows[0]!.jobs[0]!;
    return project.facts.jobSites(j).flatMap((site) => npmAtPublish(project, j, site.step, site.publish).map(show));
  }
  const cases: [string, Record<string, string>, string[]][] = [
    ['bundled', { [W]: job('      - run: npm publish\n') }, ['Node 22.15.0: npm 10.9.2 (bundled)']],
    [
      'an earlier step upgrades npm; the engine check passes',
      { [W]: job('      - run: npm install -g npm@^11.5.1\n      - run: npm publish\n') },
      ['Node 22.15.0: npm 11.21.2 (upgrade by "npm install -g npm@^11.5.1" @9:14)'],
    ],
    [
      'npm@latest fails on Node 22.15 (EBADENGINE)',
      { [W]: job('      - run: |\n          npm i -g npm@latest\n          npm publish\n') },
      ['Node 22.15.0: npm 12.2.2 (upgrade by "npm i -g npm@latest" @10:11) EBADENGINE'],
    ],
    [
      // npm 10.9.2 (bundled) picks by engines for a bare name, --force or not (npm/cli#8798).
      'a bare `npm` installs the newest npm whose engines fit the Node, --force or not',
      { [W]: job('      - run: sudo npm install --force --global npm\n      - run: npm publish\n') },
      ['Node 22.15.0: npm 11.21.2 (upgrade by "sudo npm install --force --global npm" @9:14)'],
    ],
    [
      'so does a range',
      { [W]: job("      - run: npm install -g 'npm@>=11.5.1'\n      - run: npm publish\n") },
      ['Node 22.15.0: npm 11.21.2 (upgrade by "npm install -g \'npm@>=11.5.1\'" @9:14)'],
    ],
    [
      'with --force an explicit tag is installed anyway',
      { [W]: job('      - run: npm install --force -g npm@latest\n      - run: npm publish\n') },
      ['Node 22.15.0: npm 12.2.2 (upgrade by "npm install --force -g npm@latest" @9:14)'],
    ],
    [
      'an npm before 10.8.2 takes the bare name as `latest`',
      { [W]: job('      - run: npm i -g npm\n      - run: npm publish\n').replace("'22.15.0'", "'20.16.0'") },
      ['Node 20.16.0: npm 12.2.2 (upgrade by "npm i -g npm" @9:14) EBADENGINE'],
    ],
    [
      'an upgrade after the publish line does not count',
      { [W]: job('      - run: |\n          npm publish\n          npm i -g npm@11\n') },
      ['Node 22.15.0: npm 10.9.2 (bundled)'],
    ],
    [
      'the last upgrade wins',
      { [W]: job('      - run: npm i -g npm@11\n      - run: corepack install -g npm@10.9.0\n      - run: npm publish\n') },
      ['Node 22.15.0: npm 10.9.0 (upgrade by "corepack install -g npm@10.9.0" @10:14)'],
    ],
    [
      'npx npm@X publish pins the version',
      { [W]: job('      - run: npx -y npm@11.6.0 publish\n') },
      ['Node 22.15.0: npm 11.6.0 (pinned)'],
    ],
    [
      'an upgrade to a version tp-doctor cannot read',
      { [W]: job('      - run: npm i -g npm@$NPM\n      - run: npm publish\n') },
      ['Node 22.15.0: npm unknown ("npm i -g npm@$NPM" installs an npm version tp-doctor cannot read) (upgrade by "npm i -g npm@$NPM" @9:14)'],
    ],
    [
      'one answer per matrix value',
      { [W]: job('      - run: npm i -g npm@latest\n      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 24]\n') },
      [
        'Node 20.20.2: npm 12.2.2 (upgrade by "npm i -g npm@latest" @12:14) EBADENGINE',
        'Node 24.23.0: npm 12.2.2 (upgrade by "npm i -g npm@latest" @12:14)',
      ],
    ],
    [
      'an upgrade inside a local composite action, with its input',
      {
        '.github/actions/npm/action.yml':
          "inputs:\n  npm-version:\n    default: latest\nruns:\n  using: composite\n  steps:\n    - run: npm install -g npm@${{ inputs.npm-version }}\n      shell: bash\n",
        [W]: job('      - uses: ./.github/actions/npm\n        with:\n          npm-version: 11\n      - run: npm publish\n'),
      },
      ['Node 22.15.0: npm 11.21.2 (upgrade by "npm install -g npm@11" @9:15)'],
    ],
  ];
  for (const [name, files, want] of cases) it(name, () => expect(resolve(files)).toEqual(want));
});

describe('npmAfter: a command run under another tool\'s Node or PATH', () => {
  const node = { version: '20.20.2', npm: { min: '10.8.2', max: '10.8.2' }, origins: [] };
  const rows: [name: string, pinned: string | undefined, shim: { path: string; holds: string } | undefined, want: object][] = [
    ['no shim: the bundled npm', undefined, undefined, { source: 'bundled', npm: { min: '10.8.2', max: '10.8.2' } }],
    ['mise\'s Node: unknown', undefined, { path: 'mise x node --', holds: 'runtime' }, { source: 'pinned', unknown: "the command runs under `mise x node --`, with that tool's Node and the npm it bundles, not the job's" }],
    ['mise\'s Node with a pinned npm: the pin', '11.6.0', { path: 'mise x node --', holds: 'runtime' }, { source: 'pinned', npm: { min: '11.6.0', max: '11.6.0' } }],
    ['a PATH folder: unknown even with a pin', '11.6.0', { path: './bin', holds: 'install' }, { source: 'pinned', unknown: 'the command runs with `PATH=./bin`, where another `npm` may come first' }],
  ];
  it.each(rows)('%s', (_name, pinned, pathShim, want) => {
    expect(npmAfter(node, [], pinned, pathShim === undefined ? {} : { pathShim })).toEqual(want);
  });
});

describe('installersAlong', () => {
  // The npm that runs each upgrade, one pass per Node, must be what npmAfter says of each prefix.
  const up = (spec: string, tolerated = false): NpmUpgradeAt => ({
    upgrade: { spec, offset: 0, end: 0, text: `npm i -g npm@${spec}`, force: false, viaCorepack: false },
    location: { file: 'x', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } as unknown as NpmUpgradeAt['location'],
    version: resolveNpmSpec(spec),
    ...(tolerated ? { tolerated: true } : {}),
  });
  const upgrades = [up('10.9.7'), up('latest', true), up('11.12.1'), up('latest'), up('9'), up('^11.5.1')];
  const nodes = [
    { version: '20.20.2', spec: '20', npm: { min: '10.8.2', max: '10.8.2' } },
    { version: '24.15.0', spec: '24', npm: { min: '11.12.1', max: '11.12.1' } },
  ] as unknown as NodeResolution[];
  for (const node of nodes) {
    const want = upgrades.map((_, i) => npmAfter(node, upgrades.slice(0, i)).npm);
    it(`Node ${node.version}: in order`, () => {
      const at = installersAlong(upgrades);
      expect(upgrades.map((_, i) => at(node, i))).toEqual(want);
    });
    it(`Node ${node.version}: out of order`, () => {
      const at = installersAlong(upgrades);
      expect([5, 2, 4, 0, 3, 1].map((i) => at(node, i))).toEqual([5, 2, 4, 0, 3, 1].map((i) => want[i]));
    });
  }
  it('a tolerated failure leaves the npm the job had', () => {
    const node = nodes[0]!;
    const at = installersAlong(upgrades);
    expect(at(node, 2)).toEqual(at(node, 1));
    expect(at(node, 1)).toEqual({ min: '10.9.7', max: '10.9.7' });
  });
});
