/**
 * Whether a publishing job still authenticates with a long-lived npm token: a token variable npm
 * or the publish tool reads (`isTokenName`: `NODE_AUTH_TOKEN`, `NPM_TOKEN`,
 * `NPM_CONFIG_//registry.npmjs.org/:_authToken`, `YARN_NPM_AUTH_TOKEN`) set from a secret for a
 * publishing step, a token input of the publishing action (`token: ${{ secrets.NPM_TOKEN }}`), or
 * a script of the job that writes a token into the npm configuration before its last publish
 * (`echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc`, tokens.ts `findTokenWrites`);
 * on GitLab and CircleCI also a committed `.npmrc` `_authToken` or `.yarnrc.yml` `npmAuthToken`
 * filled from an environment variable (`${NPM_TOKEN}`), for a publish that reads that file.
 *
 * Such a publish does not fail for want of trusted publishing: npm carries on with the token when
 * no OIDC exchange happens (docs/domain.md §0). The rules that say "trusted publishing fails here"
 * (`RuleMeta.oidcOnly`) are then capped at `warning` when no publisher is declared (the engine,
 * run.ts): the finding is what blocks moving to trusted publishing, not a publish that fails today.
 * With a declared publisher the user says trusted publishing is in use, and they stay errors, except
 * on a job whose runs no declared publisher matches: its exchange is refused anyway and npm goes on
 * with the token (src/engine/unmatched-publisher.ts).
 */
import type { ProjectFacts } from './facts.js';
import type { GithubSite, Job, Step } from './github/types.js';
import type { GitlabJob } from './gitlab/types.js';
import type { CircleJob } from './circleci/types.js';
import { envSecretSource, exportedNodeAuthToken, registrySetupNodeBefore, secretVariable } from './github/tokens.js';
import { committedPath, readsSetupNodeNpmrc } from './github/user-config.js';
import { runtimeEnvSetter } from './github/env-context.js';
import { githubEnvWrites } from './github/env-file.js';
import { receivesEnvWrite, stepDirectory } from './github/steps.js';
import { ANY_REGISTRY_KEY, authTokenLineElsewhere, fetchedTokenSource, findTokenWrites, isTokenName, NPM_TOKEN_NAME, readFromEnvironment, THROUGH_NPM_CLI, variableOf, type TokenWrite } from './npm/tokens.js';
import { npmIdToken } from './gitlab/jobs.js';
import type { CarriedTokenWrite } from './circleci/workspace.js';
import { setsNpmUp } from './circleci/unread-steps.js';
import { jobTokenWrites } from './gitlab/variables.js';
import { templateReaderIn } from './npm/npmrc-templates.js';
import { circleStepDirectory } from './circleci/checkout-dir.js';
import { callsExchangeEndpoint, handExchange } from './manual-exchange.js';
import { yarnBerryPublish } from './npm/npm-cli.js';
import { readsNpmCliConfig } from './npm/registry.js';
import { yarnEnvToken } from './npm/yarnrc.js';
import { npmrcEnvTokens as npmrcEnvTokensIn, type NpmrcEnvToken } from './npm/npmrc.js';
import type { PublishSite } from './publish.js';
import { commandEnv } from './inline-env.js';
import { namedFilePath } from './npm/named-user-file.js';
import { shipjsWritesToken } from './npm/shipjs-config.js';
import { SHIPJS_CONFIG } from './data/publish-tools.js';
import { circleWriteReach, githubWriteReach, gitlabWriteReach, siteUserConfigs, userConfigsOf } from './token-write-reach.js';

export type FallbackJob = { kind: 'github'; job: Job } | { kind: 'gitlab'; job: GitlabJob } | { kind: 'circleci'; job: CircleJob };

/**
 * `${{ env.NAME }}` that an earlier step may set at run time (github/env-context.ts
 * `runtimeEnvSetter`): circlefin/circle-nodejs-sdk fetches its npm token with
 * aws-actions/aws-secretsmanager-get-secrets and publishes with `NODE_AUTH_TOKEN: ${{ env._PROD_..._TOKEN }}`.
 */
