/**
 * Bins that publish somewhere other than npm (src/model/data/publish-tools.ts `NEVER_PUBLISHES`)
 * are no possible npm publish, however their subcommand is named, whatever path runs them.
 */
import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';

describe('publishers to other places are no possible npm publish', () => {
  it.each([
    // ChromeDevTools/chrome-devtools-mcp: the MCP Registry's documented recipe.
    './mcp-publisher publish',
    './mcp-publisher login github-oidc',
    'mcp-publisher publish --registry https://registry.modelcontextprotocol.io',
    'npx pkg-pr-new publish',
    // sbroenne/mcp-server-excel: the Windows binary, by path, in a pwsh step.
    './mcp-publisher.exe login github-oidc',
    '../../../mcp-publisher.exe publish',
    'mcp-publisher.EXE publish',
    'mcp-publisher.cmd publish',
  ])('%s', (script) => {
    expect(analyzeScript(script)).toEqual({ matches: [], unread: [] });
  });

  it('an unknown program named otherwise still is one', () => {
    expect(analyzeScript('./other-publisher publish').unread.map((u) => u.text)).toEqual(['./other-publisher publish']);
    expect(analyzeScript('./other-publisher.exe publish').unread.map((u) => u.text)).toEqual(['./other-publisher.exe publish']);
    // Only a trailing executable suffix is dropped: `mcp-publisher.exe.old` is another program.
    expect(analyzeScript('./mcp-publisher.exe.old publish').unread.map((u) => u.text)).toEqual(['./mcp-publisher.exe.old publish']);
  });

  it('a Windows suffix does not hide a publish tool, and a node script is still read as one', () => {
    expect(analyzeScript('npm.cmd publish').matches.map((m) => m.recognizer)).toEqual(['npm-publish']);
    expect(analyzeScript('C:/hostedtoolcache/node/npm.CMD publish --provenance').matches.map((m) => m.recognizer)).toEqual(['npm-publish']);
    expect(analyzeScript('node.exe ./node_modules/semantic-release/bin/semantic-release.js').matches.map((m) => m.tool)).toEqual(['semantic-release']);
  });
});
