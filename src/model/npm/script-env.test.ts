import { describe, expect, it } from 'vitest';
import { analyzeScript } from './publish-commands.js';

/** The publishes `npm run release` reaches with these scripts: tool, flags read, and what the scripts set for it. */
function reached(scripts: Record<string, string>): unknown[] {
  return analyzeScript('npm run release', { scripts }).matches.map((m) => ({ tool: m.tool, confidence: m.confidence, scriptEnv: m.scriptEnv }));
}

describe('a `package.json` script that sets variables before its tool', () => {
  it.each([
    ['HUSKY=0 semantic-release', 'semantic-release', [{ name: 'HUSKY', value: '0', script: 'release' }]],
    ['cross-env NODE_ENV=production npm publish', 'npm', [{ name: 'NODE_ENV', value: 'production', script: 'release' }]],
    ['NPM_CONFIG_PROVENANCE=true npm publish', 'npm', [{ name: 'NPM_CONFIG_PROVENANCE', value: 'true', script: 'release' }]],
    ['env FOO=bar A=b npm publish', 'npm', [{ name: 'FOO', value: 'bar', script: 'release' }, { name: 'A', value: 'b', script: 'release' }]],
    ['npx cross-env NPM_CONFIG_REGISTRY=x npm publish', 'npm', [{ name: 'NPM_CONFIG_REGISTRY', value: 'x', script: 'release' }]],
  ])('%s: recognised as without them, with what they set', (script, tool, scriptEnv) => {
    expect(reached({ release: script })).toEqual([{ tool, confidence: 'certain', scriptEnv }]);
  });

  it('through a script another one runs, outermost first', () => {
    expect(reached({ release: 'A=1 npm run pub', pub: 'B=2 npm publish' })).toEqual([
      { tool: 'npm', confidence: 'certain', scriptEnv: [{ name: 'A', value: '1', script: 'release' }, { name: 'B', value: '2', script: 'pub' }] },
    ]);
  });

  it('not what a sibling command sets, nor the CI file\'s own command (its sites read that)', () => {
    expect(reached({ release: 'A=1 npm run build && npm publish', build: 'tsc' })).toEqual([{ tool: 'npm', confidence: 'certain', scriptEnv: undefined }]);
    expect(analyzeScript('A=1 npm publish').matches[0]?.scriptEnv).toBeUndefined();
  });
});
