import { describe, expect, it } from 'vitest';
import { tokenize } from './js-tokens.js';
import { shipjsPublishCommand } from './shipjs-config.js';
import { MAX_SHELL_FILE_CHARS } from './shell-files.js';

const cjs = (body: string): string => `module.exports = {\n${body}\n};\n`;

/** Forms whose command is certain: the command read (with `${tag}` kept as a shell variable). */
const READ: { name: string; text: string; command: string; monorepo?: boolean; at?: string }[] = [
  { name: 'an arrow returning a string', text: cjs("  publishCommand: () => 'yarn lerna publish from-package --yes',"), command: 'yarn lerna publish from-package --yes', at: '2:3-2:17' },
  { name: 'double quotes, last property without a comma', text: cjs('  buildCommand: () => "yarn build",\n  publishCommand: () => "npm publish"'), command: 'npm publish', at: '3:3-3:17' },
  { name: 'a template with the documented `tag`', text: cjs('  publishCommand: ({ tag }) => `npm publish --tag ${tag}`,'), command: 'npm publish --tag ${tag}' },
  {
    name: 'a method returning a template (algolia/autocomplete)',
    text: cjs('  publishCommand({ tag }) {\n    return `yarn publish --access public --tag ${tag}`;\n  },'),
    command: 'yarn publish --access public --tag ${tag}',
  },
  { name: 'a function expression with a block', text: cjs("  publishCommand: function () { return 'pnpm publish -r'; },"), command: 'pnpm publish -r' },
  { name: 'a named function expression, no semicolon', text: cjs("  publishCommand: function publish() {\n    return 'npm publish'\n  },"), command: 'npm publish' },
  { name: 'an arrow with a block', text: cjs("  publishCommand: () => { return 'npm publish --access public'; },"), command: 'npm publish --access public' },
  { name: 'a single parameter without parentheses, a parenthesised body', text: cjs("  publishCommand: opts => ('npm publish'),"), command: 'npm publish' },
  { name: 'several documented names destructured', text: cjs('  publishCommand: ({ isYarn, tag, dir }) => `cd ${dir} && npm publish --tag ${tag}`,'), command: 'cd ${dir} && npm publish --tag ${tag}' },
  { name: 'ESM `export default`', text: "export default {\n  publishCommand: () => 'npm publish',\n};\n", command: 'npm publish' },
  { name: 'simple escapes are read', text: cjs("  publishCommand: () => 'npm publish --tag \\'next\\'',"), command: "npm publish --tag 'next'" },
  {
    name: 'comments, requires, other functions and regular expressions around it',
    text: [
      '/* eslint-disable import/no-commonjs */',
      "const fs = require('fs'); // publishCommand is set below",
      'module.exports = {',
      "  shouldPrepare: ({ releaseType }) => /patch/.test(releaseType) || releaseType !== '}',",
      '  versionUpdated: ({ version, dir }) => {',
      '    fs.writeFileSync(`${dir}/v.ts`, `export default \'${version}\';\\n`);',
      '  },',
      "  publishCommand: () => 'yarn lerna publish from-package --yes',",
      '};',
      '',
    ].join('\n'),
    command: 'yarn lerna publish from-package --yes',
    at: '8:3-8:17',
  },
  {
    name: 'longer names holding the key in other functions\' templates and strings (algolia/instantsearch ship.config.js)',
    text: cjs(
      [
        '  formatPullRequestMessage: ({ repo, publishCommands }) => {',
        '    const publishCommandsTable = `\\`\\`\\`${publishCommands}\\`\\`\\``;',
        '    return `${repo}\\n${publishCommandsTable}\\n${x.publishCommand_old}`;',
        '  },',
        "  slackIncomingHook: ({ publishCommands }) => ['publishCommands', publishCommands, /publishCommandx/],",
        "  buildCommand: () => 'NODE_ENV=production yarn build:ci',",
        "  publishCommand: () => 'yarn lerna publish from-package --yes',",
      ].join('\n'),
    ),
    command: 'yarn lerna publish from-package --yes',
    at: '8:3-8:17',
  },
  {
    name: 'with `monorepo`: read, marked (it runs in each package to publish)',
    text: cjs("  monorepo: { mainVersionFile: 'package.json', packagesToBump: [], packagesToPublish: ['packages/*'] },\n  publishCommand: ({ tag }) => `yarn npm publish --tag ${tag}`,"),
    command: 'yarn npm publish --tag ${tag}',
    monorepo: true,
  },
];

