// Build: regenerate the precompiled config validator, compile TypeScript to dist/ (the API and the
// ESLint plugin), then bundle the CLI into dist/cli/ so that start-up does not pay for resolving
// and compiling ~150 separate modules (see bench/README.md for the figures).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generate } from './gen-config-validator.mjs';

const result = generate({ check: false });
if (!result.ok) {
  console.error('build: could not generate the config validator');
  process.exit(1);
}
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const { build } = await import('rolldown');
await build({
  input: { main: 'dist/src/cli/main.js' },
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      // The yaml parser reads `process.env.LOG_TOKENS` for every token and `LOG_STREAM` for every
      // document (debug switches): an environment lookup per token is about a sixth of the parse
      // of a large file (bench/hostile.mjs). The CLI never sets them.
      name: 'yaml-without-debug-env',
      transform(code, id) {
        if (!/[\\/]node_modules[\\/]yaml[\\/]/.test(id) || !code.includes('.env.LOG_')) return null;
        return { code: code.replace(/\b[\w$]+\.env\.LOG_(?:TOKENS|STREAM)\b/g, 'undefined'), map: null };
      },
    },
  ],
  output: {
    dir: 'dist/cli',
    format: 'esm',
    entryFileNames: '[name].js',
    // Minified: V8 scans fewer bytes at start-up (measured in bench/README.md).
    minify: true,
    chunkFileNames: '[name]-[hash].js',
    // Dynamic imports (formatters, chalk, picomatch) stay separate chunks, loaded only when used.
  },
});
