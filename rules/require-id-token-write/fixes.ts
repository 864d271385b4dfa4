/**
 * The edits that give a job `id-token: write` (see "Fixes" on the rule page). Certain, and applied
 * by `--fix`, when a `permissions` map is already the one that decides (the entry is added to it,
 * or its `none` becomes `write`): every other scope keeps its level. Where the job has no block at
 * all, or has `read-all`, the change would also decide the other scopes, so it is only a suggestion.
 */
import type { FixSpec } from '../../src/fix/edits.js';
import { insertEntry, setScalar, yamlFix } from '../../src/fix/yaml.js';
import type { Job } from '../../src/model/github/types.js';
import type { YNode } from '../../src/yaml/parse.js';

const ID_TOKEN = 'id-token';

/** Keeps `id-token` in alphabetical order among the usual scopes, where the block is sorted. */
const PLACE = { after: ['contents', 'checks', 'attestations', 'actions'], before: ['issues', 'packages', 'pages', 'pull-requests', 'statuses'] };

/** Adds `id-token: write` to the permissions map `block` (a map, or an empty `permissions:`). */
export function addToBlock(block: YNode, path: string): FixSpec | undefined {
  return yamlFix(block, `Add \`id-token: write\` under \`${path}\``, insertEntry(block, ID_TOKEN, 'write', PLACE));
}

/** Changes the `id-token:` entry's value to `write`. */
export function setWrite(entry: YNode, path?: string): FixSpec | undefined {
  return yamlFix(entry, `Set \`id-token: write\`${path ? ` under \`${path}\`` : ''}`, setScalar(entry, 'write'));
}

const SUGGESTED = '{ contents: read, id-token: write }';

/**
 * Replaces a `permissions:` value that is not a map (`read-all`, an expression) with
 * `{ contents: read, id-token: write }`: a suggestion, the job may need other scopes.
 */
export function replaceBlockSuggestion(block: YNode, path: string): FixSpec | undefined {
  const range = block.range;
  if (!range || block.viaAlias || !block.isScalar || block.isNull) return undefined;
  return yamlFix(block, `Replace \`${path}: ${block.text ?? ''}\` with \`${SUGGESTED}\``, { start: range[0], end: range[1], text: SUGGESTED });
}

/**
 * A job-level `permissions:` block with `contents: read` and `id-token: write` for a job that has
 * none: a suggestion, the job may need other scopes (pushing tags needs `contents: write`).
 */
export function jobBlockSuggestion(job: Job): FixSpec | undefined {
  if (job.permissions) return undefined;
  const description = `Add \`permissions: ${SUGGESTED}\` to job "${job.id}"`;
  const value = { contents: 'read', [ID_TOKEN]: 'write' };
  return yamlFix(job.node, description, insertEntry(job.node, 'permissions', value, { after: ['environment', 'runs-on', 'needs', 'if', 'name'], before: ['steps', 'uses'] }));
}
