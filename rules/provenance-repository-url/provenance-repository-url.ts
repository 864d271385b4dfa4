import type { GithubPublisher } from '../../src/config/types.js';
import { defineRule } from '../../src/engine/define-rule.js';
import type { FixSpec } from '../../src/fix/edits.js';
import { insertJsonProperty } from '../../src/fix/json.js';
import { setScalar, yamlFix } from '../../src/fix/yaml.js';
import type { CoveredPackage, ProjectFacts } from '../../src/model/facts.js';
import { compareRepositories, normalizeRepositoryUrl, packageJsonUrl, provenanceUrl, type RepositoryRef } from '../../src/model/npm/repository-url.js';
import { leastCertain, mostCertain, type Certainty, type PublishSite } from '../../src/model/publish.js';
import { changesetsRunOf } from '../../src/model/npm/changesets.js';
import type { Project } from '../../src/model/project.js';
import type { YNode } from '../../src/yaml/parse.js';

const E422 = 'the registry checks `repository.url` against the repository named in the signed provenance statement, exactly and case-sensitively, and rejects the publish with E422 ("repository.url" is "...", expected to match "{expected}" from provenance)';

export default defineRule({
  id: 'provenance-repository-url',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'Each package published with provenance has a `repository.url` equal to the source repository',
    // The publish fails after signing; nothing insecure happens (1.0: a plain metadata mismatch).
    securitySeverity: 1.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      missingUnsure: {
        text: 'Package "{package}" has no `repository`; once it is published with trusted publishing from a public repository, its provenance requires one that matches "{expected}"',
        why: `After a trusted publish npm signs provenance by itself when the source repository is public (tp-doctor cannot see the visibility; declare \`repository.visibility\` in the tp-doctor config), and {why}`,
        fix: 'Add `"repository": {json}` to `{file}` (or, for a package that is not meant to be published, such as an example, set `"private": true`: a workspace-wide publish (`changeset publish`, `pnpm -r publish`, `lerna publish`) publishes every workspace package that is not private)',
        severity: 'warning',
      },
      missing: {
        text: 'Package "{package}" has no `repository`; its provenance requires one that matches "{expected}"',
        why: `npm publishes this package with provenance (trusted publishing from a public repository, or forced), and ${E422}`,
        fix: 'Add `"repository": {json}` to `{file}` (or, for a package that is not meant to be published, such as an example, set `"private": true`: a workspace-wide publish (`changeset publish`, `pnpm -r publish`, `lerna publish`) publishes every workspace package that is not private)',
      },
      mismatch: {
        text: 'Package "{package}" `repository.url` is "{actual}", expected to match "{expected}" from {expectedFrom}',
        why: `npm publishes this package with provenance, and ${E422}`,
        fix: 'Set `repository.url` in `{file}` to "{url}" (if the repository was renamed or moved, the git remote and the trusted publisher need the new name too)',
      },
      caseMismatch: {
        text: 'Package "{package}" `repository.url` "{actual}" differs only in case from "{expected}" ({expectedFrom})',
        why: `GitHub accepts any case in URLs, but ${E422}`,
        fix: 'Set `repository.url` in `{file}` to "{url}", with the exact case of the repository',
      },
      caseOfRemote: {
        text: 'Package "{package}" `repository.url` "{actual}" differs only in case from "{expected}" (the git remote)',
        why: `GitHub accepts any case in URLs, but ${E422}. The remote usually has the exact case (actions/checkout writes it, and a URL copied from GitHub has it), but a clone keeps a URL as it was typed, so without a declared trusted publisher this is not certain`,
        fix: 'Make sure `repository.url` in `{file}` has the exact case of the repository on GitHub; declare the trusted publisher in tp-doctor.yml to have it checked',
        severity: 'warning',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      if (ctx.config.repository?.visibility === 'private') return; // no automatic provenance; forced is provenance-settings'
      for (const pkg of ctx.coverage()) {
        if (!pkg.published) continue;
        const provenance = getsProvenance(ctx, pkg);
        if (!provenance) continue;
        const expected = expectedRepository(project, pkg);
        if (!expected) continue;
        const name = pkg.name ?? pkg.dir;
        const base = { package: name, file: pkg.pkg.file, expected: provenanceUrl(expected.ref), url: packageJsonUrl(expected.ref) };
        const repo = pkg.pkg.repository;
        // Certain when the provenance is: forced, or a declared publisher of a repository declared public.
        const sure = provenance.forced || (expected.from === DECLARED && ctx.config.repository?.visibility === 'public');
        const certainty = provenance.certainty;
        if (repo?.url === undefined) {
          const value = { type: 'git', url: base.url, ...(pkg.dir ? { directory: pkg.dir } : {}) };
          const json = JSON.stringify(value).replace(/,/g, ', ').replace(/":/g, '": ');
          const at = repo?.node ?? pkg.pkg.root.get('name') ?? pkg.pkg.root;
          const data = { package: name, expected: base.expected, json, file: base.file };
          // The URL is the one provenance will name; adding it is right whether or not npm signs.
          const fix = repo ? undefined : yamlFix(pkg.pkg.root, `Add \`"repository": ${json}\` to \`${base.file}\``, insertJsonProperty(pkg.pkg.root, 'repository', value, ['description', 'version', 'name']));
          if (sure) ctx.report({ messageId: 'missing', data, at, certainty, fix });
          else ctx.report({ messageId: 'missingUnsure', data: { ...data, why: E422.replace('{expected}', base.expected) }, at, certainty, fix });
          continue;
        }
        if (expected.from === 'package.json') continue; // inferred from this very field: nothing to compare with
        const actual = normalizeRepositoryUrl(repo.url);
        const verdict = actual ? compareRepositories(actual, expected.ref) : 'different';
        if (verdict === 'equal') continue;
        // Without a declaration, a `repository` naming another repository than the git remote may be
        // a renamed repository (the remote is stale) as much as a wrong URL: repository-matches-publisher
        // reports that ambiguity once, as a warning.
        if (expected.from === REMOTE && verdict === 'different' && actual !== undefined) continue;
        const urlNode = repo.node.isMap ? (repo.node.get('url') ?? repo.node) : repo.node;
        const data = { ...base, actual: repo.url, expectedFrom: expected.from };
        // The case of a clone's remote is the case it was typed in: only a suggestion, never a fix.
        if (expected.from === REMOTE && verdict === 'case') {
          const { fix, ...rest } = urlFixes(urlNode, repo.url, expected.ref.path, base.url, base.file, true);
          ctx.report({ messageId: 'caseOfRemote', data, at: urlNode, atValue: true, certainty: leastCertain([certainty, 'likely']), suggest: [fix, ...(rest.suggest ?? [])] });
          continue;
        }
        const change = urlFixes(urlNode, repo.url, expected.ref.path, base.url, base.file, verdict === 'case');
        ctx.report({ messageId: verdict === 'case' ? 'caseMismatch' : 'mismatch', data, at: urlNode, atValue: true, certainty: sure ? certainty : leastCertain([certainty, 'likely']), ...change });
      }
    },
  },
});

