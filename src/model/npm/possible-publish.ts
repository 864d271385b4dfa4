/**
 * Possible publishes: commands tp-doctor cannot read (`./scripts/release.sh`, `node
 * scripts/publish.js`, `make publish-all`, `./x publish stable`) in a job that shows signs of an
 * npm publish. They become visible `possible` publishes (named in the note and the JSON output,
 * findings on them at most `info`) instead of silence.
 *
 * The decision is deliberately narrow, because a possible publish that is not one turns every
 * finding on its job into a false alarm:
 * - the command (or a script leading to it, or the step's name) says "publish", or says "release"
 *   while the job has a strong npm signal, or one word of the command names a deploy to npm
 *   (`pkg-npm-deploy`, `deploy-npm`: `namesNpmDeploy`);
 * - the command does not say it builds, tests or checks (`NOT_A_RELEASE`), unless it or the name
 *   of what runs it says "publish" (a job's name around a CircleCI step lifts no veto), or one word
 *   says both build and release (`build:release`) in a step named for a release (`releaseBuild`);
 * - the command's own name does not say it checks (`checksItself`: `check-package-scope.ts`,
 *   `make verify`, `npm run check:scope`), nor does it guard a CircleCI job (`… || circleci step
 *   halt`), unless its own words say publish: a name around it never makes a check a publish
 *   (Pascal-Lohscheidt/m4trix, "Check if core package should be published" in a job `publish-core`);
 * - the job has an npm signal: a token or registry set up for registry.npmjs.org, an npm upgrade,
 *   an npm ID token, or `id-token: write` (weak: it also serves cloud logins and other registries);
 * - nothing names another destination (docs, a container image, a browser extension, PyPI, ...)
 *   and the command is not another ecosystem's tool;
 * - the command's own name does not say it does other work: regenerates a lockfile, makes a GitHub
 *   release, opens a release pull request (`NOT_AN_NPM_PUBLISH`: `namesOtherWork`);
 * - the command does not only ask for a version or usage (`npx <bin> --version`: `smokeTest`), and
 *   is not run by a script named for packing (`npm run release:pack`: `packingChain`), whatever
 *   the step's name says.
 *
 * Of several candidates in a job (CircleCI) or in one step's or job's script (GitHub, GitLab), the
 * first of the highest `publishRank` is taken. The vetoes themselves are in `possible-vetoes.ts`.
 */
import { notNpmPublishPhrase } from '../data/not-npm-publish.js';
import { CHECKING_SCRIPT_WORDS, OTHER_DESTINATION_CREDENTIALS, OTHER_DESTINATION_WORDS, PUBLISH_SCRIPT_NAME, SCRIPT_RUNNERS, SEMANTIC_RELEASE_EXEC } from '../data/publish-tools.js';

/** Recognisers of a guess from a script's name (`npm run release` whose script is not read). */
const SCRIPT_RUNNER_IDS: ReadonlySet<string> = new Set(SCRIPT_RUNNERS.map((r) => r.id));
import type { PublishMatch, UnreadCommand } from './publish-commands.js';
import { namesNpmSecret } from './tokens.js';
import { checksItself, checksPublish, localPublish, nameSaysBuild, nameTokens, NOT_A_RELEASE, packingChain, pushesTags, releaseBuild, smokeTest, tokens } from './possible-vetoes.js';

/** A sign, in the job, that it publishes to npm; `strong` ones are specific to npm. */
export interface NpmSignal {
  label: string;
  strong: boolean;
}

/** Runner words: `npm run x` names npm as the tool that runs a script, not as the destination. */
const RUNNER_WORDS = new Set(['npm', 'npx', 'pnpm', 'pnpx', 'pn', 'yarn', 'bun', 'bunx', 'corepack', 'run', 'exec', 'x', 'run-script', 'dlx', 'deno']);

