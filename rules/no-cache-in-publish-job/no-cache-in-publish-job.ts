import { defineRule } from '../../src/engine/define-rule.js';
import { ReportsByLocation } from '../../src/engine/report-once.js';
import { repositoryPath } from '../../src/model/github/checkout.js';
import type { Job } from '../../src/model/github/types.js';
import { editPath, publishingJobRelated } from '../../src/model/gitlab/jobs.js';
import type { EffectiveValue } from '../../src/model/gitlab/types.js';
import { leafText } from '../../src/model/gitlab/values.js';
import type { PackageJson } from '../../src/model/npm/package-json.js';
import { actionMajor, type CacheStepView } from './steps.js';
import { usesSteps } from '../../src/model/github/uses-steps.js';

/** Actions that restore a cache (`actions/cache` restores and saves; `/restore` only restores), and drop-in forks of it. */
const CACHE_ACTIONS = new Set([
  'actions/cache',
  'actions/cache/restore',
  'useblacksmith/cache',
  'useblacksmith/cache/restore',
  'buildjet/cache',
  'buildjet/cache/restore',
  'runs-on/cache',
  'runs-on/cache/restore',
  // Rust build caches (`~/.cargo` and `target/`): a native binary or WebAssembly built from them
  // ships in the package (Swatinem/rust-cache's README: it restores and saves both).
  'swatinem/rust-cache',
  // "Install npm dependencies with caching without any configuration": it restores and saves
  // `~/.npm` or Yarn's cache with @actions/cache, and no input turns that off (bahmutov/npm-install's
  // action.yml: working-directory, useLockFile, useRollingCache, install-command, cache-key-prefix).
  'bahmutov/npm-install',
]);

/**
 * Actions published on a branch of another action's repository, named by the ref: Wireit's
 * `google/wireit@setup-github-actions-caching/v2` lets every later `wireit` script restore its
 * output (build output that ships in the package) from the GitHub Actions cache (Wireit's README,
 * "GitHub Actions caching").
 */
const CACHE_ACTION_REFS: readonly { name: string; refPrefix: string }[] = [{ name: 'google/wireit', refPrefix: 'setup-github-actions-caching/' }];

/** True when the step is a cache action of `CACHE_ACTIONS`, or one of `CACHE_ACTION_REFS` by its ref. */
function isCacheAction(view: { name: string; ref: string | undefined }): boolean {
  if (CACHE_ACTIONS.has(view.name)) return true;
  const ref = view.ref?.toLowerCase();
  return ref !== undefined && CACHE_ACTION_REFS.some((a) => a.name === view.name && ref.startsWith(a.refPrefix));
}

/**
 * Setup actions whose `cache:` input restores a dependency cache, and when the value turns it on:
 * setup-node/setup-python/setup-java take a package-manager name (empty = off; `false` names none, so
 * nothing is restored), pnpm/action-setup and pnpm/setup (pnpm with its runtime, v2) a boolean
 * (default false; both cache the pnpm store), voidzero-dev/setup-vp (Vite+) a boolean (default false),
 * denoland/setup-deno a boolean (default false; downloaded modules and packages).
 */
const namesManager = (v: string): boolean => v !== '' && v.toLowerCase() !== 'false';
const isTrue = (v: string): boolean => v.toLowerCase() === 'true';
const CACHE_INPUTS: ReadonlyMap<string, (value: string) => boolean> = new Map([
  ['actions/setup-node', namesManager],
  ['useblacksmith/setup-node', namesManager],
  ['actions/setup-python', namesManager],
  ['actions/setup-java', namesManager],
  ['pnpm/action-setup', isTrue],
  ['pnpm/setup', isTrue],
  // Vite+ (`cache:` "Enable caching of project dependencies", default false).
  ['voidzero-dev/setup-vp', isTrue],
  ['denoland/setup-deno', isTrue],
  // ruby/setup-ruby: `bundler-cache: true` runs `bundle install` and caches the installed gems (default false; primer/octicons).
  ['ruby/setup-ruby', isTrue],
]);

/** The input of `CACHE_INPUTS` when it is not `cache`. */
const CACHE_INPUT_NAMES: ReadonlyMap<string, string> = new Map([['ruby/setup-ruby', 'bundler-cache']]);