const DECLARED = 'the trusted publisher in the tp-doctor config';
const REMOTE = 'the git remote';
type Source = typeof DECLARED | typeof REMOTE | 'package.json';

/** The repository provenance will name: a declared GitHub publisher's, else the git remote's; else the root package's (only good for `missing`). */
function expectedRepository(project: Project, pkg: CoveredPackage): { ref: RepositoryRef; from: Source } | undefined {
  const declared = pkg.publishers.find((p): p is GithubPublisher => p.provider === 'github' && !p.inferred && /^[^/\s]+\/[^/\s]+$/.test(p.repository ?? ''));
  if (declared?.repository) return { ref: { host: 'github.com', path: declared.repository }, from: DECLARED };
  if (pkg.publishers.some((p) => !p.inferred)) return undefined; // a GitLab publisher: not checked here
  const remote = project.gitRemote;
  if (remote?.host === 'github.com' && /^[^/]+\/[^/]+$/.test(remote.path)) return { ref: { host: remote.host, path: remote.path }, from: REMOTE };
  const root = project.packageJson?.repository?.url;
  const ref = root ? normalizeRepositoryUrl(root) : undefined;
  return ref?.host === 'github.com' ? { ref, from: 'package.json' } : undefined;
}

/**
 * Whether a publish signs provenance by itself, and how surely: not `yarn npm publish`, nor a
 * `changeset publish` that runs it (@changesets/cli 3 in a Yarn 2+ repository, `changesets.ts`) or
 * stops (3 on Yarn 1); `likely` at most when the changesets major is unknown in a Yarn 2+ repository.
 */
