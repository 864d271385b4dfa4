/**
 * What a selecting word of a publish that holds a shell value may name (`joinDir` leaves it unnamed).
 *
 * A directory argument holding a value tp-doctor cannot put in: `underLiteralPrefix`; a pnpm
 * `--filter` value holding one: `filterValueCandidates`.
 *
 * A publish inside a shell `for NAME in WORDS; do … done` loop whose directory or selection names
 * the loop's variable (intlify/vue-i18n: `for PKG in packages/*; do (cd "$PKG" && pnpm publish);
 * done`; `npm publish --prefix "$d"`, `pnpm -C "$d" publish`, `npm publish "$d"`): read once for
 * each value the loop gives the variable, the way the shell expands its words (a literal word as
 * it is; a simple glob, `packages/*`, `./tools/*`, into the directories it matches from the
 * directory the `for` runs in, walked as workspace globs are: ./workspaces.ts
 * `directoriesMatching`). The publish stays unknown (the body may skip a value: `[[ -d "$PKG" ]] ||
 * continue`), its candidates the packages those readings publish, never a package outside the
 * loop's words. Anything else keeps the unknown targets as they were: words that are not literal
 * (`$(ls packages)`, `$LIST`, a quoted glob, a `..`, `~`, an absolute path), a variable the body
 * also sets (`read`, `NAME=`, another `for NAME`), no value at all, or more values than
 * `MAX_LOOP_READINGS`. Loops nested in one another whose variables the publish names (`for os in
 * linux darwin; do for arch in amd64 arm64; do (cd "packages/pkg-${os}-${arch}"; npm publish)`)
 * are read for every combination of their values, at most `MAX_LOOP_DEPTH` deep and
 * `MAX_LOOP_READINGS` readings in all.
 */
import { splitCommands, type ShellCommand } from './shell.js';
import { commandWords } from './shell-arrays.js';
import { forLoops, type ShellLoop } from './shell-nesting.js';
import { isDirectoryChange } from './shell-scope-walk.js';
import { assignsVariable, lastAssignedValue } from './script-index.js';
import { directoriesHolding, directoriesMatching, type WorkspacePackage } from './workspaces.js';
import type { ResolvedTargets, TargetInput } from './targets.js';