/** Forms left alone: `shipjs trigger` stays the guess it is today. */
const LEFT: { name: string; text: string }[] = [
  { name: 'no publishCommand (the default)', text: cjs("  buildCommand: () => 'yarn build',") },
  { name: 'an empty file', text: '' },
  { name: 'a string value (Ship.js calls it: the release fails)', text: cjs("  publishCommand: 'npm publish',") },
  { name: 'built on defaultCommand', text: cjs('  publishCommand: ({ defaultCommand }) => `${defaultCommand} --access public`,') },
  { name: 'a parameter that is not destructured', text: cjs('  publishCommand: (o) => `npm publish --tag ${o.tag}`,') },
  { name: 'a name Ship.js does not pass', text: cjs('  publishCommand: ({ version }) => `npm publish --tag ${version}`,') },
  { name: 'a documented name not destructured', text: cjs('  publishCommand: () => `npm publish --tag ${tag}`,') },
  { name: 'an expression in the template', text: cjs("  publishCommand: ({ isYarn }) => `${isYarn ? 'yarn' : 'npm'} publish`,") },
  { name: 'a condition', text: cjs("  publishCommand: ({ isYarn }) => isYarn ? 'yarn publish' : 'npm publish',") },
  { name: 'a block with a condition', text: cjs("  publishCommand: ({ dir }) => {\n    if (dir.endsWith('/website')) return 'npx now';\n    return 'npm publish';\n  },") },
  { name: 'concatenation', text: cjs("  publishCommand: ({ tag }) => 'npm publish --tag ' + tag,") },
  { name: 'a variable', text: "const cmd = 'npm publish';\nmodule.exports = {\n  publishCommand: () => cmd,\n};\n" },
  { name: 'an async function', text: cjs("  publishCommand: async () => 'npm publish',") },
  { name: 'a default value in the parameters', text: cjs("  publishCommand: ({ tag = 'latest' }) => `npm publish --tag ${tag}`,") },
  { name: 'a return on its own line returns nothing', text: cjs("  publishCommand() {\n    return\n      'npm publish';\n  },") },
  { name: 'written twice', text: cjs("  publishCommand: () => 'yarn publish',\n  publishCommand: () => 'npm publish',") },
  { name: 'assigned again later', text: `${cjs("  publishCommand: () => 'yarn publish',")}module.exports.publishCommand = () => 'npm publish';\n` },
  { name: 'a spread that may override it', text: cjs("  publishCommand: () => 'npm publish',\n  ...require('./base'),") },
  { name: 'a spread before it may bring `monorepo`', text: cjs("  ...require('./base'),\n  publishCommand: () => 'npm publish',") },
  { name: 'nested in another object', text: cjs("  monorepo: { publishCommand: () => 'npm publish' },") },
  { name: 'a variable exported', text: "const config = {\n  publishCommand: () => 'npm publish',\n};\nmodule.exports = config;\n" },
  { name: 'exported under a condition', text: "if (process.env.CI) module.exports = {\n  publishCommand: () => 'npm publish',\n};\n" },
  { name: 'a computed key', text: cjs("  ['publishCommand']: () => 'npm publish',") },
  { name: 'the key read in another function\'s template', text: cjs("  publishCommand: () => 'npm publish',\n  formatCommitMessage: (c) => `release: ${c.publishCommand}`,") },
  { name: 'the key as a string in another function', text: cjs("  publishCommand: () => 'npm publish',\n  afterPublish: (c) => c['publishCommand'],") },
  { name: 'the key as a whole word within a string elsewhere', text: cjs("  publishCommand: () => 'npm publish',\n  note: () => 'see publishCommand',") },
  { name: 'a \\x escape', text: cjs("  publishCommand: () => 'npm publish --tag \\x6e',") },
  { name: 'an unterminated string', text: cjs("  publishCommand: () => 'npm publish,") },
  { name: 'unbalanced brackets', text: "module.exports = {\n  publishCommand: () => 'npm publish',\n" },
];

describe('shipjsPublishCommand: forms read', () => {
  it.each(READ)('$name', ({ text, command, monorepo, at }) => {
    const read = shipjsPublishCommand('ship.config.js', text);
    expect(read?.command).toBe(command);
    expect(read?.monorepo).toBe(monorepo ?? false);
    if (at) expect(`${read?.at.start.line}:${read?.at.start.column}-${read?.at.end.line}:${read?.at.end.column}`).toBe(at);
    expect(read?.at.file).toBe('ship.config.js');
  });
});

describe('shipjsPublishCommand: forms left alone', () => {
  it.each(LEFT)('$name', ({ text }) => {
    expect(shipjsPublishCommand('ship.config.js', text)).toBeUndefined();
  });

  it('does not read a file over the shell-script bound', () => {
    const text = cjs(`  publishCommand: () => 'npm publish',\n  pad: '${'x'.repeat(MAX_SHELL_FILE_CHARS)}',`);
    expect(shipjsPublishCommand('ship.config.js', text)).toBeUndefined();
  });
});

describe('reading hostile text', () => {
  it('never throws on random JavaScript-ish input', () => {
    const alphabet = ['{', '}', '(', ')', '[', ']', "'", '"', '`', '${', '/', '*', '//', '\n', '\\', 'publishCommand', ':', '=>', ',', 'module.exports =', 'return', ' ', 'x'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 60 }, () => alphabet[next() % alphabet.length]).join('');
      expect(() => shipjsPublishCommand('ship.config.js', text)).not.toThrow();
    }
  });

  it('stops at deeply nested templates instead of overflowing the stack', () => {
    const deep = `module.exports = { publishCommand: () => ${'`${'.repeat(50_000)}${'}`'.repeat(50_000)} };`;
    expect(tokenize(deep)).toBeUndefined();
    expect(shipjsPublishCommand('ship.config.js', deep)).toBeUndefined();
  });

  it('reads a file of many comments', () => {
    const text = cjs(`${'  // a comment\n'.repeat(15_000)}  publishCommand: () => 'npm publish',`);
    expect(shipjsPublishCommand('ship.config.js', text)?.command).toBe('npm publish');
  });

  it('reads a literal in 100,000 parentheses without overflowing the stack (review of 2026-12-04)', () => {
    const text = cjs(`  publishCommand: () => ${'('.repeat(100_000)}'npm publish'${')'.repeat(100_000)},`);
    expect(shipjsPublishCommand('ship.config.js', text)?.command).toBe('npm publish');
    const unbalanced = cjs(`  publishCommand: () => ${'('.repeat(100_000)}'npm publish'${')'.repeat(99_999)},`);
    expect(shipjsPublishCommand('ship.config.js', unbalanced)).toBeUndefined();
  });
});
