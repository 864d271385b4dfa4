/**
 * The `npm trust` command line that registers a trusted publisher (npm ≥ 11.10; the `--allow-*`
 * flags, which npm now requires, from 11.15.0), as npm 12.2.2 parses it
 * (`lib/commands/trust/{github,gitlab}.js`). Pure text; nothing here runs it.
 */
import type { PublisherAction } from '../config/types.js';

export interface TrustCommandInput {
  provider: 'github' | 'gitlab';
  pkg: string;
  /** GitHub: the workflow file name; GitLab: the CI file. */
  file: string;
  /** GitHub `owner/repo`; GitLab `group[/sub]/project`. */
  owner: string;
  environment?: string;
  actions: readonly PublisherAction[];
  /** Add `-y` (skip npm's confirmation prompt). */
  yes?: boolean;
}

/** Quotes a word for POSIX shells when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function trustCommand(input: TrustCommandInput): string {
  const words = ['npm', 'trust', input.provider, input.pkg, '--file', input.file];
  words.push(input.provider === 'github' ? '--repository' : '--project', input.owner);
  if (input.environment !== undefined) words.push('--environment', input.environment);
  // npm refuses to create a publisher without at least one permission flag.
  const actions = input.actions.length > 0 ? input.actions : (['publish'] as const);
  if (actions.includes('publish')) words.push('--allow-publish');
  if (actions.includes('stage-publish')) words.push('--allow-stage-publish');
  if (input.yes) words.push('-y');
  return words.map(shellWord).join(' ');
}

/** What a CircleCI trusted publisher registers; an id left undefined is printed as a placeholder to fill in. */
export interface CircleciTrustCommandInput {
  pkg: string;
  vcsOrigin: string;
  organizationId?: string;
  projectId?: string;
  pipelineDefinitionId?: string;
  contextIds?: readonly string[];
  actions: readonly PublisherAction[];
}

/** The placeholders `circleciTrustCommand` writes for the ids it is not given, never quoted (pasted as is, the shell stops at `<`). */
export const CIRCLECI_ID_PLACEHOLDERS = { organizationId: '<organization-id>', projectId: '<project-id>', pipelineDefinitionId: '<pipeline-definition-id>' } as const;

/**
 * `npm trust circleci [pkg] --org-id --project-id --pipeline-definition-id --vcs-origin
 * [--context-id ...]` (npm ≥ 11.10; `lib/commands/trust/circleci.js`), with a placeholder for each
 * id the files cannot tell (`CIRCLECI_ID_PLACEHOLDERS`).
 */
export function circleciTrustCommand(input: CircleciTrustCommandInput): string {
  const id = (key: keyof typeof CIRCLECI_ID_PLACEHOLDERS): string => (input[key] !== undefined ? shellWord(input[key]) : CIRCLECI_ID_PLACEHOLDERS[key]);
  const words = ['npm', 'trust', 'circleci', shellWord(input.pkg), '--org-id', id('organizationId'), '--project-id', id('projectId'), '--pipeline-definition-id', id('pipelineDefinitionId')];
  words.push('--vcs-origin', shellWord(input.vcsOrigin));
  for (const c of input.contextIds ?? []) words.push('--context-id', shellWord(c));
  const actions = input.actions.length > 0 ? input.actions : (['publish'] as const);
  if (actions.includes('publish')) words.push('--allow-publish');
  if (actions.includes('stage-publish')) words.push('--allow-stage-publish');
  return words.join(' ');
}

/**
 * Why npm would refuse these values before sending them, in npm 12.2.2's words; undefined when it
 * accepts them. Both providers take a bare file name ending in `.yml`/`.yaml`: a GitLab CI file in
 * a subdirectory cannot be registered with `npm trust` (register it on npmjs.com instead).
 */
export function trustCommandProblem(input: Pick<TrustCommandInput, 'provider' | 'file' | 'owner'>): string | undefined {
  if (!input.file.endsWith('.yml') && !input.file.endsWith('.yaml')) return `npm trust requires a file ending in .yml or .yaml, got "${input.file}"`;
  if (input.file.includes('/')) {
    return input.provider === 'github'
      ? 'npm trust takes the workflow file name, not a path'
      : `npm trust gitlab accepts only a file name, not the path "${input.file}"; register this publisher on npmjs.com (package settings, Trusted publishing)`;
  }
  const parts = input.owner.split('/').length;
  if (input.provider === 'github' && parts !== 2) return `npm trust github requires the repository as owner/repo, got "${input.owner}"`;
  if (input.provider === 'gitlab' && parts < 2) return `npm trust gitlab requires the project as group/project, got "${input.owner}"`;
  return undefined;
}
