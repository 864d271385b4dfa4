/**
 * The project facts: every fact a rule may ask for about the repository, computed once on first
 * use and kept for the run. Rules read these facts, never the file system: after the project is
 * loaded, only this class reads files (`.npmrc` and its templates, nested `package.json`, actions,
 * tool and Node version files, lockfiles: `RepoFiles` in ./repo-files.ts, which it extends).
 */
import type { YNode } from '../yaml/parse.js';
import type { Publisher } from './core/publishers.js';
import type { Job, RunsOn } from './github/types.js';
import { githubSites } from './github/sites.js';
import { callerEnvironments, type CallerEnvironment } from './github/job-environment.js';
import { callerRunsOn } from './github/caller-runners.js';
import type { PublishCommand, SiteContext } from './npm/publish-site.js';
import { changesetsRunOf } from './npm/changesets.js';
import type { NpmrcSwaps } from './npm/npmrc-swaps.js';
import { gitlabSites, textsBefore as gitlabTextsBefore } from './gitlab/sites.js';
import { circleJobInstances } from './circleci/config.js';
import { circleSites, circleTextsBefore } from './circleci/sites.js';
import { hasCirclePublisher } from './circleci/facts.js';
import { npmIdToken, sameCiFile } from './gitlab/jobs.js';
import type { CircleConfig, CircleJob } from './circleci/types.js';
import { publishingView, viewsBefore } from './github/step-views.js';
import { passesOwnToken, unreadCredential } from './own-token.js';
import type { TextBefore } from './npm/tool-versions.js';
import { toolRunsOf, type ToolRuns } from './npm/npm-cli.js';
import type { GitlabJob, GitlabPipeline } from './gitlab/types.js';
import { readsNpmCliConfig, registrySubjects } from './npm/registry.js';
import { normalizeRepositoryUrl } from './npm/repository-url.js';
import { collectProvenanceSwitches, ownShellOf, switchesFor, type ProvenanceSwitch } from './provenance.js';
import type { WorkspacePackage } from './npm/workspaces.js';
import { coverPackages, type CoveredPackage } from './coverage.js';
import { renamesMemo, type RenamesByJob } from './npm/renames-memo.js';
import { publishesOverlap } from './overlap.js';
import type { PackageJsonProblem } from './npm/package-json.js';
import { leastCertain, mayGoToNpmjs, mostCertain, publishVerbOf, type Certainty, type CircleciSite, type GithubSite, type GitlabSite, type PublishSite } from './publish.js';
import { RepoFiles } from './repo-files.js';
import { GitlabJobFacts } from './gitlab/job-facts.js';
import { CircleJobFacts } from './circleci/job-facts.js';

/** A package with the publishers that cover it. */
export type { CoveredPackage } from './coverage.js';
export { hasGlobChars } from './coverage.js';

type JobRef = Job | GitlabJob | CircleJob;

/**
 * The facts of one loaded project. Lazily computed; never recomputed within a run. The file facts
 * are in `RepoFiles` (./repo-files.ts); the per-job answers of GitLab and CircleCI jobs in
 * `gitlab` and `circleci` (./gitlab/job-facts.ts, ./circleci/job-facts.ts).
 */
export class ProjectFacts extends RepoFiles {
  /** Per-run facts of GitLab jobs: script lines of publishes, the job's Node and npm. */
  readonly gitlab = new GitlabJobFacts({ versionFile: (file) => this.nodeVersionFile(file), exists: (file) => this.exists(file) });
  /** Per-run facts of CircleCI job instances: the step of a publish, the job's Node and npm, `NPM_ID_TOKEN`. */
  readonly circleci = new CircleJobFacts((file) => this.shellScript(file));

  /**
   * Why a package.json tp-doctor read cannot be used as npm would use it: every package.json read
   * so far, the root, the workspace packages and the directories publish commands run in (those
   * are read first, so the list does not depend on which rule asked first).
   */
  get packageJsonProblems(): readonly PackageJsonProblem[] {
    void this.packages;
    void this.sites;
    return this.pkgProblems;
  }

  // -------------------------------------------------------------------------------------------
  // Publish sites

