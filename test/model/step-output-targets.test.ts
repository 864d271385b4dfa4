/**
 * A publish argument that is a step output every write of which in the job is a literal
 * (gsd-build/gsd-2: `npm publish --ignore-scripts ${{ steps.version-check.outputs.tag_flag }}` after
 * `echo "tag_flag=--tag next" >> "$GITHUB_OUTPUT"` or `echo "tag_flag=" >> "$GITHUB_OUTPUT"`): when
 * every value gives only options that choose nothing, it is no directory argument, and the publish
 * publishes what it would without it. src/model/github/step-outputs.ts, src/model/npm/targets.ts.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { githubOutputLines } from '../../src/model/github/step-outputs.js';

const pkg = (name: string, more: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...more });

const FILES = {
  'package.json': pkg('root-pkg', { workspaces: ['packages/*'] }),
  'packages/a/package.json': pkg('@o/a'),
  'packages/b/package.json': pkg('@o/b'),
  'native/npm/x64/package.json': pkg('@o/engine-x64'),
  'native/npm/arm64/package.json': pkg('@o/engine-arm64'),
};

const EVERY = 'unknown[@o/a,@o/b] ""';
const ROOT = 'single[root-pkg] ""';

const BRANCHES = 'if [ -n "$PRE" ]; then\n  echo "flag=--tag next" >> "$GITHUB_OUTPUT"\nelse\n  echo "flag=" >> "$GITHUB_OUTPUT"\nfi';

interface Case {
  name: string;
  /** The `run:` of the step with id `v`. */
  writer: string;
  /** The publishing `run:`. */
  run: string;
  want: string;
  /** The writer is an action step instead. */
  action?: boolean;
}

