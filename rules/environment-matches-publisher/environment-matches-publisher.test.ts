import { describe, expect, it } from 'vitest';
import { brief, lintFiles, publisherConfig } from '../../test/helpers.js';

const RULE = 'environment-matches-publisher';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

/** A release workflow; `environment` is inserted as line 9 (the job id `publish` is line 7). */
function release(environment?: string, publish = 'npm publish'): string {
  return [
    'name: Release',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'permissions: {}',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    ...(environment !== undefined ? [`    environment: ${environment}`] : []),
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    `      - run: ${publish}`,
    '',
  ].join('\n');
}

function repo(workflows: Record<string, string>, config?: string): Record<string, string> {
  const files: Record<string, string> = { 'package.json': PKG };
  for (const [name, text] of Object.entries(workflows)) files[`.github/workflows/${name}`] = text;
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
}

const CALLER = `name: CI
on:
  push:
    tags: ['v*']
jobs:
  release:
    permissions:
      id-token: write
      contents: read
    uses: ./.github/workflows/release.yml
`;

const CALLEE = (environment?: string): string =>
  release(environment).replace("on:\n  push:\n    tags: ['v*']", 'on:\n  workflow_call:');

interface Case {
  name: string;
  files: Record<string, string>;
  want: string[];
  data?: Record<string, string | number>;
}

const cases: Case[] = [
  {
    name: 'same environment',
    files: repo({ 'release.yml': release('npm') }, publisherConfig({ environment: 'npm' })),
    want: [],
  },
  {
    name: 'same environment, map form',
    files: repo({ 'release.yml': release('{ name: npm, url: https://www.npmjs.com/package/widget }') }, publisherConfig({ environment: 'npm' })),
    want: [],
  },
  { name: 'neither declares an environment', files: repo({ 'release.yml': release() }, publisherConfig({})), want: [] },
  {
    name: 'publisher names an environment, job has none',
    files: repo({ 'release.yml': release() }, publisherConfig({ environment: 'npm' })),
    want: ['missing@7:3-7:10'],
    data: { job: 'publish', expected: 'npm', workflow: 'release.yml', publishes: 'publishes' },
  },
  {
    name: 'a heuristic publish says "appears to publish"',
    files: repo({ 'release.yml': release(undefined, 'npm run release') }, publisherConfig({ environment: 'npm' })),
    want: ['missing@7:3-7:10'],
    data: { publishes: 'appears to publish' },
  },
  {
    name: 'job environment map without a name',
    files: repo({ 'release.yml': release('{ url: https://example.com }') }, publisherConfig({ environment: 'npm' })),
    want: ['missing@9:5-9:16'],
  },
  {
    name: 'case-only difference',
    files: repo({ 'release.yml': release('Release') }, publisherConfig({ environment: 'release' })),
    want: ['caseMismatch@9:18-9:25'],
    data: { actual: 'Release', expected: 'release', configPath: 'publishers[0].environment' },
  },
  {
    name: 'different name',
    files: repo({ 'release.yml': release('production') }, publisherConfig({ environment: 'npm' })),
    want: ['mismatch@9:18-9:28'],
    data: { actual: 'production', expected: 'npm' },
  },
  {
    name: 'different name in map form points at name:',
    files: repo({ 'release.yml': release('{ name: prod }') }, publisherConfig({ environment: 'npm' })),
    want: ['mismatch@9:26-9:30'],
  },
  {
    name: 'environment with spaces must match exactly',
    files: repo({ 'release.yml': release("'npm  publish'") }, publisherConfig({ environment: "'npm publish'" })),
    want: ['mismatch@9:18-9:32'],
    data: { actual: 'npm  publish', expected: 'npm publish' },
  },
  {
    name: 'job environment but none declared',
    files: repo({ 'release.yml': release('npm') }, publisherConfig({})),
    want: ['unexpected@9:18-9:21'],
    data: { actual: 'npm', index: 0, workflow: 'release.yml' },
  },
  {
    name: 'expression with a declared environment',
    files: repo({ 'release.yml': release('${{ inputs.env }}') }, publisherConfig({ environment: 'npm' })),
    want: ['expression@9:18-9:35'],
    data: { actual: '${{ inputs.env }}', expected: '"npm"' },
  },
  {
    name: 'expression without a declared environment',
    files: repo({ 'release.yml': release('${{ inputs.env }}') }, publisherConfig({})),
    want: ['expression@9:18-9:35'],
    data: { expected: 'no environment' },
  },
  {
    name: 'reusable workflow: the callee job is checked against the caller workflow',
    files: repo({ 'ci.yml': CALLER, 'release.yml': CALLEE() }, publisherConfig({ workflow: 'ci.yml', environment: 'npm' })),
    want: ['missing@6:3-6:10'],
    data: { workflow: 'ci.yml' },
  },
  {
    name: 'reusable workflow: callee with the environment is fine',
    files: repo({ 'ci.yml': CALLER, 'release.yml': CALLEE('npm') }, publisherConfig({ workflow: 'ci.yml', environment: 'npm' })),
    want: [],
  },
  {
    name: 'publisher for another workflow: left to publish-from-trusted-workflow',
    files: repo({ 'release.yml': release() }, publisherConfig({ workflow: 'deploy.yml', environment: 'npm' })),
    want: [],
  },
  {
    name: 'inferred publisher: silent',
    files: repo({ 'release.yml': release('npm') }),
    want: [],
  },
  {
    name: 'job that does not publish: silent',
    files: repo({ 'release.yml': release(undefined, 'npm test') }, publisherConfig({ environment: 'npm' })),
    want: [],
  },
  {
    name: 'two publishers on the workflow, one fits: silent',
    files: repo(
      { 'release.yml': release('npm') },
      publisherConfig({ environment: 'npm', extra: '    packages: [widget]\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: other\n    packages: [gadget]' }),
    ),
    want: [],
  },
  {
    name: 'two publishers on the workflow, none fits: both reported',
    files: repo(
      { 'release.yml': release('prod') },
      publisherConfig({ environment: 'npm', extra: '  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: Prod' }),
    ),
    want: ['caseMismatch@9:18-9:22', 'mismatch@9:18-9:22'],
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

  it('renders the message, severity and the related config location', async () => {
    const [d] = await lintFiles(repo({ 'release.yml': release('Release') }, publisherConfig({ environment: 'release' })), { rule: RULE });
    expect(d?.severity).toBe('error');
    expect(d?.message).toBe('Environment "Release" differs only in case from the trusted publisher\'s environment "release"');
    expect(d?.fix).toBe('Set `jobs.publish.environment` to "release" (or, if npmjs.com says "Release", correct `publishers[0].environment`)');
    expect(d?.related).toEqual([
      { file: 'tp-doctor.yml', start: { line: 5, column: 18 }, end: { line: 5, column: 25 }, label: 'trusted publisher environment' },
    ]);
  });

  it('uses lower severities for the unprovable cases', async () => {
    const [unexpected] = await lintFiles(repo({ 'release.yml': release('npm') }, publisherConfig({})), { rule: RULE });
    expect(unexpected?.severity).toBe('warning');
    expect(unexpected?.why).toContain('reported to fail');
    expect(unexpected?.related[0]).toMatchObject({ file: 'tp-doctor.yml', start: { line: 2, column: 5 }, label: 'trusted publisher' });
    const [expression] = await lintFiles(
      repo({ 'release.yml': release('${{ inputs.env }}') }, publisherConfig({ environment: 'npm' })),
      { rule: RULE },
    );
    expect(expression?.severity).toBe('info');
  });
});
