import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { FormatInput, FormatOptions, Formatter, RuleMetaSummary } from './types.js';

/**
 * Every output format by its `--format` name. To add one: write
 * `src/formatters/<name>.ts` exporting a `Formatter`, import it here and add one entry; `FormatName`,
 * `formatNames` and `isFormatName` follow.
 */
const registry = {
  stylish,
  json,
  sarif,
  github,
  gitlab,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof registry;

export const formatters: Record<FormatName, Formatter> = registry;

/** Format names in registration order (for `--help` and error messages). */
export const formatNames = Object.keys(registry) as FormatName[];

/** The default when no `--format` is given. */
export const DEFAULT_FORMAT: FormatName = 'stylish';

export function isFormatName(s: string): s is FormatName {
  return Object.hasOwn(registry, s);
}
