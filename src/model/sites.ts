/**
 * Provider-neutral questions about a publish site that several rules ask: the environment the
 * publish command sees, and where the site is, in words.
 */
import type { YNode } from '../yaml/parse.js';
import type { PublishSite } from './publish.js';

/** An environment variable a publish command sees, as written in the CI file. */
export interface SiteEnvEntry {
  name: string;
  /** The value as text (CircleCI parameters substituted); undefined when not a scalar. */
  value: string | undefined;
  /** The entry (its key is the name). */
  node: YNode;
  /** What the provider calls it: `env`, `variables`, `environment`. */
  section: 'env' | 'variables' | 'environment';
}

/**
 * The environment entries a publish command sees, the one that wins first: GitHub step, job and
 * workflow `env`; GitLab job variables (global ones merged in); CircleCI step, job, executor and
 * primary-image `environment`.
 */
export function siteEnvironment(site: PublishSite): SiteEnvEntry[] {
  if (site.provider === 'github') {
    return [...site.step.env, ...site.job.env, ...site.job.workflow.env].map((e) => ({ name: e.name, value: e.value, node: e.node, section: 'env' }));
  }
  if (site.provider === 'gitlab') {
    return [...site.job.variables.values()].map((v) => ({ name: v.name, value: v.value, node: v.origin.node, section: 'variables' }));
  }
  const entries = [...site.job.environment, ...(site.step.run?.environment ?? [])].reverse();
  return entries.map((e) => ({ name: e.name, value: e.value?.text, node: e.node, section: 'environment' }));
}

/** The entry for a variable name (case-insensitive), the one that wins. */
export function siteEnv(site: PublishSite, name: string): SiteEnvEntry | undefined {
  const lower = name.toLowerCase();
  return siteEnvironment(site).find((e) => e.name.toLowerCase() === lower);
}

/** `release.yml job "publish"`, `.gitlab-ci.yml job "publish"`, `.circleci/config.yml job "publish"`. */
export function describeSiteJob(site: PublishSite): string {
  if (site.provider === 'github') return `${site.job.workflow.fileName} job "${site.job.id}"`;
  if (site.provider === 'gitlab') return `${site.pipeline.ciFile} job "${site.job.name}"`;
  return `${site.config.file} job "${site.job.name}"`;
}
