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
  ])('%s', (script) => {
    expect(analyzeScript(script)).toEqual({ matches: [], unread: [] });
  });

  it('an unknown program named otherwise still is one', () => {
    expect(analyzeScript('./other-publisher publish').unread.map((u) => u.text)).toEqual(['./other-publisher publish']);
  });
});
