import { defineRule } from '../../src/engine/define-rule.js';
import { npmCliPublish, runsNpmCliSurely, toolRunsOf } from '../../src/model/npm/npm-cli.js';
import { packageManagerOf, pinnedPnpmMajor } from '../../src/model/npm/package-manager.js';
import type { ProvenanceSwitch } from '../../src/model/provenance.js';
import type { CoveredPackage, ProjectFacts } from '../../src/model/facts.js';
import { leastCertain, mayGoToNpmjs, type PublishSite } from '../../src/model/publish.js';
import { circleUndecidedBeside, undecidedBesideFine } from '../../src/model/undecided-publish.js';
import { oidcAvailable } from '../../src/model/github/permissions.js';
import type { Project } from '../../src/model/project.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import { semver } from '../../src/model/core/semver.js';
import { NPM_FIRST_PROVENANCE } from '../../src/model/data/node-releases.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

const OFF_SWITCHES = '`provenance=false` in `.npmrc`, `NPM_CONFIG_PROVENANCE: false` in the publishing step\'s `env`, or `--no-provenance` on the publish command';

export default defineRule({
  id: 'provenance-settings',
  meta: {
    severity: 'error',
    providers: ['github', 'circleci'],
    summary: 'Provenance is not forced where npm cannot sign it (a private repository, CircleCI, a GitHub job without `id-token: write`), and is switched off only by settings that work',
    // Forced provenance in a private repository fails the publish; no exposure (1.0).
    securitySeverity: 1.0,
    messages: {
      forcedInPrivate: {
        text: 'Provenance is forced by {source}, but the repository is declared private',
        why: 'npm signs provenance only for public source repositories; forcing it from a private one makes the registry reject the publish with E422 ("Unsupported ... repository visibility")',
        fix: 'Remove {source} (a private repository publishes without provenance), or set `repository.visibility` in the tp-doctor config to `public` if the repository is public',
      },
      circleciForced: {
        text: 'Provenance is forced by {source}, but `{command}` in job "{job}" runs on CircleCI, where npm cannot generate provenance',
        why: 'npm generates provenance statements only on GitHub Actions and GitLab CI/CD: on CircleCI an explicit provenance request stops `npm publish` with "Automatic provenance generation not supported for provider: CircleCI" before anything is published. Trusted publishing itself works there; automatic provenance simply skips CircleCI',
        fix: 'Remove {source}, or switch provenance off for the CircleCI publish with `--no-provenance`',
      },
      githubForcedNoIdToken: {
        text: 'Provenance is forced by {source}, but job "{job}" has no `id-token: write`, which npm needs to sign provenance on GitHub Actions',
        why: 'npm signs the provenance statement on GitHub Actions with the job\'s OIDC token: with provenance forced and no `id-token: write`, `{command}` stops with EUSAGE "Provenance generation in GitHub Actions requires \\"write\\" access to the \\"id-token\\" permission" before anything is published, whatever npm token the job has (libnpmpublish `ensureProvenanceGeneration`)',
        fix: 'Add `id-token: write` to the permissions of job "{job}" (it also lets the job publish with trusted publishing), or remove {source}',
      },
      publishConfigFalse: {
        text: '`publishConfig.provenance: false` in `{file}` does not switch off automatic provenance',
        why: 'npm decides on automatic provenance before it applies `publishConfig`: after a trusted publish from a public repository it still signs provenance (and the registry still checks `repository.url`)',
        fix: `To publish without provenance use ${OFF_SWITCHES}; then remove \`publishConfig.provenance\` from \`{file}\``,
        severity: 'info',
      },
    },
  },
  hooks: {
    project(_project, ctx) {
      const packages = ctx.coverage();
      const published = (dir: string): boolean => packages.some((p) => p.dir === dir && p.published);
      const visibility = ctx.config.repository?.visibility;
      // Whether npm's environment config reaches the npm that decides a publish (Yarn Berry, pnpm 11 read their own), once per site.
      const npmCliSites = new Map<PublishSite, boolean>();
      const readsEnv = (site: PublishSite): boolean => {
        let known = npmCliSites.get(site);
        if (known === undefined) {
          known = runsNpmCliSurely(ctx.project, site.publish, () => ctx.facts.textsBefore(site), site.directory ?? '');
          npmCliSites.set(site, known);
        }
        return known;
      };
      const all = ctx.facts.provenanceSwitches;
      const index = indexSwitches(all);
      const deciding = (site: PublishSite): ProvenanceSwitch | undefined => decidingSwitch(index, site, (dir) => ctx.facts.npmrcDirs(site, dir), readsEnv(site));
      // A GitHub publish an `if:` tp-doctor cannot evaluate chooses, beside one that forces nothing (A.66).
      const besideUnforced = undecidedBesideFine((job) => ctx.facts.trustedSites(job), (site) => deciding(site)?.value !== true);
      const noIdToken = githubForcedNoIdToken(ctx.project, ctx.facts, deciding);
      for (const s of all) {
        if (visibility !== 'private' || !s.value) continue;
        if (s.kind === 'publishConfig' && (!published(s.pkg.dir) || flagOnEveryPublish(s.pkg.dir, packages, ctx.facts, index))) continue;
        if (s.kind === 'flag' || s.kind === 'env' || s.kind === 'commandEnv') {
          // On CircleCI provenance fails whatever the visibility: circleciForced says so.
          if (s.site.provider === 'circleci') continue;
          // One setting decides a publish, in npm's order: a `--no-provenance` on the command wins over `NPM_CONFIG_PROVENANCE=true`.
          // So does a job without an ID token, before the visibility matters: said once, there (A.70).
          if (deciding(s.site) !== s || noIdToken.some((f) => f.site === s.site)) continue;
        }
        if (s.kind === 'npmrc' && !npmrcApplies(s)) continue;
        const { at, atValue } = targetOf(s);
        const beside = s.kind !== 'npmrc' && s.kind !== 'publishConfig' && s.site.provider === 'github' ? besideUnforced(s.site) : undefined;
        ctx.report({ messageId: 'forcedInPrivate', data: { source: describe(s) }, at, atValue, ...(beside ? { related: beside.related, certainty: 'likely' as const } : {}) });
      }
      checkCircleci();
      for (const { site: _site, ...f } of noIdToken) ctx.report({ messageId: 'githubForcedNoIdToken', ...f });
      if (visibility === 'private') return; // no automatic provenance to switch off
      for (const pkg of packages) {
        if (!pkg.published || pkg.publishers.length === 0) continue;
        // Automatic provenance skips CircleCI: a package published only from there has none to switch off.
        const from = ctx.facts.sitesPublishing(pkg);
        if (from.length > 0 && from.every((site) => site.provider === 'circleci')) continue;
        const switches = ctx.facts.provenanceFor(pkg);
        const off = switches.find((s): s is Extract<ProvenanceSwitch, { kind: 'publishConfig' }> => s.kind === 'publishConfig' && !s.value);
        if (!off || switches.some((s) => s.kind !== 'publishConfig')) continue;
        ctx.report({ messageId: 'publishConfigFalse', data: { file: pkg.pkg.file }, at: off.node, atValue: true });
      }

      /**
       * Whether a publish reads an `.npmrc` switch (the files its registry decision reads: the npm
       * CLI reads its local prefix's only): a publish that may go to npmjs reads it whatever it
       * publishes, or it applies to a published package. With no such publish in sight, the root's
       * and the published packages' (npm's default reading).
       */
      function npmrcApplies(s: Extract<ProvenanceSwitch, { kind: 'npmrc' }>): boolean {
        if (s.readBy.some(mayGoToNpmjs)) return true;
        if (packages.some((p) => p.published && ctx.facts.provenanceFor(p).includes(s))) return true;
        return s.dir === '' && !ctx.facts.sites.some(mayGoToNpmjs);
      }

      /** An explicit `provenance: true` that decides a CircleCI publish through the npm CLI. */
      function checkCircleci(): void {
        const pm = packageManagerOf(ctx.project);
        const pnpm = pinnedPnpmMajor(ctx.project);
        for (const site of ctx.facts.sites) {
          if (site.provider !== 'circleci' || !mayGoToNpmjs(site)) continue;
          const tools = toolRunsOf(ctx.project, site.publish, () => ctx.facts.textsBefore(site), site.directory ?? '');
          if (!npmCliPublish(site.publish.match, pm.name, pnpm, tools)) continue;
          const on = deciding(site);
          if (!on?.value) continue;
          const { at, atValue } = targetOf(on);
          const data = { source: describe(on), command: site.publish.match.label, job: site.job.name };
          // A step a `when:` tp-doctor cannot decide may run, beside one that forces nothing: the condition chooses (A.66).
          const beside = circleUndecidedBeside(ctx.facts.trustedSites(site.job), site, (other) => deciding(other)?.value !== true, 'forces no provenance');
          const related = [{ at: site.publish.location, label: `\`${site.publish.match.label}\` runs here` }, ...(beside?.related ?? [])];
          ctx.report({ messageId: 'circleciForced', data, at, atValue, related, certainty: beside ? leastCertain([site.certainty, 'likely']) : site.certainty });
        }
      }
    },
  },
});

