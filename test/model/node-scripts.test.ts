/**
 * Committed JavaScript files a command runs with Node (src/model/npm/node-scripts.ts): the
 * commands they hand to a child process with a literal are read, never run, as guesses.
 */
import { describe, expect, it } from 'vitest';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { jsCommands, nodeScriptRun } from '../../src/model/npm/node-scripts.js';

function summary(script: string, files: Record<string, string>, scripts?: Record<string, string>): string[] {
  const ctx: RecognizeContext = { shellFile: (f) => files[f], dir: '', ...(scripts ? { scripts } : {}) };
  return analyzeScript(script, ctx, { unread: true }).matches.map((m) => `${m.label} ${m.confidence} via ${m.via.map((v) => `${v.script}@${v.at ? `${v.at.start.line}:${v.at.start.column}` : ''}`).join('>')}`);
}

function unread(script: string, files: Record<string, string>): string[] {
  return analyzeScript(script, { shellFile: (f) => files[f], dir: '' }, { unread: true }).unread.map((u) => u.text);
}

describe('jsCommands', () => {
  const cases: { name: string; text: string; commands: string[] }[] = [
    { name: 'execSync with a string', text: "import { execSync } from 'node:child_process';\nexecSync('npm publish --access public', { stdio: 'inherit' });\n", commands: ['npm publish --access public'] },
    { name: 'a member call (cp.exec)', text: "const cp = require('child_process');\ncp.exec(\"pnpm -r publish\");\n", commands: ['pnpm -r publish'] },
    { name: 'a template with a value', text: 'execSync(`npm publish --tag ${tag}`);\n', commands: ['npm publish --tag ${js_value}'] },
    { name: 'spawnSync with an argument list', text: "spawnSync('npm', ['publish', '--access', 'public'], { stdio: 'inherit' });\n", commands: ['npm publish --access public'] },
    { name: 'an argument that is an expression', text: "spawn('npm', ['publish', dir, '--tag', opts.tag]);\n", commands: ['npm publish ${js_value} --tag ${js_value}'] },
    { name: 'an argument that needs quoting', text: "execFileSync('npm', ['publish', 'a b']);\n", commands: ["npm publish 'a b'"] },
    { name: 'execa without arguments', text: "await execa('changeset');\n", commands: ['changeset'] },
    { name: 'zx and Bun shell templates', text: 'await $`npm publish`;\nawait $`pnpm publish --filter ${name}`;\n', commands: ['npm publish', 'pnpm publish --filter ${js_value}'] },
    { name: 'spawn with a command line and shell: true', text: "spawn('npm publish --provenance', { shell: true });\n", commands: ['npm publish --provenance'] },
    { name: 'an argument list declared once as a list literal', text: "const args = ['stage', 'publish', dir, '--provenance'];\nspawnSync('pnpm', args, { cwd: root });\n", commands: ['pnpm stage publish ${js_value} --provenance'] },
    { name: 'control: an argument list declared twice, or not as a literal', text: "let args = ['publish'];\nlet args2 = build();\nspawnSync('npm', args2);\nfunction f() { let args = ['x']; spawn('npm', args); }\n", commands: ['npm', 'npm'] },
    // anvia-hq/anvia: `const args` in two functions; the call reads the one of its own function.
    {
      name: 'an argument list declared in two functions: the nearest const in scope',
      text: "function publish() {\n  const args = ['publish', file, '--tag', tag];\n  spawnSync('npm', args);\n}\nfunction view() {\n  const args = ['view', name];\n  return spawnSync('npm', args);\n}\n",
      commands: ['npm publish ${js_value} --tag ${js_value}', 'npm view ${js_value}'],
    },
    { name: 'control: a const of another, closed function before the call', text: "function a() { const args = ['publish']; }\nfunction b() { spawnSync('npm', args); }\nfunction c() { const args = ['x']; }\n", commands: ['npm'] },
    { name: 'a command line declared once as a template (less/less.js)', text: "const publishCmd = `npm publish --tag ${npmTag} --access public`;\nexecSync(publishCmd, { stdio: 'inherit' });\n", commands: ['npm publish --tag ${js_value} --access public'] },
    { name: 'control: a command line built from an expression', text: "const cmd = 'npm ' + verb;\nexecSync(cmd);\n", commands: [] },
    { name: 'control: a call whose first argument is a variable', text: 'execSync(cmd);\nspawn(bin, args);\n', commands: [] },
    { name: 'control: a string that is no call argument', text: "console.log('run npm publish');\nconst exec = 'npm publish';\n", commands: [] },
    { name: 'control: text that does not tokenize', text: "execSync('npm publish", commands: [] },
    // @actions/exec (inngest/inngest-js): a command line and an argument list appended to it.
    { name: '@actions/exec exec with an argument list', text: "import { exec, getExecOutput } from '@actions/exec';\nawait exec('npm', ['publish', '--tag', tag, '--access', 'public']);\n", commands: ['npm publish --tag ${js_value} --access public'] },
    { name: '@actions/exec getExecOutput with an argument list', text: "const out = await getExecOutput('npm', ['publish', '--provenance']);\n", commands: ['npm publish --provenance'] },
    { name: 'exec with a command line and options: the options are not words', text: "exec('npm publish', { cwd: dir });\n", commands: ['npm publish'] },
    // tinyexec (nuxt/cli's scripts/release-nightly.mjs): `x(file, args)`, under the name it is imported as.
    { name: 'tinyexec x with an argument list', text: "import { x } from 'tinyexec';\nawait x('changelogen', ['--canary', 'nightly', '--publish']);\n", commands: ['changelogen --canary nightly --publish'] },
    { name: 'tinyexec x imported under another name', text: "import { exec, x as run } from 'tinyexec';\nawait run('pnpm', ['publish', '-r']);\n", commands: ['pnpm publish -r'] },
    { name: 'control: an x that is not tinyexec\'s', text: "import { x } from './math';\nx('npm', ['publish']);\n", commands: [] },
  ];
  it.each(cases)('$name', ({ text, commands }) => {
    expect(jsCommands(text).map((c) => c.command)).toEqual(commands);
  });
  it('gives each command its place in the file', () => {
    const text = "// release\nexecSync('npm publish');\n";
    const [c] = jsCommands(text);
    expect(text.slice(c!.start, c!.end)).toBe("'npm publish'");
  });
});

