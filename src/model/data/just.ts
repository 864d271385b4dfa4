/**
 * What `just` (casey/just, a command runner) does with its command line and where it finds its
 * justfile: read by `../npm/just-runs.ts` (the command) and `../npm/justfile.ts` (the file).
 * Facts from the just manual ("Finding the justfile", "Dependencies", "Recipe Parameters",
 * "Shebang Recipes", "Working Directory", "Attributes", `just --help` of just 1.40), checked
 * 2026-12-06.
 *
 * - Without `--justfile`, just looks for a file named `justfile` (any case; `.justfile` too) in the
 *   directory it runs in, then in each parent directory; the recipes run in the directory of the
 *   justfile found, not where just was started.
 * - Without a recipe on the command line, just runs the first recipe of the justfile (one marked
 *   `[default]` instead).
 * - After a recipe name come its arguments, as many as it has parameters (a variadic `+x`/`*x`
 *   takes the rest); the next word is the next recipe. `NAME=VALUE` before the first recipe sets a
 *   variable.
 * - A recipe's dependencies (`release: build test`) run before it, those after `&&` after it, each
 *   recipe once per run; `--no-deps` runs none.
 * - Each line of a recipe runs in its own shell (`sh -cu` unless `set shell` says another, which
 *   tp-doctor does not follow); a recipe whose body starts with `#!` runs as one script.
 */

/** The programs that run just. */
export const JUST_BINS: readonly string[] = ['just'];

/** The justfile names tp-doctor looks for, in this order, in the directory just runs in and its parents. */
export const JUSTFILE_NAMES: readonly string[] = ['justfile', 'Justfile', '.justfile'];

/**
 * What an option does to what tp-doctor reads: `values`: how many words it takes after it (one
 * may be written `--opt=value`),
 * `nothing` runs no recipe (`--list`, `--dry-run`), `noDeps` (`--no-deps`) runs no dependencies.
 * An option of no table (`--justfile`, `--working-directory`, `--shell`, `--command`, `--choose`)
 * makes the command one tp-doctor does not read.
 */
export interface JustOption {
  readonly names: readonly string[];
  readonly values?: 1 | 2;
  readonly effect?: 'nothing' | 'noDeps';
}

export const JUST_OPTIONS: readonly JustOption[] = [
  { names: ['-q', '--quiet', '-v', '--verbose', '-vv', '-vvv', '--yes', '--unstable', '--timestamp', '--highlight', '--no-highlight', '--no-dotenv', '--check', '--explain', '--no-aliases'] },
  { names: ['--color', '--dotenv-filename', '--dotenv-path', '-E', '--timestamp-format', '--command-color'], values: 1 },
  { names: ['--set'], values: 2 },
  { names: ['-n', '--dry-run', '-l', '--list', '--summary', '--dump', '--evaluate', '--variables', '--fmt', '--init', '--edit', '-e', '-V', '--version', '-h', '--help', '--groups', '--changelog', '--man'], effect: 'nothing' },
  { names: ['-s', '--show', '--completions', '--usage'], values: 1, effect: 'nothing' },
  { names: ['--no-deps'], effect: 'noDeps' },
];

/** Attributes that change neither which lines of a recipe run nor where: any other one leaves the recipe unread. */
export const JUST_PLAIN_ATTRIBUTES: readonly string[] = ['private', 'no-exit-message', 'exit-message', 'no-quiet', 'doc', 'group', 'confirm', 'positional-arguments', 'parallel', 'metadata', 'arg'];
