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
 * - the command does not say it builds, tests or checks (`NOT_A_RELEASE`), unless it says
 *   "publish", or one word says both build and release (`build:release`) in a step named for a
 *   release (`releaseBuild`);
 * - the job has an npm signal: a token or registry set up for registry.npmjs.org, an npm upgrade,
 *   an npm ID token, or `id-token: write` (weak: it also serves cloud logins and other registries);
 * - nothing names another destination (docs, a container image, a browser extension, PyPI, ...)
 *   and the command is not another ecosystem's tool;
 * - the command's own name does not say it does other work: regenerates a lockfile, makes a GitHub
 *   release, opens a release pull request (`NOT_AN_NPM_PUBLISH`: `namesOtherWork`).
 */
import { notNpmPublishPhrase } from '../data/not-npm-publish.js';
import { OTHER_DESTINATION_CREDENTIALS, OTHER_DESTINATION_WORDS, SCRIPT_RUNNERS } from '../data/publish-tools.js';

/** Recognisers of a guess from a script's name (`npm run release` whose script is not read). */
const SCRIPT_RUNNER_IDS: ReadonlySet<string> = new Set(SCRIPT_RUNNERS.map((r) => r.id));
import type { PublishMatch, UnreadCommand } from './publish-commands.js';
import { namesNpmSecret } from './tokens.js';

/** A sign, in the job, that it publishes to npm; `strong` ones are specific to npm. */
export interface NpmSignal {
  label: string;
  strong: boolean;
}

/**
 * Words of a command that say it builds or checks rather than publishes (unless it also says
 * "publish", or it is a build for a release run by a step named for one, `releaseBuild`); of the
 * step's own name too, unless "release" is the command's or the name's whole verb
 * (`nameSaysBuild`). `release:prepare-packages -- --compile-only` in a step "Create npm-like
 * builds of packages" prepares and compiles packages (ckeditor/ckeditor5-package-generator).
 */
const NOT_A_RELEASE = new Set([
  'build', 'builds', 'building', 'test', 'tests', 'lint', 'check', 'verify', 'bench', 'benchmark', 'coverage', 'typecheck',
  'compile', 'compiles', 'compiling', 'prepare', 'prepares', 'preparing', 'pack', 'packs', 'packing',
  // what runs around a release, not the release (`handle-failed-release.sh`, `notify-release`)
  'failed', 'failure', 'notify', 'notification', 'rollback', 'cleanup', 'validate', 'validation',
]);

/** Runner words: `npm run x` names npm as the tool that runs a script, not as the destination. */
const RUNNER_WORDS = new Set(['npm', 'npx', 'pnpm', 'pnpx', 'pn', 'yarn', 'bun', 'bunx', 'corepack', 'run', 'exec', 'x', 'run-script', 'dlx', 'deno']);

/** Interpreters and tools of other ecosystems: their scripts publish elsewhere. */
const OTHER_ECOSYSTEMS = new Set([
  'python', 'python3', 'pip', 'pip3', 'poetry', 'uv', 'twine', 'ruby', 'bundle', 'gem', 'go', 'goreleaser', 'cargo',
  'dotnet', 'mvn', 'gradle', './gradlew', 'gradlew', 'java', 'docker', 'podman', 'helm', 'kubectl', 'terraform',
  'aws', 'gcloud', 'az', 'fastlane', 'xcodebuild', 'swift', 'php', 'composer', 'mix', 'dart', 'flutter', 'deno',
]);

/**
 * The words of a text, lower-case, split at anything that is not a letter or digit; with `camel`,
 * also between a lower-case letter and an upper-case one (`publishPrerelease.sh` → publish,
 * prerelease, sh: for the file a command runs, not for code, where `publishConfig` is no publish).
 * `${{ ... }}` expressions are left out: `${{ needs.release.outputs.pr }}` says nothing about the command.
 */