/**
 * Setup actions that restore a cache unless an input turns it off, by their action.yml and README:
 * actions-rust-lang/setup-rust-toolchain and moonrepo/setup-rust (the cargo registry and `target/`,
 * through Swatinem/rust-cache for the former; `cache:` default true; releases before the input
 * existed cached unconditionally), jdx/mise-action (the tools it installs; `cache:` default
 * `"true"`), oven-sh/setup-bun (the Bun executable, saved in its post step; `no-cache:` default
 * false). `input` is the switch, `off` the value that turns the cache off.
 */
const CACHE_BY_DEFAULT: ReadonlyMap<string, { input: string; off: 'true' | 'false'; what: string }> = new Map([
  ['actions-rust-lang/setup-rust-toolchain', { input: 'cache', off: 'false', what: 'a build cache' }],
  ['moonrepo/setup-rust', { input: 'cache', off: 'false', what: 'a build cache' }],
  ['jdx/mise-action', { input: 'cache', off: 'false', what: 'the tools it installs from a cache' }],
  ['oven-sh/setup-bun', { input: 'no-cache', off: 'true', what: 'the Bun executable from a cache' }],
] as const);

const POISON_WHY =
  "A cache entry holds whatever the run that saved it put there, and GitHub lets a run restore entries saved by other runs on its branch and on the default branch, including runs that execute code nobody reviewed (a `pull_request_target` or `issue_comment` workflow, a test job running a compromised dependency). Packages, build tools or output restored from a poisoned entry run inside the job that can mint the npm OIDC token and publish with valid provenance; npm's trusted-publishing guide says never to use caching in release builds";

