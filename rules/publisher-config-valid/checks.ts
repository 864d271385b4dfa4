/**
 * Pure value checks for declared trusted publishers. Each returns the first problem of a field as
 * a message id plus the data the message needs (besides `path`), or undefined when the value is
 * acceptable. Shapes follow what npmjs.com stores and matches (docs/domain.md §1.8).
 */

import { cutAtFirst, trimEndChar } from '../../src/model/core/text.js';

export type Finding = { messageId: string; data: Record<string, string> };

const EXPRESSION = /\$\{\{/;

/** GitHub owner: letters, digits, hyphens (no leading/trailing hyphen); `_` for managed users. */
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;
/** GitHub repository name: letters, digits, `-`, `_`, `.`; not `.` or `..`. */
const GITHUB_REPO = /^[A-Za-z0-9._-]+$/;
/** GitLab namespace or project path segment. */
const GITLAB_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** `https://host/a/b(.git)`, `git+ssh://git@host/a/b`, `git@host:a/b.git`, `host/a/b` → { host, path }. */
function parseUrlish(value: string): { host: string; path: string } | undefined {
  const url = /^(?:git\+)?[a-z][a-z+]*:\/\/(?:[^@/\s]+@)?([^/:\s]+)(?::\d+)?\/(.+)$/i.exec(value);
  const scp = /^[^@/\s]+@([^:/\s]+):(.+)$/.exec(value);
  const bare = /^((?:www\.)?(?:github|gitlab)\.com)\/(.+)$/i.exec(value);
  const m = url ?? scp ?? bare;
  if (!m?.[1] || m[2] === undefined) return undefined;
  const path = trimEndChar(cutAtFirst(m[2], '?#'), '/').replace(/\.git$/, '');
  return { host: m[1].toLowerCase(), path };
}

export function checkWorkflow(value: string): Finding | undefined {
  if (/[/\\]/.test(value)) {
    const base = value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
    return { messageId: 'workflowPath', data: { value, suggestion: base.trim() } };
  }
  if (/\s/.test(value)) {
    return { messageId: 'workflowWhitespace', data: { value, suggestion: value.trim().replace(/\s+/g, '-') } };
  }
  if (/\.ya?ml$/.test(value)) return undefined;
  const ext = /\.(ya?ml)$/i.exec(value);
  if (ext?.[1]) {
    const suggestion = `${value.slice(0, -ext[1].length)}${ext[1].toLowerCase()}`;
    return { messageId: 'workflowExtensionCase', data: { value, extension: `.${ext[1]}`, suggestion } };
  }
  return { messageId: 'workflowExtension', data: { value, suggestion: `${value.replace(/\.[A-Za-z]{1,5}$/, '')}.yml` } };
}

export function checkRepository(value: string): Finding | undefined {
  const shorthand = /^github:(.+)$/i.exec(value)?.[1];
  const parsed = shorthand !== undefined ? { host: 'github.com', path: shorthand.replace(/\.git$/, '') } : parseUrlish(value);
  if (parsed) {
    const segments = parsed.path.split('/');
    if (segments.length >= 2) return { messageId: 'repositoryUrl', data: { value, suggestion: segments.slice(0, 2).join('/') } };
  }
  if (/\.git$/i.test(value) && value.split('/').length === 2) {
    return { messageId: 'repositoryGitSuffix', data: { value, suggestion: value.replace(/\.git$/i, '') } };
  }
  const segments = value.split('/');
  if (segments.length !== 2) return { messageId: 'repositoryShape', data: { value } };
  const [owner = '', repo = ''] = segments;
  if (!GITHUB_OWNER.test(owner) || owner.length > 39) return { messageId: 'repositoryCharacters', data: { value, part: 'owner', segment: owner } };
  if (!GITHUB_REPO.test(repo) || repo === '.' || repo === '..' || repo.length > 100) {
    return { messageId: 'repositoryCharacters', data: { value, part: 'repository name', segment: repo } };
  }
  return undefined;
}

export function checkEnvironment(value: string): Finding | undefined {
  if (EXPRESSION.test(value)) return { messageId: 'environmentExpression', data: { value } };
  if (value !== value.trim()) return { messageId: 'environmentWhitespace', data: { value, suggestion: value.trim() } };
  return undefined;
}

export function checkCiFile(value: string): Finding | undefined {
  return value.endsWith('.yml') ? undefined : { messageId: 'gitlabCiFile', data: { value } };
}

export function checkProject(value: string): Finding | undefined {
  const parsed = parseUrlish(value);
  if (parsed && parsed.path.split('/').length >= 2) {
    return { messageId: 'gitlabProjectUrl', data: { value, suggestion: parsed.path.replace(/\/-\/.*$/, '') } };
  }
  if (/\.git$/i.test(value)) return { messageId: 'gitlabProjectUrl', data: { value, suggestion: value.replace(/\.git$/i, '') } };
  const segments = value.split('/');
  if (segments.length < 2 || !segments.every((s) => GITLAB_SEGMENT.test(s))) return { messageId: 'gitlabProjectShape', data: { value } };
  return undefined;
}

export function checkHost(value: string): Finding | undefined {
  if (value.toLowerCase() === 'gitlab.com') return undefined;
  const host = /^(?:https?:\/\/)?([^/:\s]+)(?::\d+)?\/*$/i.exec(value)?.[1]?.toLowerCase();
  if (host === 'gitlab.com' || host === 'www.gitlab.com') return { messageId: 'gitlabHostUrl', data: { value } };
  return { messageId: 'gitlabHost', data: { value } };
}

/**
 * npm's own UUID rule for the CircleCI ids (`lib/utils/validate-uuid.js` of npm 11.11+, used by
 * `npm trust circleci` for `--org-id`, `--project-id`, `--pipeline-definition-id`, `--context-id`).
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A CircleCI id (organization, project, pipeline definition, context): a UUID, as npm requires. */
export function checkUuid(value: string): Finding | undefined {
  if (UUID.test(value)) return undefined;
  const trimmed = value.trim();
  if (UUID.test(trimmed)) return { messageId: 'circleciIdWhitespace', data: { value, suggestion: trimmed } };
  return { messageId: 'circleciId', data: { value } };
}

/**
 * `vcsOrigin`, npm's rule (`lib/commands/trust/circleci.js` `validateVcsOrigin`): no `://`, at
 * least three `/`-separated parts (`host/owner/repo`). Beyond npm: a `.git` suffix, which npm
 * accepts but CircleCI's `vcs-origin` claim never carries (a warning).
 */
export function checkVcsOrigin(value: string): Finding | undefined {
  if (value !== value.trim() && checkVcsOrigin(value.trim()) === undefined) return { messageId: 'vcsOriginWhitespace', data: { value, suggestion: value.trim() } };
  if (value.includes('://')) {
    const rest = value.slice(value.indexOf('://') + 3).replace(/^[^@/]*@/, '');
    const suggestion = trimEndChar(cutAtFirst(rest, '?#'), '/').replace(/\.git$/, '');
    return { messageId: 'vcsOriginScheme', data: { value, suggestion } };
  }
  if (value.split('/').length < 3) {
    // `user@host:path[.git][/]`: the path without its `.git` and trailing slashes (a scan, not `(.+?)\/*$`).
    const scp = /^[^@/\s]+@([^:/\s]+):(.+)$/.exec(value);
    const scpPath = scp?.[2] === undefined ? '' : trimEndChar(scp[2], '/').replace(/\.git$/, '');
    if (scp?.[1] && scpPath) return { messageId: 'vcsOriginScpForm', data: { value, suggestion: `${scp[1]}/${scpPath}` } };
    const example = value.split('/').length === 2 ? `github.com/${value}` : 'github.com/acme/widget';
    return { messageId: 'vcsOriginShape', data: { value, example } };
  }
  if (/\.git\/*$/i.test(value)) return { messageId: 'vcsOriginGitSuffix', data: { value, suggestion: value.replace(/\.git\/*$/i, '') } };
  // GitHub and Bitbucket repositories are exactly `owner/repo` (GitLab has subgroups): more is a page URL's path.
  const parts = trimEndChar(value, '/').split('/');
  const host = (parts[0] ?? '').toLowerCase();
  if (TWO_LEVEL_HOSTS.has(host) && parts.length > 3) {
    return { messageId: 'vcsOriginExtraPath', data: { value, host, suggestion: parts.slice(0, 3).join('/') } };
  }
  return undefined;
}

/** VCS hosts whose repositories are always `owner/repo`. */
const TWO_LEVEL_HOSTS = new Set(['github.com', 'bitbucket.org']);

/**
 * A CircleCI publisher's `configFile`: a path inside the repository (tp-doctor reads only the
 * repository; CircleCI reads the configuration from the checked-out repository too).
 */
export function checkConfigFile(value: string): Finding | undefined {
  const path = value.replace(/\\/g, '/');
  if (/^[a-z][a-z+.-]*:\/\//i.test(path) || path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:\//.test(path) || path.split('/').includes('..')) {
    return { messageId: 'circleciConfigFilePath', data: { value } };
  }
  return undefined;
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

const isGlob = (s: string): boolean => /[*?]/.test(s);

/**
 * What two `packages` lists have in common, in words; undefined when they are disjoint as far as
 * tp-doctor can tell (identical entries, or a plain name matched by the other list's glob).
 */
export function overlap(a: readonly string[] | undefined, b: readonly string[] | undefined): string | undefined {
  if (a === undefined && b === undefined) return 'every package of the repository';
  if (a === undefined || b === undefined) {
    const list = (a ?? b ?? []).map((p) => `"${p}"`).join(', ');
    return list === '' ? undefined : list;
  }
  const same = a.find((x) => b.includes(x));
  if (same !== undefined) return `"${same}"`;
  for (const x of a) {
    for (const y of b) {
      if (isGlob(x) && !isGlob(y) && globToRegExp(x).test(y)) return `"${y}"`;
      if (isGlob(y) && !isGlob(x) && globToRegExp(y).test(x)) return `"${x}"`;
    }
  }
  return undefined;
}
