/**
 * `tp-doctor probe`: runs inside the CI job right before the publish and checks what the static
 * rules cannot see: the real ID token (obtained the way npm obtains it), its claims against the
 * declared trusted publisher, the npm on PATH, and optionally the registry's answer to the token
 * exchange. Returns diagnostics; the CLI prints them. Never prints or stores a token: every text
 * that leaves this module has gone through the run's `Redactor`.
 */
import semver from 'semver';
import { loadConfig } from '../config/load.js';
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import type { SourceFs } from '../fs/source.js';
import { loadProject, type Project } from '../model/project.js';
import type { Location } from '../yaml/span.js';
import { probeDocsUrl, probeRuleId, type ProbeCheckId } from './checks.js';
import { checkClaims, IMMUTABLE_SUBJECT, parseWorkflowRef } from './claims-check.js';
import { exchange, type ExchangeResult } from './exchange.js';
import type { ProbeFinding } from './finding.js';
import { decodeJwt, stringClaim, type Claims } from './jwt.js';
import { runNpmVersion, type NpmVersionRunner } from './npm-cli.js';
import { getIdToken, type IdTokenResult } from './oidc.js';
import { publishedPackageNames } from './packages.js';
import { detectProvider, MIN_NPM, MIN_NPM_STAGE, PROVIDER_NAMES, providerFromIssuer, type CiProvider } from './provider.js';
import { Redactor } from './redact.js';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';
export const DEFAULT_TIMEOUT_MS = 10_000;
/** At most this many packages are exchanged per run (each exchange mints a registry token). */
export const MAX_EXCHANGES = 20;

export interface ProbeOptions {
  env: NodeJS.ProcessEnv;
  /** The repository (for the config, the workflows and the package names); undefined: none. */
  fs?: SourceFs;
  configPath?: string;
  /** The registry URL, already resolved with `resolveRegistry`. */
  registry: string;
  /** `--package` names; undefined: the packages the repository publishes. */
  packages?: string[];
  exchange: boolean;
  /** Check for `npm stage publish` (npm ≥ 11.15.0). */
  stage: boolean;
  timeoutMs: number;
  /** Milliseconds since the epoch (tests). */
  now?: number;
  /** Runs `npm --version` (tests replace it). */
  runNpm?: NpmVersionRunner;
}

export interface ProbeReport {
  diagnostics: Diagnostic[];
  notes: string[];
  provider?: CiProvider;
  /** Redacts every secret this run handled; the CLI passes its final output through it too. */
  redactor: Redactor;
}