const EXPR = /\$\{\{/;

export default defineRule({
  id: 'no-cache-in-publish-job',
  meta: {
    severity: 'warning',
    providers: ['github', 'gitlab'],
    summary: 'The publishing job restores no dependency or build cache another run could have written',
    // Cache poisoning turns a low-privilege foothold into a publish with valid provenance, but
    // needs a second weakness to write the entry: 5.0.
    securitySeverity: 5.0,
    messages: {
      cacheAction: {
        text: 'Job "{job}" {publishes} to npm after restoring a cache with `{action}`',
        why: POISON_WHY,
        fix: 'Remove the `{action}` step ({path}) from the publishing job; if the build needs speed, build and test in a separate job and hand the publishing job only the artifact, which it verifies before publishing',
      },
      cacheActionThisRun: {
        text: 'Job "{job}" {publishes} to npm after restoring a cache with `{action}` keyed by this run (`github.run_id`)',
        why: 'Every key the step restores (`key` and each `restore-keys` line) contains `github.run_id`, so it restores only an entry saved under this run\'s id: normally one an earlier job of the same run saved. Another run could plant one only by writing that id ahead of time; run ids are increasing numbers, so that takes a guess, not a certainty. An artifact (`actions/upload-artifact`/`download-artifact`) hands the build over without any cache',
        fix: 'Hand the build from the earlier job to the publishing job as an artifact instead of the `{action}` step ({path}), or leave it if the key stays scoped to the run',
        severity: 'info',
      },
      cacheInput: {
        text: 'Job "{job}" {publishes} to npm after `{action}` restores a dependency cache (`{input}: {value}`)',
        why: POISON_WHY,
        fix: 'Remove `{input}: {value}` from {path}; install with a lockfile instead (`npm ci`, `pnpm install --frozen-lockfile`), or build in a separate job and publish its verified artifact',
      },
      cacheTools: {
        text: 'Job "{job}" {publishes} to npm after `{action}` restores {what} (`{input}: {value}`)',
        why: POISON_WHY,
        fix: 'Set `{off}` under `with:` of the `{action}` step ({path}), or build in a separate job and publish its verified artifact',
      },
      cacheByDefault: {
        text: 'Job "{job}" {publishes} to npm after `{action}` restores {what} (its `{input}:` input is {state} by default)',
        why: POISON_WHY,
        fix: 'Add `{off}` under `with:` of the `{action}` step ({path}), or build in a separate job and publish its verified artifact',
      },
      autoCache: {
        text: 'Job "{job}" {publishes} to npm after `actions/setup-node@{ref}` restores the {manager} cache automatically ({reason})',
        why: `setup-node v5 and later turn caching on by themselves when \`package.json\` names a package manager, unless \`package-manager-cache: false\` is set. ${POISON_WHY}`,
        fix: 'Add `package-manager-cache: false` under `with:` of the setup-node step ({path}), as npm\'s trusted-publishing example does',
      },
      gitlabCache: {
        text: 'Job "{job}" {publishes} to npm after restoring a GitLab cache (`{path}`)',
        why: 'Whatever the pipeline that saved the cache put there runs or ships in the job that gets the npm ID token. By default GitLab keeps the caches of protected branches and tags apart from those of unprotected ones (project setting "Use separate caches for protected branches", on since GitLab 15.0), so this is safe only when the job runs on a protected branch or tag and the setting is on; neither can be seen in the files',
        fix: 'Set `cache: []` on the publishing job (or `policy: push` if it only saves), or make sure it runs only on protected branches and tags with separate caches turned on',
        severity: 'info',
      },
      gitlabUnprotected: {
        text: 'Job "{job}" {publishes} to npm after restoring a cache marked `unprotect: true` (`{path}`)',
        why: '`unprotect: true` shares the cache with pipelines on unprotected branches and merge requests, so anyone who can push a branch can write what the publishing job restores: it then runs or ships inside the job that gets the npm ID token',
        fix: 'Set `cache: []` on the publishing job, or remove `unprotect: true` from `{path}`',
      },
    },
  },
  hooks: {
    githubJob(job, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      const certainty = ctx.facts.jobCertainty(job);
      const sites = ctx.facts.jobSites(job);
      const lastIndex = Math.max(...sites.map((s) => s.step.index));
      const base = { job: job.id, publishes: ctx.facts.verb(job) };
      for (const view of usesSteps(job, lastIndex, (dir) => ctx.facts.action(dir))) {
        if (isCacheAction(view)) {
          const messageId = scopedToRun(view) ? 'cacheActionThisRun' : 'cacheAction';
          ctx.report({ messageId, data: { ...base, action: view.name, path: view.path }, at: view.usesNode, atValue: true, certainty });
          continue;
        }
        const byDefault = CACHE_BY_DEFAULT.get(view.name);
        if (byDefault) {
          const { input, off, what } = byDefault;
          const cache = view.input(input);
          const value = view.inputText(input)?.trim();
          const data = { ...base, action: view.name, path: view.path, input, what, state: off === 'false' ? 'on' : 'off', off: `${input}: ${off}` };
          if (value === undefined || value === '') {
            ctx.report({ messageId: 'cacheByDefault', data, at: view.usesNode, atValue: true, certainty });
          } else if (cache && !EXPR.test(value) && value.toLowerCase() !== off) {
            // `cache: true` names the cache it turns on (mise's tools, not dependencies); `no-cache: false` only restates the default.
            if (input === 'cache') ctx.report({ messageId: 'cacheTools', data: { ...data, value }, at: cache, atValue: true, certainty });
            else ctx.report({ messageId: 'cacheByDefault', data, at: cache, atValue: true, certainty });
          }
          continue;
        }
        const turnsOn = CACHE_INPUTS.get(view.name);
        if (!turnsOn) continue;
        const input = CACHE_INPUT_NAMES.get(view.name) ?? 'cache';
        const cache = view.input(input);
        const value = view.inputText(input)?.trim();
        if (cache && value !== undefined && !EXPR.test(value) && turnsOn(value)) {
          ctx.report({ messageId: 'cacheInput', data: { ...base, action: view.name, input, value, path: view.path }, at: cache, atValue: true, certainty });
          continue;
        }
        if (view.name !== 'actions/setup-node') continue;
        const auto = autoCache(job, view, (dir) => ctx.facts.packageAt(dir));
        if (auto === undefined) continue;
        ctx.report({ messageId: 'autoCache', data: { ...base, ref: view.ref ?? '', ...auto, path: view.path }, at: view.usesNode, atValue: true, certainty });
      }
    },

    gitlabPipeline(pipeline, ctx) {
      const once = new ReportsByLocation(ctx, publishingJobRelated);
      for (const job of ctx.facts.publishingGitlabJobs(pipeline)) {
        const cache = job.keywords.get('cache');
        if (!cache) continue;
        const entries = restoringCaches(cache);
        if (entries.length === 0) continue;
        const unprotected = entries.some((e) => leafText(e.entries.get('unprotect'))?.toLowerCase() === 'true');
        const data = { job: job.name, publishes: ctx.facts.verb(job), path: editPath(job, cache.origin, 'cache') };
        once.add(job, { messageId: unprotected ? 'gitlabUnprotected' : 'gitlabCache', data, at: cache.origin.node, certainty: ctx.facts.jobCertainty(job) });
      }
      once.flush();
    },
  },
});

/** `${{ github.run_id }}` (also inside a longer expression) in a cache key. */
const RUN_ID = /\$\{\{[^}]*\bgithub\.run_id\b[^}]*\}\}/;

