import { describe, expect, it } from 'vitest';
import './publish-commands.js'; // the recogniser's modules load through it (they import each other)
import { readCommittedScript } from './node-scripts.js';
import { runTasks } from './task-runs.js';
import type { Frame, Outcome } from './publish-match.js';
import { MAX_RESOLUTIONS } from './publish-match.js';

/**
 * `recognizeWords` hands these readers a frame maker, not a frame: most commands run no committed
 * script and no task, and the frame (a copy of two dozen fields) is made only for one that does.
 */
const frame = (files: Record<string, string>): Frame => ({
  scripts: { build: 'tsc', release: 'npm publish' },
  dir: undefined,
  shellFile: (path) => files[path],
  depth: 0,
  seen: new Set(),
  via: [],
  budget: { left: MAX_RESOLUTIONS, counted: 0 },
});
const recognize = (text: string): Outcome => ({ found: [], rejected: false, unknown: text.includes('publish'), unread: [] });

function counted(files: Record<string, string> = {}): { made: () => number; frameOf: () => Frame } {
  let made = 0;
  return { made: () => made, frameOf: () => (made++, frame(files)) };
}

describe('frames made on demand', () => {
  it('a command that runs no file reads nothing and makes no frame', () => {
    for (const words of [['cargo', 'build'], ['tsc', '-p', '.'], ['node', '-e', 'x'], ['python3', 'x.py']]) {
      const c = counted();
      expect(readCommittedScript(words, false, c.frameOf, recognize), words.join(' ')).toBeUndefined();
      expect(c.made(), words.join(' ')).toBe(0);
    }
  });

  it('a shell script or a JavaScript file it runs is read in the frame, made once', () => {
    const files = { 'scripts/release.sh': 'npm publish\n', 'scripts/release.mjs': "execSync('npm publish')\n" };
    for (const words of [['./scripts/release.sh'], ['node', 'scripts/release.mjs']]) {
      const c = counted(files);
      readCommittedScript(words, false, c.frameOf, recognize);
      expect(c.made(), words.join(' ')).toBe(1);
    }
  });

  it('a command no task runner or script chain reads makes no frame; a chain runner does', () => {
    const none = counted();
    expect(runTasks('cargo', ['cargo', 'build'], none.frameOf, () => ({ found: [], rejected: false, unknown: false, unread: [] }), recognize)).toBeUndefined();
    expect(none.made()).toBe(0);
    const chain = counted();
    const read: string[] = [];
    const out = runTasks('run-s', ['run-s', 'build', 'release'], chain.frameOf, () => ({ found: [], rejected: false, unknown: false, unread: [] }), (text) => (read.push(text), recognize(text)));
    expect(chain.made()).toBe(1);
    expect(out).toBeDefined();
    expect(read.length).toBe(2); // each script it runs, handed to `recognize`
  });
});
