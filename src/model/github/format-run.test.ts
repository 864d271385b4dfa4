import { describe, expect, it } from 'vitest';
import { formatRunText } from './format-run.js';

describe('formatRunText', () => {
  it('a whole-run format(): the literal at its offsets, {n} as a variable, the rest blank', () => {
    const text = "${{ format('pnpm -r stage publish --no-git-checks {0}', inputs.tag && format('--tag {0}', inputs.tag) || '') }}";
    const out = formatRunText(text)!;
    expect(out).toHaveLength(text.length);
    expect(out.trim()).toBe('pnpm -r stage publish --no-git-checks $A0');
    expect(out.indexOf('pnpm')).toBe(text.indexOf('pnpm'));
  });

  it('line breaks stay where they are', () => {
    const text = "${{ format('npm publish {0}',\n  inputs.flags) }}\n";
    const out = formatRunText(text)!;
    expect(out.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
  });

  it('control: anything else is not read', () => {
    expect(formatRunText('npm publish ${{ inputs.flags }}')).toBeUndefined();
    expect(formatRunText("${{ inputs.cmd }}")).toBeUndefined();
    expect(formatRunText("${{ format('npm publish {0}', x) }} && ${{ format('y', z) }}")).toBeUndefined();
    // Escapes: a quote written `''`, braces written `{{`.
    expect(formatRunText("${{ format('echo ''{0}''', x) }}")).toBeUndefined();
    expect(formatRunText("${{ format('echo {{0}}', x) }}")).toBeUndefined();
    // Not the whole run.
    expect(formatRunText("${{ format('npm publish', x) }} --tag next")).toBeUndefined();
  });
});
