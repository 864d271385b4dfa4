/**
 * npm commands other than a publish that rules look at: upgrading npm (`npm install -g npm@x`,
 * `corepack prepare npm@x --activate`), `npm dist-tag` writes, and the registry writes that never use
 * OIDC (`npm deprecate`, `npm access`, `npm owner`, `npm trust`).
 */
import { NPM_NO_OIDC_COMMANDS, NPM_TRUST_WRITES } from '../data/npm-cli.js';
import { NPM_INSTALL_COMMANDS } from '../data/publish-tools.js';
import { matchRunner } from './command-runners.js';
import { basename, mayMention, positionals, skipGlobalFlags, span, strip, triggerPattern, values } from './command-words.js';
import { booleanOption, splitCommands, valueOption } from './shell.js';
import { literalVariable } from './shell-definitions.js';

/** `npm install -g npm@<spec>` or its corepack equivalent; `spec` is 'latest' for a bare `npm`. */
export interface NpmUpgrade {
  spec: string;
  offset: number;
  end: number;
  text: string;
  force: boolean;
  viaCorepack: boolean;
  /**
   * Installed into a directory of the job's own that a `$GITHUB_PATH` line puts first on the later
   * steps' `PATH` (github/path-npm.ts): npm's EBADENGINE check of a global self-upgrade does not apply.
   */
  viaPath?: boolean;
  /**
   * Read from a JavaScript file an earlier command runs (run-file-upgrades.ts), whose code may not
   * reach it: an engine check it fails makes the npm unknown, not the publish certain to stop.
   */
  guess?: true;
  /**
   * Run by Volta as `volta install npm@<spec>` (its action gave it a default Node: data/node-actions.ts):
   * no engine check and no engine-aware pick; the spec resolves as written (github/npm-upgrades.ts).
   */
  viaVolta?: boolean;
  /**
   * Installed by mise as its `npm` tool (data/mise.ts: a download, or its embedded package
   * manager; not `npm install -g`): no engine check and no engine-aware pick, the spec resolves
   * as mise matches it (github/npm-upgrades.ts).
   */
  viaMise?: boolean;
  /**
   * `corepack enable npm`: Corepack's shim runs the npm that the project's `packageManager` names
   * (github/npm-upgrades.ts reads it into `spec`); another package manager there, or none, leaves it
   * unknown (`unknown`).
   */
  fromPackageManager?: boolean;
  /**
   * Why the npm after this command cannot be known, when its version is not the question: `pnpm add
   * -g npm@11` installs into pnpm's global bin directory, first on `PATH` or behind the Node's own
   * directory depending on the order the job set them up (npm-version.ts `npmAfter`).
   */
  unknown?: string;
}

const UPGRADE_TRIGGER = triggerPattern(['npm', 'corepack']);

export function findNpmUpgrades(script: string): NpmUpgrade[] {
  if (!mayMention(script, UPGRADE_TRIGGER)) return [];
  return splitCommands(script).flatMap((cmd) => {
    // Most commands of a script that mentions npm somewhere do not (`git`, `echo`): an upgrade names
    // npm or corepack in its own text, or takes them from a variable or a substitution (`$`).
    if (!cmd.text.includes('$') && !mayMention(cmd.text, UPGRADE_TRIGGER)) return [];
    const words = viaNpmRunner(strip(values(cmd)));
    const upgrade = npmInstallUpgrade(words) ?? corepackUpgrade(words) ?? otherGlobalInstall(words) ?? npmDirectoryWrite(words, script);
    if (!upgrade) return [];
    // `REQUIRED_NPM="11.5.1"` earlier in the script, then `npm install -g "npm@${REQUIRED_NPM}"`.
    return [{ ...upgrade, spec: assignedSpec(script, cmd.offset, upgrade.spec) ?? upgrade.spec, ...span(cmd) }];
  });
}

/**
 * The value of a spec that is one variable (`$V`, `${V}`) the script sets once before `before`, to
 * a plain version or range (`V=11.5.1`, `export V="^11"`: `literalVariable`); undefined otherwise.
 */