function tokens(text: string, camel = false): string[] {
  return (camel ? text.replace(/([a-z])(?=[A-Z])/g, '$1 ') : text)
    .replace(/\$\{\{[^}]*\}\}/g, ' ')
    // A shell variable's name says nothing about what the command does: `$DRY_RUN_ARG` is empty
    // unless a dry run was asked for (facebook/lexical), `$DOCS_DIR` may be anything.
    .replace(/\$\{?[A-Za-z_]\w*\}?/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** Words that make an unreadable command worth a second look (in a command, a step or job name, a script). */
export const PUBLISH_HINT = /publish|releas/i;

/**
 * Text that may hold a word naming an npm deploy (`pkg-npm-deploy`, `deploy-npm`, `deploy:npm`,
 * `deploy_to_npmjs`): in a command, it too makes the command worth a second look
 * (`namesNpmDeploy` decides). Not `npm run deploy`, not `pnpm deploy`.
 */
export const NPM_DEPLOY_HINT = /\bnpm(?:js)?[\W_]*deploy|deploy[\W_]*(?:to[\W_]*)?npm/i;

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
 * A command of another ecosystem's tool that does not name npm (`cargo publish`, `twine upload`):
 * it publishes elsewhere, even as a guess; `cargo xtask publish-npm` names npm and may not.
 */
export function isOtherEcosystemCommand(words: readonly string[]): boolean {
  const bin = words[0] ?? '';
  const name = bin.slice(bin.lastIndexOf('/') + 1).toLowerCase();
  if (RUNS_OWN_CODE.get(name)?.has(words[1] ?? '') && !runsPackage(words.slice(2))) return false;
  const other = OTHER_ECOSYSTEMS.has(bin.toLowerCase()) || OTHER_ECOSYSTEMS.has(name);
  return other && !namesNpm(words.slice(1));
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
 * A publish guessed from a script's name (`npm run publish` whose script tp-doctor cannot read) in
 * a step that says it goes elsewhere: the step's name names another destination (`Publish to VSCE
 * & OVSX`), or the step's own environment passes another registry's credential (`VSCE_PAT`,
 * `OVSX_TOKEN`: `OTHER_DESTINATION_CREDENTIALS`), and neither names npm nor passes an npm token.
 * Such a guess is no npm publish.
 */
export function guessGoesElsewhere(match: PublishMatch, stepName: string | undefined, envNames: readonly string[]): boolean {
  if (!SCRIPT_RUNNER_IDS.has(match.recognizer)) return false;
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
  /** A name around it (a CircleCI step's job): its words count like the name's, but never veto as the name's build words do. */
  outerName?: string;
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
  const nameNamesNpm = (nameWords.includes('npm') || nameWords.includes('npmjs')) && commandWords.some((w) => w === 'publish' || w === 'release' || w === 'releases');
  const commandNamesNpm = namesNpm(unread.words.slice(1)) || nameNamesNpm;
  const vetoes = (w: string): boolean => !optionWords.includes(w) || ownWords.includes(w) || nameWords.includes(w);
  if (!commandNamesNpm) for (const w of all) if (OTHER_DESTINATION_WORDS.has(w) && vetoes(w) && (w !== 'local' || localPublish(words, name))) return undefined;
  // A dry run publishes nothing, whatever it names (`publish.raku --target=npm --dry-run`, evilmartians/lefthook).
  if (ownWords.some((w, i) => w === 'dryrun' || (w === 'dry' && ownWords[i + 1] === 'run'))) return undefined;
  if (namesOtherWork(words, commandWords)) return undefined;
  const says = (word: string): boolean => commandWords.includes(word) || nameWords.includes(word);
  const mentionsNpm = all.has('npm') || all.has('npmjs');
  const publishWord = says('publish') || (input.deployNamesPublish === true && says('deploy') && mentionsNpm) || namesNpmDeploy(words);
  const vetoing = commandWords.filter((w) => NOT_A_RELEASE.has(w) && vetoes(w));
  if (!publishWord && vetoing.length > 0 && !releaseBuild(words, nameWords, vetoing)) return undefined;
  if (!publishWord && !says('deploy') && nameSaysBuild(input.name, words)) return undefined;
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

/** The words of a step's or job's name; a path in it (`Full release of packages/sdk/vercel`) names a package, not a destination. */
function nameTokens(name: string): string[] {
  return tokens(name.split(/\s+/).filter((w) => !w.includes('/')).join(' '));
}

/** "release" as a verb of a name: its first word, or after "and", "then", `&`, `,`, `+`, `;` ("Build and release", "Lint, test & release"). */
const NAME_RELEASES = /(?:^|\band\b|\bthen\b|[&,+;])\s*releases?\b/i;

/**
 * The name of what runs the command says it builds, compiles, prepares, packs or checks (a
 * `NOT_A_RELEASE` word: "Create npm-like builds of packages", "Verify build") while "release" is
 * the whole verb neither of the command nor of the name: no word of the command or of a script it
 * runs through is just `release` (`npm run release`, `./release.sh`, `scripts/release.mjs`), and
 * the name does not say release as a verb ("Build and release"; "Prepare release" does not). A
 * guess from words then stands on a name that says the step does something else.
 */
function nameSaysBuild(name: string | undefined, words: readonly string[]): boolean {
  if (name === undefined || !nameTokens(name).some((w) => NOT_A_RELEASE.has(w))) return false;
  if (NAME_RELEASES.test(name.trim())) return false;
  return !words.some((w) => {
    const file = w.slice(w.lastIndexOf('/') + 1).replace(/\.[a-z0-9]+$/i, '');
    const t = tokens(file);
    return t.length === 1 && (t[0] === 'release' || t[0] === 'releases');
  });
}

/**
 * `local` names a local registry when it qualifies the publish in one word (`publish:local`,
 * `release-local`, `local-publish`, a step "Publish local") or stands alone (`--local`); in a tool's name given a publish
 * subcommand (lerna-lite's `pnpm run local-lerna publish from-package`, its locally built CLI) it
 * does not.
 */
function localPublish(words: readonly string[], name: string | undefined): boolean {
  const qualifies = (text: string): boolean => {
    const t = tokens(text);
    // `--local` alone, or with the publish it qualifies.
    return t.includes('local') && (t.length === 1 || t.includes('publish') || t.includes('release') || t.includes('registry'));
  };
  return words.some(qualifies) || (name !== undefined && qualifies(name));
}

/** "release", "releases" or "publish". */
const releaseWordOf = (t: string): boolean => t === 'release' || t === 'releases' || t === 'publish';

/**
 * A build the step's name calls a release, which NOT_A_RELEASE does not veto: one word of the
 * command names both (`build:release`, `release-build`), no other vetoing word is there, and the
 * name says release or publish without a vetoing word of its own ("Release", not "Build for
 * release"). `build:release` mostly builds for a release (`napi build --release`, a production
 * bundle), but in a step named "Release" it may be the release: airbnb/visx's `yarn build:release`
 * runs a TypeScript file that runs `lerna publish`. The strong npm signal (or the name of npm) a
 * release word needs is still asked for after; a name alone or `id-token: write` alone is not enough.
 */
function releaseBuild(words: readonly string[], nameWords: readonly string[], vetoing: readonly string[]): boolean {
  if (vetoing.some((w) => w !== 'build')) return false;
  if (!nameWords.some(releaseWordOf) || nameWords.some((w) => NOT_A_RELEASE.has(w))) return false;
  return words.some((w) => {
    const t = tokens(w);
    return t.includes('build') && t.some(releaseWordOf);
  });
}

/** Verbs that, right before "publish" or "release", make a check of it (`check:publish-deps`). */
const CHECK_VERBS = new Set(['check', 'checks', 'verify', 'validate', 'lint', 'test', 'typecheck']);

/**
 * A check of the publish rather than the publish: a word of the command (`check:publish-deps`,
 * `verify-release`) or the step's name ("Check publish dependency specifiers") puts a check verb
 * right before "publish" or "release" (prisma/prisma). `build-and-publish` is not one.
 */
function checksPublish(words: readonly string[], name: string | undefined): boolean {
  const releases = (t: string | undefined): boolean => t === 'publish' || t === 'release' || t === 'releases';
  const adjacent = (t: readonly string[]): boolean => t.some((x, i) => CHECK_VERBS.has(x) && releases(t[i + 1]));
  // In a step name only at its start, before any list ("Lint, test & release" may release).
  const first = name?.trim().split(/[,&/]/)[0] ?? '';
  const nameTokens = tokens(first);
  return words.some((w) => adjacent(tokens(w))) || (CHECK_VERBS.has(nameTokens[0] ?? '') && releases(nameTokens[1]) && first.length === (name ?? '').trim().length);
}

/** The command's words say it pushes git tags: `push` with `tag` or `tags`. */
function pushesTags(words: readonly string[]): boolean {
  return words.includes('push') && (words.includes('tags') || words.includes('tag'));
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
