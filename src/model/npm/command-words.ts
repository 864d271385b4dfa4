/**
 * Word-level helpers of publish-command recognition: cheap trigger tests before splitting a script,
 * a command's words and span, and reading a bin's options and positionals with the tables of
 * `../data/publish-tools.ts`.
 */
import { BIN_SUBCOMMANDS, COMMAND_PREFIXES, COMMAND_RUNNERS, GLOBAL_VALUE_FLAGS, NEVER_PUBLISHES, OTHER_PACKAGE_FLAGS, PACKAGE_BINS, PUBLISH_RECOGNIZERS, SCRIPT_RUNNERS } from '../data/publish-tools.js';
import { splitOption, type ShellCommand } from './shell.js';
import { stripPrefixWords } from './shell-words.js';

export function triggerPattern(words: readonly string[]): RegExp {
  const escaped = [...new Set(words)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'));
}

/**
 * Cheap test before splitting: false only when the script cannot mention any of `trigger`, even
 * with quotes or escapes inside a word (`n"p"m`) or a line continuation (`np\<newline>m`).
 */
export function mayMention(script: string, trigger: RegExp): boolean {
  if (trigger.test(script)) return true;
  return /["'\\]/.test(script) && trigger.test(script.replace(/\\\r?\n|["'\\]/g, ''));
}

export function values(cmd: ShellCommand): string[] {
  return cmd.words.map((w) => w.value);
}

export function span(cmd: ShellCommand): { offset: number; end: number; text: string } {
  return { offset: cmd.offset, end: cmd.offset + cmd.text.length, text: cmd.text };
}

export function strip(words: string[]): string[] {
  return stripPrefixWords(words);
}

export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** A Windows executable's or script's suffix, which the shell (cmd, PowerShell) lets a command name leave out. */
const WINDOWS_SUFFIX = /\.(?:exe|cmd|bat|ps1)$/i;

/**
 * The name a command is classified by: its word's basename without a Windows executable suffix
 * (`./mcp-publisher.exe` → `mcp-publisher`, `npm.cmd` → `npm`), so the tables' bins match it. A
 * committed script is still read by its path (the words keep it).
 */
export function commandBin(word: string): string {
  const name = basename(word);
  return WINDOWS_SUFFIX.test(name) && name.length > 4 ? name.slice(0, name.lastIndexOf('.')) : name;
}

export function isPublishBin(name: string): boolean {
  const bin = basename(name);
  return PUBLISH_RECOGNIZERS.some((r) => r.bins.includes(bin));
}

/** A word that is one shell variable and nothing else (`$FLAGS`, `${FLAGS}`, also quoted): options tp-doctor cannot read. */
export function isWholeVariable(word: string | undefined): boolean {
  return word !== undefined && /^\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*\})$/.test(word);
}

/** The package managers whose publish may follow a variable holding options (`pnpm $filterStr publish`). */
const VARIABLE_OPTIONS_BINS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'pn', 'yarn']);

/**
 * Where a recogniser's subcommand starts after the global options at `globals`: there, or one word
 * later for a package manager's publish after a variable's whole word (`pnpm $filterStr publish`,
 * survey910b M3: the variable holds options; ./targets.ts reads them as an unknown selection).
 */
export function subcommandAt(words: string[], globals: number, bin: string, rec: { id: string; subcommands: readonly (readonly string[])[] }): number {
  if (!rec.id.endsWith('publish') || !VARIABLE_OPTIONS_BINS.has(bin) || !isVariableOption(words, globals)) return globals;
  return rec.subcommands.some((s) => s.length > 0 && startsWithAt(words, globals + 1, s)) ? globals + 1 : globals;
}

/**
 * The word at `index` is a variable's whole word standing for options (`pnpm $filterStr publish`),
 * not an option's value (`pnpm -C "$d" publish`: the word before it is an option).
 */
function isVariableOption(words: readonly string[], index: number): boolean {
  return isWholeVariable(words[index]) && words[index - 1]?.startsWith('-') !== true;
}

