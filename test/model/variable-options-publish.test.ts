/**
 * survey910b M3 (Kong/public-ui-components: `pnpm $filterStr publish --no-git-checks`): a shell
 * variable's whole word between a package manager and its publish subcommand holds options
 * (`--filter <name>` here): the command is still that tool's publish, its targets unknown with
 * every publishable package a candidate, as for a `--filter` holding a value. Bounded: only a whole
 * `$NAME`/`${NAME}` word directly before the subcommand.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';
import { lintFiles } from '../helpers.js';

const found = (script: string): string[] => analyzeScript(script).matches.map((m) => `${m.recognizer}@${m.confidence}`);

describe('a variable of options before the publish subcommand', () => {
  it.each<[string, string[]]>([
    ['pnpm $filterStr publish --no-git-checks', ['pnpm-publish@certain']],
    ['pnpm ${FLAGS} publish', ['pnpm-publish@certain']],
    ['pnpm "$FLAGS" publish', ['pnpm-publish@certain']],
    ['npm $ARGS publish --tag next', ['npm-publish@certain']],
    ['yarn $ARGS publish', ['yarn-publish@certain']],
  ])('%s', (script, want) => {
    expect(found(script)).toEqual(want);
  });

  it.each<[string, string[]]>([
    // The literal forms, as before.
    ['pnpm --filter @o/a publish', ['pnpm-publish@certain']],
    // Not a whole variable word, or not directly before the subcommand: as before.
    ['pnpm x$FLAGS publish', []],
    ['pnpm $FLAGS run publish', []],
    ['pnpm $A $B publish', []],
    ['echo $FLAGS publish', []],
    ['pnpm $(flags) publish', []],
    ['pnpm -C "$d" publish', ['pnpm-publish@certain']],
  ])('control: %s', (script, want) => {
    expect(found(script).filter((f) => !f.startsWith('unknown'))).toEqual(want);
  });
});

describe('its targets and the pnpm checks', () => {
  const files = (run: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'root', private: true, repository: { type: 'git', url: 'https://github.com/o/r' }, packageManager: 'pnpm@11.0.3' }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/a/package.json': JSON.stringify({ name: '@o/a', version: '1.0.0', repository: { type: 'git', url: 'https://github.com/o/r', directory: 'packages/a' } }),
    'packages/b/package.json': JSON.stringify({ name: '@o/b', version: '1.0.0', repository: { type: 'git', url: 'https://github.com/o/r', directory: 'packages/b' } }),
    '.github/workflows/release.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n          registry-url: https://registry.npmjs.org\n      - run: |\n          filterStr=$(echo "$V" | jq -r '.[]|"--filter "+.name')\n          ${run}\n`,
  });
  const site = (run: string): string => {
    const s = loadProject(new MemoryFs(files(run))).facts.sites[0];
    const list = s === undefined ? [] : s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s?.publish.match.tool} ${s?.certainty} ${s?.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  };

  it('pnpm, certain, every package a candidate', () => {
    expect(site('pnpm $filterStr publish --no-git-checks --access public')).toBe('pnpm certain unknown[@o/a,@o/b]');
  });

  it('control: a literal filter selects its package', () => {
    expect(site('pnpm --filter @o/a publish --no-git-checks')).toBe('pnpm certain single[@o/a]');
  });

  it('publish-tool-supports-oidc then sees pnpm 11.0.3 with the static token', async () => {
    const out = await lintFiles(files('pnpm $filterStr publish --no-git-checks'), { rule: 'publish-tool-supports-oidc' });
    expect(out.map((d) => d.messageId)).toEqual(['pnpmStaticToken']);
  });
});