function runtimeEnvSource(value: string | undefined, step: Step, facts: ProjectFacts): string | undefined {
  const setter = runtimeEnvSetter(value, step, (dir) => facts.action(dir));
  return setter === undefined ? undefined : `\`env.${setter.name}\`, which ${setter.by} may set at run time`;
}

/**
 * Whether something reads the token variable `name` for a GitHub publish, so that npm authenticates
 * with it (asked with `read`, for a declared publisher's refused exchange): npm reads `npm_config_*`
 * and Yarn `YARN_NPM_AUTH_TOKEN` by themselves, a committed `.npmrc` the publish reads may name it
 * (`npmrcNames`), setup-node's `registry-url` writes the `.npmrc` that reads `${NODE_AUTH_TOKEN}`
 * (when the publish reads that file), a script of the job may write `_authToken=${NAME}`. npm reads
 * `NODE_AUTH_TOKEN` or `NPM_TOKEN` through no other way (npm/tokens.ts `readFromEnvironment`), so for
 * the npm CLI with none of these the publish has no token (ENEEDAUTH); another tool may read it itself
 * (semantic-release and changesets read `NPM_TOKEN`), which counts as read.
 */
function readsVariable(site: GithubSite, name: string, npmrcNames: ReadonlySet<string>, facts: ProjectFacts): boolean {
  if (readFromEnvironment(name) || npmrcNames.has(name) || !THROUGH_NPM_CLI.has(site.publish.match.tool)) return true;
  if (name === 'NODE_AUTH_TOKEN' && registrySetupNodeBefore(site.step) !== undefined && readsSetupNodeNpmrc(site)) return true;
  // A written line only when npm reads it at this publish (./token-write-reach.ts, docs/domain.md A.42).
  const options = { ...ANY_REGISTRY_KEY, userConfigs: siteUserConfigs(site) };
  const writes = (s: Step): TokenWrite[] => (s.run === undefined ? [] : findTokenWrites(s.run.text, options).filter((w) => githubWriteReach(s, w, [site], facts).sites.length > 0));
  return site.step.job.steps.some((s) => s.index <= site.step.index && writes(s).some((w) => variableOf(w.value) === name));
}

/**
 * What gives a GitHub job's publish a long-lived token (for the message), or undefined. `read`: a
 * token variable counts only when something reads it for the publish (`readsVariable`).
 */
