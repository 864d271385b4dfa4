/**
 * `tp-doctor probe`: runs inside the CI job right before the publish and checks what the static
 * rules cannot see: the real ID token (obtained the way npm obtains it), its claims against the
 * declared trusted publisher, the npm on PATH, and optionally the registry's answer to the token
 * exchange. Returns diagnostics; the CLI prints them. Never prints or stores a token: every text
 * that leaves this module has gone through the run's `Redactor`.
 */
import { semver } from '../model/core/semver.js';
import { loadConfig } from '../config/load.js';
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import type { SourceFs } from '../fs/source.js';
import { loadProject, type Project } from '../model/project.js';
import type { Location } from '../yaml/span.js';
import { probeDocsUrl, probeRuleId } from './checks.js';
import { checkClaims, parseWorkflowRef } from './claims-check.js';
import { exchange } from './exchange.js';
import type { ProbeFinding } from './finding.js';
import { decodeJwt, stringClaim, type Claims } from './jwt.js';
import { runNpmVersion, type NpmVersionRunner } from './npm-cli.js';
import { getIdToken, type IdTokenResult } from './oidc.js';
import { publishedPackageNames } from './packages.js';
import { detectProvider, MIN_NPM, MIN_NPM_STAGE, PROVIDER_NAMES, providerFromIssuer, type CiProvider } from './provider.js';
import { exchangeFinding, tokenProblem } from './probe-findings.js';
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

  const { configFile, publishers, project } = readDeclaration(options, findings);
  const { npmResult, minimum } = await checkNpm(options, envProvider, findings, notes);
  const { token, claims } = await readToken(options, envProvider, redactor, findings, notes);

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

  if (options.exchange) {
    const userAgent = `npm/${npmResult.ok ? npmResult.version : minimum} node/${process.version} ${process.platform} ${process.arch} workspaces/false${provider ? ` ci/${CI_NAME[provider]}` : ''}`;
    await tryExchanges(options, { token, claims, provider, project, userAgent }, findings, notes);
  }

  const diagnostics = findings.map((f) => toDiagnostic(f, anchor, redactor));
  return { diagnostics, notes: notes.map((n) => redactor.redact(n)), ...(provider ? { provider } : {}), redactor };
}

/** The declared publishers (config problems become findings) and the project, when a repository is given. */
function readDeclaration(options: ProbeOptions, findings: ProbeFinding[]): { configFile?: string; publishers: readonly unknown[]; project?: Project } {
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
  return { ...(configFile !== undefined ? { configFile } : {}), publishers, ...(project ? { project } : {}) };
}

/** The npm that will run: its version against the minimum for trusted publishing on the provider. */
async function checkNpm(
  options: ProbeOptions,
  envProvider: CiProvider | undefined,
  findings: ProbeFinding[],
  notes: string[],
): Promise<{ npmResult: Awaited<ReturnType<NpmVersionRunner>>; minimum: string }> {
  const { env } = options;
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
  return { npmResult, minimum };
}

/** The ID token, obtained the way npm obtains it, and its claims when it is a readable JWT. */
async function readToken(
  options: ProbeOptions,
  envProvider: CiProvider | undefined,
  redactor: Redactor,
  findings: ProbeFinding[],
  notes: string[],
): Promise<{ token: IdTokenResult; claims?: Claims }> {
  const { env } = options;
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
  return { token, ...(claims ? { claims } : {}) };
}

/** What `--exchange` needs from the run so far. */
interface ExchangeInputs {
  token: IdTokenResult;
  claims: Claims | undefined;
  provider: CiProvider | undefined;
  project: Project | undefined;
  userAgent: string;
}

/** `--exchange`: the registry's answer to the token exchange, per package (at most MAX_EXCHANGES). */
async function tryExchanges(options: ProbeOptions, inputs: ExchangeInputs, findings: ProbeFinding[], notes: string[]): Promise<void> {
  const { token, claims, provider, project, userAgent } = inputs;
  if (!token.ok) {
    notes.push('--exchange: skipped, there is no ID token to exchange');
    return;
  }
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
  if (names.length > MAX_EXCHANGES) notes.push(`--exchange: tried the first ${MAX_EXCHANGES} of ${names.length} packages`);
  for (const name of names.slice(0, MAX_EXCHANGES)) {
    const result = await exchange({ registry: options.registry, packageName: name, idToken: token.token, userAgent, timeoutMs: options.timeoutMs });
    findings.push(exchangeFinding(name, result, claims, provider, options.timeoutMs));
  }
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

