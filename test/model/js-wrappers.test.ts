/**
 * A committed script's own helper around `spawnSync(command, args)` (survey800a M5, udecode/plate's
 * release-packages.mjs: `runCommand('pnpm', ['changeset', 'publish', '--tag', 'beta'])`): its calls
 * are read like the call it wraps (src/model/npm/js-wrappers.ts).
 */
import { describe, expect, it } from 'vitest';
// publish-commands first, as the model loads them (node-scripts.ts is reached through it).
import '../../src/model/npm/publish-commands.js';
import { jsCommands } from '../../src/model/npm/node-scripts.js';

const commands = (text: string): string[] => jsCommands(text).map((c) => c.command);

describe('helpers that pass their parameters to a file-and-arguments call', () => {
  it.each([
    ['a function declaration (plate)', "function runCommand(command, args) {\n  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });\n  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}`);\n}\nrunCommand('pnpm', ['changeset', 'publish', '--tag', 'beta']);\n", ['pnpm changeset publish --tag beta']],
    ['an arrow function around execa', "const run = async (cmd, args) => execa(cmd, args, { stdio: 'inherit' });\nawait run('npx', ['changeset', 'publish']);\n", ['npx changeset publish']],
    ['declared after its use', "run('pnpm', ['publish', '-r']);\nfunction run(file, argv) { return spawn(file, argv); }\n", ['pnpm publish -r']],
  ])('%s', (_name, text, want) => expect(commands(text)).toEqual(want));

  it.each([
    ['a helper that does not run its parameters', "function runCommand(command, args) { console.log(command, args); }\nrunCommand('pnpm', ['changeset', 'publish']);\n"],
    ['a helper that passes them in another order', "function runCommand(args, command) { spawnSync(command, args); }\nrunCommand('pnpm', ['changeset', 'publish']);\n"],
    ['an arrow whose body is on the next statement', "const log = (cmd, args) => cmd;\nspawnSync(cmd, args);\nlog('pnpm', ['changeset', 'publish']);\n"],
  ])('control: %s', (_name, text) => expect(commands(text)).toEqual([]));
});