function assignedSpec(script: string, before: number, spec: string): string | undefined {
  const name = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/.exec(spec);
  const variable = name?.[1] ?? name?.[2];
  const value = variable === undefined ? undefined : literalVariable(script, variable, before);
  return value !== undefined && /^[\w.^~<>=*|-]+$/.test(value) ? value : undefined;
}

/**
 * The npm command a package runner runs with a fetched npm (`npx --yes npm@^11.5.1 install -g
 * npm@^11.5.1`, `pnpm dlx npm@11 …`, `bunx npm@11 …`): the usual way round an npm that breaks
 * while upgrading itself on some runner images (hyperlight-dev/hyperagent, clerk/javascript). The
 * fetched npm installs into the same global prefix, so it upgrades the job's npm like `npm install
 * -g npm@…`. Other words are returned as they are.
 */
function viaNpmRunner(words: string[]): string[] {
  const first = words[0] === undefined ? undefined : basename(words[0]);
  if (first === undefined || (first !== 'npx' && first !== 'bunx' && first !== 'pnpm' && first !== 'pnpx' && first !== 'yarn')) return words;
  const runner = matchRunner(words, first);
  return runner && runner.command === undefined && runner.pins.npm !== undefined && runner.rest[0] === 'npm' ? strip(runner.rest) : words;
}

type UpgradeKind = Omit<NpmUpgrade, 'offset' | 'end' | 'text'>;

/** `npm install … npm@<spec>` (any spelling of install): the spec, and the options that say where it goes. */
interface NpmInstallOfNpm {
  spec: string;
  global: boolean;
  prefix: string | undefined;
  force: boolean;
}

function npmInstallOfNpm(words: readonly string[]): NpmInstallOfNpm | undefined {
  if (words[0] === undefined || basename(words[0]) !== 'npm') return undefined;
  const { index } = skipGlobalFlags([...words], 1, 'npm');
  const sub = words[index];
  if (sub === undefined || !NPM_INSTALL_COMMANDS.includes(sub)) return undefined;
  const flagWords = [...words.slice(1, index), ...words.slice(index + 1)];
  const spec = npmSpec(positionals(words.slice(index + 1), 'npm'));
  if (spec === undefined) return undefined;
  const global = (booleanOption(flagWords, '-g', '--global') ?? valueOption(flagWords, '--location') === 'global') === true;
  return { spec, global, prefix: valueOption(flagWords, '--prefix'), force: booleanOption(flagWords, '--force', '-f') === true };
}

function npmInstallUpgrade(words: string[]): UpgradeKind | undefined {
  const install = npmInstallOfNpm(words);
  return install?.global === true ? { spec: install.spec, force: install.force, viaCorepack: false } : undefined;
}

/** `npm install --prefix <dir> npm@<spec>` (not global): npm installed into a directory of the script's own (./local-npm.ts). */
export function npmPrefixInstall(words: readonly string[]): { spec: string; prefix: string } | undefined {
  const install = npmInstallOfNpm(words);
  return install && !install.global && install.prefix !== undefined ? { spec: install.spec, prefix: install.prefix } : undefined;
}

function corepackUpgrade(words: string[]): UpgradeKind | undefined {
  if (words[0] === undefined || basename(words[0]) !== 'corepack') return undefined;
  const [sub, ...args] = words.slice(1);
  // `corepack enable npm` (plain `corepack enable` shims Yarn and pnpm only): the shim runs `packageManager`'s npm.
  if (sub === 'enable') return positionals(args, 'corepack').includes('npm') ? { spec: PACKAGE_MANAGER_SPEC, force: false, viaCorepack: true, fromPackageManager: true } : undefined;
  const activates =
    (sub === 'prepare' && booleanOption(args, '--activate') === true) ||
    (sub === 'install' && booleanOption(args, '-g', '--global') === true);
  if (!activates) return undefined;
  const spec = npmSpec(positionals(args, 'corepack'));
  return spec === undefined ? undefined : { spec, force: false, viaCorepack: true };
}