const cases: Case[] = [
  { name: 'gsd-2: --tag next or nothing', writer: BRANCHES, run: 'npm publish --ignore-scripts ${{ steps.v.outputs.flag }}', want: ROOT },
  // The gsd-2 writer reads the version with `node -p` and `grep`: no program that may write the file itself.
  { name: 'the writer reads its version with node -p and grep', writer: `V=$(node -p "require('./package.json').version")\nif echo "$V" | grep -q next; then echo "flag=--tag next" >> "$GITHUB_OUTPUT"; fi`, run: 'npm publish ${{ steps.v.outputs.flag }}', want: ROOT },
  // Review of 2026-12-05: a program the step runs may write `$GITHUB_OUTPUT` itself (`flag=packages/a`).
  { name: 'control: the writer also runs a program (node scripts/pick-dir.js)', writer: `node scripts/pick-dir.js\n${BRANCHES}`, run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: node -e with code that writes a file', writer: `node -e "require('fs').appendFileSync(process.env.GITHUB_OUTPUT, 'flag=packages/a')"\n${BRANCHES}`, run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: npm run in the writer', writer: `npm run pick\n${BRANCHES}`, run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'inside $(...)', writer: BRANCHES, run: 'OUT=$(npm publish ${{ steps.v.outputs.flag }} 2>&1) && echo "$OUT"', want: ROOT },
  { name: 'one write, --access public --tag=beta', writer: 'echo "flag=--access public --tag=beta" >> $GITHUB_OUTPUT', run: 'npm publish ${{ steps.v.outputs.flag }}', want: ROOT },
  { name: 'printf and tee', writer: "printf 'flag=%s\\n' '--dry-run' >> \"$GITHUB_OUTPUT\"\necho 'flag=--provenance' | tee -a $GITHUB_OUTPUT", run: 'npm publish ${{ steps.v.outputs.flag }}', want: ROOT },
  { name: 'pnpm publish in a package directory', writer: BRANCHES, run: 'cd packages/a && pnpm publish --no-git-checks ${{ steps.v.outputs.flag }}', want: 'single[@o/a] "packages/a"' },
  {
    name: 'gsd-2: a loop over platform directories, a templated cd',
    writer: BRANCHES,
    run: 'for platform in x64 arm64; do\n  cd "native/npm/${platform}"\n  OUT=$(npm publish --access public ${{ steps.v.outputs.flag }} 2>&1) || exit 1\n  cd "$GITHUB_WORKSPACE"\ndone',
    want: 'unknown[@o/engine-arm64,@o/engine-x64] ?',
  },
  // Controls: a value that may choose other packages, or values tp-doctor cannot list, keep the publish unknown.
  { name: 'control: a value that holds --workspaces', writer: 'echo "flag=--workspaces" >> "$GITHUB_OUTPUT"', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: one branch writes -w a', writer: 'if x; then echo "flag=-w packages/a" >> "$GITHUB_OUTPUT"; else echo "flag=--tag next" >> "$GITHUB_OUTPUT"; fi', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: a directory value', writer: 'echo "flag=packages/a" >> "$GITHUB_OUTPUT"', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: a value holding a variable', writer: 'echo "flag=$FLAG" >> "$GITHUB_OUTPUT"', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: another line writes what is not read', writer: 'echo "flag=--tag next" >> "$GITHUB_OUTPUT"\necho "$MORE" >> "$GITHUB_OUTPUT"', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: a value ending in --tag takes the next argument', writer: 'echo "flag=--tag" >> "$GITHUB_OUTPUT"', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: no write of that output', writer: 'echo "other=--tag next" >> "$GITHUB_OUTPUT"', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: ::set-output', writer: 'echo "flag=--tag next" >> "$GITHUB_OUTPUT"\necho "::set-output name=flag::$X"', run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
  { name: 'control: an action step', writer: '', action: true, run: 'npm publish ${{ steps.v.outputs.flag }}', want: EVERY },
];

function workflow(c: Case): string {
  const block = (run: string): string => run.split('\n').map((l) => `          ${l}`).join('\n');
  const writer = c.action ? '      - id: v\n        uses: acme/flags@v1\n' : `      - id: v\n        run: |\n${block(c.writer)}\n`;
  return `on: push\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n${writer}      - run: |\n${block(c.run)}\n`;
}

function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...FILES, ...files }), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.targets.kind}[${list.map((x) => x.name).join(',')}] ${s.directory === undefined ? '?' : JSON.stringify(s.directory)}`;
  });
}

describe('a publish argument that is a step output of literal values', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(sites({ '.github/workflows/r.yml': workflow(c) })).toEqual([c.want]);
    });
  }
});

describe('githubOutputLines', () => {
  it.each([
    ['both branches on one line', 'if x; then echo "f=--tag next" >> "$GITHUB_OUTPUT"; else echo "f=" >> $GITHUB_OUTPUT; fi', ['f=--tag next', 'f=']],
    ['tee and printf', "echo 'f=--provenance' | tee -a $GITHUB_OUTPUT\nprintf 'f=%s\\n' '--dry-run' >> \"${GITHUB_OUTPUT}\"", ['f=--provenance', 'f=--dry-run']],
    ['an echo to another file on the same line', 'echo "f=1" > out.txt; echo "g=2" >> "$GITHUB_OUTPUT"', ['g=2']],
    ['two words make one line', 'echo f=--tag next >> "$GITHUB_OUTPUT"', ['f=--tag next']],
    ['a group', '{\n  echo "f=1"\n  echo "g=$X"\n} >> "$GITHUB_OUTPUT"', undefined],
    ['cat of a file', 'echo "f=1" > o.txt; cat o.txt >> "$GITHUB_OUTPUT"', undefined],
    ['a heredoc', 'cat <<EOF >> $GITHUB_OUTPUT\nf=1\nEOF', undefined],
    ['a whole line of a value', 'echo "$LINE" >> "$GITHUB_OUTPUT"', undefined],
    ['echo -e with an escape', 'echo -e "f=1\\ng=2" >> "$GITHUB_OUTPUT"', undefined],
  ] as [string, string, string[] | undefined][])('%s', (_name, text, want) => {
    expect(githubOutputLines(text)).toEqual(want);
  });
});