describe('nodeScriptRun', () => {
  const cases: { words: string[]; run: ReturnType<typeof nodeScriptRun> }[] = [
    { words: ['node', 'scripts/publish.mjs', '--tag', 'next'], run: { path: 'scripts/publish.mjs', args: ['--tag', 'next'] } },
    { words: ['node', '--import', 'tsx', 'scripts/release.ts'], run: { path: 'scripts/release.ts', args: [] } },
    { words: ['node', '--experimental-strip-types', 'release.ts'], run: { path: 'release.ts', args: [] } },
    { words: ['tsx', 'scripts/release.ts'], run: { path: 'scripts/release.ts', args: [] } },
    { words: ['./scripts/publish.mjs'], run: { path: './scripts/publish.mjs', args: [], needsInterpreterLine: true } },
    { words: ['bun', 'run', 'scripts/canary.ts'], run: { path: 'scripts/canary.ts', args: [] } },
    { words: ['bun', 'scripts/canary.ts', '--tag', 'canary'], run: { path: 'scripts/canary.ts', args: ['--tag', 'canary'] } },
    { words: ['bun', 'run', 'build'], run: undefined },
    { words: ['node', '-e', "require('x')"], run: undefined },
    { words: ['node', 'build'], run: { path: 'build', args: [], lookup: true } },
    { words: ['nodejs', 'build-scripts/release', './a.xml'], run: { path: 'build-scripts/release', args: ['./a.xml'], lookup: true } },
    { words: ['node', '-r', 'dotenv/config', 'scripts/release'], run: { path: 'scripts/release', args: [], lookup: true } },
    { words: ['node', '--experimental-default-type=commonjs', 'scripts/release'], run: { path: 'scripts/release', args: [], lookup: true } },
    // The ES module loader, or its hooks, resolve the entry point: no lookup.
    { words: ['node', '--experimental-default-type=module', 'scripts/release'], run: undefined },
    { words: ['node', '--experimental-default-type', 'module', 'scripts/release'], run: undefined },
    { words: ['node', '--import', 'tsx', 'scripts/release'], run: undefined },
    { words: ['node', '--loader=ts-node/esm', 'scripts/release'], run: undefined },
    // Other runners' own lookups are not followed.
    { words: ['tsx', 'scripts/release'], run: undefined },
    { words: ['bun', 'scripts/release'], run: undefined },
    { words: ['python', 'publish.py'], run: undefined },
  ];
  it.each(cases)('$words', ({ words, run }) => {
    expect(nodeScriptRun(words)).toEqual(run);
  });
});

