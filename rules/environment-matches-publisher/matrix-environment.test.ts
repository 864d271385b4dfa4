import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, lintFiles, publisherConfig } from '../../test/helpers.js';

/**
 * survey919b D2: `environment: ${{ matrix.env }}` is read per matrix leg, as `runs-on: ${{ matrix.os }}`
 * is (src/model/github/job-environment.ts `matrixEnvironments`): each leg's value is compared as a
 * literal `environment:` would be (a leg without the key stays unknown). A leg whose value another publisher of the workflow names may
 * publish that one's packages; a matrix tp-doctor cannot expand stays the "is an expression" info.
 */
const RULE = 'environment-matches-publisher';

/** `release.yml`: a matrix of `legs` (each `env` value, or undefined for none), `environment` on the line after them; `stepIf`: the publish step's `if:`. */
function release(legs: (string | undefined)[], environment = '${{ matrix.env }}', stepIf?: string): string {
  return [
    'on:',
    '  push:',
    'permissions:',
    '  id-token: write',
    'jobs:',
    '  publish:',
    '    strategy:',
    '      matrix:',
    '        include:',
    ...legs.flatMap((env, i) => [`          - pkg: p${i}`, ...(env === undefined ? [] : [`            env: ${env}`])]),
    '    runs-on: ubuntu-latest',
    `    environment: ${environment}`,
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    '        working-directory: packages/${{ matrix.pkg }}',
    ...(stepIf === undefined ? [] : [`        if: ${stepIf}`]),
    '',
  ].join('\n');
}