/** `--registry`, else `NPM_CONFIG_REGISTRY` (any case, as npm reads it), else registry.npmjs.org. */
export function resolveRegistry(flag: string | undefined, env: NodeJS.ProcessEnv): { ok: true; url: string } | { ok: false; message: string } {
  const fromEnv = env.NPM_CONFIG_REGISTRY ?? env.npm_config_registry;
  const value = flag ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_REGISTRY);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `the registry "${value}" is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `the registry "${value}" is not an http(s) URL` };
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, url: url.href };
}

const CI_NAME: Record<CiProvider, string> = { github: 'github-actions', gitlab: 'gitlab-ci', circleci: 'circleci' };

export async function probe(options: ProbeOptions): Promise<ProbeReport> {
  const { env } = options;
  const redactor = new Redactor([env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, env.NPM_ID_TOKEN, env.NODE_AUTH_TOKEN, env.NPM_TOKEN]);
  const findings: ProbeFinding[] = [];
  const notes: string[] = [];
  const now = options.now ?? Date.now();
  const envProvider = detectProvider(env);

  // --- the declaration and the checkout ---------------------------------------------------------
  let configFile: string | undefined;
  let publishers: readonly unknown[] = [];
  let project: Project | undefined;
  if (options.fs) {
    const loaded = loadConfig(options.fs, { configPath: options.configPath });
    configFile = loaded.config.file;
    publishers = loaded.config.publishers.filter((p) => !p.inferred);
    for (const error of loaded.errors) {
      findings.push({
        check: 'config',
        messageId: 'invalid',
        severity: 'warning',
        message: `The tp-doctor config has a problem: ${error.message}`,
        why: 'Probe compares the token with the publishers it could read; an entry it could not read is not compared',
        fix: 'Run `tp-doctor` (the static checks) to see and fix the config errors',
        data: {},
        ...(error.location ? { at: error.location } : {}),
      });
    }
    const gitlabCiFiles = loaded.config.publishers.flatMap((p) => (p.provider === 'gitlab' ? [p.ciFile] : []));
    project = loadProject(options.fs, gitlabCiFiles.length > 0 ? { gitlabCiFiles } : {});
  }
  if (publishers.length === 0) {
    findings.push({
      check: 'config',
      messageId: 'none',
      severity: 'info',
      message: options.fs
        ? 'No trusted publisher is declared in a tp-doctor config: the token is not compared with the registration'
        : 'No repository was given: the token is not compared with a declared trusted publisher',
      why: 'Probe can only tell a mismatch when it knows what is registered on npmjs.com; `probe/claims` shows what the registry will match',
      fix: 'Declare the trusted publisher as registered on npmjs.com under `publishers:` in tp-doctor.yml',
      data: {},
    });
  }

  // --- the npm that will run --------------------------------------------------------------------
  const npmResult = await (options.runNpm ?? runNpmVersion)({ env, timeoutMs: options.timeoutMs });
  const minProvider = envProvider ?? 'github';
  const minimum = options.stage && semver.gt(MIN_NPM_STAGE, MIN_NPM[minProvider]) ? MIN_NPM_STAGE : MIN_NPM[minProvider];
  const minimumFor = options.stage ? `\`npm stage publish\` on ${PROVIDER_NAMES[minProvider]}` : `trusted publishing on ${PROVIDER_NAMES[minProvider]}`;
  if (npmResult.ok) {
    if (semver.lt(npmResult.version, minimum)) {
      findings.push({
        check: 'npm-version',
        messageId: 'tooOld',
        severity: 'error',
        message: `npm ${npmResult.version} on PATH is older than ${minimum}, the first npm that does ${minimumFor}`,
        why: 'An older npm never asks for an OIDC token: the publish runs without credentials (ENEEDAUTH) or with a leftover token (E404)',
        fix: `Install npm ${minimum} or later in the publishing job before the publish (\`npm install -g npm@11\`; npm 12 needs Node ^22.22.2, ^24.15.0 or >=26), or use a Node whose bundled npm is new enough`,
        data: { version: npmResult.version, minimum },
      });
    } else {
      notes.push(`npm ${npmResult.version} on PATH (trusted publishing needs ${minimum} or later for ${minimumFor.replace(/^trusted publishing on /, '')})`);
    }
  } else {
    findings.push({
      check: 'npm-version',
      messageId: 'unknown',
      severity: 'warning',
      message: `Could not check the npm on PATH: ${npmResult.detail}`,
      why: `Trusted publishing needs npm ${minimum} or later for ${minimumFor.replace(/^trusted publishing on /, '')}; probe could not see which npm the publish will use`,
      fix: 'Run probe in the job and environment that publish, after the step that sets up Node and npm',
      data: { reason: npmResult.reason, minimum },
    });
  }

  // --- the ID token -----------------------------------------------------------------------------
  if (!envProvider) {
    findings.push({
      check: 'provider',
      messageId: 'notCi',
      severity: 'error',
      message: 'Not running in GitHub Actions, GitLab CI/CD or CircleCI: GITHUB_ACTIONS, GITLAB_CI and CIRCLECI are all unset',
      why: 'npm only attempts trusted publishing when it detects one of these providers; anywhere else it publishes with whatever token is configured',
      fix: 'Run `tp-doctor probe` as a step of the publishing job, right before the publish',
      data: {},
    });
  }
  const token: IdTokenResult = await getIdToken({ provider: envProvider, env, registry: options.registry, timeoutMs: options.timeoutMs });
  let claims: Claims | undefined;
  if (token.ok) {
    redactor.add(token.token);
    notes.push(
      token.source === 'NPM_ID_TOKEN'
        ? 'ID token read from NPM_ID_TOKEN (npm uses it first on every provider); it is never printed'
        : `ID token requested from the GitHub runner with audience "${token.audience}", as npm does; it is never printed`,
    );
    const decoded = decodeJwt(token.token);
    if (decoded.ok) {
      claims = decoded.claims;
    } else {
      findings.push({
        check: 'token-format',
        messageId: 'notJwt',
        severity: 'error',
        message: `The ID token from ${token.source === 'NPM_ID_TOKEN' ? 'NPM_ID_TOKEN' : 'the GitHub runner'} is not a readable JWT: ${decoded.problem}`,
        why: 'The registry exchanges only a signed OIDC ID token (a JWT); anything else is rejected and npm publish ends in E404 or ENEEDAUTH',
        fix: token.source === 'NPM_ID_TOKEN' ? 'Set NPM_ID_TOKEN to the ID token itself (no quotes, no "Bearer ", no JSON around it)' : 'Re-run the job; if it persists, report it to GitHub',
        data: { problem: decoded.problem },
      });
    }
  } else if (token.problem !== 'no-provider') {
    findings.push(tokenProblem(token, options.timeoutMs));
  }

  const provider = envProvider ?? (claims ? providerFromIssuer(claims.iss) : undefined);
  const anchor = anchorLocation(provider, env, claims, configFile);

  if (provider && envProvider && publishers.length > 0 && !publishers.some((p) => (p as { provider?: unknown }).provider === provider)) {
    const declared = [...new Set(publishers.map((p) => String((p as { provider?: unknown }).provider)))].join(', ');
    findings.push({
      check: 'provider',
      messageId: 'otherProvider',
      severity: 'error',
      message: `The job runs on ${PROVIDER_NAMES[provider]} but the declared trusted publisher is for ${declared}`,
      why: 'A package has exactly one trusted publisher, and the registry accepts tokens only from the provider it names',
      fix: `Publish from the provider the trusted publisher names, or register a ${PROVIDER_NAMES[provider]} publisher on npmjs.com and in the config`,
      data: { provider, declared },
      ...(configFile ? { at: firstPublisherLocation(publishers) ?? fileStart(configFile) } : {}),
    });
  }

  if (claims && provider) {
    findings.push(
      ...checkClaims({
        provider,
        claims,
        audience: token.audience,
        tokenSource: token.ok ? token.source : 'NPM_ID_TOKEN',
        now,
        publishers,
        ...(configFile ? { configFile } : {}),
        ...(project?.workflowDirExists ? { workflowFiles: project.workflowDirEntries } : {}),
        anchor,
      }),
    );
  }

  // --- the exchange -----------------------------------------------------------------------------
  if (options.exchange) {
    if (!token.ok) {
      notes.push('--exchange: skipped, there is no ID token to exchange');
    } else {
      const names = options.packages ?? (project ? publishedPackageNames(project) : []);
      if (names.length === 0) {
        findings.push({
          check: 'exchange',
          messageId: 'noPackage',
          severity: 'warning',
          message: 'No package to try the exchange for: the repository has no public package.json name',
          why: 'The exchange is per package; probe could not tell which packages this job publishes',
          fix: 'Name the packages with `--package <name>` (repeatable)',
          data: {},
        });
      }
      const userAgent = `npm/${npmResult.ok ? npmResult.version : minimum} node/${process.version} ${process.platform} ${process.arch} workspaces/false${provider ? ` ci/${CI_NAME[provider]}` : ''}`;
      if (names.length > MAX_EXCHANGES) notes.push(`--exchange: tried the first ${MAX_EXCHANGES} of ${names.length} packages`);
      for (const name of names.slice(0, MAX_EXCHANGES)) {
        const result = await exchange({ registry: options.registry, packageName: name, idToken: token.token, userAgent, timeoutMs: options.timeoutMs });
        findings.push(exchangeFinding(name, result, claims, provider, options.timeoutMs));
      }
    }
  }

  const diagnostics = findings.map((f) => toDiagnostic(f, anchor, redactor));
  return { diagnostics, notes: notes.map((n) => redactor.redact(n)), ...(provider ? { provider } : {}), redactor };
}

