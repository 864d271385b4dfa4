import { randomBytes } from 'node:crypto';
import { constants, lstatSync, readlinkSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ReportText } from '../formatters/index.js';
import { batched } from '../formatters/json-chunks.js';

/**
 * Writing `--output FILE` without ever destroying what is there:
 *
 * | the path is                                   | what happens                                            |
 * |-----------------------------------------------|---------------------------------------------------------|
 * | new, or a regular file                        | written atomically: a temporary file in the same       |
 * |                                               | directory, then a rename over the path (mode kept)      |
 * | a symbolic link to a regular file             | the link stays; its resolved target is written          |
 * |                                               | atomically                                              |
 * | this process's stdout or stderr (`/dev/stdout`, `/dev/fd/2`, `/proc/self/fd/1`): see `standardStream`, the CLI writes to the stream |
 * | another link through `/dev` or `/proc` (an open file of a process) | written through the link, appended, never replaced |
 * | a character device or FIFO (or a link to one) | written through: opened for writing, nothing created,   |
 * |                                               | nothing renamed (`/dev/null`, `/dev/full`, a named pipe)|
 * | a directory, a dangling link, anything else   | refused                                                 |
 *
 * Every failure is an `OutputError` with a short code (an errno code such as `ENOSPC`, `EACCES`,
 * `EISDIR`, or a phrase for a refused kind of file); the CLI prints it as one line and exits 2.
 */
export class OutputError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'OutputError';
  }
}

/** How many symbolic links are followed before giving up (Linux: 40). */
const MAX_LINKS = 40;

function errnoCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : ((error as Error | undefined)?.message ?? String(error));
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new OutputError(errnoCode(error));
  }
}

/** True when following the link chain from `file` passes through `/dev/` or `/proc/` (fd aliases). */
function linksThroughDevOrProc(file: string): boolean {
  let current = path.resolve(file);
  for (let i = 0; i < MAX_LINKS; i++) {
    let target: string;
    try {
      if (!lstatSync(current).isSymbolicLink()) return false;
      target = readlinkSync(current);
    } catch {
      return false;
    }
    current = path.resolve(path.dirname(current), target);
    if (/^\/(dev|proc)\//.test(current)) return true;
  }
  return false;
}

/**
 * 1 or 2 when `file` names this process's standard output or error (`/dev/stdout`, `/dev/fd/2`,
 * `/proc/self/fd/1`, or a link to one of them): the CLI then writes to the stream itself, which
 * works whatever it is connected to (a socket cannot be reopened through `/proc`).
 */
export function standardStream(file: string): 1 | 2 | undefined {
  const own = new RegExp(`^/(?:dev/fd|proc/(?:self|${process.pid})/fd)/([12])$`);
  let current = path.resolve(file);
  for (let i = 0; i <= MAX_LINKS; i++) {
    if (current === '/dev/stdout') return 1;
    if (current === '/dev/stderr') return 2;
    const m = own.exec(current);
    if (m) return m[1] === '1' ? 1 : 2;
    try {
      if (!lstatSync(current).isSymbolicLink()) return undefined;
      current = path.resolve(path.dirname(current), readlinkSync(current));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Writes a report through an open file: a text at once, pieces in runs of 64 KiB as they are made
 * (each `writeFile` on a handle goes on from where the last one ended, and writes all of its text).
 */
async function writeAll(handle: FileHandle, text: ReportText): Promise<void> {
  if (typeof text === 'string') await handle.writeFile(text, 'utf8');
  else for (const run of batched(text)) await handle.writeFile(run, 'utf8');
}

/** Opens an existing file for writing and writes `text` through it: no create, no truncate, no rename. */
async function writeThrough(file: string, text: ReportText, extraFlags: number): Promise<void> {
  // Opening a FIFO blocks until a reader opens it (as a shell redirection does); the asynchronous
  // open waits on a worker thread, not on the event loop.
  const handle = await open(file, constants.O_WRONLY | extraFlags).catch((error: unknown) => {
    throw new OutputError(errnoCode(error));
  });
  try {
    await writeAll(handle, text);
  } catch (error) {
    throw new OutputError(errnoCode(error));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Temporary file beside `target`, then a rename over it: a reader never sees half a report (or half a fixed file). */
export async function writeAtomically(target: string, text: ReportText, mode: number | undefined): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.tp-doctor-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle;
  try {
    // `wx`: never reuse or follow something already at the temporary name.
    handle = await open(tmp, 'wx', mode ?? 0o666);
    await writeAll(handle, text);
    // An existing file keeps its permissions (the umask applied to the mode given to open).
    if (mode !== undefined) await handle.chmod(mode);
    await handle.close();
    handle = undefined;
    await rename(tmp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    rmSync(tmp, { force: true });
    throw new OutputError(errnoCode(error));
  }
}

/** Writes the report to `file` (absolute) as the table above says; throws `OutputError`. */
export async function writeOutputFile(file: string, text: ReportText): Promise<void> {
  const link = lstatOrUndefined(file);
  if (link === undefined) return writeAtomically(file, text, undefined);

  if (!link.isSymbolicLink()) {
    if (link.isFile()) return writeAtomically(file, text, link.mode & 0o7777);
    if (link.isCharacterDevice() || link.isFIFO()) return writeThrough(file, text, constants.O_NOFOLLOW ?? 0);
    if (link.isDirectory()) throw new OutputError('EISDIR');
    throw new OutputError('not a regular file, character device or FIFO');
  }

  let target: Stats;
  try {
    target = statSync(file);
  } catch (error) {
    // A dangling link (or a loop): nothing to write through, and the link itself is never replaced.
    throw new OutputError(errnoCode(error));
  }
  if (target.isCharacterDevice() || target.isFIFO()) return writeThrough(file, text, 0);
  if (target.isFile()) {
    if (linksThroughDevOrProc(file)) return writeThrough(file, text, constants.O_APPEND);
    let resolved: string;
    try {
      resolved = realpathSync(file);
    } catch (error) {
      throw new OutputError(errnoCode(error));
    }
    return writeAtomically(resolved, text, target.mode & 0o7777);
  }
  if (target.isDirectory()) throw new OutputError('EISDIR');
  throw new OutputError('not a regular file, character device or FIFO');
}
