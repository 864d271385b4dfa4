import { describe } from 'vitest';
import { fromRuleCases, ruleTester, scriptPublishWorkflow, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'repository-matches-publisher';

/**
 * survey921a M2, secustor/renovate-config-debugger #220: a script publishes the workspace packages
 * (`node tools/publish.mjs` → `pnpm publish --filter @rcd/cli`), so which it sends is a guess; a
 * package's `repository.url` still naming the repository's old name failed with E422.
 */
const WORKFLOW = (run: string): string => scriptPublishWorkflow(`run: ${run}`);

const GIT = '[remote "origin"]\n\turl = https://github.com/secustor/renovate-config-debugger.git\n';
const OLD = 'git+https://github.com/secustor/renovate-config-visualizer.git';
const NEW = 'git+https://github.com/secustor/renovate-config-debugger.git';

function pkg(name: string, url: string | undefined, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name, version: '0.1.0', ...extra, ...(url ? { repository: { type: 'git', url } } : {}) });
}

function workspace(run: string, packages: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {
    '.git/config': GIT,
    'package.json': JSON.stringify({ name: 'rcd', private: true, packageManager: 'pnpm@10.20.0' }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    '.github/workflows/release.yml': WORKFLOW(run),
    'tools/publish.mjs': 'import { execSync } from "node:child_process";\nexecSync("pnpm publish --filter @rcd/cli --no-git-checks", { stdio: "inherit" });\n',
    ...extra,
  };
  for (const [dir, json] of Object.entries(packages)) files[`packages/${dir}/package.json`] = json;
  return files;
}

/** The renovate-config-debugger shape: semantic-release's exec plugin runs a script that loops over the public packages. */
const LOOP = `import { execFileSync } from "node:child_process";
import { publicPackages } from "./workspace.mjs";
for (const pkg of publicPackages()) {
  execFileSync("pnpm", ["--filter", pkg.name, "publish", "--access", "public", "--no-git-checks"], { stdio: "inherit" });
}
`;
const RELEASE_CONFIG = `export default {
  branches: ["main"],
  plugins: [
    ["@semantic-release/exec", { publishCmd: "node tools/release/publish.mjs" }],
  ],
};
`;

const MAYBE = (command: string): string => ` (which "${command}" may publish; tp-doctor could not see which packages it publishes)`;

const cases: RuleCase[] = [
  {
    name: 'a script publishes a workspace package whose repository.url names another repository: a warning naming the publish',
    files: workspace('node tools/publish.mjs', { cli: pkg('@rcd/cli', OLD) }),
    want: ['remoteVsCandidate@1:71-1:135'],
    data: { package: '@rcd/cli', declared: 'secustor/renovate-config-visualizer', actual: 'secustor/renovate-config-debugger', maybe: MAYBE('pnpm publish (run by tools/publish.mjs)') },
    related: ['.git/config:2:2 git remote "origin"', '.github/workflows/release.yml:16:14 the publish that may send it'],
  },
  { name: 'control: the same script, repository.url naming the remote', files: workspace('node tools/publish.mjs', { cli: pkg('@rcd/cli', NEW) }), want: [] },
  { name: 'control: a private package the script cannot publish', files: workspace('node tools/publish.mjs', { cli: pkg('@rcd/cli', OLD, { private: true }) }), want: [] },
  { name: 'control: no publish in the job', files: workspace('pnpm build', { cli: pkg('@rcd/cli', OLD) }), want: [] },
  {
    // One cause, one finding: every package naming the old repository shares the URL.
    name: 'a looping script over many packages with the same stale URL: one finding',
    files: workspace(
      'pnpm exec semantic-release',
      { a: pkg('@rcd/a', OLD), b: pkg('@rcd/b', OLD), c: pkg('@rcd/c', NEW), d: pkg('@rcd/d', OLD, { private: true }) },
      { 'release.config.mjs': RELEASE_CONFIG, 'tools/release/publish.mjs': LOOP, 'tools/release/workspace.mjs': 'export const publicPackages = () => [];\n' },
    ),
    want: ['remoteVsCandidate@1:69-1:133'],
    data: { package: '@rcd/a', maybe: MAYBE('pnpm publish (run by tools/release/publish.mjs) (publishCmd of @semantic-release/exec in release.config.mjs)') },
  },
  {
    // The publish that surely sends a package is the one reported, as before; the guess adds nothing for the same URL.
    name: 'a certain publish of one package and a guessed one of another, same stale URL: the certain finding only',
    files: workspace('pnpm publish --filter @rcd/cli --no-git-checks && node tools/publish.mjs', { cli: pkg('@rcd/cli', OLD), web: pkg('@rcd/web', OLD) }),
    want: ['remoteVsPackage@1:71-1:135'],
  },
];

describe(`${RULE}: packages only a guessed publish may send`, () => {
  const table = fromRuleCases(cases);
  ruleTester.run(RULE, {
    valid: table.valid,
    invalid: [
      ...table.invalid,
      {
        name: 'renders the warning on the package.json, with the publish named',
        files: workspace('node tools/publish.mjs', { cli: pkg('@rcd/cli', OLD) }),
        errors: [
          {
            messageId: 'remoteVsCandidate',
            at: '1:71-1:135',
            file: 'packages/cli/package.json',
            severity: 'warning',
            message: `Package "@rcd/cli"${MAYBE('pnpm publish (run by tools/publish.mjs)')} \`repository.url\` names "secustor/renovate-config-visualizer", but the git remote is "secustor/renovate-config-debugger"`,
          },
        ],
      },
    ],
    notCovered: {
      mismatch: 'repository-matches-publisher.test.ts',
      caseMismatch: 'repository-matches-publisher.test.ts',
      otherHost: 'repository-matches-publisher.test.ts',
      vcsOriginVsPackage: 'circleci.test.ts',
    },
  });
});