/**
 * An explicit `provenance: true` that decides a GitHub publish through the npm CLI in a job that
 * certainly gets no OIDC token (`oidcAvailable`: its permissions, or a top-level workflow's
 * default, leave `id-token` out): npm stops before publishing, token or not (docs/domain.md A.70).
 * Once per switch and job.
 */
function githubForcedNoIdToken(project: Project, facts: ProjectFacts, deciding: (site: PublishSite) => ProvenanceSwitch | undefined) {
  const pm = packageManagerOf(project);
  const pnpm = pinnedPnpmMajor(project);
  const seen = new Set<string>();
  const out = [];
  for (const site of facts.sites) {
    if (site.provider !== 'github' || !mayGoToNpmjs(site) || oidcAvailable(site.job) !== false) continue;
    const tools = toolRunsOf(project, site.publish, () => facts.textsBefore(site), site.directory ?? '');
    if (!npmCliPublish(site.publish.match, pm.name, pnpm, tools)) continue;
    const on = deciding(site);
    if (!on?.value) continue;
    // Provenance came with npm 9.5.0: an older npm ignores the setting and publishes; an npm tp-doctor cannot tell makes it a guess.
    const ats = npmAtPublish(project, site.job, site.step, site.publish);
    if (ats.length > 0 && ats.every((a) => a.npm !== undefined && semver.lt(a.npm.max, NPM_FIRST_PROVENANCE))) continue;
    const sure = ats.length > 0 && ats.every((a) => a.npm !== undefined && a.otherwise === undefined && !semver.lt(a.npm.min, NPM_FIRST_PROVENANCE));
    const key = `${site.job.workflow.file}#${site.job.id}#${describe(on)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const data = { source: describe(on), command: site.publish.match.label, job: site.job.id };
    const related = [{ at: site.publish.location, label: `\`${site.publish.match.label}\` runs here` }];
    out.push({ site, data, ...targetOf(on), related, certainty: sure ? site.certainty : leastCertain([site.certainty, 'likely']) });
  }
  return out;
}

