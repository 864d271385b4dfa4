import { describe, expect, it } from 'vitest';
import { checksOutPrHead, PR_HEAD_RUN } from './checkout.js';

describe('checksOutPrHead', () => {
  it('is PR_HEAD_RUN: gh or hub pr checkout, a git fetch of pull/<n>/head or /merge', () => {
    const texts = [
      'gh pr checkout ${{ github.event.pull_request.number }}',
      'hub  pr\tcheckout 12',
      'git fetch origin pull/42/head:pr',
      'git fetch -q origin +refs/pull/7/merge',
      'git checkout main',
      'git fetch origin main && git checkout FETCH_HEAD',
      'echo pull/1/head',
      'npm ci',
    ];
    expect(texts.map(checksOutPrHead)).toEqual([true, true, true, true, false, false, false, false]);
    expect(texts.map((t) => PR_HEAD_RUN.test(t))).toEqual(texts.map(checksOutPrHead));
  });
});
