import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { MAX_MISE_DEPTH, MAX_MISE_ENVS } from '../core/limits.js';
import { miseFileTools, miseToolsAt, readMiseFile, type MiseTool, type MiseTools } from './mise-config.js';
import { miseTomlTools } from './mise-toml.js';

/** A tool as `spec @line:col-line:col (key)`, or `unknown: <why>`, or `-` when absent. */
function show(tool: MiseTool | undefined): string {
  if (tool === undefined) return '-';
  if ('unknown' in tool) return `unknown: ${tool.unknown}`;
  return `${tool.spec} @${tool.at.start.line}:${tool.at.start.column}-${tool.at.end.line}:${tool.at.end.column} (${tool.key})`;
}

function tools(file: string, text: string): { node: string; npm: string } {
  const t = miseFileTools(file, text);
  return { node: show(t.node), npm: show(t.npm) };
}

describe('miseFileTools: the forms of a mise.toml tool', () => {
  const cases: [string, string, { node: string; npm: string }][] = [
    ['inline string', '[tools]\nnode = "22.14.0"\n', { node: '22.14.0 @2:9-2:16 (node)', npm: '-' }],
    ['literal string and a comment', "[tools] # tools\nnode = '24' # the LTS\n", { node: '24 @2:9-2:11 (node)', npm: '-' }],
    // apollographql/rover's mise.toml.
    ['rover: `"npm:npm"` beside node', '[tools]\nnode = "24.19.0"\n"npm:npm" = "12.0.2"\n', { node: '24.19.0 @2:9-2:16 (node)', npm: '12.0.2 @3:14-3:20 (npm:npm)' }],
    // chrisdoc/hevy-mcp's mise.toml.
    ['hevy-mcp: the short `npm`', '[tools]\nnode = "24"\nnpm = "12.0.2"\n', { node: '24 @2:9-2:11 (node)', npm: '12.0.2 @3:8-3:14 (npm)' }],
    ["the registry's aqua backend", '[tools]\n"aqua:npm/cli" = "11.6.2"\n', { node: '-', npm: '11.6.2 @2:19-2:25 (aqua:npm/cli)' }],
    ['`[tools.node]` table', '[tools.node]\nversion = "22"\n', { node: '22 @2:12-2:14 (node)', npm: '-' }],
    ['`[tools."npm:npm"]` table', '[tools."npm:npm"]\nversion = "11.6.2"\n', { node: '-', npm: '11.6.2 @2:12-2:18 (npm:npm)' }],
    ['inline table', '[tools]\nnode = { version = "22", postinstall = "corepack enable" }\n', { node: '22 @2:21-2:23 (node)', npm: '-' }],
    ['dotted key under [tools]', '[tools]\nnode.version = "20"\n', { node: '20 @2:17-2:19 (node)', npm: '-' }],
    ['dotted key at the top', 'tools.node = "20"\n', { node: '20 @1:15-1:17 (node)', npm: '-' }],
    ['a list: the first is the default', '[tools]\nnode = ["24", "22"]\n', { node: '24 @2:10-2:12 (node)', npm: '-' }],
    ['a list over several lines, a table first', '[tools]\nnode = [\n  { version = "22" },\n  "20",\n]\n', { node: '22 @3:16-3:18 (node)', npm: '-' }],
    ['the `nodejs` alias and `core:node`', '[tools]\nnodejs = "20"\n', { node: '20 @2:11-2:13 (nodejs)', npm: '-' }],
    ['`prefix:` and `lts`', '[tools]\nnode = "lts"\nnpm = "prefix:11"\n', { node: 'lts/* @2:9-2:12 (node)', npm: '11 @3:8-3:17 (npm)' }],
    ['`lts-<codename>`', '[tools]\nnode = "lts-jod"\n', { node: 'lts/jod @2:9-2:16 (node)', npm: '-' }],
    // Controls: a `node` key of another table, and a tool named like node, are not the tool.
    ['control: `[env]` and `[tasks]` are not tools', '[env]\nnode = "18"\n[tasks.node]\nrun = "node x"\n[tools]\nnodemon = "3"\n', { node: '-', npm: '-' }],
    ['control: an array of tables ends [tools]', '[tools]\nnode = "24"\n[[hooks]]\nnpm = "10"\n', { node: '24 @2:9-2:11 (node)', npm: '-' }],
    ['an empty list installs nothing', '[tools]\nnode = []\n', { node: '-', npm: '-' }],
    // review400 A4: the same table as `[tools]`, written inline at the top.
    ['`tools = { … }` at the top', 'tools = { node = "24.10.0", "npm:npm" = "11.6.2" }\n', { node: '24.10.0 @1:19-1:26 (node)', npm: '11.6.2 @1:42-1:48 (npm:npm)' }],
    ['`tools = { … }` with a table and a dotted key', 'tools = { node = { version = "22" }, npm.version = "11" }\n', { node: '22 @1:31-1:33 (node)', npm: '11 @1:53-1:55 (npm)' }],
    ['control: `tools = { … }` under another table is not the tools', '[settings]\ntools = { node = "24" }\n', { node: '-', npm: '-' }],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(tools('mise.toml', text)).toEqual(expected);
  });
});

