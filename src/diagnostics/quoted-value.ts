/**
 * How much of a value from the repository a message quotes (src/engine/run.ts renders every message
 * through it).
 */

/**
 * The most characters of one value a message quotes. Values come from the repository (a command, a
 * path, a key); a hostile one of a megabyte would otherwise be copied into every message, every
 * related location and every output format. No value of a real repository comes near it.
 */
export const MAX_QUOTED_VALUE = 500;

/** How much of a cut value's end is kept: a value often ends with tp-doctor's reason after the quoted text. */
const KEPT_TAIL = 200;

/**
 * `value` cut to `MAX_QUOTED_VALUE` characters: its start and its end, `…` between them, never
 * inside a surrogate pair.
 */
export function quotedValue(value: string): string {
  if (value.length <= MAX_QUOTED_VALUE) return value;
  let head = MAX_QUOTED_VALUE - KEPT_TAIL - 1;
  if (isHighSurrogate(value.charCodeAt(head - 1))) head -= 1;
  let tail = value.length - KEPT_TAIL;
  if (isLowSurrogate(value.charCodeAt(tail))) tail += 1;
  return `${value.slice(0, head)}…${value.slice(tail)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A report's data with each string value cut as `quotedValue` does (the JSON output carries it). */
export function quotedData(data: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data)) out[key] = typeof value === 'string' ? quotedValue(value) : value;
  return out;
}
