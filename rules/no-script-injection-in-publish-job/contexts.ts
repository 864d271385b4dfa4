/**
 * The `github` context values an outsider controls as free text, and the events that carry them.
 * The list follows GitHub Security Lab's "untrusted input" list (which zizmor's template-injection
 * audit started from), plus the `workflow_run` and `discussion` equivalents. Hand-written data: each
 * entry is a path under `github.` with `*` for any array index or key.
 */

interface UntrustedContext {
  path: string;
  /** What it is, for messages: "the pull request title". */
  what: string;
  /** The events whose payload carries it; a workflow that runs on none of them always sees it empty. */
  events: readonly string[];
}

const PR_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];
const ISSUE_EVENTS = ['issues', 'issue_comment'];
const COMMENT_EVENTS = ['issue_comment', 'pull_request_review_comment', 'commit_comment', 'discussion_comment'];
const DISCUSSION_EVENTS = ['discussion', 'discussion_comment'];

export const UNTRUSTED_CONTEXTS: readonly UntrustedContext[] = [
  { path: 'event.issue.title', what: 'the issue title', events: ISSUE_EVENTS },
  { path: 'event.issue.body', what: 'the issue body', events: ISSUE_EVENTS },
  { path: 'event.pull_request.title', what: 'the pull request title', events: PR_EVENTS },
  { path: 'event.pull_request.body', what: 'the pull request body', events: PR_EVENTS },
  { path: 'event.pull_request.head.ref', what: 'the pull request branch name', events: PR_EVENTS },
  { path: 'event.pull_request.head.label', what: 'the pull request head label', events: PR_EVENTS },
  { path: 'event.pull_request.head.repo.default_branch', what: "the fork's default branch name", events: PR_EVENTS },
  { path: 'head_ref', what: 'the pull request branch name', events: PR_EVENTS },
  { path: 'event.comment.body', what: 'the comment body', events: COMMENT_EVENTS },
  { path: 'event.review.body', what: 'the review body', events: ['pull_request_review'] },
  { path: 'event.review_comment.body', what: 'the review comment body', events: ['pull_request_review_comment'] },
  { path: 'event.pages.*.page_name', what: 'the wiki page name', events: ['gollum'] },
  { path: 'event.commits.*.message', what: 'a commit message', events: ['push'] },
  { path: 'event.commits.*.author.email', what: 'a commit author email', events: ['push'] },
  { path: 'event.commits.*.author.name', what: 'a commit author name', events: ['push'] },
  { path: 'event.head_commit.message', what: 'the head commit message', events: ['push'] },
  { path: 'event.head_commit.author.email', what: 'the head commit author email', events: ['push'] },
  { path: 'event.head_commit.author.name', what: 'the head commit author name', events: ['push'] },
  { path: 'event.workflow_run.head_branch', what: 'the triggering run\'s branch name', events: ['workflow_run'] },
  { path: 'event.workflow_run.head_commit.message', what: 'the triggering run\'s commit message', events: ['workflow_run'] },
  { path: 'event.workflow_run.head_commit.author.email', what: 'the triggering run\'s commit author email', events: ['workflow_run'] },
  { path: 'event.workflow_run.head_commit.author.name', what: 'the triggering run\'s commit author name', events: ['workflow_run'] },
  { path: 'event.workflow_run.pull_requests.*.head.ref', what: 'a pull request branch name', events: ['workflow_run'] },
  { path: 'event.discussion.title', what: 'the discussion title', events: DISCUSSION_EVENTS },
  { path: 'event.discussion.body', what: 'the discussion body', events: DISCUSSION_EVENTS },
];

/** A context reference inside an expression, normalised: `github.event.commits[0].message` → `event.commits.*.message`. */
const REFERENCE = /\bgithub((?:\.[A-Za-z_][A-Za-z0-9_-]*|\.\*|\[[^\]]*\])+)/g;

function normalise(tail: string): string[] {
  const parts: string[] = [];
  // Brackets are read whole and unquoted after: one quantifier per alternative, linear on any text.
  for (const m of tail.matchAll(/\.([A-Za-z_][A-Za-z0-9_-]*|\*)|\[([^[\]]*)\]/g)) {
    const inner = m[2]?.trim();
    const quoted = inner === undefined ? null : /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
    const name = m[1] ?? quoted?.[1] ?? quoted?.[2];
    parts.push(name === undefined || /^\d+$/.test(name) ? '*' : name);
  }
  return parts;
}

function matches(pattern: readonly string[], parts: readonly string[]): boolean {
  return pattern.length === parts.length && pattern.every((p, i) => p === '*' || parts[i] === '*' || p === parts[i]);
}

/** True when `parts` is a proper prefix of `pattern` (a whole object, e.g. `toJSON(github.event.pull_request)`). */
function prefixOf(parts: readonly string[], pattern: readonly string[]): boolean {
  return parts.length < pattern.length && parts.every((p, i) => p === '*' || pattern[i] === '*' || p === pattern[i]);
}

/**
 * The untrusted contexts an expression body (the text between `${{` and `}}`) renders as text: a
 * reference to one of them, or `toJSON(...)` of an object that contains one. The events the
 * workflow runs on filter the list (undefined: unknown, keep all).
 */
export function untrustedIn(expression: string, events: ReadonlySet<string> | undefined): UntrustedContext[] {
  const out: UntrustedContext[] = [];
  for (const m of expression.matchAll(REFERENCE)) {
    const parts = normalise(m[1] ?? '');
    const inToJson = /toJSON\s*\(\s*$/i.test(expression.slice(0, m.index));
    for (const c of UNTRUSTED_CONTEXTS) {
      const pattern = c.path.split('.');
      if (!(matches(pattern, parts) || (inToJson && prefixOf(parts, pattern)))) continue;
      if (events && !c.events.some((e) => events.has(e))) continue;
      if (!out.includes(c)) out.push(c);
    }
  }
  return out;
}