/** Interpreters and tools of other ecosystems: their scripts publish elsewhere. */
const OTHER_ECOSYSTEMS = new Set([
  'python', 'python3', 'pip', 'pip3', 'poetry', 'uv', 'twine', 'ruby', 'bundle', 'gem', 'go', 'goreleaser', 'cargo',
  'dotnet', 'mvn', 'gradle', './gradlew', 'gradlew', 'java', 'docker', 'podman', 'helm', 'kubectl', 'terraform',
  'aws', 'gcloud', 'az', 'fastlane', 'xcodebuild', 'swift', 'php', 'composer', 'mix', 'dart', 'flutter', 'deno',
]);

/** Words that make an unreadable command worth a second look (in a command, a step or job name, a script). */
export const PUBLISH_HINT = /publish|releas/i;

/**
 * Text that may hold a word naming an npm deploy (`pkg-npm-deploy`, `deploy-npm`, `deploy:npm`,
 * `deploy_to_npmjs`): in a command, it too makes the command worth a second look
 * (`namesNpmDeploy` decides). Not `npm run deploy`, not `pnpm deploy`. `[^A-Za-z0-9]` is `[\W_]`
 * (the same characters under `i`, possible-publish.test.ts): V8 closes `\W` over case with ICU when
 * it first runs the expression, about 3 M instructions of a small repository's run (bench/README.md).
 */
export const NPM_DEPLOY_HINT = /\bnpm(?:js)?[^A-Za-z0-9]*deploy|deploy[^A-Za-z0-9]*(?:to[^A-Za-z0-9]*)?npm/i;

/**
 * One word of the command, or of a script on its way, names both a deploy and npm
 * (`dart run grinder pkg-npm-deploy`: cli_pkg's task that runs `npm publish`, sass/dart-sass;
 * `./scripts/deployNpm.sh`): a publish word of its own, on every provider. A runner word is no
 * naming of npm (`npm run deploy` deploys a site as often as not), and a name around the command
 * ("Deploy npm") never makes its `deploy` one.
 */
function namesNpmDeploy(words: readonly string[]): boolean {
  return words.some((w) => {
    const t = tokens(w, true);
    // `validate-npm-deploy.sh` checks a deploy (dequelabs/axe-core): a build or check word vetoes.
    return t.includes('deploy') && (t.includes('npm') || t.includes('npmjs')) && !t.some((x) => NOT_A_RELEASE.has(x));
  });
}

/**
 * A command of another ecosystem's tool that does not tie its publish to npm (`cargo publish`,
 * `twine upload`): it publishes elsewhere, even as a guess; `cargo xtask publish-npm` ties a
 * publish to npm and may not (`tiesPublishToNpm`). The word `npm` alone is not enough: a Gradle
 * task path (`./gradlew publishToMavenLocal :src:plugin:npm:jsNodeProductionLibraryDistribution`,
 * flock-community/wirespec) or an option's value (`python scripts/observe_release_facade.py --kind
 * npm`, 777genius/universal-agent-plugins) names npm without publishing there.
 */
export function isOtherEcosystemCommand(words: readonly string[]): boolean {
  const bin = words[0] ?? '';
  const name = bin.slice(bin.lastIndexOf('/') + 1).toLowerCase();
  if (RUNS_OWN_CODE.get(name)?.has(words[1] ?? '') && !runsPackage(words.slice(2))) return false;
  const other = OTHER_ECOSYSTEMS.has(bin.toLowerCase()) || OTHER_ECOSYSTEMS.has(name);
  return other && !tiesPublishToNpm(words.slice(1));
}

/** Words that, beside npm in one argument, say it publishes there (`publish-npm`, `npmPublish`, `:npm:publish`, `pkg-npm-deploy`). */
const PUBLISH_VERBS = new Set(['publish', 'publishes', 'release', 'releases', 'deploy', 'upload']);

/** Options whose value says where a command publishes (`--target=npmjs`, `--registry npm`); not `--kind npm`. */
const DESTINATION_OPTION = /^--?(?:target|to|registry|destination|dest)(?:=|$)/i;

/**
 * One argument itself ties a publish to npm: a word of its own (no path) that names npm beside a
 * publish verb (`publish-npm`, `npmPublish`, `:npm:publish`), an option that names npm as where
 * it publishes (`--target=npmjs`, `--to npm`), or `--npm` itself.
 */
