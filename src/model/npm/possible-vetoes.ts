/**
 * The words that veto a possible publish (`possible-publish.ts`): a command or a name that says it
 * builds, checks or does other work around a release rather than the release, a check of the
 * publish, a push of git tags, a local registry. Split from `possible-publish.ts`, which decides.
 */
import type { UnreadCommand } from './publish-commands.js';

/**
 * Words of a command that say it builds or checks rather than publishes (unless it also says
 * "publish", or it is a build for a release run by a step named for one, `releaseBuild`); of the
 * step's own name too, unless "release" is the command's or the name's whole verb
 * (`nameSaysBuild`). `release:prepare-packages -- --compile-only` in a step "Create npm-like
 * builds of packages" prepares and compiles packages (ckeditor/ckeditor5-package-generator).
 */
export const NOT_A_RELEASE = new Set([
  'build', 'builds', 'building', 'test', 'tests', 'lint', 'check', 'verify', 'bench', 'benchmark', 'coverage', 'typecheck',
  'compile', 'compiles', 'compiling', 'prepare', 'prepares', 'preparing', 'pack', 'packs', 'packing',
  // what runs around a release, not the release (`handle-failed-release.sh`, `notify-release`)
  'failed', 'failure', 'notify', 'notification', 'rollback', 'cleanup', 'validate', 'validation',
]);

/**
 * The words of a text, lower-case, split at anything that is not a letter or digit; with `camel`,
 * also between a lower-case letter and an upper-case one (`publishPrerelease.sh` → publish,
 * prerelease, sh: for the file a command runs, not for code, where `publishConfig` is no publish).
 * `${{ ... }}` expressions are left out: `${{ needs.release.outputs.pr }}` says nothing about the command.
 */
