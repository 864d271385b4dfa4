import { trimEndChar } from '../../src/model/core/text.js';
import type { CircleciPublisher, Publisher } from '../../src/config/types.js';
import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import type { GitConfigRemote } from '../../src/model/core/git-remotes.js';
import type { Project } from '../../src/model/project.js';
import { compareRepositories, normalizeRepositoryUrl, provenanceUrl } from '../../src/model/npm/repository-url.js';
import type { Location } from '../../src/yaml/span.js';
import { builtManifestOf } from '../../src/model/npm/publish-directory.js';
import { guessedPublish } from '../../src/model/guessed-publish.js';

const MISMATCH_WHY =
  'npm compares the repository claim of the OIDC token, which names the repository the workflow runs in, with the trusted publisher exactly, case included; the exchange fails silently and npm publish ends in E404 (or ENEEDAUTH)';

/** `owner/repo` (GitHub) or `group[/sub]/project` (GitLab); other shapes are publisher-config-valid's. */
const SHAPE = /^[^/\s]+(?:\/[^/\s]+)+$/;

const rule = defineRule({
  id: 'repository-matches-publisher',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: "The declared trusted publisher's repository is the repository's git remote, exactly",
    // A mismatch stops every trusted publish; it opens nothing (2.0 like the other "cannot match" rules).
    securitySeverity: 2.0,
    messages: {
      mismatch: {
        text: 'Trusted publisher repository "{declared}" is not the git remote "{actual}"',
        why: MISMATCH_WHY,
        fix: 'Register the trusted publisher on npmjs.com for "{actual}" and set `{path}` to "{actual}" (if origin is a fork or a mirror, run tp-doctor in a clone of "{declared}")',
      },
      caseMismatch: {
        text: 'Trusted publisher repository "{declared}" differs only in case from the git remote "{actual}"',
        why: 'GitHub and GitLab accept any case in URLs, but the OIDC token carries the name with its real case and npm compares it exactly; the exchange fails silently and npm publish ends in E404 (or ENEEDAUTH)',
        fix: 'Use the exact case "{actual}" in the trusted publisher on npmjs.com and in `{path}` (check the case on the repository page: a clone URL typed by hand may differ)',
      },
      remoteVsPackage: {
        text: 'Package "{package}" `repository.url` names "{declared}", but the git remote is "{actual}"',
        why: 'Provenance names the repository the workflow runs in, and the registry rejects a publish whose `repository.url` differs from it with E422. Either the repository was renamed or moved to "{declared}" (GitHub redirects the old name, so an old clone keeps the old remote) and `repository.url` is right, or `repository.url` is wrong and the first publish with provenance fails',
        fix: 'If the repository is now "{declared}", update the remote (`git remote set-url origin https://github.com/{declared}.git`) and declare the publisher in tp-doctor.yml; if it is "{actual}", set `repository.url` in `{file}` to "{url}"',
        severity: 'warning',
      },
      remoteVsCandidate: {
        text: 'Package "{package}"{maybe} `repository.url` names "{declared}", but the git remote is "{actual}"',
        why: 'If that publish sends this package, its provenance names the repository the workflow runs in, and the registry rejects a publish whose `repository.url` differs from it with E422. Either the repository was renamed or moved to "{declared}" (GitHub redirects the old name, so an old clone keeps the old remote) and `repository.url` is right, or `repository.url` is wrong and its first publish with provenance fails',
        fix: 'If the repository is now "{declared}", update the remote (`git remote set-url origin https://github.com/{declared}.git`) and declare the publisher in tp-doctor.yml; if it is "{actual}", set `repository.url` in `{file}` to "{url}"',
        severity: 'warning',
      },
      vcsOriginVsPackage: {
        text: 'Trusted publisher VCS origin "{declared}" is not the repository "{actual}" that `repository` in {file} names',
        why: 'CircleCI\'s ID token names the repository the pipeline builds (`oidc.circleci.com/vcs-origin`, `host/owner/repo`) and npm compares it with the trusted publisher exactly. tp-doctor found no git remote, so it compared with `repository` of {file}, which may be out of date',
        fix: 'If the pipeline builds "{actual}", set `{path}` to "{actual}" and register that value (`npm trust circleci --vcs-origin {actual}`); otherwise correct `repository` in {file}',
        severity: 'warning',
      },
      otherHost: {
        text: 'Git remote "{remote}" is on {host}, but the trusted publisher "{declared}" is a {provider} one',
        why: 'A {provider} trusted publisher only accepts OIDC tokens from {provider} runs of "{declared}"; unless this clone is a mirror and the publish runs on {provider}, no run can produce a matching token',
        fix: 'Declare the publisher for the CI system that runs the publish (`provider` in `{entry}`), or check that the workflows really run on {provider} from "{declared}"',
        severity: 'warning',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      ctx.publishers.forEach((publisher, index) => {
        if (publisher.provider === 'circleci' && !publisher.inferred) checkVcsOrigin(project, ctx, publisher, index);
      });
      if (!project.gitRemote) return;
      const remotes = ctx.facts.gitRemotes;
      if (ctx.publishers.every((p) => p.inferred)) checkPackages(project, ctx);
      const origin = remotes.find((r) => r.name === 'origin') ?? remotes[0];
      ctx.publishers.forEach((publisher, index) => {
        // CircleCI publishers (`vcsOrigin`) are compared by checkVcsOrigin.
        if (publisher.inferred || publisher.provider === 'circleci') return;
        const declared = publisher.provider === 'github' ? publisher.repository : publisher.project;
        if (declared === undefined || !SHAPE.test(declared)) return;
        const field = publisher.provider === 'github' ? 'repository' : 'project';
        const at = publisher.fieldLocations[field] ?? publisher.location;
        if (!at) return;
        const host = expectedHost(publisher);
        const remote = project.gitRemote!;
        // A fork clone keeps the real repository as another remote (`upstream`): accept any remote.
        if (remotes.some((r) => r.remote.host === host && r.remote.path === declared)) return;
        if (remotes.length === 0 && remote.host === host && remote.path === declared) return;
        const related = relatedOf(origin);
        const path = `publishers[${index}].${field}`;
        if (remote.host !== host) {
          const provider = publisher.provider === 'github' ? 'GitHub' : 'GitLab';
          const data = { remote: remote.url, host: remote.host, declared, provider, entry: `publishers[${index}]` };
          ctx.report({ messageId: 'otherHost', data, at, related });
        } else if (remote.path.toLowerCase() === declared.toLowerCase()) {
          ctx.report({ messageId: 'caseMismatch', data: { declared, actual: remote.path, path }, at, related });
        } else {
          ctx.report({ messageId: 'mismatch', data: { declared, actual: remote.path, path }, at, related });
        }
      });
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/** `host/owner/repo` with the host in lower case (host names ignore case; owner and repository keep theirs). */
function originText(origin: string): string {
  const slash = origin.indexOf('/');
  return `${origin.slice(0, slash).toLowerCase()}${trimEndChar(origin.slice(slash), '/')}`;
}

function originOf(ref: { host: string; path: string }): string {
  return originText(`${ref.host}/${ref.path}`);
}

function expectedHost(publisher: Exclude<Publisher, { provider: 'circleci' }>): string {
  return publisher.provider === 'github' ? 'github.com' : (publisher.host ?? 'gitlab.com').toLowerCase();
}

function relatedOf(origin: GitConfigRemote | undefined): { at: Location; label: string }[] {
  return origin ? [{ at: origin.location, label: `git remote "${origin.name}"` }] : [];
}

/**
 * A CircleCI publisher's `vcsOrigin` (`host/owner/repo`) against the git remotes (any remote
 * matches: a fork clone keeps the real repository as `upstream`), else, without a remote,
 * against the root package.json `repository` (a warning: it may be stale). Shapes npm or
 * CircleCI would not produce (a scheme, fewer than three parts, `.git`, whitespace) are
 * publisher-config-valid's.
 */
function checkVcsOrigin(project: Project, ctx: Ctx, publisher: CircleciPublisher, index: number): void {
  const declared = publisher.vcsOrigin;
  if (declared === undefined || declared.includes('://') || declared.split('/').length < 3 || /\.git\/*$/i.test(declared) || /\s/.test(declared)) return;
  // `github.com/acme/widget/tree/main`: publisher-config-valid's `vcsOriginExtraPath`.
  if (/^(?:github\.com|bitbucket\.org)\//i.test(declared) && trimEndChar(declared, '/').split('/').length > 3) return;
  const at = publisher.fieldLocations['vcsOrigin'] ?? publisher.location;
  if (!at) return;
  const path = `publishers[${index}].vcsOrigin`;
  const wanted = originText(declared);
  const remote = project.gitRemote;
  if (remote) {
    const all = ctx.facts.gitRemotes;
    const origins = all.length > 0 ? all.map((r) => originOf(r.remote)) : [originOf(remote)];
    if (origins.includes(wanted)) return;
    const origin = all.find((r) => r.name === 'origin') ?? all[0];
    const actual = originOf(remote);
    const messageId = actual.toLowerCase() === wanted.toLowerCase() ? 'caseMismatch' : 'mismatch';
    ctx.report({ messageId, data: { declared, actual, path }, at, related: relatedOf(origin) });
    return;
  }
  const pkg = project.packageJson;
  const url = pkg?.repository?.url;
  const ref = url === undefined ? undefined : normalizeRepositoryUrl(url);
  if (!pkg || !ref || originOf(ref) === wanted) return;
  const node = pkg.repository!.node;
  const field = node.isMap ? (node.get('url') ?? node) : node;
  const related = [{ at: { file: field.file, ...field.span }, label: '`repository` in package.json' }];
  ctx.report({ messageId: 'vcsOriginVsPackage', data: { declared, actual: originOf(ref), file: pkg.file, path }, at, related });
}

/**
 * Without a declaration: a published package whose `repository` names another GitHub
 * repository than the remote (not only another case). Reported once per URL, on the field: first
 * for the packages a publish surely sends, then for those only a guessed publish may send
 * (`guessedPublish`: a script's publish, at most a warning naming that publish).
 */
function checkPackages(project: Project, ctx: Ctx): void {
  const remotes = ctx.facts.gitRemotes;
  const remote = project.gitRemote;
  if (remote?.host !== 'github.com') return;
  const origin = remotes.find((r) => r.name === 'origin') ?? remotes[0];
  const seen = new Set<string>();
  const packages = ctx.coverage();
  // Only for a package a workflow publishes: without a publish there is no provenance to fail.
  const sure = packages.flatMap((pkg) => (pkg.published && ctx.facts.sitesPublishing(pkg).length > 0 ? [{ pkg, sites: ctx.facts.sitesPublishing(pkg), guessed: undefined }] : []));
  const guesses = packages.flatMap((pkg) => {
    const guessed = guessedPublish(ctx.facts, pkg);
    return guessed ? [{ pkg, sites: guessed.sites, guessed }] : [];
  });
  for (const { pkg, sites, guessed } of [...sure, ...guesses]) {
    const url = pkg.pkg.repository?.url;
    if (url === undefined || seen.has(url)) continue;
    // The package.json sent is the one its build writes in its `publishConfig.directory` (pnpm, lerna), not this one.
    if (builtManifestOf(sites, pkg.dir) !== undefined) continue;
    const ref = normalizeRepositoryUrl(url);
    if (!ref || ref.host !== 'github.com' || compareRepositories(ref, { host: remote.host, path: remote.path }) !== 'different') continue;
    // A fork clone keeps the real repository as another remote.
    if (remotes.some((r) => r.remote.host === ref.host && r.remote.path === ref.path)) continue;
    seen.add(url);
    const node = pkg.pkg.repository!.node;
    const at = node.isMap ? (node.get('url') ?? node) : node;
    const data = { package: pkg.name ?? pkg.dir, declared: ref.path, actual: remote.path, file: pkg.pkg.file, url: `git+${provenanceUrl({ host: remote.host, path: remote.path })}.git` };
    if (!guessed) {
      ctx.report({ messageId: 'remoteVsPackage', data, at, atValue: true, related: relatedOf(origin) });
      continue;
    }
    const related = [...relatedOf(origin), { at: guessed.site.publish.location, label: 'the publish that may send it' }];
    ctx.report({ messageId: 'remoteVsCandidate', data: { ...data, maybe: guessed.words }, at, atValue: true, related, certainty: guessed.certainty });
  }
}
