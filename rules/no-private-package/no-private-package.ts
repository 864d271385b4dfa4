import type { Publisher } from '../../src/config/types.js';
import { defineRule } from '../../src/engine/define-rule.js';
import type { CoveredPackage, ProjectFacts } from '../../src/model/facts.js';
import type { PublishSite } from '../../src/model/publish.js';
import { undecidedBesideFine } from '../../src/model/undecided-publish.js';
import { privateValueLabel } from '../../src/model/npm/package-json.js';
import { expressionMayDryRun } from '../../src/model/npm/script-index.js';
import { forwardsArguments } from '../../src/model/npm/value-targets.js';
import { splitCommands } from '../../src/model/npm/shell.js';
import { matchScriptRun } from '../../src/model/npm/script-runs.js';
import { commandBin } from '../../src/model/npm/command-words.js';
import { PUBLISH_LIFECYCLES } from '../../src/model/data/publish-tools.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

/** Recognisers that run `npm publish` on the package as it is (npm refuses a private one). */
const NPM_PUBLISH = new Set(['npm-publish', 'npm-stage-publish', 'js-devtools-npm-publish']);

export default defineRule({
  id: 'no-private-package',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'A package the trusted publisher covers, or a workflow publishes, is not `private: true`',
    // The publish is refused (EPRIVATE); private: true is a safety net, so nothing leaks (1.0).
    securitySeverity: 1.0,
    messages: {
      namedPrivate: {
        text: 'Package "{package}" is {marked}, but trusted publisher `{entry}` names it in `packages`',
        why: 'npm refuses to publish a private package (EPRIVATE), and workspace publishes (`npm publish --workspaces`, `pnpm -r publish`, changesets, lerna) skip it without a word, so the trusted publisher declared for it is never used',
        fix: 'Remove `"private"` from `{file}` if "{package}" is meant to be published; otherwise remove it from `{path}`',
      },
      publishedPrivate: {
        text: 'Package "{package}" is {marked}, but job "{job}" publishes it with `{command}`',
        why: 'npm refuses to publish a package marked private: the publish fails with EPRIVATE ("This package has been marked as private")',
        fix: 'Remove `"private"` from `{file}` (or set it to the boolean `false`), or publish the directory that holds the package to release (for example `npm publish dist`)',
      },
      publishedPrivateUnlessDryRun: {
        text: 'Package "{package}" is {marked}, but job "{job}" publishes it with `{command}`, unless `{expression}` expands to `--dry-run`',
        why: 'npm refuses to publish a package marked private: the publish fails with EPRIVATE ("This package has been marked as private"). `{expression}` is decided at run time, which tp-doctor cannot see: when it is `--dry-run`, npm only reports what it would publish; in every other run the publish fails',
        fix: 'Remove `"private"` from `{file}` (or set it to the boolean `false`), or publish the directory that holds the package to release (for example `npm publish dist`)',
        severity: 'warning',
      },
      publishedPrivateUnlessWorkspaces: {
        text: 'Package "{package}" is {marked}, and job "{job}" runs `{command}` with the arguments of its script (`{expression}`) at the repository root, which publishes that package unless the arguments select workspaces',
        why: 'npm refuses to publish a package marked private: the publish fails with EPRIVATE ("This package has been marked as private"). `{expression}` passes on the arguments the script is called with, which tp-doctor does not see: with `--workspaces` or `-w <workspace>` among them npm publishes the workspaces instead of the root; with none (or only options such as `--tag beta`) it publishes the private root and fails',
        fix: 'Pass `--workspaces` (or `-w <workspace>`) where the script is called, or remove `"private"` from `{file}` if the root package is the one to publish',
        severity: 'warning',
      },
      namedPrivateMaybeBuilt: {
        text: 'Package "{package}" is {marked} in `{file}`, and trusted publisher `{entry}` names it in `packages`; {reason}',
        why: 'If the committed package.json is the one published, npm refuses it (EPRIVATE) and workspace publishes skip it without a word. A build may instead write the manifest that is published (a `dist/package.json` without `private`), which tp-doctor does not run',
        fix: 'Make sure the package.json that is published has no truthy `"private"`; if "{package}" is not published, remove it from `{path}`',
        severity: 'warning',
      },
      onlyPrivate: {
        text: 'Trusted publisher `{entry}` covers only private packages: {packages}',
        why: 'Private packages are never published (npm refuses them with EPRIVATE and workspace publishes skip them), so this trusted publisher can never be used',
        fix: 'Remove `"private": true` from the packages meant to be published, or correct `{path}`',
        severity: 'warning',
      },
    },
  },
  hooks: {
    project(_project, ctx) {
      const packages = ctx.coverage();
      // A name a package that is not private also has (unovue/reka-ui: the private workspace root
      // and packages/core are both "reka-ui"): `packages` names the one that is published.
      const publicNames = new Set(packages.flatMap((p) => (p.private || p.name === undefined ? [] : [p.name])));
      ctx.publishers.forEach((publisher, index) => {
        if (publisher.inferred || !publisher.packages) return;
        const entry = `publishers[${index}]`;
        const path = `${entry}.packages`;
        const covered = packages.filter((p) => p.publishers.includes(publisher));
        for (const pkg of covered) {
          if (!pkg.private || !pkg.namedBy.includes(publisher) || (pkg.name !== undefined && publicNames.has(pkg.name))) continue;
          const data = { package: pkg.name ?? pkg.dir, marked: marked(pkg), entry, file: pkg.pkg.file, path };
          const related = publisher.fieldLocations['packages'] ? [{ at: publisher.fieldLocations['packages'], label: 'trusted publisher packages' }] : [];
          // A publish that may send a manifest the job writes (apollographql/apollo-client builds
          // `dist/package.json` without `private`): not certain.
          const sites = ctx.facts.sites.filter((site) => publishesFor(ctx.facts, site, publisher, pkg.dir));
          const rewrite = sites.map((site) => manifestRewrite(ctx.facts, site, pkg.dir)).find((r) => r !== undefined);
          if (rewrite) ctx.report({ messageId: 'namedPrivateMaybeBuilt', data: { ...data, reason: rewrite }, at: privateNode(pkg), atValue: true, related });
          else ctx.report({ messageId: 'namedPrivate', data, at: privateNode(pkg), atValue: true, related });
        }
        const at = publisher.fieldLocations['packages'];
        if (at && covered.length > 0 && covered.every((p) => p.private) && !covered.some((p) => p.namedBy.includes(publisher))) {
          const names = covered.map((p) => `"${p.name ?? p.dir}"`).join(', ');
          ctx.report({ messageId: 'onlyPrivate', data: { entry, packages: names, path }, at });
        }
      });

      const root = packages.find((p) => p.isRoot);
      // A GitHub publish an `if:` tp-doctor cannot evaluate chooses, beside one that publishes no private package (A.66).
      const besidePublic = undecidedBesideFine((job) => ctx.facts.trustedSites(job), (other) => privatePublished(ctx.facts, other, packages) === undefined);
      for (const site of ctx.facts.sites) {
        const { match } = site.publish;
        const job = site.provider === 'github' ? site.step.job.id : site.job.name;
        const related: { at: YNode | Location; label: string }[] = [{ at: site.publish.location, label: `publish command (${match.label})` }];
        const { certainty } = site;
        const forwarded = root?.private && root.publishers.length > 0 ? forwardedAtRoot(ctx.facts, site) : undefined;
        if (root && forwarded !== undefined) {
          const data = { package: root.name ?? 'package.json', marked: marked(root), job, command: match.label, file: root.pkg.file, expression: forwarded };
          ctx.report({ messageId: 'publishedPrivateUnlessWorkspaces', data, at: privateNode(root), atValue: true, related, certainty });
          continue;
        }
        const found = privatePublished(ctx.facts, site, packages);
        if (found === undefined) continue;
        const { pkg, unread } = found;
        // A program tp-doctor does not read may rewrite the manifest first: not certain (a warning at most).
        const data = { package: pkg.name ?? pkg.pkg.file, marked: marked(pkg), job, command: match.label, file: pkg.pkg.file };
        // `npm publish ${{ needs.configure.outputs.dry-run }}`: refused unless that is `--dry-run` (auth0/auth0-angular).
        const expression = match.args.find(expressionMayDryRun);
        // A program tp-doctor does not read may rewrite the manifest first: not certain (a warning at most).
        const beside = site.provider === 'github' ? besidePublic(site) : undefined;
        const sure = (unread || beside) && certainty === 'certain' ? 'likely' : certainty;
        if (beside) related.push(...beside.related);
        if (expression !== undefined) ctx.report({ messageId: 'publishedPrivateUnlessDryRun', data: { ...data, expression }, at: privateNode(pkg), atValue: true, related, certainty: sure });
        else ctx.report({ messageId: 'publishedPrivate', data, at: privateNode(pkg), atValue: true, related, certainty: sure });
      }
    },
  },
});

