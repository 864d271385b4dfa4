import { describe, expect, it } from 'vitest';
import { publishFree } from './js-publish-free.js';

const free = (files: Record<string, string>, args: string[] = []): boolean => publishFree('scripts/release/index.js', files['scripts/release/index.js']!, args, (f) => files[f]);
const MAIN = "import { spawn } from '../../utils/index.js';\nimport { notes } from './notes.js';\nspawn('gh', ['pr', 'create']);\n";

describe('publishFree (mdn/browser-compat-data: a release file that only opens the release pull request)', () => {
  it('a file and its local imports that never name a publish', () => {
    expect(free({ 'scripts/release/index.js': MAIN, 'utils/index.js': "export { spawn } from './spawn.js';\n", 'utils/spawn.js': "import { spawnSync } from 'node:child_process';\nexport const spawn = (c, a) => spawnSync(c, a);\n", 'scripts/release/notes.ts': 'export const notes = 1;\n' })).toBe(true);
  });

  it('type-only and JSDoc imports, `.d.ts` files', () => {
    const main = "import type { X } from '../../types/missing.js';\n/** @import {Y} from '../../types/index.js' */\nconsole.log(1);\n";
    expect(free({ 'scripts/release/index.js': main, 'types/index.d.ts': 'export type Y = 1;\n' })).toBe(true);
  });

  it('control: a local module that publishes, or that cannot be found', () => {
    const base = { 'scripts/release/index.js': MAIN, 'utils/index.js': "export const spawn = () => {};\n" };
    expect(free({ ...base, 'scripts/release/notes.js': "execSync('npm publish');\n" })).toBe(false);
    expect(free(base)).toBe(false);
  });

  it('control: a publishing library, a computed import, the word in a comment', () => {
    expect(free({ 'scripts/release/index.js': "import semanticRelease from 'semantic-release';\nawait semanticRelease();\n" })).toBe(false);
    expect(free({ 'scripts/release/index.js': "import { releasePublish } from 'nx/release';\n" })).toBe(false);
    expect(free({ 'scripts/release/index.js': "import run from '@acme/release-tools';\nawait run();\n" })).toBe(false);
    expect(free({ 'scripts/release/index.js': "const m = await import(name);\n" })).toBe(false);
    expect(free({ 'scripts/release/index.js': '// then we publish\n' })).toBe(false);
  });

  it('control: arguments that hand it a publish tool\'s command (`node retry.mjs npm publish`)', () => {
    expect(free({ 'scripts/release/index.js': 'run(process.argv.slice(2));\n' }, ['npm', 'publish'])).toBe(false);
    expect(free({ 'scripts/release/index.js': 'run(process.argv.slice(2));\n' }, ['--minor'])).toBe(true);
  });
});