function githubFallback(job: Job, facts: ProjectFacts, read: boolean): string | undefined {
  const sites = facts.jobSites(job);
  if (sites.length === 0) return undefined;
  let lastResort: string | undefined;
  for (const site of sites) {
    const { step, publish } = site;
    const npmrcNames = new Set([...npmrcTokenNames(facts, site.directory), ...userConfigTokenNames(facts, site)]);
    const reads = (name: string): boolean => !read || readsVariable(site, name, npmrcNames, facts);
    // `beachball publish -n "$NPM_AUTHTOKEN"`, `npm publish --//registry.npmjs.org/:_authToken=…`.
    const flag = publish.match.flags.token;
    const fromFlag = flag === undefined ? undefined : (envSecretSource(flag, 'step', job) ?? secretVariable(flag, step));
    if (fromFlag !== undefined) return `a token from ${fromFlag} on the command line`;
    // `NODE_AUTH_TOKEN="" npm publish`: the command's own assignments win over every `env:` (./inline-env.ts).
    const own = commandEnv(site);
    for (const [name, value] of own) {
      const source = (isTokenName(name) || npmrcNames.has(name)) && reads(name) ? (envSecretSource(value, 'step', job) ?? secretVariable(value, step)) : undefined;
      if (source !== undefined) return `\`${name}\` from ${source} on the command`;
    }
    for (const list of [step.env, job.env, job.workflow.env]) {
      for (const entry of list) {
        if (own.has(entry.name)) continue;
        // A token a step fetched (`${{ steps.bws.outputs.npm_token }}`) is one too, and so is any name
        // the committed `.npmrc` reads into an `_authToken` (partykit's `${NPM_PUBLISH_TOKEN}`); a
        // `${{ env.NAME }}` value reads the job's or the workflow's entry (`envSecretSource`).
        const named = (isTokenName(entry.name) || npmrcNames.has(entry.name)) && reads(entry.name);
        const source = named ? (envSecretSource(entry.value, entry.level, job) ?? fetchedTokenSource(entry.value)) : undefined;
        if (source !== undefined) return `\`${entry.name}\` from ${source}`;
        // Said only when nothing more specific is found below (a token-named `$GITHUB_ENV` write).
        const runtime = named && lastResort === undefined ? runtimeEnvSource(entry.value, step, facts) : undefined;
        if (runtime !== undefined) lastResort = `\`${entry.name}\` from ${runtime}`;
      }
    }
    const exported = own.has('NODE_AUTH_TOKEN') ? undefined : exportedNodeAuthToken(step);
    const fromSetup = exported === undefined ? undefined : envSecretSource(exported.value, 'step', job);
    if (fromSetup !== undefined) return `\`NODE_AUTH_TOKEN\` from ${fromSetup} (exported by actions/setup-node)`;
    for (const [name, node] of step.with) {
      const source = /token/i.test(name) ? envSecretSource(node.text, 'step', job) : undefined;
      if (source !== undefined && /npm/i.test(`${name} ${source}`)) return `the \`${name}\` input from ${source}`;
    }
  }
  const last = Math.max(...sites.map((s) => s.step.index));
  for (const step of job.steps) {
    if (step.index > last || !step.run || !/oken|envsubst/i.test(step.run.text)) continue;
    const template = templateReaderIn(step.run.text, stepDirectory(step), (file) => facts.npmrcTemplate(file));
    const later = sites.filter((s) => s.step.index >= step.index);
    for (const write of findTokenWrites(step.run.text, { ...ANY_REGISTRY_KEY, template, userConfigs: userConfigsOf(later) })) {
      if (githubWriteReach(step, write, later, facts).sites.length === 0) continue;
      const source = envSecretSource(write.value, 'step', job) ?? secretVariable(write.value, step);
      if (source !== undefined) return `a token from ${source} written into the npm configuration`;
    }
    // `echo "NODE_AUTH_TOKEN=$(vault read …)" >> $GITHUB_ENV` (dotenvx/dotenvx): a token fetched at run
    // time reaches the later steps that do not set the name to something else themselves.
    for (const write of githubEnvWrites(step.run.text)) {
      if (!isTokenName(write.name) || write.value.trim() === '' || /GITHUB_TOKEN|github\.token/i.test(write.value)) continue;
      const reached = sites.some((site) => site.step.index > step.index && receivesEnvWrite(site.step, write.name) && !commandEnv(site).has(write.name) && (!read || readsVariable(site, write.name, npmrcTokenNames(facts, site.directory), facts)));
      if (reached) return `\`${write.name}\`, which an earlier step writes to \`$GITHUB_ENV\``;
    }
  }
  // Secrets only named for npm tokens count for a guessed publish alone: not when a certain publish of the job, which they do
  // not reach, fails without a token, nor where a token must be read to count (\`read\`).
  return lastResort ?? (read || sites.some((s) => s.certainty === 'certain') ? undefined : namedTokenSecrets(job, sites));
}

/**
 * Secrets whose names say they are npm tokens but that no tool reads by that name
 * (`NPM_TOKEN_ANALYTICS`: firebase/firebase-js-sdk passes one per package, survey1207b W2), set for a
 * publish tp-doctor only guesses through a script it cannot read: npm reads no such variable itself,
 * but the script may write them into the npm configuration (firebase's release script does, for its
 * publish proxy). Unconfirmed (`POSSIBLY`), and never for a certain publish, whose command tp-doctor
 * reads: there a variable nothing reads is no token.
 */
