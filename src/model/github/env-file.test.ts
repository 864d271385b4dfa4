import { describe, expect, it } from 'vitest';
import { githubEnvWrites } from './env-file.js';

describe('githubEnvWrites', () => {
  const cases: [string, string, [string, string][]][] = [
    ['echo, unquoted target', 'echo "NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}" >> $GITHUB_ENV', [['NODE_AUTH_TOKEN', '${{ secrets.NPM_TOKEN }}']]],
    ['echo, quoted braced target', 'echo NPM_TOKEN=$T >> "${GITHUB_ENV}"', [['NPM_TOKEN', '$T']]],
    ['tee -a', 'echo "NPM_TOKEN=$T" | tee -a "$GITHUB_ENV"', [['NPM_TOKEN', '$T']]],
    ['printf with %s takes the next argument', "printf 'NPM_TOKEN=%s\\n' \"$T\" >> $GITHUB_ENV", [['NPM_TOKEN', '$T']]],
    ['heredoc body', 'cat <<EOF >> $GITHUB_ENV\nA=1\n  NPM_TOKEN=${{ secrets.X }}\nEOF\necho B=2', [['A', '1'], ['NPM_TOKEN', '${{ secrets.X }}']]],
    ['another file', 'echo "NPM_TOKEN=$T" >> .env', []],
    ['GITHUB_ENV only read', 'cat $GITHUB_ENV\necho NPM_TOKEN=$T', []],
    ['GITHUB_OUTPUT', 'echo "NPM_TOKEN=$T" >> $GITHUB_OUTPUT', []],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(githubEnvWrites(text).map((w) => [w.name, w.value])).toEqual(want);
  });

  it('places a write at its word', () => {
    const text = 'set -e\necho "NPM_TOKEN=$T" >> $GITHUB_ENV';
    const [w] = githubEnvWrites(text);
    expect(text.slice(w!.offset, w!.end)).toBe('"NPM_TOKEN=$T"');
  });

  it('marks a write whose command may not run', () => {
    const text = 'echo "A=1" >> $GITHUB_ENV\nif [ -n "$X" ]; then\n  echo "B=2" >> $GITHUB_ENV\nfi\ntest -n "$X" && echo "C=3" >> $GITHUB_ENV\ncat <<EOF >> $GITHUB_ENV\nD=4\nEOF';
    expect(githubEnvWrites(text).map((w) => `${w.name}${w.conditional ? '?' : ''}`)).toEqual(['A', 'B?', 'C?', 'D']);
  });
});
