/**
 * The shared test data (`../shared` beside the clone: the real-world corpus and the bench
 * workflows) and the one decision about it: where it is missing, the suites that read it skip with
 * one line naming the missing folder, so `npm test` passes in a fresh clone with nothing beside it;
 * under CI (`CI` set and not empty) a missing folder fails the suite instead, so CI cannot lose
 * those tests silently.
 *
 * The public repository's own GitHub workflow has no shared data (it is not published) and sets
 * `TP_DOCTOR_SHARED=optional` to get the skip under CI. Every test that reads `../shared` goes
 * through `requireShared`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project's root (this file lives in test/). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
/** `shared/` sits beside the clone, in development and in the project's CI. */
export const SHARED_ROOT = path.resolve(PROJECT_ROOT, '../shared');

/** Whether a missing shared folder fails the tests (CI) rather than skipping them. */
export function sharedRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.CI ?? '') !== '' && env.TP_DOCTOR_SHARED !== 'optional';
}

/** The absolute path of `../shared/<name>`, or undefined when it does not exist (nothing printed). */
export function sharedDir(name: string): string | undefined {
  const dir = path.join(SHARED_ROOT, name);
  return existsSync(dir) ? dir : undefined;
}

/**
 * `../shared/<name>` for the suite `suite` (its file name, for the message): the path when it
 * exists; otherwise, outside CI, undefined after printing one line saying what is skipped and why,
 * and under CI an error that fails the suite.
 */
export function requireShared(name: string, suite: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = sharedDir(name);
  if (dir) return dir;
  const missing = path.relative(PROJECT_ROOT, path.join(SHARED_ROOT, name)).split(path.sep).join('/');
  if (sharedRequired(env)) {
    throw new Error(
      `${suite}: ${missing} not found (${path.join(SHARED_ROOT, name)}). CI is set, so the shared test data is ` +
        `required: put the shared/ folder beside the project clone (or set TP_DOCTOR_SHARED=optional to skip).`,
    );
  }
  console.log(`${suite}: skipped, ${missing} not found (the shared test data sits beside the clone; required when CI is set)`);
  return undefined;
}