describe('publishes in JavaScript files a command runs', () => {
  const PUBLISH_JS = "import { execSync } from 'node:child_process';\nexecSync('npm publish --access public', { stdio: 'inherit' });\n";
  it('`node scripts/publish.mjs`: the publish is a guess placed in the file', () => {
    expect(summary('node scripts/publish.mjs', { 'scripts/publish.mjs': PUBLISH_JS })).toEqual(['npm publish (run by scripts/publish.mjs) heuristic via scripts/publish.mjs@2:10']);
  });
  it('through a package.json script and `tsx`', () => {
    expect(summary('npm run release', { 'scripts/release.ts': "await $`pnpm publish -r --no-git-checks`;\n" }, { release: 'tsx scripts/release.ts' })).toEqual([
      'pnpm publish (run by scripts/release.ts) heuristic via release@>scripts/release.ts@1:8',
    ]);
  });
  it('a file run directly with a Node interpreter line', () => {
    expect(summary('./scripts/publish.mjs', { 'scripts/publish.mjs': `#!/usr/bin/env node\n${PUBLISH_JS}` })).toHaveLength(1);
  });
  it('a TypeScript file run directly with a ts-node interpreter line (semaphore-protocol/semaphore)', () => {
    const files = { 'scripts/publish.ts': '#!/usr/bin/env ts-node\nimport { execSync } from "child_process"\nexecSync(`yarn workspaces foreach -A --no-private npm publish --access public`)\n' };
    expect(summary('scripts/publish.ts', files)).toEqual(['yarn npm publish (run by scripts/publish.ts) heuristic via scripts/publish.ts@3:10']);
  });
  it('`bun run x.ts` with Bun\'s shell (t3-oss/t3-env)', () => {
    expect(summary('bun run scripts/canary.ts', { 'scripts/canary.ts': 'import { $ } from "bun";\nawait Bun.$`npm publish --tag canary`;\n' })).toEqual(['npm publish (run by scripts/canary.ts) heuristic via scripts/canary.ts@2:12']);
  });
  it('control: a file run directly without a Node interpreter line is not read', () => {
    expect(summary('./scripts/publish.mjs', { 'scripts/publish.mjs': PUBLISH_JS })).toEqual([]);
  });
  it('control: a file that hands no publish to a child process stays a command tp-doctor cannot read', () => {
    const files = { 'scripts/publish.mjs': "import { publish } from 'libnpmpublish';\nawait publish(manifest, tarball);\nexecSync('git push --tags');\n" };
    expect(summary('node scripts/publish.mjs', files)).toEqual([]);
    expect(unread('node scripts/publish.mjs', files)).toEqual(['node scripts/publish.mjs']);
  });
  it('control: a file that is not committed stays unread', () => {
    expect(unread('node scripts/publish.mjs', {})).toEqual(['node scripts/publish.mjs']);
  });
  it('control: `--dry-run` forwarded to the file, or a test file, publishes nothing', () => {
    expect(summary('node scripts/publish.mjs --dry-run', { 'scripts/publish.mjs': PUBLISH_JS })).toEqual([]);
    expect(summary('node test/publish.test.mjs', { 'test/publish.test.mjs': PUBLISH_JS })).toEqual([]);
  });
  it('control: a check-only run (babel/babel: `ensure-packages-exist.ts --check-only`) publishes nothing', () => {
    for (const flag of ['--check-only', '--verify-only', '--check']) expect(summary(`node scripts/publish.mjs ${flag}`, { 'scripts/publish.mjs': PUBLISH_JS })).toEqual([]);
    // `--checks=false`, `--skip-check` and others are not read as a check.
    expect(summary('node scripts/publish.mjs --skip-check', { 'scripts/publish.mjs': PUBLISH_JS })).toHaveLength(1);
    // Forwarded to a script that is itself a publish, the flag goes to npm, which publishes.
    expect(summary('npm run release -- --check-only', {}, { release: 'npm publish' })).toHaveLength(1);
  });
  it('arguments naming another destination leave the file unread (voidzero-dev/vite-plus: `--mode pkg-pr-new`)', () => {
    expect(summary('node scripts/publish.mjs --mode pkg-pr-new', { 'scripts/publish.mjs': PUBLISH_JS })).toEqual([]);
    expect(summary('node scripts/publish.mjs github', { 'scripts/publish.mjs': PUBLISH_JS })).toEqual([]);
    // Control: naming npm too, or another mode, keeps the publishes.
    expect(summary('node scripts/publish.mjs --mode npm', { 'scripts/publish.mjs': PUBLISH_JS })).toHaveLength(1);
    expect(summary('node scripts/publish.mjs --targets npm,pkg-pr-new', { 'scripts/publish.mjs': PUBLISH_JS })).toHaveLength(1);
  });
});