export function tiesPublishToNpm(args: readonly string[]): boolean {
  const npm = (t: readonly string[]): boolean => t.includes('npm') || t.includes('npmjs');
  return args.some((w, i) => {
    if (w.includes('/')) return false;
    const t = tokens(w, true);
    if (!npm(t)) return false;
    if (t.some((x) => PUBLISH_VERBS.has(x)) || (w.startsWith('-') && t.length === 1)) return true;
    if (DESTINATION_OPTION.test(w)) return true;
    const option = args[i - 1] ?? '';
    return !w.startsWith('-') && DESTINATION_OPTION.test(option) && !option.includes('=');
  });
}

/**
 * Subcommands of another ecosystem's tool that run the repository's own JavaScript or TypeScript,
 * as `node x.js` does: `deno run -A build.ts --publish-only` may run `npm publish`
 * (dprint/dprint), while `deno publish` goes to JSR.
 */
const RUNS_OWN_CODE: ReadonlyMap<string, ReadonlySet<string>> = new Map([['deno', new Set(['run', 'task'])]]);

/**
 * The first argument that is not an option names a published package, not a file of the repository
 * (`deno run -A @david/publish-on-tag`, `jsr:@std/x`, `npm:x`, a URL): a tool of that ecosystem
 * (denoland/dnt publishes to JSR with it).
 */
function runsPackage(args: readonly string[]): boolean {
  const target = args.find((a) => !a.startsWith('-')) ?? '';
  return target.startsWith('@') || /^[a-z]+:/i.test(target);
}

/** True when a script name or command names a destination other than npm (`publish-extension`, `release:docs`). */
export function namesOtherDestination(text: string): boolean {
  return tokens(text).some((t) => OTHER_DESTINATION_WORDS.has(t));
}

/**
 * A script (or Nx/Turborepo target) name that is a publish when what it runs cannot be read:
 * `release`, `ci:publish`; not `publish:jsr` (another destination), nor a check of a release
 * (`release:incidents:check`, `release:parity`: `CHECKING_SCRIPT_WORDS` in any segment).
 */
export function namedLikePublish(name: string): boolean {
  return PUBLISH_SCRIPT_NAME.test(name) && !namesOtherDestination(name) && !name.toLowerCase().split(/[:_-]/).some((w) => CHECKING_SCRIPT_WORDS.has(w));
}

/**
 * A publish guessed from a script's name (`npm run publish` whose script tp-doctor cannot read), or
 * from `<runner> <bin> publish` of a bin tp-doctor does not know, in a step that says it goes elsewhere: the step's name names another destination (`Publish to VSCE
 * & OVSX`), or the step's own environment passes another registry's credential (`VSCE_PAT`,
 * `OVSX_TOKEN`: `OTHER_DESTINATION_CREDENTIALS`), and neither names npm nor passes an npm token.
 * Such a guess is no npm publish.
 */
export function guessGoesElsewhere(match: PublishMatch, stepName: string | undefined, envNames: readonly string[]): boolean {
  // A guess from a script's name, or `<runner> <bin> publish` of a bin tp-doctor does not know
  // (sanity-io/sanity's `pnpm bundle-manager publish` in a step "Upload bundles to staging bucket").
  if (!SCRIPT_RUNNER_IDS.has(match.recognizer) && match.recognizer !== 'unknown-bin-publish') return false;
  const nameWords = tokens(stepName ?? '');
  if (nameWords.some((w) => w === 'npm' || w === 'npmjs') || envNames.some(namesNpmSecret)) return false;
  return nameWords.some((w) => OTHER_DESTINATION_WORDS.has(w)) || envNames.some((n) => OTHER_DESTINATION_CREDENTIALS.test(n));
}

/**
 * Some argument names npm as a word of its own (`npm`, `publish-npm`, `--target=npmjs`); a path
 * that holds the word (`/tmp/npm-registry`) does not.
 */
export function namesNpm(args: readonly string[]): boolean {
  return args.some((w) => !w.includes('/') && tokens(w).some((t) => t === 'npm' || t === 'npmjs'));
}

