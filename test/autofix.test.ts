/**
 * `tp-doctor --fix` in memory (src/autofix.ts) over every fixable problem:
 * - a golden per fix: the unified diff of the fixed files (test/golden/autofix/<case>.diff), so a
 *   fix that touches one line more than it must, or loses a comment, changes the golden;
 * - the fixed repository is linted again: each applied fix's finding is gone, no rule has more
 *   findings than before, and a second `--fix` changes nothing (idempotence);
 * - every fixed file still parses (YAML without any problem, JSON), comments are kept;
 * - the same over every fixture repository, the real-world corpus and random workflows
 *   (fast-check): fixing never produces a file that does not parse, never adds findings, and is
 *   idempotent.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { EditedFs, fixSync, wellFormed, type FixOutcome } from '../src/autofix.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { unifiedDiff } from '../src/fix/diff.js';
import { applyEdits } from '../src/fix/edits.js';
import { DiskFs, MemoryFs, type SourceFs } from '../src/fs/source.js';
import { corpusRepos } from './corpus-helpers.js';
import { expectGolden } from './golden.js';
import { requireShared } from './shared.js';

type Fixed = Extract<FixOutcome, { ok: true }>;

function fix(fs: SourceFs): Fixed {
  const outcome = fixSync({ fs, rules });
  if (!outcome.ok) throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  expect(outcome.final.internalErrors).toEqual([]);
  return outcome;
}

function diffOf(outcome: Fixed): string {
  return outcome.files.map((f) => unifiedDiff(f.file, f.before, f.after)).join('');
}

function countBy(diagnostics: readonly Diagnostic[], key: (d: Diagnostic) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) out.set(key(d), (out.get(key(d)) ?? 0) + 1);
  return out;
}

/** The `#` comments of a YAML text (one entry per comment, in order). */
function comments(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const m = /(?:^|\s)(#.*)$/.exec(line);
    return m ? [m[1]!.trim()] : [];
  });
}

/** The checks every fix run must pass, whatever the repository. */
function checkFixRun(base: SourceFs, outcome: Fixed, options: { strict: boolean }): void {
  for (const f of outcome.files) {
    // A file that parsed before parses after.
    if (wellFormed(f.file, f.before)) expect(wellFormed(f.file, f.after), `${f.file} no longer parses:\n${f.after}`).toBe(true);
  }
  // No rule ends with more findings than it started with.
  const before = countBy(outcome.initial.diagnostics, (d) => d.ruleId);
  for (const [rule, n] of countBy(outcome.final.diagnostics, (d) => d.ruleId)) {
    expect(n, `${rule} has more findings after --fix`).toBeLessThanOrEqual(before.get(rule) ?? 0);
  }
  // A second --fix over the fixed files changes nothing.
  const fixedFs = new EditedFs(base);
  for (const f of outcome.files) fixedFs.set(f.file, f.after);
  const again = fixSync({ fs: fixedFs, rules });
  if (!again.ok) throw new Error('the fixed repository no longer loads');
  expect(again.files.map((f) => unifiedDiff(f.file, f.before, f.after)).join('')).toBe('');
  if (!options.strict) return;
  expect(outcome.skipped).toEqual([]);
  // The finding each fix resolves is gone.
  const initial = countBy(outcome.initial.diagnostics, (d) => `${d.ruleId}/${d.messageId}`);
  const final = countBy(outcome.final.diagnostics, (d) => `${d.ruleId}/${d.messageId}`);
  for (const a of outcome.applied) {
    const key = `${a.ruleId}/${a.messageId}`;
    expect(final.get(key) ?? 0, `${key} is still reported after its fix`).toBeLessThan(initial.get(key) ?? 0);
  }
  // Comments stay, except on lines a fix removes.
  const removes = new Set(outcome.applied.filter((a) => /^(?:Remove|Delete)/.test(a.description)).map((a) => a.file));
  for (const f of outcome.files) {
    if (removes.has(f.file) || !/\.ya?ml$/.test(f.file)) continue;
    const after = comments(f.after);
    for (const c of comments(f.before)) expect(after, `comment lost in ${f.file}`).toContain(c);
  }
}

const PKG = `{
  "name": "widget",
  "version": "1.0.0",
  "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" }
}
`;
const GIT = '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n';
const GITLAB_PKG = '{ "name": "widget", "version": "1.0.0", "repository": { "url": "https://gitlab.com/acme/widget" } }\n';
const GITLAB_GIT = '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n';

function github(workflow: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'package.json': PKG, '.git/config': GIT, '.github/workflows/release.yml': workflow, ...extra };
}

function gitlab(ci: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'package.json': GITLAB_PKG, '.git/config': GITLAB_GIT, '.gitlab-ci.yml': ci, ...extra };
}

const STEPS = `    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm publish
`;

