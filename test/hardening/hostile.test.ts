/**
 * The hostile inputs of scripts/gen-hostile.mjs (TIME_CASES) at a twentieth of their size, each
 * with a result to check. The generous per-case timeout only catches a hang; how fast each case
 * is, and how its time grows, is measured by bench/hostile.mjs (`npm run bench:hostile`), never
 * asserted here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { MAX_STEPS_PER_JOB, MAX_WORKFLOW_FILES } from '../../src/model/core/limits.js';
import { MAX_YAML_VALUES } from '../../src/yaml/parse.js';
import { TIME_CASES } from '../../scripts/gen-hostile.mjs';

interface TimeCase {
  id: string;
  what: string;
  n: number;
  build: (dir: string, n: number) => void;
}

interface JsonReport {
  diagnostics: { ruleId: string; messageId: string; message: string; file: string }[];
  notes?: string[];
  publishes: { job: string; command: string; certainty: string }[];
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function lintCase(kase: TimeCase, n: number): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tp-doctor-hostile-${kase.id}-`));
  made.push(dir);
  kase.build(dir, n);
  let stdout = '';
  let stderr = '';
  const code = await run(['.', '--format', 'json'], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    isTTY: false,
    cwd: dir,
  });
  expect(stderr).not.toMatch(/internal error/);
  return { code, report: JSON.parse(stdout) as JsonReport, stderr };
}

const ids = (r: JsonReport): string[] => r.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`);

/** Per case: the size to run (default n/20) and what the result must be. */
const CHECKS: Record<string, { n?: number; timeout?: number; check: (r: { code: number; report: JsonReport; stderr: string }) => void }> = {
  'gitlab-reference-fanout': {
    // Ten levels of n references each: resolved once per written reference, the publishing job beside them still found.
    n: 10,
    check: ({ report, stderr }) => {
      expect(report.publishes.map((p) => p.job)).toEqual(['job2']);
      expect(ids(report)).toContain('gitlab-npm-id-token/noIdTokens');
      expect(stderr).toMatch(/inferred a GitLab publisher: .*job "job2"/);
    },
  },
  'pnpm-publish-words': {
    // The publish is recognised whatever follows it: the workflow is inferred as the publishing one.
    check: ({ code, stderr }) => {
      expect(code).toBe(0);
      expect(stderr).toMatch(/inferred a GitHub publisher: .*, workflow p\.yml\./);
    },
  },
  'npmrc-write-slashes': {
    // `//a//a…` is a registry URL for host "a", not for registry.npmjs.org: no token finding.
    check: ({ report }) => expect(ids(report)).toEqual(['require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']),
  },
  'blank-lines-lerna': {
    // `lerna publish` after the blank lines is still found and its version asked for.
    check: ({ report }) => expect(ids(report)).toContain('publish-tool-supports-oidc/unknown'),
  },
  'mise-blank-lines': {
    check: ({ report }) => {
      const d = report.diagnostics.find((x) => x.messageId === 'unknownNpm');
      expect(d?.message).toMatch(/"mise\.toml" names no `node` tool/);
    },
  },
  'git-config-spaces': {
    // `a   …   b` is not a remote URL: no repository inferred from it.
    check: ({ stderr }) => expect(stderr).toMatch(/no repository \(no GitHub remote/),
  },
  'gitlab-include-glob': {
    n: 240,
    // `**a**…a.yml` does not match a `.yaml` file, however long its name.
    check: ({ report }) => expect(ids(report)).toContain('gitlab-config-resolvable/includeNoMatch'),
  },
  'ignore-glob': {
    n: 240,
    // Neither ignore pattern matches (the name does not end in `b.yml`): the workflow is checked.
    check: ({ stderr }) => expect(stderr).toMatch(/workflow a{240}\.yml/),
  },
  'many-workflow-files': {
    n: MAX_WORKFLOW_FILES + 50,
    // The workflows that publish nothing are checked one at a time and not kept: all are read.
    check: ({ report }) => {
      expect(report.diagnostics.filter((d) => d.messageId === 'limit')).toEqual([]);
      expect(report.diagnostics.some((d) => d.file === '.github/workflows/publish.yml')).toBe(true);
    },
  },
  'env-keys': {
    check: ({ report }) => expect(ids(report)).toEqual(['require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']),
  },
  'package-json-deps': {
    check: ({ code, report }) => {
      expect(code).toBe(0);
      expect(ids(report).filter((id) => id.startsWith('invalid-package-json'))).toEqual([]);
    },
  },
  'many-steps': {
    n: MAX_STEPS_PER_JOB + 1,
    check: ({ report }) => expect(ids(report)).toEqual(['invalid-yaml/limit']),
  },
  'many-publish-lines': {
    // Full size: each publish used to re-split the whole script (and every rule compared each
    // publish with every other), minutes of work; the budget below only catches that hang.
    n: 10_000,
    timeout: 120_000,
    check: ({ report }) => expect(ids(report)).toContain('npm-supports-oidc/unknownNpm'),
  },
  // Full size, as above: each publish looked at every earlier script line (GitLab) or re-split its
  // step (CircleCI).
  'gitlab-many-publish-lines': {
    n: 10_000,
    timeout: 120_000,
    check: ({ report }) =>
      expect(ids(report)).toEqual(['require-environment-protection/gitlabMissing', 'npm-supports-oidc/bundledTooOld', 'gitlab-sigstore-token/missing']),
  },
  // Full size: each publish read every earlier line again for a write into the named file (review 1208a).
  'gitlab-userconfig-publish-lines': {
    n: 4_000,
    timeout: 120_000,
    check: ({ report }) => {
      expect(ids(report)).toEqual(['require-environment-protection/gitlabMissing', 'npm-supports-oidc/bundledTooOld', 'gitlab-sigstore-token/missing']);
      expect(report.publishes).toHaveLength(4_000);
    },
  },
  'many-publish-steps': {
    // Full size: each publish asked about every step before it, whose script splits a bounded cache of
    // 64 had already dropped (review: 1,000 steps took 11 s from the CLI, 2.5 s now).
    n: 1_000,
    timeout: 120_000,
    check: ({ report }) => {
      expect(ids(report).filter((id) => id.startsWith('invalid-yaml'))).toEqual([]);
      expect(ids(report).filter((id) => id.startsWith('npm-supports-oidc'))).toEqual([]);
    },
  },
  'gitlab-upgrade-publish-pairs': {
    // Full size: each publish walked every upgrade before it again, each asking npm's release table
    // for an engine-aware pick (500 pairs took minutes); 1,000 pairs now take a few seconds.
    n: 1_000,
    timeout: 120_000,
    // npm@11 on Node 20: each publish runs npm 11, which can publish with trusted publishing.
    check: ({ report }) => expect(ids(report).filter((id) => id.startsWith('npm-supports-oidc') || id.startsWith('npm-upgrade-compatible/engineMismatch'))).toEqual([]),
  },
  'circleci-many-publish-lines': {
    n: 10_000,
    timeout: 120_000,
    // The step never sets NPM_ID_TOKEN and its image bundles an npm too old for CircleCI: one finding
    // each for the step, not one per publish line.
    check: ({ code, report, stderr }) => {
      expect(code).toBe(1);
      expect(stderr).toMatch(/inferred a CircleCI publisher/);
      expect(ids(report)).toEqual(['circleci-npm-id-token/missing', 'npm-supports-oidc/bundledTooOld']);
    },
  },
  // Issue 17 (2026-12-07, evening). Full size: the job's token fallback was asked again for each of
  // its n findings, each answer looking at every write for every publish (700 pairs: 27.0 s of CPU
  // before, 2.2 s after, from the CLI at load 10). The writes go to `~/.npmrc<i>`, which npm never reads: the publishes get no
  // token from them, and the fallback found is the command named for a token.
  'circleci-token-write-publish-pairs': {
    n: 700,
    timeout: 120_000,
    check: ({ report }) => {
      const missing = report.diagnostics.filter((d) => d.messageId === 'missing');
      expect(missing).toHaveLength(700);
      expect(ids(report).filter((id) => id !== 'circleci-npm-id-token/missing')).toEqual(['npm-supports-oidc/bundledTooOld']);
      expect(report.publishes).toHaveLength(700);
    },
  },
  // Bounded by the 2,000 steps of a job (MAX_STEPS_PER_JOB): at 1,000 pairs the old Node scan (a copy
  // of every earlier step for each earlier step, for each publish) took 12.9 s of CPU, 3.8 s after; the rest
  // is each publish looking at every step before it, as in many-publish-steps. A twentieth here.
  'github-token-write-publish-pairs': {
    check: ({ report }) => {
      expect(ids(report)).toEqual(['require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']);
      expect(report.publishes).toHaveLength(50);
    },
  },
  'gitlab-token-write-publish-pairs': {
    check: ({ report }) => {
      expect(ids(report)).toEqual(['require-environment-protection/gitlabMissing', 'npm-supports-oidc/bundledTooOld', 'gitlab-sigstore-token/missing']);
      expect(report.publishes).toHaveLength(100);
    },
  },
  // Full size: after `curl … | bash -` the text before each publish line was split again (5,000
  // lines: 21.1 s of CPU before, 1.4 s after).
  'nodesource-many-publish-lines': {
    n: 5_000,
    timeout: 120_000,
    check: ({ report }) => {
      expect(ids(report)).toEqual(['require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']);
      expect(report.publishes).toHaveLength(5_000);
    },
  },
  // A twentieth: each publish step still looks at every step before it (1,999 steps: 17.8 s of CPU
  // before, 6.0 s after; bench/README.md, 2026-12-07 evening).
  'nodesource-many-publish-steps': {
    check: ({ report }) => {
      expect(ids(report)).toEqual(['require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']);
      expect(report.publishes).toHaveLength(100);
    },
  },
  // Full size: without the budget of action steps, minutes (review of 2026-12-04).
  'self-using-action': {
    n: 200,
    check: ({ report }) => {
      expect(ids(report)).toEqual(['no-cache-in-publish-job/cacheAction', 'require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']);
      expect(report.diagnostics.find((d) => d.ruleId === 'npm-supports-oidc')?.message).toContain('local composite actions hold more steps than tp-doctor reads (2,000');
    },
  },
  // Full size: without short-circuits and the budget of evaluations, far longer than the timeout.
  'chained-env-or': {
    n: 200,
    check: ({ report }) => {
      expect(ids(report)).toEqual(['require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']);
      expect(report.diagnostics.find((d) => d.ruleId === 'npm-supports-oidc')?.message).toContain('whose references lead to more values than tp-doctor evaluates');
    },
  },
  // Full size: each took minutes or crashed before its fix (review400 B1, B2, C1).
  'userconfig-redirects': {
    n: 320_000,
    // No command writes the user configuration (neither the `>` run nor `tee` names it): a credential of its own.
    check: ({ report }) => {
      expect(ids(report)).toEqual(['registry-is-npmjs/otherRegistryOwnCredential']);
      expect(report.diagnostics[0]!.message).toContain('`NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public` in the job `env`');
    },
  },
  'mise-deep-working-directory': {
    n: 8_000,
    check: ({ report }) => {
      expect(ids(report)).toContain('npm-supports-oidc/unknownNpm');
      expect(report.diagnostics.find((d) => d.ruleId === 'npm-supports-oidc')?.message).toMatch(/and of each directory above it, 8000 levels, more than the 32 tp-doctor reads/);
    },
  },
  // Full size: every `s*` matched all 20,000 scripts again and each match was looked for among the
  // commands kept (over 5 minutes; 3,000 scripts took 14 s, review of 2026-12-06). Now the chain's
  // first MAX_CHAIN_COMMANDS commands are read, and the rest is a command tp-doctor cannot read.
  'script-chain-globs': {
    n: 20_000,
    check: ({ report }) => {
      expect(ids(report)).toEqual(['require-environment-protection/missing', 'npm-supports-oidc/unknownNpm']);
      expect(report.publishes.map((p) => `${p.command} ${p.certainty}`)).toEqual(['npm run release (runs an unrecognised command) likely', 'npm publish certain']);
    },
  },
  // Full size: each token was looked for in every function and every branch not taken (review of
  // 2026-12-07: 13 s for 7,800 functions). The publish stands in a branch `preview` does not take.
  'js-argv-dispatch-functions': {
    n: 5_000,
    timeout: 120_000,
    check: ({ report }) => expect(report.publishes).toEqual([]),
  },
  // Full size: 1,500 commander commands; `build` is none of them, and the publish command is not reached.
  'js-argv-cli-commands': {
    n: 1_500,
    timeout: 120_000,
    check: ({ report }) => expect(report.publishes).toEqual([]),
  },
  'mise-env-entries': {
    n: 20_000,
    check: ({ report }) => {
      expect(ids(report)).toContain('npm-supports-oidc/unknownNpm');
      expect(report.diagnostics.find((d) => d.ruleId === 'npm-supports-oidc')?.message).toContain('`MISE_ENV` names 20000 environments, each with its own configuration files, more than the 8 tp-doctor reads');
    },
  },
};

describe('hostile inputs finish with a result', () => {
  it('every case has a check', () => {
    expect((TIME_CASES as TimeCase[]).map((c) => c.id).sort()).toEqual(Object.keys(CHECKS).sort());
  });
  for (const kase of TIME_CASES as TimeCase[]) {
    const check = CHECKS[kase.id]!;
    const n = check.n ?? Math.max(1, Math.round(kase.n / 20));
    it(`${kase.id}: ${kase.what.replace(/\bn\b/, String(n))}`, { timeout: check.timeout ?? 20_000 }, async () => {
      check.check(await lintCase(kase, n));
    });
  }

  it('env-keys at full size (150,000 keys, 1.8 MB) is a tooManyValues warning, not 300 MB of parse trees', { timeout: 60_000 }, async () => {
    const kase = (TIME_CASES as TimeCase[]).find((c) => c.id === 'env-keys')!;
    const { code, report } = await lintCase(kase, kase.n);
    expect(code).toBe(0);
    expect(report.diagnostics.map((d) => `${d.ruleId}/${d.messageId} ${d.message}`)).toEqual([
      `invalid-yaml/tooManyValues YAML file too large: the file holds more than ${MAX_YAML_VALUES.toLocaleString('en-US')} YAML keys and values, where tp-doctor reads at most that many; the file was not checked`,
    ]);
  });
});
