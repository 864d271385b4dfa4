/**
 * A file's own helpers that hand their first two parameters to a call that runs a file with an
 * argument list (udecode/plate's release-packages.mjs: `function runCommand(command, args) {
 * spawnSync(command, args, {...}) }`, then `runCommand('pnpm', ['changeset', 'publish'])`): their
 * calls are read like that call (./node-scripts.ts `jsCommands`). Only a `function NAME(a, b` or
 * `const NAME = (a, b) =>` / `function (a, b` declared at any depth whose body, up to its closing
 * brace (or the end of an arrow's expression line), holds `CALL(a, b` with a `CALL` of `isFileArgs`.
 */
import { isPunct, type JsToken } from './js-tokens.js';

/** Tokens of a helper's body read at most: a longer body is not searched. */
const MAX_BODY_TOKENS = 2000;

/** The two first parameter names of a parameter list starting at `at` (`(`), and the index after its `)`. */
function firstTwoParams(tokens: readonly JsToken[], at: number): { a: string; b: string; after: number } | undefined {
  const a = tokens[at + 1];
  const b = tokens[at + 3];
  if (!isPunct(tokens[at], '(') || a?.kind !== 'ident' || !isPunct(tokens[at + 2], ',') || b?.kind !== 'ident') return undefined;
  let i = at + 4;
  for (; i < tokens.length && i < at + 64 && !isPunct(tokens[i], ')'); i++);
  return isPunct(tokens[i], ')') ? { a: a.raw, b: b.raw, after: i + 1 } : undefined;
}

/** Whether the body from `from` (a `{`, or an arrow's expression) calls `CALL(a, b` with `isFileArgs(CALL)`. */
function bodyPasses(tokens: readonly JsToken[], from: number, a: string, b: string, isFileArgs: (name: string) => boolean): boolean {
  const braced = isPunct(tokens[from], '{');
  let depth = 0;
  for (let i = from; i < tokens.length && i < from + MAX_BODY_TOKENS; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '{')) depth++;
    if (isPunct(t, '}') && --depth <= 0 && braced) return false;
    if (!braced && i > from && t.newlineBefore && depth <= 0) return false;
    if (t.kind === 'ident' && isFileArgs(t.raw) && isPunct(tokens[i + 1], '(') && tokens[i + 2]?.raw === a && isPunct(tokens[i + 3], ',') && tokens[i + 4]?.raw === b) return true;
  }
  return false;
}

/** The names of the file's helpers that pass their first two parameters on to a file-and-arguments call. */
export function fileArgsWrappers(tokens: readonly JsToken[], isFileArgs: (name: string) => boolean): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'ident' || tokens[i + 1]?.kind !== 'ident') continue;
    const name = tokens[i + 1]!.raw;
    let params: ReturnType<typeof firstTwoParams>;
    let body: number | undefined;
    if (t.raw === 'function') {
      params = firstTwoParams(tokens, i + 2);
      body = params?.after;
    } else if ((t.raw === 'const' || t.raw === 'let') && isPunct(tokens[i + 2], '=')) {
      const start = tokens[i + 3]?.raw === 'async' ? i + 4 : i + 3;
      params = firstTwoParams(tokens, start);
      body = params && isPunct(tokens[params.after], '=>') ? params.after + 1 : undefined;
    }
    if (params && body !== undefined && !isFileArgs(name) && bodyPasses(tokens, body, params.a, params.b, isFileArgs)) names.add(name);
  }
  return names;
}
