/**
 * A publish inside `$(...)` or backticks runs when its line runs: capturing its output does not
 * stop it (TypeCellOS/BlockNote: `PUBLISH_OUTPUT=$(cd "$pkg_dir" && vp pm publish ... --provenance)`).
 * A `run:` block's, a GitLab script's and a CircleCI step's substitutions are read like a package
 * script's (src/model/npm/publish-commands.ts `analyzeScript`); a command that only reads a value
 * (`VERSION=$(npm view x version)`), packs or dry-runs stays no publish, and an unreadable command
 * in one stays no guess. A `cd` inside the substitution moves the rest of it only
 * (src/model/npm/shell-scope-walk.ts, `ShellCommand.within`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });
const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');

describe('analyzeScript: the commands of a substitution', () => {
  it.each<[script: string, publishes: string[], unread: string[]]>([
    ['OUT=$(npm publish)', ['npm publish'], []],
    ['OUT=`npm publish --tag next`', ['npm publish --tag next'], []],
    ['echo "$(npm publish)"', ['npm publish'], []],
    ['if ! out=$(npm publish 2>&1); then echo "$out"; exit 1; fi', ['npm publish'], []],
    ['PUBLISH_OUTPUT=$(cd "$pkg_dir" && npm publish --access public 2>&1) && true', ['npm publish --access public'], []],
    ['X=$(echo $(pnpm publish -r))', ['pnpm publish -r'], []],
    // reading a value, packing, a dry run: no publish
    ['VERSION=$(npm view x version)', [], []],
    ['TARBALL=$(npm pack)', [], []],
    ['OUT=$(npm publish --dry-run)', [], []],
    ['V=`npm publish --dry-run --json`', [], []],
    // an unreadable command in a substitution is no guess; at the top level it stays one
    ['V=$(node -p "require(\'./package.json\').version")', [], []],
    ['V=$(./scripts/publish.sh)', [], []],
    ['./scripts/publish.sh', [], ['./scripts/publish.sh']],
    // not a substitution: quoted, escaped, or a parameter expansion's default (not read)
    ["echo '$(npm publish)'", [], []],
    ['echo "\\$(npm publish)"', [], []],
  ])('%s', (script, publishes, unread) => {
    const analysis = analyzeScript(script);
    expect(analysis.matches.map((m) => m.text)).toEqual(publishes);
    expect(analysis.unread.map((u) => u.text)).toEqual(unread);
  });
});

const REPO = {
  'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
  'packages/a/package.json': pkg({ name: '@o/a', repository: 'github:o/r' }),
};

const github = (run: string): Record<string, string> => ({
  ...REPO,
  '.github/workflows/r.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: |\n${indent(run, '          ')}\n`,
});
const gitlab = (run: string): Record<string, string> => ({ ...REPO, '.gitlab-ci.yml': `release:\n  script:\n    - |\n${indent(run, '      ')}\n` });
const circleci = (run: string): Record<string, string> => ({
  ...REPO,
  '.circleci/config.yml': `version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: |\n${indent(run, '          ')}\nworkflows:\n  main:\n    jobs:\n      - release\n`,
});

/** `certainty directory kind[names]` per site; `?` for an unknown directory. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.directory ?? '?'} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

const A = 'certain packages/a single[@o/a]';
const ROOT = 'certain  single[]';

const cases: [name: string, run: string, want: string[]][] = [
  ['BlockNote: a loop over the packages, each published in a substitution', 'for pkg_dir in packages/*/; do\n  OUT=$(cd "$pkg_dir" && npm publish --access public 2>&1) && true\n  echo "$OUT"\ndone', ['certain packages/a unknown[@o/a]']],
  ['the `cd` of the substitution moves its own publish only', 'OUT=$(cd packages/a && npm publish)\nnpm publish', [A, ROOT]],
  ['a `cd` of the script reaches the substitution', 'cd packages/a\nOUT=$(npm publish)', [A]],
  ['a `cd` of another substitution does not', 'A=$(cd packages/a) B=$(npm publish)', [ROOT]],
  ['nor one after it', 'OUT=$(npm publish; cd packages/a)', [ROOT]],
  ['a `cd` of the substitution around it reaches a nested one', 'OUT=$(cd packages/a && echo $(npm publish))', [A]],
  ['backticks', 'OUT=`cd packages/a && npm publish`', [A]],
  ['in a branch that moved', 'if [ -n "$A" ]; then\n  cd packages/a\n  OUT=$(npm publish)\nfi', [A]],
  ['control: a substitution that only reads', 'VERSION=$(npm view @o/a version)\nTARBALL=$(npm pack)', []],
  ['control: a dry run in one', 'OUT=$(cd packages/a && npm publish --dry-run)', []],
];

describe('a publish in a substitution is a publish of the job', () => {
  it.each(cases)('GitHub: %s', (_name, run, want) => {
    expect(sites(github(run))).toEqual(want);
  });
  it.each(cases)('GitLab: %s', (_name, run, want) => {
    expect(sites(gitlab(run))).toEqual(want);
  });
  it.each(cases)('CircleCI: %s', (_name, run, want) => {
    expect(sites(circleci(run))).toEqual(want);
  });
});
