import type { Formatter } from './types.js';

export type { FormatInput, FormatOptions, Formatter, Paint, RuleMetaSummary } from './types.js';

/**
 * Every output format by its `--format` name, loaded on demand: a run pays only for the formatter
 * it uses (SARIF and GitLab pull in node:crypto for fingerprints). To add one: write
 * `src/formatters/<name>.ts` exporting a `Formatter` and add one entry here.
 */
const loaders = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
} as const satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof loaders;

/** Format names in registration order (for `--help` and error messages). */
export const formatNames = Object.keys(loaders) as FormatName[];

export function isFormatName(s: string): s is FormatName {
  return Object.hasOwn(loaders, s);
}

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return loaders[name]();
}
