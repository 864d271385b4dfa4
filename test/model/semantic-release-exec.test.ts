/**
 * semantic-release runs `@semantic-release/exec`'s `publishCmd` in its publish step
 * (src/model/npm/semantic-release-exec.ts): analogjs/analog publishes with `./tools/publish.sh`
 * while every `@semantic-release/npm` entry has `npmPublish: false`.
 */
import { describe, expect, it } from 'vitest';
import { toolConfigFiles as configFiles } from '../helpers.js';
import { exportedObject } from '../../src/model/npm/js-config.js';
import { literalObject, MAX_LITERAL_DEPTH, type JsValue } from '../../src/model/npm/js-literal.js';
import { templateCommand, TEMPLATE_VALUE } from '../../src/model/npm/semantic-release-exec.js';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import { lintFiles, releaseRepo, setupNodeWorkflow } from '../helpers.js';

/** The tool configuration files of a repository holding `files`, data files parsed as the project does. */
function inRepo(files: Record<string, string>, extra: RecognizeContext = {}): RecognizeContext {
  const toolConfig = configFiles(files);
  return { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), shellFile: (f) => files[f], dir: '', ...extra };
}

function summary(script: string, ctx: RecognizeContext): string[] {
  return analyzeScript(script, ctx, { unread: true }).matches.map((m) => `${m.label} ${m.confidence} via ${m.via.map((v) => v.script).join('>')} @${m.offset}-${m.end}`);
}

const NPM_OFF = "['@semantic-release/npm', { npmPublish: false }]";
const releaserc = (plugins: unknown[], extra: Record<string, unknown> = {}): string => JSON.stringify({ branches: ['main'], plugins, ...extra });
const exec = (options: Record<string, unknown>): unknown[] => ['@semantic-release/exec', options];
const SKIPPED = ['@semantic-release/commit-analyzer', ['@semantic-release/npm', { npmPublish: false }]];
const SR = 'semantic-release certain via  @0-20';
const EXEC_NPM = 'npm publish (publishCmd of @semantic-release/exec in .releaserc.json) certain via .releaserc.json @0-20';
const unreadExec = (command: string): string => `${command} (publishCmd of @semantic-release/exec in .releaserc.json, runs an unrecognised command) heuristic via .releaserc.json @0-20`;

