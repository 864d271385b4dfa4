/**
 * A local composite "setup" action used by an earlier step of a publishing job (dbgso/mcp-servers:
 * `./.github/actions/setup-node-pnpm` runs `actions/setup-node` with `registry-url: ${{
 * inputs.registry-url || '' }}`, called with GitHub Packages): the action's steps are the job's
 * (src/model/github/step-views.ts `viewsBefore`), with the caller's `with:` values (or the input's
 * default, or '' when it declares none) put into its expressions.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const ACTION = `name: setup
inputs:
  registry-url:
    required: false
  scope:
    default: ''
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: 24
        registry-url: \${{ inputs.registry-url || '' }}
        scope: \${{ inputs.scope || '' }}
`;

function workflow(withLines: string, steps = ''): string {
  const using = `      - uses: ./.github/actions/setup\n${withLines ? `        with:\n${withLines}` : ''}`;
  return `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v5\n${using}${steps}      - run: npm publish\n`;
}

function registries(yml: string, action = ACTION): { registry: string[]; source: (string | null)[] } {
  const p = loadProject(
    new MemoryFs({
      'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0' }),
      '.github/actions/setup/action.yml': action,
      '.github/workflows/release.yml': yml,
    }),
  );
  return { registry: p.facts.sites.map((s) => s.registry.registry), source: p.facts.sites.map((s) => s.registry.setting?.source ?? null) };
}

describe("a local composite setup action's setup-node registry", () => {
  it('the caller gives GitHub Packages: a publish elsewhere, not to npm', () => {
    const got = registries(workflow("          registry-url: https://npm.pkg.github.com\n          scope: '@acme'\n"));
    expect(got.registry).toEqual(['other']);
    expect(got.source[0]).toMatch(/setup-node's `registry-url` \(scope @acme\) in `\.\/\.github\/actions\/setup \(step 1\)`/);
  });

  it('the caller gives npmjs: a publish to npm, said where', () => {
    const got = registries(workflow('          registry-url: https://registry.npmjs.org\n'));
    expect(got).toEqual({ registry: ['npmjs'], source: [expect.stringMatching(/actions\/setup \(step 1\)/)] });
  });

  it("the caller gives nothing: the input is '' and npm's default registry applies", () => {
    expect(registries(workflow('')).registry).toEqual(['npmjs']);
  });

  it('the input default names GitHub Packages', () => {
    const action = ACTION.replace('  registry-url:\n    required: false\n', "  registry-url:\n    default: 'https://npm.pkg.github.com'\n");
    expect(registries(workflow(''), action).registry).toEqual(['other']);
  });

  it("the caller gives `${{ env.REGISTRY }}`, a literal in the workflow's env: that registry (dbgso/mcp-servers)", () => {
    const yml = `env:\n  REGISTRY: https://npm.pkg.github.com\n${workflow('          registry-url: ${{ env.REGISTRY }}\n')}`;
    expect(registries(yml).registry).toEqual(['other']);
    // Control: an earlier step may write REGISTRY to $GITHUB_ENV, so its value is not certain.
    const written = yml.replace('      - uses: actions/checkout@v5\n', '      - uses: actions/checkout@v5\n      - run: echo "REGISTRY=https://registry.npmjs.org" >> "$GITHUB_ENV"\n');
    expect(registries(written).registry).toEqual(['unknown']);
  });

  it('the caller gives an expression tp-doctor cannot read: unknown', () => {
    expect(registries(workflow('          registry-url: ${{ vars.REGISTRY }}\n')).registry).toEqual(['unknown']);
  });

  it('control: the same action used after the publish does not count', () => {
    const yml = workflow('').replace('      - uses: ./.github/actions/setup\n', '') + '      - uses: ./.github/actions/setup\n        with:\n          registry-url: https://npm.pkg.github.com\n';
    expect(registries(yml).registry).toEqual(['npmjs']);
  });

  it('an npm upgrade in the setup action is the job\'s (npm-supports-oidc reads it)', () => {
    const action = `${ACTION}    - run: npm install -g npm@11.6.2\n      shell: bash\n`;
    const p = loadProject(
      new MemoryFs({
        'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0' }),
        '.github/actions/setup/action.yml': action.replace('node-version: 24', 'node-version: 20'),
        '.github/workflows/release.yml': workflow(''),
      }),
    );
    const site = p.facts.sites[0]!;
    expect(p.facts.textsBefore(site).some((t) => t.text.includes('npm install -g npm@11.6.2'))).toBe(true);
  });
});
