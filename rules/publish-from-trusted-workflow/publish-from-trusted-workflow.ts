import type { GithubPublisher } from '../../src/config/types.js';
import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import type { EntryChain } from '../../src/model/github/call-graph.js';
import type { Job, Workflow } from '../../src/model/github/types.js';
import type { Project } from '../../src/model/project.js';
import { leastCertain, type GithubSite } from '../../src/model/publish.js';
import type { Location } from '../../src/yaml/span.js';
import type { YNode } from '../../src/yaml/parse.js';
import { undecidedStepOrJobIf } from '../../src/model/github/entry-events.js';
import type { FallbackJob } from '../../src/model/token-fallback.js';
import { rawStepDirectory, shellEnvEntries } from '../../src/model/github/steps.js';
import { selectingWords } from '../../src/model/npm/targets.js';
import { samePackagesFindings, sentName } from './same-packages.js';
import { describeSite, possibleSites, publishChains, publishEntries, reachesPublish } from './reach.js';
import { circlePipelinePairs, crossProviderPairs, publishGroups, PROVIDER_FILE, type CiProvider, type PublishGroup } from './cross-provider.js';

const MISMATCH = 'npm compares the file name of the top-level workflow of the run, exactly, with the one registered for the package';

const quoted = (names: Iterable<string>): string => [...names].map((n) => `"${n}"`).join(', ');