function automaticOn(ctx: { project: Project; facts: ProjectFacts }, site: PublishSite): Certainty | undefined {
  if (site.publish.match.tool === 'yarn-berry') return undefined;
  const runs = changesetsRunOf(ctx.project, site.publish, () => ctx.facts.textsBefore(site), site.directory ?? '')?.runs;
  if (runs === 'yarn-berry' || runs === 'yarn-classic') return undefined;
  return runs === 'npm-or-yarn-berry' ? leastCertain([site.certainty, 'likely']) : site.certainty;
}

/**
 * Whether npm will sign provenance for the package, and how sure that is: forced by a setting that
 * applies to it, or automatic (a publish from GitHub Actions that is, or will be once migrated, a
 * trusted publish, provenance not switched off on the command line, in the environment or in
 * `.npmrc`; `publishConfig.provenance: false` does not count, docs/domain.md §1.10). Yarn Berry does not
 * sign provenance by itself.
 */
function getsProvenance(ctx: { project: Project; facts: ProjectFacts }, pkg: CoveredPackage): { forced: boolean; certainty: Certainty } | undefined {
  const switches = ctx.facts.provenanceFor(pkg);
  const sites = ctx.facts.sitesPublishing(pkg).filter((s) => s.provider === 'github');
  // A package that is only a candidate of publishes whose targets are unknown
  // (`npm publish -w ${{ inputs.package }}`) may not be published at all: a warning at most. So is
  // one that only the runs dispatched with some values of a choice input publish (`chosen`).
  const candidateOnly = sites.length > 0 && sites.every((s) => s.targets.kind === 'unknown' || s.targets.chosen?.includes(pkg.dir) === true);
  const found = mostCertain(sites.map((s) => s.certainty)) ?? 'certain';
  const certainty = candidateOnly ? leastCertain([found, 'likely']) : found;
  if (switches.some((s) => s.value)) return { forced: true, certainty };
  if (switches.some((s) => s.kind !== 'publishConfig' && !s.value)) return undefined;
  if (pkg.publishers.length === 0) return undefined;
  const automatic = sites.flatMap((s) => automaticOn(ctx, s) ?? []);
  if (pkg.publishers.some((p) => !p.inferred)) return sites.length === 0 || automatic.length > 0 ? { forced: false, certainty: leastCertain([certainty, mostCertain(automatic) ?? certainty]) } : undefined;
  const automaticCertainty = mostCertain(automatic) ?? 'certain';
  return automatic.length > 0 ? { forced: false, certainty: candidateOnly ? leastCertain([automaticCertainty, 'likely']) : automaticCertainty } : undefined;
}

/**
 * A case mismatch is fixed in place: the repository path inside the URL gets the expected case,
 * nothing else of the URL changes. Any other mismatch is only suggested (the repository may have
 * been renamed, see the `mismatch` message).
 */
function urlFixes(node: YNode, actual: string, path: string, url: string, file: string, caseOnly: boolean): { fix?: FixSpec; suggest?: (FixSpec | undefined)[] } {
  if (caseOnly) {
    const at = actual.toLowerCase().indexOf(path.toLowerCase());
    const once = at !== -1 && actual.toLowerCase().indexOf(path.toLowerCase(), at + 1) === -1;
    const edit = once ? setScalar(node, actual.slice(0, at) + path + actual.slice(at + path.length)) : setScalar(node, url);
    return { fix: yamlFix(node, `Write "${path}" with its exact case in \`repository.url\` of \`${file}\``, edit) };
  }
  return { suggest: [yamlFix(node, `Set \`repository.url\` in \`${file}\` to "${url}"`, setScalar(node, url))] };
}