export function tokens(text: string, camel = false): string[] {
  return (camel ? text.replace(/([a-z])(?=[A-Z])/g, '$1 ') : text)
    .replace(/\$\{\{[^}]*\}\}/g, ' ')
    // A shell variable's name says nothing about what the command does: `$DRY_RUN_ARG` is empty
    // unless a dry run was asked for (facebook/lexical), `$DOCS_DIR` may be anything.
    .replace(/\$\{?[A-Za-z_]\w*\}?/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** Words that say a command checks: it decides, it does not publish. */
const CHECKS = new Set([
  'check', 'checks', 'checking', 'verify', 'verifies', 'verifying', 'validate', 'validates', 'validating', 'validation',
  'lint', 'test', 'tests', 'typecheck',
  // an end-to-end check of what was released (`observe_release_facade.py`, `smoke-release.sh`, `e2e-release.mjs`)
  'observe', 'observes', 'smoke', 'e2e',
]);

/**
 * The command's own name says it checks (`CHECKS`): the file or tool it runs, its first argument
 * that is no option (`jiti scripts/check-package-scope.ts core`, `make verify`), an orb's or
 * parameter's name, or the name of a script on its way (`npm run check:scope`), each read by its
 * last path part, camelCase split. Later arguments and options (`--skip-checks`) are not read.
 */
export function checksItself(unread: UnreadCommand): boolean {
  const [first, ...rest] = unread.words;
  const arg = rest.find((w) => !w.startsWith('-') && !(unread.options ?? []).includes(w));
  const named = [first, arg, ...unread.via.map((v) => v.script)].filter((w): w is string => w !== undefined && !/\s/.test(w));
  return named.some((w) => tokens(w.slice(w.lastIndexOf('/') + 1), true).some((t) => CHECKS.has(t)));
}

/** The words of a step's or job's name; a path in it (`Full release of packages/sdk/vercel`) names a package, not a destination. */
export function nameTokens(name: string): string[] {
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
export function nameSaysBuild(name: string | undefined, words: readonly string[]): boolean {
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
export function localPublish(words: readonly string[], name: string | undefined): boolean {
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
export function releaseBuild(words: readonly string[], nameWords: readonly string[], vetoing: readonly string[]): boolean {
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
export function checksPublish(words: readonly string[], name: string | undefined): boolean {
  const releases = (t: string | undefined): boolean => t === 'publish' || t === 'release' || t === 'releases';
  const adjacent = (t: readonly string[]): boolean => t.some((x, i) => CHECK_VERBS.has(x) && releases(t[i + 1]));
  // In a step name only at its start, before any list ("Lint, test & release" may release).
  const first = name?.trim().split(/[,&/]/)[0] ?? '';
  const nameTokens = tokens(first);
  return words.some((w) => adjacent(tokens(w))) || (CHECK_VERBS.has(nameTokens[0] ?? '') && releases(nameTokens[1]) && first.length === (name ?? '').trim().length);
}

/** The command's words say it pushes git tags: `push` with `tag` or `tags`. */
export function pushesTags(words: readonly string[]): boolean {
  return words.includes('push') && (words.includes('tags') || words.includes('tag'));
}

/**
 * Options that only print a version or the usage: a command given nothing else runs no release.
 * Not the short forms: `./publish.sh -v` is as often verbose.
 */
const SMOKE_OPTIONS = new Set(['--version', '--help']);
/** Words before the program that run it (`npx`, `pnpm dlx`, `node <file>` is read below). */
const SMOKE_RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'pnpm', 'yarn', 'bun', 'npm', 'exec', 'dlx', 'x', 'run', 'node', 'deno', 'tsx']);

/**
 * The command only asks a program for its version or usage (`npx vibe-replay --version`, `node
 * bin/cli.js --help`): a smoke test of what was built or installed, never a publish, whatever the
 * step's name says (tuo-lei/vibe-replay's "Simulate npm install (catch broken releases before
 * merge)"). Runner words and their options before the program are left out, and an interpreter's
 * script file is the program.
 */
export function smokeTest(unread: UnreadCommand): boolean {
  const words = [...unread.words];
  while (words.length > 0 && (SMOKE_RUNNERS.has(words[0]!) || (words[0]!.startsWith('-') && !SMOKE_OPTIONS.has(words[0]!)))) words.shift();
  const args = words.slice(1);
  return words.length > 1 && args.every((w) => SMOKE_OPTIONS.has(w));
}

/** Words that say a script packs tarballs (`npm pack`), in a script's or file's name. */
const PACK_WORDS = new Set(['pack', 'packs', 'packing', 'tarball', 'tarballs']);

/**
 * The command is part of packing: the outermost script on its way, which names what the step runs,
 * is named for packing and not for publishing (`npm run release:pack`, `npm run pack:prepare`
 * running `./scripts/local-pack.sh`, `pack-release.sh`: Qredence/fleet-prime-agent, Redocly/redocly-cli),
 * and the command's own name (its program, or its first argument that is no option and no quoted
 * text) does not say publish in a word of its own (`./scripts/publish.sh` does;
 * `prepare-publish-dir.mjs`, which prepares, does not). It makes tarballs; a publish of
 * them would be a command tp-doctor reads (`npm publish x.tgz`).
 */
export function packingChain(unread: UnreadCommand): boolean {
  const outer = unread.via[0]?.script;
  if (outer === undefined) return false;
  const named = tokens(outer.slice(outer.lastIndexOf('/') + 1), true);
  if (!named.some((t) => PACK_WORDS.has(t)) || named.includes('publish') || named.includes('deploy')) return false;
  const [first, ...rest] = unread.words;
  const arg = rest.find((w) => !w.startsWith('-'));
  // A quoted text with spaces (`node -e "require('fs').rmSync('.publish', …)"`) is code, not a name.
  return ![first, arg].some((w) => {
    if (w === undefined || /\s/.test(w)) return false;
    const t = tokens(w.slice(w.lastIndexOf('/') + 1), true);
    return t.includes('publish') && !t.some((x) => NOT_A_RELEASE.has(x));
  });
}