/**
 * An `actions/cache` step whose `key` and every `restore-keys` line contain `github.run_id`: it
 * restores only an entry saved under this run's id (typescript-eslint's build handed from job to
 * job). A key tp-doctor cannot read, or one restore key without the id, is not scoped.
 */
function scopedToRun(view: CacheStepView): boolean {
  const key = view.inputText('key');
  if (key === undefined || !RUN_ID.test(key)) return false;
  const restore = (view.inputText('restore-keys') ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return restore.every((line) => RUN_ID.test(line));
}

/**
 * Which cache setup-node restores on its own, and why, or undefined when it does not (or tp-doctor
 * cannot tell). As setup-node reads it (`src/main.ts`): only without a `cache` input and unless
 * `package-manager-cache` is anything but `true`; from `$GITHUB_WORKSPACE/package.json`. v5 caches
 * for a `packageManager` of npm, yarn or pnpm; v6 and later only for npm (`packageManager`, or
 * `devEngines.packageManager` naming npm).
 */
function autoCache(job: Job, view: CacheStepView, packageAt: (dir: string) => PackageJson | undefined): { manager: string; reason: string } | undefined {
  // A non-empty `cache:` input replaces the automatic cache (an expression: tp-doctor cannot tell).
  if ((view.inputText('cache')?.trim() ?? '') !== '') return undefined;
  const toggle = view.inputText('package-manager-cache')?.trim();
  if (toggle !== undefined && toggle !== '' && (EXPR.test(toggle) || toggle.toUpperCase() !== 'TRUE')) return undefined;
  const ref = view.ref ?? '';
  const major = ref === 'main' || ref === 'master' ? Number.POSITIVE_INFINITY : actionMajor(view);
  if (major === undefined || major < 5) return undefined;
  // setup-node reads package.json from the workspace root: it must have been checked out already.
  const checkedOut = job.steps.slice(0, view.step.index).some((s) => s.uses?.name.toLowerCase() === 'actions/checkout');
  const dir = repositoryPath(job.mounts, '');
  if (!checkedOut || dir === undefined) return undefined;
  const pkg = packageAt(dir);
  if (!pkg) return undefined;
  const declared = pkg.packageManager?.trim();
  if (major === 5) {
    const m = declared === undefined ? null : /^\^?(npm|yarn|pnpm)@/.exec(declared);
    return m ? { manager: m[1]!, reason: `\`packageManager\` "${declared}" in ${pkg.file}` } : undefined;
  }
  const npm = /^\^?npm(@.*)?$/;
  const dev = pkg.root.at('devEngines', 'packageManager');
  const devNames = (dev?.isSeq ? dev.items() : dev ? [dev] : []).map((n) => n.get('name')?.text ?? '');
  const devNpm = devNames.find((n) => npm.test(n));
  if (devNpm !== undefined) return { manager: 'npm', reason: `\`devEngines.packageManager\` "${devNpm}" in ${pkg.file}` };
  return declared !== undefined && npm.test(declared) ? { manager: 'npm', reason: `\`packageManager\` "${declared}" in ${pkg.file}` } : undefined;
}

/** The caches of a GitLab `cache:` value that restore (a map, or a list of maps; `policy: push` only saves). */
function restoringCaches(value: EffectiveValue): Extract<EffectiveValue, { kind: 'map' }>[] {
  const maps = value.kind === 'map' ? [value] : (value.items ?? []).filter((i): i is Extract<EffectiveValue, { kind: 'map' }> => i.kind === 'map');
  return maps.filter((m) => {
    if (m.entries.size === 0) return false;
    return leafText(m.entries.get('policy'))?.trim() !== 'push';
  });
}
