/**
 * Quoted scalars with under-indented continuation lines (src/yaml/quoted-indent.ts): GitHub
 * (YamlDotNet) accepts a single-quoted one, GitLab and CircleCI any; the yaml library neither.
 * react-native-device-info's stale.yml (actions/stale messages wrapped at column 0) runs on GitHub.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/yaml/parse.js';
import { repairQuotedIndent } from '../../src/yaml/quoted-indent.js';
import { GITHUB_PKG, lintFiles } from '../helpers.js';

const STALE = [
  'on: { schedule: [{ cron: "0 0 * * *" }] }',
  'jobs:',
  '  stale:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/stale@v9',
  '        with:',
  "          stale-issue-message: 'Hello, this issue has been opened for more than 2 months. If the issue is still",
  "here, please comment. It''s closed in 7 days'",
  "          exempt-issue-labels: 'Keep Open'",
  '',
].join('\n');
const DOUBLE = STALE.replace("'Hello", '"Hello').replace("days'", 'days"').replace("It''s", "It's");

describe('repairQuotedIndent', () => {
  it('indents the continuation lines of a single-quoted scalar just enough, keeping line numbers', () => {
    const repaired = repairQuotedIndent(STALE, 'single');
    expect(repaired?.split('\n')).toHaveLength(STALE.split('\n').length);
    expect(repaired?.split('\n')[8]).toBe("           here, please comment. It''s closed in 7 days'");
    const doc = parseYaml('w.yml', repaired!);
    expect(doc.problems).toEqual([]);
    expect(doc.root?.at('jobs', 'stale', 'steps')?.items()[0]?.at('with', 'stale-issue-message')?.value).toBe(
      "Hello, this issue has been opened for more than 2 months. If the issue is still here, please comment. It's closed in 7 days",
    );
  });
  it('leaves a double-quoted scalar to `any`', () => {
    expect(repairQuotedIndent(DOUBLE, 'single')).toBeUndefined();
    expect(parseYaml('c.yml', repairQuotedIndent(DOUBLE, 'any')!).problems).toEqual([]);
  });
  it('repairs nothing in a file without such a scalar, or with one that never closes', () => {
    expect(repairQuotedIndent('a: 1\nb: [\n', 'any')).toBeUndefined();
    expect(repairQuotedIndent("a:\n  b: 'open\nnever closed\n", 'any')).toBeUndefined();
  });
  it('control: a document marker inside the scalar is no continuation line', () => {
    expect(repairQuotedIndent("a:\n  b: 'x\n---\ny'\n", 'any')).toBeUndefined();
  });
});

describe('parseYaml with `quotedContinuation`', () => {
  it('reads the repaired text and says so; without the option the file does not parse', () => {
    const doc = parseYaml('w.yml', STALE, { quotedContinuation: 'single' });
    expect(doc.problems).toEqual([]);
    expect(doc.indentRepaired).toBe(true);
    expect(parseYaml('w.yml', STALE).problems.length).toBeGreaterThan(0);
  });
  it('control: a file over the nesting limit is not repaired (no stack overflow: test/cli.test.ts deep.yml)', () => {
    const deep = `on: push\njobs: ${'['.repeat(5000)}\n`;
    expect(parseYaml('w.yml', deep, { quotedContinuation: 'any' }).problems.map((p) => p.code)).toEqual(['too-deep']);
    expect(repairQuotedIndent(`a: '${'['.repeat(200000)}\nb'\n`, 'any')).toBeDefined();
  });
  it('control: a file broken elsewhere keeps its problems, from the file as written', () => {
    const broken = `${STALE}  bad: [\n`;
    const doc = parseYaml('w.yml', broken, { quotedContinuation: 'single' });
    expect(doc.problems.length).toBeGreaterThan(0);
    expect(doc.text).toBe(broken);
    expect(doc.indentRepaired).toBeUndefined();
  });
});

describe('invalid-yaml on the platforms', () => {
  it('a GitHub workflow with a single-quoted scalar wrapped at column 0 is valid', async () => {
    expect(await lintFiles({ '.github/workflows/stale.yml': STALE }, { rule: 'invalid-yaml' })).toEqual([]);
  });
  it('a GitHub workflow with a double-quoted one is not (YamlDotNet: "found wrong indentation")', async () => {
    expect((await lintFiles({ '.github/workflows/stale.yml': DOUBLE }, { rule: 'invalid-yaml' })).length).toBeGreaterThan(0);
  });
  it('no fix is offered in a workflow read after re-indenting (its offsets are not the file\'s)', async () => {
    const publish = ['on: push', 'permissions:', '  contents: read', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:', "      - name: 'Publish the package to", "npm'", '        run: npm publish', ''].join('\n');
    const found = (text: string) => lintFiles({ 'package.json': GITHUB_PKG, '.github/workflows/release.yml': text }, { rule: 'require-id-token-write' });
    const wrapped = await found(publish);
    expect(wrapped).toHaveLength(1);
    expect(wrapped[0]!.autofix ?? wrapped[0]!.suggestions).toBeUndefined();
    // control: the same workflow without the wrapped scalar gets its fix
    const plain = await found(publish.replace("to\nnpm'", "to npm'"));
    expect(plain[0]!.autofix ?? plain[0]!.suggestions).toBeDefined();
  });
  it('GitLab accepts both', async () => {
    const gitlab = "publish:\n  script:\n    - \"echo a long\nline\"\n    - 'echo b\nc'\n";
    expect(await lintFiles({ '.gitlab-ci.yml': gitlab }, { rule: 'invalid-yaml' })).toEqual([]);
  });
});
