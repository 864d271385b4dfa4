/**
 * `tp-doctor init [dir]`: writes tp-doctor.yml from the workflows that publish, and prints the
 * `npm trust` command that registers each package's trusted publisher. Offline unless `--online`
 * is given (then it also checks that each package exists on the registry).
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadLintInput } from '../../api.js';
import { CONFIG_FILE_NAMES, PACKAGE_JSON_KEY } from '../../config/load.js';
import { EMPTY_CONFIG } from '../../config/types.js';
import { DiskFs } from '../../fs/source.js';
import { planInit } from '../../init/plan.js';
import { mergeInto, renderNew } from '../../init/yaml.js';
import { repoFacts } from '../../registry/repo-facts.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const INIT_HELP = `Usage: tp-doctor init [directory] [options]

Writes tp-doctor.yml from the workflows that publish to npm: one trusted publisher per publishing
GitHub workflow or GitLab CI file, with the packages it publishes, its allowed actions (publish,
stage publish) and its environment. Then prints, per package, the \`npm trust\` command that
registers that publisher on npmjs.com. Nothing touches the network unless --online is given.

Options:
      --force           Update an existing tp-doctor.yml: publishers are regenerated, comments and
                        the other keys are kept
      --print           Write the configuration to standard output (the rest goes to stderr)
      --online          Also check on the registry that each package exists (a trusted publisher
                        can be registered only for an existing package)
      --registry <url>  Registry for --online (default: from your npm configuration)
  -h, --help            Show this help

Exit codes: 0 written, 1 nothing publishes (nothing written), 2 usage error or an existing file.
`;

/** Writes through a temporary file and a rename: an interrupted run never leaves half a file. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tp-doctor-${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The config file already in the repository, if any (the lookup order of `loadConfig`). */
function existingConfig(dir: string): { name: string; yaml: boolean } | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    if (existsSync(path.join(dir, name))) return { name, yaml: !name.endsWith('.json') };
  }
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (pkg && typeof pkg === 'object' && PACKAGE_JSON_KEY in pkg) return { name: `package.json (\`${PACKAGE_JSON_KEY}\`)`, yaml: false };
  } catch {
    // no package.json, or not JSON: no config there
  }
  return undefined;
}

export async function run(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        force: { type: 'boolean' },
        print: { type: 'boolean' },
        online: { type: 'boolean' },
        registry: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`tp-doctor init: ${(error as Error).message}\nRun "tp-doctor init --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(INIT_HELP);
    return EXIT.ok;
  }
  const usage = (message: string): number => {
    io.stderr(`tp-doctor init: ${message}\nRun "tp-doctor init --help" for usage.\n`);
    return EXIT.usage;
  };
  if (positionals.length > 1) return usage(`expected one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.registry !== undefined && !values.online) return usage('--registry is used only with --online');
  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  try {
    if (!statSync(dir).isDirectory()) return usage(`"${positionals[0]}" is not a directory; pass the repository root`);
  } catch {
    return usage(`"${positionals[0] ?? '.'}" does not exist`);
  }

  const existing = existingConfig(dir);
  if (existing && !values.print) {
    if (!existing.yaml) {
      return usage(`the repository is configured in ${existing.name}; init writes YAML only: use --print and move the publishers over by hand`);
    }
    if (!values.force) {
      return usage(`${existing.name} already exists; run with --force to regenerate its publishers (comments and other keys are kept), or --print`);
    }
  }

  const fs = new DiskFs(dir);
  // The existing config's `ignore` and GitLab CI files shape the analysis; a broken one is not used.
  let input = loadLintInput({ fs });
  if (!input.ok) input = loadLintInput({ fs, config: EMPTY_CONFIG });
  if (!input.ok) return usage('cannot read the repository');
  const plan = planInit(repoFacts(input.project, input.config));
  const warn = (text: string): void => io.stderr(`tp-doctor init: warning: ${text}\n`);

  if (plan.publishers.length === 0) {
    for (const w of plan.warnings) warn(w);
    io.stderr(
      'tp-doctor init: recognised no publish to npm in the GitHub workflows or the GitLab CI file (a publish inside a ' +
        'script tp-doctor cannot read is not seen); nothing written. Declare the publisher by hand: see "Configuration" in the README\n',
    );
    return EXIT.problems;
  }

  const target = existing?.yaml ? existing.name : 'tp-doctor.yml';
  let text: string;
  if (existing?.yaml && values.force) {
    const merged = mergeInto(readFileSync(path.join(dir, target), 'utf8'), target, plan.publishers);
    if (!merged.ok) return usage(merged.message);
    for (const r of merged.removed) warn(`removed ${r} from ${target}: no workflow publishes from it now`);
    text = merged.text;
  } else {
    text = renderNew(plan.publishers, plan.dropped);
  }

  // With --print the configuration is the standard output; everything else goes to stderr.
  const say = values.print ? io.stderr : io.stdout;
  if (values.print) {
    io.stdout(text);
  } else {
    try {
      writeAtomically(path.join(dir, target), text);
    } catch (error) {
      io.stderr(`tp-doctor init: cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return EXIT.usage;
    }
    const n = plan.publishers.length;
    const pkgs = plan.commands.length;
    say(`Wrote ${target}: ${n} trusted publisher${n === 1 ? '' : 's'}, ${pkgs} package${pkgs === 1 ? '' : 's'}.\n`);
  }
  for (const w of plan.warnings) warn(w);

  if (values.online) {
    const names = plan.commands.map((c) => c.pkg);
    const { checkExistence } = await import('../../registry/online.js');
    const result = await checkExistence(names, { dir, env: io.env, registry: values.registry });
    if (!result.ok) return usage(result.message);
    for (const p of result.packages) {
      if (p.exists === 'no') {
        warn(`"${p.name}" does not exist on ${result.registry} yet: a trusted publisher can be registered only for an existing package, so publish its first version another way (from your machine, or with a short-lived token) first`);
      } else if (p.exists === 'unknown') {
        warn(`could not check whether "${p.name}" exists on ${result.registry}: ${p.existenceProblem?.detail ?? 'unknown error'}`);
      }
    }
  }

  const ready = plan.commands.filter((c) => c.command !== undefined);
  if (plan.commands.length > 0) {
    say(
      '\nRegister the trusted publisher of each package (npm 11.15.0 or later; needs two-factor authentication,\n' +
        "a bypass-2FA token is refused; add -y to skip npm's confirmation):\n\n",
    );
    for (const c of plan.commands) say(c.command !== undefined ? `  ${c.command}\n` : `  # ${c.pkg}: ${c.problem}\n`);
  }
  if (ready.length > 0 && !values.online) {
    say('\nA trusted publisher can be registered only for a package that exists on npm; run with --online to check.\n');
  }
  say(`Then run \`tp-doctor\` to check the workflows against ${target}, and \`tp-doctor --online\` to check what npm has registered.\n`);
  return EXIT.ok;
}
