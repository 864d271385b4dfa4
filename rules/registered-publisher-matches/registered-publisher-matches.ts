import type { Publisher, PublisherAction } from '../../src/config/types.js';
import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import { sameCiFile } from '../../src/model/gitlab/jobs.js';
import type { CoveredPublisher, PublishFact, RepoFacts } from '../../src/facts/repo-facts.js';
import { trustCommand } from '../../src/facts/trust-command.js';
import type { PackageRegistration, RegisteredPublisher, RegistryFacts, UnavailableReason } from '../../src/model/core/registrations.js';
import type { Location } from '../../src/yaml/span.js';
import type { GithubSite } from '../../src/model/github/types.js';
import { undecidedBesideFine, type UndecidedBeside } from '../../src/model/undecided-publish.js';

const EXCHANGE_FAILS =
  'npm compares the claims of the CI job\'s ID token exactly with the trusted publisher registered for the package; on a mismatch the OIDC exchange fails silently and `npm publish` ends in ENEEDAUTH (or E404 when an old token is still configured)';

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub Actions', gitlab: 'GitLab CI/CD', circleci: 'CircleCI' };
const ACTION_NAMES: Record<PublisherAction, string> = { publish: '"publish"', 'stage-publish': '"stage publish"' };

const REMEDIES: Record<UnavailableReason, string> = {
  'no-credentials': 'Log in with `npm login` (or put a read-only granular token in `~/.npmrc` as `//registry.npmjs.org/:_authToken=${NPM_TOKEN}`) and run `tp-doctor --online` again',
  'unresolved-credentials': 'Set the variable the npm token refers to before running `tp-doctor --online`',
  unauthorized: 'Renew the npm token (`npm login`, or a new granular token) and run `tp-doctor --online` again',
  'otp-required': 'tp-doctor cannot answer a one-time-password prompt: use a granular access token, or look with `npm trust list <package>`',
  forbidden: 'Use the credentials of an account with write access to the package; others cannot read its trusted publishers',
  'not-found': 'Check the registry: trusted publishers exist only on https://registry.npmjs.org (set `--registry` or `registry=` in .npmrc)',
  'rate-limited': 'Run `tp-doctor --online` again later',
  'server-error': 'Run `tp-doctor --online` again later (https://status.npmjs.org)',
  'http-error': 'Check the registry URL and run `tp-doctor --online` again',
  timeout: 'Check the network connection and the registry URL, and run `tp-doctor --online` again',
  network: 'Check the network connection and the registry URL, and run `tp-doctor --online` again',
  malformed: 'Check that the registry is npm\'s (a proxy or mirror may not serve the trust endpoint)',
};

const quote = (v: string | undefined, none: string): string => (v === undefined ? none : `"${v}"`);