/**
 * The command's own words, runner words (`npx`, `bun run`) left out, say publish and name npm
 * (`pantry publish --npm`, `./scripts/publish-npm.sh`): the command itself says where it publishes,
 * so it is worth `possiblePublish` even in a GitHub job with a recognised publish in another step
 * (stacksjs/stacks runs `pantry publish --npm` beside a `bun publish`), where guesses from names and
 * signals are not. Stricter than `possiblePublish` alone: a quoted text with spaces (a message, a
 * release note) says nothing, a path argument that holds the word (`/tmp/npm-cache`) names no npm,
 * and any word that says it builds or checks (`test-npm-publish.js`, `verify:publish-npm`) vetoes,
 * even beside "publish".
 */
export function saysNpmPublish(unread: UnreadCommand): boolean {
  const words = unread.words.filter((w) => !RUNNER_WORDS.has(w.toLowerCase()) && !/\s/.test(w));
  const bin = words[0] ?? '';
  const own = [tokens(bin.slice(bin.lastIndexOf('/') + 1), true), ...words.slice(1).map((w) => tokens(w))];
  if (own.some((t) => t.some((x) => NOT_A_RELEASE.has(x)))) return false;
  const npm = (t: readonly string[]): boolean => t.includes('npm') || t.includes('npmjs');
  return own.some((t) => t.includes('publish')) && (npm(own[0]!) || namesNpm(words.slice(1)));
}

export interface PossibleInput {
  unread: UnreadCommand;
  /**
   * The name of what runs the command: the step's (GitHub, CircleCI) or the job's (GitLab). Its
   * words count for the guess, and one that says it builds or checks vetoes it (`nameSaysBuild`).
   */
  name?: string;
  /**
   * A name around it (a CircleCI step's job): its words count like the name's for the guess, but
   * never veto as the name's build words do, nor lift a veto of the command or the name (a job
   * `publish-core` makes neither its step "Build core package" nor its guard a publish).
   */
  outerName?: string;
  /**
   * The command guards the job (`… || circleci step halt`: it decides whether the job goes on): a
   * check, vetoed like one whose own words say check (`checksItself`).
   */
  guard?: boolean;
  /** The npm signals of the job before the command. */
  signals: readonly NpmSignal[];
  /** What makes it unreadable, completing "<command> ..." (default: `runs something tp-doctor cannot read`). */
  unreadable?: string;
  /** A name that says "deploy" and names npm counts as one that says "publish" (orb jobs and commands: `npm-deploy`). */
  deployNamesPublish?: boolean;
}

/**
 * Why an unreadable command may publish to npm, in words, or undefined when it should not be
 * treated as a possible publish.
 */