/** Fixable problems, one case each; the fixed rule must have no finding left (`clean`). */
const CASES: { name: string; files: Record<string, string>; clean: string[]; noFix?: boolean }[] = [
  {
    name: 'id-token-job-block',
    clean: ['require-id-token-write'],
    files: github(`on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read # read the code
      # packages come next
      packages: read
${STEPS}`),
  },
  {
    name: 'id-token-workflow-flow-map',
    clean: ['require-id-token-write'],
    files: github(`on: push
permissions: { contents: read }   # least privilege
jobs:
  publish:
    runs-on: ubuntu-latest
${STEPS}`),
  },
  {
    name: 'id-token-shadowed',
    clean: ['require-id-token-write'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
        contents: write
${STEPS}`),
  },
  {
    name: 'id-token-explicit-none',
    clean: ['require-id-token-write'],
    files: github(`on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: 'none' # was off
      contents: read
${STEPS}`),
  },
  {
    name: 'id-token-empty-map',
    clean: ['require-id-token-write'],
    files: github(`on: push
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
${STEPS}`),
  },
  {
    name: 'id-token-crlf',
    clean: ['require-id-token-write'],
    files: github(`on: push\r\njobs:\r\n  publish:\r\n    runs-on: ubuntu-latest\r\n    permissions:\r\n      contents: read\r\n${STEPS.replace(/\n/g, '\r\n')}`),
  },
  {
    name: 'id-token-caller',
    clean: ['require-id-token-write'],
    files: {
      ...github(`on: push
jobs:
  release:
    permissions:
      contents: read
    uses: ./.github/workflows/publish.yml
`),
      '.github/workflows/publish.yml': `on: workflow_call
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
${STEPS}`,
    },
  },
  {
    // The block comes through an alias: editing the anchor would change every job that repeats it.
    name: 'id-token-through-alias',
    clean: [],
    noFix: true,
    files: github(`on: push
jobs:
  build:
    runs-on: ubuntu-latest
    permissions: &perms
      contents: read
    steps:
      - run: npm test
  publish:
    runs-on: ubuntu-latest
    permissions: *perms
${STEPS}`),
  },
  {
    name: 'token-step-env',
    clean: ['no-long-lived-token'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }} # old token
          FORCE_COLOR: '1'
`),
  },
  {
    name: 'token-npmrc-write-line',
    clean: ['no-long-lived-token'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: |
          npm ci
          npm config set //registry.npmjs.org/:_authToken "\${{ secrets.NPM_TOKEN }}"
          npm publish
`),
  },
  {
    // Trusted publishing is not in place yet (no id-token: write): the token stays, only a suggestion.
    name: 'token-without-oidc-kept',
    clean: [],
    noFix: true,
    files: github(`on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`),
  },
  {
    name: 'token-literal-npmrc',
    clean: ['no-long-lived-token'],
    files: github(
      `on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
${STEPS}`,
      { '.npmrc': `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_${'a'.repeat(36)}\nsave-exact=true\n` },
    ),
  },
  {
    name: 'node-version-quoted',
    clean: ['npm-supports-oidc'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: '20.x' # LTS
      - run: npm publish
`),
  },
  {
    // pnpm/setup's `runtime: node@<version>`: the version after `node@` changes, the prefix stays.
    name: 'pnpm-setup-runtime',
    clean: ['npm-supports-oidc'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: pnpm/setup@v2
        with:
          runtime: node@22.12.0 # pinned
      - run: npm publish
`),
  },
  {
    name: 'node-container-image',
    clean: ['npm-supports-oidc'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    container: node:20-bookworm
    steps:
      - run: npm publish
`),
  },
  {
    name: 'npm-upgrade-latest-on-node-20',
    clean: ['npm-upgrade-compatible', 'npm-supports-oidc'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 20
      - run: |
          npm install -g npm@latest   # newest npm
          npm publish
`),
  },
  {
    name: 'npm-upgrade-too-old',
    clean: ['npm-supports-oidc'],
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 22
      - run: npm install -g npm@10
      - run: npm publish
`),
  },
  {
    name: 'repository-url-missing',
    clean: ['provenance-repository-url'],
    files: {
      ...github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
${STEPS}`),
      'package.json': '{\n    "name": "widget",\n    "version": "1.0.0",\n    "license": "MIT"\n}\n',
      'tp-doctor.yml': 'repository:\n  visibility: public\npublishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
    },
  },
  {
    name: 'repository-url-case',
    clean: ['provenance-repository-url'],
    files: {
      ...github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
${STEPS}`),
      'package.json': '{\n  "name": "widget",\n  "version": "1.0.0",\n  "repository": { "type": "git", "url": "git+https://github.com/Acme/Widget.git" }\n}\n',
      'tp-doctor.yml': 'repository:\n  visibility: public\npublishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
    },
  },
  {
    name: 'environment-missing',
    clean: ['environment-matches-publisher'],
    files: github(
      `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
${STEPS}`,
      { 'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm\n' },
    ),
  },
  {
    name: 'environment-case',
    clean: ['environment-matches-publisher'],
    files: github(
      `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    environment:
      name: NPM # protected
      url: https://www.npmjs.com/package/widget
    permissions:
      id-token: write
${STEPS}`,
      { 'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm\n' },
    ),
  },
  {
    name: 'publisher-config-values',
    clean: ['publisher-config-valid'],
    files: github(
      `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
${STEPS}`,
      {
        'tp-doctor.yml':
          '# declared on npmjs.com\npublishers:\n  - provider: github\n    repository: "https://github.com/acme/widget.git" # copied\n    workflow: .github/workflows/release.yml\n',
      },
    ),
  },
  {
    name: 'publisher-config-json',
    clean: ['publisher-config-valid'],
    files: github(
      `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
${STEPS}`,
      { '.tp-doctor.json': '{\n  "publishers": [\n    { "provider": "github", "repository": "acme/widget.git", "workflow": "./.github/workflows/release.yml" }\n  ]\n}\n' },
    ),
  },
  {
    name: 'gitlab-no-id-tokens',
    clean: ['gitlab-npm-id-token'],
    files: gitlab(`publish:
  image: node:24
  # publish on tags only
  rules:
    - if: $CI_COMMIT_TAG
  script:
    - npm publish
`),
  },
  {
    name: 'gitlab-token-not-listed',
    clean: ['gitlab-npm-id-token'],
    files: gitlab(`publish:
  image: node:24
  id_tokens:
    SIGSTORE_ID_TOKEN: { aud: sigstore }
  script:
    - npm publish
`),
  },
  {
    name: 'gitlab-audience-near-miss',
    clean: ['gitlab-id-token-audience'],
    files: gitlab(`publish:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN:
      aud: "npm:Registry.npmjs.org" # typo
  script:
    - npm publish
`),
  },
  {
    name: 'gitlab-missing-aud',
    clean: ['gitlab-id-token-audience'],
    files: gitlab(`publish:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN:
  script:
    - npm publish
`),
  },
  {
    name: 'gitlab-npmrc-write',
    clean: ['no-long-lived-token'],
    files: gitlab(`publish:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }
  before_script:
    - npm ci
    - 'echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" >> .npmrc'
  script:
    - npm publish
`),
  },
  {
    // From `default:`: every job runs it, so it is only a suggestion.
    name: 'gitlab-npmrc-write-in-default',
    clean: [],
    noFix: true,
    files: gitlab(`default:
  before_script:
    - npm ci
    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" >> .npmrc
publish:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }
  script:
    - npm publish
`),
  },
  {
    name: 'gitlab-node-image',
    clean: ['npm-supports-oidc'],
    files: gitlab(`publish:
  image: "node:20-alpine"
  id_tokens:
    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }
  script:
    - npm publish
`),
  },
];

