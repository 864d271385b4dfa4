// Build: regenerate the precompiled config validator, then compile TypeScript to dist/.
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
process.exit(compiled.status ?? 1);