async function lint(workflow: string, config: string): Promise<string[]> {
  const found = await lintFiles({ 'package.json': GITHUB_PKG, '.github/workflows/release.yml': workflow, 'tp-doctor.yml': config }, { rule: RULE });
  return found.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('environment-matches-publisher on a matrix environment', () => {
  it('a leg whose value differs: the error a literal gives, at the matrix value', async () => {
    expect(await lint(release(['npm', 'npm-b']), publisherConfig({ environment: 'npm' }))).toEqual([
      '13:18 error Environment "npm-b" does not match the trusted publisher\'s environment "npm"',
    ]);
  });

  it('every leg the publisher’s: quiet', async () => {
    expect(await lint(release(['npm', 'npm']), publisherConfig({ environment: 'npm' }))).toEqual([]);
  });

  it('a case-only difference', async () => {
    expect(await lint(release(['NPM']), publisherConfig({ environment: 'npm' }))).toEqual(['11:18 error Environment "NPM" differs only in case from the trusted publisher\'s environment "npm"']);
  });

  it('a leg whose value is empty: no environment there', async () => {
    expect(await lint(release(['npm', "''"]), publisherConfig({ environment: 'npm' }))).toEqual([
      '13:18 error Job "publish" publishes without an environment in a matrix leg: `${{ matrix.env }}` is empty there (matrix value "" (pkg=p1, env=)); the trusted publisher for "release.yml" expects environment "npm"',
    ]);
  });

  it('a leg without the key: unknown, the info', async () => {
    expect(await lint(release(['npm', undefined]), publisherConfig({ environment: 'npm' }))).toEqual([
      '14:18 info Environment "${{ matrix.env }}" is an expression; the trusted publisher for "release.yml" expects "npm"',
    ]);
  });

  it('each package’s publisher names its leg’s environment: quiet', async () => {
    const extra = '  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm-b';
    expect(await lint(release(['npm', 'npm-b']), publisherConfig({ environment: 'npm', extra }))).toEqual([]);
  });

  it('a publisher without environment: each named leg is unexpected', async () => {
    expect(await lint(release(['npm']), publisherConfig({}))).toEqual([
      '11:18 warning Job "publish" publishes in environment "npm", but the trusted publisher for "release.yml" declares no environment',
    ]);
  });

  it('an expression that is not a whole matrix reference stays the info', async () => {
    expect(await lint(release(['npm'], 'pub-${{ matrix.env }}'), publisherConfig({ environment: 'npm' }))).toEqual([
      '13:18 info Environment "pub-${{ matrix.env }}" is an expression; the trusted publisher for "release.yml" expects "npm"',
    ]);
  });

  // review921 G, G4: a leg in which no publish step runs publishes nothing there; the step's `if:` is read per leg.
  it('a leg whose value is empty but whose publish step’s `if:` rules it out: quiet', async () => {
    expect(await lint(release(['npm', "''"], undefined, "matrix.env != ''"), publisherConfig({ environment: 'npm' }))).toEqual([]);
  });

  it('a leg whose value differs but whose publish step’s `if:` rules it out: quiet', async () => {
    expect(await lint(release(['npm', 'docs'], undefined, "matrix.env == 'npm'"), publisherConfig({ environment: 'npm' }))).toEqual([]);
  });

  it('the step’s `if:` keeps the leg that differs: the error, at its value', async () => {
    expect(await lint(release(['npm', 'docs'], undefined, "${{ matrix.env == 'docs' }}"), publisherConfig({ environment: 'npm' }))).toEqual([
      '13:18 error Environment "docs" does not match the trusted publisher\'s environment "npm"',
    ]);
  });

  it('a step `if:` on the matrix tp-doctor cannot evaluate, a leg that differs: the info, no error on a guess', async () => {
    expect(await lint(release(['npm', "''"], undefined, 'contains(fromJSON(vars.NPM_ENVS), matrix.env)'), publisherConfig({ environment: 'npm' }))).toEqual([
      '15:18 info Environment "${{ matrix.env }}" is an expression; the trusted publisher for "release.yml" expects "npm"',
    ]);
  });

  it('a step `if:` with `contains` of the leg and a literal is evaluated: the leg that differs never publishes, quiet', async () => {
    expect(await lint(release(['npm', "''"], undefined, "contains(matrix.env, 'npm')"), publisherConfig({ environment: 'npm' }))).toEqual([]);
  });

  it('a step `if:` on the matrix tp-doctor cannot evaluate, every leg fits: quiet', async () => {
    expect(await lint(release(['npm', 'npm'], undefined, "contains(matrix.env, 'npm')"), publisherConfig({ environment: 'npm' }))).toEqual([]);
  });

  it('a step `if:` that reads no matrix value is the same in every leg: the error, as for a literal name', async () => {
    expect(await lint(release(['npm', 'docs'], undefined, "github.ref == 'refs/heads/main'"), publisherConfig({ environment: 'npm' }))).toEqual([
      '13:18 error Environment "docs" does not match the trusted publisher\'s environment "npm"',
    ]);
  });

  it('a job `if:` on the matrix tp-doctor cannot evaluate, a leg that differs: the info', async () => {
    const workflow = release(['npm', 'docs']).replace('    runs-on:', '    if: contains(fromJSON(vars.NPM_ENVS), matrix.env)\n    runs-on:');
    expect(await lint(workflow, publisherConfig({ environment: 'npm' }))).toEqual([
      '16:18 info Environment "${{ matrix.env }}" is an expression; the trusted publisher for "release.yml" expects "npm"',
    ]);
  });

  // review921 M_30_2: 3 × 30 × 30 legs; the first 256 all have env=npm, the cut-off ones "" and "other".
  it('a matrix cut at GitHub’s 256 combinations stays the info', async () => {
    const values = `[${Array.from({ length: 30 }, (_, i) => `v${i}`).join(', ')}]`;
    const workflow = release(['npm']).replace(/ {8}include:\n {10}- pkg: p0\n {12}env: npm\n/, `        env: [npm, '', other]\n        a: ${values}\n        b: ${values}\n`);
    expect(await lint(workflow, publisherConfig({ environment: 'npm' }))).toEqual([
      '13:18 info Environment "${{ matrix.env }}" is an expression; the trusted publisher for "release.yml" expects "npm"',
    ]);
  });
});
