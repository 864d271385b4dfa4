/**
 * A committed file a job moves or copies over a project `.npmrc` before a publish
 * (src/model/npm/npmrc-swaps.ts): caido/sdk-js's "Publish internal" step runs `mv .npmrc .npmrc.pub;
 * mv .npmrc.github .npmrc` and then `pnpm publish`, which reads `.npmrc.github`'s
 * `@caido:registry=https://npm.pkg.github.com` and publishes to GitHub Packages, not npmjs. The
 * registry comes from the file moved there when the repository holds it, else it is unknown.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const GITHUB_NPMRC = '//npm.pkg.github.com/:_authToken=${NPM_TOKEN}\n\n@acme:registry=https://npm.pkg.github.com\n';
const BASE: Record<string, string> = {
  'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget' }),
  'packages/other/package.json': JSON.stringify({ name: '@acme/other', version: '1.0.0' }),
  '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
  '.npmrc.github': GITHUB_NPMRC,
  '.npmrc.npmjs': 'registry=https://registry.npmjs.org/\n',
};

const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');
const step = (run: string, extra = ''): string => `      - ${extra}run: |\n${indent(run, '          ')}\n`;
const workflow = (...steps: string[]): string => `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n${steps.join('')}`;

/** `registry setting` of each publish site. */
function registries(yml: string, files: Record<string, string> = {}): string[] {
  const p = loadProject(new MemoryFs({ ...BASE, ...files, '.github/workflows/release.yml': yml }));
  return p.facts.sites.map((s) => `${s.registry.registry}${s.registry.setting ? ` ${s.registry.setting.source}` : ''}`);
}

const SWAP = 'mv .npmrc .npmrc.pub\nmv .npmrc.github .npmrc';
const FROM_GITHUB = 'other `@acme:registry=` in `.npmrc.github` (moved over `.npmrc` by `mv .npmrc.github .npmrc`)';

describe('a committed file moved or copied over the project .npmrc', () => {
  const rows: [name: string, yml: string, want: string[]][] = [
    ['caido/sdk-js: `mv` swap, then `pnpm publish`', workflow(step(`${SWAP}\npnpm publish --no-git-checks`)), [FROM_GITHUB]],
    ['the npm CLI reads it too', workflow(step(`${SWAP}\nnpm publish`)), [FROM_GITHUB]],
    ['`cp` over it', workflow(step('cp .npmrc.github .npmrc\nnpm publish')), ['other `@acme:registry=` in `.npmrc.github` (moved over `.npmrc` by `cp .npmrc.github .npmrc`)']],
    ['in an earlier step', workflow(step(SWAP), step('npm publish')), [FROM_GITHUB]],
    ['the publish in a branch after the swap', workflow(step(`${SWAP}\nif [ -n "$BETA" ]; then\n  npm publish --tag beta\nfi`)), [FROM_GITHUB]],
    ['a file the repository does not hold: unknown', workflow(step('cp .npmrc.ci .npmrc\nnpm publish')), ['unknown the `.npmrc` of `.` (moved over `.npmrc` by `cp .npmrc.ci .npmrc`)']],
    ['a file from a variable: unknown', workflow(step('cp "$NPMRC" .npmrc\nnpm publish')), ['unknown the `.npmrc` of `.` (moved over `.npmrc` by `cp "$NPMRC" .npmrc`)']],
    ['a swap in a branch that may not have run: unknown', workflow(step(`if [ -n "$INTERNAL" ]; then\n  cp .npmrc.github .npmrc\nfi\nnpm publish`)), ['unknown the `.npmrc` of `.` (moved over `.npmrc` by `cp .npmrc.github .npmrc`)']],
    ['an earlier step that may be skipped: unknown', workflow(step('cp .npmrc.github .npmrc', "if: github.event_name == 'push'\n        "), step('npm publish')), ['unknown the `.npmrc` of `.` (moved over `.npmrc` by `cp .npmrc.github .npmrc`)']],
    // Controls: what npmjs stays.
    ['control: no swap', workflow(step('npm publish')), ['npmjs']],
    ['control: a copied file naming npmjs', workflow(step('cp .npmrc.npmjs .npmrc\nnpm publish')), ['npmjs `registry=` in `.npmrc.npmjs` (moved over `.npmrc` by `cp .npmrc.npmjs .npmrc`)']],
    ['control: swapped back before the publish', workflow(step(`${SWAP}\nmv .npmrc .npmrc.github\nmv .npmrc.pub .npmrc\nnpm publish`)), ['npmjs']],
    ['control: swapped back in an earlier step', workflow(step(`${SWAP}\npnpm publish\nmv .npmrc .npmrc.github\nmv .npmrc.pub .npmrc`), step('npm publish')), [FROM_GITHUB, 'npmjs']],
    ['control: the swap after the publish', workflow(step(`npm publish\n${SWAP}`)), ['npmjs']],
    ['control: another directory\'s .npmrc', workflow(step('cp .npmrc.github packages/other/.npmrc\nnpm publish')), ['npmjs']],
    ['control: the user configuration is not the project .npmrc', workflow(step('cp .npmrc.npmjs ~/.npmrc\nnpm publish')), ['npmjs']],
    ['control: the user configuration copied over it is read as the user configuration', workflow(step('cp "$NPM_CONFIG_USERCONFIG" .npmrc\nnpm publish')), ['npmjs']],
    ['control: a step that never runs', workflow(step('cp .npmrc.github .npmrc', 'if: false\n        '), step('npm publish')), ['npmjs']],
  ];
  it.each(rows)('%s', (_name, yml, want) => {
    expect(registries(yml)).toEqual(want);
  });

  it('a swap in a local composite action, as caido/sdk-js writes it', () => {
    const action = `name: publish\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: |\n        pnpm publish --no-git-checks\n    - shell: bash\n      run: |\n${indent(`${SWAP}\npnpm publish --no-git-checks\nmv .npmrc .npmrc.github\nmv .npmrc.pub .npmrc`, '        ')}\n`;
    const yml = workflow('      - uses: ./.github/actions/publish-one\n', '      - uses: ./.github/actions/publish-one\n');
    expect(registries(yml, { '.github/actions/publish-one/action.yml': action })).toEqual(['npmjs', FROM_GITHUB, 'npmjs', FROM_GITHUB]);
  });
});

