/** The command line of a lint run: the options, their help text, and the checks of their values. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { rules as registry } from '../../rules/index.js';
import type { RuleSetting } from '../config/types.js';
import { formatNames, isFormatName, type FormatName } from '../formatters/index.js';

export const HELP = `Usage: tp-doctor [directory] [options]
       tp-doctor <command> [options]

Checks a repository's npm trusted publishing (OIDC) setup and reports every reason a publish would
fail or is unsafe. It reads GitHub Actions workflows (.github/workflows/*.yml), GitLab CI
(.gitlab-ci.yml and its local includes) and CircleCI (.circleci/config.yml), with package.json,
.npmrc and the trusted-publisher declaration (tp-doctor.yml).

Run inside a repository, it lints the whole repository: it walks up from the directory (default:
the current one) to the nearest folder holding .git, and shows paths relative to where it started.

Commands (see tp-doctor <command> --help):
  init                      Write tp-doctor.yml and the npm trust commands for this repository
  probe                     Check the OIDC token inside the CI job, right before the publish
  diagnose <log|->          Explain a failed publish from its CI log
  A directory named like a command is linted as ./init, ./probe, ./diagnose.

Options:
  -f, --format <name>       Output format: ${formatNames.join(', ')} (default: stylish)
  -c, --config <file>       Config file (default: tp-doctor.yml, .tp-doctor.yml, tp-doctor.json,
                            or "tpDoctor" in package.json)
  -o, --output <file>       Write the report to a file instead of standard output
      --max-warnings <n>    Exit 1 when there are more than n warnings (-1: no limit, the default)
      --quiet               Report errors only
      --rule <id:severity>  Override a rule's severity (error, warning, info, off); repeatable
      --no-root-search      Lint the directory itself, not the repository it is in (the
                            nearest folder above it with .git, unless it has .git or CI
                            configuration of its own)
      --color, --no-color   Force or disable colours (default: on for a terminal; NO_COLOR and
                            FORCE_COLOR are honoured)
      --list-rules          List the rules and exit
      --online              Also compare with what the registry holds (trusted publishers registered
                            for each package, whether it exists); uses your npm configuration
      --registry <url>      Registry for --online (default: from your npm configuration)
      --fix                 Apply the fixes that are certain, then report what is left
      --fix-dry-run         Print the fixes as a unified diff (for git apply); change nothing
      --fix-type <ids>      Only fix findings of these rules (comma-separated, with --fix or
                            --fix-dry-run)
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
            2 usage, config, output or internal error. A CI file tp-doctor
            could not read is a warning (invalid-yaml unreadable), not an error.
`;

export const OPTIONS = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  output: { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'root-search': { type: 'boolean' },
  color: { type: 'boolean' },
  'list-rules': { type: 'boolean' },
  online: { type: 'boolean' },
  registry: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'fix-type': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Parses the arguments of a lint run; throws (with a message for the user) on an unknown option. */
export function parseCliArgs(argv: string[]): ParsedCliArgs {
  // Without an argument that starts with "-" there is no option to parse: the result is what
  // parseArgs returns then (options.test.ts compares the two), without Node compiling its
  // parse_args modules on every start (bench/README.md).
  if (!argv.some((arg) => arg.startsWith('-'))) return positionalsOnly(argv, OPTIONS) as ParsedCliArgs;
  return parseWithNode(argv);
}

function parseWithNode(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, allowNegative: true, options: OPTIONS });
}

type ParsedCliArgs = ReturnType<typeof parseWithNode>;

/**
 * What parseArgs (with positionals allowed) returns for arguments none of which starts with "-":
 * the options' defaults (in a null-prototype object) and the arguments as positionals.
 */
export function positionalsOnly(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>): { values: Record<string, unknown>; positionals: string[] } {
  const values = Object.create(null) as Record<string, unknown>;
  for (const [name, option] of Object.entries(options)) {
    if (option.default !== undefined) values[name] = option.default;
  }
  return { values, positionals: [...argv] };
}

export type CliValues = ParsedCliArgs['values'];

/** The checked option values of a lint run. */
export interface LintOptions {
  format: FormatName;
  maxWarnings: number | undefined;
  overrides: Record<string, RuleSetting>;
  fixTypes: Set<string> | undefined;
}

/** Checks the option values, in the order the usage errors are reported; a string is a usage error. */
export function checkOptions(values: CliValues, positionals: readonly string[]): LintOptions | string {
  if (positionals.length > 1) return `expected one directory, got ${positionals.length}: ${positionals.join(' ')}`;
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) return `unknown format "${format}"; expected one of: ${formatNames.join(', ')}`;
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const parsed = parseMaxWarnings(values['max-warnings']);
    if (typeof parsed === 'object') return parsed.error;
    maxWarnings = parsed;
  }
  const overrides = parseRuleOverrides(values.rule ?? []);
  if (typeof overrides === 'string') return overrides;
  const fixTypes = parseFixTypes(values);
  if (typeof fixTypes === 'string') return fixTypes;
  return { format, maxWarnings, overrides, fixTypes };
}

function parseRuleOverrides(values: string[]): Record<string, RuleSetting> | string {
  const out: Record<string, RuleSetting> = {};
  for (const value of values) {
    const m = /^([a-z0-9-]+)[:=](error|warning|info|off)$/.exec(value.trim());
    if (!m) return `--rule expects <rule-id>:<error|warning|info|off>, got "${value}"`;
    if (!registry.some((r) => r.id === m[1])) return `--rule names an unknown rule "${m[1]}" (see --list-rules)`;
    out[m[1]!] = m[2] as RuleSetting;
  }
  return out;
}

/** `--max-warnings`: `-1` (no limit) or a decimal whole number, nothing else (no blanks, no `0x10`, no `1e3`). */
function parseMaxWarnings(raw: string): number | undefined | { error: string } {
  if (raw === '-1') return undefined;
  if (/^(0|[1-9][0-9]*)$/.test(raw)) return Number(raw);
  return { error: `--max-warnings expects a whole number (0, 1, 2, ...) or -1 for no limit, got "${raw}"` };
}


/** `--fix-type a,b`: the rule ids (each must have automatic fixes); undefined for every rule. */
function parseFixTypes(values: { fix?: boolean; 'fix-dry-run'?: boolean; 'fix-type'?: string[] }): Set<string> | undefined | string {
  if (values.fix && values['fix-dry-run']) return '--fix and --fix-dry-run exclude each other';
  const raw = values['fix-type'];
  if (raw === undefined) return undefined;
  if (!values.fix && !values['fix-dry-run']) return '--fix-type is used only with --fix or --fix-dry-run';
  const ids = new Set(raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean));
  if (ids.size === 0) return '--fix-type expects rule ids, e.g. --fix-type require-id-token-write';
  const fixable = registry.filter((r) => r.meta.fixable).map((r) => r.id);
  for (const id of ids) {
    if (!registry.some((r) => r.id === id)) return `--fix-type names an unknown rule "${id}" (see --list-rules)`;
    if (!fixable.includes(id)) return `--fix-type: rule "${id}" has no automatic fixes; rules with fixes: ${fixable.join(', ')}`;
  }
  return ids;
}
