import type { Publisher } from '../../src/config/types.js';
import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import type { Location } from '../../src/yaml/span.js';
import { checkCiFile, checkConfigFile, checkEnvironment, checkHost, checkProject, checkRepository, checkUuid, checkVcsOrigin, checkWorkflow, overlap } from './checks.js';
import type { Finding } from './checks.js';
import type { FixSpec } from '../../src/fix/edits.js';

/**
 * Declared values whose corrected form is certainly what was meant (a path, URL, `.git` suffix,
 * scheme or blanks around the value the registration cannot hold): `--fix` writes the expected
 * value. The other corrections with an example (`e.g.`), or one that also needs a file renamed,
 * are suggestions.
 */
const CERTAIN = new Set(['workflowPath', 'repositoryUrl', 'repositoryGitSuffix', 'environmentWhitespace', 'gitlabProjectUrl', 'circleciIdWhitespace', 'vcsOriginScheme', 'vcsOriginScpForm', 'vcsOriginGitSuffix']);

function valueChange(messageId: string, at: Location, suggestion: unknown, path: string): { fix?: FixSpec; suggest?: FixSpec[] } {
  if (typeof suggestion !== 'string' || suggestion === '') return {};
  const spec: FixSpec = { file: at.file, description: `Set \`${path}\` to "${suggestion}"`, edits: [{ at: { start: at.start, end: at.end }, scalar: suggestion }] };
  return CERTAIN.has(messageId) ? { fix: spec } : { suggest: [spec] };
}

const SILENT_FAILURE =
  'npm compares this value exactly with the claims of the CI job\'s ID token; registered like this it never matches, the OIDC exchange fails silently and `npm publish` ends in ENEEDAUTH (or E404 when an old token is still configured). tp-doctor also checks your workflows against this value';

// securitySeverity 3.0: a wrong declaration breaks publishing (availability), it exposes nothing.
/** The most trusted publishers npm lets a package have (npm/documentation#2034, September 2026). */
const MAX_PUBLISHERS = 10;