function namedTokenSecrets(job: Job, sites: readonly GithubSite[]): string | undefined {
  for (const site of sites) {
    if (site.certainty === 'certain') continue;
    const names = new Set<string>();
    let first: string | undefined;
    for (const list of [site.step.env, job.env, job.workflow.env]) {
      for (const entry of list) {
        if (names.has(entry.name) || isTokenName(entry.name) || !/npm/i.test(entry.name) || !/token/i.test(entry.name)) continue;
        const source = envSecretSource(entry.value, entry.level, job);
        if (source === undefined) continue;
        first ??= `\`${entry.name}\` from ${source}`;
        names.add(entry.name);
      }
    }
    const more = names.size > 1 ? ` and ${names.size - 1} more secrets named for npm tokens` : '';
    if (first !== undefined) return `${POSSIBLY}${first}${more}, which the script the publish runs may write into the npm configuration: tp-doctor cannot read it`;
  }
  return undefined;
}

/** The environment variables the committed `.npmrc` of a publish's directory (or the root) reads into an `_authToken`. */
function npmrcTokenNames(facts: ProjectFacts, dir: string | undefined): Set<string> {
  return new Set(npmrcEnvTokens(facts, [...new Set([dir ?? '', ''])]).map((t) => t.variable));
}

/**
 * The environment variables a committed user configuration file the publish names
 * (`NPM_CONFIG_USERCONFIG: .npmrc.ci`) reads into a registry.npmjs.org `_authToken` (review 1208a;
 * GitLab and CircleCI: `namedFileTokens`, A.63).
 */
function userConfigTokenNames(facts: ProjectFacts, site: GithubSite): string[] {
  const path = site.userConfig?.kind === 'file' ? committedPath(site.userConfig.file, site.step) : undefined;
  if (path === undefined || !facts.userConfigExists(path)) return [];
  return npmrcEnvTokensIn([facts.npmrcFile(path)]).filter((t) => !authTokenLineElsewhere(t.key)).map((t) => t.variable);
}

/** `_authToken` entries (for any registry) that the committed `.npmrc` files of `dirs` fill from an environment variable (`${NPM_TOKEN}`). */
function npmrcEnvTokens(facts: ProjectFacts, dirs: readonly string[]): NpmrcEnvToken[] {
  return npmrcEnvTokensIn(dirs.map((d) => facts.npmrc(d)));
}

/**
 * A committed `.npmrc` or `.yarnrc.yml` token filled from an environment variable, for a GitLab or
 * CircleCI publish that reads that file: there the CI/CD variables and the contexts are in every
 * job's environment, so the publish authenticates with it (homebound-team/truss: `npmAuthToken:
 * "${NPM_TOKEN-…}"` in `.yarnrc.yml`, `yarn npm publish` under the context `npm-publish`). Yarn Berry
 * reads the `.yarnrc.yml` files of its directory and their ancestors (npm/yarnrc.ts `yarnEnvToken`)
 * and never `.npmrc`; a publish certainly not through Yarn Berry reads the `.npmrc` of npm's
 * project directories (`npmrcDirsRead`), for registry.npmjs.org or with no registry in the key;
 * the npm CLI itself (`npm publish`) only under a registry's key (`unscopedAuthKey`), the other
 * tools, whose reading of a key without a registry is not known here, either way.
 * Not on GitHub, where a secret reaches a step only through `env:` (`githubFallback` reads those).
 */
