import { fstatSync, statSync } from 'node:fs';

/** What a CLI command may touch of the process: the only place that knows about `process`. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Standard output is a terminal. Read it only where it decides something (see `defaultIo`). */
  isTTY: boolean;
  cwd: string;
  /** Standard input as text (for `tp-doctor diagnose -`); read on demand. */
  readStdin?: () => Promise<string>;
  /**
   * Today's date as `YYYY-MM-DD` (UTC), for the note on stale release data. Absent (tests, API
   * callers): no such note, so output never depends on the day it runs.
   */
  today?: () => string;
}

/** What `stdoutIsTerminal` looks at (replaced in tests). */
export interface TerminalProbe {
  platform: NodeJS.Platform;
  fstat: (fd: number) => { isCharacterDevice(): boolean; rdev: number };
  stat: (file: string) => { rdev: number };
  /** The stream's own answer (creates `process.stdout`). */
  streamIsTTY: () => boolean;
}

const REAL_PROBE: TerminalProbe = {
  platform: process.platform,
  fstat: fstatSync,
  stat: statSync,
  streamIsTTY: () => Boolean(process.stdout.isTTY),
};

/**
 * Standard output is a terminal, decided without creating `process.stdout` when a cheap test
 * settles it: Node creates that stream on first use, loading its stream modules (node:net for a
 * pipe), and a clean run into a pipe or a file never writes. A terminal is a character device, so
 * anything else (a file, a pipe, a socket) is not one, nor is /dev/null; any other character
 * device, an unreadable descriptor, and Windows ask the stream itself, as before.
 */
export function stdoutIsTerminal({ platform, fstat, stat, streamIsTTY }: TerminalProbe = REAL_PROBE): boolean {
  if (platform !== 'win32') {
    try {
      const out = fstat(1);
      if (!out.isCharacterDevice()) return false;
      if (out.rdev === stat('/dev/null').rdev) return false;
    } catch {
      // Asked below.
    }
  }
  return streamIsTTY();
}

export const defaultIo = (): Io => {
  let isTTY: boolean | undefined;
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    // Decided on first read (the colour of the human format, the line of a clean run on a terminal).
    get isTTY() {
      return (isTTY ??= stdoutIsTerminal());
    },
    cwd: process.cwd(),
    today: () => new Date().toISOString().slice(0, 10),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
};

/** A subcommand (`tp-doctor init`, `probe`, `diagnose`): argv after the subcommand name → exit code. */
export interface Subcommand {
  run(argv: string[], io: Io): Promise<number>;
}