function actionWords(actions: readonly PublisherAction[]): string {
  return actions.length === 0 ? 'no action' : actions.map((a) => ACTION_NAMES[a]).join(' and ');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** One field compared between the registration and what the repository expects. */
interface Field {
  field: 'repository' | 'workflow file' | 'project' | 'CI file' | 'environment';
  key: string;
  registered: string | undefined;
  /** What the declaration (or, for an inferred publisher, the files) says; `unknown` = cannot tell. */
  expected: string | undefined | typeof UNKNOWN;
  /** The values the files show (workflows, git remote), when they can be read. */
  files: (string | undefined)[];
  same: (a: string | undefined, b: string | undefined) => boolean;
  none: string;
}

const UNKNOWN = Symbol('unknown');

const rule = defineRule({
  id: 'registered-publisher-matches',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab'],
    summary: 'With --online: the trusted publisher registered on npm exists and matches the declaration and the workflows',
    securitySeverity: 3.0,
    messages: {
      notRegistered: {
        text: 'Package "{pkg}" has no trusted publisher on {registry}; expected {expected}',
        why: `Without a registered trusted publisher npm refuses the OIDC token exchange. ${EXCHANGE_FAILS}`,
        fix: 'Register it (needs 2FA): `{command}`, or on npmjs.com under the package settings, Trusted publishing',
      },
      packageMissing: {
        text: 'Package "{pkg}" does not exist on {registry}; a trusted publisher can only be registered for an existing package',
        why: 'A first publish cannot use trusted publishing: npm exchanges an OIDC token only for a package that exists and has a trusted publisher, so the CI publish of a new package fails with ENEEDAUTH or E404',
        fix: 'Publish the first version of "{pkg}" another way (`npm publish` from your machine, or a short-lived token), then register the publisher: `{command}`',
      },
      packageMaybeMissing: {
        text: 'Package "{pkg}" was not found on {registry} without credentials; if it does not exist, no trusted publisher can be registered for it',
        why: 'A first publish cannot use trusted publishing. A scoped package that exists but is private is also invisible without credentials, so tp-doctor cannot tell which case this is',
        fix: 'Run `tp-doctor --online` with npm credentials to check; if the package is new, publish its first version another way, then register the publisher: `{command}`',
        severity: 'warning',
      },
      providerDiffers: {
        text: 'Package "{pkg}" has a {registered} trusted publisher on {registry}, but it is published from {expected}',
        why: `${EXCHANGE_FAILS}; a token from another CI provider never matches`,
        fix: 'Replace the registered publisher (`npm trust revoke {pkg} --id {id}`, then `{command}`), or publish from {registered} and declare that in the config',
      },
      fieldDiffers: {
        text: 'The trusted publisher of "{pkg}" on {registry} has {field} {registered}, but {source} {expected}',
        why: EXCHANGE_FAILS,
        fix: 'Make them agree: register {field} {expected} (`npm trust revoke {pkg} --id {id}`, then `{command}`), or change {target} to {registered}',
      },
      declarationStale: {
        text: 'The config declares {field} {expected} for "{pkg}", but npm has {registered} registered, which is what the workflows use',
        why: 'tp-doctor checks the workflows against the declaration: a declaration that differs from the registration makes it report mismatches that are not real and miss the real ones',
        fix: 'Set {target} to {registered}',
        severity: 'warning',
      },
      environmentNotRegistered: {
        text: 'The trusted publisher of "{pkg}" on {registry} has no environment, but {source} {expected}',
        why: 'A job that runs in an environment presents an environment claim the registered publisher does not name; this is reported to fail the exchange (E404), and the environment\'s protection rules are not part of the registration',
        fix: 'Register the environment too (`npm trust revoke {pkg} --id {id}`, then `{command}`), or remove {target}',
        severity: 'warning',
      },
      actionNotAllowed: {
        text: 'Job "{job}" runs `{command}` ({action}) for "{pkg}", but the trusted publisher registered on {registry} allows only {allowed}',
        why: 'npm checks the allowed actions of the trusted publisher during the OIDC exchange and refuses others with 403 "OIDC permission denied for this action"; a publisher registered before May 2026 (no permissions listed) allows publish only',
        fix: 'Allow {action} for the trusted publisher of "{pkg}" (`npm trust revoke {pkg} --id {id}`, then `{trust}`), or change the command',
      },
      actionsDiffer: {
        text: 'The config declares allowed actions {expected} for "{pkg}", but npm has {registered} registered',
        why: 'tp-doctor checks the publish commands against the declared allowed actions; a declaration that differs from the registration hides the refusals npm will really make',
        fix: 'Set {target} to what is registered, or register the declared actions: `{command}`',
        severity: 'warning',
      },
      checkUnavailable: {
        text: 'Could not read the trusted publishers registered for {packages} on {registry}: {detail}',
        why: 'tp-doctor compares the registration with the declaration and the workflows only when it can read it; for these packages those checks were not done',
        fix: '{remedy}',
        severity: 'info',
      },
      existenceUnknown: {
        text: 'Could not check the existence of {packages} on {registry}: {detail}',
        why: 'A package that does not exist yet cannot be published with trusted publishing; tp-doctor could not tell',
        fix: '{remedy}',
        severity: 'info',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      const registrations = ctx.registrations;
      if (!registrations) return;
      const facts = ctx.repoFacts();
      const byName = new Map(registrations.packages.map((p) => [p.name, p]));
      const prefix = ctx.config.file !== undefined && /(^|\/)package\.json$/.test(ctx.config.file) ? 'tpDoctor.' : '';
      for (const covered of facts.publishers) {
        // CircleCI registrations are not compared yet (the CircleCI publishes are in the facts; their ids are not).
        const { publisher } = covered;
        if (publisher.provider === 'circleci') continue;
        const path = (field: string): string => `\`${prefix}publishers[${covered.index}].${field}\``;
        checkPublisher(ctx, { facts, covered, publisher, registrations, registry: registrations.registry, path }, byName);
      }
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/** One covered publisher and what its checks share. */
interface PublisherScope {
  facts: RepoFacts;
  covered: CoveredPublisher;
  /** `covered.publisher`: CircleCI registrations are not compared yet. */
  publisher: Exclude<Publisher, { provider: 'circleci' }>;
  registrations: RegistryFacts;
  registry: string;
  /** The config path of one of the publisher's fields, for messages. */
  path: (field: string) => string;
}

/** One package of the publisher, with its registration readable. */
interface PackageScope {
  name: string;
  publishes: PublishFact[];
  where: ReturnType<typeof places>;
  /** The `npm trust` command that registers the expected publisher (with `actions` when given). */
  trust: (actions?: readonly PublisherAction[]) => string;
  base: { pkg: string; registry: string; command: string };
}

type UnavailableGroup = { names: string[]; detail: string; reason: UnavailableReason; messageId: 'checkUnavailable' | 'existenceUnknown' };

/** The registrations of every package a publisher covers; packages whose registration could not be read get one finding per reason. */
function checkPublisher(ctx: Ctx, scope: PublisherScope, byName: ReadonlyMap<string, PackageRegistration>): void {
  const { facts, covered, registry } = scope;
  const unavailable = new Map<string, UnavailableGroup>();
  const group = (messageId: UnavailableGroup['messageId'], reason: UnavailableReason, name: string, detail: string): void => {
    const key = `${messageId}\0${reason}`;
    const entry = unavailable.get(key) ?? { names: [], detail, reason, messageId };
    entry.names.push(name);
    unavailable.set(key, entry);
  };
  for (const name of covered.packages) {
    const reg = byName.get(name);
    if (!reg) continue;
    checkPackage(ctx, scope, name, reg, group);
  }
  for (const entry of unavailable.values()) {
    const where = places(facts, covered, entry.names[0]!, covered.publishes);
    const data = { packages: entry.names.map((n) => `"${n}"`).join(', '), registry, detail: entry.detail, remedy: REMEDIES[entry.reason] };
    ctx.report({ messageId: entry.messageId, data, at: where.at('packages'), related: where.related });
  }
}

function checkPackage(
  ctx: Ctx,
  scope: PublisherScope,
  name: string,
  reg: PackageRegistration,
  group: (messageId: UnavailableGroup['messageId'], reason: UnavailableReason, name: string, detail: string) => void,
): void {
  const { facts, covered, publisher, registrations, registry } = scope;
  const publishes = covered.publishes.filter((f) => f.packages === undefined || f.packages.includes(name));
  const where = places(facts, covered, name, publishes);
  const expectation = expected(facts, covered, publishes);
  const trust = (actions?: readonly PublisherAction[]): string =>
    expectation ? trustCommand({ ...expectation, ...(actions ? { actions } : {}), pkg: name }) : `npm trust ${publisher.provider} ${name} ...`;
  const base = { pkg: name, registry, command: trust() };

  if (reg.exists === 'no') {
    const scopedWithoutAuth = name.startsWith('@') && !registrations.credentials;
    ctx.report({ messageId: scopedWithoutAuth ? 'packageMaybeMissing' : 'packageMissing', data: base, at: where.at('packages'), related: where.related });
    return;
  }
  if (reg.exists === 'unknown' && reg.existenceProblem) group('existenceUnknown', reg.existenceProblem.reason, name, reg.existenceProblem.detail);
  if (!reg.trust.ok) {
    group('checkUnavailable', reg.trust.reason, name, reg.trust.detail);
    return;
  }
  const records = reg.trust.publishers;
  const declaredFile = publisher.provider === 'github' ? publisher.workflow : publisher.ciFile;
  const expectedText = `${PROVIDER_NAMES[publisher.provider]}${declaredFile ? ` ("${declaredFile}")` : ''}`;
  if (records.length === 0) {
    ctx.report({ messageId: 'notRegistered', data: { ...base, expected: expectedText }, at: where.at('packages'), related: where.related });
    return;
  }
  const same = records.filter((r) => r.type === publisher.provider);
  if (same.length === 0) {
    const record = records[0]!;
    const registered = record.type === 'other' ? `"${record.name}"` : PROVIDER_NAMES[record.type]!;
    const data = { ...base, registered, expected: expectedText, id: record.id ?? '<id>' };
    ctx.report({ messageId: 'providerDiffers', data, at: where.at('provider'), related: where.related });
    return;
  }
  const pkg: PackageScope = { name, publishes, where, trust, base };
  const record = checkFields(ctx, scope, pkg, same);
  checkActions(ctx, scope, pkg, record);
}

/** The registered values against the expected ones; returns the registration compared (the closest one). */
function checkFields(ctx: Ctx, scope: PublisherScope, pkg: PackageScope, same: readonly RegisteredPublisher[]): RegisteredPublisher {
  const { facts, covered, publisher, path } = scope;
  const { publishes, where, base } = pkg;
  const says = publisher.inferred ? 'the workflows use' : 'the config says';
  const differences = (r: RegisteredPublisher): Field[] =>
    fields(facts, covered, publishes, r).filter((f) => f.expected !== UNKNOWN && !f.same(f.registered, f.expected as string | undefined));
  // npm allows one publisher per package; should the list hold several, compare with the closest.
  const record = [...same].sort((a, b) => differences(a).length - differences(b).length)[0]!;
  const id = record.id ?? '<id>';
  for (const f of differences(record)) {
    const data = {
      ...base,
      id,
      field: f.field,
      registered: quote(f.registered, f.none),
      expected: quote(f.expected as string | undefined, f.none),
      source: says,
      target: publisher.inferred ? 'the workflows' : path(f.key),
    };
    const at = where.at(f.key);
    if (!publisher.inferred && f.files.some((v) => f.same(v, f.registered))) {
      ctx.report({ messageId: 'declarationStale', data, at, related: where.related });
    } else if (f.field === 'environment' && f.registered === undefined) {
      ctx.report({ messageId: 'environmentNotRegistered', data, at, related: where.related });
    } else {
      ctx.report({ messageId: 'fieldDiffers', data, at, related: where.related });
    }
  }
  return record;
}

/** Allowed actions: what the workflows run, and what the config declares, against what is registered. */
function checkActions(ctx: Ctx, scope: PublisherScope, pkg: PackageScope, record: RegisteredPublisher): void {
  const { publisher, registry, path } = scope;
  const { name, publishes, where, trust, base } = pkg;
  const id = record.id ?? '<id>';
  const allowed = record.actions;
  const configAt = publisher.fieldLocations.allowedActions ?? publisher.location;
  for (const fact of publishes) {
    if (fact.action === undefined || allowed.includes(fact.action)) continue;
    const data = {
      pkg: name,
      registry,
      id,
      job: fact.job,
      command: fact.command,
      action: ACTION_NAMES[fact.action],
      allowed: actionWords(allowed),
      trust: trust([...new Set([...allowed, fact.action])]),
    };
    const beside = chosenBesideAllowed(ctx, fact, publishes, allowed);
    const related = [...(configAt ? [{ at: configAt, label: 'trusted publisher declared here' }] : []), ...(beside?.related ?? [])];
    ctx.report({ messageId: 'actionNotAllowed', data, at: fact.location, related, ...(beside ? { certainty: 'likely' as const } : {}) });
  }
  const declaredActions = publisher.inferred ? undefined : publisher.allowedActions;
  const actionsAt = publisher.fieldLocations.allowedActions;
  if (declaredActions !== undefined && actionsAt && !sameSet(declaredActions, allowed)) {
    const data = { ...base, command: trust(declaredActions), expected: actionWords(declaredActions), registered: actionWords(allowed), target: path('allowedActions') };
    ctx.report({ messageId: 'actionsDiffer', data, at: actionsAt, related: where.related });
  }
}

/**
 * A GitHub publish whose action the registration does not allow, under an `if:` tp-doctor cannot
 * evaluate, beside a publish of the workflow whose action it allows (`npm stage publish` under
 * `vars.STAGED`, `npm publish` under its negation): the `if:` chooses which runs (A.66).
 */
function chosenBesideAllowed(ctx: Ctx, fact: PublishFact, publishes: readonly PublishFact[], allowed: readonly PublisherAction[]): UndecidedBeside | undefined {
  if (fact.provider !== 'github') return undefined;
  const at = (l: Location): string => `${l.file}:${l.start.line}:${l.start.column}`;
  const site = ctx.facts.sites.find((s): s is GithubSite => s.provider === 'github' && at(s.publish.location) === at(fact.location));
  if (!site) return undefined;
  const allowedAt = new Set(publishes.flatMap((f) => (f.action !== undefined && allowed.includes(f.action) ? [at(f.location)] : [])));
  return undecidedBesideFine((job) => ctx.facts.trustedSites(job), (other) => allowedAt.has(at(other.publish.location)))(site);
}

/** The values the registration should hold, for the `npm trust` command in a fix; undefined when they are not known. */
function expected(facts: RepoFacts, covered: CoveredPublisher, publishes: readonly PublishFact[]): Omit<Parameters<typeof trustCommand>[0], 'pkg'> | undefined {
  const p = covered.publisher;
  if (p.provider === 'circleci') return undefined;
  const entry = facts.entries.find((e) => e.provider === p.provider);
  const owner = (p.provider === 'github' ? p.repository : p.project) ?? entry?.owner?.value;
  const file = p.provider === 'github' ? (p.workflow ?? singleEntry(publishes)) : p.ciFile;
  if (owner === undefined || file === undefined) return undefined;
  const env = p.inferred ? filesEnvironment(publishes) : p.environment;
  const actions = !p.inferred && p.allowedActions ? p.allowedActions : actionsRun(publishes);
  return { provider: p.provider, owner, file, ...(typeof env === 'string' ? { environment: env } : {}), actions };
}

function singleEntry(publishes: readonly PublishFact[]): string | undefined {
  const entries = new Set(publishes.flatMap((f) => f.entries));
  return entries.size === 1 ? [...entries][0] : undefined;
}

function actionsRun(publishes: readonly PublishFact[]): PublisherAction[] {
  const set = new Set(publishes.flatMap((f) => (f.action ? [f.action] : [])));
  return set.size === 0 ? ['publish'] : (['publish', 'stage-publish'] as const).filter((a) => set.has(a));
}

/** The environment the publishing jobs run in: a name, undefined (none), or UNKNOWN (expressions or several). */
function filesEnvironment(publishes: readonly PublishFact[]): string | undefined | typeof UNKNOWN {
  if (publishes.length === 0 || publishes.some((f) => f.environment.kind === 'expression')) return UNKNOWN;
  const names = new Set(publishes.map((f) => (f.environment.kind === 'name' ? f.environment.name : undefined)));
  return names.size === 1 ? [...names][0] : UNKNOWN;
}

function fields(facts: RepoFacts, covered: CoveredPublisher, publishes: readonly PublishFact[], record: RegisteredPublisher): Field[] {
  const p = covered.publisher;
  const exact = (a: string | undefined, b: string | undefined): boolean => a === b;
  const ciFile = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && sameCiFile(a, b.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, ''));
  const envFiles = publishes.flatMap((f) => (f.environment.kind === 'name' ? [f.environment.name] : f.environment.kind === 'none' ? [undefined] : []));
  const entries = publishes.flatMap((f) => f.entries);
  const owner = facts.entries.find((e) => e.provider === p.provider)?.owner?.value;
  const inferredEnv = filesEnvironment(publishes);
  if (p.provider === 'github' && record.type === 'github') {
    return [
      { field: 'repository', key: 'repository', registered: record.repository, expected: p.repository ?? UNKNOWN, files: owner ? [owner] : [], same: exact, none: 'none' },
      { field: 'workflow file', key: 'workflow', registered: record.file, expected: p.workflow ?? singleEntry(publishes) ?? UNKNOWN, files: entries, same: exact, none: 'none' },
      { field: 'environment', key: 'environment', registered: record.environment, expected: p.inferred ? inferredEnv : p.environment, files: envFiles, same: exact, none: 'no environment' },
    ];
  }
  if (p.provider === 'gitlab' && record.type === 'gitlab') {
    return [
      { field: 'project', key: 'project', registered: record.project, expected: p.project ?? UNKNOWN, files: owner ? [owner] : [], same: exact, none: 'none' },
      { field: 'CI file', key: 'ciFile', registered: record.file, expected: p.ciFile, files: entries, same: ciFile, none: 'none' },
      { field: 'environment', key: 'environment', registered: record.environment, expected: p.inferred ? inferredEnv : p.environment, files: envFiles, same: exact, none: 'no environment' },
    ];
  }
  return [];
}

/**
 * Where a finding about a package of a publisher goes: the publisher's key in the config (the
 * field concerned, else its `packages`, else the entry), with the workflow's publish as related
 * location; for an inferred publisher, the publish command in the workflow (else the package's
 * `name` in package.json).
 */
function places(
  facts: RepoFacts,
  covered: CoveredPublisher,
  name: string,
  publishes: readonly PublishFact[],
): { at: (field: string) => Location; related: { at: Location; label: string }[] } {
  const p: Publisher = covered.publisher;
  const publish = publishes[0] ?? covered.publishes[0];
  const pkg = facts.packages.find((x) => x.name === name);
  const fallback: Location = publish?.location ??
    pkg?.nameLocation ?? { file: pkg?.file ?? 'package.json', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const publishRelated = publish ? [{ at: publish.location, label: `publish in ${publish.entries[0] ?? publish.location.file} (job "${publish.job}")` }] : [];
  if (p.inferred) {
    return { at: () => fallback, related: [] };
  }
  const f = p.fieldLocations;
  return {
    at: (field) => f[field] ?? f['packages'] ?? f[p.provider === 'github' ? 'workflow' : 'project'] ?? f['provider'] ?? p.location ?? fallback,
    related: publishRelated,
  };
}