// ---------------------------------------------------------------------------------------------

function fileStart(file: string): Location {
  return { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

function firstPublisherLocation(publishers: readonly unknown[]): Location | undefined {
  for (const p of publishers) {
    const at = (p as { location?: Location }).location;
    if (at) return at;
  }
  return undefined;
}

/** The running workflow / CI file, where findings that have no config location point. */
function anchorLocation(provider: CiProvider | undefined, env: NodeJS.ProcessEnv, claims: Claims | undefined, configFile: string | undefined): Location {
  if (provider === 'github') {
    const ref = parseWorkflowRef(env.GITHUB_WORKFLOW_REF) ?? parseWorkflowRef(claims ? stringClaim(claims, 'workflow_ref') : undefined);
    return fileStart(ref?.path ?? '.github/workflows');
  }
  if (provider === 'gitlab') return fileStart(env.CI_CONFIG_PATH || '.gitlab-ci.yml');
  if (provider === 'circleci') return fileStart('.circleci/config.yml');
  return fileStart(configFile ?? 'package.json');
}

function toDiagnostic(f: ProbeFinding, anchor: Location, redactor: Redactor): Diagnostic {
  const at = f.at ?? anchor;
  const r = (s: string): string => redactor.redact(s);
  const related: RelatedLocation[] = (f.related ?? [])
    .filter((rel) => rel.file !== at.file || rel.start.line !== at.start.line)
    .map((rel) => ({ ...rel, label: r(rel.label) }));
  const data: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.data)) data[k] = typeof v === 'string' ? r(v) : v;
  return {
    ruleId: probeRuleId(f.check),
    messageId: f.messageId,
    severity: f.severity,
    message: r(f.message),
    why: r(f.why),
    fix: r(f.fix),
    file: at.file,
    line: at.start.line,
    column: at.start.column,
    endLine: at.end.line,
    endColumn: at.end.column,
    related,
    docsUrl: probeDocsUrl(f.check),
    data,
  };
}