/**
 * The setting that decides provenance for a publish, in npm's order: a flag on the command, then
 * `publishConfig` (npm applies it over everything but command-line flags), then
 * `NPM_CONFIG_PROVENANCE` (only when `readsEnv`: the publish surely runs the npm CLI, whose config
 * reads it; Yarn Berry and pnpm 11 read their own settings), then the project `.npmrc` the publish
 * reads for the package (`npmrcDirs`, nearest first: the npm CLI reads its local prefix's only).
 * With several packages, the first that forces it.
 */
function decidingSwitch(index: SwitchIndex, site: PublishSite, npmrcDirs: (pkgDir: string | undefined) => readonly string[], readsEnv: boolean): ProvenanceSwitch | undefined {
  const own = index.bySite.get(site);
  if (own?.flag) return own.flag;
  // The publish's own shell (`commandEnv`) over the CI file's environment.
  const env = readsEnv ? (own?.commandEnv ?? own?.env) : undefined;
  const dirs = site.targets.kind === 'unknown' ? [] : (site.targets.packages.length > 0 ? site.targets.packages : (site.targets.manifests ?? [])).map((p) => p.dir);
  const npmrc = (dir: string | undefined): ProvenanceSwitch | undefined => {
    for (const d of npmrcDirs(dir)) {
      const found = index.npmrc.get(d);
      if (found) return found;
    }
    return undefined;
  };
  const decided = (dir: string | undefined): ProvenanceSwitch | undefined =>
    (dir === undefined ? undefined : index.publishConfig.get(dir)) ?? env ?? npmrc(dir);
  if (dirs.length === 0) return decided(undefined);
  return dirs.map(decided).find((s) => s?.value) ?? decided(dirs[0]);
}

