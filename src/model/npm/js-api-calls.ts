/**
 * Calls of a publish tool's JavaScript API in a release file (`data/publish-tools.ts`
 * `JS_PUBLISH_FUNCTIONS`): `import { releasePublish } from 'nx/release'` (or `as` another name,
 * or `const { releasePublish } = require('nx/release')` / `await import(...)`), then
 * `releasePublish({ ... })`, is read as the command it stands for (`nx release publish`) at the
 * call, with `--dry-run` (`--skip-publish`) when the call's argument says `dryRun: true`
 * (`skipPublish: true`) literally. Read from the
 * tokens (js-tokens.ts), never run; what the call's other arguments do is not followed.
 */
import { JS_PUBLISH_FUNCTIONS } from '../data/publish-tools.js';
import { isPunct, type JsToken } from './js-tokens.js';

/** A call read as a command: `command` stands where `start`-`end` is in the file. */
export interface ApiCall {
  command: string;
  start: number;
  end: number;
}

/** Names inside the braces of an import or a destructuring at `open` (`{`), `as`/`:` aliases followed: local name → exported name. */
function bindings(tokens: readonly JsToken[], open: number): { names: Map<string, string>; close: number } | undefined {
  const names = new Map<string, string>();
  // At most this many tokens between the braces: an import list, not a file.
  for (let i = open + 1; i < tokens.length && i < open + 512; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '}')) return { names, close: i };
    if (t.kind !== 'ident') continue;
    const next = tokens[i + 1];
    const aliased = next?.kind === 'ident' && next.raw === 'as' ? tokens[i + 2] : isPunct(next, ':') ? tokens[i + 2] : undefined;
    if (aliased?.kind === 'ident') {
      names.set(aliased.raw, t.raw);
      i += 2;
    } else names.set(t.raw, t.raw);
  }
  return undefined;
}

/** The module named after the braces closed at `close`: `from 'm'`, `= require('m')`, `= await import('m')`. */
function moduleAfter(tokens: readonly JsToken[], close: number): string | undefined {
  const a = tokens[close + 1];
  if (a?.kind === 'ident' && a.raw === 'from') return tokens[close + 2]?.kind === 'string' ? tokens[close + 2]!.value : undefined;
  if (!isPunct(a, '=')) return undefined;
  let i = close + 2;
  if (tokens[i]?.raw === 'await') i++;
  const call = tokens[i];
  if (call?.kind !== 'ident' || (call.raw !== 'require' && call.raw !== 'import') || !isPunct(tokens[i + 1], '(')) return undefined;
  return tokens[i + 2]?.kind === 'string' ? tokens[i + 2]!.value : undefined;
}

/** Local name → the command it runs, for the API functions the file imports. */
function importedFunctions(tokens: readonly JsToken[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isPunct(tokens[i], '{')) continue;
    const before = tokens[i - 1];
    const opensImport = before?.kind === 'ident' && (before.raw === 'import' || before.raw === 'const' || before.raw === 'let' || before.raw === 'var');
    if (!opensImport) continue;
    const found = bindings(tokens, i);
    if (!found) continue;
    const module = moduleAfter(tokens, found.close);
    for (const [local, exported] of found.names) {
      const fn = JS_PUBLISH_FUNCTIONS.find((f) => f.name === exported && module !== undefined && f.modules.includes(module));
      if (fn) out.set(local, fn.command);
    }
    i = found.close;
  }
  return out;
}

/** The options written `true` in the call's argument list from `open` (`(`), to their flags: a dry run, or `release` without its publish. */
const TRUE_OPTIONS: Readonly<Record<string, string>> = { dryRun: '--dry-run', skipPublish: '--skip-publish' };

/** The flags of the options the call sets to `true` literally (its own parentheses, at most 256 tokens). */
function literalFlags(tokens: readonly JsToken[], open: number): string[] {
  const flags: string[] = [];
  let depth = 0;
  for (let i = open; i < tokens.length && i < open + 256; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')') && --depth === 0) break;
    else if (t.kind === 'ident' && Object.hasOwn(TRUE_OPTIONS, t.raw) && isPunct(tokens[i + 1], ':') && tokens[i + 2]?.raw === 'true') flags.push(TRUE_OPTIONS[t.raw]!);
  }
  return flags;
}

/** The API calls of a file's tokens that publish (see the file comment), in file order. */
export function apiCalls(tokens: readonly JsToken[]): ApiCall[] {
  const functions = importedFunctions(tokens);
  if (functions.size === 0) return [];
  const out: ApiCall[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const command = t.kind === 'ident' ? functions.get(t.raw) : undefined;
    // A call, not the import itself nor a property of another object (`other.release(`).
    if (command === undefined || !isPunct(tokens[i + 1], '(') || isPunct(tokens[i - 1], '.')) continue;
    out.push({ command: [command, ...literalFlags(tokens, i + 1)].join(' '), start: t.start, end: t.end });
  }
  return out;
}
