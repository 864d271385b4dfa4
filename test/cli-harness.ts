/**
 * What the CLI tests share: temporary repositories (removed after the test file) and an in-process
 * run of the CLI with captured output.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Io } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';

const made: string[] = [];
// Registered when a test file imports this module: its repositories go when that file is done.
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory holding `files` (repository-relative paths) and the empty `dirs`. */
export function tempRepo(files: Record<string, string>, prefix = 'tp-doctor-test-', dirs: string[] = []): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(root);
  for (const dir of dirs) mkdirSync(path.join(root, dir), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process from `cwd` (no colours, an empty environment unless given). */
export async function runCli(argv: string[], cwd: string, io: Partial<Omit<Io, 'stdout' | 'stderr' | 'cwd'>> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env: {},
    isTTY: false,
    ...io,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
  });
  return { code, stdout, stderr };
}