describe('autofix goldens', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const fs = new MemoryFs(c.files);
    const outcome = fix(fs);
    const diff = diffOf(outcome);
    if (c.noFix) {
      expect(diff).toBe('');
      // The finding is there, without an automatic fix.
      expect(outcome.initial.diagnostics.length).toBeGreaterThan(0);
      expect(outcome.initial.diagnostics.filter((d) => d.autofix)).toEqual([]);
      return;
    }
    expect(diff).not.toBe('');
    expectGolden(`autofix/${c.name}.diff`, diff);
    checkFixRun(fs, outcome, { strict: true });
    for (const rule of c.clean) expect(outcome.final.diagnostics.filter((d) => d.ruleId === rule).map((d) => d.messageId)).toEqual([]);
  });
});


const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/repos');

/** Every suggestion of a lint applied alone: its file still parses. Returns how many there were. */
function checkSuggestions(fs: SourceFs, diagnostics: readonly Diagnostic[]): number {
  let n = 0;
  for (const d of diagnostics) {
    for (const s of d.suggestions ?? []) {
      const read = fs.read(s.file);
      if (!read.ok || !wellFormed(s.file, read.text)) continue;
      n++;
      expect(wellFormed(s.file, applyEdits(read.text, s.edits)), `${d.ruleId}: "${s.description}" breaks ${s.file}`).toBe(true);
    }
  }
  return n;
}