const rule = defineRule({
  id: 'publisher-config-valid',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'Declared trusted publishers must hold values npm can match: workflow file name, owner/repo, environment, GitLab project, CircleCI ids and VCS origin',
    securitySeverity: 3.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      workflowPath: {
        text: 'Workflow "{value}" is a path; expected the bare file name "{suggestion}"',
        why: `npm matches only the file name of the top-level workflow (\`release.yml\`), never its directory. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}" (and register the file name alone on npmjs.com)',
      },
      workflowWhitespace: {
        text: 'Workflow "{value}" contains whitespace; expected a file name such as "{suggestion}"',
        why: SILENT_FAILURE,
        fix: 'Set `{path}` to the exact workflow file name without spaces, e.g. "{suggestion}"',
      },
      workflowExtension: {
        text: 'Workflow "{value}" does not end in `.yml` or `.yaml`; expected a file name such as "{suggestion}"',
        why: `GitHub runs only \`.yml\`/\`.yaml\` files from \`.github/workflows\`, and npm matches the file name including its extension. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the workflow file name with its extension, e.g. "{suggestion}"',
      },
      workflowExtensionCase: {
        text: 'Workflow "{value}" ends in "{extension}"; npm accepts only lower-case `.yml` or `.yaml`',
        why: `npm compares the workflow file name case-sensitively and requires the extension \`.yml\` or \`.yaml\` exactly. ${SILENT_FAILURE}`,
        fix: 'Rename the workflow file to "{suggestion}" and set `{path}` (and the trusted publisher on npmjs.com) to that name',
      },
      repositoryUrl: {
        text: 'Repository "{value}" is a URL; expected "owner/repo": "{suggestion}"',
        why: `The ID token names the repository as \`owner/repo\`. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      repositoryGitSuffix: {
        text: 'Repository "{value}" ends in `.git`; expected "{suggestion}"',
        why: `The ID token names the repository as \`owner/repo\` without \`.git\`. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      repositoryShape: {
        text: 'Repository "{value}" is not of the form "owner/repo"',
        why: `The ID token names the repository as exactly two segments, owner and name. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the owner and the repository name separated by one `/`, exactly as GitHub shows them',
      },
      repositoryCharacters: {
        text: 'Repository "{value}": {part} "{segment}" has characters GitHub does not allow',
        why: `No GitHub repository can have this name, so no workflow run can present it. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the repository exactly as GitHub shows it (owner: letters, digits, `-`; name: letters, digits, `-`, `_`, `.`)',
      },
      environmentExpression: {
        text: 'Environment "{value}" is a `${{ }}` expression; npm stores and compares a literal environment name',
        why: `npm never evaluates expressions: the registered text is compared with the job's environment name as GitHub or GitLab resolved it. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the literal name of the environment the publishing job runs in (and register that name on npmjs.com)',
      },
      environmentWhitespace: {
        text: 'Environment "{value}" has leading or trailing whitespace; expected "{suggestion}"',
        why: `Environment names are compared exactly, spaces included. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      gitlabCiFile: {
        text: 'CI file "{value}" does not end in `.yml`',
        why: `npm's GitLab trusted publisher takes the path of the top-level CI file and accepts only a \`.yml\` file. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the repository path of the top-level CI file, ending in `.yml` (default ".gitlab-ci.yml"); rename the file if needed',
      },
      gitlabProjectUrl: {
        text: 'Project "{value}" is not a bare project path; expected "{suggestion}"',
        why: `The GitLab ID token names the project by its path \`namespace/project\`, without host or \`.git\`. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      gitlabProjectShape: {
        text: 'Project "{value}" is not of the form "namespace/project" (subgroups allowed)',
        why: `The GitLab ID token names the project by its full path, at least a namespace and a project. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the full project path as GitLab shows it, e.g. "group/subgroup/project"',
      },
      gitlabHost: {
        text: 'GitLab host "{value}" is not gitlab.com; npm trusted publishing supports GitLab.com only',
        why: 'npm accepts ID tokens only from GitLab.com; a job on a self-managed GitLab instance cannot publish with trusted publishing, and `npm publish` falls back to ENEEDAUTH or a stale token',
        fix: 'Publish from a GitLab.com project (set `{path}` to "gitlab.com" or remove it), or keep a token-based publish for this instance',
      },
      gitlabHostUrl: {
        text: 'GitLab host "{value}" is a URL; expected the host name "gitlab.com"',
        why: 'tp-doctor compares the host name with gitlab.com, the only GitLab instance npm trusts; a URL is not a host name',
        fix: 'Set `{path}` to "gitlab.com", or remove it (gitlab.com is the default)',
      },
      circleciId: {
        text: 'CircleCI {label} "{value}" is not a UUID',
        why: `npm accepts only a UUID here (\`npm trust circleci\` stops with "{flag} must be a valid UUID"): CircleCI names organizations, projects, pipeline definitions and contexts by UUIDs of 8-4-4-4-12 hexadecimal digits, never by name or slug, and its ID token carries those UUIDs. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the {label} UUID that CircleCI shows under {where}',
      },
      circleciIdWhitespace: {
        text: 'CircleCI {label} "{value}" has leading or trailing whitespace; expected "{suggestion}"',
        why: `npm accepts only a bare UUID here (\`npm trust circleci\` stops with "{flag} must be a valid UUID"). ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      vcsOriginScheme: {
        text: 'VCS origin "{value}" includes a scheme; expected "{suggestion}"',
        why: `npm rejects it ("vcs-origin must not include a scheme"): CircleCI's ID token names the repository as \`host/owner/repo\`. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      vcsOriginScpForm: {
        text: 'VCS origin "{value}" is an SSH address; expected "{suggestion}"',
        why: `npm rejects it ("vcs-origin must be in format 'provider/owner/repo'"): CircleCI's ID token names the repository as \`host/owner/repo\`. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      vcsOriginShape: {
        text: 'VCS origin "{value}" is not of the form "host/owner/repo"',
        why: `npm rejects it ("vcs-origin must be in format 'provider/owner/repo'"): CircleCI's ID token names the repository with its host, for example \`github.com/acme/widget\`. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to the repository host, owner and name without a scheme, for example "{example}"',
      },
      vcsOriginGitSuffix: {
        text: 'VCS origin "{value}" ends in `.git`; expected "{suggestion}"',
        why: 'npm accepts it, but CircleCI\'s `oidc.circleci.com/vcs-origin` claim names the repository without `.git` (`github.com/owner/repo`), and npm compares the claim exactly: the exchange would fail silently',
        fix: 'Set `{path}` to "{suggestion}" (and register that value with `npm trust circleci --vcs-origin`)',
        severity: 'warning',
      },
      vcsOriginWhitespace: {
        text: 'VCS origin "{value}" has leading or trailing whitespace; expected "{suggestion}"',
        why: `CircleCI's \`oidc.circleci.com/vcs-origin\` claim has no whitespace. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      vcsOriginExtraPath: {
        text: 'VCS origin "{value}" names more than an owner and a repository on {host}; expected "{suggestion}"',
        why: `Repositories on {host} are \`owner/repo\`, so CircleCI's \`oidc.circleci.com/vcs-origin\` claim is \`{host}/owner/repo\`; extra path segments (a branch or file page of the repository) never match. ${SILENT_FAILURE}`,
        fix: 'Set `{path}` to "{suggestion}"',
      },
      circleciConfigFilePath: {
        text: 'CircleCI config file "{value}" is not a path inside the repository',
        why: 'CircleCI reads the configuration from the repository the pipeline checks out, and tp-doctor reads only the repository: an absolute path, a URL or a path with `..` names nothing it can check, so the CircleCI rules check nothing',
        fix: 'Set `{path}` to the repository-relative path of the configuration the pipeline definition runs (default `.circleci/config.yml`)',
        severity: 'warning',
      },
      allowedActionsEmpty: {
        text: '`{path}` is empty; a trusted publisher allows at least one action',
        why: 'npm refuses to create a trusted publisher without an action ("At least one permission flag is required (--allow-publish, --allow-stage-publish)"), so no registered publisher looks like this declaration; a publisher that allowed nothing would answer every publish with 403 "OIDC permission denied for this action"',
        fix: 'List what the trusted publisher allows on npmjs.com in `{path}`: `[publish]`, `[stage-publish]` or both (or remove the key when you do not know)',
      },
      duplicatePublisher: {
        text: 'Publishers `{first}` and `{second}` both cover {packages}; each must be registered on npmjs.com for it',
        why: `Since September 2026 npm lets a package have several trusted publishers (${MAX_PUBLISHERS} at most, npm/documentation#2034), each registered on its own; before that, and for a package that still has a single one, at most one of these declarations is true, and tp-doctor checks each workflow against the one that names it`,
        fix: 'Register each of them for the package on npmjs.com (or with `npm trust`), or remove the entry that is not registered',
        severity: 'info',
      },
      tooManyPublishers: {
        text: `{count} publishers cover package "{name}", \`{first}\` to \`{last}\`; npm allows at most ${MAX_PUBLISHERS} trusted publishers per package`,
        why: `npm lets a package have at most ${MAX_PUBLISHERS} trusted publishers (npm/documentation#2034), so not all of these declarations can be registered; the runs of a workflow whose publisher is not registered are refused, and their publish ends in E404 or ENEEDAUTH`,
        fix: `Keep at most ${MAX_PUBLISHERS} publishers for "{name}" (call one publishing workflow from the others with \`uses:\`), or give the entries \`packages\` lists that do not all cover it`,
        severity: 'warning',
      },
    },
  },
  hooks: {
    project(_project, ctx) {
      const declared = ctx.publishers.map((p, index) => ({ p, index })).filter(({ p }) => !p.inferred);
      const prefix = ctx.config.file !== undefined && /(^|\/)package\.json$/.test(ctx.config.file) ? 'tpDoctor.' : '';
      const path = (index: number, field?: string): string => `${prefix}publishers[${index}]${field ? `.${field}` : ''}`;

      for (const { p, index } of declared) {
        for (const [field, finding] of fieldFindings(p)) {
          const at = p.fieldLocations[field];
          if (!finding || !at) continue;
          // Finding ids are the message ids above; checks.ts only returns those.
          const data = { ...CIRCLECI_FIELDS[field.replace(/\[\d+\]$/, '')], ...finding.data, value: finding.data['value'] ?? '', path: path(index, field) };
          const change = valueChange(finding.messageId, at, finding.data['suggestion'], data.path);
          ctx.report({ messageId: finding.messageId as 'circleciId', data: data as typeof data & { label: string; flag: string; where: string }, at, ...change });
        }
        const actions = p.fieldLocations['allowedActions'];
        if (p.allowedActions?.length === 0 && actions) {
          ctx.report({ messageId: 'allowedActionsEmpty', data: { path: path(index, 'allowedActions') }, at: actions });
        }
      }

      for (const [j, second] of declared.entries()) {
        for (const first of declared.slice(0, j)) {
          const packages = overlap(first.p.packages, second.p.packages);
          const at = anchor(second.p);
          const other = anchor(first.p);
          if (packages === undefined || !at || !other) continue;
          ctx.report({
            messageId: 'duplicatePublisher',
            data: { first: path(first.index), second: path(second.index), packages },
            at,
            related: [{ at: other, label: `the other publisher, ${path(first.index)}` }],
          });
          break;
        }
      }
      tooMany(ctx, declared, path);
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/** A package of the repository that more than `MAX_PUBLISHERS` declared publishers cover: reported once, at the first one past the limit. */
function tooMany(ctx: Ctx, declared: readonly { p: Publisher; index: number }[], path: (index: number) => string): void {
  if (declared.length <= MAX_PUBLISHERS) return;
  const publishers = declared.map((d) => d.p);
  for (const pkg of ctx.facts.coverage(publishers)) {
    if (pkg.name === undefined || pkg.publishers.length <= MAX_PUBLISHERS) continue;
    const indexes = pkg.publishers.map((p) => declared[publishers.indexOf(p)]!.index);
    const at = anchor(pkg.publishers[MAX_PUBLISHERS]!);
    if (!at) continue;
    ctx.report({ messageId: 'tooManyPublishers', data: { count: String(pkg.publishers.length), name: pkg.name, first: path(indexes[0]!), last: path(indexes.at(-1)!) }, at });
    return;
  }
}

function fieldFindings(p: Publisher): [string, Finding | undefined][] {
  const env: [string, Finding | undefined] = ['environment', p.environment !== undefined ? checkEnvironment(p.environment) : undefined];
  if (p.provider === 'github') {
    return [
      ['repository', p.repository !== undefined ? checkRepository(p.repository) : undefined],
      ['workflow', p.workflow !== undefined ? checkWorkflow(p.workflow) : undefined],
      env,
    ];
  }
  if (p.provider === 'circleci') {
    const ids: [string, string | undefined][] = [
      ['organizationId', p.organizationId],
      ['projectId', p.projectId],
      ['pipelineDefinitionId', p.pipelineDefinitionId],
    ];
    return [
      ...ids.map(([field, value]): [string, Finding | undefined] => [field, value !== undefined ? checkUuid(value) : undefined]),
      ['vcsOrigin', p.vcsOrigin !== undefined ? checkVcsOrigin(p.vcsOrigin) : undefined],
      ...(p.contextIds ?? []).map((id, i): [string, Finding | undefined] => [`contextIds[${i}]`, checkUuid(id)]),
      ['configFile', p.fieldLocations['configFile'] ? checkConfigFile(p.configFile) : undefined],
    ];
  }
  return [
    ['project', p.project !== undefined ? checkProject(p.project) : undefined],
    ['ciFile', p.fieldLocations['ciFile'] ? checkCiFile(p.ciFile) : undefined],
    ['host', p.host !== undefined ? checkHost(p.host) : undefined],
    env,
  ];
}

/** The words of the CircleCI id messages, by field: what it is, npm's flag, where CircleCI shows it. */
const CIRCLECI_FIELDS: Record<string, { label: string; flag: string; where: string }> = {
  organizationId: { label: 'organization ID', flag: 'org-id', where: 'Organization Settings > Overview' },
  projectId: { label: 'project ID', flag: 'project-id', where: 'Project Settings > Overview' },
  pipelineDefinitionId: { label: 'pipeline definition ID', flag: 'pipeline-definition-id', where: 'Project Settings > Project Setup (the pipeline that publishes)' },
  contextIds: { label: 'context ID', flag: 'context-id', where: 'Organization Settings > Contexts (the context\'s page)' },
};

/** The field that names a publisher, by provider. */
const NAMING_FIELD: Record<Publisher['provider'], string> = { github: 'workflow', gitlab: 'project', circleci: 'pipelineDefinitionId' };

/** Where a publisher entry is pointed at: its `packages`, else the field that names it. */
function anchor(p: Publisher): Location | undefined {
  const f = p.fieldLocations;
  return f['packages'] ?? f[NAMING_FIELD[p.provider]] ?? f['provider'] ?? p.location;
}
