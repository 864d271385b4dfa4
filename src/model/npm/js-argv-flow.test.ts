import { describe, expect, it } from 'vitest';
import { BUILD, PUB, reachedCommands } from '../../../test/js-argv.js';

describe('argvReach: flags, `let`, unbraced branches, Deno.args', () => {
  it('`if (process.argv.includes("--publish"))`: decided by whether the run passes the flag', () => {
    const text = `${BUILD}\nif (process.argv.includes('--publish')) {\n  ${PUB}\n}\n`;
    expect(reachedCommands(text, ['--build-only'])).toEqual(['npm run build']);
    expect(reachedCommands(text, [])).toEqual(['npm run build']);
    expect(reachedCommands(text, ['--publish'])).toBe('undecided');
    // `--publish=true` is another element: includes() is false for it.
    expect(reachedCommands(text, ['--publish=true'])).toEqual(['npm run build']);
  });
  it('`const publish = process.argv.includes("--publish")` then `if (publish)`, `if (!publish)`', () => {
    const text = `const publish = process.argv.includes('--publish');\n${BUILD}\nif (publish) { ${PUB} }\n`;
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build']);
    const negated = `const args = process.argv.slice(2);\nconst publish = args.includes('--publish');\nif (!publish) { ${BUILD} } else { ${PUB} }\n`;
    expect(reachedCommands(negated, [])).toEqual(['npm run build']);
    expect(reachedCommands(negated, ['--publish'])).toEqual(['npm publish']);
  });
  it('`if (args.includes("--dry-run")) return;` before the publish: the rest of the block is not reached', () => {
    const text = `async function main() {\n  const args = process.argv.slice(2);\n  ${BUILD}\n  if (args.includes('--dry-run')) return;\n  ${PUB}\n}\nmain();\n`;
    expect(reachedCommands(text, ['--dry-run'])).toEqual(['npm run build']);
    expect(reachedCommands(text, ['--tag', 'next'])).toEqual(['npm run build', 'npm publish']);
    const exits = `if (process.argv.includes('--dry-run')) {\n  console.log('dry run');\n  process.exit(0);\n}\n${PUB}\n`;
    expect(reachedCommands(exits, ['--dry-run'])).toEqual([]);
  });
  it('control: a guard that may not leave, in a loop, a switch, or before a hoisted function keeps the publish', () => {
    const keep = (text: string): void => {
      const reached = reachedCommands(text, ['--dry-run']);
      expect(reached === 'undecided' || reached.includes('npm publish')).toBe(true);
    };
    keep(`if (process.argv.includes('--dry-run')) { if (x) return; }\n${PUB}\n`);
    keep(`if (process.argv.includes('--dry-run')) { log(); }\n${PUB}\n`);
    keep(`if (process.argv.includes('--dry-run') && ok) return;\n${PUB}\n`);
    keep(`for (const x of list) if (process.argv.includes('--dry-run')) return;\n${PUB}\n`);
    keep(`switch (mode) {\n  case 'a':\n    if (process.argv.includes('--dry-run')) break;\n  case 'b':\n    ${PUB}\n}\n`);
    keep(`function main() {\n  release();\n  if (process.argv.includes('--dry-run')) return;\n  function release() { ${PUB} }\n}\nmain();\n`);
    // The flag passed with an expansion: the list is not known.
    expect(reachedCommands(`if (process.argv.includes('--dry-run')) return;\n${PUB}\n`, ['--dry-run', '$EXTRA'])).toBe('undecided');
  });
  it('a `let` never assigned again reads as a `const`', () => {
    const text = `let command = process.argv[2];\nif (command === 'publish') { ${PUB} } else { ${BUILD} }\n`;
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build']);
    expect(reachedCommands(text.replace('\nif', '\ncommand ||= "publish";\nif'), ['build'])).toBe('undecided');
  });
  it('unbraced branches: `if (cmd === "x") doX(); else if … else …`', () => {
    const text = `const cmd = process.argv[2];\nif (cmd === 'build') ${BUILD}\nelse if (cmd === 'publish') ${PUB}\nelse execSync('echo usage');\n`;
    expect(reachedCommands(text, ['build'])).toEqual(['npm run build']);
    expect(reachedCommands(text, ['publish'])).toEqual(['npm publish']);
    expect(reachedCommands(text, ['x'])).toEqual(['echo usage']);
  });
  it('`Deno.args[0]`, `const [command] = Deno.args`; `Deno.args.shift()` decides nothing', () => {
    expect(reachedCommands(`if (Deno.args[0] === 'publish') { ${PUB} } else { ${BUILD} }\n`, ['build'])).toEqual(['npm run build']);
    expect(reachedCommands(`const [command] = Deno.args;\nif (command === 'publish') { ${PUB} }\n`, ['build'])).toEqual([]);
    expect(reachedCommands(`Deno.args.shift();\nif (Deno.args[0] === 'publish') { ${PUB} }\n`, ['ci', 'publish'])).toBe('undecided');
  });
});