/** `a/./b/../c` → `a/c`; undefined when it leaves the repository or holds a variable. */
export function joinDir(base: string, rel: string): string | undefined {
  if (/[$`~]/.test(rel) || rel.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const part of `${base}/${rel}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Values of one loop read at most (one resolution each). */
export const MAX_LOOP_READINGS = 200;

/** A literal word or a simple glob: `packages/*`, `./tools/*` (a slash after it too), `core`. */
const SIMPLE_WORD = /^[\w.@+*-]+(?:\/[\w.@+*-]+)*\/?$/;
/** A value that can be put in a script's text as it is. */
export const PLAIN_VALUE = /^[\w.@+/-]+$/;

/** What the target resolution lends the loop reading. */
export interface LoopHooks {
  /** The targets of one reading, without looking for loops again. */
  resolve(input: TargetInput): ResolvedTargets;
  /** The directory after the given directory changes from the command's own, or undefined. */
  directoryAfter(input: TargetInput, changes: readonly ShellCommand[]): string | undefined;
}

/** `$NAME` and `${NAME}` in a text. */
export function reference(name: string): RegExp {
  return new RegExp(`\\$(?:\\{${name}\\}|${name}(?!\\w))`, 'g');
}

/** Loops around one publish read inside one another at most (`for os …; for arch …`). */
const MAX_LOOP_DEPTH = 4;

/**
 * The targets of a publish in a loop whose variable its selection names (see the file comment);
 * undefined when it is not one. `outer`: the readings of the loops already read inside this one
 * (`depth` of them), whose product stays within `MAX_LOOP_READINGS`.
 */
export function loopTargets(input: TargetInput, hooks: LoopHooks, outer = 1, depth = 0): ResolvedTargets | undefined {
  const before = input.textBefore;
  if (before === undefined || input.viaAction || input.match.action || input.list === undefined) return undefined;
  const at = before.length;
  const loops = input.loopsBefore ?? forLoops(splitCommands(before));
  const changes = input.directoryChangesBefore ?? splitCommands(before).filter(isDirectoryChange);
  const names = (loop: ShellLoop, text: string): boolean => text.includes(loop.variable) && reference(loop.variable).test(text);
  // The innermost loop around the publish whose variable the publish or a change of directory in its body names.
  const loop = loops
    .filter((l) => l.body <= at && l.end >= at)
    .reverse()
    .find((l) => names(l, input.match.text) || changes.some((c) => c.offset >= l.body && names(l, c.text)));
  if (loop === undefined) return undefined;
  if (loops.some((l) => l !== loop && l.body > loop.body && l.variable === loop.variable) || assignsVariable(before.slice(loop.body), loop.variable)) return undefined;
  const start = hooks.directoryAfter(input, changes.filter((c) => c.offset < loop.body));
  const values = start === undefined ? undefined : loopValues(input.list, start, withArrays(loop, before));
  if (values === undefined || values.length * outer > MAX_LOOP_READINGS) return undefined;
  return readEach(input, hooks, loop, changes, values, outer, depth);
}

/**
 * The loop with the words of the arrays its header expands put in (girder/girder: `readonly
 * PUBLISHED_NPM_PACKAGES=(plugins/a …)`, then `for directory in "${PUBLISHED_NPM_PACKAGES[@]}"`),
 * as ./shell-arrays.ts reads a bash command; as it was when none is known or one may hold more.
 */
function withArrays(loop: ShellLoop, text: string): ShellLoop {
  if (!loop.words.some((w) => /\[[@*]\]\}"?$/.test(w.raw))) return loop;
  const cmd = splitCommands(text).find((c) => c.offset === loop.header);
  if (cmd === undefined) return loop;
  const read = commandWords(cmd, { text, offset: cmd.offset, end: cmd.offset + cmd.text.length }, true);
  const at = read.words.indexOf('in');
  if (read.unsure || at < 0) return loop;
  return { ...loop, words: read.words.slice(at + 1).map((value) => ({ value, raw: value })) };
}

/** The values the loop gives its variable, as the shell expands its words in `start`; undefined when they cannot be told. */
function loopValues(list: NonNullable<TargetInput['list']>, start: string, loop: ShellLoop): string[] | undefined {
  const out: string[] = [];
  for (const { value, raw } of loop.words) {
    const glob = value.includes('*');
    if (!SIMPLE_WORD.test(value) || value.split('/').includes('..') || (glob && raw !== value)) return undefined;
    if (!glob) {
      out.push(value);
      continue;
    }
    const relative = value.replace(/^(?:\.\/)+/, '').replace(/\/$/, '');
    const pattern = start === '' ? relative : `${start}/${relative}`;
    const dirs = directoriesMatching(list, pattern);
    if (dirs === undefined) return undefined;
    out.push(...dirs.map((d) => (start === '' ? d : d.slice(start.length + 1))));
  }
  return out.length > MAX_LOOP_READINGS || out.some((v) => !PLAIN_VALUE.test(v)) ? undefined : out;
}

/** Each value put in the publish and the changes of directory in the loop's body, read; the packages of all readings as candidates. */
function readEach(input: TargetInput, hooks: LoopHooks, loop: ShellLoop, changes: readonly ShellCommand[], values: readonly string[], outer: number, depth: number): ResolvedTargets {
  const { match } = input;
  // A reading that still names the variable of a loop around this one (ianlewis/todos: `for os …;
  // for arch …; ( cd "packages/todos-${os}-${arch}"; npm publish )`) is read for each of its values too.
  const resolve = (i: TargetInput): ResolvedTargets => (depth + 1 < MAX_LOOP_DEPTH ? loopTargets(i, hooks, values.length * outer, depth + 1) : undefined) ?? hooks.resolve(i);
  const readings = values.map((value) => {
    const put = (text: string): string => text.replace(reference(loop.variable), value);
    const moves = changes.map((c) => (c.offset < loop.body ? c : { ...c, text: put(c.text), words: c.words.map((w) => ({ ...w, value: put(w.value) })) }));
    return resolve({ ...input, match: { ...match, text: put(match.text), args: match.args.map(put) }, directoryChangesBefore: moves });
  });
  return mergeReadings(input, readings);
}

/** Readings of one publish together: unknown targets, the packages of every reading as candidates, in the order of the discovered packages. */
export function mergeReadings(input: TargetInput, readings: readonly ResolvedTargets[]): ResolvedTargets {
  const byDir = new Map<string, WorkspacePackage>();
  const directories = new Set<string | undefined>();
  for (const read of readings) {
    for (const p of read.targets.kind === 'unknown' ? read.targets.candidates : read.targets.packages) byDir.set(p.dir, p);
    directories.add(read.directory);
  }
  const rank = new Map(input.discovery.packages.map((p, i) => [p.dir, i]));
  const candidates = [...byDir.values()].sort((a, b) => (rank.get(a.dir) ?? rank.size) - (rank.get(b.dir) ?? rank.size) || a.dir.localeCompare(b.dir));
  const directory = directories.size === 1 ? [...directories][0] : undefined;
  return { targets: { kind: 'unknown', packages: [], candidates }, directory };
}

/**
 * What a directory argument holding a value tp-doctor cannot put in may name
 * (`npm publish dist/npm/widget-${{ matrix.platform }}`, `npm publish "out/$PKG"`): only what lies
 * under its literal start, the packages whose directory under `dist/npm/` begins with `widget-`
 * (the discovered packages, and the `package.json` of each directory listed there, one level
 * deep). Never the directory the command runs in unless the literal start may name it (`./$DIR`):
 * a folder made in the job (its `package.json` written at run time) has no candidate. Undefined
 * when there is no literal start to go by (`$DIR`, `/tmp/$X`, `~/x`, a `..` after the value).
 */
export function underLiteralPrefix(
  input: TargetInput,
  dir: string,
  target: string,
  atDir: (d: string) => WorkspacePackage[],
  publishable: (p: WorkspacePackage) => boolean,
): WorkspacePackage[] | undefined {
  const start = literalDirStart(dir, target);
  if (start === undefined) return undefined;
  const { base, partial, fits } = start;
  const found = new Map<string, WorkspacePackage>();
  for (const p of input.discovery.packages) if (fits(p.dir)) found.set(p.dir, p);
  for (const e of input.list?.(base === '' ? '.' : base) ?? []) {
    if (!e.isDir || !e.name.startsWith(partial)) continue;
    for (const p of atDir(base === '' ? e.name : `${base}/${e.name}`)) found.set(p.dir, p);
  }
  return [...found.values()].filter(publishable);
}

/**
 * What a publish may publish in a directory tp-doctor cannot tell whose path ends in `tail` (`cd
 * "$DIR"; cd wasm; npm publish`, or after a loop that may have moved it: ./shell-scope-walk.ts
 * `DirectoryPlace.tail`): the packages whose directory is `tail` or ends in `/tail`, discovered or
 * committed (a `package.json` found by the bounded walk of `directoriesHolding`); never the root
 * package, nor any other. None for a folder made in the job.
 */
export function endingIn(input: Pick<TargetInput, 'discovery' | 'packageAt' | 'list'>, tail: string): WorkspacePackage[] {
  const ends = (dir: string): boolean => dir === tail || dir.endsWith(`/${tail}`);
  const found = new Map(input.discovery.packages.filter((p) => ends(p.dir)).map((p) => [p.dir, p]));
  const committed = (input.list === undefined ? undefined : directoriesHolding(input.list, 'package.json')) ?? [tail];
  for (const dir of committed.filter((d) => ends(d) && !found.has(d))) {
    const pkg = input.packageAt(dir);
    if (pkg !== undefined) found.set(dir, { pkg, name: pkg.name, dir, isRoot: false, private: pkg.private });
  }
  return [...found.values()];
}

/** The literal start of a directory holding a value (`dist/npm/x-$P`: base `dist/npm`, partial `x-`), and which directories may be it. */
function literalDirStart(dir: string, target: string, stop = /[$`]/): { base: string; partial: string; fits: (d: string) => boolean } | undefined {
  const at = target.search(stop);
  if (at <= 0 || /(?:^|\/)\.\.(?:\/|$)/.test(target.slice(at))) return undefined;
  const literal = target.slice(0, at);
  if (/^[/~]/.test(literal)) return undefined;
  const slash = literal.lastIndexOf('/');
  const partial = literal.slice(slash + 1);
  const base = slash < 0 ? dir : joinDir(dir, literal.slice(0, slash));
  if (base === undefined) return undefined;
  const under = (d: string): string | undefined => (base === '' ? d : d.startsWith(`${base}/`) ? d.slice(base.length + 1) : d === base ? '' : undefined);
  const fits = (d: string): boolean => {
    const rel = under(d);
    return rel !== undefined && (rel === '' ? partial === '' : rel.split('/')[0]!.startsWith(partial));
  };
  return { base, partial, fits };
}

/**
 * What a pnpm `--filter` value holding a value tp-doctor cannot put in may select
 * (bytecodealliance/jco: `pnpm publish --filter "@bytecodealliance/$PROJECT"`): by its literal
 * start, the packages whose name starts with it (`@scope/`, `prefix-`; one without a scope or a
 * slash also the scoped names whose part after the scope does, as pnpm tries `@*\/<name>` when no
 * name matches), or for a directory selector (`./packages/$X`) the workspace projects under its
 * literal directory start (`underLiteralPrefix`'s reading; never the root). Undefined, every
 * package, when the value cannot be bounded so: an exclusion (`!`), graph selectors (`...` adds
 * dependencies or dependents, `^`), a `[since]` range, braces (`{dir}`), or no literal start.
 */
export function filterValueCandidates(packages: readonly WorkspacePackage[], dir: string, filter: string): WorkspacePackage[] | undefined {
  const sel = filter.trim();
  const at = sel.search(/[$`]/);
  if (at < 0 || /^[!{]|\.\.\.|\^|\[/.test(sel)) return undefined;
  if (/^\.\.?\//.test(sel)) {
    // The literal directory start ends at a value or a glob (`./packages/*-$X`: under `packages/`).
    const start = literalDirStart(dir, sel, /[$`*?]/);
    return start === undefined ? undefined : packages.filter((p) => !p.isRoot && start.fits(p.dir));
  }
  if (sel.startsWith('.') || sel.startsWith('/')) return undefined;
  const literal = sel.slice(0, sel.search(/[$`*?]/));
  if (literal === '') return undefined;
  const bare = !literal.startsWith('@') && !literal.includes('/');
  return packages.filter((p) => {
    const name = p.name ?? '';
    return name.startsWith(literal) || (bare && name.startsWith('@') && name.includes('/') && name.slice(name.indexOf('/') + 1).startsWith(literal));
  });
}

/**
 * True when a publish's argument is a shell variable holding a tarball: `npm publish "$TARBALL"`
 * after `TARBALL=$(ls *.tgz)`, `f=$(npm pack)` or `tgz=dist/x.tgz` in the text before it, or a
 * variable named for one (`$TARBALL`, `$tgz`, set where tp-doctor cannot see, as an `env:` value
 * from a step's output). A tarball holds a package tp-doctor cannot see (20jasper/JJPWRGEM:
 * `npm publish "${tarball}"` was read as any workspace package, with a false
 * `provenance-repository-url` warning on one it never sends). So is a path ending in such a
 * variable's file name (`"$RUNNER_TEMP/packs/$(basename "$TARBALL")"`, or the `##` prefix removal
 * up to the last slash: cline/cline after `TARBALL=$(bun pm pack --destination …)`).
 */
export function tarballVariable(target: string, textBefore: string | undefined): boolean {
  const base = /(?:^|\/)(?:\$\(\s*basename\s+"?\$\{?([A-Za-z_]\w*)\}?"?\s*\)|\$\{([A-Za-z_]\w*)##\*\/\})$/.exec(target);
  if (base) return tarballVariable(`$${base[1] ?? base[2]}`, textBefore);
  const name = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(target)?.[1];
  if (name === undefined) return false;
  const assigned = textBefore === undefined ? undefined : lastAssignedValue(textBefore, name);
  if (assigned !== undefined) return /\.tgz\b|\b(?:npm|pnpm|yarn|bun)\s+(?:pm\s+)?pack\b/.test(assigned);
  return /tarball|tgz/i.test(name);
}

/** Options before a package manager's `pack` that take a value (`pnpm --filter "$name" pack`, `npm --prefix x pack`). */
const PACK_VALUE_OPTIONS: ReadonlySet<string> = new Set(['--filter', '-F', '-C', '--dir', '--prefix', '-w', '--workspace', '--cwd']);

/** Options of `pack` that take a value and choose no package: where the tarball goes (`--pack-destination`, Yarn's `--out`/`--filename`, bun's `--destination`). */
const PACK_OUTPUT_OPTIONS: ReadonlySet<string> = new Set(['--pack-destination', '--out', '-o', '--filename', '-f', '--destination', '--pack-gzip-level', '--registry', '--loglevel']);

/** The words of the `npm pack`, `pnpm … pack`, `yarn pack` or `bun pm pack` command an assigned value runs (`$(pnpm --filter x pack | tail -n 1)`). */
function packCommand(assigned: string): string[] | undefined {
  if (!/\bpack\b/.test(assigned)) return undefined;
  const inner = /^\$\(([\s\S]*)\)$/.exec(assigned.trim())?.[1] ?? assigned;
  for (const cmd of splitCommands(inner)) {
    // The package manager's own words (`npx npm pack`, `corepack pnpm pack`: from its name on).
    const all = cmd.words.map((w) => w.value);
    const words = all.slice(all.findIndex((w) => ['npm', 'pnpm', 'yarn', 'bun'].includes(w)));
    if (!['npm', 'pnpm', 'yarn', 'bun'].includes(words[0] ?? '')) continue;
    let at = 1;
    while (at < words.length && words[at]!.startsWith('-')) at += PACK_VALUE_OPTIONS.has(words[at]!) ? 2 : 1;
    if (words[0] === 'bun' && words[at] === 'pm') at++;
    if (words[at] === 'pack') return words;
  }
  return undefined;
}

/** `$(node -p "require('./<dir>/package.json').name")`, `$(jq -r .name <dir>/package.json)`: the name of the package in `<dir>`. */
const NAME_OF_PACKAGE = /^\$\(\s*(?:node\s+(?:-p|--print)\s+["']?require\(\s*["'](?:\.\/)?((?:[\w.@+-]+\/)*)package\.json["']\s*\)\.name["']?|jq\s+-r\s+["']?\.name["']?\s+["']?(?:\.\/)?((?:[\w.@+-]+\/)*)package\.json["']?)\s*\)$/;

/**
 * The packages the tarball a publish's argument holds may be, when its variable was set from a pack
 * command that selects one by a literal directory (`pnpm -C packages/a pack`, `npm pack ./packages/a`)
 * or by the name of the package in a literal directory (Neko-Catpital-Labs/Invoker:
 * `name="$(node -p "require('./packages/npm-cli/package.json').name")"`, then `tarball="$(pnpm
 * --filter "${name}" pack …)"`); undefined when the tarball's package cannot be told so (then a
 * plain pack, `tarballVariable`, holds a package tp-doctor cannot see, no candidate, and one whose
 * selection tp-doctor cannot read may be any package).
 */
export function tarballPackageDir(target: string, textBefore: string | undefined, dir: string): string | undefined {
  const variable = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(target)?.[1];
  const assigned = variable === undefined || textBefore === undefined ? undefined : lastAssignedValue(textBefore, variable);
  const words = assigned === undefined ? undefined : packCommand(assigned);
  if (words === undefined || textBefore === undefined) return undefined;
  const at = words.indexOf('pack');
  const selecting: [string, string][] = [];
  for (const [i, w] of words.entries()) {
    if (PACK_VALUE_OPTIONS.has(w)) selecting.push([w, words[i + 1] ?? '']);
    else if (i > at && !w.startsWith('-') && !PACK_VALUE_OPTIONS.has(words[i - 1] ?? '') && !PACK_OUTPUT_OPTIONS.has(words[i - 1] ?? '')) selecting.push(['', w]);
  }
  if (selecting.length !== 1) return undefined;
  const [option, raw] = selecting[0]!;
  const ref = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(raw)?.[1];
  const value = ref === undefined ? raw : lastAssignedValue(textBefore, ref);
  if (value === undefined) return undefined;
  const named = NAME_OF_PACKAGE.exec(value.trim());
  // A package's name selects it for `--filter`/`-w`; `-C`/`--prefix`/`npm pack <dir>` take a directory.
  const byName = option === '--filter' || option === '-F' || option === '-w' || option === '--workspace';
  if (named) return byName ? joinDir(dir, named[1] ?? named[2] ?? '') : undefined;
  if (ref !== undefined || (byName && !value.startsWith('./')) || option === '--cwd') return undefined;
  return joinDir(dir, value);
}

/**
 * What a publish fed by `xargs` may publish (`find ./npm … | xargs -n 1 sh -c 'npm publish $1'`,
 * sass/embedded-host-node; `ls npm | xargs -I{} npm publish npm/{}`): with a directory argument, the
 * packages under its literal start (the placeholder `{}` read as a value), and without one (`$1`)
 * any of `all` but the package the command runs in; without an argument (the input appended as
 * arguments), `all`.
 */
export function xargsCandidates(
  input: TargetInput,
  dir: string,
  target: string | undefined,
  { all, atDir, publishable }: { all: WorkspacePackage[]; atDir: (d: string) => WorkspacePackage[]; publishable: (p: WorkspacePackage) => boolean },
): WorkspacePackage[] {
  if (target === undefined) return all;
  const valued = target.replace(/\{\}/g, '$XARGS_INPUT');
  if (!/[$`]/.test(valued)) return all;
  return underLiteralPrefix(input, dir, valued, atDir, publishable) ?? all.filter((p) => p.dir !== dir);
}

/**
 * `"$@"`, `$*`, `"${@}"`: a publish given every argument of its script (Financial-Times/content-tree:
 * `npm publish "$@"`), which tp-doctor does not see. Options alone (`--tag beta`) publish the package
 * of the directory, first among the candidates; a workspace option among them (`-w`, `--workspaces`)
 * the workspaces, the other candidates at the repository root.
 */
export function forwardsArguments(word: string): boolean {
  return /^"?\$(?:[@*]|\{[@*]\})"?$/.test(word);
}
