/**
 * The `cwd` a JavaScript file's child-process call gives its command (./js-cwd.ts), and where a
 * `npm run x` it runs is read (jquery/jquery's build/release/verify.js: `exec('npm run
 * release:dist', { cwd: releaseFolder })` in a fresh clone, survey917a).
 */
import { describe, expect, it } from 'vitest';
import { analyzeScript, type RecognizeContext } from './publish-commands.js';
import { jsCommands } from './node-scripts.js';

describe('jsCommands: the cwd of each call', () => {
  const cases: { name: string; text: string; cwd: unknown[] }[] = [
    { name: 'no options: where the file runs', text: "execSync('npm run build');\nspawnSync('npm', ['publish']);\n", cwd: [{ kind: 'none' }, { kind: 'none' }] },
    { name: 'options without a cwd, a callback', text: "exec('npm run build', { stdio: 'inherit' }, (err) => {});\nexec('npm test', function (e) {});\n", cwd: [{ kind: 'none' }, { kind: 'none' }] },
    { name: 'a literal, a top-level constant, a template without values', text: "const DIR = 'packages/a';\nexec('npm run x', { cwd: 'dist' });\nspawnSync('npm', ['run', 'x'], { cwd: DIR });\nexec('npm run x', { stdio: 'inherit', cwd: `out` });\n", cwd: [{ kind: 'literal', path: 'dist' }, { kind: 'literal', path: 'packages/a' }, { kind: 'literal', path: 'out' }] },
    { name: '__dirname, import.meta.dirname, process.cwd()', text: "exec('npm run x', { cwd: __dirname });\nexec('npm run x', { cwd: import.meta.dirname });\nexec('npm run x', { cwd: process.cwd() });\n", cwd: [{ kind: 'file-dir' }, { kind: 'file-dir' }, { kind: 'none' }] },
    { name: 'a variable or an expression: unknown', text: "exec(`npm run release:dist ${version}`, {\n  cwd: releaseFolder\n});\nspawn('npm', ['publish'], { cwd: path.join(root, 'dist') });\n", cwd: [{ kind: 'unknown', what: 'with cwd releaseFolder' }, { kind: 'unknown', what: "with cwd path.join(root, 'dist')" }] },
    { name: 'options tp-doctor cannot read: a variable, a spread after the cwd', text: "exec('npm run x', opts);\nexec('npm run x', { cwd: 'a', ...more });\nexec('npm run x', { ...more, cwd: 'a' });\n", cwd: [{ kind: 'unknown', what: 'with options opts' }, { kind: 'unknown', what: "with options { cwd: 'a', ...more }" }, { kind: 'literal', path: 'a' }] },
    { name: 'an argument list is no options object', text: "spawnSync('npm', args, { cwd: 'a' });\nexec('npm', ['publish'], { cwd: 'b' });\n", cwd: [{ kind: 'literal', path: 'a' }, { kind: 'literal', path: 'b' }] },
    { name: 'path.resolve/path.join of __dirname, import.meta.dirname, literals, constants', text: "const PKG = 'packages/a';\nexec('npm run x', { cwd: path.resolve(__dirname, '..') });\nspawnSync('npm', ['run', 'x'], { cwd: path.join(__dirname, 'packages', PKG) });\nexec('npm run x', { cwd: path.resolve(import.meta.dirname, '../dist') });\nexec('npm run x', { cwd: path.resolve('packages/sv') });\nexec('npm run x', { cwd: path.join(process.cwd(), 'out') });\nexec('npm run x', { cwd: path.resolve('ignored', __dirname, '..', PKG) });\n", cwd: [{ kind: 'file-dir', path: '..' }, { kind: 'file-dir', path: 'packages/packages/a' }, { kind: 'file-dir', path: '../dist' }, { kind: 'literal', path: 'packages/sv' }, { kind: 'literal', path: 'out' }, { kind: 'file-dir', path: '../packages/a' }] },
    { name: 'fileURLToPath(new URL(…, import.meta.url)), a bare resolve/join from node:path', text: "import { resolve, join } from 'node:path';\nexec('npm run x', { cwd: fileURLToPath(new URL('..', import.meta.url)) });\nexec('npm run x', { cwd: new URL('../packages/a', import.meta.url) });\nexec('npm run x', { cwd: resolve(__dirname, '../..') });\nexec('npm run x', { cwd: join(resolve(__dirname), 'a') });\nexec('npm run x', { cwd: path.resolve(__dirname) });\n", cwd: [{ kind: 'file-dir', path: '..' }, { kind: 'file-dir', path: '../packages/a' }, { kind: 'file-dir', path: '../..' }, { kind: 'file-dir', path: 'a' }, { kind: 'file-dir' }] },
    { name: 'what depends on a variable, an absolute path, an unknown call: unknown', text: "exec('npm run x', { cwd: path.join(__dirname, name) });\nexec('npm run x', { cwd: path.resolve('/tmp', 'a') });\nexec('npm run x', { cwd: resolve(__dirname, '..') });\nexec('npm run x', { cwd: path.join('a', __dirname) });\nexec('npm run x', { cwd: fileURLToPath(new URL('https://x/', import.meta.url)) });\nexec('npm run x', { cwd: path.dirname(__dirname) });\n", cwd: [{ kind: 'unknown', what: 'with cwd path.join(__dirname, name)' }, { kind: 'unknown', what: "with cwd path.resolve('/tmp', 'a')" }, { kind: 'unknown', what: "with cwd resolve(__dirname, '..')" }, { kind: 'unknown', what: "with cwd path.join('a', __dirname)" }, { kind: 'unknown', what: "with cwd fileURLToPath(new URL('https://x/', imp…" }, { kind: 'unknown', what: 'with cwd path.dirname(__dirname)' }] },
    { name: 'a zx template: not read', text: 'await $`npm publish`;\n', cwd: [undefined] },
  ];
  it.each(cases)('$name', ({ text, cwd }) => {
    expect(jsCommands(text).map((c) => c.cwd)).toEqual(cwd);
  });
});

