import { defineRule, type MessageData } from '../../src/engine/define-rule.js';
import { leastCertain, mostCertain, type Certainty, type CircleciSite, type PublishSite } from '../../src/model/publish.js';
import { handExchange, type HandExchange } from '../../src/model/manual-exchange.js';
import { undecidedBesideFine, type UndecidedBeside } from '../../src/model/undecided-publish.js';
import type { GithubSite } from '../../src/model/github/types.js';
import { checkPublish, type Finding } from './tools.js';

const messages = {
  never: {
    text: '`{command}` runs {tool}, which cannot publish with trusted publishing; expected {alternative}',
    why: '{consequence}',
    fix: 'Replace `{command}` in `{path}` with {alternative}',
  },
  tooOld: {
    text: '`{command}` runs {tool} "{version}" ({source}); trusted publishing needs {tool} {required} or later',
    why: '{consequence}',
    fix: 'Upgrade {tool} to {required} or later: {how}',
  },
  nodeTooOld: {
    text: '`{command}` runs {tool} {version} on {node} ({from}); {tool} {since} and later need Node {needs}',
    why: '{tool} {since} and later check the Node they run on when they start and stop with an error on an older one, before anything is published',
    fix: 'Run the job on Node 24: {how}',
  },
  stageTooOld: {
    text: '`{command}` runs pnpm "{version}" ({source}), which has no `stage` command; expected pnpm {required} or later',
    why: '{consequence}: the step fails (pnpm has no such command) and nothing is staged',
    fix: 'Upgrade pnpm to {required} or later: {how}',
  },
  tokenInputRequired: {
    text: '`{command}` runs JS-DevTools/npm-publish "{version}" ({source}) without a `token` input; before {optional} the action requires one',
    why: 'JS-DevTools/npm-publish before {optional} stops with "InvalidTokenError" when its `token` input is missing or empty, before it runs npm: nothing is published. With any token it runs the npm on PATH, whose trusted publishing exchange replaces that token',
    fix: 'Upgrade to JS-DevTools/npm-publish {optional} or later, where `token` is optional: {how}',
  },
  unknown: {
    text: 'Cannot tell whether `{command}` can publish with trusted publishing: {reason}',
    why: 'Trusted publishing needs {requirement}. Otherwise: {consequence}',
    fix: 'Make it explicit: {how}',
    severity: 'warning',
  },
  yarnTokenWins: {
    text: '`{command}` uses `{key}` from .yarnrc.yml instead of OIDC{when}; expected no `npmAuthToken` for registry.npmjs.org',
    why: 'Yarn tries trusted publishing only when no `npmAuthToken` is configured for the registry (one an unset variable leaves empty, through an empty `:-` fallback, is none): with one, `yarn npm publish` publishes with that long-lived token, and fails with E401/E404 once it expires or is revoked',
    fix: 'Remove `{key}` from .yarnrc.yml (and the secret that feeds it)',
    severity: 'warning',
  },
  yarnEnvTokenWins: {
    text: '`{name}` in `{section}` gives `{command}` an `npmAuthToken`, which Yarn uses instead of OIDC; expected no Yarn token for registry.npmjs.org',
    why: 'Yarn reads a `YARN_`-prefixed variable as the setting of that name, so `{name}` is `npmAuthToken`, and Yarn tries trusted publishing only when no `npmAuthToken` is configured for the registry: whenever the variable has a value, `yarn npm publish` publishes with that long-lived token, and fails with E401/E404 once it expires or is revoked',
    fix: 'Remove `{name}` from the `{section}` of the publish (and the secret that feeds it)',
    severity: 'warning',
  },
  yarnTokenKept: {
    text: '`{command}` sends the token the job exchanges by hand through `{variable}` ({carrier}), but `{variable}` is read before the exchange sets it; a value it already has would be sent instead',
    why: 'The job trades the ID token at the registry itself and hands Yarn the short-lived token through `{variable}`, which Yarn sends without exchanging a token itself. A job that reads `{variable}` first (to skip the exchange when it is set, say) keeps a long-lived token stored under that name in a context or the project settings, which tp-doctor cannot see: the publish then uses it, and fails with E401/E404 once it expires or is revoked',
    fix: 'Keep `{variable}` out of the contexts and project settings of the job (it sets the variable itself), or overwrite it with the exchanged token whatever it held',
    severity: 'info',
  },
  releaseItChecks: {
    text: '`{command}` runs release-it with its npm pre-checks on ({where}); trusted publishing needs `npm.skipChecks: true`',
    why: '{consequence}',
    fix: 'Set `"npm": { "skipChecks": true }` in {file}, or add `--npm.skipChecks` to the command',
  },
  releaseItPluginChecks: {
    text: '`{command}` is run by {tool}, which first runs `{check}` ({where}); trusted publishing needs its `{option}: true`',
    why: '{tool} checks the login with `{check}` before it publishes, unless its `{option}` option is set; under OIDC nobody is logged in until the publish itself exchanges the token, so `{check}` fails and it stops with "Not authenticated" before anything is published. release-it\'s `npm.skipChecks` does not reach it',
    fix: 'Set `"{option}": true` in the options of `{tool}` under `plugins` in {file}',
  },
  changesetsActionOld: {
    text: '{action} "{version}" writes an `_authToken` line into .npmrc before publishing; expected changesets/action 1.7 or later',
    why: '{consequence}',
    fix: 'Upgrade changesets/action to 1.7 or later: {how}',
    severity: 'warning',
  },
  pnpmStaticToken: {
    text: '`{command}` runs pnpm "{version}" ({source}) while a static token is configured ({token}); pnpm 11.0.0 to 11.0.6 then skip OIDC, expected pnpm {required} or later',
    why: '{consequence}',
    fix: 'Upgrade pnpm to {required} or later: {how}',
  },
  pnpmPlaceholder: {
    text: '`{command}` runs pnpm "{version}" ({source}) after setup-node `registry-url` with `NODE_AUTH_TOKEN` unset ({token}); pnpm before {required} sends the unresolved placeholder as its token, expected pnpm {required} or later',
    why: '{consequence}',
    fix: 'Upgrade pnpm to {required} or later: {how}; or remove `registry-url` from the setup-node step, which trusted publishing does not need',
  },
  pnpmPlaceholderMay: {
    text: '`{command}` runs pnpm "{version}" ({source}) after setup-node `registry-url` with `NODE_AUTH_TOKEN` unset ({token}); pnpm before {required} may send the unresolved placeholder as its token: {doubt}; expected pnpm {required} or later',
    why: '{consequence}',
    fix: 'Upgrade pnpm to {required} or later: {how}; or remove `registry-url` from the setup-node step, which trusted publishing does not need',
    severity: 'warning',
  },
  circleciTooOld: {
    text: '`{command}` runs {tool} "{version}" ({source}); trusted publishing on CircleCI needs {tool} {required} or later',
    why: '{consequence}',
    fix: 'Upgrade {tool} to {required} or later: {how}',
  },
  circleciTokenVerify: {
    text: '`{command}` runs {tool} "{version}" ({source}), which on CircleCI publishes only when a long-lived `{variable}` reaches the job from {where}, which tp-doctor cannot see; expected {tool} {required} or later',
    why: '{tool} {from} to 13.1.x has no CircleCI branch in its token exchange: its `verifyConditions` step checks `{variable}` with `npm whoami` and stops with ENONPMTOKEN, before anything is published, when the job has none. With one (any valid token, a read-only one too) it publishes with {npm}, which exchanges `NPM_ID_TOKEN` itself: the publish is then a trusted one, but the release depends on that long-lived token',
    fix: 'Upgrade {tool} to {required} or later, which exchanges `NPM_ID_TOKEN` on CircleCI without a token: {how}',
    severity: 'warning',
  },
  circleciNever: {
    text: '`{command}` runs {tool}, which cannot publish with trusted publishing on CircleCI; expected {alternative}',
    why: '{consequence}',
    fix: 'Replace `{command}` in `{path}` with {alternative}',
  },
  circleciNotYet: {
    text: '`{command}` runs Yarn {version}; no Yarn release up to {checked} is known to publish with trusted publishing on CircleCI',
    why: '{consequence}',
    fix: 'Publish with `npm publish` (npm {npm} or later, `NPM_ID_TOKEN` from `circleci run oidc get` in the same step) in `{path}`, or upgrade Yarn to a release that includes berry#7122',
    severity: 'warning',
  },
  circleciYarnTooOld: {
    text: '`{command}` runs Yarn "{version}" ({source}), which has no trusted publishing (Yarn {required} added it), and no Yarn release up to {checked} is known to publish with trusted publishing on CircleCI',
    why: '{consequence}',
    fix: 'Publish with `npm publish` (npm {npm} or later, `NPM_ID_TOKEN` from `circleci run oidc get` in the same step) in `{path}`: upgrading Yarn to {required} is not enough on CircleCI (berry#7122)',
  },
  yarnScopedOld: {
    text: '`{command}` runs Yarn "{version}" ({source}) to publish the scoped {packages}; Yarn 4.10.0 to 4.10.2 fail the token exchange for scoped packages, expected Yarn {required} or later',
    why: '{consequence} (reported in berry#6911)',
    fix: 'Upgrade Yarn to {required} or later: {how}',
    severity: 'warning',
  },
  changesetsYarnClassic: {
    oidcOnly: false,
    text: '`{command}` runs @changesets/cli "{version}" ({source}) with Yarn 1 ({yarn}); @changesets/cli {required} and later do not publish with Yarn 1',
    why: '@changesets/cli 3 asks `yarn --version` before publishing and stops with "Yarn Classic is not supported" when Yarn answers 1.x: nothing is published (2.x published with `npm publish` there)',
    fix: 'Move the repository to Yarn 4.10 or later (`yarn set version stable`; changesets then publishes with `yarn npm publish`, which can use trusted publishing), or keep @changesets/cli 2 with npm 11.5.1 or later',
  },
  nxBunPublish: {
    text: '`{command}` publishes with `bun publish`, which cannot publish with trusted publishing: Nx "{version}" ({source}) runs the workspace\'s package manager, Bun ({because}); expected Nx {required} or later, which runs `npm publish` when `bun publish` fails to authenticate',
    why: '{consequence}. Nx Release publishes each project with the publish command of the package manager it detects (nx.json `cli.packageManager`, else the lockfile), unless a project overrides its `nx-release-publish` target',
    fix: 'Upgrade `nx` and `@nx/js` to {required} or later ({how}) and have npm 11.5.1 or later on PATH, or set `"cli": { "packageManager": "npm" }` in nx.json',
    severity: 'warning',
  },
  npRecent: {
    text: '`{command}` runs np {version}; trusted publishing needs np {required} or later',
    why: '{consequence}',
    fix: 'Upgrade np to {required} or later: {how}',
    severity: 'warning',
  },
} as const;