describe('miseFileTools: forms it does not read are unknown, never skipped', () => {
  const cases: [string, string, RegExp, 'node' | 'npm'][] = [
    ['a number', '[tools]\nnode = 22\n', /"mise\.toml" sets `node = 22`, not a string, which mise rejects/, 'node'],
    ['a table without version', '[tools.node]\npostinstall = "x"\n', /gives `node` no `version`/, 'node'],
    ['an `os` restriction', '[tools]\nnode = { version = "22", os = ["linux"] }\n', /only on the systems its `os` option lists/, 'node'],
    ['a template', '[tools]\nnode = "{{ env.NODE }}"\n', /a template mise fills in/, 'node'],
    ['a git ref', '[tools]\nnode = "ref:main"\n', /asks mise for node "ref:main", which tp-doctor does not read/, 'node'],
    ['an npm range mise does not match', '[tools]\nnpm = "^11.5.1"\n', /matches as a version prefix, not as a range/, 'npm'],
    ['npm named twice with two versions', '[tools]\nnpm = "11.6.2"\n"npm:npm" = "12.0.2"\n', /names npm twice \(`npm` and `npm:npm`\)/, 'npm'],
    ['a file it cannot read as TOML', '[tools]\nnode = "24\n', /cannot read "mise\.toml" as TOML/, 'node'],
    ['`tools` as a string', 'tools = "node@24"\n', /cannot read "mise\.toml" as TOML \(it expected a table as the value of `tools`\)/, 'node'],
    ['`tools = { … }` and then `[tools]`', 'tools = { node = "24" }\n[tools]\nnpm = "11"\n', /it expected `tools` set twice/, 'npm'],
    ['`tools.x = …` and then `tools = { … }`', 'tools.python = "3"\ntools = { node = "24" }\n', /it expected `tools` set twice/, 'node'],
    ['`[[tools]]`', '[[tools]]\nnode = "24"\n', /it expected a table, not an array of tables, as `tools`/, 'node'],
    ['a key set twice (mise rejects the file)', '[tools]\nnode = "24"\n[tools.node]\nversion = "22"\n', /cannot read "mise\.toml" as TOML \(it expected `node` set twice\)/, 'node'],
  ];
  it.each(cases)('%s', (_name, text, reason, tool) => {
    expect(tools('mise.toml', text)[tool]).toMatch(reason);
  });

  it('control: the same version under both npm keys is one npm', () => {
    expect(tools('mise.toml', '[tools]\nnpm = "11.6.2"\n"npm:npm" = "11.6.2"\n').npm).toBe('11.6.2 @2:8-2:14 (npm)');
  });
});

describe('miseFileTools: .tool-versions as mise reads it', () => {
  it('reads `node`/`nodejs` and `npm` lines, the first version the default', () => {
    expect(tools('.tool-versions', 'python 3.12\nnodejs 24.5.0 22.14.0 # two\nnpm 11.6.2\n')).toEqual({ node: '24.5.0 @2:8-2:14 (nodejs)', npm: '11.6.2 @3:5-3:11 (npm)' });
  });
  it('control: a commented line and a line without a version are not tools', () => {
    expect(tools('.tool-versions', '# node 18\nnode\n')).toEqual({ node: '-', npm: '-' });
  });
});

