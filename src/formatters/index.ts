import type { FormatInput, FormatOptions, Formatter } from './types.js';

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

/** A report as a formatter gives it: one text, or pieces to write one after another. */
export type ReportText = string | Iterable<string>;

/**
 * The formats that can give their report in pieces (the machine formats, which grow with the
 * findings): the CLI writes each piece as it is made, so a large report is never held whole
 * (src/formatters/json-chunks.ts). The pieces join to what the format's `Formatter` returns.
 */
const chunkLoaders: Partial<Record<FormatName, () => Promise<(input: FormatInput, options: FormatOptions) => Iterable<string>>>> = {
  json: async () => (await import('./json.js')).jsonReportChunks,
  sarif: async () => (await import('./sarif.js')).sarifChunks,
};

/** The format's report, in pieces where the format can give them (`chunkLoaders`). */
export async function loadReportWriter(name: FormatName): Promise<(input: FormatInput, options: FormatOptions) => ReportText> {
  return (await chunkLoaders[name]?.()) ?? (await loaders[name]());
}
