import { describe, expect, it } from 'vitest';
import { argvReach } from './js-argv-dispatch.js';
import { tokenize } from './js-tokens.js';
import { BUILD, PUB, reachedCommands } from '../../../test/js-argv.js';

const COMMANDER = [
  "import { Command } from 'commander';",
  'const program = new Command();',
  "program.command('build').description('Build').action(async () => {",
  `  ${BUILD}`,
  '});',
  'async function release(tag) {',
  `  ${PUB}`,
  '}',
  "program.command('publish <tag>').option('--dry-run').action(release);",
  'program.parse(process.argv);',
  '',
].join('\n');

describe('argvReach: commander, cac and yargs subcommands', () => {
  it('commander: `build` runs the build action and not the publish command (nor the function only it names)', () => {
    expect(reachedCommands(COMMANDER, ['build'])).toEqual(['npm run build']);
    expect(reachedCommands(COMMANDER, ['publish', 'latest'])).toEqual(['npm publish']);
    expect(reachedCommands(COMMANDER, [])).toEqual([]);
    // An option first (commander reads options before the command), or an expansion: undecided.
    expect(reachedCommands(COMMANDER, ['--verbose', 'build'])).toBe('undecided');
    expect(reachedCommands(COMMANDER, ['$CMD'])).toBe('undecided');
  });
  it("commander's imported `program`, `parse()`, `parseAsync()`", () => {
    const text = `import { program } from 'commander';\nprogram.command('publish').action(() => { ${PUB} });\nprogram.command('build').action(() => { ${BUILD} });\nawait program.parseAsync();\n`;
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build']);
  });
  it('cac: `cli.command("publish").action(…)`', () => {
    const text = `import cac from 'cac';\nconst cli = cac('release');\ncli.command('publish [dir]', 'Publish').action(() => { ${PUB} });\ncli.command('build').action(() => { ${BUILD} });\ncli.parse();\n`;
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build']);
  });
  it('yargs: the handler and builder of another command', () => {
    const text = [
      "import yargs from 'yargs';",
      "import { hideBin } from 'yargs/helpers';",
      'yargs(hideBin(process.argv))',
      `  .command('build', 'Build', () => {}, () => { ${BUILD} })`,
      `  .command('publish [tag]', 'Publish', (y) => y.positional('tag', { default: 'latest' }), async (argv) => { ${PUB} })`,
      '  .demandCommand(1)',
      '  .parse();',
      '',
    ].join('\n');
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build']);
    expect(reachedCommands(text, ['publish'])).toEqual(['npm publish']);
  });
  const keeps: { name: string; text: string }[] = [
    { name: 'an alias', text: `import { Command } from 'commander';\nconst program = new Command();\nprogram.command('publish').alias('build').action(() => { ${PUB} });\nprogram.parse();\n` },
    { name: 'isDefault', text: `import { Command } from 'commander';\nconst program = new Command();\nprogram.command('publish', { isDefault: true }).action(() => { ${PUB} });\nprogram.parse();\n` },
    { name: "commander's `*`", text: `import { Command } from 'commander';\nconst program = new Command();\nprogram.command('*').action(() => { ${PUB} });\nprogram.parse();\n` },
    { name: 'the program action', text: `import { Command } from 'commander';\nconst program = new Command();\nprogram.action(() => { ${PUB} });\nprogram.command('x').action(() => {});\nprogram.parse();\n` },
    { name: 'parse() of other arguments', text: `import { Command } from 'commander';\nconst program = new Command();\nprogram.command('publish').action(() => { ${PUB} });\nprogram.parse(['node', 'cli', 'publish']);\n` },
    { name: 'an alias of the program', text: `import { Command } from 'commander';\nconst program = new Command();\nconst p = program;\nprogram.command('publish').action(() => { ${PUB} });\np.parse(['node', 'x', 'publish'], { from: 'node' });\n` },
    { name: 'a nested program (addCommand)', text: `import { Command } from 'commander';\nconst release = new Command('build');\nrelease.command('publish').action(() => { ${PUB} });\nprogram.addCommand(release);\n` },
    { name: 'a second command in one commander chain (a subcommand of the first)', text: `import { Command } from 'commander';\nconst program = new Command();\nprogram.command('build').action(() => {}).command('publish').action(() => { ${PUB} });\nprogram.parse();\n` },
    { name: "yargs' `$0`", text: `import yargs from 'yargs';\nyargs(process.argv.slice(2)).command('$0', 'default', () => {}, () => { ${PUB} }).parse();\n` },
    { name: 'yargs aliases', text: `import yargs from 'yargs';\nyargs(process.argv.slice(2)).command({ command: 'publish', aliases: ['build'], handler: () => { ${PUB} } }).parse();\n` },
    { name: 'a hideBin of its own', text: `import yargs from 'yargs';\nconst hideBin = (a) => { a.splice(2, 1); return a.slice(2); };\nyargs(hideBin(process.argv)).command('publish', 'p', () => {}, () => { ${PUB} }).parse();\n` },
    { name: 'yargs of a list', text: `import yargs from 'yargs';\nyargs(['publish']).command('publish', 'p', () => {}, () => { ${PUB} }).parse();\n` },
    { name: 'a function called from both commands', text: `import { Command } from 'commander';\nconst program = new Command();\nfunction run(p) { ${PUB} }\nprogram.command('build').action(() => run(false));\nprogram.command('publish').action(() => run(true));\nprogram.parse();\n` },
    { name: 'process.argv changed', text: `import { Command } from 'commander';\nconst program = new Command();\nprocess.argv.splice(2, 1, 'publish');\nprogram.command('publish').action(() => { ${PUB} });\nprogram.parse(process.argv);\n` },
  ];
  it.each(keeps)('keeps the publish: $name', ({ text }) => {
    const reached = reachedCommands(text, ['build']);
    expect(reached === 'undecided' || reached.includes('npm publish')).toBe(true);
  });
});

describe('argvReach: hostile sizes stay linear', () => {
  // Linear: about 3 s for tokens and reach on the loaded review machine; one pass over the file per command would take minutes.
  it('5,000 commander commands, each with a guard and an unbraced `let` dispatch (2 MB)', { timeout: 60_000 }, () => {
    const pad = 'x'.repeat(260);
    const commands = Array.from({ length: 5_000 }, (_, i) => `program.command("c${i}").description("${pad}").action(() => {\n  let cmd = process.argv[3];\n  if (process.argv.includes("--dry-run")) return;\n  if (cmd === "a") run(${i}); else run(1);\n});\n`).join('');
    const text = `import { Command } from "commander";\nconst program = new Command();\n${commands}program.command("publish").action(() => { ${PUB} });\nprogram.parse(process.argv);\n`;
    expect(text.length).toBeGreaterThan(2_000_000);
    const tokens = tokenize(text)!;
    const started = performance.now();
    const reach = argvReach(tokens, ['build', '--dry-run']);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(reach!.reached(text.indexOf('npm publish'))).toBe(false);
  });
});
