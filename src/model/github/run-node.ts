/**
 * A Node installed by a command in a `run:` script: `pnpm env use --global <version>` (pnpm 6.14 to
 * 10; pnpm 11 keeps it as a deprecated form of `pnpm runtime set node <version> -g`, read too). It
 * installs that Node into pnpm's home directory (`PNPM_HOME`, which pnpm/action-setup puts on
 * `PATH`) and links `node`, `npm` and `npx` there (pnpm/pnpm#3696), so the later commands of the
 * script and the later steps run that Node and the npm it bundles (unnoq/orpc's `pnpm env use
 * --global 22`). Without `--global` pnpm 10 refuses the command. The
 * version is read as pnpm reads it (`lts`, an LTS codename, a version or range:
 * `pnpmNodeSpec`); a variable, a prerelease channel (`nightly`, `rc`) or an expression tp-doctor
 * cannot evaluate leaves the Node unknown, with the reason.
 */
import type { YNode } from '../../yaml/parse.js';
import { nodeResolution, resolveNodeSpec, type NodeOrigin, type NodeResolution } from '../npm/node-version.js';
import { splitCommands, stripPrefixes, type ShellCommand, type ShellWord } from '../npm/shell.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';
import { pnpmNodeSpec } from './pnpm-setup.js';

/** A `pnpm` command that sets the Node: its version word, the command as written, and how to write it with another version. */
interface NodeCommand {
  version: ShellWord;
  text: string;
  prefix: string;
}

/** `pnpm env use -g <v>` or `pnpm runtime set node <v> -g` (options anywhere, as pnpm reads them); undefined for any other command. */
function nodeCommand(command: ShellCommand): NodeCommand | undefined {
  const run = stripPrefixes(command.words);
  if (!/(?:^|\/)pnpm$/.test(run[0]?.value ?? '')) return undefined;
  const rest = run.slice(1);
  if (!rest.some((w) => w.value === '-g' || w.value === '--global')) return undefined;
  const positionals = rest.filter((w) => !w.value.startsWith('-'));
  const names = positionals.map((w) => w.value);
  const env = names[0] === 'env' && names[1] === 'use' ? positionals[2] : undefined;
  if (env) return { version: env, text: command.text, prefix: 'pnpm env use --global ' };
  const runtime = names[0] === 'runtime' && names[1] === 'set' && names[2] === 'node' ? positionals[3] : undefined;
  return runtime ? { version: runtime, text: command.text, prefix: 'pnpm runtime set -g node ' } : undefined;
}

/**
 * The Node the last `pnpm env use --global <version>` of a `run:` script installs (only the
 * commands that start before `before`, when given); undefined when the script has none.
 * `at`: the `run:` node, for the location of the version.
 */
export function fromRunScript(text: string, at: YNode, scope: ExpressionScope, before = Infinity): NodeResolution | undefined {
  // Most scripts never name pnpm's Node commands: not split at all.
  if (!text.includes('pnpm') || !/\b(?:env|runtime)\b/.test(text)) return undefined;
  let found: NodeCommand | undefined;
  for (const command of splitCommands(text)) {
    if (command.offset >= before) break;
    if (command.substitution) continue;
    found = nodeCommand(command) ?? found;
  }
  if (!found) return undefined;
  const raw = text.slice(found.version.offset, found.version.end);
  const origin: NodeOrigin = {
    label: `\`${found.text}\` in a \`run:\` step`,
    kind: 'command',
    at: { file: at.file, ...at.valueSpan(found.version.offset, found.version.end) },
    written: { name: 'run', prefix: found.prefix },
  };
  const reason = `the job installs Node with \`${found.text}\`, whose version tp-doctor cannot read`;
  // A shell variable (`$NODE_VERSION`), or a word the shell changes.
  if (/[$`*?]/.test(raw.replace(/\$\{\{[^}]*\}\}/g, ''))) return { unknown: reason, origins: [origin] };
  const value = evaluateValue(found.version.value, at, scope);
  if (!('text' in value)) return { unknown: reason, origins: [origin] };
  const resolved = nodeResolution(resolveNodeSpec(pnpmNodeSpec(value.text)), [...value.origins, origin]);
  return resolved.unknown === undefined ? resolved : { ...resolved, unknown: `${reason} (${resolved.unknown})` };
}
