import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // Set-up and clean-up hooks copy or remove whole repositories (the 846 bench files, hostile
    // inputs): on a loaded 2-CPU machine that once took longer than the default 10 s.
    hookTimeout: 120_000,
    pool: 'threads',
  },
});
