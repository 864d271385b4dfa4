import { describe, expect, it } from 'vitest';
import { lintFiles, scriptPublishWorkflow } from '../../test/helpers.js';

const RULE = 'provenance-repository-url';

/**
 * survey921a M2 (secustor/renovate-config-debugger #220): a script publishes some of the workspace
 * packages (`node tools/publish.mjs` → `pnpm publish --filter …`), so which it sends is a guess.
 * With a declared publisher, a candidate whose `repository.url` names another repository is a
 * warning naming the publish, once per URL; a candidate without `repository` is not reported.
 */
const WORKFLOW = (env: string): string => scriptPublishWorkflow(`env:\n          NPM_CONFIG_PROVENANCE: "${env}"\n        run: node tools/publish.mjs`);

const CONFIG = 'publishers:\n  - provider: github\n    repository: secustor/renovate-config-debugger\n    workflow: release.yml\nrepository:\n  visibility: public\n';
const OLD = 'git+https://github.com/secustor/renovate-config-visualizer.git';

function pkg(name: string, url?: string): string {
  return `${JSON.stringify({ name, version: '0.1.0', ...(url ? { repository: { type: 'git', url } } : {}) }, null, 2)}\n`;
}

function workspace(packages: Record<string, string>, env = 'true'): Record<string, string> {
  const files: Record<string, string> = {
    'tp-doctor.yml': CONFIG,
    '.git/config': '[remote "origin"]\n\turl = https://github.com/secustor/renovate-config-debugger.git\n',
    'package.json': JSON.stringify({ name: 'rcd', private: true, packageManager: 'pnpm@10.20.0' }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    '.github/workflows/release.yml': WORKFLOW(env),
    'tools/publish.mjs': 'import { execSync } from "node:child_process";\nexecSync("pnpm publish --filter @rcd/cli --no-git-checks", { stdio: "inherit" });\n',
  };
  for (const [dir, json] of Object.entries(packages)) files[`packages/${dir}/package.json`] = json;
  return files;
}

async function found(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files, { rule: RULE })).map((d) => `${d.messageId} ${d.severity} ${d.file}:${d.line}:${d.column}`);
}

describe(`${RULE}: packages only a guessed publish may send`, () => {
  it('a candidate naming the old repository: a warning that says the publish may not send it', async () => {
    const [d, ...rest] = await lintFiles(workspace({ cli: pkg('@rcd/cli', OLD) }), { rule: RULE });
    expect(rest).toEqual([]);
    expect([d?.messageId, d?.severity, d?.file, d?.line, d?.column]).toEqual(['mismatch', 'warning', 'packages/cli/package.json', 6, 12]);
    expect(d?.message).toBe(
      'Package "@rcd/cli" (which "pnpm publish (run by tools/publish.mjs)" may publish; tp-doctor could not see which packages it publishes) `repository.url` is "git+https://github.com/secustor/renovate-config-visualizer.git", expected to match "https://github.com/secustor/renovate-config-debugger" from the trusted publisher in the tp-doctor config',
    );
  });

  it('many candidates with the same stale URL: one finding; one without `repository`: none', async () => {
    const loop = 'import { execFileSync } from "node:child_process";\nfor (const name of process.argv.slice(2)) execFileSync("pnpm", ["--filter", name, "publish"]);\n';
    const files = { ...workspace({ a: pkg('@rcd/a', OLD), b: pkg('@rcd/b', OLD), c: pkg('@rcd/c') }), 'tools/publish.mjs': loop };
    expect(await found(files)).toEqual(['mismatch warning packages/a/package.json:6:12']);
  });

  it('provenance switched off in the publish step: nothing', async () => {
    expect(await found(workspace({ cli: pkg('@rcd/cli', OLD) }, 'false'))).toEqual([]);
  });
});
