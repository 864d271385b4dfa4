/**
 * `forbidFields`: makes fields of an object throw when read. While workflows stream, the parts of
 * the project (and of a rule's context) that are not complete yet are guarded so: a rule that
 * would read one for a streamed workflow becomes an internal error instead of answering from half
 * a project (docs/ARCHITECTURE.md, "Streaming").
 */
export function forbidFields(target: object, keys: readonly string[], message: (key: string) => string): void {
  for (const key of keys) {
    Object.defineProperty(target, key, {
      configurable: true,
      enumerable: false,
      get() {
        throw new Error(message(key));
      },
    });
  }
}
