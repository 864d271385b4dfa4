import { describe, expect, it } from 'vitest';
import { mayWriteGithubEnv } from './env-write.js';

describe('mayWriteGithubEnv', () => {
  it('a mention of the name as a whole word beside GITHUB_ENV', () => {
    expect(mayWriteGithubEnv('echo "NODE=20" >> $GITHUB_ENV', 'NODE')).toBe(true);
    expect(mayWriteGithubEnv('echo "NODE_VERSION=20" >> "$GITHUB_ENV"', 'NODE_VERSION')).toBe(true);
    expect(mayWriteGithubEnv('printf "%s=20" NODE >> ${GITHUB_ENV}', 'NODE')).toBe(true);
  });

  it('not a longer name that contains it, nor without GITHUB_ENV', () => {
    expect(mayWriteGithubEnv('echo "NODE_VERSION=20" >> $GITHUB_ENV', 'NODE')).toBe(false);
    expect(mayWriteGithubEnv('echo "MY_NODE=20" >> $GITHUB_ENV', 'NODE')).toBe(false);
    expect(mayWriteGithubEnv('echo "NODE=20"', 'NODE')).toBe(false);
    // Conservative: a later whole-word mention still counts.
    expect(mayWriteGithubEnv('echo "NODE_VERSION=20" >> $GITHUB_ENV; echo NODE=$NODE_VERSION >> $GITHUB_ENV', 'NODE')).toBe(true);
  });
});