  private get siteContext(): SiteContext {
    return this.once('siteContext', () => ({
      discovery: this.packages,
      packageAt: (dir: string) => this.packageAt(dir),
      list: (dir: string) => this.list(dir),
      readAction: (dir: string) => this.action(dir),
      npmrc: (dir: string, key: string, npmCli?: boolean, swaps?: NpmrcSwaps) => this.npmrcSetting(dir, key, npmCli, swaps),
      npmrcDirs: (dir: string, npmCli: boolean) => this.projectNpmrcDirs(dir, npmCli),
      yarnrc: (key: string) => this.yarnrcSetting(key),
      userConfigExists: (file: string) => this.userConfigExists(file),
      userConfigSetting: (file: string, key: string) => this.userConfigSetting(file, key),
      npmrcTemplate: (file: string) => this.npmrcTemplate(file),
      scopeHint: this.scopeHint,
      owner: this.githubOwner,
      packageManager: this.packageManager,
      toolConfigFiles: this.toolConfigFiles,
      changesetsRuns: (publish: PublishCommand, dir: string, before: readonly string[]) =>
        changesetsRunOf(this.p, publish, () => before.map((text) => ({ text, locate: () => publish.location })), dir)?.runs,
    }));
  }

  /** The GitHub owner of the repository: the git remote's, else the root package's `repository`. */
  get githubOwner(): string | undefined {
    return this.once('owner', () => {
      const remote = this.p.gitRemote;
      if (remote?.host === 'github.com') return remote.path.split('/')[0];
      const url = this.p.packageJson?.repository?.url;
      const ref = url === undefined ? undefined : normalizeRepositoryUrl(url);
      return ref?.host === 'github.com' ? ref.path.split('/')[0] : undefined;
    });
  }

  private get sitesByJob(): Map<JobRef, PublishSite[]> {
    return this.once('sitesByJob', () => {
      const map = new Map<JobRef, PublishSite[]>();
      for (const wf of this.p.workflows) for (const job of wf.jobs) map.set(job, githubSites(this.siteContext, job, this.p.callGraph));
      for (const pipeline of this.p.gitlab) for (const job of pipeline.jobs) map.set(job, gitlabSites(this.siteContext, this.gitlab, pipeline, job));
      for (const config of this.p.circleci) for (const job of circleJobInstances(config)) map.set(job, circleSites(this.siteContext, this.circleci, config, job));
      return map;
    });
  }

  /** Every publish command of the repository (GitHub workflows, GitLab pipelines, CircleCI configurations), in order. */
  get sites(): PublishSite[] {
    return this.once('sites', () => [...this.sitesByJob.values()].flat());
  }

  /** The publish sites of one job, in order, whatever their registry. */
  jobSites(job: Job): GithubSite[];
  jobSites(job: GitlabJob): GitlabSite[];
  jobSites(job: CircleJob): CircleciSite[];
  jobSites(job: JobRef): PublishSite[] {
    return this.sitesOf(job);
  }

  /** A job's sites: from the map of every job; while workflows stream, a GitHub job's own (its steps' publishes), read once for its rules' many asks. */
  private sitesOf(job: JobRef): PublishSite[] {
    if (!this.streaming || !('workflow' in job)) return this.sitesByJob.get(job) ?? [];
    const sites = this.streamedSites.get(job) ?? githubSites(this.siteContext, job);
    this.streamedSites.set(job, sites);
    return sites;
  }
  private readonly streamedSites = new WeakMap<Job, GithubSite[]>();

  /** The publish sites of a job that may be trusted publishes (registry.npmjs.org, or unknown). */
  trustedSites(job: Job): GithubSite[];
  trustedSites(job: GitlabJob): GitlabSite[];
  trustedSites(job: CircleJob): CircleciSite[];
  trustedSites(job: JobRef): PublishSite[] {
    return this.sitesOf(job).filter(mayGoToNpmjs);
  }

  /** True when the job publishes, or may publish, to registry.npmjs.org. */
  isPublishingJob(job: JobRef): boolean {
    return this.sitesOf(job).some(mayGoToNpmjs);
  }

  /**
   * The most certain of the job's trusted-publish sites; undefined for a job that does not publish.
   * Read once per list of sites: rules ask for it per script line or publish, and a job of
   * thousands of publishes looked at all of them again for each.
   */
  jobCertainty(job: JobRef): Certainty | undefined {
    const sites = this.sitesOf(job);
    if (this.certainties.has(sites)) return this.certainties.get(sites);
    const certainty = mostCertain(sites.filter(mayGoToNpmjs).map((s) => s.certainty));
    this.certainties.set(sites, certainty);
    return certainty;
  }
  private readonly certainties = new WeakMap<readonly PublishSite[], Certainty | undefined>();

