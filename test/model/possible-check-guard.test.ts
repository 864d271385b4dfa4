/**
 * A command whose own words say it checks, or a CircleCI command that guards its job (`… ||
 * circleci step halt`), is no possible publish because a name around it says publish; and of
 * several candidates the one whose own command says publish is chosen (src/model/npm/possible-publish.ts
 * `checksItself`, `publishRank`). Pascal-Lohscheidt/m4trix's job `publish-core` runs "Check if core
 * package should be published" (`pnpm exec jiti scripts/check-package-scope.ts core || circleci step
 * halt`) before "Publish core package" (`pnpm run package:publish`): the check was the job's one
 * possible publish, and the `_authToken` write between them got no finding.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

// Commands tp-doctor cannot read (m4trix runs `turbo run`, now followed: src/model/npm/turbo-runs.ts), so that the choice between possible publishes is what is tested.
const SCRIPTS = { 'package:publish': 'release-tool ship @m4trix/core', 'package:build': 'build-tool all', 'check:scope': 'node scripts/scope.js' };
const PKG = JSON.stringify({ name: '@m4trix/core', version: '1.0.0', scripts: SCRIPTS });

type Steps = [name: string, run: string][];

function github(job: string, steps: Steps): Record<string, string> {
  const lines = ['on: push', 'jobs:', `  ${job}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/setup-node@v6', '        with:', '          registry-url: https://registry.npmjs.org'];
  for (const [name, run] of steps) lines.push(`      - name: ${name}`, `        run: ${run}`, '        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}');
  return { '.github/workflows/release.yml': `${lines.join('\n')}\n` };
}

function gitlab(job: string, steps: Steps): Record<string, string> {
  return { '.gitlab-ci.yml': [`${job}:`, '  variables:', '    NPM_TOKEN: x', '  script:', ...steps.map(([, run]) => `    - ${run}`), ''].join('\n') };
}

/** With `context`, the sign of npm is the context the workflow gives the job (m4trix's `NPM`), not a token in its environment. */
function circleci(job: string, steps: Steps, context?: string): Record<string, string> {
  const env = context === undefined ? ['    environment:', '      NPM_TOKEN: x'] : [];
  const lines = ['version: 2.1', 'jobs:', `  ${job}:`, '    docker: [{ image: cimg/node:24.11.0 }]', ...env, '    steps:', '      - checkout'];
  for (const [name, run] of steps) lines.push('      - run:', `          name: ${name}`, `          command: ${run}`);
  lines.push('workflows:', '  main:', '    jobs:', context === undefined ? `      - ${job}` : `      - ${job}: { context: [${context}] }`, '');
  return { '.circleci/config.yml': lines.join('\n') };
}

