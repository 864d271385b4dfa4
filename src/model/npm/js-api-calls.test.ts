import { describe, expect, it } from 'vitest';
// The helpers first: they load the model in its usual order (node-scripts.ts is part of a cycle).
import { lintFiles } from '../../../test/helpers.js';
import { tokenize } from './js-tokens.js';
import { apiCalls } from './js-api-calls.js';
import { jsCommands } from './node-scripts.js';

const calls = (text: string): string[] => apiCalls(tokenize(text)!).map((c) => `${c.command} @${text.slice(c.start, c.end)}`);

describe('js-api-calls: a publish tool API call read as its command', () => {
  it.each([
    ["import { releaseVersion, releasePublish } from 'nx/release/index.js'\nawait releasePublish({ dryRun: DRY_RUN })", ['nx release publish @releasePublish']],
    ["import { releasePublish as publish } from 'nx/release'\nawait publish({})", ['nx release publish @publish']],
    ["const { releasePublish } = require('nx/release')\nreleasePublish()", ['nx release publish @releasePublish']],
    ["const { release } = await import('nx/release')\nawait release({ yes: true })", ['nx release @release']],
    ["import { releasePublish } from 'nx/release'\nawait releasePublish({ dryRun: true })", ['nx release publish --dry-run @releasePublish']],
    ["import { release } from 'nx/release'\nawait release({ skipPublish: true, yes: true })", ['nx release --skip-publish @release']],
  ])('%s', (text, want) => {
    expect(calls(text)).toEqual(want);
  });
  it.each([
    // Not from Nx's release API: another module's function of the same name.
    "import { releasePublish } from './my-release.js'\nreleasePublish()",
    "import { release } from 'release-it'\nrelease()",
    // Imported, never called; or a property of another object.
    "import { releasePublish } from 'nx/release'\nexport { releasePublish }",
    "import { release } from 'nx/release'\nconst x = other.release()",
  ])('control: %s', (text) => {
    expect(calls(text)).toEqual([]);
  });
  it('jsCommands merges the calls with the child-process commands in file order', () => {
    const text = "import { releasePublish } from 'nx/release'\nexecSync('pnpm build')\nawait releasePublish({})";
    expect(jsCommands(text).map((c) => c.command)).toEqual(['pnpm build', 'nx release publish']);
  });
});

describe('a release file calling Nx release API (storacha/upload-service)', () => {
  const workflow = "name: Release\non: { push: { branches: [main] } }\npermissions: { contents: write, id-token: write }\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: pnpm/action-setup@v4\n      - uses: actions/setup-node@v6\n        with: { node-version: 20 }\n      - run: pnpm install --frozen-lockfile\n      - run: pnpm tsx ./scripts/release.mts\n";
  const files = (script: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'root', private: true, packageManager: 'pnpm@10.1.0', devDependencies: { nx: '21.0.0', tsx: '4.0.0' } }),
    '.github/workflows/release.yml': workflow,
    'scripts/release.mts': script,
  });
  it('is a likely Nx publish, judged as `nx release` is (npm 10 on Node 20: info)', async () => {
    const found = await lintFiles(files("import { releaseVersion, releasePublish } from 'nx/release/index.js'\nawait releaseVersion({})\nawait releasePublish({ dryRun: false })\n"), { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['bundledTooOld@info 13']);
  });
  it('control: release({ skipPublish: true }) versions and writes the changelog only', async () => {
    const found = await lintFiles(files("import { release } from 'nx/release'\nawait release({ skipPublish: true })\n"), { rule: 'npm-supports-oidc' });
    expect(found).toEqual([]);
  });
  it('control: a dry run publishes nothing', async () => {
    const found = await lintFiles(files("import { releasePublish } from 'nx/release'\nawait releasePublish({ dryRun: true })\n"), { rule: 'npm-supports-oidc' });
    expect(found).toEqual([]);
  });
});