/** The variables' whole words among the options before a subcommand (`pnpm $filterStr publish`), not an option's value (`-C "$d"`). */
export function variableOptions(before: readonly string[] | undefined): string[] {
  const words = before ?? [];
  return words.filter((_, i) => isVariableOption(words, i));
}

export function startsWithAt(words: string[], index: number, expected: readonly string[]): boolean {
  return expected.every((w, k) => words[index + k] === w);
}

/**
 * Where options point a command at other packages: `other` when any does, and the values they
 * name (`-w pkg`, `--filter ./dir`, `--prefix dir`); a valueless one (`-ws`, `-r`) adds `*`.
 * `flags`: the option that gave each selector (same index).
 */
export interface PackageSelection {
  other: boolean;
  selectors: string[];
  flags: string[];
}

/** Skips the bin's global options from `from`; notes options that point at other packages. */
export function skipGlobalFlags(words: string[], from: number, bin: string): { index: number } & PackageSelection {
  const valueFlags = GLOBAL_VALUE_FLAGS[bin] ?? [];
  const otherFlags = OTHER_PACKAGE_FLAGS[bin] ?? [];
  let i = from;
  const selection: PackageSelection = { other: false, selectors: [], flags: [] };
  for (let word = words[i]; word !== undefined && word.startsWith('-') && word !== '--' && word !== '-'; word = words[i]) {
    const { name, inline } = splitOption(word);
    const takesValue = valueFlags.includes(name) && inline === undefined;
    if (otherFlags.includes(name)) selectPackages(selection, name, valueFlags.includes(name), takesValue ? words[i + 1] : inline);
    i += takesValue ? 2 : 1;
  }
  return { index: i, ...selection };
}

/** Notes option `flag` in `selection`; a valueless one (`-ws`, `-r`) selects every package (`*`), none at all with `=false`. */
export function selectPackages(selection: PackageSelection, flag: string, takesValues: boolean, value: string | undefined): void {
  if (!takesValues && value?.toLowerCase() === 'false') return;
  selection.other = true;
  selection.selectors.push(takesValues ? (value ?? '*') : '*');
  selection.flags.push(flag);
}

/** Splits a bin's arguments into positionals and its own options (noting options that point at other packages). */
export function readOptions(words: string[], bin: string): { positionals: string[] } & PackageSelection {
  const valueFlags = GLOBAL_VALUE_FLAGS[bin] ?? [];
  const otherFlags = OTHER_PACKAGE_FLAGS[bin] ?? [];
  const out: string[] = [];
  const selection: PackageSelection = { other: false, selectors: [], flags: [] };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (!word.startsWith('-') || word === '-') {
      out.push(word);
      continue;
    }
    const { name, inline } = splitOption(word);
    const takesValue = valueFlags.includes(name) && inline === undefined;
    if (otherFlags.includes(name)) selectPackages(selection, name, valueFlags.includes(name), takesValue ? words[i + 1] : inline);
    if (takesValue) i++;
  }
  return { positionals: out, ...selection };
}

/**
 * The one package a selection names literally (`-w @scope/app`, `--filter ./packages/app`,
 * `--prefix packages/app`, `yarn workspace app`), as a name or a directory; undefined for several,
 * for a glob or a pnpm graph selector (`app...`, `^app`, `!app`) and for a variable.
 */
