import type { GithubPublisher } from '../../src/config/types.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { publishes, switchesFor } from '../../src/model/npm/provenance.js';
import { compareRepositories, normalizeRepositoryUrl, packageJsonUrl, provenanceUrl, type RepositoryRef } from '../../src/model/npm/repository-url.js';
import { coveredPackages, isTrustedPublish, publishSites, type CoveredPackage } from '../../src/model/npm/workspaces.js';
import type { Project } from '../../src/model/project.js';

const E422 = 'the registry checks `repository.url` against the repository named in the signed provenance statement, exactly and case-sensitively, and rejects the publish with E422 ("repository.url" is "...", expected to match "{expected}" from provenance)';

export default defineRule({
  id: 'provenance-repository-url',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'Each package published with provenance has a `repository.url` equal to the source repository',
    // The publish fails after signing; nothing insecure happens (1.0: a plain metadata mismatch).
    securitySeverity: 1.0,
    messages: {
      missing: {
        text: 'Package "{package}" has no `repository`; its provenance requires one that matches "{expected}"',
        why: `npm publishes this package with provenance (trusted publishing from a public repository, or forced), and ${E422}`,
        fix: 'Add `"repository": {json}` to `{file}`',
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
    },
  },
  hooks: {
    project(project, ctx) {
      if (ctx.config.repository?.visibility === 'private') return; // no automatic provenance; forced is provenance-settings'
      for (const pkg of coveredPackages(project, ctx.publishers)) {
        if (!pkg.published || !getsProvenance(project, ctx.publishers, pkg)) continue;
        const expected = expectedRepository(project, pkg);
        if (!expected) continue;
        const name = pkg.name ?? pkg.dir;
        const base = { package: name, file: pkg.pkg.file, expected: provenanceUrl(expected.ref), url: packageJsonUrl(expected.ref) };
        const repo = pkg.pkg.repository;
        if (repo?.url === undefined) {
          const json = JSON.stringify({ type: 'git', url: base.url, ...(pkg.dir ? { directory: pkg.dir } : {}) }).replace(/,/g, ', ').replace(/":/g, '": ');
          const at = repo?.node ?? pkg.pkg.root.get('name') ?? pkg.pkg.root;
          ctx.report({ messageId: 'missing', data: { package: name, expected: base.expected, json, file: base.file }, at });
          continue;
        }
        if (expected.from === 'package.json') continue; // inferred from this very field: nothing to compare with
        const actual = normalizeRepositoryUrl(repo.url);
        const verdict = actual ? compareRepositories(actual, expected.ref) : 'different';
        if (verdict === 'equal') continue;
        const urlNode = repo.node.isMap ? (repo.node.get('url') ?? repo.node) : repo.node;
        const data = { ...base, actual: repo.url, expectedFrom: expected.from };
        ctx.report({ messageId: verdict === 'case' ? 'caseMismatch' : 'mismatch', data, at: urlNode, atValue: true });
      }
    },
  },
});

type Source = 'the trusted publisher in the tp-doctor config' | 'the git remote' | 'package.json';

/** The repository provenance will name: a declared GitHub publisher's, else the git remote's; else the root package's (only good for `missing`). */
function expectedRepository(project: Project, pkg: CoveredPackage): { ref: RepositoryRef; from: Source } | undefined {
  const declared = pkg.publishers.find((p): p is GithubPublisher => p.provider === 'github' && !p.inferred && /^[^/\s]+\/[^/\s]+$/.test(p.repository ?? ''));
  if (declared?.repository) return { ref: { host: 'github.com', path: declared.repository }, from: 'the trusted publisher in the tp-doctor config' };
  if (pkg.publishers.some((p) => !p.inferred)) return undefined; // a GitLab publisher: not checked here
  const remote = project.gitRemote;
  if (remote?.host === 'github.com' && /^[^/]+\/[^/]+$/.test(remote.path)) return { ref: { host: remote.host, path: remote.path }, from: 'the git remote' };
  const root = project.packageJson?.repository?.url;
  const ref = root ? normalizeRepositoryUrl(root) : undefined;
  return ref?.host === 'github.com' ? { ref, from: 'package.json' } : undefined;
}

/**
 * Whether npm will sign provenance for the package: forced by a setting that applies to it, or
 * automatic (a trusted publish, provenance not switched off on the command line, in the
 * environment or in `.npmrc`; `publishConfig.provenance: false` does not count, DOMAIN 1.10).
 */
function getsProvenance(project: Project, publishers: Parameters<typeof coveredPackages>[1], pkg: CoveredPackage): boolean {
  const switches = switchesFor(project, pkg);
  if (switches.some((s) => s.value)) return true;
  if (switches.some((s) => s.kind !== 'publishConfig' && !s.value)) return false;
  if (pkg.publishers.length === 0) return false;
  const sites = publishSites(project).filter((s) => publishes(s, pkg));
  // Yarn Berry does not generate provenance on its own.
  const automatic = sites.filter((s) => s.publish.match.tool !== 'yarn-berry');
  if (pkg.publishers.some((p) => !p.inferred)) return sites.length === 0 || automatic.length > 0;
  return automatic.some((s) => isTrustedPublish(project, publishers, s, pkg));
}