const GITLAB_SNIPPET = 'id_tokens: { NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" } }';

function tokenProblem(token: Extract<IdTokenResult, { ok: false }>, timeoutMs: number): ProbeFinding {
  const base = { check: 'id-token' as ProbeCheckId, data: { problem: token.problem, detail: token.detail } };
  switch (token.problem) {
    case 'github-permission':
      return {
        ...base,
        messageId: 'noPermission',
        severity: 'error',
        message: `The job lacks \`id-token: write\`: ${token.detail}, so npm cannot request an OIDC token`,
        why: 'The runner sets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN only when the job\'s GITHUB_TOKEN has `id-token: write`; without them npm skips trusted publishing silently and the publish fails with ENEEDAUTH (E404 when an old token is configured). Pull requests from forks never get an ID token',
        fix: 'Add `id-token: write` under `permissions:` of the publishing job (and of the job that calls it, when it runs in a reusable workflow)',
      };
    case 'gitlab-missing':
      return {
        ...base,
        messageId: 'gitlabMissing',
        severity: 'error',
        message: 'NPM_ID_TOKEN is not set: on GitLab npm reads the ID token only from NPM_ID_TOKEN',
        why: 'GitLab creates NPM_ID_TOKEN only when the job declares it under `id_tokens:`; without it npm skips trusted publishing and the publish fails with ENEEDAUTH or E404',
        fix: `Add \`${GITLAB_SNIPPET}\` to the publishing job (or under \`default:\`)`,
      };
    case 'circleci-missing':
      return {
        ...base,
        messageId: 'circleciMissing',
        severity: 'error',
        message: 'NPM_ID_TOKEN is not set: on CircleCI npm reads the ID token only from NPM_ID_TOKEN',
        why: 'CircleCI does not hand npm a token with the npm audience by itself; without NPM_ID_TOKEN npm skips trusted publishing and the publish fails with ENEEDAUTH or E404',
        fix: 'In the run step that publishes, first run `export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')` (probe does not run it for you); run probe in that same step, or append the export to $BASH_ENV',
      };
    case 'github-timeout':
    case 'github-network':
      return {
        ...base,
        messageId: token.problem === 'github-timeout' ? 'timeout' : 'network',
        severity: 'warning',
        message: `Could not get an ID token from the GitHub runner: ${token.detail}${token.problem === 'github-timeout' ? ` (probe waits ${timeoutMs} ms; --timeout changes it)` : ''}`,
        why: 'npm requests the token from the same endpoint; if it does not answer there either, npm skips trusted publishing and the publish fails',
        fix: 'Re-run the job; if it persists, check the runner\'s network access to the token endpoint',
      };
    default:
      return {
        ...base,
        messageId: 'badAnswer',
        severity: 'error',
        message: `The GitHub runner did not hand out an ID token: ${token.detail}`,
        why: 'npm reads the token from the same answer; without it npm skips trusted publishing and the publish fails with ENEEDAUTH or E404',
        fix: 'Re-run the job; if it persists, report it to GitHub with the HTTP status above',
      };
  }
}

function exchangeFinding(name: string, result: ExchangeResult, claims: Claims | undefined, provider: CiProvider | undefined, timeoutMs: number): ProbeFinding {
  const data: Record<string, string | number> = { package: name, url: result.url };
  if (result.kind === 'ok') {
    return {
      check: 'exchange',
      messageId: 'ok',
      severity: 'info',
      message: `The registry accepted the token exchange for "${name}" (HTTP ${result.status}): trusted publishing will work for it from this job`,
      why: 'The registry issued a short-lived publish token for this package, which probe discarded without printing or storing it',
      fix: 'Nothing to do',
      data: { ...data, status: result.status },
    };
  }
  if (result.kind === 'no-token') {
    return {
      check: 'exchange',
      messageId: 'noToken',
      severity: 'error',
      message: `The registry answered the token exchange for "${name}" with HTTP ${result.status} but no token`,
      why: 'npm needs the `token` field of the answer; without it npm falls back to other credentials and the publish ends in E404 or ENEEDAUTH',
      fix: 'Check that the registry supports npm trusted publishing (`--registry`, NPM_CONFIG_REGISTRY)',
      data: { ...data, status: result.status },
    };
  }
  if (result.kind === 'timeout' || result.kind === 'network') {
    return {
      check: 'exchange',
      messageId: result.kind,
      severity: 'warning',
      message: `Could not try the token exchange for "${name}": ${result.kind === 'timeout' ? `the registry gave no answer within ${timeoutMs} ms (--timeout changes it)` : `the registry could not be reached (${result.detail})`}`,
      why: 'Without an answer probe cannot tell whether the registry accepts this job\'s token',
      fix: 'Re-run probe; check the registry URL (`--registry`, NPM_CONFIG_REGISTRY) and the job\'s network access',
      data: { ...data, detail: result.detail },
    };
  }
  const said = result.message !== undefined ? `"${result.message}"` : 'no readable message';
  const answer = `HTTP ${result.status} ${said}`;
  const falls = 'npm logs this only at verbose level, falls back to other credentials and the publish ends in E404 or ENEEDAUTH';
  const withAnswer = { ...data, status: result.status, answer: result.message ?? '' };
  if (result.status === 404) {
    const causes = [
      'the package does not exist on the registry yet (a trusted publisher can only be added to an existing package, so its first version needs another publishing method)',
      'no trusted publisher is configured for it on npmjs.com',
      `the trusted publisher's values differ from this token's${claimSummary(claims, provider)} (compared exactly, case-sensitively)`,
    ];
    const sub = claims ? stringClaim(claims, 'sub') : undefined;
    if (sub && IMMUTABLE_SUBJECT.test(sub)) causes.push("the repository uses GitHub's immutable subject claims, which the registry does not match yet (npm/cli#9969)");
    return {
      check: 'exchange',
      messageId: 'notFound',
      severity: 'error',
      message: `The registry refused the token exchange for "${name}": ${answer}`,
      why: `${falls}. Likely causes: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}`,
      fix: `Compare the package's Settings → Trusted publisher on npmjs.com with the values in probe/claims; publish "${name}" once by another method if it is new`,
      data: withAnswer,
    };
  }
  if (result.status === 401) {
    return {
      check: 'exchange',
      messageId: 'unauthorized',
      severity: 'error',
      message: `The registry refused the token exchange for "${name}": ${answer}`,
      why: `${falls}. Likely causes: the token's audience is not "npm:<registry host>", it has expired, or it was not issued by a provider the registry trusts`,
      fix: 'See probe/audience and probe/expiry above; let npm obtain the token itself where it can (GitHub), or request it with the npm audience right before the publish',
      data: withAnswer,
    };
  }
  if (result.status === 403) {
    return {
      check: 'exchange',
      messageId: 'forbidden',
      severity: 'error',
      message: `The registry refused the token exchange for "${name}": ${answer}`,
      why: `${falls}. Likely causes: the trusted publisher's allowed actions exclude this one (the npmjs.com form may create publishers that allow stage publish only), or the package's publishing access setting rejects trusted publishing`,
      fix: 'On npmjs.com, check the trusted publisher\'s allowed actions (publish / stage publish) and the package\'s publishing access',
      data: withAnswer,
    };
  }
  if (result.status >= 500) {
    return {
      check: 'exchange',
      messageId: 'registryError',
      severity: 'warning',
      message: `The registry failed on the token exchange for "${name}": ${answer}`,
      why: 'A server error says nothing about the configuration; a publish now would likely fail the same way',
      fix: 'Re-run later; check https://status.npmjs.org',
      data: withAnswer,
    };
  }
  return {
    check: 'exchange',
    messageId: 'rejected',
    severity: 'error',
    message: `The registry refused the token exchange for "${name}": ${answer}`,
    why: falls,
    fix: 'Read the registry\'s message above; compare the trusted publisher on npmjs.com with probe/claims',
    data: withAnswer,
  };
}

function claimSummary(claims: Claims | undefined, provider: CiProvider | undefined): string {
  if (!claims) return '';
  const s = (k: string): string | undefined => stringClaim(claims, k);
  if (provider === 'github') {
    const file = parseWorkflowRef(s('workflow_ref'))?.file;
    return ` (repository "${s('repository') ?? '?'}", workflow "${file ?? '?'}", ${s('environment') ? `environment "${s('environment')}"` : 'no environment'})`;
  }
  if (provider === 'gitlab') return ` (project "${s('project_path') ?? '?'}", ${s('environment') ? `environment "${s('environment')}"` : 'no environment'})`;
  if (provider === 'circleci') return ` (project id "${s('oidc.circleci.com/project-id') ?? '?'}")`;
  return '';
}
