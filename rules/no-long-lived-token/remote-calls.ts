/**
 * npm tokens a job passes to a reusable workflow of another repository (`secrets: { npmToken:
 * ${{ secrets.NPM_TOKEN }} }`). tp-doctor reads only this repository's workflows (offline), so
 * whether the callee publishes with the token is unknown: an `info` at most. Calls into this
 * repository (`./...`, or its own `owner/repo/...`) are read like any workflow and left out, and so
 * is `secrets: inherit`, which names no token (every secret goes to every such call).
 */
import { localCallPath } from '../../src/model/github/call-graph.js';
import { NPM_TOKEN_INPUT } from '../../src/model/github/remote-calls.js';
import type { Job } from '../../src/model/github/types.js';
import { isTokenName, namesNpmSecret, secretSource } from '../../src/model/npm/tokens.js';
import type { YNode } from '../../src/yaml/parse.js';

/** Inputs and secrets named like an npm token (`npm-token`, `npmAuthToken`, `NODE_AUTH_TOKEN`): the model's. */
export const TOKEN_INPUT = NPM_TOKEN_INPUT;

/** A name that says npm token: one npm reads, one like `npm-token`, or an npm name with "token" (`NPM_PUBLISH_TOKEN`). */
function npmTokenName(name: string): boolean {
  return isTokenName(name) || TOKEN_INPUT.test(name) || (namesNpmSecret(name) && /token/i.test(name));
}

export interface RemoteSecret {
  /** The name the callee receives it under (the key under `secrets:`). */
  name: string;
  /** `secrets.NPM_TOKEN`. */
  source: string;
  /** The entry (its value is where the finding points). */
  node: YNode;
  /** `owner/repo/.github/workflows/x.yml@ref`. */
  target: string;
}

/** The npm-token secrets `job` passes to a reusable workflow of another repository. */
export function remoteTokenSecrets(job: Job, selfRepository: string | undefined): RemoteSecret[] {
  const uses = job.uses;
  if (!uses?.remote || localCallPath(job, selfRepository) !== undefined) return [];
  const secrets = job.node.get('secrets');
  if (!secrets?.isMap) return [];
  const out: RemoteSecret[] = [];
  for (const entry of secrets.entries()) {
    const name = entry.key;
    const source = secretSource(entry.text);
    if (name === undefined || source === undefined) continue;
    if (npmTokenName(name) || npmTokenName(source.slice('secrets.'.length))) out.push({ name, source, node: entry, target: uses.target });
  }
  return out;
}
