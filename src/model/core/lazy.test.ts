import { describe, expect, it } from 'vitest';
import { lazy } from './lazy.js';

describe('lazy', () => {
  it('makes the value on first use only, then returns the same value', () => {
    let calls = 0;
    const get = lazy(() => {
      calls++;
      return { n: calls };
    });
    expect(calls).toBe(0);
    const first = get();
    expect(first).toEqual({ n: 1 });
    expect(get()).toBe(first);
    expect(calls).toBe(1);
  });

  it('keeps an undefined or false value without making it again', () => {
    let calls = 0;
    const none = lazy(() => {
      calls++;
      return undefined;
    });
    expect(none()).toBeUndefined();
    expect(none()).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('makes the value again after a throw (nothing was kept)', () => {
    let calls = 0;
    const get = lazy(() => {
      calls++;
      if (calls === 1) throw new Error('first');
      return calls;
    });
    expect(() => get()).toThrow('first');
    expect(get()).toBe(2);
    expect(get()).toBe(2);
  });
});