describe('miseToolsAt: which file wins', () => {
  const at = (files: Record<string, string>, dir = '', envs: string[] = []): { node: string; npm: string } => {
    const fs = new MemoryFs(files);
    const t: MiseTools = miseToolsAt(fs, dir, envs, (f) => readMiseFile(fs, f));
    return { node: show(t.node) + (t.node && 'file' in t.node ? ` in ${t.node.file}` : ''), npm: show(t.npm) + (t.npm && 'file' in t.npm ? ` in ${t.npm.file}` : '') };
  };

  it('mise.toml before .tool-versions, per tool: the npm of a lower file still counts', () => {
    expect(at({ 'mise.toml': '[tools]\nnode = "24"\n', '.tool-versions': 'nodejs 20\nnpm 11.6.2\n' })).toEqual({ node: '24 @2:9-2:11 (node) in mise.toml', npm: '11.6.2 @2:5-2:11 (npm) in .tool-versions' });
  });

  it('.mise.toml wins over mise.toml, and mise.local.toml over both', () => {
    expect(at({ 'mise.toml': '[tools]\nnode = "20"\n', '.mise.toml': '[tools]\nnode = "22"\n' }).node).toBe('22 @2:9-2:11 (node) in .mise.toml');
    expect(at({ 'mise.toml': '[tools]\nnode = "20"\n', 'mise.local.toml': '[tools]\nnode = "24"\n' }).node).toBe('24 @2:9-2:11 (node) in mise.local.toml');
  });

  it('mise/config.toml wins over .config/mise.toml; conf.d files the later name first', () => {
    expect(at({ '.config/mise.toml': '[tools]\nnode = "20"\n', 'mise/config.toml': '[tools]\nnode = "22"\n' }).node).toBe('22 @2:9-2:11 (node) in mise/config.toml');
    expect(at({ '.config/mise.toml': '[tools]\nnode = "20"\n', '.mise/conf.d/a.toml': '[tools]\nnode = "22"\n', '.mise/conf.d/b.toml': '[tools]\nnode = "24"\n' }).node).toBe('24 @2:9-2:11 (node) in .mise/conf.d/b.toml');
  });

  it('`tools = { … }` wins over .tool-versions; an unread `tools` is unknown, not the lower file (review400 A4)', () => {
    expect(at({ 'mise.toml': 'tools = { node = "24.10.0" }\n', '.tool-versions': 'nodejs 22.10.0\n' }).node).toBe('24.10.0 @1:19-1:26 (node) in mise.toml');
    expect(at({ 'mise.toml': 'tools = "node"\n', '.tool-versions': 'nodejs 22.10.0\n' }).node).toMatch(/^unknown: tp-doctor cannot read "mise\.toml" as TOML/);
  });

  it('a form it does not read in the winning file is unknown, not the lower file', () => {
    expect(at({ 'mise.toml': '[tools]\nnode = "ref:main"\n', '.tool-versions': 'nodejs 20\n' }).node).toMatch(/^unknown: "mise\.toml" asks mise for node "ref:main"/);
  });

  it('a working directory reads its own files, then those above it', () => {
    const files = { 'mise.toml': '[tools]\nnode = "20"\nnpm = "11.6.2"\n', 'web/mise.toml': '[tools]\nnode = "24"\n' };
    expect(at(files, 'web')).toEqual({ node: '24 @2:9-2:11 (node) in web/mise.toml', npm: '11.6.2 @3:8-3:14 (npm) in mise.toml' });
    // Control: from the root, the subdirectory's file is not read.
    expect(at(files).node).toBe('20 @2:9-2:11 (node) in mise.toml');
  });

  it('`MISE_ENV` files win over the usual ones; without it they are not read', () => {
    const files = { 'mise.toml': '[tools]\nnode = "20"\n', 'mise.ci.toml': '[tools]\nnode = "24"\n' };
    expect(at(files, '', ['ci']).node).toBe('24 @2:9-2:11 (node) in mise.ci.toml');
    expect(at(files).node).toBe('20 @2:9-2:11 (node) in mise.toml');
  });
});

describe('miseToolsAt: bounded walk (review400 B2)', () => {
  const files = { 'mise.toml': '[tools]\nnode = "20"\n', 'mise.ci.toml': '[tools]\nnode = "24"\n' };
  const node = (dir: string, envs: string[] = []): string => {
    const fs = new MemoryFs(files);
    return show(miseToolsAt(fs, dir, envs, (f) => readMiseFile(fs, f)).node);
  };

  it(`a directory more than ${MAX_MISE_DEPTH} levels deep: unknown, with the reason`, () => {
    expect(node(Array(MAX_MISE_DEPTH + 1).fill('a').join('/'))).toMatch(new RegExp(`^unknown: mise reads the configuration files of "a/a/.*" and of each directory above it, ${MAX_MISE_DEPTH + 1} levels, more than the ${MAX_MISE_DEPTH} tp-doctor reads$`));
    expect(node(Array(8000).fill('a').join('/'))).toMatch(/8000 levels, more than/);
  });
  it(`control: ${MAX_MISE_DEPTH} levels are read, up to the root`, () => {
    expect(node(Array(MAX_MISE_DEPTH).fill('a').join('/'))).toBe('20 @2:9-2:11 (node)');
  });

  it(`more than ${MAX_MISE_ENVS} distinct \`MISE_ENV\` environments: unknown, with the reason`, () => {
    const envs = Array.from({ length: MAX_MISE_ENVS + 1 }, (_, i) => `e${i}`);
    expect(node('', envs)).toBe(`unknown: \`MISE_ENV\` names ${MAX_MISE_ENVS + 1} environments, each with its own configuration files, more than the ${MAX_MISE_ENVS} tp-doctor reads`);
  });
  it('control: a repeated environment counts once, and its files are still read', () => {
    expect(node('', [...Array(20_000).fill('ci'), ...Array.from({ length: MAX_MISE_ENVS - 1 }, (_, i) => `e${i}`)])).toBe('24 @2:9-2:11 (node)');
  });
});

describe('miseTomlTools', () => {
  it('keeps the tools of [tools] in the order written, and nothing else', () => {
    const read = miseTomlTools('[settings]\nexperimental = true\n[tools]\npython = "3.12"\n"npm:npm" = "12"\n[tasks.build]\nrun = ["a", "b"]\n');
    expect('invalid' in read ? read : read.map((t) => t.key)).toEqual(['python', 'npm:npm']);
  });
  it('is invalid, not read in part, for text it cannot follow', () => {
    expect(miseTomlTools('[tools]\nnode = ["24",\n')).toHaveProperty('invalid');
    expect(miseTomlTools('[tools\nnode = "24"\n')).toHaveProperty('invalid');
    expect(miseTomlTools(`[tools]\nnode = ${'['.repeat(40)}${']'.repeat(40)}\n`)).toHaveProperty('invalid');
  });
});