/** Commands that write files where they are told to. */
const FILE_WRITERS = new Set(['tar', 'cp', 'mv', 'rm', 'ln', 'rsync', 'unzip', 'install']);

/** A path into npm's own package directory (`…/lib/node_modules/npm`), not `node_modules/npm-run-all`. */
const NPM_PACKAGE_DIR = /node_modules\/npm(?![\w.@-])/;

/**
 * A file command in a script that names npm's own package directory (`tar -xz -C
 * "$NODE/lib/node_modules/npm"` after downloading `npm-11.5.1.tgz`, de-id/agents-sdk): it replaces
 * the job's npm in place, with a version tp-doctor does not read. The directory may be in a variable
 * the script sets, so the script's text is searched, for a writer among its commands.
 */
function npmDirectoryWrite(words: string[], script: string): UpgradeKind | undefined {
  const bin = words[0] === undefined ? undefined : basename(words[0]);
  if (bin === undefined || !FILE_WRITERS.has(bin) || !NPM_PACKAGE_DIR.test(script)) return undefined;
  return { spec: '', force: false, viaCorepack: false, unknown: `"${words.join(' ')}" writes files in a script that names npm's own package directory (\`node_modules/npm\`): it may replace the job's npm, with a version tp-doctor does not read` };
}

/** The spec of a `corepack enable npm` until the project's `packageManager` is read: no version, so never resolved as one. */
export const PACKAGE_MANAGER_SPEC = '${packageManager}';

/**
 * `pnpm add -g npm@<spec>`, `yarn global add npm@<spec>`, `bun add -g npm@<spec>`: npm installed into
 * that manager's global bin directory. Which `npm` then runs depends on whether that directory comes
 * before the Node's own on `PATH`, which the order of the job's setup steps decides: unknown.
 */
function otherGlobalInstall(words: string[]): UpgradeKind | undefined {
  const bin = words[0] === undefined ? undefined : basename(words[0]);
  if (bin !== 'pnpm' && bin !== 'yarn' && bin !== 'bun') return undefined;
  const args = words.slice(1);
  const global = bin === 'yarn' ? args[0] === 'global' && args[1] === 'add' : (args[0] === 'add' || args[0] === 'install' || args[0] === 'i') && booleanOption(args, '-g', '--global') === true;
  if (!global) return undefined;
  const spec = npmSpec(positionals(args.slice(bin === 'yarn' ? 2 : 1), bin));
  if (spec === undefined) return undefined;
  return { spec, force: false, viaCorepack: false, unknown: `"${words.join(' ')}" installs npm into ${bin}'s global bin directory, and whether it or the Node's own npm comes first on PATH depends on the order the job set them up` };
}

/** The spec of `npm`/`npm@<spec>` among the arguments: `*` for the bare name (npm reads it as the range `*`, not the tag `latest`). */
function npmSpec(args: string[]): string | undefined {
  const arg = args.find((a) => a === 'npm' || a.startsWith('npm@'));
  return arg === undefined ? undefined : arg.slice(4) || '*';
}

/**
 * `npm dist-tag add|rm|set` (it writes to the registry, so it needs credentials; `ls` does not),
 * or `pnpm dist-tag ...`, which pnpm up to 10 hands to the npm on PATH (pnpm 11 no longer does).
 */
export interface DistTagCommand {
  offset: number;
  end: number;
  text: string;
  subcommand: string;
  /** The command as written: npm, or pnpm (which runs npm's up to pnpm 10). */
  tool: 'npm' | 'pnpm';
  /** `npx npm@12 dist-tag add ...`: the npm version pinned in the command. */
  pinnedVersion?: string;
}