function configFileFallback(facts: ProjectFacts, sites: readonly PublishSite[]): string | undefined {
  for (const site of sites) {
    const berry = yarnBerryPublish(site.publish.match, site.certainty, facts.toolRuns(site));
    // A variable the job fills with a token it exchanged by hand (./manual-exchange.ts) carries no long-lived one.
    const exchanged = handExchange(facts, site)?.carrier?.variable;
    const yarnrc = berry === site.certainty ? yarnEnvToken((dir) => facts.yarnrcAt(dir), site.directory ?? '') : undefined;
    if (yarnrc !== undefined && yarnrc.variable !== exchanged) return `\`${yarnrc.path}\` in ${yarnrc.file} from the environment variable \`${yarnrc.variable}\`, which Yarn Berry publishes with`;
    const npmCli = readsNpmCliConfig(site.publish);
    const npmrc = berry === undefined ? npmrcEnvTokens(facts, facts.npmrcDirsRead(site)).find((t) => !authTokenLineElsewhere(t.key) && !(npmCli && unscopedAuthKey(t.key)) && t.variable !== exchanged) : undefined;
    if (npmrc !== undefined) return `\`${npmrc.key}\` in ${npmrc.file} from the environment variable \`${npmrc.variable}\``;
    // `NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish`: the committed file the job names as npm's user configuration (A.63).
    const named = berry === undefined ? namedFileTokens(facts, site).find((t) => !authTokenLineElsewhere(t.key) && !(npmCli && unscopedAuthKey(t.key)) && t.variable !== exchanged) : undefined;
    if (named !== undefined) return `\`${named.key}\` in ${named.file}, the user configuration the publish reads, from the environment variable \`${named.variable}\``;
  }
  return undefined;
}

/** The `_authToken` entries filled from an environment variable in the committed user configuration file a GitLab or CircleCI publish names. */
function namedFileTokens(facts: ProjectFacts, site: PublishSite): NpmrcEnvToken[] {
  if (site.provider === 'github' || site.userConfig?.kind !== 'file') return [];
  const path = namedFilePath(site.userConfig.file, site.directory, site.provider);
  return path !== undefined && facts.userConfigExists(path) ? npmrcEnvTokensIn([facts.npmrcFile(path)]) : [];
}

/**
 * An `.npmrc` `_authToken` key with no registry before it (`_authToken=${NPM_TOKEN}`, not
 * `//registry.npmjs.org/:_authToken=…`): npm 9 and later read a token only under a registry's key
 * and refuse to run with this one (ERR_INVALID_AUTH "`_authToken` must be renamed to
 * `//registry.npmjs.org/:_authToken`", docs/domain.md A.34). A publish that can use trusted
 * publishing runs npm 11.5.1 or later, so for the npm CLI such a line is no token.
 */
function unscopedAuthKey(key: string): boolean {
  return !/:_authToken$/i.test(key.trim());
}

/**
 * A script line of the job that writes a token into the npm configuration before its last publish:
 * `writesOf(i)` gives line `i`'s writes, a key built from a variable counted (for registry.npmjs.org
 * or, where tp-doctor cannot put the variable in, for a registry that may be it).
 */
function scriptFallback(texts: readonly string[], writesOf: (index: number) => readonly TokenWrite[]): string | undefined {
  for (const [i, text] of texts.entries()) {
    if (!/oken|envsubst/i.test(text)) continue;
    const writes = writesOf(i);
    if (writes.some((w) => w.registry === undefined)) return 'a token its script writes into the npm configuration';
    if (writes.length > 0) return 'a token its script writes into the npm configuration, for a registry a variable names';
  }
  return undefined;
}

/**
 * On GitLab and CircleCI a token lives in the CI/CD variables or a context, which the files do not
 * show. A job that asks for no `NPM_ID_TOKEN` still hands its publish one when something says so:
 * its publish tool reads a token variable itself (`tokenReader`: semantic-release writes the
 * `.npmrc` from `NPM_TOKEN`: snyk/dep-graph, semantic-release 17 under `context:
 * nodejs-lib-release`; so do auto's npm plugin, intuit/design-systems-cli, and Ship.js from
 * `NPM_AUTH_TOKEN`), a context it runs under is
 * named for an npm token, or a command before the publish is (Financial-Times/x-dash:
 * `context: npm-publish-token` and `helper-npm-store-auth-token`). A bare `npm publish` with none
 * of these has no token at all, and stays an error.
 */