/** A workspace option among a publish's literal arguments (`-w`, `--workspace=…`, `--workspaces`, `--ws`). */
const WORKSPACE_OPTION = /^(?:-w|--workspaces?|--ws)(?:=|$)/;

/**
 * The word that passes a script's arguments on (`"$@"`, survey908b M2, Financial-Times/content-tree)
 * when `site` is `npm publish "$@"` run at the repository root with no literal workspace option,
 * on any provider, and nothing before it edits `private`: it publishes the root package unless
 * the arguments, which tp-doctor does not see, select workspaces.
 */
function forwardedAtRoot(facts: ProjectFacts, site: PublishSite): string | undefined {
  const { match } = site.publish;
  if (!NPM_PUBLISH.has(match.recognizer) || site.certainty === 'possible' || site.directory !== '') return undefined;
  const forwarded = match.args.find(forwardsArguments);
  if (forwarded === undefined || match.args.some((a) => WORKSPACE_OPTION.test(a))) return undefined;
  // The script called with literal arguments that select workspaces (`./publish.sh --workspaces`): they are seen.
  if (match.via.length > 0 && (splitCommands(match.text)[0]?.words ?? []).some((w) => WORKSPACE_OPTION.test(w.value))) return undefined;
  if (facts.textsBefore(site).some((t) => /\bprivate\b/.test(t.text))) return undefined;
  return forwarded;
}