describe('`node X` without a JavaScript extension: Node\'s lookup of X (node-entry.ts; survey927a MISS 1)', () => {
  const PUBLISH_JS = "import { execSync } from 'node:child_process';\nexecSync('npm version patch');\nexecSync('npm publish --provenance');\n";
  it('`node build-scripts/release` runs build-scripts/release.js (catamphetamine/libphonenumber-js)', () => {
    const files = { 'package.json': '{"type":"module"}', 'build-scripts/release.js': PUBLISH_JS };
    expect(summary('npm run release', files, { release: 'node build-scripts/release ./PhoneNumberMetadata.xml' })).toEqual([
      'npm publish (run by build-scripts/release.js) heuristic via release@>build-scripts/release.js@3:10',
    ]);
  });
  it('a directory: its package.json `main`, else its index.js', () => {
    expect(summary('node tools/release', { 'tools/release/package.json': '{"main":"lib/run"}', 'tools/release/lib/run.js': PUBLISH_JS })).toEqual([
      'npm publish (run by tools/release/lib/run.js) heuristic via tools/release/lib/run.js@3:10',
    ]);
    expect(summary('node tools/release', { 'tools/release/index.js': PUBLISH_JS })).toEqual(['npm publish (run by tools/release/index.js) heuristic via tools/release/index.js@3:10']);
  });
  it('control: a name Node resolves to a .json, or to nothing, stays a command tp-doctor cannot read', () => {
    expect(unread('node scripts/release', { 'scripts/release.json': '{}', 'scripts/release/index.js': PUBLISH_JS })).toEqual(['node scripts/release']);
    // `.mjs` and `.ts` are never appended.
    expect(unread('node scripts/release', { 'scripts/release.mjs': PUBLISH_JS, 'scripts/release.ts': PUBLISH_JS })).toEqual(['node scripts/release']);
    expect(summary('node scripts/release', { 'scripts/release.mjs': PUBLISH_JS })).toEqual([]);
  });
  it('control: under `--experimental-default-type=module` nothing is appended', () => {
    expect(summary('node --experimental-default-type=module scripts/release', { 'scripts/release.js': PUBLISH_JS })).toEqual([]);
  });
});