type Messages = typeof messages;

// securitySeverity 2.0: the failure is one of availability (the publish stops), but the usual
// reaction to it is to put a long-lived npm token back into CI.
const rule = defineRule({
  id: 'publish-tool-supports-oidc',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'The publish tool (Yarn, Bun, lerna, semantic-release, release-it, pnpm, ...) can publish with trusted publishing in the version used',
    securitySeverity: 2.0,
    messages,
  },
  hooks: {
    githubJob(job, ctx) {
      reportAll(ctx, ctx.facts.trustedSites(job).flatMap((site) => undecided(ctx, site, check(ctx, site, githubStepPath(site)))));
    },
    gitlabJob(job, _pipeline, ctx) {
      reportAll(ctx, ctx.facts.trustedSites(job).flatMap((site) => check(ctx, site, `${job.name}.script`)));
    },
    circleciJob(job, _config, ctx) {
      reportAll(ctx, ctx.facts.trustedSites(job).flatMap((site) => check(ctx, site, circleStepPath(site))));
    },
  },
});

type Ctx = Parameters<NonNullable<(typeof rule)['hooks']['githubJob']>>[1];

function githubStepPath(site: GithubSite): string {
  return `jobs.${site.job.id}.steps[${site.step.index}]`;
}

/** Per run (its facts): whether a GitHub publish's findings rest on an `if:` tp-doctor cannot evaluate. */
const besideFine = new WeakMap<object, (site: GithubSite) => UndecidedBeside | undefined>();

