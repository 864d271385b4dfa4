/**
 * The directory of a publish made through a local composite action (its step's `working-directory`,
 * the caller's inputs put in, and a `cd` before the command, read as a workflow step's) or through
 * a publishing action's directory input (`ActionRecognizer.directoryInput`: cycjimmy's
 * `working_directory`, changesets/action's `cwd`). Survey 904c M1, M3, M4.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject, type Project } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });
const ORIGIN = '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n';
const REPO = { repository: { url: 'git+https://github.com/acme/widget.git' } };

function load(files: Record<string, string>): Project {
  return loadProject(new MemoryFs(files));
}

/** `directory kind[packages or candidates]` per site. */
function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.directory === undefined ? '?' : `'${s.directory}'`} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

function workflow(steps: string): string {
  return `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;
}

/** A root `widget-tools` (no `repository`) and `pkg/`, `@acme/widget` (with one): a publish of the root is warned about. */
const TREE = { 'package.json': JSON.stringify({ name: 'widget-tools', version: '0.0.0' }), 'pkg/package.json': pkg({ name: '@acme/widget', ...REPO }) };

function composite(step: string, inputs = 'inputs:\n  dir: {}\n'): string {
  return `${inputs}runs:\n  using: composite\n  steps:\n    - shell: bash\n${step}`;
}

describe('a local composite action: its step runs where its `working-directory` says', () => {
  const files = (action: string, use = '      - uses: ./.github/actions/pub\n'): Record<string, string> => ({
    ...TREE,
    '.github/actions/pub/action.yml': action,
    '.github/workflows/r.yml': workflow(use),
  });

  it('a literal `working-directory`', () => {
    expect(sites(load(files(composite('      working-directory: ./pkg\n      run: npm publish\n'))))).toEqual(["'pkg' single[@acme/widget]"]);
  });

  it("`${{ inputs.x }}` from the using step's `with:`, or from the input's `default:` (auth0/auth0-angular)", () => {
    const action = composite('      working-directory: ${{ inputs.dir }}\n      run: npm publish\n', "inputs:\n  dir:\n    default: './'\n");
    expect(sites(load(files(action, '      - uses: ./.github/actions/pub\n        with:\n          dir: ./pkg\n')))).toEqual(["'pkg' single[@acme/widget]"]);
    expect(sites(load(files(action.replace("'./'", './pkg'))))).toEqual(["'pkg' single[@acme/widget]"]);
    // Control: the default, the workspace root.
    expect(sites(load(files(action)))).toEqual(["'' single[widget-tools]"]);
  });

  it('a `cd` before the command, also in a nested local action given the directory', () => {
    expect(sites(load(files(composite('      run: cd pkg && npm publish\n'))))).toEqual(["'pkg' single[@acme/widget]"]);
    const outer = 'inputs:\n  dir: {}\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/inner\n      with:\n        dir: ${{ inputs.dir }}\n';
    const nested = {
      ...files(outer, '      - uses: ./.github/actions/pub\n        with:\n          dir: pkg\n'),
      '.github/actions/inner/action.yml': composite('      working-directory: ${{ inputs.dir }}\n      run: npm publish\n'),
    };
    expect(sites(load(nested))).toEqual(["'pkg' single[@acme/widget]"]);
  });

  it('controls: a step without `working-directory` publishes the root; an unresolvable one is unknown, not the root', () => {
    expect(sites(load(files(composite('      run: npm publish\n'))))).toEqual(["'' single[widget-tools]"]);
    const [site] = load(files(composite('      working-directory: ${{ github.event.repository.name }}\n      run: npm publish\n'))).facts.sites;
    expect(site?.directory).toBeUndefined();
    expect(site?.targets.kind).toBe('unknown');
    // As for a workflow step with that `working-directory`.
    const [step] = load({ ...TREE, '.github/workflows/r.yml': workflow('      - working-directory: ${{ github.event.repository.name }}\n        run: npm publish\n') }).facts.sites;
    expect({ directory: site?.directory, targets: site?.targets }).toEqual({ directory: step?.directory, targets: step?.targets });
  });

  it('no false `missingUnsure` on the root when the action publishes `pkg/` (survey 904c M1c)', async () => {
    const lint = (step: string): ReturnType<typeof lintFiles> => lintFiles({ ...files(composite(step)), '.git/config': ORIGIN }, { rule: 'provenance-repository-url' });
    expect(await lint('      working-directory: ./pkg\n      run: npm publish\n')).toEqual([]);
    // Control: the action publishing the root is warned about.
    const root = await lint('      run: npm publish\n');
    expect(root.map((d) => `${d.messageId}:${d.message.slice(0, 26)}`)).toEqual(['missingUnsure:Package "widget-tools" has']);
  });
});

describe("a publishing action's directory input is the site's directory (`ActionRecognizer.directoryInput`)", () => {
  const lib = { 'package.json': pkg({ name: '@acme/widget-root', ...REPO }), 'lib/package.json': pkg({ name: '@acme/widget' }) };

  it('cycjimmy/semantic-release-action `working_directory` (testing-library/angular-testing-library)', () => {
    const step = (extra: string): string => `      - uses: cycjimmy/semantic-release-action@v6\n        with:\n          semantic_version: 25\n${extra}`;
    expect(sites(load({ ...lib, '.github/workflows/r.yml': workflow(step('          working_directory: ./lib\n')) }))).toEqual(["'lib' unknown[@acme/widget]"]);
    // Controls: without the input, the root; an unresolvable one, unknown.
    expect(sites(load({ ...lib, '.github/workflows/r.yml': workflow(step('')) }))).toEqual(["'' unknown[@acme/widget-root]"]);
    expect(sites(load({ ...lib, '.github/workflows/r.yml': workflow(step('          working_directory: ${{ github.event.repository.name }}\n')) }))[0]).toMatch(/^\? /);
  });

  it('changesets/action `cwd`: its `publish:` command is read there', () => {
    const files = (cwd: string): Record<string, string> => ({
      'package.json': pkg({ name: 'acme-monorepo', private: true }),
      'js/package.json': pkg({ name: 'acme-js', private: true, workspaces: ['packages/*'] }),
      'js/packages/core/package.json': pkg({ name: '@acme/core' }),
      '.github/workflows/r.yml': workflow(`      - uses: changesets/action@v1\n        with:\n${cwd}          publish: npx changeset publish\n`),
    });
    const [site] = load(files('          cwd: js\n')).facts.sites;
    expect(site?.directory).toBe('js');
    expect(site?.publish.match.action?.given).toBe(true);
    // Controls: without `cwd`, the root; an unresolvable one, unknown.
    expect(load(files('')).facts.sites[0]?.directory).toBe('');
    expect(load(files('          cwd: ${{ github.event.repository.name }}\n')).facts.sites[0]?.directory).toBeUndefined();
  });

  it('changesets/action `cwd`: a `publish: npm run release` runs the script of that directory (review 908)', () => {
    const files = (cwd: string): Record<string, string> => ({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a', scripts: { release: 'npm publish' } }),
      '.github/workflows/r.yml': workflow(`      - uses: changesets/action@v1\n        with:\n${cwd}          publish: npm run release\n`),
    });
    const [site] = load(files('          cwd: packages/a\n')).facts.sites;
    expect([site?.directory, site?.certainty, site?.publish.match.label]).toEqual(['packages/a', 'certain', 'npm publish']);
    // Control: without `cwd`, the root has no such script.
    expect(load(files('')).facts.sites[0]?.certainty).not.toBe('certain');
    // `${{ github.workspace }}/packages/a` is the same directory (udecode/plate writes `cwd: ${{ github.workspace }}`).
    const [viaWorkspace] = load(files('          cwd: ${{ github.workspace }}/packages/a\n')).facts.sites;
    expect([viaWorkspace?.directory, viaWorkspace?.certainty]).toEqual(['packages/a', 'certain']);
  });

  it('changesets/action `cwd: ${{ github.workspace }}`: the root, whose script runs a committed node script that publishes (review 908)', () => {
    const files = (cwd: string): Record<string, string> => ({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { 'ci:release': 'node scripts/release.mjs' } }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'scripts/release.mjs': "import { execSync } from 'node:child_process';\nexecSync('npx changeset publish', { stdio: 'inherit' });\n",
      '.github/workflows/r.yml': workflow(`      - uses: changesets/action@v1\n        with:\n${cwd}          publish: pnpm ci:release\n`),
    });
    const label = (cwd: string): string | undefined => load(files(cwd)).facts.sites[0]?.publish.match.label;
    expect(label('          cwd: ${{ github.workspace }}\n')).toBe(label(''));
    expect(label('')).toContain('changeset publish');
  });
});

describe('a semantic-release action in its directory input reads that directory\'s configuration', () => {
  const PUBLISHES = JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@semantic-release/npm'] });
  const NO_NPM = JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', ['@semantic-release/npm', { npmPublish: false }]] });
  /** A private root and `pkg/` (`@acme/widget`), `configs` by path, and `uses` run with `input: pkg`. */
  const files = (configs: Record<string, string>, uses = 'cycjimmy/semantic-release-action@v4', input = 'working_directory'): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'pkg/package.json': pkg({ name: '@acme/widget', ...REPO }),
    ...configs,
    '.github/workflows/r.yml': workflow(`      - uses: ${uses}\n        with:\n          ${input}: pkg\n`),
  });
  it('`npmPublish: false` in pkg/.releaserc.json, a publishing root one: no publish; the reverse: a publish', () => {
    expect(sites(load(files({ '.releaserc.json': PUBLISHES, 'pkg/.releaserc.json': NO_NPM })))).toEqual([]);
    expect(sites(load(files({ '.releaserc.json': NO_NPM, 'pkg/.releaserc.json': PUBLISHES })))).toEqual(["'pkg' unknown[@acme/widget]"]);
    // codfish/semantic-release-action's `working-directory` alike.
    expect(sites(load(files({ '.releaserc.json': PUBLISHES, 'pkg/.releaserc.json': NO_NPM }, 'codfish/semantic-release-action@v5', 'working-directory')))).toEqual([]);
  });
  it('package.json `release` of that directory counts too; controls: without one there, the root\'s applies (the search goes up)', () => {
    const own = { 'pkg/package.json': pkg({ name: '@acme/widget', ...REPO, release: JSON.parse(NO_NPM) as unknown }) };
    expect(sites(load({ ...files({ '.releaserc.json': PUBLISHES }), ...own }))).toEqual([]);
    expect(sites(load(files({ '.releaserc.json': NO_NPM })))).toEqual([]);
    expect(sites(load(files({ '.releaserc.json': PUBLISHES })))).toEqual(["'pkg' unknown[@acme/widget]"]);
  });
  it('control: a `run: npx semantic-release` step with `working-directory: pkg` reads pkg\'s configuration (as before)', () => {
    const step = '      - run: npx semantic-release\n        working-directory: pkg\n';
    const base = { 'package.json': pkg({ name: 'root', private: true }), 'pkg/package.json': pkg({ name: '@acme/widget', ...REPO }), '.github/workflows/r.yml': workflow(step) };
    expect(sites(load({ ...base, '.releaserc.json': PUBLISHES, 'pkg/.releaserc.json': NO_NPM }))).toEqual([]);
    expect(sites(load({ ...base, '.releaserc.json': NO_NPM, 'pkg/.releaserc.json': PUBLISHES }))).toEqual(["'pkg' single[@acme/widget]"]);
  });
  it('a `pkgRoot` in that directory\'s configuration: the package there; controls: one in the root\'s configuration only, pkg\'s own (relative to where semantic-release runs)', () => {
    const pkgRoot = JSON.stringify({ plugins: [['@semantic-release/npm', { pkgRoot: 'dist' }]] });
    const built = { 'pkg/dist/package.json': pkg({ name: '@acme/widget-dist', ...REPO }), 'dist/package.json': pkg({ name: '@acme/root-dist', ...REPO }) };
    expect(sites(load({ ...files({ 'pkg/.releaserc.json': pkgRoot }), ...built }))).toEqual(["'pkg' single[@acme/widget-dist]"]);
    expect(sites(load({ ...files({ '.releaserc.json': pkgRoot }), ...built }))).toEqual(["'pkg' single[@acme/widget-dist]"]);
    expect(sites(load({ ...files({ '.releaserc.json': PUBLISHES }), ...built }))).toEqual(["'pkg' unknown[@acme/widget]"]);
  });
});

describe('changesets/action `cwd` below the root: the workspaces changesets finds from there (@manypkg/find-root)', () => {
  /** A root without workspaces, `packages/sdk` a monorepo of its own (`own`: its workspace files), `cwd` the step's. */
  const files = (cwd: string, own: Record<string, string>, rootFields: Record<string, unknown> = {}): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, ...rootFields }),
    'packages/sdk/package.json': pkg({ name: 'sdk-root', private: true }),
    'packages/sdk/packages/a/package.json': pkg({ name: '@acme/a', ...REPO }),
    'packages/sdk/packages/b/package.json': pkg({ name: '@acme/b', private: true }),
    ...own,
    '.github/workflows/r.yml': workflow(`      - uses: changesets/action@v1\n        with:\n${cwd}          publish: pnpm changeset publish\n`),
  });
  const PNPM = { 'packages/sdk/pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n" };
  it('its own pnpm-workspace.yaml: its workspace packages', () => {
    expect(sites(load(files('          cwd: packages/sdk\n', PNPM)))).toEqual(["'packages/sdk' workspaces[@acme/a]"]);
  });
  it('its package.json `workspaces`, and a `cwd` below it (the search goes up to the nearest monorepo root)', () => {
    const own = { 'packages/sdk/package.json': pkg({ name: 'sdk-root', private: true, workspaces: ['packages/*'] }) };
    expect(sites(load(files('          cwd: packages/sdk\n', own)))).toEqual(["'packages/sdk' workspaces[@acme/a]"]);
    expect(sites(load(files('          cwd: packages/sdk/packages/a\n', PNPM)))).toEqual(["'packages/sdk/packages/a' workspaces[@acme/a]"]);
  });
  it('controls: without `cwd`, the root (no workspaces: its package); a root with workspaces and a `cwd` with none of its own: the root\'s', () => {
    expect(sites(load(files('', PNPM)))).toEqual(["'' workspaces[]"]);
    const rootWs = { workspaces: ['packages/sdk/packages/*'] };
    expect(sites(load(files('          cwd: packages/sdk\n', {}, rootWs)))).toEqual(["'packages/sdk' workspaces[@acme/a]"]);
  });
});
