import { describe, expect, it } from 'vitest';
import { directoriesUp } from './yarn-project.js';

describe('directoriesUp: the directories a Yarn project is looked for in, nearest first, bounded by the root', () => {
  it.each([
    ['', ['']],
    ['js', ['js', '']],
    ['js/cli', ['js/cli', 'js', '']],
    ['./js//cli/', ['js/cli', 'js', '']],
    ['js/cli/..', ['js', '']],
    ['../outside', ['']],
    ['/abs/path', ['']],
    ['packages/$PKG', ['']],
  ])('%j → %j', (dir, expected) => {
    expect(directoriesUp(dir)).toEqual(expected);
  });
});
