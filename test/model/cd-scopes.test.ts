/**
 * A `cd` reaches only the commands that run after it in the same shell and branch
 * (src/model/npm/shell-scope-walk.ts, `ShellCommand.scope`): yisibl/resvg-js publishes the root
 * and `wasm/` in the `then` branch of an `if`, and again in the `elif` branch; the `cd wasm` of the
 * `then` branch must not move the `elif` branch's publishes (they ran at the root). A `cd` in a
 * subshell or `$(...)` ends with it; one in a branch or loop the publish is not in leaves the
 * directory unknown after the `fi`/`esac`/`done`. Groups and `&&` chains are the same shell.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

/** `directory kind[names]` per site (the candidates of unknown targets); `?` for an unknown directory. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.directory ?? '?'} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');

const REPO = {
  'package.json': pkg({ name: 'widget', repository: 'github:acme/widget' }),
  'wasm/package.json': pkg({ name: 'widget-wasm', repository: 'github:acme/widget' }),
};

const github = (run: string): Record<string, string> => ({
  ...REPO,
  '.github/workflows/r.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${indent(run, '          ')}\n`,
});
const gitlab = (run: string): Record<string, string> => ({ ...REPO, '.gitlab-ci.yml': `release:\n  script:\n    - |\n${indent(run, '      ')}\n` });
const circleci = (run: string): Record<string, string> => ({
  ...REPO,
  '.circleci/config.yml': `version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: |\n${indent(run, '          ')}\nworkflows:\n  main:\n    jobs:\n      - release\n`,
});

const RESVG = [
  'if git log -1 --pretty=%B | grep "^[0-9]\\+\\.[0-9]\\+\\.[0-9]\\+$";',
  'then',
  '  npm publish --access public',
  '  cd wasm',
  '  npm publish --access public',
  'elif git log -1 --pretty=%B | grep "^[0-9]\\+\\.[0-9]\\+\\.[0-9]\\+";',
  'then',
  '  npm publish --tag next --access public',
  '  cd wasm',
  '  npm publish --tag next --access public',
  'fi',
].join('\n');
const CASE = ['case "$TAG" in', '  latest)', '    npm publish', '    cd wasm', '    npm publish', '    ;;', '  next)', '    npm publish --tag next', '    ;;', 'esac'].join('\n');

const ROOT = ' single[widget]';
const WASM = 'wasm single[widget-wasm]';
const UNKNOWN = '? unknown[widget]';

const cases: [name: string, run: string, want: string[]][] = [
  ['resvg-js: the `cd wasm` of the `then` branch does not move the `elif` branch', RESVG, [ROOT, WASM, ROOT, WASM]],
  ['a `case` pattern does not see the `cd` of another', CASE, [ROOT, WASM, ROOT]],
  ['`else` on one line', 'if [ -n "$A" ]; then cd wasm; npm publish; else npm publish; fi', [WASM, ROOT]],
  ['a `cd` in a subshell ends with it', '(cd wasm && npm publish)\nnpm publish', [WASM, ROOT]],
  ['a `cd` in `$(...)` moves nothing', 'V=$(cd wasm && pwd)\nnpm publish', [ROOT]],
  ['after the `fi` of a branch that moved: unknown', 'if [ -n "$A" ]; then\n  cd wasm\nfi\nnpm publish', [UNKNOWN]],
  ['after the `done` of a loop that moved: unknown', 'for i in 1; do cd wasm; done\nnpm publish', [UNKNOWN]],
  ['after an `esac` whose branch moved: unknown', `${CASE}\nnpm publish --tag x`, [ROOT, WASM, ROOT, UNKNOWN]],
  ['control: a top-level `cd` applies', 'cd wasm\nnpm publish', [WASM]],
  ['control: `cd wasm && npm publish`', 'cd wasm && npm publish', [WASM]],
  ['control: a top-level `cd` applies inside a later branch', 'cd wasm\nif [ -n "$A" ]; then npm publish; else npm publish --tag next; fi', [WASM, WASM]],
  ['control: a `cd` earlier in the same branch applies', 'if [ -n "$A" ]; then\n  cd wasm\n  if [ -n "$B" ]; then npm publish; fi\nfi', [WASM]],
  ['control: a `cd` in a group applies after it, as before', '{ cd wasm; }\nnpm publish', [WASM]],
  ['control: a branch that does not move leaves the directory known', 'if [ -n "$A" ]; then echo hi; fi\nnpm publish', [ROOT]],
];

describe('a `cd` reaches the commands of its own branch and shell only', () => {
  it.each(cases)('GitHub: %s', (_name, run, want) => {
    expect(sites(github(run))).toEqual(want);
  });

  it.each(cases.slice(0, 4))('GitLab (the script text read again): %s', (_name, run, want) => {
    expect(sites(gitlab(run))).toEqual(want);
  });

  it.each(cases.slice(0, 4))('CircleCI: %s', (_name, run, want) => {
    expect(sites(circleci(run))).toEqual(want);
  });
});

describe('the publish a lifecycle script makes, from the package the branch runs in', () => {
  // resvg-js: the root's `prepublishOnly` runs napi's prepublish; `wasm/` has none.
  const napi = {
    ...github(RESVG),
    'package.json': pkg({ name: 'widget', repository: 'github:acme/widget', napi: { binaryName: 'widget' }, scripts: { prepublishOnly: 'napi prepublish -t npm' } }),
    'npm/linux-x64-gnu/package.json': pkg({ name: 'widget-linux-x64-gnu' }),
  };
  it('each root publish runs the root lifecycle; the `wasm/` ones do not', () => {
    const labels = loadProject(new MemoryFs(napi)).facts.sites.map((s) => `${s.publish.match.label} ${s.directory ?? '?'}`);
    expect(labels).toEqual(['npm publish ', 'napi prepublish (runs npm publish) ', 'npm publish wasm', 'npm publish ', 'napi prepublish (runs npm publish) ', 'npm publish wasm']);
  });
});