/**
 * The private package a certain `npm publish` (any provider) sends as committed: the command
 * publishes the directory it runs in (the repository root, a `cd`, a `working-directory`, or a
 * directory argument naming it), that directory is one of the repository's packages, covered by a
 * publisher, whose package.json is private, and nothing before the publish (earlier steps or script
 * lines, the package.json scripts or shell scripts on its way) mentions `private`. Not a workspace
 * selection (`-w`, `yarn workspace … exec`, `pnpm --filter … exec`): its targets leave private
 * packages out, as npm skips them; not a directory outside every package (`npm publish dist`, a build
 * output the job may write): the committed manifest there may not be the one published.
 */
function privatePublished(facts: ProjectFacts, site: PublishSite, packages: readonly CoveredPackage[]): { pkg: CoveredPackage; unread: boolean } | undefined {
  const { match } = site.publish;
  if (!NPM_PUBLISH.has(match.recognizer) || site.certainty !== 'certain' || site.targets.kind !== 'single') return undefined;
  const dir = site.directory;
  if (dir === undefined || match.args.some((a) => WORKSPACE_OPTION.test(a)) || !site.targets.manifests?.some((m) => m.dir === dir)) return undefined;
  const pkg = packages.find((p) => p.dir === dir);
  if (!pkg?.private || pkg.publishers.length === 0) return undefined;
  // A command that rewrites `private` before publishing (`npm pkg delete private`, jq, sed).
  const texts = [...facts.textsBefore(site).map((t) => t.text), ...match.via.map((v) => v.command)];
  if (texts.some((t) => /\bprivate\b/.test(t))) return undefined;
  const lifecycle = lifecycleMayRewrite(pkg.pkg.scripts, match.args, (PUBLISH_LIFECYCLES[match.recognizer] ?? PUBLISH_LIFECYCLES['npm-publish'])?.before ?? []);
  if (lifecycle === 'rewrites') return undefined;
  return { pkg, unread: lifecycle === 'unread' || texts.some((t) => RUNS_PROGRAM.test(t)) };
}

