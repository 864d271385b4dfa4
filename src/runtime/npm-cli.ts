/**
 * The one program probe executes: `npm --version`, found on PATH, without a shell, with a timeout.
 * That is the npm a following `npm publish` step runs (and the npm pnpm 10 shells out to).
 */
import { execFile } from 'node:child_process';
import { semver } from '../model/core/semver.js';

export type NpmVersionResult =
  | { ok: true; version: string }
  | { ok: false; reason: 'missing' | 'timeout' | 'failed' | 'unsupported-platform' | 'unparsable'; detail: string };

export type NpmVersionRunner = (options: { env: NodeJS.ProcessEnv; timeoutMs: number }) => Promise<NpmVersionResult>;

export const runNpmVersion: NpmVersionRunner = ({ env, timeoutMs }) => {
  // On Windows npm is `npm.cmd`, which Node runs only through a shell; probe never uses one.
  if (process.platform === 'win32') {
    return Promise.resolve({ ok: false, reason: 'unsupported-platform', detail: 'on Windows npm is a .cmd script, which probe does not run (it would need a shell)' });
  }
  return new Promise((resolve) => {
    execFile('npm', ['--version'], { env, timeout: timeoutMs, shell: false, windowsHide: true, maxBuffer: 64 * 1024 }, (error, stdout) => {
      if (error) {
        const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        if (e.code === 'ENOENT') return resolve({ ok: false, reason: 'missing', detail: 'npm is not on PATH' });
        if (e.killed || e.signal === 'SIGTERM') return resolve({ ok: false, reason: 'timeout', detail: `\`npm --version\` gave no answer within ${timeoutMs} ms` });
        return resolve({ ok: false, reason: 'failed', detail: `\`npm --version\` failed (${typeof e.code === 'number' ? `exit code ${e.code}` : (e.code ?? e.message)})` });
      }
      const version = semver.valid(String(stdout).trim().split(/\s+/)[0] ?? '');
      if (!version) return resolve({ ok: false, reason: 'unparsable', detail: '`npm --version` did not print a version' });
      resolve({ ok: true, version });
    });
  });
};