function hiddenFallback(readers: readonly (TokenReader | undefined)[], contexts: readonly string[], before: readonly string[]): string | undefined {
  const reader = readers.find((r) => r !== undefined);
  if (reader !== undefined) return `\`${reader.variable}\`, which ${reader.tool} reads from the CI/CD variables or a context tp-doctor cannot see`;
  const context = contexts.find((c) => NPM_TOKEN_NAME.test(c));
  if (context !== undefined) return `the context "${context}", named for an npm token`;
  const command = before.find((t) => NPM_TOKEN_NAME.test(t));
  if (command !== undefined) return `a command named for an npm token before the publish ("${command.length > 60 ? `${command.slice(0, 57)}...` : command}")`;
  return undefined;
}

/** A publish tool that writes an npm token from an environment variable itself. */
interface TokenReader {
  tool: string;
  variable: string;
}

/**
 * The tool that gives a publish a token from a variable: semantic-release's npm plugin and auto's
 * (it writes `_authToken=${NPM_TOKEN}` into ~/.npmrc on CI: intuit/auto plugins/npm
 * set-npm-token.ts) read `NPM_TOKEN`; Ship.js writes `_authToken=${NPM_AUTH_TOKEN}` before the
 * `publishCommand` of its configuration runs, unless that sets `useOidcTokenProvider`
 * (./npm/shipjs-config.ts; algolia/instantsearch: `lerna publish` under `context: fx-libraries`).
 */
function tokenReader(facts: ProjectFacts, site: { publish: { match: { tool: string; via: readonly { script: string }[] } } }): TokenReader | undefined {
  const match = site.publish.match;
  if (match.tool === 'semantic-release' || match.tool === 'auto') return { tool: match.tool, variable: 'NPM_TOKEN' };
  const shipjs = match.tool === 'shipjs' || match.via.some((v) => shipjsWritesToken(v.script, facts.toolConfigFiles.text(v.script)));
  return shipjs ? { tool: 'Ship.js', variable: SHIPJS_CONFIG.tokenVariable } : undefined;
}

/**
 * What gives the job's publish a long-lived npm token, described for a message; undefined when
 * nothing does. `read` (GitHub): a token variable in the environment counts only when something
 * reads it for the publish (`readsVariable`); without it any token-named entry counts, enough to
 * say the job still has a token to move off, not to say npm publishes with it.
 */
export function tokenFallback(facts: ProjectFacts, ref: FallbackJob, { read = false }: { read?: boolean } = {}): string | undefined {
  // Once per job and `read`: the engine asks it for every finding of an `oidcOnly` rule, and a job
  // of n publishing steps has n of them, each answer walking every line before the last publish
  // (issue 17: 1,000 CircleCI token-write and publish step pairs took 90 s).
  let perFacts = remembered.get(facts);
  if (!perFacts) remembered.set(facts, (perFacts = new WeakMap()));
  let answers = perFacts.get(ref.job);
  if (!answers) perFacts.set(ref.job, (answers = new Map()));
  if (answers.has(read)) return answers.get(read);
  const answer = jobFallback(facts, ref, read);
  answers.set(read, answer);
  return answer;
}

/** `tokenFallback`'s answers, per facts (one run), job and `read`. */
const remembered = new WeakMap<ProjectFacts, WeakMap<object, Map<boolean, string | undefined>>>();

