/**
 * What `probe` and `diagnose` share with the lint command's output: the colour decision (the same
 * rules as src/cli/main.ts: --color/--no-color, FORCE_COLOR, NO_COLOR, a terminal) and the chalk
 * instance, loaded only when colouring.
 */
import path from 'node:path';
import type { Paint } from '../../formatters/types.js';
import type { Io } from '../io.js';

export function useColor(io: Io, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY;
}

export async function paintFor(color: boolean): Promise<Paint | undefined> {
  return color ? new (await import('chalk')).Chalk({ level: 1 }) : undefined;
}

/** "fixtures/repo/" for a repository below the working directory, "" for the working directory. */
export function cwdPrefix(cwd: string, dir: string): string {
  const rel = path.relative(cwd, dir);
  return rel === '' ? '' : `${rel.split(path.sep).join('/')}/`;
}

export function usageError(io: Io, command: string, message: string): number {
  io.stderr(`tp-doctor ${command}: ${message}\nRun "tp-doctor ${command} --help" for usage.\n`);
  return 2;
}
