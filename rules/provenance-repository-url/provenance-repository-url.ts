import { defineRule } from '../../src/engine/define-rule.js';
import type { FixSpec } from '../../src/fix/edits.js';
import { insertJsonProperty } from '../../src/fix/json.js';
import { setScalar, yamlFix } from '../../src/fix/yaml.js';
import { compareRepositories, normalizeRepositoryUrl, packageJsonUrl, provenanceUrl } from '../../src/model/npm/repository-url.js';
import { leastCertain } from '../../src/model/publish.js';
import { manifestWrittenFrom } from '../../src/model/npm/napi-npm-dirs.js';
import { builtManifestOf } from '../../src/model/npm/publish-directory.js';
import { guessedPublish } from '../../src/model/guessed-publish.js';
import { DECLARED, expectedRepository, getsProvenance, PLATFORMS, REMOTE } from './provenance.js';
import type { YNode } from '../../src/yaml/parse.js';

const E422 = 'the registry checks `repository.url` against the repository named in the signed provenance statement, exactly and case-sensitively, and rejects the publish with E422 ("repository.url" is "...", expected to match "{expected}" from provenance)';

/** Appended to the `why` of a GitLab finding (docs/domain.md §1.10 shows the GitHub form only). */
const GITLAB_FORM =
  ". On GitLab tp-doctor expects the statement to name the project as `https://gitlab.com/<project path>`, but its fact base records the exact form only for GitHub, so on GitLab this is at most a warning";