export function singleSelector(selectors: readonly string[]): string | undefined {
  if (selectors.length !== 1) return undefined;
  let only = selectors[0] ?? '';
  // pnpm's `{packages/app}`: a directory.
  if (/^\{[^{}]+\}$/.test(only)) only = only.slice(1, -1);
  return only === '' || /[*?[\]{}!^$`,]|\.\.\./.test(only) ? undefined : only;
}

/** Words that are neither options nor option values. */
export function positionals(args: string[], bin: string): string[] {
  const valueFlags = GLOBAL_VALUE_FLAGS[bin] ?? [];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) out.push(arg);
    else if (valueFlags.includes(arg)) i++;
  }
  return out;
}

export function parsePackageSpec(spec: string): { bin: string; version?: string } {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  const name = at < 0 ? spec : spec.slice(0, at);
  const version = at < 0 ? undefined : spec.slice(at + 1);
  const bin = PACKAGE_BINS[name] ?? name.slice(name.lastIndexOf('/') + 1);
  return version === undefined || version === '' ? { bin } : { bin, version };
}

/** Every value of the options `names` among `words`, in order (`--tag next`, `--tag=next`). */
export function optionValues(words: readonly string[], ...names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const eq = w.indexOf('=');
    if (eq > 0 && names.includes(w.slice(0, eq))) out.push(w.slice(eq + 1));
    else if (names.includes(w) && words[i + 1] !== undefined) out.push(words[++i]!);
  }
  return out;
}

/**
 * Arguments passed on to a script that make it a dry run or a check (`npm run release -- --dry-run`,
 * `./publish.sh --dry`; babel/babel's `node ./scripts/ensure-packages-exist.ts --check-only`, which
 * returns before its `npm publish`; `release --peek`, @balazsorban/monorepo-release's preview,
 * which exits after listing what it would release: nextauthjs/next-auth's `pnpm peek`).
 */
export function forwardsDryRun(forwarded: readonly string[]): boolean {
  return forwarded.some((w) => /^--(?:dry(?:-run)?(?:=true)?|check|peek|(?:check|verify|validate)-only)$/.test(w));
}

/** The bins of the publish tools (`npm`, `changeset`, `lerna`, `semantic-release`, ...). */
export const PUBLISH_TOOL_BINS: ReadonlySet<string> = new Set(PUBLISH_RECOGNIZERS.flatMap((r) => r.bins));

/**
 * Options that point a package manager at other packages or directories (`-w`, `--workspaces`,
 * `--prefix`, `-C`, `--filter`, `-r`, `--cwd`, `--include-workspace-root`): `OTHER_PACKAGE_FLAGS`
 * and the workspace options of the script runners.
 */
export const PACKAGE_MOVING_OPTIONS: ReadonlySet<string> = new Set([
  ...Object.values(OTHER_PACKAGE_FLAGS).flat(),
  ...SCRIPT_RUNNERS.flatMap((r) => [...(r.workspaces?.all ?? []), ...(r.workspaces?.named ?? []), ...(r.workspaces?.root ?? [])]),
]);

/** Bins whose every use tp-doctor understands: the tables' tools and runners, and NEVER_PUBLISHES. */
export const KNOWN_BINS: ReadonlySet<string> = new Set([
  ...PUBLISH_TOOL_BINS,
  ...COMMAND_RUNNERS.filter((r) => !r.binFromPath && !r.binHasOtherUses).map((r) => r.bin),
  // `node` runs files too: only its `--run` is a script run.
  ...SCRIPT_RUNNERS.filter((r) => !r.subcommands.some((s) => s.startsWith('-'))).map((r) => r.bin),
  ...COMMAND_PREFIXES.flatMap((p) => p.names),
  ...NEVER_PUBLISHES,
]);

/**
 * True when tp-doctor understands this use of `bin`: a bin of `KNOWN_BINS`, and for a bin that also
 * runs the repository's own commands (`BIN_SUBCOMMANDS`: `rush release`) one of its own subcommands.
 */
export function knownUse(words: string[], bin: string): boolean {
  if (!KNOWN_BINS.has(bin)) return false;
  const own = Object.hasOwn(BIN_SUBCOMMANDS, bin) ? BIN_SUBCOMMANDS[bin] : undefined;
  const sub = own === undefined ? undefined : words[skipGlobalFlags(words, 1, bin).index];
  return own === undefined || sub === undefined || own.includes(sub);
}

/**
 * A command word that is a GitHub expression comparing or combining values (`if ${{ inputs.dry ==
 * true }}; then`): it becomes `true` or `false` when the step runs, a builtin that publishes nothing.
 */
export function isBooleanExpression(word: string): boolean {
  const w = word.trim();
  if (!w.startsWith('${{') || !w.endsWith('}}')) return false;
  const inner = w.slice(3, -2);
  return !inner.includes('}') && /[!&<=>|]/.test(inner);
}
