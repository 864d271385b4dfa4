/**
 * Files a script writes from a heredoc before it runs them (src/model/npm/written-files.ts,
 * src/model/github/step-writes.ts): read from what was written, never from a committed file of
 * that name; a body the shell would change, an append or another write leave the file unread.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { splitCommands } from '../../src/model/npm/shell.js';
import { fileWrites, filesWrittenBy } from '../../src/model/npm/written-files.js';

describe('fileWrites', () => {
  const cases: { name: string; script: string; writes: [string, string | undefined][] }[] = [
    { name: 'cat <<EOF >f with a literal body (lovell/sharp)', script: "cat <<EOF >release.mjs\nimport sharp from 'sharp';\nEOF\n", writes: [['release.mjs', "import sharp from 'sharp';\n"]] },
    { name: 'cat > f <<\'EOF\': a quoted delimiter keeps `$`', script: "cat > publish.sh <<'EOF'\nnpm publish --tag $TAG\nEOF\n", writes: [['publish.sh', 'npm publish --tag $TAG\n']] },
    { name: 'a double-quoted delimiter too', script: 'cat > p.sh <<"EOF"\necho `date`\nEOF\n', writes: [['p.sh', 'echo `date`\n']] },
    { name: '<<- strips leading tabs', script: 'cat <<-EOF > p.sh\n\tnpm publish\n\tEOF\n', writes: [['p.sh', 'npm publish\n']] },
    { name: 'tee f <<EOF', script: "tee p.sh <<'EOF'\nnpm publish\nEOF\n", writes: [['p.sh', 'npm publish\n']] },
    { name: 'an unquoted body with `$`: unknown text', script: 'cat > p.sh <<EOF\nnpm publish --tag $TAG\nEOF\n', writes: [['p.sh', undefined]] },
    { name: 'an unquoted body with a backslash: unknown text', script: 'cat > p.sh <<EOF\nnpm publish \\\n  --tag next\nEOF\n', writes: [['p.sh', undefined]] },
    { name: 'a GitHub expression in a quoted body: unknown text', script: "cat > p.sh <<'EOF'\nnpm publish --tag ${{ inputs.tag }}\nEOF\n", writes: [['p.sh', undefined]] },
    { name: 'an append: unknown text', script: "cat >> p.sh <<'EOF'\nnpm publish\nEOF\n", writes: [['p.sh', undefined]] },
    { name: 'tee -a: unknown text', script: "tee -a p.sh <<'EOF'\nnpm publish\nEOF\n", writes: [['p.sh', undefined]] },
    { name: 'no closing delimiter: unknown text', script: "cat > p.sh <<'EOF'\nnpm publish\n", writes: [['p.sh', undefined]] },
    { name: 'another command writing a file: unknown text', script: 'curl -fsSL https://example.com/p.sh > p.sh\n', writes: [['p.sh', undefined]] },
    { name: 'cat of a file, not the heredoc: unknown text', script: "cat header.sh > p.sh <<'EOF'\nx\nEOF\n", writes: [['p.sh', undefined]] },
    { name: 'control: a target that is a value is not followed', script: "cat > \"$OUT\" <<'EOF'\nx\nEOF\n", writes: [] },
    { name: 'control: stderr to a file is no write of the output', script: 'node build.mjs 2> build.log\n', writes: [] },
    { name: 'control: a heredoc without an output file writes nothing', script: "node <<'EOF'\nconsole.log(1)\nEOF\n", writes: [] },
  ];
  it.each(cases)('$name', ({ script, writes }) => {
    expect(splitCommands(script).flatMap((c) => fileWrites(c).map((w) => [w.path, w.text]))).toEqual(writes);
  });

  it('follows a `cd` before the write, and joins the branches of an `if`', () => {
    const script = "cd tools\ncat > a.mjs <<'EOF'\nA\nEOF\nif [ -n \"$X\" ]; then\n  cat > b.sh <<'EOF'\nB\nEOF\nfi\n";
    expect([...(filesWrittenBy(script, '', undefined) ?? [])]).toEqual([
      ['tools/a.mjs', 'A\n'],
      ['tools/b.sh', undefined],
    ]);
  });
});

/** The publishes (label, confidence) and the unread commands of a script, with committed `files`. */
function read(script: string, files: Record<string, string> = {}, ctx: RecognizeContext = {}): { found: string[]; unread: string[] } {
  const analysis = analyzeScript(script, { shellFile: (f) => files[f], dir: '', ...ctx }, { unread: true });
  return { found: analysis.matches.map((m) => `${m.label} ${m.confidence} via ${m.via.map((v) => `${v.script}${v.file ? ':file' : ''}${v.at ? ':at' : ''}`).join('>')}`), unread: analysis.unread.map((u) => u.text ?? u.words.join(' ')) };
}

