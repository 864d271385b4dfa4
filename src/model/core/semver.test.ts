import realSemver from 'semver';
import { describe, expect, it } from 'vitest';
import { semver } from './semver.js';

describe('semver loaded on first use', () => {
  it('gives the package\'s own functions and classes', () => {
    expect(semver.gte).toBe(realSemver.gte);
    expect(semver.Range).toBe(realSemver.Range);
    expect(semver.valid('v24.1.0')).toBe('24.1.0');
    expect(new semver.Range('>=11.5.1 <12').test('11.6.0')).toBe(true);
    expect(semver.SEMVER_SPEC_VERSION).toBe('2.0.0');
  });
});