/**
 * Every publish of the package in `dir` gives `--provenance` or `--no-provenance` on its command:
 * npm drops the `publishConfig` keys given as command-line flags (lib/commands/publish.js, "prioritize
 * them over corresponding `publishConfig` settings"; docs/domain.md A.68), so its
 * `publishConfig.provenance` decides none of them (a `--provenance` is reported as the flag).
 */
function flagOnEveryPublish(dir: string, packages: readonly CoveredPackage[], facts: ProjectFacts, index: SwitchIndex): boolean {
  const pkg = packages.find((p) => p.dir === dir);
  const from = pkg ? facts.sitesPublishing(pkg) : [];
  return from.length > 0 && from.every((site) => index.bySite.get(site)?.flag !== undefined);
}

/** The switches by where they sit, the first of each kind (one pass: a run of many publishes stays linear). */
interface SwitchIndex {
  bySite: Map<PublishSite, Partial<Record<'flag' | 'env' | 'commandEnv', ProvenanceSwitch>>>;
  npmrc: Map<string, ProvenanceSwitch>;
  publishConfig: Map<string, ProvenanceSwitch>;
}

function indexSwitches(all: readonly ProvenanceSwitch[]): SwitchIndex {
  const index: SwitchIndex = { bySite: new Map(), npmrc: new Map(), publishConfig: new Map() };
  for (const s of all) {
    if (s.kind === 'npmrc') {
      if (!index.npmrc.has(s.dir)) index.npmrc.set(s.dir, s);
    } else if (s.kind === 'publishConfig') {
      if (!index.publishConfig.has(s.pkg.dir)) index.publishConfig.set(s.pkg.dir, s);
    } else {
      let own = index.bySite.get(s.site);
      if (!own) index.bySite.set(s.site, (own = {}));
      own[s.kind] ??= s;
    }
  }
  return index;
}

function describe(s: ProvenanceSwitch): string {
  switch (s.kind) {
    case 'flag':
      return `\`--provenance\` on \`${s.site.publish.match.label}\` in job "${s.site.provider === 'github' ? s.site.job.id : s.site.job.name}"`;
    case 'env':
      return `\`${s.node.key ?? 'NPM_CONFIG_PROVENANCE'}: ${s.node.text ?? 'true'}\` in \`env\``;
    case 'commandEnv':
      return `${s.source} of \`${s.site.publish.match.label}\``;
    case 'npmrc':
      return `\`${s.entry.key}=${s.entry.value}\` in \`${s.dir === '' ? '.npmrc' : `${s.dir}/.npmrc`}\``;
    case 'publishConfig':
      return `\`publishConfig.provenance: true\` in \`${s.pkg.pkg.file}\``;
  }
}

function targetOf(s: ProvenanceSwitch): { at: YNode | Location; atValue: boolean } {
  switch (s.kind) {
    case 'flag': {
      // Narrow to the flag itself when the command sits on one line.
      const { location } = s;
      const index = s.site.publish.match.text.search(/--provenance\b/);
      const single = location.start.line === location.end.line && location.end.column - location.start.column === s.site.publish.match.text.length;
      if (index < 0 || !single) return { at: location, atValue: false };
      const column = location.start.column + index;
      return { at: { ...location, start: { line: location.start.line, column }, end: { line: location.start.line, column: column + '--provenance'.length } }, atValue: false };
    }
    case 'env':
    case 'publishConfig':
      return { at: s.node, atValue: true };
    case 'commandEnv':
      return { at: s.location, atValue: false };
    case 'npmrc':
      return { at: s.entry.lineLocation, atValue: false };
  }
}