  /** "publishes", "appears to publish" or "may publish", for headlines. */
  verb(job: JobRef): 'publishes' | 'appears to publish' | 'may publish' {
    return publishVerbOf(this.jobCertainty(job) ?? 'possible');
  }

  /** The GitHub jobs that may publish to npmjs, in workflow order. */
  get publishingJobs(): Job[] {
    return this.once('publishingJobs', () => this.p.workflows.flatMap((w) => w.jobs).filter((j) => this.isPublishingJob(j)));
  }

  /** The GitLab jobs of a pipeline that may publish to npmjs. */
  publishingGitlabJobs(pipeline: GitlabPipeline): GitlabJob[] {
    return pipeline.jobs.filter((j) => j.kind === 'job' && this.isPublishingJob(j));
  }

  /**
   * The job instances of a CircleCI configuration that may publish to npmjs: one per workflow
   * invocation and matrix combination, and the definitions no workflow runs.
   */
  publishingCircleJobs(config: CircleConfig): CircleJob[] {
    return circleJobInstances(config).filter((j) => this.isPublishingJob(j));
  }

  // -------------------------------------------------------------------------------------------
  // Packages and publishers

  /**
   * True when a site publishes `pkg`, or may: its targets are unknown, the package is one of their
   * candidates, and the publish itself is certain (a guessed publish with unknown targets says
   * nothing about any package).
   */
  publishes(site: PublishSite, pkg: WorkspacePackage): boolean {
    if (site.targets.kind === 'unknown') return site.certainty === 'certain' && site.targets.candidates.some((p) => p.dir === pkg.dir);
    return site.targets.packages.some((p) => p.dir === pkg.dir);
  }

  /** True when any publish command, however guessed, lists the package as a target or a candidate. */
  mayBePublished(pkg: WorkspacePackage): boolean {
    return this.sites.some((s) => mayGoToNpmjs(s) && (s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages).some((p) => p.dir === pkg.dir));
  }

  /** The sites that publish (or may publish) a package, to npmjs or possibly so. */
  sitesPublishing(pkg: WorkspacePackage): PublishSite[] {
    return this.sites.filter((s) => mayGoToNpmjs(s) && s.packageRegistries.get(pkg.dir)?.registry !== 'other' && this.publishes(s, pkg));
  }