/**
 * survey910b M1 (pmndrs/react-spring nightly.yml): a step under an `if:` overwrites `.npmrc` with a
 * token-only line, then the publish runs. Neither way names a registry, so the registry stays
 * npmjs (and the publish keeps its certainty); only ways that differ in the key leave it unknown.
 */
describe('an .npmrc a step that may be skipped overwrites or moves', () => {
  const SKIPPABLE = 'if: steps.version.outputs.NEXT\n        ';
  const TOKEN_ONLY = 'echo "//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}" > .npmrc';
  const GITHUB_LINE = '@acme:registry=https://npm.pkg.github.com';
  const load = (yml: string, files: Record<string, string>) => loadProject(new MemoryFs({ ...files, '.github/workflows/release.yml': yml }));
  const without = (name: string): Record<string, string> => Object.fromEntries(Object.entries(BASE).filter(([k]) => k !== name));

  it('a token-only overwrite and no committed .npmrc: npmjs, the publish still certain', () => {
    const p = load(workflow(step(TOKEN_ONLY, SKIPPABLE), step('npm publish --tag nightly', "if: github.ref == 'refs/heads/main'\n        ")), without('.npmrc'));
    expect(p.facts.sites.map((s) => [s.registry.registry, s.certainty])).toEqual([['npmjs', 'certain']]);
  });

  it('a token-only overwrite of a committed token-only .npmrc: npmjs', () => {
    expect(registries(workflow(step(TOKEN_ONLY, SKIPPABLE), step('npm publish')))).toEqual(['npmjs']);
  });

  it('a committed token-only .npmrc removed or moved away under the `if:`: npmjs', () => {
    expect(registries(workflow(step('rm .npmrc', SKIPPABLE), step('npm publish')))).toEqual(['npmjs']);
    expect(registries(workflow(step('mv .npmrc .npmrc.pub', SKIPPABLE), step('npm publish')))).toEqual(['npmjs']);
  });

  it('control: a committed .npmrc naming GitHub Packages overwritten under the `if:`: unknown', () => {
    const files = { '.npmrc': `${GITHUB_LINE}\n` };
    expect(registries(workflow(step(TOKEN_ONLY, SKIPPABLE), step('npm publish')), files)).toEqual(['unknown the `.npmrc` of `.` (moved over `.npmrc` by `echo "//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}"`)']);
    // Without the `if:`, the overwrite leaves no registry line.
    expect(registries(workflow(step(TOKEN_ONLY), step('npm publish')), files)).toEqual(['npmjs']);
  });

  it('control: an overwrite under the `if:` that names another registry leaves it unknown', () => {
    const p = load(workflow(step(`echo "${GITHUB_LINE}" > .npmrc`, SKIPPABLE), step('npm publish')), without('.npmrc'));
    expect(p.facts.sites.map((s) => s.registry.registry)).toEqual(['unknown']);
  });

  it('control: two skippable steps copying files naming different registries: unknown', () => {
    const yml = workflow(step('cp .npmrc.npmjs .npmrc', SKIPPABLE), step('cp .npmrc.github .npmrc', "if: github.event_name == 'push'\n        "), step('npm publish'));
    expect(registries(yml)).toEqual(['unknown the `.npmrc` of `.` (moved over `.npmrc` by `cp .npmrc.github .npmrc`)']);
  });
});
