import { describe, expect, it } from 'vitest';
import { defaultIo, stdoutIsTerminal, type TerminalProbe } from './io.js';

const NULL_RDEV = 259; // /dev/null is character device 1,3 on Linux

/** A probe where descriptor 1 is `kind`; records whether the stream was asked (it says "terminal"). */
function probe(kind: 'file' | 'pipe' | 'char' | 'unreadable', rdev = 0, platform: NodeJS.Platform = 'linux'): TerminalProbe & { asked: number; looked: number } {
  const p = {
    platform,
    asked: 0,
    looked: 0,
    fstat: (fd: number) => {
      expect(fd).toBe(1);
      p.looked++;
      if (kind === 'unreadable') throw Object.assign(new Error('EBADF: bad file descriptor, fstat'), { code: 'EBADF' });
      return { isCharacterDevice: () => kind === 'char', rdev };
    },
    stat: (file: string) => {
      expect(file).toBe('/dev/null');
      return { rdev: NULL_RDEV };
    },
    streamIsTTY: () => {
      p.asked++;
      return true;
    },
  };
  return p;
}

describe('stdoutIsTerminal', () => {
  it('says "not a terminal" for a file or a pipe without asking the stream', () => {
    for (const kind of ['file', 'pipe'] as const) {
      const p = probe(kind);
      expect(stdoutIsTerminal(p)).toBe(false);
      expect(p.asked).toBe(0);
    }
  });

  it('says "not a terminal" for /dev/null (the same device, under any name) without asking the stream', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const p = probe('char', NULL_RDEV, platform);
      expect(stdoutIsTerminal(p)).toBe(false);
      expect(p.asked).toBe(0);
    }
  });

  it('asks the stream for another character device (a terminal, /dev/full)', () => {
    const p = probe('char', 34816);
    expect(stdoutIsTerminal(p)).toBe(true);
    expect(p.asked).toBe(1);
  });

  it('asks the stream when descriptor 1 cannot be examined', () => {
    const p = probe('unreadable');
    expect(stdoutIsTerminal(p)).toBe(true);
    expect(p.asked).toBe(1);
  });

  it('asks the stream on Windows, without looking at descriptor 1', () => {
    const p = probe('pipe', 0, 'win32');
    expect(stdoutIsTerminal(p)).toBe(true);
    expect(p.looked).toBe(0);
    expect(p.asked).toBe(1);
  });

  it('agrees with the stream for the real standard output of this process', () => {
    expect(stdoutIsTerminal()).toBe(Boolean(process.stdout.isTTY));
    expect(defaultIo().isTTY).toBe(Boolean(process.stdout.isTTY));
  });
});