describe('@semantic-release/exec publishCmd', () => {
  const cases: { name: string; files: Record<string, string>; script?: string; ctx?: RecognizeContext; matches: string[] }[] = [
    { name: 'npm plugin off, publishCmd `npm publish`: the publish instead of the plugin\'s', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'npm publish' })]) }, matches: [EXEC_NPM] },
    { name: 'npm plugin still publishing: both', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: 'npm publish' })]) }, matches: [SR, EXEC_NPM] },
    { name: 'npm plugin absent from `plugins`: the exec publish alone', files: { '.releaserc.json': releaserc([exec({ publishCmd: 'npm publish' })]) }, matches: [EXEC_NPM] },
    {
      name: 'pnpm -r publish with a lodash value kept as a variable',
      files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'pnpm -r publish --no-git-checks --tag ${nextRelease.channel}' })]) },
      matches: ['pnpm publish (publishCmd of @semantic-release/exec in .releaserc.json) certain via .releaserc.json @0-20'],
    },
    {
      name: 'a shell script it runs (analogjs/analog `./tools/publish.sh`): read, never run, a guess',
      files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: './tools/publish.sh' })]), 'tools/publish.sh': '#!/bin/bash\nnpm publish packages/widget --tag latest\n' },
      matches: ['npm publish (publishCmd of @semantic-release/exec in .releaserc.json) heuristic via .releaserc.json>tools/publish.sh @0-20'],
    },
    {
      name: 'a JavaScript configuration read as text (release.config.cjs)',
      files: { 'release.config.cjs': `module.exports = {\n  branches: ['main'],\n  plugins: [\n    ${NPM_OFF},\n    ['@semantic-release/exec', { publishCmd: 'npm publish --tag <%= nextRelease.channel %>' }],\n  ],\n};\n` },
      // Its literal `npmPublish: false` is read too: the exec publish alone.
      matches: ['npm publish (publishCmd of @semantic-release/exec in release.config.cjs) certain via release.config.cjs @0-20'],
    },
    {
      name: 'YAML `.releaserc`, the root `publishCmd` every plugin reads',
      files: { '.releaserc': 'plugins:\n  - "@semantic-release/exec"\npublishCmd: yarn npm publish\n' },
      matches: ['yarn npm publish (publishCmd of @semantic-release/exec in .releaserc) certain via .releaserc @0-20'],
    },
    {
      name: 'package.json `release`, run through a script',
      files: { 'package.json': JSON.stringify({ name: 'w', release: { plugins: [exec({ publishCmd: 'npm publish' })] } }) },
      script: 'npm run release',
      ctx: { scripts: { release: 'semantic-release' } },
      matches: ['npm publish (publishCmd of @semantic-release/exec in package.json) certain via release>package.json @0-15'],
    },
    {
      // Shopify/react-native-skia: `${nextRelease.channel || 'latest'}`, a value computed in the template.
      name: 'a lodash interpolation holding an expression: a value, the publish still read',
      files: { '.releaserc': JSON.stringify({ plugins: [['semantic-release-yarn', { npmPublish: false }], exec({ publishCmd: "cd dist && npm publish *.tgz --provenance --access public --tag ${nextRelease.channel || 'latest'}" })] }) },
      matches: ['npm publish (publishCmd of @semantic-release/exec in .releaserc) certain via .releaserc @0-20'],
    },
    {
      name: 'control: `<% code %>` beside an interpolation holding an expression stays unread',
      files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: "<% if (x) { %>npm publish --tag ${a || 'b'}<% } %>" })]) },
      matches: [],
    },
    { name: 'two exec entries: each command', files: { '.releaserc.json': releaserc([exec({ publishCmd: 'npm publish' }), exec({ publishCmd: 'npm publish' })]) }, matches: [EXEC_NPM, EXEC_NPM] },
    // semantic-release's `publish` step key names the publish step's entries in place of `plugins` (snyk/snyk-broker-config).
    {
      name: 'the `publish` step key of a JavaScript configuration (snyk/snyk-broker-config)',
      files: { 'release.config.mjs': "export default {\n  branches: ['main'],\n  publish: [\n    ['@semantic-release/npm', { npmPublish: false }],\n    ['@semantic-release/exec', { publishCmd: 'npm publish' }],\n  ],\n};\n" },
      matches: ['npm publish (publishCmd of @semantic-release/exec in release.config.mjs) certain via release.config.mjs @0-20'],
    },
    { name: 'the `publish` step key of a data configuration', files: { '.releaserc.json': JSON.stringify({ publish: [['@semantic-release/npm', { npmPublish: false }], exec({ publishCmd: 'npm publish' })] }) }, matches: [EXEC_NPM] },
    { name: 'the `publish` step key beside `plugins`: the step key\'s entries run', files: { '.releaserc.json': releaserc(['@semantic-release/github'], { publish: [...SKIPPED, exec({ publishCmd: 'npm publish' })] }) }, matches: [EXEC_NPM] },
    { name: 'a `publish` map without `path` adds its `publishCmd` to the exec entry of `plugins`', files: { '.releaserc.json': releaserc([...SKIPPED, '@semantic-release/exec'], { publish: { publishCmd: 'npm publish' } }) }, matches: [EXEC_NPM] },
    {
      name: 'a JavaScript `publish` map without `path` over the exec entry\'s own `publishCmd`',
      files: { 'release.config.cjs': "module.exports = { plugins: [['@semantic-release/npm', { npmPublish: false }], ['@semantic-release/exec', { publishCmd: 'echo skip' }]], publish: { publishCmd: 'npm publish' } };\n" },
      matches: ['npm publish (publishCmd of @semantic-release/exec in release.config.cjs) certain via release.config.cjs @0-20'],
    },
    { name: 'exec in `plugins`, but the `publish` step key without it: its publishCmd does not run', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'npm publish' })], { publish: ['@semantic-release/github'] }) }, matches: [] },
    { name: 'control: exec only under `prepare`: no publishCmd runs', files: { '.releaserc.json': releaserc(SKIPPED, { prepare: [exec({ publishCmd: 'npm publish' })] }) }, matches: [] },
    { name: '`publish: false` runs nothing in the publish step', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'npm publish' })], { publish: false }) }, matches: [] },
    { name: 'control: `publish: null` leaves the plugins\' publish step', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'npm publish' })], { publish: null }) }, matches: [EXEC_NPM] },
    { name: 'a `publish` map with `execCwd` is not read', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: 'npm publish' })], { publish: { execCwd: 'dist' } }) }, matches: [SR] },
    // Controls: what was found before stays.
    { name: 'control: no exec plugin, npm off: nothing', files: { '.releaserc.json': releaserc(SKIPPED) }, matches: [] },
    { name: 'control: no exec plugin, npm on: the plugin', files: { '.releaserc.json': releaserc(['@semantic-release/npm']) }, matches: [SR] },
    { name: 'control: exec without publishCmd', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ prepareCmd: 'npm publish' })]) }, matches: [] },
    { name: 'control: a publishCmd that only runs echo', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'echo ${nextRelease.version}' })]) }, matches: [] },
    // spartan-ng/spartan: a publishCmd tp-doctor cannot follow to a known publisher is still the release's publish, a guess.
    { name: 'a publishCmd running a JavaScript file not committed: a guess', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'node tools/publish.mjs' })]) }, matches: [unreadExec('node tools/publish.mjs')] },
    { name: 'a publishCmd running a shell script not committed: a guess', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: './scripts/publish.sh' })]) }, matches: [unreadExec('./scripts/publish.sh')] },
    {
      name: 'a publishCmd running a package.json script that runs what tp-doctor cannot read (spartan-ng/spartan): a guess',
      files: { 'release.config.mjs': "export default { plugins: [['@semantic-release/exec', { prepareCmd: 'pnpm run bump', publishCmd: 'TAG=${nextRelease.channel} pnpm run release' }]] };\n" },
      ctx: { scripts: { release: 'pnpm run release-ui', 'release-ui': 'tsx tools/release.ts --tag $TAG', bump: 'node tools/bump.js' } },
      matches: ['TAG=${nextRelease.channel} pnpm run release (publishCmd of @semantic-release/exec in release.config.mjs, runs an unrecognised command) heuristic via release.config.mjs @0-20'],
    },
    { name: 'npm plugin still publishing: the unread publishCmd is no guess beside it', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: './scripts/publish.sh' })]) }, matches: [SR] },
    { name: 'a recognised publishCmd beside an unread one: the recognised one alone', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: './scripts/upload.sh' }), exec({ publishCmd: 'npm publish' })]) }, matches: [EXEC_NPM] },
    { name: 'control: an unread prepareCmd is no publish', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ prepareCmd: './scripts/publish.sh' })]) }, matches: [] },
    { name: 'control: a publishCmd that pushes an image', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'docker push acme/widget:${nextRelease.version}' })]) }, matches: [] },
    { name: 'control: a publishCmd of another ecosystem', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: 'python scripts/publish.py' })]) }, matches: [] },
    { name: 'control: a publishCmd naming another destination', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: './scripts/publish-docs.sh' })]) }, matches: [] },
    { name: 'control: a publishCmd that dry-runs', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: './scripts/publish.sh --dry-run' })]) }, matches: [] },
    { name: 'control: a publishCmd running a committed script that publishes nothing', files: { '.releaserc.json': releaserc([...SKIPPED, exec({ publishCmd: './scripts/publish.sh' })]), 'scripts/publish.sh': '#!/bin/sh\necho "$1"\n' }, matches: [] },
    { name: 'control: a dry run publishes nothing', files: { '.releaserc.json': releaserc([exec({ publishCmd: 'npm publish' })]) }, script: 'npx semantic-release --dry-run', matches: [] },
    { name: 'control: `<% code %>` is not read', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: '<% if (x) { %>npm publish<% } %>' })]) }, matches: [SR] },
    { name: 'control: `execCwd` is not read', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: 'npm publish', execCwd: 'dist' })]) }, matches: [SR] },
    { name: 'control: `--extends` on the command line', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: 'npm publish' })]) }, script: 'semantic-release -e ./x.js', matches: ['semantic-release certain via  @0-26'] },
    {
      name: 'control: a JavaScript publishCmd held in a variable',
      files: { 'release.config.js': "const cmd = 'npm publish';\nmodule.exports = { plugins: ['@semantic-release/npm', ['@semantic-release/exec', { publishCmd: cmd }]] };\n" },
      matches: [SR],
    },
    {
      name: 'control: a JavaScript options object with a spread',
      files: { 'release.config.js': "module.exports = { plugins: ['@semantic-release/npm', ['@semantic-release/exec', { ...base, publishCmd: 'npm publish' }]] };\n" },
      matches: [SR],
    },
    {
      // Its plugins are not read: whether @semantic-release/npm runs is a guess.
      name: 'control: a TypeScript configuration is not read',
      files: { 'release.config.ts': "export default { plugins: [['@semantic-release/exec', { publishCmd: 'npm publish' }]] };\n" },
      matches: ['semantic-release (if its plugins include @semantic-release/npm: release.config.ts cannot be read) heuristic via  @0-20'],
    },
    { name: 'control: without the files (no `toolConfig`)', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: 'npm publish' })]) }, ctx: { toolConfig: undefined }, matches: [SR] },
    { name: 'control: multi-semantic-release is not read', files: { '.releaserc.json': releaserc(['@semantic-release/npm', exec({ publishCmd: 'npm publish' })]) }, script: 'multi-semantic-release', matches: ['multi-semantic-release certain via  @0-22'] },
  ];

  it.each(cases)('$name', ({ files, script, ctx, matches }) => {
    expect(summary(script ?? 'npx semantic-release', inRepo(files, ctx))).toEqual(matches);
  });

  it('keeps the command and where the configuration writes it', () => {
    const text = `module.exports = {\n  plugins: [\n    ['@semantic-release/exec', {\n      publishCmd: \`npm publish --tag \${'\${nextRelease.channel}'}\`,\n    }],\n  ],\n};\n`;
    const files = { 'release.config.mjs': text.replace("${'${nextRelease.channel}'}", '\\${nextRelease.channel}') };
    // Its `plugins` leave out @semantic-release/npm: the exec publish is the only one.
    const [match, ...rest] = analyzeScript('semantic-release', inRepo(files)).matches;
    expect(rest).toEqual([]);
    // It runs where semantic-release runs (`startDir`), the publish at the start of the line (`publishAt`).
    expect(match?.via).toEqual([
      { script: 'release.config.mjs', command: 'npm publish --tag ${nextRelease.channel}', at: { file: 'release.config.mjs', start: { line: 4, column: 19 }, end: { line: 4, column: 62 } }, startDir: '', option: 'publishCmd of @semantic-release/exec', publishAt: { offset: 0, end: 40 } },
    ]);
    expect(match?.args).toEqual(['--tag', '${nextRelease.channel}']);
  });

  it('reads the flags around a computed value, which is a tag tp-doctor cannot read', () => {
    const publishCmd = "npm publish --provenance --access public --tag ${nextRelease.channel || 'latest'} --registry <%= a ? b : c %>";
    const files = { '.releaserc.json': releaserc([exec({ publishCmd })]) };
    const [match, ...rest] = analyzeScript('semantic-release', inRepo(files)).matches;
    expect(rest).toEqual([]);
    expect(match?.confidence).toBe('certain');
    expect(match?.args).toEqual(['--provenance', '--access', 'public', '--tag', TEMPLATE_VALUE, '--registry', TEMPLATE_VALUE]);
    expect(match?.flags).toEqual({ provenance: true, access: 'public', tag: TEMPLATE_VALUE, registry: TEMPLATE_VALUE });
  });
});

