import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { argsErrorMessage } from './args-error.js';

const OPTIONS = { format: { type: 'string', short: 'f' }, quiet: { type: 'boolean', short: 'q' } } as const;

function messageFor(args: string[]): string {
  try {
    parseArgs({ args, allowPositionals: true, allowNegative: true, options: OPTIONS });
  } catch (error) {
    return argsErrorMessage(error);
  }
  throw new Error(`parseArgs accepted ${args.join(' ')}`);
}

describe('argsErrorMessage', () => {
  it('names an unknown option once, with balanced quotes and the "--" way out', () => {
    expect(messageFor(['--frobnicate'])).toBe('unknown option "--frobnicate"; a directory or file whose name starts with "-" goes after "--" (-- --frobnicate)');
    expect(messageFor(['-qz'])).toBe('unknown option "-z"; a directory or file whose name starts with "-" goes after "--" (-- -z)');
  });

  it('names the option that lacks a value, or has one it does not take, by its long name', () => {
    expect(messageFor(['-f'])).toBe('option --format needs a value');
    expect(messageFor(['--format'])).toBe('option --format needs a value');
    expect(messageFor(['--quiet=3'])).toBe('option --quiet takes no value');
    expect(messageFor(['-f', '--quiet'])).toBe('option -f needs a value, and the next argument is an option; a value that starts with "-" is written --format=-value');
  });

  it('passes any other error on unchanged', () => {
    expect(argsErrorMessage(new Error('something else'))).toBe('something else');
    expect(argsErrorMessage(Object.assign(new Error('Unknown thing'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }))).toBe('Unknown thing');
  });
});
