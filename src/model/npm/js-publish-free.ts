/**
 * Whether a committed JavaScript or TypeScript file, read whole, certainly publishes nothing
 * (mdn/browser-compat-data's `"release": "node scripts/release/index.js"`, which only opens the
 * release pull request with `git`, `gh` and `npm version`): read as text, never run. Every way a
 * file publishes names it somewhere: a command with `publish` (`npm publish`, `changeset publish`,
 * `pnpm publish`), a library that publishes (`libnpmpublish`, `semantic-release`, `release-it`,
 * Lerna, changesets, Nx's release API, `npm-registry-fetch`), or arguments handed to it by the
 * command that runs it (`node retry.mjs npm publish`). So a file is publish-free when neither it
 * nor the local modules it imports (`./x.js`, `../lib/y.ts`, transitively, at most
 * `MAX_IMPORTED_FILES`, each found and read) mention `publish`, import such a library (or any
 * package named for releasing, publishing, deploying or npm: `@acme/release-tools`), import a
 * module by a computed name, or import a local module that cannot be read; and the command gives it
 * no argument that names a publish tool. Anything else is "not known" (`false`): the file stays a
 * command tp-doctor cannot read, as before.
 *
 * Hand-written (a regular expression over the text, like `node-scripts.ts`'s reading of calls) for
 * the reason js-tokens.ts gives: only the module names of import statements are needed.
 */
import path from 'node:path/posix';
import { JS_PUBLISHING_PACKAGES } from '../data/publish-tools.js';

/** Local modules read besides the file itself, at most. */
export const MAX_IMPORTED_FILES = 32;

/** `from 'x'`, `import 'x'`, `import('x')`, `require('x')`: the module name (quotes of either kind). */
const IMPORT = /\b(?:from|import|require)(?:\s*\(\s*|\s*)(['"])([^'"\n]{1,300})\1/g;
/** `import(x)` or `require(x)` of a computed name. */
const COMPUTED_IMPORT = /\b(?:import|require)\s*\(\s*[^'"\s)]/;
const PUBLISH_WORD = /publish/i;
/** A TypeScript import or export of types only (erased: it loads nothing). */
const TYPE_ONLY = /\b(?:import|export)\s+type\s[^;'"]{0,2000}?\bfrom\s*(['"])[^'"\n]{1,300}\1/g;
/** Arguments that hand the file a command of a publish tool (`node retry.mjs npm publish`). */
const TOOL_ARGUMENT = /publish|release|\b(?:npm|pnpm|yarn|bun|lerna|changeset|semantic-release|nx)\b/i;
/** The extensions a TypeScript or ES module import may leave out or write as `.js` (a `.d.ts` for a JSDoc `@import` of types). */
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.d.ts', '/index.ts', '/index.js', '/index.mjs', '/index.d.ts'];

/** A package named for releasing or publishing (`@acme/release-tools`, `npm-deploy`): it may publish without the word. */
const RELEASE_NAMED = /release|publish|deploy|registry|npm|ship/i;

function publishingPackage(name: string): boolean {
  return RELEASE_NAMED.test(name) || JS_PUBLISHING_PACKAGES.some((p) => (p.endsWith('/') ? name.startsWith(p) : name === p || name.startsWith(`${p}/`)));
}

/** The repository file a local import names, by the extensions Node and TypeScript try; undefined when none is found. */
function localModule(from: string, spec: string, read: (file: string) => string | undefined): { file: string; text: string } | undefined {
  const base = path.normalize(path.join(path.dirname(from), spec));
  if (base.startsWith('../') || base === '..' || base.startsWith('/')) return undefined;
  const stem = base.replace(/\.(?:[cm]?js)$/, '');
  for (const ext of EXTENSIONS) {
    for (const candidate of ext === '' ? [base] : [`${stem}${ext}`, `${base}${ext}`]) {
      const text = read(candidate);
      if (text !== undefined) return { file: candidate, text };
    }
  }
  return undefined;
}

/** True when the file `file` (text `text`), run with `args`, certainly publishes nothing (see the file comment). */
export function publishFree(file: string, text: string, args: readonly string[], read: (file: string) => string | undefined): boolean {
  if (args.some((a) => TOOL_ARGUMENT.test(a))) return false;
  const seen = new Set([file]);
  const queue = [{ file, text }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (PUBLISH_WORD.test(next.text) || COMPUTED_IMPORT.test(next.text)) return false;
    // `import type { X } from '../types/index.js'` runs nothing.
    for (const m of next.text.replace(TYPE_ONLY, '').matchAll(IMPORT)) {
      const spec = m[2]!;
      if (!spec.startsWith('.')) {
        if (publishingPackage(spec.replace(/^node:/, ''))) return false;
        continue;
      }
      const local = localModule(next.file, spec, read);
      if (local === undefined) return false;
      if (seen.has(local.file)) continue;
      if (seen.size > MAX_IMPORTED_FILES) return false;
      seen.add(local.file);
      queue.push(local);
    }
  }
  return true;
}