  /**
   * The packages publishes name outside the discovered ones (`npm publish dist` with a committed
   * `dist/package.json`, napi's platform packages under `npm/`), by directory: covered and checked
   * like the others.
   */
  get publishedElsewhere(): WorkspacePackage[] {
    return this.once('publishedElsewhere', () => {
      const known = new Set(this.packages.packages.map((p) => p.dir));
      const found = new Map<string, WorkspacePackage>();
      for (const site of this.sites) {
        if (!mayGoToNpmjs(site) || site.targets.kind === 'unknown') continue;
        for (const p of site.targets.packages) if (!known.has(p.dir)) found.set(p.dir, p);
      }
      return [...found.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
    });
  }

  /** Every package (the discovered ones, then `publishedElsewhere`) with the publishers that cover it. Memoised per publisher list. */
  coverage(publishers: readonly Publisher[]): CoveredPackage[] {
    const key = 'coverage';
    const cached = this.memo.get(key) as { publishers: readonly Publisher[]; result: CoveredPackage[] } | undefined;
    if (cached && cached.publishers === publishers) return cached.result;
    const discovery = this.packages;
    const onlyOne = discovery.packages.length === 1 && !discovery.isMonorepo;
    const published = (wp: WorkspacePackage): boolean => this.sitesPublishing(wp).length > 0 || (onlyOne && this.sites.length === 0);
    const result = coverPackages([...discovery.packages, ...this.publishedElsewhere], publishers, published);
    this.memo.set(key, { publishers, result });
    return result;
  }

  /**
   * True when two publish commands publish the same package (./overlap.ts), and no command before
   * either one may rename the package it sends (`renamesBefore`): which package that is, tp-doctor
   * cannot say.
   */
  overlap(a: PublishSite, b: PublishSite): boolean {
    return publishesOverlap(a, b) && !this.renamesBefore(a) && !this.renamesBefore(b);
  }

  /**
   * True when a command that runs before the publish in its job (an earlier step or script line,
   * the publish's own line before it, or the package.json scripts it goes through) may change the
   * `name` of the package.json it sends (`npm pkg set name=...`, `sed -i 's/@acme/@acme-legacy/'
   * package.json`, a `jq` assigning `.name`: npm/manifest-edits.ts; also in a committed shell script
   * such a command runs, `renamesIn`): the package it publishes is then not known for sure (eden's
   * `publish-legacy.yml`, MetaMask's `./scripts/prepare-preview-builds.sh`).
   */
  renamesBefore(site: PublishSite): boolean {
    let found = this.renamed.get(site);
    if (found === undefined) {
      const { targets, publish } = site;
      const names = (targets.kind === 'unknown' ? targets.candidates : targets.packages).flatMap((p) => (p.name === undefined ? [] : [p.name]));
      const scripts = publish.match.via.length === 0 ? {} : (this.packageAt(site.directory ?? '')?.scripts ?? {});
      const texts: { text: string; whole?: string }[] = [...this.textsBefore(site), ...publish.match.via.map((v) => ({ text: scripts[v.script] ?? '' }))];
      // The committed scripts those commands run are read from the root, where a job's steps start.
      // The publish's own text before it is a start of its step's: what that step's text mentions,
      // read once (`cutTestsOf`), spares testing each start from its beginning (thousands of
      // publish lines in one step).
      // Each start walked from the whole text's commands, each whole text answered once per job and names (./npm/renames-memo.ts).
      const renames = renamesMemo(this.renamedInJob, site.job, names, (file) => this.shellScript(file));
      found = texts.some(renames);
      this.renamed.set(site, found);
    }
    return found;
  }

  private readonly renamed = new WeakMap<PublishSite, boolean>();
  /** `renamesBefore`'s answers for whole texts, and the walks of texts whose starts it asks about, per job and list of package names. */
  private readonly renamedInJob: RenamesByJob = new WeakMap();

  /** Every explicit provenance setting (flags, env, `.npmrc`, `publishConfig`). */
  get provenanceSwitches(): ProvenanceSwitch[] {
    return this.once('provenance', () => collectProvenanceSwitches(this.sites, this.packages.packages, (dir) => this.npmrc(dir), (site) => this.npmrcDirsRead(site), ownShellOf((site) => this.textsBefore(site))));
  }

  /** The provenance settings that apply to one package. */
  provenanceFor(pkg: WorkspacePackage): ProvenanceSwitch[] {
    const ctx = { sites: this.sites, publishes: (site: PublishSite, p: WorkspacePackage) => this.publishes(site, p), npmrcDirs: (site: PublishSite, dir: string) => this.npmrcDirs(site, dir) };
    return switchesFor(this.provenanceSwitches, pkg, ctx);
  }

  /**
   * The directories whose project `.npmrc` a publish reads for the package in `pkgDir`, nearest
   * first, as its registry decision does (npm/registry.ts): those its tool reads in the command's
   * directory, else in the package's (`projectNpmrcDirs`: the npm CLI its local prefix's only).
   */
  npmrcDirs(site: PublishSite, pkgDir = ''): string[] {
    return this.projectNpmrcDirs(site.directory ?? pkgDir, readsNpmCliConfig(site.publish));
  }

  /**
   * The directories whose project `.npmrc` a publish reads whatever it publishes: those of its
   * directory; when that is unknown, those all the packages it may publish have in common.
   */
  npmrcDirsRead(site: PublishSite): string[] {
    const subjects = site.directory === undefined ? registrySubjects(site.targets) : [];
    const [first, ...rest] = subjects.map((p) => this.npmrcDirs(site, p.dir));
    if (!first) return this.npmrcDirs(site);
    return first.filter((d) => rest.every((dirs) => dirs.includes(d)));
  }

  /**
   * The command texts that run in a publish's job before it, in order (earlier steps' `run:`, the
   * earlier steps of a local composite action, earlier script lines; then the publish's own text
   * before the command). Tool installs, npm upgrades and token writes are read from this list.
   */
  textsBefore(site: PublishSite): TextBefore[] {
    const locate = (node: YNode, exact: boolean) => (offset: number, end: number) =>
      exact ? { file: node.file, ...node.valueSpan(offset, end) } : { file: node.file, ...node.span };
    if (site.provider === 'circleci') return circleTextsBefore(this.circleci, site.job, site.publish);
    if (site.provider === 'gitlab') {
      return gitlabTextsBefore(site.job, site.publish, site.line).map(({ line, text }) => ({ text, locate: locate(line.node, true) }));
    }
    const out: TextBefore[] = [];
    for (const view of viewsBefore((dir) => this.action(dir), site.job, site.step, site.publish)) {
      if (view.run) out.push({ text: view.run.text, locate: locate(view.run.node, view.run.exact), earlierStep: true });
    }
    const own = publishingView((dir) => this.action(dir), site.step, site.publish);
    if (own?.run) {
      const offset = site.publish.viaAction === undefined ? site.publish.match.offset : 0;
      if (offset > 0) out.push({ text: own.run.text.slice(0, offset), locate: locate(own.run.node, own.run.exact), whole: own.run.text });
    }
    return out;
  }

  /** What a publish's tool runs (npm/npm-cli.ts `toolRunsOf`): changesets' package manager, Rush's, Nx Release's. */
  toolRuns(site: PublishSite): ToolRuns {
    return toolRunsOf(this.p, site.publish, () => this.textsBefore(site), site.directory ?? '');
  }

  /**
   * The GitHub publishers whose runs a job can be part of: declared ones whose `workflow` is an
   * entry of the job's workflow (following reusable-workflow callers), and inferred ones naming that
   * entry or no workflow at all.
   */
  publishersForJob(publishers: readonly Publisher[], job: Job): Publisher[] {
    const entries = new Set(this.p.callGraph.entryChains(job.workflow).map((c) => c.entry.fileName));
    return publishers.filter((p) => p.provider === 'github' && (p.workflow === undefined ? p.inferred : entries.has(p.workflow)));
  }

  /** A job's `environment: ${{ inputs.x }}` as each caller gives it (`callerEnvironments`, ./github/job-environment.ts). */
  callerEnvironments(job: Job): CallerEnvironment[] | undefined {
    return callerEnvironments(this.p.callGraph, job, this.jobSites(job).map((s) => s.step));
  }

  /** A GitHub job's runners: a called workflow's `runs-on` with each caller's `inputs.*` put in (`callerRunsOn`, ./github/caller-runners.ts), else as written. */
  runsOn(job: Job): RunsOn | undefined {
    return callerRunsOn(() => this.p.callGraph, job, () => this.jobSites(job).map((s) => s.step)) ?? job.runsOn;
  }

  /**
   * Whether a publish of `pkg` at a site is meant to use trusted publishing, and how sure that is
   * (the certainty a finding about it carries); undefined when it is not.
   * - GitHub: a declared publisher covers the package and the job runs under its workflow; or, with
   *   only an inferred publisher, the job may request an ID token (`id-token: write`) and hands npm no
   *   token of its own.
   * - GitLab and CircleCI: a publisher for the pipeline's CI file (or the configuration file) covers
   *   the package. A declared one says so; with only an inferred one, the job must hand npm an ID
   *   token (`NPM_ID_TOKEN` in `id_tokens:`; on CircleCI set before the publish), and the intent is a
   *   guess: at most `likely`.
   */
  trustedPublish(publishers: readonly Publisher[], site: PublishSite, pkg: CoveredPackage): Certainty | undefined {
    // A package only some values of a dispatch choice publish (`PublishTargets.chosen`): the run
    // that publishes it may never happen, so what rests on it is a warning at most.
    const certainty = site.targets.chosen?.includes(pkg.dir) === true ? leastCertain([site.certainty, 'likely']) : site.certainty;
    if (site.provider === 'github') {
      const candidates = this.publishersForJob(publishers, site.job).filter((p) => pkg.publishers.includes(p));
      if (candidates.some((p) => !p.inferred)) return certainty;
      return candidates.length > 0 && site.job.idToken.access === 'write' && !passesOwnToken(site, this.textsBefore(site)) ? certainty : undefined;
    }
    const candidates =
      site.provider === 'gitlab'
        ? pkg.publishers.filter((p) => p.provider === 'gitlab' && sameCiFile(p.ciFile, site.job.ciFile))
        : pkg.publishers.filter((p) => p.provider === 'circleci' && hasCirclePublisher(site.config, [p]));
    if (candidates.length === 0) return undefined;
    if (candidates.some((p) => !p.inferred)) return certainty;
    const hasToken = site.provider === 'gitlab' ? npmIdToken(site.job) !== undefined : this.circleci.npmIdTokenSources(site.job, site.publish).length > 0;
    return hasToken ? leastCertain([certainty, 'likely']) : undefined;
  }

  /**
   * Where a GitHub publish gets an npm credential tp-doctor cannot read (a user configuration file
   * made outside what it reads, an action that writes a registry credential), in words
   * (`unreadCredential`, own-token.ts); undefined when none, and for GitLab and CircleCI.
   */
  unreadCredential(site: PublishSite): string | undefined {
    return site.provider === 'github' ? unreadCredential(site) : undefined;
  }
}
