/**
 * Signs in a GitHub job, before each step, that it publishes to npm (`npmSignals`): what turns an
 * unreadable command into a possible publish, and a guess from a script's name into a likely one.
 */
import { OIDC_CONSUMER_ACTIONS } from '../data/oidc-consumers.js';
import type { NpmSignal } from '../npm/possible-publish.js';
import { findNpmUpgrades } from '../npm/publish-commands.js';
import { classifyRegistry } from '../npm/registry.js';
import { findTokenWrites } from '../npm/tokens.js';
import { envFor, withLiteralEnv } from './steps.js';
import type { Job } from './types.js';

const TOKEN_ENV = /^(?:node_auth_token|npm_token|npm_auth_token|yarn_npm_auth_token)$/i;

/**
 * Signs, before `step`, that the job publishes to npm: a setup-node `registry-url` for npmjs, an npm
 * token in the environment, an `_authToken` written into the npm configuration, an npm upgrade,
 * `id-token: write` (weak).
 */
export function npmSignals(job: Job, trustedWorkflow = false): NpmSignal[][] {
  // `before[i]`: the signs from the steps before step i, built in one pass (a job may have thousands of steps).
  const before: NpmSignal[][] = [];
  let current: NpmSignal[] = trustedWorkflow ? [{ label: `"${job.workflow.fileName}" is the declared trusted publisher`, strong: true }] : [];
  const add = (signal: NpmSignal): void => {
    if (!current.some((s) => s.label === signal.label)) current = [...current, signal];
  };
  for (const s of job.steps) {
    before.push(current);
    if (s.uses?.name.toLowerCase() === 'actions/setup-node') {
      const raw = s.with.get('registry-url')?.text;
      const url = raw === undefined ? undefined : withLiteralEnv(s, raw);
      if (url !== undefined && classifyRegistry(url) === 'npmjs') add({ label: 'setup-node `registry-url` is registry.npmjs.org', strong: true });
    }
    const text = s.run?.text;
    if (text !== undefined) {
      if (text.includes('_authToken') && findTokenWrites(text).length > 0) add({ label: 'an earlier step writes an npm `_authToken`', strong: true });
      if (text.includes('npm') && findNpmUpgrades(text).length > 0) add({ label: 'an earlier step upgrades npm', strong: true });
    }
  }
  // Once per job, not per step (a job may have thousands of steps).
  const idTokenSignal = job.idToken.access === 'write' && !spendsIdTokenElsewhere(job);
  return job.steps.map((step, i) => {
    const out = [...(before[i] ?? [])];
    for (const name of ['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN', 'YARN_NPM_AUTH_TOKEN']) {
      const entry = envFor(step, name);
      if (entry && TOKEN_ENV.test(entry.name) && (entry.value ?? '').trim() !== '') {
        out.push({ label: `the step gets \`${entry.name}\``, strong: true });
        break;
      }
    }
    if (idTokenSignal) out.push({ label: 'the job has `id-token: write`', strong: false });
    return out;
  });
}

/**
 * True when a step of the job logs in to another service with the job's OIDC token
 * (`OIDC_CONSUMER_ACTIONS`: an AWS role, Google workload identity, PyPI trusted publishing): its
 * `id-token: write` is then there for that login, and says nothing about npm.
 */
function spendsIdTokenElsewhere(job: Job): boolean {
  return job.steps.some((s) => {
    const consumer = s.uses ? OIDC_CONSUMER_ACTIONS.get(s.uses.name.toLowerCase()) : undefined;
    return consumer !== undefined && (consumer.input === '' || (s.with.get(consumer.input)?.text ?? '').trim() !== '');
  });
}
