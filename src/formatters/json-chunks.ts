/**
 * `JSON.stringify(value, null, 2)` in pieces, for the machine formats of large runs (issue 17,
 * memory): 20,000 workflows give a 4.6 MB JSON report, and as one string it was held about three
 * times over at the end of the run (the serialiser's buffer, the text, the bytes written), 13 MiB
 * of the run's peak. In pieces, each array element is serialised on its own and can be written and
 * dropped before the next, and a `LazyArray`'s elements are not even built before they are needed.
 *
 * Hand-written because the pieces must join to exactly what `JSON.stringify(value, null, 2)`
 * gives (the format's contract, and the tests compare the two), and no JSON streaming library
 * promises that: it keeps `JSON.stringify` for every leaf and only walks the containers above them.
 * Pure: no I/O.
 */

/** An array whose elements are made one at a time while the report is written. */
export class LazyArray<T = unknown> {
  constructor(readonly items: Iterable<T>) {}
  toJSON(): T[] {
    return [...this.items];
  }
}

const INDENT = '  ';

/** True for a value `JSON.stringify` leaves out of an object (and writes as `null` in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function isContainer(value: unknown): value is object {
  if (value instanceof LazyArray) return true;
  if (typeof value !== 'object' || value === null) return false;
  // A value with its own `toJSON` (a Date) is serialised as `JSON.stringify` would: as a leaf.
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** A leaf as `JSON.stringify(value, null, 2)` gives it, its lines indented to `indent`. */
function leaf(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  // A JSON string never holds a raw line break, so every one here separates lines of the layout.
  return indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`);
}

/**
 * The pieces of `JSON.stringify(value, null, 2)`: containers down to `depth` levels are walked
 * (each of their elements or entries is one or more pieces), anything deeper is one piece.
 */
export function* jsonChunks(value: unknown, depth: number, indent = ''): Generator<string> {
  if (depth <= 0 || !isContainer(value)) {
    yield leaf(value, indent);
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value) || value instanceof LazyArray) {
    const items: Iterable<unknown> = value instanceof LazyArray ? value.items : value;
    let first = true;
    for (const item of items) {
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      if (omitted(item)) yield 'null';
      else yield* jsonChunks(item, depth - 1, inner);
    }
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (omitted(item)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* jsonChunks(item, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** Pieces joined into runs of at least `size` characters (fewer, larger writes). */
export function* batched(chunks: Iterable<string>, size = 64 * 1024): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}