describe('a `npm run x` a JavaScript file runs with a cwd', () => {
  const VERIFY = "const releaseFolder = path.join('tmp/verify', version);\nawait exec('npm ci', { cwd: releaseFolder });\nawait exec(`npm run release:dist ${version}`, { cwd: releaseFolder });\n";
  const ROOT = { 'release:verify': 'node build/release/verify.js', 'release:dist': 'node build/release/dist.js' };
  function read(files: Record<string, string>, packages: Record<string, Record<string, string>> = {}, scripts: Record<string, string> = ROOT): { found: string[]; unread: string[] } {
    const ctx: RecognizeContext = { shellFile: (f) => files[f], dir: '', scripts, packageScripts: (s) => packages[s] };
    const result = analyzeScript('npm run release:verify', ctx, { unread: true });
    return { found: result.matches.map((m) => `${m.label} ${m.confidence}${m.inPackage ? ` in ${m.inPackage.selector}@${m.inPackage.depth}` : ''}`), unread: result.unread.map((u) => u.text) };
  }

  it('a cwd tp-doctor cannot resolve (a fresh clone): the script is not looked up in the repository, and the guess says so', () => {
    expect(read({ 'build/release/verify.js': VERIFY }).found).toEqual(['npm run release:dist (run with cwd releaseFolder, in a directory tp-doctor cannot see) (run by build/release/verify.js) heuristic']);
  });
  it('a literal cwd with a package.json: that package\'s script is read there', () => {
    const file = "exec('npm run release', { cwd: 'packages/a' });\n";
    expect(read({ 'build/release/verify.js': file }, { './packages/a': { release: 'npm publish' } }).found).toEqual(['npm publish (run by build/release/verify.js) heuristic in ./packages/a@2']);
    // Its own script that publishes nothing: nothing, although the root's `release` publishes.
    expect(read({ 'build/release/verify.js': file }, { './packages/a': { release: 'echo done' } }, { ...ROOT, release: 'npm publish' })).toEqual({ found: [], unread: [] });
  });
  it('a literal cwd without a package.json: not the root\'s script', () => {
    const file = "exec('npm run release', { cwd: 'tmp/release' });\n";
    expect(read({ 'build/release/verify.js': file }, {}, { ...ROOT, release: 'echo root' }).found).toEqual(['npm run release (run with cwd tmp/release, where tp-doctor finds no package.json) (run by build/release/verify.js) heuristic']);
  });
  it('a cwd computed from the file\'s directory: the package.json scripts there (the root\'s for `..` of build/)', () => {
    const up = "exec('npm run release', { cwd: path.resolve(__dirname, '..', '..') });\n";
    expect(read({ 'build/release/verify.js': up }, {}, { ...ROOT, release: 'npm publish' }).found).toEqual(['npm publish (run by build/release/verify.js) heuristic']);
    const down = "exec('npm run release', { cwd: fileURLToPath(new URL('../../packages/a', import.meta.url)) });\n";
    expect(read({ 'build/release/verify.js': down }, { './packages/a': { release: 'npm publish' } }).found).toEqual(['npm publish (run by build/release/verify.js) heuristic in ./packages/a@2']);
  });
  it('a cwd computed from the file\'s directory that leaves the repository: a directory tp-doctor cannot see', () => {
    const out = "exec('npm run release', { cwd: path.resolve(__dirname, '../../..') });\n";
    expect(read({ 'build/release/verify.js': out }, {}, { ...ROOT, release: 'npm publish' }).found).toEqual(['npm run release (run with cwd __dirname/../../.., in a directory tp-doctor cannot see) (run by build/release/verify.js) heuristic']);
  });
  it('a call without a cwd in a file that names one elsewhere runs where the file runs: the root\'s script', () => {
    const file = "execSync('npm run release');\nexec('git status', { cwd: other });\n";
    expect(read({ 'build/release/verify.js': file }, {}, { ...ROOT, release: 'npm publish' }).found).toEqual(['npm publish (run by build/release/verify.js) heuristic']);
  });
  it('`process.chdir`: every command runs in a directory tp-doctor cannot see', () => {
    const file = "process.chdir(dir);\nexecSync('npm run release');\n";
    expect(read({ 'build/release/verify.js': file }, {}, { ...ROOT, release: 'npm publish' }).found).toEqual(['npm run release (run after process.chdir, in a directory tp-doctor cannot see) (run by build/release/verify.js) heuristic']);
  });
  it('control: a script name no package.json has stays "script not found"', () => {
    expect(read({ 'build/release/verify.js': "execSync('npm run release');\n" }).found).toEqual(['npm run release (script not found) (run by build/release/verify.js) heuristic']);
  });
});
