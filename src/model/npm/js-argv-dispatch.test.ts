import { describe, expect, it } from 'vitest';
import { argvReachOfText } from './js-argv-dispatch.js';
import { BUILD, PUB, reachedCommands } from '../../../test/js-argv.js';

describe('argvReach: a dispatch on the first argument', () => {
  // UsefulSoftwareCo/executor's apps/cli/src/build.ts, reduced: parseArgs' positionals, an else-if chain, arrow functions.
  const EXECUTOR = [
    "import { parseArgs } from 'node:util';",
    'const publishPacked = async (dir: string): Promise<void> => {',
    '  await $`npm publish *.tgz --access public`.cwd(dir);',
    '};',
    'const publish = async (channel: string) => {',
    '  for (const dir of dirs) await publishPacked(dir);',
    '};',
    'const { values, positionals } = parseArgs({',
    '  args: process.argv.slice(2),',
    '  options: { mode: { type: "string", default: "production" } },',
    '  allowPositionals: true,',
    '});',
    'const command = positionals[0];',
    'if (command === "binary") {',
    "  execSync('bun build');",
    '} else if (command === "preview-tarball") {',
    "  execSync('tar czf x.tgz dist');",
    '} else if (command === "publish") {',
    '  await publish(positionals[1] ?? "latest");',
    '} else {',
    "  execSync('echo usage');",
    '}',
    '',
  ].join('\n');

  it('executor: `preview-tarball` reaches its own branch and not the publish', () => {
    expect(reachedCommands(EXECUTOR, ['preview-tarball'])).toEqual(['tar czf x.tgz dist']);
    expect(reachedCommands(EXECUTOR, ['binary', '--single'])).toEqual(['bun build']);
    expect(reachedCommands(EXECUTOR, ['nothing'])).toEqual(['echo usage']);
    expect(reachedCommands(EXECUTOR, [])).toEqual(['echo usage']);
  });
  it('executor: `publish` reaches the publish through both functions', () => {
    expect(reachedCommands(EXECUTOR, ['publish', 'beta'])).toEqual(['npm publish *.tgz --access public']);
  });
  it('control: parseArgs with an option first (its value may be the first positional): undecided', () => {
    expect(reachedCommands(EXECUTOR, ['--mode', 'production', 'publish'])).toBe('undecided');
  });

  const shapes: { name: string; text: string }[] = [
    { name: 'process.argv[2] tested directly', text: `if (process.argv[2] === 'publish') {\n  ${PUB}\n} else {\n  ${BUILD}\n}\n` },
    { name: 'Bun.argv[2] in a const', text: `const cmd = Bun.argv[2];\nif (cmd == "publish") { ${PUB} }\nif (cmd !== "publish") { ${BUILD} }\n` },
    { name: 'process.argv.slice(2)[0]', text: `const command = process.argv.slice(2)[0];\nif ('publish' === command) { ${PUB} } else { ${BUILD} }\n` },
    { name: 'args[0] of a const args', text: `const args = process.argv.slice(2);\nconst command = args[0];\nif (command === 'publish') { ${PUB} } else { ${BUILD} }\n` },
    { name: 'a destructured argv', text: `const [, , command] = process.argv;\nif (command === 'publish') { ${PUB} } else { ${BUILD} }\n` },
    { name: 'a destructured list', text: `const [command, ...rest] = process.argv.slice(2);\nif (command === 'publish') { ${PUB} } else { ${BUILD} }\n` },
    { name: 'a switch with breaks', text: `const command = process.argv[2];\nswitch (command) {\n  case 'publish':\n    ${PUB}\n    break;\n  default:\n    ${BUILD}\n}\n` },
    { name: 'a function declared and called in a branch', text: `function release() {\n  ${PUB}\n}\nconst command = process.argv[2];\nif (command === 'publish') {\n  release();\n} else {\n  ${BUILD}\n}\n` },
    { name: 'inside a main function', text: `async function main() {\n  const command = process.argv[2];\n  if (command === 'publish' || command === 'release') {\n    ${PUB}\n  } else {\n    ${BUILD}\n  }\n}\nmain();\n` },
  ];
  it.each(shapes)('$name: `build` does not publish, `publish` does', ({ text }) => {
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build']);
    expect(reachedCommands(text, ['publish'])).toEqual(['npm publish']);
  });

  it('a switch case without a break falls through to the next one', () => {
    const text = `switch (process.argv[2]) {\n  case 'build':\n    ${BUILD}\n  case 'publish':\n    ${PUB}\n    break;\n  case 'clean':\n    execSync('rm -rf dist');\n}\n`;
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build', 'npm publish']);
    expect(reachedCommands(text, ['clean'])).toEqual(['rm -rf dist']);
    // `if (x) break;` ends nothing for sure: the next case stays reached.
    const guarded = text.replace(`${BUILD}\n`, `${BUILD}\n    if (dry) break;\n`);
    expect(reachedCommands(guarded, ['build'])).toEqual(['npm run build', 'npm publish']);
  });
  it('a default in the const (`?? "build"`, `= "build"`) when no argument is given', () => {
    expect(reachedCommands(`const command = process.argv[2] ?? 'build';\nif (command === 'publish') { ${PUB} }\n`, [])).toEqual([]);
    expect(reachedCommands(`const command = process.argv[2] || 'publish';\nif (command === 'publish') { ${PUB} } else { ${BUILD} }\n`, [])).toEqual(['npm publish']);
    expect(reachedCommands(`const [command = 'publish'] = process.argv.slice(2);\nif (command === 'publish') { ${PUB} }\n`, ['build'])).toEqual([]);
  });
  it('`&&` with another test: false when the argument differs, else undecided', () => {
    const text = `const command = process.argv[2];\nif (command === 'publish' && process.env.CI) { ${PUB} }\n`;
    expect(reachedCommands(text, ['build'])).toEqual([]);
    expect(reachedCommands(text, ['publish'])).toBe('undecided');
  });
  it('a function used as a value (a callback, an export) stays reached', () => {
    expect(reachedCommands(`function release() { ${PUB} }\nif (process.argv[2] === 'x') { run(); }\nprogram.action(release);\n`, ['build'])).toEqual(['npm publish']);
    expect(reachedCommands(`export function release() { ${PUB} }\nif (process.argv[2] === 'publish') { release(); }\n`, ['build'])).toEqual(['npm publish']);
    // A named function expression runs without its name being used; a call by a computed name may reach any function.
    expect(reachedCommands(`if (process.argv[2] === 'x') { run(); }\nprogram.action(async function release() { ${PUB} });\n`, ['build'])).toEqual(['npm publish']);
    expect(reachedCommands(`function release() { ${PUB} }\nif (process.argv[2] === 'x') { run(); }\nglobalThis[process.env.STEP]();\n`, ['build'])).toEqual(['npm publish']);
    // Control: a declaration after an expression statement on its own line (no semicolon) is one.
    expect(reachedCommands(`run()\nfunction release() { ${PUB} }\nif (process.argv[2] === 'publish') { release() }\n`, ['build'])).toEqual([]);
  });
  it('the reached text leaves out the tests, the unreached branches and functions (for js-publish-free.ts)', () => {
    const text = `// publish on demand\nfunction release() { ${PUB} }\nconst command = process.argv[2];\nif (command === 'publish') { release(); } else { ${BUILD} }\n`;
    expect(argvReachOfText(text, ['build'])!.reachedText()).toBe("const command = process . argv [ 2 ] ; if ( ) else { execSync ( 'npm run build' ) ; }");
  });
});