/**
 * A publish under an `if:` tp-doctor cannot evaluate, while another publish of the workflow that may
 * run without it has no finding of this rule: which of them runs is chosen by what tp-doctor cannot
 * see (a legacy path kept behind `vars.USE_YARN`), so its findings are warnings at most, with the
 * `if:` and the other publish as related locations (docs/domain.md A.66).
 */
function undecided(ctx: Ctx, site: GithubSite, found: Found[]): Found[] {
  if (found.length === 0) return found;
  let ask = besideFine.get(ctx.facts);
  if (!ask) {
    ask = undecidedBesideFine((job) => ctx.facts.trustedSites(job), (other) => check(ctx, other, githubStepPath(other)).length === 0);
    besideFine.set(ctx.facts, ask);
  }
  const beside = ask(site);
  if (!beside) return found;
  return found.map((f) => ({ ...f, finding: { ...f.finding, related: [...f.finding.related, ...beside.related] }, certainty: leastCertain([f.certainty, 'likely']) }));
}

/** Where the user edits a CircleCI publish: the job's steps, or the reusable command it comes from. */
function circleStepPath(site: CircleciSite): string {
  const via = site.step.via.at(-1);
  if (via) return `commands.${via.command}.steps`;
  return site.step.origin === 'job' ? `jobs.${site.job.name}.steps` : `workflows.*.jobs.${site.job.name}.${site.step.origin}`;
}

