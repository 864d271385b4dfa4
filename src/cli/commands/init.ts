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
import { planInit, type InitPlan } from '../../init/plan.js';
import { mergeInto, renderNew } from '../../init/yaml.js';
import { repoFacts } from '../../facts/repo-facts.js';
import { unreadSetupNote } from '../../config/infer.js';
import { argsErrorMessage } from '../args-error.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const INIT_HELP = `Usage: tp-doctor init [directory] [options]

Writes tp-doctor.yml from the CI files that publish to npm: one trusted publisher per publishing
GitHub workflow, GitLab CI file or CircleCI configuration, with the packages it publishes, its
allowed actions (publish, stage publish) and its environment. Then prints, per package, the
\`npm trust\` command that registers that publisher on npmjs.com. A CircleCI publisher needs the
organization, project and pipeline definition ids, which only CircleCI shows: it is written as a
comment to fill in, and its command has placeholders for them. Nothing touches the network unless
--online is given.

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

/** The options of `tp-doctor init`. */
interface InitValues {
  force?: boolean;
  print?: boolean;
  online?: boolean;
  registry?: string;
  help?: boolean;
}

/** The command line, or the exit code of a usage error (already reported). */
function parseInitArgs(argv: string[], io: Io): { values: InitValues; positionals: string[] } | number {
  try {
    return parseArgs({
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
    io.stderr(`tp-doctor init: ${argsErrorMessage(error)}\nRun "tp-doctor init --help" for usage.\n`);
    return EXIT.usage;
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseInitArgs(argv, io);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(INIT_HELP);
    return EXIT.ok;
  }
  const usage = (message: string): number => {
    io.stderr(`tp-doctor init: ${message}\nRun "tp-doctor init --help" for usage.\n`);
    return EXIT.usage;
  };
  const resolved = repositoryDir(positionals, values, io.cwd);
  if ('problem' in resolved) return usage(resolved.problem);
  const { dir } = resolved;

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

  // A publish in a CircleCI continuation tp-doctor cannot read is not seen: said as the check's note says it.
  const unreadSetup = unreadSetupNote(input.project);
  if (unreadSetup !== undefined) warn(unreadSetup);
  if (plan.publishers.length === 0) {
    for (const w of plan.warnings) warn(w);
    const setup = unreadSetup === undefined ? '' : ', nor one in the CircleCI continuation named above';
    io.stderr(
      `tp-doctor init: recognised no publish to npm in the GitHub workflows, the GitLab CI file or the CircleCI configuration (a publish inside a script tp-doctor cannot read is not seen${setup}); ` +
        'nothing written. Declare the publisher by hand: see "Configuration" in the README\n',
    );
    return EXIT.problems;
  }

  const target = existing?.yaml ? existing.name : 'tp-doctor.yml';
  const rendered = configText(plan, dir, target, existing?.yaml === true && values.force === true, warn);
  if (typeof rendered !== 'string') return usage(rendered.problem);
  const text = rendered;

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
    // A CircleCI publisher whose ids the configuration already declares is kept as it is, not a comment.
    const circle = plan.publishers.filter((p) => p.provider === 'circleci' && p.circleciIds === undefined).length;
    const byHand = circle === 0 ? '' : ` (${circle === n ? (n === 1 ? 'it is' : 'all are') : `${circle} of them`} CircleCI, written as a comment: fill in the ids CircleCI shows and uncomment)`;
    say(`Wrote ${target}: ${n} trusted publisher${n === 1 ? '' : 's'}${byHand}, ${pkgs} package${pkgs === 1 ? '' : 's'}.\n`);
  }
  for (const w of plan.warnings) warn(w);

  if (values.online) {
    const problem = await warnMissingPackages(plan, dir, io, values.registry, warn);
    if (problem !== undefined) return usage(problem);
  }

  printNextSteps(plan, target, values.online === true, say);
  return EXIT.ok;
}

/** `--online`: warns about the packages that do not exist on the registry yet; returns the message of a registry setup error. */
async function warnMissingPackages(plan: InitPlan, dir: string, io: Io, registry: string | undefined, warn: (text: string) => void): Promise<string | undefined> {
  const names = plan.commands.map((c) => c.pkg);
  const { checkExistence } = await import('../../registry/online.js');
  const result = await checkExistence(names, { dir, env: io.env, registry });
  if (!result.ok) return result.message;
  for (const p of result.packages) {
    if (p.exists === 'no') {
      warn(`"${p.name}" does not exist on ${result.registry} yet: a trusted publisher can be registered only for an existing package, so publish its first version another way (from your machine, or with a short-lived token) first`);
    } else if (p.exists === 'unknown') {
      warn(`could not check whether "${p.name}" exists on ${result.registry}: ${p.existenceProblem?.detail ?? 'unknown error'}`);
    }
  }
  return undefined;
}

/** The `npm trust` command of each package, and what to do next. */
function printNextSteps(plan: InitPlan, target: string, online: boolean, say: (text: string) => void): void {
  const ready = plan.commands.filter((c) => c.command !== undefined);
  if (plan.commands.length > 0) {
    say(
      '\nRegister the trusted publisher of each package (npm 11.15.0 or later; needs two-factor authentication,\n' +
        "a bypass-2FA token is refused; add -y to skip npm's confirmation):\n\n",
    );
    for (const c of plan.commands) say(c.command !== undefined ? `  ${c.command}\n` : `  # ${c.pkg}: ${c.problem}\n`);
  }
  if (plan.commands.some((c) => c.fillIn)) {
    say(
      '\nIn the `npm trust circleci` commands, replace <organization-id> (CircleCI: Organization Settings > Overview),\n' +
        '<project-id> (Project Settings > Overview) and <pipeline-definition-id> (Project Settings > Project Setup)\n' +
        'with the UUIDs CircleCI shows; tp-doctor cannot read them from the files.\n',
    );
  }
  if (ready.length > 0 && !online) {
    say('\nA trusted publisher can be registered only for a package that exists on npm; run with --online to check.\n');
  }
  say(`Then run \`tp-doctor\` to check the workflows against ${target}, and \`tp-doctor --online\` to check what npm has registered.\n`);
}

/** The repository directory of the command line, or what is wrong with it. */
function repositoryDir(positionals: string[], values: InitValues, cwd: string): { dir: string } | { problem: string } {
  if (positionals.length > 1) return { problem: `expected one directory, got ${positionals.length}: ${positionals.join(' ')}` };
  if (values.registry !== undefined && !values.online) return { problem: '--registry is used only with --online' };
  const dir = path.resolve(cwd, positionals[0] ?? '.');
  try {
    if (!statSync(dir).isDirectory()) return { problem: `"${positionals[0]}" is not a directory; pass the repository root` };
  } catch {
    return { problem: `"${positionals[0] ?? '.'}" does not exist` };
  }
  return { dir };
}

/** The configuration to write: the existing YAML file with its publishers regenerated (`merge`), or a new one. */
function configText(plan: InitPlan, dir: string, target: string, merge: boolean, warn: (text: string) => void): string | { problem: string } {
  if (!merge) return renderNew(plan.publishers, plan.dropped);
  const merged = mergeInto(readFileSync(path.join(dir, target), 'utf8'), target, plan.publishers);
  if (!merged.ok) return { problem: merged.message };
  for (const r of merged.removed) warn(`removed ${r} from ${target}: no workflow publishes from it now`);
  return merged.text;
}