export function possiblePublish(input: PossibleInput): string | undefined {
  const { unread } = input;
  const name = [input.outerName, input.name].filter((n) => n !== undefined && n !== '').join(' ') || undefined;
  const bin = unread.words[0] ?? '';
  if (isOtherEcosystemCommand(unread.words)) return undefined;
  // `npx <bin> --version` checks an install; a command a packing script runs makes tarballs.
  if (smokeTest(unread) || packingChain(unread)) return undefined;
  // The words of the command and of the scripts that led to it, runner words (`npm run`) left out.
  // A YAML file named as an argument (`dispatch-and-wait.mjs npm-publish.yml`) is another
  // workflow or a configuration, whose name says nothing about what this command does.
  const words = [...unread.words, ...unread.via.flatMap((v) => [v.script, ...v.command.split(/\s+/)])].filter(
    (w, i) => !RUNNER_WORDS.has(w.toLowerCase()) && !(i > 0 && /\.ya?ml$/i.test(w)),
  );
  // The file the command runs is read in camelCase too (`./scripts/publishPrerelease.sh`). Words
  // only an option's name gives (an action's `dry:` input) may say publish, but never veto.
  const optionNames = new Set(unread.options ?? []);
  const ownWords = words.flatMap((w, i) => (i > 0 && optionNames.has(w) ? [] : tokens(w, i === 0 && w === bin)));
  const optionWords = [...optionNames].flatMap((o) => tokens(o));
  const commandWords = [...ownWords, ...optionWords];
  // A path in the name (`Full release of packages/sdk/vercel`) names a package, not a destination.
  const nameWords = name ? nameTokens(name) : [];
  const all = new Set([...commandWords, ...nameWords]);
  // Another destination, unless the command itself names npm (`./upload-artifacts.sh npm`), or the
  // step's name does and the command says publish or release (`Release to npm and github` running
  // `yarn release:artifacts`, reactotron; not `apk add --no-cache bash` in GitLab's "publish-to-npm").
  // In a job with no sign of npm, "release" is not enough (browserslist's "Clean npm package" step
  // running `ai/copy-changelog-to-release`, a name copied from the publish job).
  const releaseSays = (w: string): boolean => w === 'publish' || (input.signals.length > 0 && (w === 'release' || w === 'releases'));
  const nameNamesNpm = (nameWords.includes('npm') || nameWords.includes('npmjs')) && commandWords.some(releaseSays);
  const commandNamesNpm = namesNpm(unread.words.slice(1)) || nameNamesNpm;
  const vetoes = (w: string): boolean => !optionWords.includes(w) || ownWords.includes(w) || nameWords.includes(w);
  if (!commandNamesNpm) for (const w of all) if (OTHER_DESTINATION_WORDS.has(w) && vetoes(w) && (w !== 'local' || localPublish(words, name))) return undefined;
  // A dry run publishes nothing, whatever it names (`publish.raku --target=npm --dry-run`, evilmartians/lefthook).
  if (ownWords.some((w, i) => w === 'dryrun' || (w === 'dry' && ownWords[i + 1] === 'run'))) return undefined;
  if (namesOtherWork(words, commandWords)) return undefined;
  const says = (word: string): boolean => commandWords.includes(word) || nameWords.includes(word);
  // The command and the name of what runs it, not a name around that (a CircleCI step's job).
  const nearWords = input.name ? nameTokens(input.name) : [];
  const saysNear = (word: string): boolean => commandWords.includes(word) || nearWords.includes(word);
  const mentionsNpm = all.has('npm') || all.has('npmjs');
  const deployPublishes = (near: boolean): boolean => input.deployNamesPublish === true && (near ? saysNear('deploy') : says('deploy')) && mentionsNpm;
  const publishWord = says('publish') || deployPublishes(false) || namesNpmDeploy(words);
  // Only the command's own words lift a check of its own (`check-and-publish.sh`), never a name.
  if (!ownWords.includes('publish') && !namesNpmDeploy(words) && (input.guard === true || checksItself(unread))) return undefined;
  const publishNear = saysNear('publish') || deployPublishes(true) || namesNpmDeploy(words);
  const vetoing = commandWords.filter((w) => NOT_A_RELEASE.has(w) && vetoes(w));
  if (!publishNear && vetoing.length > 0 && !releaseBuild(words, nearWords, vetoing)) return undefined;
  if (!publishNear && !saysNear('deploy') && nameSaysBuild(input.name, words)) return undefined;
  if (checksPublish(words, name)) return undefined;
  // A command that pushes git tags (`yarn release:tags:push`, reactotron's "Publish new tags" step)
  // publishes tags, not a package, unless the command itself says publish or names npm.
  if (pushesTags(commandWords) && !commandWords.includes('publish') && !namesNpm(unread.words.slice(1))) return undefined;
  // A command that dispatches another workflow (`dispatch-and-wait.mjs npm-publish.yml`, a step
  // "Dispatch npm-publish workflow"): that workflow publishes, and is checked itself.
  if (all.has('dispatch') && (all.has('workflow') || unread.words.some((w) => /\.ya?ml$/i.test(w)))) return undefined;
  const strong = input.signals.filter((s) => s.strong);
  const releaseWord = says('release') || says('releases');
  if (!publishWord && !(releaseWord && (strong.length > 0 || mentionsNpm))) return undefined;
  if (input.signals.length === 0 && !mentionsNpm) return undefined;
  const why = input.signals.map((s) => s.label);
  if (mentionsNpm) why.unshift('it names npm');
  const unreadable = input.unreadable ?? 'runs something tp-doctor cannot read';
  return `${quoted(unread.text.length > 80 ? `${unread.text.slice(0, 77)}...` : unread.text)} ${unreadable}, and ${why.slice(0, 3).join(', ')}`;
}