describe('a file the same script wrote', () => {
  const SMOKE = "import { deepStrictEqual } from 'node:assert';\nimport sharp from 'sharp';\ndeepStrictEqual(['.jpg'], sharp.format.jpeg.input.fileSuffix);\n";
  it('lovell/sharp: `node release.mjs` of a written smoke test publishes nothing', () => {
    expect(read(`cat <<EOF >release.mjs\n${SMOKE}EOF\nnpm install\nnode release.mjs\n`)).toEqual({ found: [], unread: [] });
  });
  it('control: not written, it is a command tp-doctor cannot read', () => {
    expect(read('npm install\nnode release.mjs\n')).toEqual({ found: [], unread: ['node release.mjs'] });
  });
  it('a written JavaScript file that may publish through a library stays unread', () => {
    expect(read("cat > release.mjs <<'EOF'\nimport { publish } from 'libnpmpublish';\nawait publish(m, t);\nEOF\nnode release.mjs\n").unread).toEqual(['node release.mjs']);
  });
  it('a written JavaScript file that hands `npm publish` to a child process: a guess, with no place in a file', () => {
    expect(read("cat > release.mjs <<'EOF'\nimport { execSync } from 'node:child_process';\nexecSync('npm publish');\nEOF\nnode release.mjs\n").found).toEqual(['npm publish (run by release.mjs) heuristic via release.mjs']);
  });
  it('a written shell script is read from its body, not from the committed file', () => {
    const files = { 'publish.sh': 'echo nothing\n' };
    expect(read("cat > publish.sh <<'EOF'\nnpm publish --provenance\nEOF\nbash publish.sh\n", files).found).toEqual(['npm publish heuristic via publish.sh']);
    expect(read('bash publish.sh\n', files)).toEqual({ found: [], unread: [] });
  });
  it('a committed script the job overwrites with a body that does not publish publishes nothing', () => {
    const files = { 'publish.sh': 'npm publish\n' };
    expect(read("cat > publish.sh <<'EOF'\necho done\nEOF\n./publish.sh\n", files)).toEqual({ found: [], unread: [] });
    expect(read('./publish.sh\n', files).found).toEqual(['npm publish heuristic via publish.sh:file']);
  });
  it('a body tp-doctor cannot read leaves the file unread, the committed one too', () => {
    const files = { 'publish.sh': 'echo nothing\n' };
    expect(read('cat > publish.sh <<EOF\nnpm publish --tag $TAG\nEOF\nbash publish.sh\n', files).unread).toEqual(['bash publish.sh']);
  });
  it('a file written in one branch only is unread after the branch', () => {
    const files = { 'p.sh': 'echo nothing\n' };
    expect(read("if [ -n \"$X\" ]; then\ncat > p.sh <<'EOF'\necho hi\nEOF\nfi\nbash p.sh\n", files).unread).toEqual(['bash p.sh']);
  });
  it('after a `cd`, the file in that directory', () => {
    expect(read(`cd tools\ncat <<EOF >release.mjs\n${SMOKE}EOF\ncd ..\nnode tools/release.mjs\n`)).toEqual({ found: [], unread: [] });
  });
  it('control: the same name in another directory is not the written file', () => {
    expect(read(`cd tools\ncat <<EOF >release.mjs\n${SMOKE}EOF\ncd ..\nnode release.mjs\n`).unread).toEqual(['node release.mjs']);
  });
});

function workflow(steps: string): string {
  return `on: push\npermissions: {}\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
}
const WRITE_STEP = "      - name: Create release.mjs\n        shell: bash\n        run: |\n          cat <<EOF >release.mjs\n          import sharp from 'sharp';\n          console.log(sharp.versions);\n          EOF\n";
const RUN_STEP = '      - name: Run with Node.js + npm\n        run: |\n          npm install\n          node release.mjs\n';

/** The certainty and label of each publish the workflow's job has, possible ones included. */
function publishes(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'sharp', version: '1.0.0' }), ...files })).workflows.flatMap((w) => w.jobs.flatMap((j) => j.steps.flatMap((s) => s.publishes.map((p) => `${p.certainty} ${p.match.label}`))));
}

describe('a file an earlier step of the job wrote (GitHub)', () => {
  it('lovell/sharp: no possible publish for the smoke test', () => {
    expect(publishes({ '.github/workflows/npm.yml': workflow(WRITE_STEP + RUN_STEP) })).toEqual([]);
  });
  it('control: without the step that writes it, `node release.mjs` in a step named for npm is a possible publish', () => {
    expect(publishes({ '.github/workflows/npm.yml': workflow(RUN_STEP) })).toEqual(['possible "node release.mjs"']);
  });
  it('a writing step that may be skipped leaves the file unknown', () => {
    const maybe = WRITE_STEP.replace('        shell: bash\n', "        if: github.event_name == 'push'\n        shell: bash\n").replace("if: github.event_name == 'push'", 'if: ${{ inputs.x }}');
    expect(publishes({ '.github/workflows/npm.yml': workflow(maybe + RUN_STEP) })).toEqual(['possible "node release.mjs"']);
  });
  it('a writing step in another directory writes another file', () => {
    const elsewhere = WRITE_STEP.replace('        shell: bash\n', '        shell: bash\n        working-directory: test\n');
    expect(publishes({ '.github/workflows/npm.yml': workflow(elsewhere + RUN_STEP) })).toEqual(['possible "node release.mjs"']);
  });
  it('control: a later step does not write for an earlier one', () => {
    expect(publishes({ '.github/workflows/npm.yml': workflow(RUN_STEP + WRITE_STEP) })).toEqual(['possible "node release.mjs"']);
  });
});

describe('a file an earlier script line wrote (GitLab)', () => {
  it('`before_script` writes, `script` runs: one shell', () => {
    const ci = "release:\n  before_script:\n    - |\n      cat > publish.sh <<'EOF'\n      npm publish --provenance\n      EOF\n  script:\n    - bash publish.sh\n";
    const labels = loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'a', version: '1.0.0' }), '.gitlab-ci.yml': ci, 'publish.sh': 'echo nothing\n' })).facts.sites.map((s) => s.publish.match.label);
    expect(labels).toEqual(['npm publish']);
  });
});
