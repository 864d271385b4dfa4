/**
 * `--registry=${NAME}` in a spawn list, with `const NAME = '<literal>'` in the same file (survey800a
 * F2, callstackincubator/rock's Verdaccio publish): the literal is put in; a value tp-doctor cannot
 * read keeps the option, so the registry is unknown rather than npmjs (src/model/npm/js-consts.ts).
 */
import { describe, expect, it } from 'vitest';
import '../../src/model/npm/publish-commands.js';
import { jsCommands } from '../../src/model/npm/node-scripts.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const commands = (text: string): string[] => jsCommands(text).map((c) => c.command);
const SPAWN = "spawnSync('npm', ['publish', `--registry=${REGISTRY}`], { stdio: 'inherit' });\n";

function registry(script: string): string[] {
  const files = {
    'package.json': JSON.stringify({ name: 'w', version: '1.0.0' }),
    'scripts/local-publish.mjs': script,
    '.github/workflows/ci.yml': 'on: pull_request\npermissions:\n  contents: read\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - run: node scripts/local-publish.mjs\n',
  };
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => s.registry.registry);
}

describe('a template word of a spawn list', () => {
  it.each([
    ['a template constant', 'const REGISTRY = `http://localhost:4873`;\n', 'npm publish --registry=http://localhost:4873', 'other'],
    ['a string constant', "const REGISTRY = 'http://localhost:4873'\n", 'npm publish --registry=http://localhost:4873', 'other'],
    ['a constant naming npmjs', "const REGISTRY = 'https://registry.npmjs.org/';\n", 'npm publish --registry=https://registry.npmjs.org/', 'npmjs'],
    ['a computed value: the registry is unknown', 'const REGISTRY = process.env.REG;\n', 'npm publish --registry="${js_value}"', 'unknown'],
    ['a constant declared in a function only: unknown', "function f() { const REGISTRY = 'http://localhost:4873'; }\n", 'npm publish --registry="${js_value}"', 'unknown'],
    ['a name declared twice: unknown', "const REGISTRY = 'http://a:1';\nconst REGISTRY = 'http://b:2';\n", 'npm publish --registry="${js_value}"', 'unknown'],
  ])('%s', (_name, decl, command, want) => {
    expect(commands(decl + SPAWN)).toEqual([command]);
    expect(registry(`import { spawnSync } from 'node:child_process';\n${decl}${SPAWN}`)).toEqual([want]);
  });

  it('control: a non-option word with a value tp-doctor cannot read stays one unknown word', () => {
    expect(commands("spawnSync('npm', ['publish', `${dir}/pkg`]);\n")).toEqual(['npm publish ${js_value}']);
  });
});