export function findDistTags(script: string): DistTagCommand[] {
  if (!script.includes('dist-tag')) return [];
  const out: DistTagCommand[] = [];
  for (const cmd of splitCommands(script)) {
    let words = strip(values(cmd));
    let pinned: string | undefined;
    const runner = words[0] !== undefined ? matchRunner(words, basename(words[0])) : undefined;
    // Not in an environment manager's (`nix develop -c npm dist-tag …`): its npm is not the job's, and not read.
    if (runner?.environment === true) continue;
    if (runner && runner.command === undefined) {
      words = strip(runner.rest);
      pinned = runner.pins.npm;
    }
    const bin = words[0] === undefined ? '' : basename(words[0]);
    const tool = bin === 'npm' ? 'npm' : bin === 'pnpm' || bin === 'pn' ? 'pnpm' : undefined;
    if (tool === undefined) continue;
    const { index } = skipGlobalFlags(words, 1, tool === 'npm' ? 'npm' : 'pnpm');
    if (words[index] !== 'dist-tag' && words[index] !== 'dist-tags') continue;
    const sub = words[index + 1];
    if (sub !== 'add' && sub !== 'rm' && sub !== 'set') continue;
    const found: DistTagCommand = { ...span(cmd), subcommand: sub, tool };
    if (pinned !== undefined && tool === 'npm') found.pinnedVersion = pinned;
    out.push(found);
  }
  return out;
}

/** `npm deprecate …`, `npm access set …`, `npm owner add …` (`NPM_NO_OIDC_COMMANDS`), or `npm trust github …` (`NPM_TRUST_WRITES`). */
export interface RegistryCommand {
  offset: number;
  end: number;
  text: string;
  /** `trust` for `npm trust`, else `token`: a command that needs a stored token. */
  kind: 'token' | 'trust';
  /** `npm deprecate`, `npm access set`, `npm trust github`. */
  label: string;
  /** The command may not run with its script (a branch, after `&&`/`||`, a group: `ShellCommand.nested`). */
  nested?: true;
}

const REGISTRY_WORDS = /\b(?:deprecate|access|owner|author|trust)\b/;

/**
 * The command at `offset` follows a publish on its line through `&&` only (`npm publish && npm
 * deprecate …`): it runs whenever the publish succeeds, so it is not "nested" for the findings.
 */
function afterPublish(script: string, offset: number): boolean {
  const prefix = script.slice(script.lastIndexOf('\n', offset - 1) + 1, offset);
  return /\bpublish\b[^;|&]*&&\s*$/.test(prefix) && !/\|\||;|\b(?:if|then|else|do)\b/.test(prefix);
}

/**
 * True when the command of `script` that starts at or covers `offset` may not run: it stands in a
 * branch, a group or after `&&`/`||` (not right after a publish through `&&`), as for
 * `findRegistryCommands`' `nested`. For a command that runs a script holding a registry command.
 */
export function commandNestedAt(script: string, offset: number): boolean {
  for (const cmd of splitCommands(script)) {
    const { offset: start, end } = span(cmd);
    if (offset >= start && offset < Math.max(end, start + 1)) return cmd.nested === true && !afterPublish(script, cmd.offset);
  }
  return false;
}

/** The registry commands of a script that never use an OIDC token: npm's own, directly or through `npx npm@x`. */
export function findRegistryCommands(script: string): RegistryCommand[] {
  if (!REGISTRY_WORDS.test(script)) return [];
  const out: RegistryCommand[] = [];
  for (const cmd of splitCommands(script)) {
    let words = strip(values(cmd));
    const runner = words[0] !== undefined ? matchRunner(words, basename(words[0])) : undefined;
    if (runner && runner.command === undefined) words = strip(runner.rest);
    if (words[0] === undefined || basename(words[0]) !== 'npm') continue;
    const { index } = skipGlobalFlags(words, 1, 'npm');
    const name = words[index] ?? '';
    const sub = words[index + 1] ?? '';
    const writes = NPM_NO_OIDC_COMMANDS.get(name);
    if (writes !== undefined && (writes.includes('*') || writes.includes(sub))) {
      const nested = cmd.nested === true && !afterPublish(script, cmd.offset);
      out.push({ ...span(cmd), kind: 'token', label: writes.includes('*') ? `npm ${name}` : `npm ${name} ${sub}`, ...(nested ? { nested: true as const } : {}) });
    } else if (name === 'trust' && NPM_TRUST_WRITES.includes(sub)) {
      out.push({ ...span(cmd), kind: 'trust', label: `npm trust ${sub}` });
    }
  }
  return out;
}
