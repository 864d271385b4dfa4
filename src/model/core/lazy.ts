/**
 * `lazy`: a value made on first use, then kept. For module-level values that cost real work when
 * the bundle loads and that most runs never read: a regular expression with Unicode property
 * escapes (`\p{ID_Continue}` builds an ICU set when the literal is created, about 3 M instructions
 * of a start-up that costs ~280 M), a table only some providers read. Plain constants stay plain.
 */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return (): T => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
