/** What a CLI command may touch of the process: the only place that knows about `process`. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
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

export const defaultIo = (): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  today: () => new Date().toISOString().slice(0, 10),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});

/** A subcommand (`tp-doctor init`, `probe`, `diagnose`): argv after the subcommand name → exit code. */
export interface Subcommand {
  run(argv: string[], io: Io): Promise<number>;
}
