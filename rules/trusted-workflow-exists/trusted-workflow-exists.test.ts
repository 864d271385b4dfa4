import { describe, expect, it } from 'vitest';
import { brief, lintFiles, publisherConfig } from '../../test/helpers.js';
import { editDistance, findNearMiss } from './near-miss.js';

const RULE = 'trusted-workflow-exists';

const WORKFLOW = `name: Release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm publish
`;

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

function repo(workflowFiles: string[], config?: string): Record<string, string> {
  const files: Record<string, string> = { 'package.json': PKG };
  for (const name of workflowFiles) files[`.github/workflows/${name}`] = WORKFLOW;
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
}

interface Case {
  name: string;
  files: Record<string, string>;
  want: string[];
  data?: Record<string, string>;
}

// `workflow: <value>` is line 4 of publisherConfig(); the value starts at column 15.
const span = (value: string): string => `4:15-4:${15 + value.length}`;

const cases: Case[] = [
  { name: 'declared file exists', files: repo(['ci.yml', 'release.yml'], publisherConfig({})), want: [] },
  {
    name: 'declared .yaml file exists',
    files: repo(['release.yaml'], publisherConfig({ workflow: 'release.yaml' })),
    want: [],
  },
  {
    name: 'no file with that name or anything close',
    files: repo(['ci.yml', 'docs.yml'], publisherConfig({ workflow: 'publish-npm.yml' })),
    want: [`missing@${span('publish-npm.yml')}`],
    data: { workflow: 'publish-npm.yml', available: '"ci.yml", "docs.yml"', path: 'publishers[0].workflow' },
  },
  {
    name: 'same name, other extension',
    files: repo(['publish.yaml'], publisherConfig({ workflow: 'publish.yml' })),
    want: [`otherExtension@${span('publish.yml')}`],
    data: { workflow: 'publish.yml', actual: 'publish.yaml' },
  },
  {
    name: 'same name, .yml on disk while .yaml is declared',
    files: repo(['publish.yml', 'ci.yml'], publisherConfig({ workflow: 'publish.yaml' })),
    want: [`otherExtension@${span('publish.yaml')}`],
    data: { actual: 'publish.yml' },
  },
  {
    name: 'case-only difference',
    files: repo(['publish.yml'], publisherConfig({ workflow: 'Publish.yml' })),
    want: [`caseMismatch@${span('Publish.yml')}`],
    data: { workflow: 'Publish.yml', actual: 'publish.yml' },
  },
  {
    name: 'typo within edit distance 2',
    files: repo(['ci.yml', 'release.yml'], publisherConfig({ workflow: 'relase.yml' })),
    want: [`similar@${span('relase.yml')}`],
    data: { workflow: 'relase.yml', actual: 'release.yml' },
  },
  {
    name: 'the closest of several similar names is suggested',
    files: repo(['publish-a.yml', 'publish.yml'], publisherConfig({ workflow: 'publsh.yml' })),
    want: [`similar@${span('publsh.yml')}`],
    data: { actual: 'publish.yml' },
  },
  {
    name: 'no .github/workflows directory',
    files: { 'package.json': PKG, 'tp-doctor.yml': publisherConfig({}) },
    want: [`noWorkflows@${span('release.yml')}`],
    data: { workflow: 'release.yml' },
  },
  {
    name: 'workflows directory without workflow files',
    files: { 'package.json': PKG, '.github/workflows/README.md': '# notes\n', 'tp-doctor.yml': publisherConfig({}) },
    want: [`noWorkflows@${span('release.yml')}`],
  },
  {
    name: 'second publisher: path names its index',
    files: repo(
      ['release.yml'],
      `${publisherConfig({})}  - provider: github\n    repository: acme/widget\n    workflow: deploy.yml\n`,
    ),
    want: ['missing@7:15-7:25'],
    data: { path: 'publishers[1].workflow' },
  },
  { name: 'inferred publisher: silent', files: repo(['ci.yml']), want: [] },
  {
    name: 'a path is left to publisher-config-valid',
    files: repo(['release.yml'], publisherConfig({ workflow: '.github/workflows/relase.yml' })),
    want: [],
  },
  {
    name: 'an upper-case extension is left to publisher-config-valid',
    files: repo(['release.yml'], publisherConfig({ workflow: 'release.YML' })),
    want: [],
  },
  {
    name: 'a name without YAML extension is left to publisher-config-valid',
    files: repo(['release.yml'], publisherConfig({ workflow: 'relase' })),
    want: [],
  },
];

describe(RULE, () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await lintFiles(c.files, { rule: RULE });
      expect(found.map(brief)).toEqual(c.want);
      if (c.data) expect(found[0]?.data).toMatchObject(c.data);
    });
  }

  it('renders the message and points at the existing file', async () => {
    const [d] = await lintFiles(repo(['publish.yaml'], publisherConfig({ workflow: 'publish.yml' })), { rule: RULE });
    expect(d?.file).toBe('tp-doctor.yml');
    expect(d?.message).toBe('Trusted workflow "publish.yml" does not exist; the file is "publish.yaml", with another extension');
    expect(d?.fix).toContain('rename `.github/workflows/publish.yaml` to "publish.yml"');
    expect(d?.related).toEqual([
      {
        file: '.github/workflows/publish.yaml',
        start: { line: 1, column: 1 },
        end: { line: 1, column: 1 },
        label: 'existing workflow "publish.yaml"',
      },
    ]);
  });

  it('lists at most five existing files', async () => {
    const names = ['a.yml', 'b.yml', 'c.yml', 'd.yml', 'e.yml', 'f.yml', 'g.yml'];
    const [d] = await lintFiles(repo(names, publisherConfig({ workflow: 'publish-to-npm.yml' })), { rule: RULE });
    expect(d?.data.available).toBe('"a.yml", "b.yml", "c.yml", "d.yml", "e.yml", and 2 more');
  });
});

describe('near-miss helpers', () => {
  it.each([
    ['release.yml', 'release.yml', 0],
    ['relase.yml', 'release.yml', 1],
    ['Publish.yaml', 'publish.yml', 2],
    ['ci.yml', 'release.yml', 7],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('stops early past the limit', () => {
    expect(editDistance('ci.yml', 'release.yml', 2)).toBe(3);
  });

  it('prefers the other extension over a case or typo match', () => {
    expect(findNearMiss('publish.yml', ['Publish.yml', 'publish.yaml'])).toEqual({ kind: 'otherExtension', name: 'publish.yaml' });
    expect(findNearMiss('publish.yml', ['publisj.yml', 'Publish.yml'])).toEqual({ kind: 'caseMismatch', name: 'Publish.yml' });
    expect(findNearMiss('publish.yml', ['deploy.yml'])).toBeUndefined();
  });
});
