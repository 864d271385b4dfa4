import { describe, expect, it } from 'vitest';
import { requireShared, sharedRequired } from './shared.js';

describe('test/shared.ts: the shared test data decision', () => {
  it('is required under CI, unless the public workflow opts out', () => {
    expect(sharedRequired({})).toBe(false);
    expect(sharedRequired({ CI: '' })).toBe(false);
    expect(sharedRequired({ CI: 'true' })).toBe(true);
    expect(sharedRequired({ CI: '1', TP_DOCTOR_SHARED: 'optional' })).toBe(false);
  });

  it('skips a missing folder outside CI and fails under CI, naming the folder', () => {
    expect(requireShared('no-such-folder', 'test/shared.test.ts', {})).toBeUndefined();
    expect(() => requireShared('no-such-folder', 'test/shared.test.ts', { CI: 'true' })).toThrow(
      /test\/shared\.test\.ts: \.\.\/shared\/no-such-folder not found .*CI is set/,
    );
  });
});
