/**
 * What GNU make does with its command line and where it finds its makefile: read by
 * `../npm/make-runs.ts` (the command) and `../npm/makefile.ts` (the file). Facts from the GNU make
 * manual (4.4: "What Name to Give Your Makefile", "Summary of Options", "Instead of Executing
 * Recipes", "How the MAKE Variable Works", "Recipe Echoing"), checked 2026-12-06.
 *
 * - Without `-f`, make reads the first of `GNUmakefile`, `makefile`, `Makefile` that exists in the
 *   directory it runs in (after `-C dir`); with `-f`/`--file`/`--makefile` only the files named
 *   (several are read as one, in order), relative to that directory.
 * - Without a goal on the command line, make builds the default goal: the first target of the
 *   first rule whose target does not start with `.` (not a pattern rule), unless the makefile sets
 *   `.DEFAULT_GOAL`.
 * - `-n` (`--just-print`, `--dry-run`, `--recon`), `-t` (`--touch`) and `-q` (`--question`) run no
 *   recipe line, except one starting with `+` or one that writes `$(MAKE)` or `${MAKE}` itself
 *   (the whole line then runs, and the make it starts inherits the option through `MAKEFLAGS`).
 * - Variable assignments on the command line (`NAME=value`) override the makefile's own (unless
 *   it writes `override`) and reach the makes its recipes start (`MAKEFLAGS`); `-e` lets the
 *   environment override the makefile's assignments too.
 */

/** The programs that run GNU make. */
export const MAKE_BINS: readonly string[] = ['make', 'gmake'];

/** The makefiles make looks for, in this order, in the directory it runs in (without `-f`). */
export const MAKEFILE_NAMES: readonly string[] = ['GNUmakefile', 'makefile', 'Makefile'];

/**
 * What an option does to what tp-doctor reads: `directory` (`-C`), `file` (`-f`), `dry` (runs only
 * `+` and `$(MAKE)` lines), `nothing` (runs no recipe: `--version`, `--help`), `environment`
 * (`-e`: the environment overrides the makefile's variables), `unreadable` (the run depends on
 * what tp-doctor does not read: `--eval` adds makefile text, `-o` skips a target); none for an
 * option that changes how the recipes run, not which lines run.
 */
export type MakeOptionEffect = 'directory' | 'file' | 'dry' | 'nothing' | 'environment' | 'unreadable';

export interface MakeOption {
  /** Short letter (without `-`) and long names (with `--`). */
  readonly short?: string;
  readonly long: readonly string[];
  /** `required`: the next word or the rest of the word; `optional`: the rest of the word, or a next word that is a number (`-j 4`). */
  readonly value?: 'required' | 'optional';
  readonly effect?: MakeOptionEffect;
}

/** GNU make 4.4's options (`make --help`). Anything else makes the command one tp-doctor does not read. */
export const MAKE_OPTIONS: readonly MakeOption[] = [
  { short: 'b', long: [] },
  { short: 'm', long: [] },
  { short: 'B', long: ['--always-make'] },
  { short: 'C', long: ['--directory'], value: 'required', effect: 'directory' },
  { short: 'd', long: [] },
  { long: ['--debug'], value: 'optional' },
  { short: 'e', long: ['--environment-overrides'], effect: 'environment' },
  { short: 'E', long: ['--eval'], value: 'required', effect: 'unreadable' },
  { short: 'f', long: ['--file', '--makefile'], value: 'required', effect: 'file' },
  { short: 'h', long: ['--help'], effect: 'nothing' },
  { short: 'i', long: ['--ignore-errors'] },
  { short: 'I', long: ['--include-dir'], value: 'required' },
  { short: 'j', long: ['--jobs'], value: 'optional' },
  { long: ['--jobserver-auth', '--jobserver-style', '--shuffle'], value: 'optional' },
  { short: 'k', long: ['--keep-going'] },
  { short: 'l', long: ['--load-average', '--max-load'], value: 'optional' },
  { short: 'L', long: ['--check-symlink-times'] },
  { short: 'n', long: ['--just-print', '--dry-run', '--recon'], effect: 'dry' },
  { short: 'o', long: ['--old-file', '--assume-old'], value: 'required', effect: 'unreadable' },
  { short: 'O', long: ['--output-sync'], value: 'optional' },
  { short: 'p', long: ['--print-data-base'] },
  { short: 'q', long: ['--question'], effect: 'dry' },
  { short: 'r', long: ['--no-builtin-rules'] },
  { short: 'R', long: ['--no-builtin-variables'] },
  { short: 's', long: ['--silent', '--quiet'] },
  { long: ['--no-silent'] },
  { short: 'S', long: ['--no-keep-going', '--stop'] },
  { short: 't', long: ['--touch'], effect: 'dry' },
  { long: ['--trace'] },
  { short: 'v', long: ['--version'], effect: 'nothing' },
  { short: 'w', long: ['--print-directory'] },
  { long: ['--no-print-directory', '--warn-undefined-variables'] },
  { short: 'W', long: ['--what-if', '--new-file', '--assume-new'], value: 'required' },
];

/**
 * Variables make sets itself that a recipe may use, with the text tp-doctor reads for them:
 * `$(MAKE)` is the make that runs (followed like `make`), `$(RM)` is `rm -f`.
 */
export const MAKE_BUILTIN_VALUES: Readonly<Record<string, string>> = { MAKE: 'make', RM: 'rm -f' };