export default defineRule({
  id: 'provenance-repository-url',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab'],
    summary: 'Each package published with provenance has a `repository.url` equal to the source repository',
    // The publish fails after signing; nothing insecure happens (1.0: a plain metadata mismatch).
    securitySeverity: 1.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      missingUnsure: {
        text: 'Package "{package}"{written} has no `repository`; once it is published with trusted publishing from a public repository, its provenance requires one that matches "{expected}"',
        why: `After a trusted publish npm signs provenance by itself when the source repository is public (tp-doctor cannot see the visibility; declare \`repository.visibility\` in the tp-doctor config), and {why}{unsure}`,
        fix: 'Add `"repository": {json}` to `{file}` (or, for a package that is not meant to be published, such as an example, set `"private": true`: a workspace-wide publish (`changeset publish`, `pnpm -r publish`, `lerna publish`) publishes every workspace package that is not private)',
        severity: 'warning',
      },
      missing: {
        text: 'Package "{package}"{written} has no `repository`; its provenance requires one that matches "{expected}"',
        why: `npm publishes this package with provenance (trusted publishing from a public repository, or forced), and ${E422}{unsure}`,
        fix: 'Add `"repository": {json}` to `{file}` (or, for a package that is not meant to be published, such as an example, set `"private": true`: a workspace-wide publish (`changeset publish`, `pnpm -r publish`, `lerna publish`) publishes every workspace package that is not private)',
      },
      mismatch: {
        text: 'Package "{package}"{written} `repository.url` is "{actual}", expected to match "{expected}" from {expectedFrom}',
        why: `npm publishes this package with provenance, and ${E422}{unsure}`,
        fix: 'Set `repository.url` in `{file}` to "{url}" (if the repository was renamed or moved, the git remote and the trusted publisher need the new name too)',
      },
      caseMismatch: {
        text: 'Package "{package}"{written} `repository.url` "{actual}" differs only in case from "{expected}" ({expectedFrom})',
        why: `{platform} accepts any case in URLs, but ${E422}{unsure}`,
        fix: 'Set `repository.url` in `{file}` to "{url}", with the exact case of the repository',
      },
      caseOfRemote: {
        text: 'Package "{package}"{written} `repository.url` "{actual}" differs only in case from "{expected}" (the git remote)',
        why: `{platform} accepts any case in URLs, but ${E422}{unsure}. The remote usually has the exact case ({checkout}, and a URL copied from {platform} has it), but a clone keeps a URL as it was typed, so without a declared trusted publisher this is not certain`,
        fix: 'Make sure `repository.url` in `{file}` has the exact case of the repository on {platform}; declare the trusted publisher in tp-doctor.yml to have it checked',
        severity: 'warning',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      if (ctx.config.repository?.visibility === 'private') return; // no automatic provenance; forced is provenance-settings'
      // One finding per place: napi's platform packages written from one package.json share its `repository`.
      const reported = new Set<string>();
      // The packages a publish surely sends, then those only a guessed publish may send (a script's,
      // guessed-publish.ts): of these, only a `repository` naming another repository, once per URL.
      const packages = ctx.coverage();
      const guesses = new Map(packages.flatMap((pkg) => (pkg.published ? [] : [[pkg, guessedPublish(ctx.facts, pkg)] as const])));
      for (const pkg of [...packages.filter((p) => p.published), ...packages.filter((p) => guesses.get(p) !== undefined)]) {
        const guessed = guesses.get(pkg);
        const sites = guessed?.sites ?? ctx.facts.sitesPublishing(pkg);
        // Published through the package.json its build writes in its `publishConfig.directory` (pnpm,
        // lerna): that file's `repository` is the one sent, and it is not in the files (as for `npm publish ./dist`).
        if (builtManifestOf(sites, pkg.dir) !== undefined) continue;
        // A manifest the job rewrites before the publish (`napi create-npm-dirs`) is published with its source's `repository`.
        const from = manifestWrittenFrom(sites);
        const manifest = from ?? pkg;
        const written = (from ? ` (its package.json is written by \`napi create-npm-dirs\` from \`${from.pkg.file}\`)` : '') + (guessed?.words ?? '');
        for (const platform of ['github', 'gitlab'] as const) {
          const provenance = getsProvenance(ctx, pkg, platform, guessed?.sites);
          if (!provenance) continue;
          const expected = expectedRepository(project, pkg, platform);
          if (!expected) continue;
          const name = pkg.name ?? pkg.dir;
          const words = { platform: PLATFORMS[platform].name, unsure: platform === 'gitlab' ? GITLAB_FORM : '', written };
          const base = { package: name, file: manifest.pkg.file, expected: provenanceUrl(expected.ref), url: packageJsonUrl(expected.ref), ...words };
          const repo = manifest.pkg.repository;
          // A guessed publish's candidates are many packages that may share a wrong URL: one finding per URL.
          const once = guessed ? `${platform}\0guessed\0${repo?.url ?? ''}` : `${platform}\0${manifest.pkg.file}`;
          if (reported.has(once)) continue;
          // Certain when the provenance is: forced, or a declared publisher of a repository declared
          // public; on GitLab never (the URL form GitLab's provenance names is not in the fact base).
          const sure = provenance.forced || (expected.from === DECLARED && ctx.config.repository?.visibility === 'public');
          const certainty = platform === 'gitlab' ? leastCertain([provenance.certainty, 'likely']) : provenance.certainty;
          if (repo?.url === undefined) {
            // Many internal packages of a monorepo have no `repository`, and the guess may send none of them.
            if (guessed) continue;
            const value = { type: 'git', url: base.url, ...(manifest.dir ? { directory: manifest.dir } : {}) };
            const json = JSON.stringify(value).replace(/,/g, ', ').replace(/":/g, '": ');
            const at = repo?.node ?? manifest.pkg.root.get('name') ?? manifest.pkg.root;
            const data = { package: name, expected: base.expected, json, file: base.file, ...words };
            reported.add(once);
            // The URL is the one provenance will name; adding it is right whether or not npm signs.
            const fix = repo ? undefined : yamlFix(manifest.pkg.root, `Add \`"repository": ${json}\` to \`${base.file}\``, insertJsonProperty(manifest.pkg.root, 'repository', value, ['description', 'version', 'name']));
            if (sure) ctx.report({ messageId: 'missing', data, at, certainty, fix, ...(provenance.related ? { related: provenance.related } : {}) });
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
          // The declaration and the git remote differ only in case, and `repository` follows the remote:
          // which case is the repository's own, tp-doctor cannot tell; repository-matches-publisher
          // reports the disagreement once (two findings with opposite fixes would be one too many).
          if (verdict === 'case' && actual !== undefined && caseOfRemote(ctx.project, actual)) continue;
          const urlNode = repo.node.isMap ? (repo.node.get('url') ?? repo.node) : repo.node;
          reported.add(once);
          const data = { ...base, actual: repo.url, expectedFrom: expected.from, checkout: PLATFORMS[platform].checkout };
          // The case of a clone's remote is the case it was typed in: only a suggestion, never a fix.
          if (expected.from === REMOTE && verdict === 'case') {
            const { fix, ...rest } = urlFixes(urlNode, repo.url, expected.ref.path, base.url, base.file, true);
            ctx.report({ messageId: 'caseOfRemote', data, at: urlNode, atValue: true, certainty: leastCertain([certainty, 'likely']), suggest: [fix, ...(rest.suggest ?? [])] });
            continue;
          }
          const change = urlFixes(urlNode, repo.url, expected.ref.path, base.url, base.file, verdict === 'case');
          ctx.report({ messageId: verdict === 'case' ? 'caseMismatch' : 'mismatch', data, at: urlNode, atValue: true, certainty: sure ? certainty : leastCertain([certainty, 'likely']), ...change, ...(provenance.related ? { related: provenance.related } : {}) });
        }
      }
    },
  },
});

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

/** `actual` is exactly the git remote's repository (host and path), as written in the clone. */
function caseOfRemote(project: { gitRemote?: { host: string; path: string } | undefined }, actual: { host: string; path: string }): boolean {
  const remote = project.gitRemote;
  return remote !== undefined && remote.host === actual.host && remote.path === actual.path;
}