describe('templateCommand: the release\'s values as variables', () => {
  const cases: { text: string; want: string | undefined }[] = [
    { text: 'npm publish', want: 'npm publish' },
    { text: 'npm publish --tag ${nextRelease.channel}', want: 'npm publish --tag ${nextRelease.channel}' },
    { text: 'npm publish --tag ${ nextRelease.channel }', want: 'npm publish --tag ${nextRelease.channel}' },
    { text: 'npm version <%= nextRelease.version %> && npm publish <%- x %>', want: 'npm version ${nextRelease.version} && npm publish ${x}' },
    { text: '<% if (a) { %>npm publish<% } %>', want: undefined },
    // A value computed in the template (Shopify/react-native-skia): a placeholder word, the rest read.
    { text: "npm publish *.tgz --tag ${nextRelease.channel || 'latest'}", want: `npm publish *.tgz --tag ${TEMPLATE_VALUE}` },
    { text: 'npm publish ${a ? "x" : "y"}', want: `npm publish ${TEMPLATE_VALUE}` },
    { text: 'npm publish --tag ${ f(nextRelease.version) }', want: `npm publish --tag ${TEMPLATE_VALUE}` },
    { text: "npm publish --tag <%= nextRelease.channel || 'latest' %> && echo <%- x %>", want: `npm publish --tag ${TEMPLATE_VALUE} && echo \${x}` },
    { text: 'npm publish --tag "${nextRelease.channel ?? "latest"}"', want: `npm publish --tag "${TEMPLATE_VALUE}"` },
    // What lodash would not compile, or tp-doctor cannot pass over: unread as before.
    { text: 'npm publish ${ {a: 1}.a }', want: undefined },
    { text: 'npm publish ${`x${y}`}', want: undefined },
    { text: "npm publish ${a || 'b}", want: undefined },
    { text: 'npm publish ${a \\} b}', want: undefined },
    { text: 'npm publish ${ }', want: undefined },
    { text: 'npm publish ${unclosed', want: undefined },
    { text: 'npm publish <%= unclosed', want: undefined },
  ];
  it.each(cases)('$text', ({ text, want }) => {
    expect(templateCommand([{ text }])).toBe(want);
  });

  // A hang catcher, not a speed target (bench/hostile.mjs measures): quadratic or worse work on these inputs runs for minutes.
  it('stays linear on long runs of delimiters', { timeout: 60_000 }, () => {
    expect(templateCommand([{ text: '${'.repeat(50_000) }])).toBeUndefined();
    expect(templateCommand([{ text: '<%='.repeat(50_000) }])).toBeUndefined();
    expect(templateCommand([{ text: '${a}'.repeat(20_000) }])).toBe('${a}'.repeat(20_000));
    expect(templateCommand([{ text: `${'${a}'.repeat(20_000)}<%= b %>` }])).toBe(`${'${a}'.repeat(20_000)}\${b}`);
  });
});

