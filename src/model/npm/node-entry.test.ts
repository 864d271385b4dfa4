/** Node's lookup of the entry point `node X` names without a JavaScript extension (./node-entry.ts). */
import { describe, expect, it } from 'vitest';
import { nodeEntryFile } from './node-entry.js';

const JS = "require('child_process').execSync('npm publish');\n";

describe('nodeEntryFile', () => {
  const cases: { name: string; x: string; files: Record<string, string>; file: string | undefined }[] = [
    { name: 'X.js', x: 'scripts/release', files: { 'scripts/release.js': JS }, file: 'scripts/release.js' },
    { name: 'X.js in a "type": "module" scope alike', x: 'scripts/release', files: { 'package.json': '{"type":"module"}', 'scripts/release.js': JS }, file: 'scripts/release.js' },
    { name: 'X itself, extensionless, before X.js (CommonJS scope)', x: 'bin/release', files: { 'package.json': '{}', 'bin/release': JS, 'bin/release.js': JS }, file: 'bin/release' },
    { name: 'X itself with a JavaScript extension', x: 'a.b.js', files: { 'a.b.js': JS }, file: 'a.b.js' },
    { name: 'X.json before X/index.js: not read', x: 'scripts/release', files: { 'scripts/release.json': '{}', 'scripts/release/index.js': JS }, file: undefined },
    { name: 'X.node: not read', x: 'scripts/release', files: { 'scripts/release.node': 'x' }, file: undefined },
    { name: 'no .mjs, .cjs or .ts is appended', x: 'scripts/release', files: { 'scripts/release.mjs': JS, 'scripts/release.cjs': JS, 'scripts/release.ts': JS }, file: undefined },
    { name: 'a directory\'s main, with .js appended', x: 'tools/rel', files: { 'tools/rel/package.json': '{"main":"./lib/run"}', 'tools/rel/lib/run.js': JS, 'tools/rel/index.js': JS }, file: 'tools/rel/lib/run.js' },
    { name: 'a directory\'s main that is a directory: its index.js', x: 'tools/rel', files: { 'tools/rel/package.json': '{"main":"lib"}', 'tools/rel/lib/index.js': JS }, file: 'tools/rel/lib/index.js' },
    { name: 'a directory\'s main that is missing: the directory\'s index.js', x: 'tools/rel', files: { 'tools/rel/package.json': '{"main":"dist/cli.js"}', 'tools/rel/index.js': JS }, file: 'tools/rel/index.js' },
    { name: 'a directory without main: index.js', x: 'tools/rel', files: { 'tools/rel/package.json': '{"name":"rel"}', 'tools/rel/index.js': JS }, file: 'tools/rel/index.js' },
    { name: 'a directory without package.json: index.js', x: 'tools/rel', files: { 'tools/rel/index.js': JS }, file: 'tools/rel/index.js' },
    { name: '`node .`: the root package\'s main', x: '', files: { 'package.json': '{"main":"cli.js"}', 'cli.js': JS }, file: 'cli.js' },
    { name: 'control: an extensionless file in a "type": "module" scope is not read', x: 'bin/release', files: { 'package.json': '{"type":"module"}', 'bin/release': JS, 'bin/release.js': JS }, file: undefined },
    { name: 'control: a directory package.json that does not parse', x: 'tools/rel', files: { 'tools/rel/package.json': '{', 'tools/rel/index.js': JS }, file: undefined },
    { name: 'control: X itself with another extension', x: 'scripts/release.sh', files: { 'scripts/release.sh': 'npm publish', 'scripts/release.sh.js': JS }, file: undefined },
    { name: 'control: a main outside the repository', x: 'tools/rel', files: { 'tools/rel/package.json': '{"main":"../../../x.js"}', 'tools/rel/index.js': JS }, file: undefined },
    { name: 'control: nothing', x: 'scripts/release', files: {}, file: undefined },
  ];
  it.each(cases)('$name', ({ x, files, file }) => {
    expect(nodeEntryFile(x, (f) => files[f])).toBe(file);
  });
});