/** Suggestions (never applied by --fix): the exact change each offers, as a diff golden. */
const SUGGESTIONS: { name: string; rule: string; files: Record<string, string> }[] = [
  {
    name: 'id-token-no-block',
    rule: 'require-id-token-write',
    files: github(`on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    needs: build
${STEPS}`),
  },
  {
    name: 'setup-node-step',
    rule: 'npm-supports-oidc',
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      # publish it
      - run: npm publish
`),
  },
  {
    name: 'npm-upgrade-step-for-a-matrix',
    rule: 'npm-supports-oidc',
    files: github(`on: push
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20]
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: \${{ matrix.node }}
      - run: npm publish
`),
  },
];

describe('suggestions', () => {
  it.each(SUGGESTIONS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const fs = new MemoryFs(c.files);
    const outcome = fix(fs);
    const found = outcome.initial.diagnostics.filter((d) => d.ruleId === c.rule);
    expect(found.filter((d) => d.autofix)).toEqual([]);
    const text = (file: string): string => (fs.read(file) as { text: string }).text;
    const diff = found
      .flatMap((d) => d.suggestions ?? [])
      .map((s) => `# ${s.description}\n${unifiedDiff(s.file, text(s.file), applyEdits(text(s.file), s.edits))}`)
      .join('');
    expect(diff).not.toBe('');
    expectGolden(`autofix/suggest-${c.name}.diff`, diff);
    expect(checkSuggestions(fs, outcome.initial.diagnostics)).toBeGreaterThan(0);
  });

  it('every suggestion on the fixture repositories leaves a file that parses', () => {
    let n = 0;
    for (const scenario of readdirSync(FIXTURES)) {
      const fs = new DiskFs(path.join(FIXTURES, scenario));
      n += checkSuggestions(fs, fix(fs).initial.diagnostics);
    }
    expect(n).toBeGreaterThan(10);
  });
});

describe('autofix over the fixture repositories', () => {
  const scenarios = readdirSync(FIXTURES).sort();
  it.each(scenarios)('%s', (scenario) => {
    const fs = new DiskFs(path.join(FIXTURES, scenario));
    const outcome = fix(fs);
    checkFixRun(fs, outcome, { strict: true });
    const diff = diffOf(outcome);
    if (scenario.startsWith('ok-')) expect(diff).toBe('');
    if (diff !== '') expectGolden(`autofix/fixtures/${scenario}.diff`, diff);
  });
});

const corpus = requireShared('corpus', 'test/autofix.test.ts');

describe.skipIf(!corpus)('autofix over the corpus', () => {
  it('every fixed file parses, no rule gains findings, a second run is a no-op', () => {
    let fixedRepos = 0;
    for (const repo of corpusRepos(corpus!)) {
      const fs = new MemoryFs(repo.files);
      const outcome = fixSync({ fs, rules });
      if (!outcome.ok) continue; // a broken config: nothing to fix, corpus.test.ts covers it
      try {
        checkFixRun(fs, outcome, { strict: false });
      } catch (error) {
        throw new Error(`${repo.repo}: ${(error as Error).message}`, { cause: error });
      }
      if (outcome.files.length > 0) fixedRepos++;
    }
    // The corpus holds fixable problems: the sweep exercised fixes, not only empty runs.
    expect(fixedRepos).toBeGreaterThan(5);
  }, 300_000);
});

describe('autofix on generated workflows (fast-check)', () => {
  const permissions = fc.constantFrom(
    '',
    'permissions:\n  contents: read\n',
    'permissions: { contents: read }\n',
    'permissions: {}\n',
    'permissions: read-all\n',
    'permissions:\n  id-token: none # off\n',
    "permissions:\n  contents: 'read'\n  # trailing comment\n",
  );
  const jobPermissions = fc.constantFrom('', '    permissions:\n      contents: write\n', '    permissions: { packages: read }\n', '    permissions:\n');
  const node = fc.constantFrom('20', "'20'", '"22.x"', '24', 'lts/*', '18 # old');
  const upgrade = fc.constantFrom('', '      - run: npm install -g npm@latest\n', '      - run: npm i -g npm@10 # pinned\n');
  const token = fc.constantFrom('', '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n', '        env: { NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" }\n');
  const unit = fc.constantFrom(2, 4);
  const crlf = fc.boolean();

  it('never produces a file that does not parse, never adds findings, is idempotent', () => {
    fc.assert(
      fc.property(permissions, jobPermissions, node, upgrade, token, unit, crlf, (perms, jobPerms, version, up, tok, width, windows) => {
        let wf = `on: push\n${perms}jobs:\n  publish:\n    runs-on: ubuntu-latest\n${jobPerms}    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${version}\n${up}      - run: npm publish\n${tok}`;
        if (width === 4) wf = wf.replace(/^( +)/gm, (s) => ' '.repeat(s.length * 2));
        if (windows) wf = wf.replace(/\n/g, '\r\n');
        const fs = new MemoryFs(github(wf));
        const outcome = fix(fs);
        checkFixRun(fs, outcome, { strict: false });
      }),
      { numRuns: 150, seed: 16 },
    );
  }, 120_000);
});