describe('literalObject: the literals of an exported object', () => {
  const read = (text: string): unknown => {
    const object = exportedObject(text);
    return object && plain(literalObject(object));
  };
  /** A value as plain data: texts as strings, `other` as null. */
  const plain = (v: JsValue): unknown => {
    if (v.kind === 'text') return v.parts.map((p) => ('text' in p ? p.text : `\${${p.expr}}`)).join('');
    if (v.kind === 'array') return v.items.map(plain);
    if (v.kind === 'object') return Object.fromEntries([...v.props].map(([k, x]) => [k, plain(x)]));
    if (v.kind === 'boolean') return v.value;
    return null;
  };
  const cases: { name: string; text: string; want: unknown }[] = [
    { name: 'nested arrays and objects', text: "module.exports = { a: ['x', ['y', { 'b': `z` }]], };", want: { a: ['x', ['y', { b: 'z' }]] } },
    { name: 'numbers, variables, calls are other; booleans are read', text: 'module.exports = { a: 1, b: true, c: x, d: f(1), e: [g()], f: false, g: !true, h: true && x };', want: { a: null, b: true, c: null, d: null, e: [null], f: false, g: null, h: null } },
    { name: 'an expression built on a literal is other', text: "export default { a: 'x' + y, b: ['x'].concat(z), c: 'ok' };", want: { a: null, b: null, c: 'ok' } },
    { name: 'holes and spreads in an array', text: "module.exports = { a: [, 'x', ...rest] };", want: { a: [null, 'x', null] } },
    { name: 'the last of a key written twice', text: "module.exports = { a: 'x', a: 'y' };", want: { a: 'y' } },
    { name: 'an object with a method, a shorthand or a computed key is other', text: "module.exports = { a: { m() { return 1; } }, b: { s }, c: { [k]: 'v' }, d: 'ok' };", want: { a: null, b: null, c: null, d: 'ok' } },
    { name: 'deeper than MAX_LITERAL_DEPTH is other', text: `module.exports = { a: ${'['.repeat(MAX_LITERAL_DEPTH + 2)}${']'.repeat(MAX_LITERAL_DEPTH + 2)}, b: 'ok' };`, want: 'deep' },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    const got = read(text) as Record<string, unknown>;
    if (want === 'deep') {
      let v: unknown = got.a;
      let depth = 1;
      while (Array.isArray(v)) {
        v = v[0];
        depth++;
      }
      expect(v).toBeNull();
      expect(depth).toBe(MAX_LITERAL_DEPTH);
      expect(got.b).toBe('ok');
    } else expect(got).toEqual(want);
  });

  it('never throws on random pieces of object text', () => {
    const pieces = ['{', '}', '[', ']', '(', ')', ',', ':', '...', 'a', "'s'", '`t${x}`', '1', '=>', 'f', ';', '\n'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const body = Array.from({ length: next() % 40 }, () => pieces[next() % pieces.length]).join(' ');
      expect(() => read(`module.exports = { ${body} };`)).not.toThrow();
    }
  });

  it('reads a deep or long file in bounded time', { timeout: 60_000 }, () => {
    expect(read(`module.exports = { a: ${'['.repeat(50_000)}${']'.repeat(50_000)} };`)).toEqual({ a: expect.anything() });
    expect(read(`module.exports = { a: [${"'x', ".repeat(50_000)}] };`)).toEqual({ a: Array.from({ length: 50_000 }, () => 'x') });
  });
});

describe('a whole lint: the tool in publishCmd is checked like one in the step', () => {
  const files = (publishCmd: string): Record<string, string> =>
    releaseRepo(setupNodeWorkflow('          node-version: 24\n', '      - run: npx semantic-release\n'), {
      'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', packageManager: 'yarn@1.22.22' }),
      '.releaserc.yml': `plugins:\n  - - "@semantic-release/npm"\n    - npmPublish: false\n  - - "@semantic-release/exec"\n    - publishCmd: ${publishCmd}\n`,
    });

  it('Yarn 1 in publishCmd: the error, naming the publishCmd', async () => {
    const found = await lintFiles(files('yarn publish --non-interactive'), { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['never@error 14']);
    expect(found[0]?.related.map((r) => `${r.file}:${r.start.line} ${r.label}`)).toContain('.releaserc.yml:5 `yarn publish --non-interactive` is written here');
  });

  it('control: a publishCmd that only runs echo: nothing', async () => {
    expect(await lintFiles(files('echo done'), { rule: 'publish-tool-supports-oidc' })).toEqual([]);
  });
});