describe('argvReach: what it cannot read exactly decides nothing', () => {
  const cases: { name: string; text: string; args: string[] }[] = [
    { name: 'a let reassigned', text: `let command = process.argv[2];\nif (alias) command = 'publish';\nif (command === 'publish') { ${PUB} }\n`, args: ['build'] },
    { name: 'a let incremented elsewhere', text: `let command = process.argv[2];\n[command] = rest;\nif (command === 'publish') { ${PUB} }\n`, args: ['build'] },
    { name: 'a computed value (`.toLowerCase()`)', text: `const command = process.argv[2].toLowerCase();\nif (command === 'publish') { ${PUB} }\n`, args: ['build'] },
    { name: 'a dispatch through an object', text: `const commands = { publish: () => { ${PUB} } };\ncommands[process.argv[2]]();\n`, args: ['build'] },
    { name: 'commander without its import', text: `program.command('publish').action(() => { ${PUB} });\nprogram.parse();\n`, args: ['build'] },
    { name: 'a parameter of the same name in a function', text: `const command = process.argv[2];\nfunction run(command) {\n  if (command === 'publish') { ${PUB} }\n}\nrun('publish');\n`, args: ['build'] },
    { name: 'an unbraced branch on two lines', text: `const command = process.argv[2];\nif (command === 'publish') execSync('npm run build')\n${PUB}\n`, args: ['build'] },
    { name: 'an unbraced branch without `;`', text: `const command = process.argv[2];\nif (command === 'publish') execSync('npm publish')\n`, args: ['build'] },
    { name: 'an unbraced nested if (the else is its own)', text: `const command = process.argv[2];\nif (command === 'x') if (ok) run(); else ${PUB}\n`, args: ['build'] },
    { name: 'a negated test', text: `if (!(process.argv[2] === 'publish')) { ${BUILD} } else { ${PUB} }\n`, args: ['build'] },
    { name: 'a case that is not a literal', text: `switch (process.argv[2]) { case PUBLISH: ${PUB} break; }\n`, args: ['build'] },
    { name: 'an argument with a shell expansion', text: `if (process.argv[2] === 'publish') { ${PUB} }\n`, args: ['$MODE'] },
    { name: 'argv[3] (the second argument)', text: `if (process.argv[3] === 'publish') { ${PUB} }\n`, args: ['build'] },
  ];
  it.each(cases)('$name', ({ text, args }) => {
    const reached = reachedCommands(text, args);
    expect(reached === 'undecided' || reached.includes('npm publish')).toBe(true);
  });
});