/** A finding of one publish, with where it is reported and how sure the publish is. */
interface Found {
  finding: Finding;
  at: Finding['related'][number]['at'];
  certainty: Certainty;
}

function check(ctx: Ctx, site: PublishSite, stepPath: string): Found[] {
  if (site.certainty === 'possible') return []; // an unreadable command: its tool is unknown
  // The token is exchanged by hand: the tool only sends it (src/model/manual-exchange.ts).
  const byHand = handExchange(ctx.facts, site);
  if (byHand) return keptToken(site, byHand);
  const command = site.publish.match.label.replace(/ \(.*\)$/, ''); // `yarn publish (Yarn 1)` → `yarn publish`
  // A command written in a tool's configuration (Ship.js's `publishCommand`): edited there, and named.
  const config = site.publish.match.via.findLast((v) => v.at !== undefined);
  const path = config?.script ?? stepPath;
  // `before` is built on first use: most tools never ask, and building it for each of thousands of
  // publishes in one job (every earlier script line each time) was quadratic (issue 12).
  let before: ReturnType<typeof ctx.facts.textsBefore> | undefined;
  // A command whose runs go to several known directories (one per matrix value or caller of a
  // called workflow) runs each directory's own copy of its tool: each is checked, and a finding
  // that several give alike is reported once.
  const dirs = site.directories ?? [site.directory ?? ''];
  const seen = new Set<string>();
  const found: Found[] = [];
  for (const dir of dirs) {
    const target = {
      project: ctx.project,
      facts: ctx.facts,
      site,
      publish: site.publish,
      get before() {
        return (before ??= ctx.facts.textsBefore(site));
      },
      dir,
      path,
      stepPath,
      command,
    };
    for (const finding of checkPublish(target)) {
      if (dirs.length > 1) {
        const key = findingKey(finding);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      if (config?.at) finding.related.push({ at: config.at, label: `\`${config.command}\` is written here` });
      // A guess because the tool's configuration was not read (semantic-release's plugins): named.
      const unread = site.publish.match.configUnread;
      if (unread) finding.related.push({ at: { file: unread.file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, label: `${unread.unread}: whether its plugins include @semantic-release/npm is not known` });
      // A directory only some dispatch choices publish from (`PublishTargets.chosen`): a run that may never happen.
      const certainty = dirs.length > 1 && site.targets.chosen?.includes(dir) === true ? leastCertain([site.certainty, 'likely']) : site.certainty;
      found.push({ finding, at: finding.at ?? site.publish.location, certainty });
    }
  }
  return found;
}

/**
 * A hand exchange whose token reaches Yarn through a variable the job reads before the exchange
 * sets it (reactotron: `if (!process.env.NPM_TOKEN && process.env.NPM_ID_TOKEN)`): a stored value
 * of that name, which tp-doctor cannot see, would be sent instead. Only a guess: an info.
 */
function keptToken(site: PublishSite, byHand: HandExchange): Found[] {
  const { carrier, readFirst } = byHand;
  if (carrier?.yarn !== true || readFirst === undefined) return [];
  const command = site.publish.match.label.replace(/ \(.*\)$/, '');
  const related = [{ at: readFirst, label: `\`${carrier.variable}\` is read here, before the exchange` }];
  return [{ finding: { messageId: 'yarnTokenKept', data: { command, variable: carrier.variable, carrier: carrier.label }, related }, at: site.publish.location, certainty: site.certainty }];
}

function reportAll(ctx: Ctx, found: Found[]): void {
  for (const { finding, at, certainty } of mergedReleaseIt(found)) report(ctx, finding, at, certainty);
}

/**
 * One command that runs release-it in many workspace packages (`npm run release --workspaces`,
 * node-redis: seven `.release-it.json`) checks each package's configuration: those that leave the
 * pre-checks on are one finding at the command, naming their files (the first three, and how many
 * more), each file a related location.
 */
function mergedReleaseIt(found: Found[]): Found[] {
  const byPlace = new Map<string, Found[]>();
  for (const f of found) {
    if (f.finding.messageId !== 'releaseItChecks') continue;
    const key = JSON.stringify([targetWhere(f.at), f.finding.data['command']]);
    byPlace.set(key, [...(byPlace.get(key) ?? []), f]);
  }
  const merged = new Map<Found, Found | undefined>();
  for (const group of byPlace.values()) {
    if (group.length < 2) continue;
    group.forEach((f, i) => merged.set(f, i === 0 ? mergeGroup(group) : undefined));
  }
  return found.flatMap((f) => (merged.has(f) ? (merged.get(f) ? [merged.get(f)!] : []) : [f]));
}

function mergeGroup(group: Found[]): Found {
  const files = group.map((f) => f.finding.data['file'] ?? '');
  const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : `${files.slice(0, -1).join(', ')} and ${files.at(-1)!}`;
  const first = group[0]!.finding;
  const keys = new Set<string>();
  const related = group.flatMap((f) => f.finding.related).filter((r) => !keys.has(relatedKey(r)) && keys.add(relatedKey(r)));
  const data = { ...first.data, where: `the release-it configurations of ${files.length} packages do not set \`npm.skipChecks\`: ${shown}`, file: `each of ${shown}` };
  return { finding: { ...first, data, related }, at: group[0]!.at, certainty: mostCertain(group.map((f) => f.certainty))! };
}

function targetWhere(at: Finding['related'][number]['at']): [string, number, number] {
  return 'start' in at ? [at.file, at.start.line, at.start.column] : [at.file, at.span.start.line, at.span.start.column];
}

function relatedKey(r: Finding['related'][number]): string {
  return JSON.stringify([r.label, targetWhere(r.at)]);
}

/** What tells two findings apart: the message, its placeholders' texts and where it points. */
function findingKey(finding: Finding): string {
  const texts = Object.entries(finding.data).filter(([, v]) => typeof v === 'string' || typeof v === 'number');
  return JSON.stringify([finding.messageId, texts, finding.at === undefined ? null : targetWhere(finding.at)]);
}

function report(ctx: Ctx, finding: Finding, at: Finding['related'][number]['at'], certainty: PublishSite['certainty']): void {
  // Findings are built per message id in tools.ts; the data carries that message's placeholders.
  // A finding that rests on a guess about what the tool runs (`Finding.unsure`) is `likely` at most.
  const sure = finding.harmless === true ? 'possible' : finding.unsure === true ? leastCertain([certainty, 'likely']) : certainty;
  ctx.report({ messageId: finding.messageId, data: finding.data as MessageData<Messages[keyof Messages]>, at, related: finding.related, certainty: sure });
}

export default rule;