function jobFallback(facts: ProjectFacts, ref: FallbackJob, read: boolean): string | undefined {
  if (ref.kind === 'github') return githubFallback(ref.job, facts, read);
  if (ref.kind === 'gitlab') {
    const sites = facts.jobSites(ref.job);
    if (sites.length === 0) return undefined;
    const last = Math.max(-1, ...sites.map((s) => s.line));
    const before = ref.job.scripts.slice(0, last + 1).map((l) => l.text);
    const oidc = npmIdToken(ref.job) !== undefined;
    const hidden = oidc ? undefined : hiddenFallback(sites.map((s) => tokenReader(facts, s)), [], before);
    const job = ref.job;
    // A token the script gets from the registry's exchange endpoint is a trusted publish's (./manual-exchange.ts).
    const written = callsExchangeEndpoint(before) ? undefined : scriptFallback(before, (i) => jobTokenWrites(job, i, (file) => facts.npmrcTemplate(file)).filter((w) => gitlabWriteReach(job, i, w, sites, facts).sites.length > 0));
    return written ?? (oidc ? undefined : configFileFallback(facts, sites)) ?? hidden;
  }
  const job = ref.job;
  const sites = facts.jobSites(job);
  if (sites.length === 0) return undefined;
  const last = Math.max(-1, ...sites.map((s) => s.step.index));
  const runs = job.steps.filter((s) => s.index <= last && s.run);
  const before = runs.map((s) => s.run!.command.text);
  const oidc = sites.some((s) => facts.circleci.npmIdTokenSources(job, s.publish).length > 0);
  const contexts = (job.invocation?.contexts ?? []).map((c) => c.text);
  const carried = facts.circleci.carriedTokenWrites(sites[0]!.config, job, last, sites.map((s) => s.directory));
  const hidden = oidc ? undefined : hiddenFallback(sites.map((s) => tokenReader(facts, s)), contexts, before);
  const configured = oidc ? undefined : configFileFallback(facts, sites);
  const unread = oidc ? undefined : unreadConfigFallback(facts, job, sites);
  const userConfigs = userConfigsOf(sites);
  const writesOf = (i: number): TokenWrite[] => {
    const options = { ...ANY_REGISTRY_KEY, template: templateReaderIn(before[i]!, circleStepDirectory(job, runs[i]!), (file) => facts.npmrcTemplate(file)), userConfigs };
    return findTokenWrites(before[i]!, options).filter((w) => circleWriteReach(job, runs[i]!, w, sites, facts).sites.length > 0);
  };
  const written = callsExchangeEndpoint(before) ? undefined : scriptFallback(before, writesOf);
  return written ?? workspaceFallback(carried, 'certain') ?? configured ?? hidden ?? workspaceFallback(carried, 'possible') ?? unread;
}

/**
 * A step before a publish that tp-doctor cannot read (./circleci/unread-steps.ts) and whose name
 * says it sets npm up (`configure-npm.sh` from the CI image, OpusCapita/react-dates; an orb's
 * `npm-login`): it may write a token into the npm configuration, unconfirmed.
 */
function unreadConfigFallback(facts: ProjectFacts, job: CircleJob, sites: ReturnType<ProjectFacts['jobSites']>): string | undefined {
  for (const site of sites) {
    const hit = facts.circleci.unreadStepsBefore(job, site.publish).find(setsNpmUp);
    if (hit) return `${POSSIBLY}a token that ${hit.what} may write into the npm configuration: its name says it sets npm up, and tp-doctor cannot read it`;
  }
  return undefined;
}

/**
 * The start of a fallback that tp-doctor cannot confirm (a token file an upstream CircleCI job may
 * carry into the workspace): the publish may still have the token, so the finding is a warning at
 * most, and the engine says "may" (src/engine/token-fallback-cap.ts).
 */
export const POSSIBLY = 'possibly ';

/** A token an upstream CircleCI job writes and carries into this job's workspace (./circleci/workspace.ts), described. */
function workspaceFallback(carried: readonly CarriedTokenWrite[], certainty: CarriedTokenWrite['certainty']): string | undefined {
  const hit = carried.find((c) => c.certainty === certainty);
  if (!hit) return undefined;
  const at = `${hit.location.file}:${hit.location.start.line}`;
  const into = hit.file === undefined ? 'the npm configuration' : `\`${hit.file}\``;
  const what = `a token the job "${hit.job.name}" writes into ${into} at ${at}`;
  if (certainty === 'certain') return `${what}, which its \`persist_to_workspace\` carries to this job's \`attach_workspace\``;
  return `${POSSIBLY}${what}, if its \`persist_to_workspace\` carries it to this job's \`attach_workspace\` (${hit.reason ?? 'tp-doctor cannot tell'})`;
}