describe('argvReach: a file that may change its arguments before it reads them decides nothing', () => {
  const LIST = 'const args = process.argv.slice(2);';
  const TEST = `if (args[0] === 'publish') { ${PUB} }`;
  const cases: { name: string; text: string }[] = [
    { name: '`args.shift()`', text: `${LIST}\nargs.shift();\n${TEST}\n` },
    { name: '`process.argv.splice(2, 1)`', text: `process.argv.splice(2, 1);\nif (process.argv[2] === 'publish') { ${PUB} }\n` },
    { name: '`process.argv[2] =` in a condition', text: `if (process.env.CI) process.argv[2] = 'publish';\nconst command = process.argv[2];\nif (command === 'publish') { ${PUB} }\n` },
    { name: '`args[0] ??=`', text: `${LIST}\nargs[0] ??= 'publish';\n${TEST}\n` },
    { name: 'a destructuring assignment', text: `${LIST}\n[args[0], args[1]] = [args[1], args[0]];\n${TEST}\n` },
    { name: '`process.argv =`', text: `process.argv = [...process.argv.slice(0, 2), 'publish'];\nif (process.argv[2] === 'publish') { ${PUB} }\n` },
    { name: 'handed to a function', text: `${LIST}\nnormalize(args);\n${TEST}\n` },
    { name: '`Object.assign`', text: `${LIST}\nObject.assign(args, ['publish']);\n${TEST}\n` },
    { name: '`delete`', text: `${LIST}\ndelete args[0];\n${TEST}\n` },
    { name: 'an alias', text: `const list = process.argv;\nlist.splice(2, 1);\nif (process.argv[2] === 'publish') { ${PUB} }\n` },
    { name: '`Bun.argv.reverse()`', text: `Bun.argv.reverse();\nif (Bun.argv[2] === 'publish') { ${PUB} }\n` },
  ];
  it.each(cases)('$name', ({ text }) => {
    expect(reachedCommands(text, ['ci', 'publish'])).toBe('undecided');
  });
  it('control: reading the list (`.length`, `.slice`, `...args`, `for of`, an index) still decides', () => {
    const text = `${LIST}\nconsole.log(args.length, args.slice(1), [...args], args[1] === 'x');\nfor (const a of args) console.log(a);\n${TEST} else { ${BUILD} }\n`;
    expect(reachedCommands(text, ['ci', 'publish'])).toEqual(['npm run build']);
  });
});