/** `certainty label` of the sites. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ 'package.json': PKG, ...files })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

const PROVIDERS = { github, gitlab, circleci };

describe('a command whose own words say it checks is no possible publish, whatever the names say', () => {
  const cases: [what: string, steps: Steps, want: string[]][] = [
    ['a check script file', [['Check if core package should be published', 'pnpm exec jiti scripts/check-package-scope.ts core']], []],
    ['a check tool subcommand', [['Publish', 'make verify']], []],
    ['a package script named check', [['Publish', 'npm run check:scope']], []],
    ['a camelCase validate script', [['Publish', 'node scripts/validateRelease.js']], []],
    ['control: the command itself says publish too', [['Publish', './scripts/check-and-publish.sh']], ['possible "./scripts/check-and-publish.sh"']],
    ['control: no check word', [['Publish', 'node scripts/release.js']], ['possible "node scripts/release.js"']],
    ['control: an option that names checks says how, not what', [['Publish', './scripts/release.sh --skip-checks']], ['possible "./scripts/release.sh --skip-checks"']],
  ];
  for (const [provider, files] of Object.entries(PROVIDERS)) {
    it.each(cases)(`${provider}: %s`, (_what, steps, want) => {
      expect(sites(files('publish', steps))).toEqual(want);
    });
  }
});

describe('of several candidates, the first whose own command says publish is chosen', () => {
  const cases: [what: string, steps: Steps, want: string[]][] = [
    ['a check before the publish (GitHub: each step keeps its own)', [['Verify', 'node scripts/check-tag.js'], ['Publish', 'pnpm run package:publish']], ['possible "pnpm run package:publish"']],
  ];
  for (const [provider, files] of Object.entries(PROVIDERS)) {
    it.each(cases)(`${provider}: %s`, (_what, steps, want) => {
      expect(sites(files('publish', steps))).toEqual(want);
    });
  }

  it.each(Object.entries(PROVIDERS))('%s: in one script, a publish after a bump', (_provider, files) => {
    expect(sites(files('publish', [['Publish', './scripts/bump.sh && ./scripts/publish.sh']]))).toEqual(['possible "./scripts/publish.sh"']);
    // control: the first of the highest rank, not the last
    expect(sites(files('publish', [['Publish', './scripts/publish.sh && ./scripts/publish-docs-index.sh']]))).toEqual(['possible "./scripts/publish.sh"']);
    expect(sites(files('publish', [['Publish', './scripts/bump.sh && ./scripts/tag.sh']]))).toEqual(['possible "./scripts/bump.sh"']);
    // jdx/mise: an environment prefix's name is no word of the command
    const mise = 'NPM_PREFIX=a ./scripts/release-npm.sh && PUBLISH_PLATFORM_PACKAGES=0 ./scripts/release-npm.sh';
    expect(sites(files('publish', [['Publish', mise]]))).toEqual(['possible "NPM_PREFIX=a ./scripts/release-npm.sh"']);
  });

  it('GitLab: one possible publish per job, the line whose command says publish', () => {
    expect(sites(gitlab('publish', [['', './scripts/bump.sh'], ['', './scripts/publish.sh']]))).toEqual(['possible "./scripts/publish.sh"']);
    expect(sites(gitlab('publish', [['', './scripts/bump.sh'], ['', './scripts/tag.sh']]))).toEqual(['possible "./scripts/bump.sh"']);
  });

  it('CircleCI: one per job, a later step whose command says publish beats an earlier one only the job name made plausible', () => {
    const steps: Steps = [['Bump version and create tag', 'pnpm exec jiti scripts/bump-and-tag.ts core'], ['Publish core package', 'pnpm run package:publish']];
    expect(sites(circleci('publish-core', steps))).toEqual(['possible "pnpm run package:publish"']);
    // control: without the publish step, the bump is the job's possible publish
    expect(sites(circleci('publish-core', steps.slice(0, 1)))).toEqual(['possible "pnpm exec jiti scripts/bump-and-tag.ts core"']);
    // its own command over a step's name that says publish
    expect(sites(circleci('ship', [['Publish to npm', './scripts/go.sh'], ['Ship', './scripts/publish.sh']]))).toEqual(['possible "./scripts/publish.sh"']);
    expect(sites(circleci('ship', [['Publish to npm', './scripts/go.sh'], ['Ship', './scripts/ship.sh']]))).toEqual(['possible "./scripts/go.sh"']);
  });
});

describe("CircleCI: the job's name lifts no veto of the step", () => {
  it('a build step of a job named publish is no possible publish', () => {
    expect(sites(circleci('publish-core', [['Build core package', 'pnpm run package:build']]))).toEqual([]);
    expect(sites(circleci('publish-core', [['Build and publish', './scripts/ci.sh']]))).toEqual(['possible "./scripts/ci.sh"']);
  });
});

describe('CircleCI: a command that guards the job (`|| circleci step halt`) is no possible publish', () => {
  it.each([
    ['./scripts/should-release.sh || circleci step halt', []],
    ['./scripts/should-release.sh || circleci-agent step halt', []],
    ['./scripts/should-release.sh || { echo "nothing to release"; circleci-agent step halt; }', []],
    // controls: its own words say publish; no halt; a halt after success is no guard
    ['./scripts/publish.sh || circleci step halt', ['possible "./scripts/publish.sh"']],
    ['./scripts/should-release.sh', ['possible "./scripts/should-release.sh"']],
    ['./scripts/should-release.sh && circleci step halt', ['possible "./scripts/should-release.sh"']],
  ])('%s', (run, want) => {
    expect(sites(circleci('release', [['Release', run]]))).toEqual(want);
  });
});

describe('Pascal-Lohscheidt/m4trix: the guard, the token write, the publish', () => {
  const steps: Steps = [
    ['Install dependencies', 'pnpm install'],
    ['Check if core package should be published', 'pnpm exec jiti scripts/check-package-scope.ts core || circleci step halt'],
    ['Bump version and create tag', 'pnpm exec jiti scripts/bump-and-tag.ts core'],
    ['Build core package', 'pnpm run package:build'],
    ['Authenticate with npm', 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc'],
    ['Publish core package', 'pnpm run package:publish'],
  ];
  it('the publish step is the possible publish, and the token write before it is reported', async () => {
    const files = { 'package.json': PKG, ...circleci('publish-core', steps, 'NPM') };
    const facts = loadProject(new MemoryFs(files)).facts;
    expect(facts.sites.map((s) => [s.certainty, s.publish.match.label, s.publish.location.start.line])).toEqual([['possible', '"pnpm run package:publish"', 24]]);
    const found = await lintFiles(files, { rule: 'no-long-lived-token' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.line}`)).toEqual(['circleciRunWrite:info:21']);
  });
});
