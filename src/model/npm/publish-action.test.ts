import { describe, expect, it } from 'vitest';
import { commandAction } from './publish-action.js';
import type { PublishMatch } from './publish-match.js';

const match = (recognizer: string, extra: Partial<PublishMatch> = {}): PublishMatch =>
  ({ recognizer, tool: 'npm', label: recognizer, confidence: 'heuristic', offset: 0, end: 0, text: '', args: [], via: [], flags: {}, ...extra }) as PublishMatch;

describe('commandAction', () => {
  it.each([
    ['npm-stage-publish', true, 'stage-publish'],
    ['pnpm-stage-publish', false, 'stage-publish'],
    ['npm-publish', false, 'publish'],
    ['npm-publish', true, 'publish'],
    // a script run tp-doctor could not resolve may be either action when it is a guess
    ['npm-run', false, undefined],
    ['unread-command', true, undefined],
    ['release-it', true, undefined],
  ] as const)('%s (certain: %s) → %s', (recognizer, certain, expected) => {
    expect(commandAction(match(recognizer), certain)).toBe(expected);
  });

  it('an action told to stage, an expression, a committed npm wrapper on PATH', () => {
    expect(commandAction(match('npm-publish', { staged: true }), false)).toBe('stage-publish');
    expect(commandAction(match('npm-publish', { staged: 'unknown' }), true)).toBeUndefined();
    expect(commandAction(match('npm-publish', { pathShim: { path: './bin', holds: 'wrapper' } as PublishMatch['pathShim'] }), true)).toBeUndefined();
  });
});