describe('a committed release file read whole that publishes nothing (js-publish-free.ts)', () => {
  const files = { 'scripts/release.js': "import { spawnSync } from 'node:child_process';\nspawnSync('git', ['push']);\nspawnSync('npm', ['version', 'minor']);\n" };
  it('is no guess, even under a script named for a release (mdn/browser-compat-data)', () => {
    expect(summary('npm run release', files, { release: 'node scripts/release.js' })).toEqual([]);
    expect(unread('node scripts/release.js', files)).toEqual([]);
  });
  it('control: a command it runs that tp-doctor cannot read keeps the guess', () => {
    const withScript = { 'scripts/release.js': "import { execSync } from 'node:child_process';\nexecSync('./deploy.sh');\n" };
    expect(summary('npm run release', withScript, { release: 'node scripts/release.js' })).toEqual(['npm run release (runs an unrecognised command) heuristic via release@']);
  });
});

describe('a shell file a JavaScript file runs (survey800b D3, dodopayments/dodopayments-typescript)', () => {
  // One level of indirection each: package.json script → the .ts file → the shell file → `yarn publish`; within MAX_SCRIPT_DEPTH.
  const SH = '#!/usr/bin/env bash\nset -eux\nyarn build\ncd dist\nyarn publish --tag "$TAG"\n';
  it('`execSync(\'bash bin/publish-npm\')` in a file run through a package.json script: the shell file\'s publish', () => {
    const files = { 'scripts/publish-packages.ts': "import { execSync } from 'child_process';\nexecSync('bash bin/publish-npm', { stdio: 'inherit' });\n", 'bin/publish-npm': SH };
    expect(summary('yarn tsn scripts/publish-packages.ts x', files, { tsn: 'ts-node -r tsconfig-paths/register' })).toEqual([
      'yarn publish (Yarn 1) (run by scripts/publish-packages.ts) heuristic via tsn@>scripts/publish-packages.ts@2:10>bin/publish-npm@',
    ]);
  });
  it("`spawnSync('bash', ['bin/publish-npm'])` and `execSync('./scripts/publish.sh')`", () => {
    expect(summary('node scripts/p.mjs', { 'scripts/p.mjs': "spawnSync('bash', ['bin/publish-npm']);\n", 'bin/publish-npm': SH })).toEqual(['yarn publish (Yarn 1) (run by scripts/p.mjs) heuristic via scripts/p.mjs@1:11>bin/publish-npm@']);
    expect(summary('node scripts/p.mjs', { 'scripts/p.mjs': "execSync('./scripts/publish.sh');\n", 'scripts/publish.sh': SH })).toEqual(['yarn publish (Yarn 1) (run by scripts/p.mjs) heuristic via scripts/p.mjs@1:10>scripts/publish.sh@']);
  });
  it('control: a path the file computes (`path.join(__dirname, ...)`) or a `cwd` it passes: the file stays unread', () => {
    const computed = { 'scripts/p.mjs': "const p = path.join(__dirname, '..', 'bin', 'publish-npm');\nexecSync(`bash ${p}`);\n", 'bin/publish-npm': SH };
    expect(unread('node scripts/p.mjs', computed)).toEqual(['node scripts/p.mjs']);
    const moved = { 'scripts/p.mjs': "execSync('bash bin/publish-npm', { cwd: dir });\n", 'bin/publish-npm': SH };
    expect(unread('node scripts/p.mjs', moved)).toEqual(['node scripts/p.mjs']);
  });
});