/** A command that runs a program tp-doctor does not read (`node scripts/prepare.mjs`, `tsx x.ts`, `./bin/x`), which may edit a package.json. */
const RUNS_PROGRAM = /(?:^|[\s;&|(])(?:node|tsx|ts-node|bun|deno|zx|python3?|ruby|perl)\s+(?!-[ve]\b)[^\s;&|]+|(?:^|[\s;&|(])\.{1,2}\/[^\s;&|]+/;

/**
 * npm reads the manifest again after the package's own `prepublishOnly`, `prepack`, `prepare` and
 * `postpack` (PUBLISH_LIFECYCLES, src/model/data/publish-tools.ts) and refuses it only then, so one of
 * them that may rewrite package.json (names `private` or `package.json`, or runs a tool that writes
 * the manifest to publish: `clean-package`, `clean-publish`, `npm pkg`) may lift the refusal; the
 * scripts they run (`npm run x`, `yarn x`: `matchScriptRun`) are read too. Not with `--ignore-scripts`.
 */
function lifecycleMayRewrite(scripts: Readonly<Record<string, string>>, args: readonly string[], lifecycle: readonly string[]): 'rewrites' | 'unread' | undefined {
  if (args.includes('--ignore-scripts')) return undefined;
  let unread = false;
  const seen = new Set<string>();
  const pending = [...lifecycle];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const text = scripts[name];
    if (text === undefined || seen.has(name)) continue;
    seen.add(name);
    if (MAY_REWRITE_MANIFEST.test(text)) return 'rewrites';
    // A program it runs, or a script runner tp-doctor does not follow here (`run-s`, `npm-run-all`, `concurrently`).
    if (RUNS_PROGRAM.test(text) || /\b(?:run-[sp]|npm-run-all|concurrently)\b/.test(text)) unread = true;
    // The scripts it runs (`npm run build`, `yarn build`), read by the splitter and the script runners' table.
    for (const cmd of splitCommands(text)) {
      const words = cmd.words.map((w) => w.value);
      const run = words[0] === undefined ? undefined : matchScriptRun(words, commandBin(words[0]));
      const name = run === undefined ? undefined : words[run.nameIndex];
      if (name !== undefined) pending.push(name);
    }
  }
  return unread ? 'unread' : undefined;
}

/** A lifecycle script text that may rewrite the package.json npm publishes. */
const MAY_REWRITE_MANIFEST = /\bprivate\b|package\.json|\bclean-(?:package|publish)\b|\bnpm\s+pkg\s+(?:set|delete)\b/;

/** Commands that edit what a package.json says about being private or its workspaces. */
const REWRITES_MANIFEST = /\bnpm\s+pkg\s+(?:set|delete)\s+['"]?(?:private|workspaces)\b|\b(?:jq|sed)\s[^\n]*package\.json/;

/**
 * A publish that runs for `publisher` (GitHub: under its workflow; another provider: any of that
 * provider) and may publish the package at `dir`: its targets include it, or are not known.
 */
function publishesFor(facts: ProjectFacts, site: PublishSite, publisher: Publisher, dir: string): boolean {
  if (site.provider !== publisher.provider) return false;
  if (site.provider === 'github' && !facts.publishersForJob([publisher], site.step.job).includes(publisher)) return false;
  const { targets } = site;
  if (targets.kind === 'unknown') return targets.candidates.length === 0 || targets.candidates.some((c) => c.dir === dir);
  if (targets.kind === 'workspaces') return true;
  return (targets.manifests ?? []).length === 0 || targets.manifests!.some((m) => m.dir === dir);
}

/**
 * Why a publish may send a package.json other than the committed one of the package at `dir`, if it
 * may: it publishes a directory with no committed package.json (a build output such as `dist`, also
 * the package's `publishConfig.directory` under pnpm or lerna: `builtManifests`), or the job before it,
 * or a script on its way, edits manifests (`npm pkg set 'workspaces[0]'=dist`, `npm pkg delete
 * private`, `jq`/`sed` on a package.json).
 */
function manifestRewrite(facts: ProjectFacts, site: PublishSite, dir: string): string | undefined {
  const { match } = site.publish;
  const { targets } = site;
  const built = targets.builtManifests?.find((b) => b.dir === dir);
  if (built) return `\`${match.label}\` publishes the package.json in its \`publishConfig.directory\` ("${built.directory}"), which the job builds`;
  const unseen = targets.kind === 'unknown' ? targets.candidates.length === 0 : targets.kind === 'single' && (targets.manifests ?? []).length === 0;
  if (unseen) return `\`${match.label}\` publishes a directory with no committed package.json, which the job may build`;
  const scripts = facts.packageAt(site.directory ?? '')?.scripts ?? {};
  const texts = [...facts.textsBefore(site).map((t) => t.text), ...match.via.map((v) => scripts[v.script] ?? '')];
  return texts.some((t) => REWRITES_MANIFEST.test(t)) ? `a command before \`${match.label}\` edits package manifests, so the package.json that is published may be another` : undefined;
}

/** The package's `private` value as messages name it (`private: true`, or the string npm takes as true). */
function marked(pkg: CoveredPackage): string {
  return privateValueLabel(pkg.pkg.root.get('private')?.value);
}

function privateNode(pkg: CoveredPackage): YNode {
  return pkg.pkg.root.get('private') ?? pkg.pkg.root;
}