const rule = defineRule({
  id: 'publish-from-trusted-workflow',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'Every publish runs under the top-level workflow registered as trusted publisher',
    // A mismatch makes the trusted publish fail; several entry points widen who can start a
    // publish. Neither leaks a credential by itself: 3.0.
    securitySeverity: 3.0,
    messages: {
      wrongWorkflow: {
        text: 'Job "{job}" in "{file}" {publishes} to npm in runs of the top-level {entries}, but the trusted publisher names {declared}',
        why: `${MISMATCH}; a run of {entries} does not match, so the token exchange is refused and npm publish fails with E404 or ENEEDAUTH`,
        fix: 'Set `{path}` and the trusted publisher on npmjs.com to the workflow that starts the publish ({entries}), or move the publish into {declared}',
        refusedExchange: true,
      },
      callableOnly: {
        text: 'The trusted publisher names "{workflow}", which only runs through `workflow_call`; npm checks the top-level workflow that calls it ({callers})',
        why: `${MISMATCH}; in a reusable-workflow run that is the caller's file, never "{workflow}", so npm publish fails with E404 or ENEEDAUTH`,
        fix: 'Set `{path}` and the trusted publisher on npmjs.com to the calling workflow ({callers})',
        refusedExchange: true,
      },
      doesNotPublish: {
        text: 'The trusted publisher names "{workflow}", but no job in it or in the workflows it calls publishes to npm; the publish runs from {actual}',
        why: `${MISMATCH}; runs of {actual} do not match, so npm publish fails with E404 or ENEEDAUTH`,
        fix: 'Set `{path}` and the trusted publisher on npmjs.com to {actual}, or move the publish into "{workflow}"',
        refusedExchange: true,
      },
      neverRuns: {
        oidcOnly: false,
        text: 'Job "{job}" in "{file}" publishes to npm but its `if:` can never hold: a called workflow\'s `github.event_name` is the caller\'s event, never `workflow_call`',
        why: 'GitHub gives a called workflow its caller\'s `github` context, so `github.event_name` is the event that started the top-level workflow (`push`, `release`, ...), and no run has the event `workflow_call`: the job is skipped in every run and its {count} publish command(s) never run. tp-doctor checks no publish of this job',
        fix: 'Tell the runs apart by an input the callers pass (a run started by the workflow\'s own trigger has no inputs), or drop the condition from `jobs.{job}.if`',
        severity: 'warning',
      },
      noPublishFound: {
        text: 'The trusted publisher names "{workflow}", but tp-doctor recognises no publish command in it; {detail}',
        why: 'If "{workflow}" publishes in a way tp-doctor does not recognise (a custom script), the other checks do not cover that publish; if it does not publish, the trusted publisher matches no run that does',
        fix: 'Publish with `npm publish` (or another recognised tool) in "{workflow}", or set `{path}` and the trusted publisher on npmjs.com to the workflow that publishes',
        severity: 'warning',
      },
      // An info: since September 2026 a package can have up to 10 trusted publishers, so two
      // workflows publishing it is a supported setup that needs each one registered, which tp-doctor
      // cannot see. Only without a declaration: a declared publisher that leaves a workflow of the
      // group out is `wrongWorkflow` (an error at that workflow's publish), one that names each is
      // publisher-config-valid's `duplicatePublisher` (an info).
      samePackages: {
        text: '{workflows} publish {what}; the token exchange of a run is refused unless its own workflow is registered as a trusted publisher of {target}, so each of them must be registered (npm allows up to 10 per package)',
        why: `${MISMATCH}; npm matches a run's top-level workflow against the trusted publishers of the package, each naming one workflow (a package has had one until September 2026, up to 10 since, npm/documentation#2034; tp-doctor cannot see what is registered): in a run of a workflow that is not registered for the package the token exchange is refused, and the publish ends in E404 or ENEEDAUTH (or keeps depending on a long-lived token)`,
        fix: 'Register each of {workflows} as a trusted publisher of {target} on npmjs.com (or with `npm trust`), or publish {what} from one workflow only, which the others start instead (`workflow_run`, `workflow_dispatch`): calling it with `uses:` does not help, since npm checks the calling, top-level workflow; declaring them in tp-doctor.yml lets tp-doctor check each',
        severity: 'info',
      },
      crossProvider: {
        text: '{files} publish {what}; a trusted publisher names one CI provider, so the runs of a provider not registered for the package cannot publish it with trusted publishing',
        why: 'A trusted publisher names one provider (a GitHub workflow, a GitLab CI file or a CircleCI pipeline), and a package has had one trusted publisher until September 2026 (up to 10 since, npm/documentation#2034, each registered on its own): the token exchange of a provider with no publisher registered for the package is refused, and its publish ends in E404 or ENEEDAUTH (or keeps depending on a long-lived token)',
        fix: 'Publish {what} from one provider only (remove the other publishes), or register a trusted publisher for each of {files}, or keep the one that is not registered on a token on purpose and say so with a suppression comment',
        severity: 'warning',
      },
      samePipelines: {
        text: 'CircleCI configurations {files} publish {what}; each is a pipeline of its own, and a CircleCI trusted publisher names one pipeline definition, so the runs of a pipeline not registered for the package cannot publish it with trusted publishing',
        why: 'A CircleCI pipeline definition runs one configuration file, and the token exchange compares its pipeline definition ID with the one registered for the package; a package has had one trusted publisher until September 2026 (up to 10 since, each registered on its own): the runs of the other pipeline are refused, and their publish ends in E404 or ENEEDAUTH (or keeps depending on a long-lived token)',
        fix: 'Publish {what} from one pipeline configuration (or continue one from the other with a setup configuration), or keep the others on a token on purpose and say so with a suppression comment; where npm offers several trusted publishers for a package, register one for each pipeline definition',
        severity: 'warning',
      },
      severalEntries: {
        text: 'Job "{job}" in "{file}" {publishes} to npm from {count} top-level workflows ({entries}); a trusted publisher names one workflow, so the runs of the others match it only if each is registered too',
        why: `${MISMATCH}, and a package has one trusted publisher (unless npm offers several for it, each naming one workflow): runs started from {failing} fail with E404 or ENEEDAUTH`,
        fix: 'Let only the registered workflow reach this job: remove the `uses:` that call it from the other workflows, or move the publish into its own workflow; where npm offers several trusted publishers for a package (its documentation describes up to 10 since September 2026), register one for each top-level workflow',
        severity: 'warning',
        failsUnlessToken: true,
        refusedExchange: true,
      },
    },
  },
  hooks: {
    project(project, ctx) {
      const byName = new Map(project.workflows.map((w) => [w.fileName, w]));
      // Declared GitHub publishers with a workflow that exists (a missing one is trusted-workflow-exists').
      const declared: Declared[] = [];
      ctx.publishers.forEach((p, index) => {
        if (p.provider !== 'github' || p.inferred || p.workflow === undefined || !byName.has(p.workflow)) return;
        declared.push({ publisher: p, workflow: p.workflow, path: `publishers[${index}].workflow` });
      });
      const related = declared.flatMap((d) => {
        const at = configAt(d);
        return at ? [{ at, label: `trusted publisher workflow "${d.workflow}"` }] : [];
      });
      const publishing = ctx.facts.publishingJobs;
      const publishingEntries = new Set(publishing.flatMap((j) => publishEntries(j, project.callGraph, ctx.facts)));

      for (const d of declared) checkDeclared(project, ctx, d, byName.get(d.workflow)!, publishingEntries);
      // A job whose `if:` no run satisfies publishes nothing (`Job.unrun`): say so, since every other check leaves it out.
      for (const job of project.workflows.flatMap((w) => w.jobs)) {
        if (!job.unrun) continue;
        const data = { job: job.id, file: job.workflow.fileName, count: job.unrun.publishes };
        ctx.report({ messageId: 'neverRuns', data, at: job.unrun.condition, atValue: true });
      }

      const names = new Set(declared.map((d) => d.workflow));
      for (const job of publishing) checkEntries(project, ctx, job, declared, names, related);
      if (declared.length === 0) samePackages(project, ctx, ctx.facts.sites.filter((s): s is GithubSite => s.provider === 'github' && s.registry.registry !== 'other'));
      crossProvider(project, ctx, declared.length > 0);
      samePipelines(project, ctx);
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/** A declared GitHub publisher whose workflow exists. */
interface Declared {
  publisher: GithubPublisher;
  workflow: string;
  path: string;
}

const githubRef = (job: Job): FallbackJob => ({ kind: 'github', job });

function configAt(d: Declared): Location | undefined {
  return d.publisher.fieldLocations.workflow ?? d.publisher.location;
}

/** The declared workflow can start a run (not `workflow_call` only) and reaches a publish. */
function checkDeclared(project: Project, ctx: Ctx, d: Declared, wf: Workflow, publishingEntries: ReadonlySet<string>): void {
  const at = configAt(d);
  if (!at) return;
  const where = [{ at: wf.onNode ?? wf.root, label: `"${d.workflow}"` }];
  if (wf.callableOnly) {
    const callers = quoted(new Set(project.callGraph.entryChains(wf).map((c) => c.entry.fileName))) || 'none in this repository';
    // Its publishing jobs: their runs publish with a token they still give the publish (`refusedExchange`).
    const tokenFrom = [...project.callGraph.reachable(wf)].flatMap((w) => ctx.facts.publishingJobs.filter((j) => j.workflow === w)).map(githubRef);
    ctx.report({ messageId: 'callableOnly', data: { workflow: d.workflow, callers, path: d.path }, at, related: where, tokenFrom });
  } else if (!reachesPublish(wf, project.callGraph, ctx.facts) && ![...project.callGraph.reachable(wf)].some((w) => w.jobs.some((j) => j.unrun))) {
    // A job of it whose `if:` no run satisfies is the `neverRuns` finding's.
    const actual = quoted([...publishingEntries].filter((e) => e !== d.workflow).sort());
    const possible = possibleSites(wf, project.callGraph, ctx.facts);
    if (actual && possible.length === 0) {
      const tokenFrom = ctx.facts.publishingJobs.filter((j) => publishEntries(j, project.callGraph, ctx.facts).some((e) => e !== d.workflow)).map(githubRef);
      ctx.report({ messageId: 'doesNotPublish', data: { workflow: d.workflow, actual, path: d.path }, at, related: where, tokenFrom });
    } else {
      const guess = possible.length === 0 ? '' : `${describeSite(possible[0]!)} may publish through something tp-doctor cannot read`;
      const others = actual ? `recognised publishes run from ${actual}` : 'no other workflow publishes either';
      const detail = [guess, others].filter(Boolean).join('; ');
      const related = possible.length === 0 ? where : [...where, { at: possible[0]!.publish.location, label: 'possible publish' }];
      // A possible publish in the declared workflow is probably the one: then only an info.
      const certainty = possible.length > 0 ? 'possible' : undefined;
      ctx.report({ messageId: 'noPublishFound', data: { workflow: d.workflow, detail, path: d.path }, at, related, ...(certainty ? { certainty } : {}) });
    }
  }
}

/** Per run (its facts): the first publish a run of a declared workflow reaches, by the declared names. */
const declaredPublish = new WeakMap<object, Map<string, GithubSite | null>>();

/**
 * When every publish of `job` runs under an `if:` tp-doctor cannot evaluate (the step's, or the
 * job's: `undecidedStepOrJobIf`) and a run of a declared workflow reaches a publish, that `if:` is
 * what keeps a legacy or canary path from running: the related locations that say so (A.66).
 */
function besideDeclared(project: Project, ctx: Ctx, job: Job, names: ReadonlySet<string>): { at: YNode | Location; label: string }[] | undefined {
  const conditions = ctx.facts.trustedSites(job).map((site) => undecidedStepOrJobIf(job, site.step));
  if (conditions.length === 0 || conditions.some((c) => c === undefined)) return undefined;
  let known = declaredPublish.get(ctx.facts);
  if (!known) declaredPublish.set(ctx.facts, (known = new Map()));
  const key = [...names].sort().join('\0');
  if (!known.has(key)) {
    const other = ctx.facts.publishingJobs.find((j) => publishChains(j, project.callGraph, ctx.facts).some((c) => names.has(c.entry.fileName)));
    known.set(key, (other && ctx.facts.trustedSites(other)[0]) ?? null);
  }
  const other = known.get(key);
  if (!other) return undefined;
  const first = conditions[0]!;
  return [
    { at: first.at, label: `the ${first.of}'s \`if:\`, which tp-doctor cannot evaluate, decides whether this publish runs` },
    { at: other.publish.location, label: `job "${other.job.id}" of "${other.job.workflow.fileName}", the declared workflow, also publishes` },
  ];
}

/** Every top-level workflow that reaches a publishing job is the declared one (or, undeclared, there is only one). */
function checkEntries(
  project: Project,
  ctx: Ctx,
  job: Job,
  declared: readonly Declared[],
  names: ReadonlySet<string>,
  related: { at: Location; label: string }[],
): void {
  // Only the entries whose runs can get past the `if:` conditions on the way (`publishChains`).
  const chains = publishChains(job, project.callGraph, ctx.facts);
  const entries = [...new Set(chains.map((c) => c.entry.fileName))].sort();
  const command = ctx.facts.trustedSites(job)[0]?.publish.location;
  if (!command || entries.length === 0) return;
  const certainty = ctx.facts.jobCertainty(job);
  const base = { job: job.id, file: job.workflow.fileName, publishes: ctx.facts.verb(job), entries: quoted(entries) };
  const failing = entries.filter((e) => !names.has(e));
  if (declared.length > 0 && failing.length === entries.length) {
    // The declared file is a callee in the chain: `callableOnly` already reports it at the config.
    if (chains.some((c) => [...c.callers, job].some((j) => names.has(j.workflow.fileName)))) return;
    const data = { ...base, declared: quoted(names), path: declared[0]!.path };
    // Every publish of the job under an `if:` tp-doctor cannot evaluate, while the declared workflow publishes: the `if:` chooses (A.66).
    const beside = besideDeclared(project, ctx, job, names);
    ctx.report({ messageId: 'wrongWorkflow', data, at: command, related: [...related, ...(beside ?? [])], certainty: beside ? leastCertain([certainty ?? 'certain', 'likely']) : certainty });
  } else if (entries.length > 1 && failing.length > 0) {
    // Undeclared, a publish whose package each caller chooses may match one publisher per package.
    if (declared.length === 0 && callersChooseThePackage(ctx.facts.trustedSites(job), chains)) return;
    const data = { ...base, count: entries.length, failing: declared.length > 0 ? quoted(failing) : 'every workflow but the registered one' };
    ctx.report({ messageId: 'severalEntries', data, at: command, related, certainty });
  }
}

/**
 * The publishes of a reusable workflow take their package from the caller (`npm publish
 * napi/${{ inputs.name }}`, or `pnpm publish ${package_path}` with `env: package_path:
 * napi/${{ inputs.name }}`: tp-doctor cannot name it; or `working-directory: ${{ inputs.path }}`,
 * read per caller: `PublishTargets.byCallers`) and every top-level workflow passes other
 * literal values for those inputs: each run may publish another package, registered with its own
 * trusted publisher (oxc's `reusable_release_napi.yml`, called once per package).
 */
function callersChooseThePackage(sites: readonly GithubSite[], chains: readonly EntryChain[]): boolean {
  // Packages read per caller (`byCallers`) are the same case with the packages named.
  if (sites.length === 0 || sites.some((s) => s.targets.kind !== 'unknown' && s.targets.byCallers !== true)) return false;
  // Only inputs where the package is chosen: the directory, `-w`/`--filter`, a `cd` before the
  // publish, `working-directory`, an action's `package` (not `--tag ${{ inputs.tag }}`).
  // A word of the step's own command may read an `env:` variable (`pnpm publish ${package_path}`
  // under `package_path: napi/${{ inputs.name }}`); a word of a script it runs is not looked into.
  const names = new Set<string>();
  for (const s of sites) {
    const inStep = s.step.run !== undefined && s.publish.viaAction === undefined;
    const before = inStep ? s.step.run!.text.slice(0, s.publish.match.offset) : '';
    const words = selectingWords(s.publish.match, before);
    const fromEnv = inStep && s.publish.match.via.length === 0 ? words.flatMap((w) => shellEnvEntries(s.step, w, before).map((e) => e.value)) : [];
    const texts = [...words, ...fromEnv, rawStepDirectory(s.step), s.step.with.get('package')?.text];
    for (const text of texts) for (const m of (text ?? '').matchAll(INPUT_REF)) names.add((m[1] ?? m[2])!);
  }
  if (names.size === 0) return false;
  const byEntry = new Map<string, string>();
  for (const chain of chains) {
    const caller = chain.callers.at(-1);
    if (!caller) return false;
    const values = [...names].map((name) => caller.with.get(name)?.text);
    // A value the caller computes, or leaves to the default, may be anything: no claim.
    if (values.some((v) => v === undefined || v.includes('${{'))) return false;
    const key = JSON.stringify(values);
    const seen = byEntry.get(chain.entry.fileName);
    if (seen !== undefined && seen !== key) return false;
    byEntry.set(chain.entry.fileName, key);
  }
  return new Set(byEntry.values()).size === byEntry.size;
}

/** `inputs.name` or `inputs['name']`, not `github.event.inputs.name`. */
const INPUT_REF = /(?<![\w.])inputs(?:\.([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g;

/** Without a declaration: top-level workflows that publish the same packages (./same-packages.ts). */
function samePackages(project: Project, ctx: Ctx, sites: GithubSite[]): void {
  for (const f of samePackagesFindings(project.callGraph, ctx.facts, sites)) {
    ctx.report({ messageId: 'samePackages', data: f.data, at: f.at, related: f.related, certainty: f.certainty });
  }
}

/**
 * Publishes of two CI providers (a GitHub workflow, a GitLab CI file, a CircleCI pipeline) that
 * publish the same packages: the one trusted publisher of a package names one provider, so the
 * other one's token exchange is refused. Reported at each side's first such publish, once per
 * file and other provider, naming the other's publish. Only providers without a declared
 * publisher take part: a declaration says which one is registered (two declarations covering one
 * package are publisher-config-valid's finding). Which one is registered, and whether the other
 * keeps a token on purpose, is unknown: a warning at most.
 */
function crossProvider(project: Project, ctx: Ctx, githubDeclared: boolean): void {
  const undeclared = new Set<CiProvider>();
  if (!githubDeclared) undeclared.add('github');
  if (!ctx.gitlabPublishers.some((p) => !p.inferred)) undeclared.add('gitlab');
  if (!ctx.circleciPublishers.some((p) => !p.inferred)) undeclared.add('circleci');
  for (const group of publishGroups(crossProviderPairs(ctx.facts, project.callGraph, undeclared))) {
    const { first, others } = group;
    const files = listed([first, ...others].map((p) => `${PROVIDER_FILE[p.site.provider]} "${p.file}"`));
    ctx.report({
      messageId: 'crossProvider',
      data: { files, what: groupWhat(group) },
      at: first.site.publish.location,
      related: others.map((p) => ({ at: p.site.publish.location, label: `publish in the ${PROVIDER_FILE[p.site.provider]} "${p.file}"` })),
      certainty: leastCertain(group.pairs.flatMap((p) => [p.a.site.certainty, p.b.site.certainty])),
    });
  }
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** How a finding names the packages a group's publishes share: every pair's, or "the same packages" when one pair's are unknown. */
function groupWhat(group: PublishGroup): string {
  if (group.pairs.some((p) => p.shared.length === 0)) return 'the same packages';
  const names = [...new Set(group.pairs.flatMap((p) => p.shared.flatMap((x) => (x.name === undefined ? [] : [`"${sentName(p.a.site, x.name)}"`]))))];
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return names.length === 0 ? 'the same packages' : names.length === 1 ? `package ${names[0]}` : `packages ${names.slice(0, 3).join(', ')}${more}`;
}

/**
 * Without a declared CircleCI publisher: two CircleCI pipeline configurations (`.circleci/config.yml`
 * and another file a pipeline definition may run, `CircleConfig.discovered`) that publish the same
 * packages. Which one is registered is unknown: a warning at most, `likely` when a pipeline may
 * not run the file.
 */
function samePipelines(project: Project, ctx: Ctx): void {
  if (ctx.circleciPublishers.some((p) => !p.inferred)) return;
  for (const group of publishGroups(circlePipelinePairs(ctx.facts, project.callGraph))) {
    const { first, others } = group;
    ctx.report({
      messageId: 'samePipelines',
      data: { files: listed([first, ...others].map((p) => `"${p.file}"`)), what: groupWhat(group) },
      at: first.site.publish.location,
      related: others.map((p) => ({ at: p.site.publish.location, label: `publish in the CircleCI configuration "${p.file}"` })),
      certainty: leastCertain(group.pairs.flatMap((p) => [p.a.site.certainty, p.b.site.certainty])),
    });
  }
}