/**
 * One word of the command, or of a script on its way (a path's last part, camelCase split), says
 * the command does other work than an npm publish (`NOT_AN_NPM_PUBLISH`: `update-shrinkwrap`,
 * `create-github-release.mjs`, `createReleasePr.js`), and no word of the command says publish or
 * names a deploy to npm (`update-shrinkwrap-and-publish.sh`), nor, beside a code host's release,
 * names npm (`npm-and-github-release.sh`). Options are not read (`./release.sh --frozen-lockfile`),
 * nor is the step's name: see the table.
 */
function namesOtherWork(words: readonly string[], commandWords: readonly string[]): boolean {
  if (commandWords.includes('publish') || namesNpmDeploy(words)) return false;
  const npm = commandWords.includes('npm') || commandWords.includes('npmjs');
  // An option says how, not what (`./release.sh --frozen-lockfile`).
  return words.some((w) => {
    if (w.startsWith('-')) return false;
    const found = notNpmPublishPhrase(tokens(w.slice(w.lastIndexOf('/') + 1), true));
    return found !== undefined && !(found.npmKeeps && npm);
  });
}

/**
 * How much a possible publish says it publishes, to choose among several in a job (CircleCI) or in
 * one step's or job's script (GitHub, GitLab): 3 (`RANK_OWN_PUBLISH`) its own texts (`own`: the
 * command, the scripts on its way, an orb's names) say publish, or its words (`words`) name a
 * deploy to npm; 2 the name of what runs it says publish; 1 either names npm; 0 only the job's
 * name or signs made it one. The first of the highest rank is taken: a step "Publish core
 * package" running `pnpm run package:publish` wins over an earlier one the job's name alone made
 * plausible, and a command that says publish over an earlier one in the same step or script.
 */
export function publishRank(own: readonly string[], name?: string, words: readonly string[] = []): number {
  if (own.some((t) => /publish/i.test(t)) || namesNpmDeploy(words)) return RANK_OWN_PUBLISH;
  if (name !== undefined && /publish/i.test(name)) return 2;
  return [...own, name ?? ''].some((t) => /\bnpm\b/i.test(t)) ? 1 : 0;
}

export const RANK_OWN_PUBLISH = 3;

/**
 * `publishRank` of an unreadable command: its own words and the names of the scripts on its way,
 * read as `tokens` (camelCase split), not its text: an environment prefix
 * (`PUBLISH_PLATFORM_PACKAGES=0 ./scripts/release-npm.sh`, jdx/mise), a quoted message or an
 * expression says nothing about what it runs.
 */
export function unreadRank(unread: UnreadCommand, name?: string): number {
  const own = [...unread.words, ...unread.via.map((v) => v.script)].filter((w) => !/\s/.test(w));
  return publishRank(own.map((w) => tokens(w, true).join(' ')), name, unread.words);
}

/**
 * What a guessed publish that runs a command tp-doctor cannot read was guessed from, for the
 * `because` of one made `possible`: semantic-release's exec `publishCmd`, the release's publish
 * step by its place, or a script's name.
 */
export function guessedFrom(match: Pick<PublishMatch, 'recognizer'>): string {
  return match.recognizer === SEMANTIC_RELEASE_EXEC.unreadRecognizer ? `semantic-release's ${SEMANTIC_RELEASE_EXEC.plugin} ${SEMANTIC_RELEASE_EXEC.key}` : "the script's name";
}

/** A command in quotes that do not clash with its own: `"./release.sh"`, `'"$TOOL" --version'`. */
function quoted(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text}'` : `"${text}"`;
}

/** The match a possible publish stands on: the unread command itself, labelled with its text (at most 60 characters). */
export function unreadPublishMatch(unread: UnreadCommand): PublishMatch {
  return {
    recognizer: 'unread-command',
    tool: 'other',
    label: quoted(unread.text.length > 60 ? `${unread.text.slice(0, 57)}...` : unread.text),
    confidence: 'heuristic',
    offset: unread.offset,
    end: unread.end,
    text: unread.text,
    args: unread.words.slice(1),
    via: unread.via,
    flags: {},
  };
}
