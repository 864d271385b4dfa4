/** Resolution: what the rest of tp-doctor reads from a configuration. Invalid parts (already reported) are left out. */
import type { YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import type {
  CircleciPublisher,
  GithubPublisher,
  GitlabPublisher,
  Publisher,
  PublisherAction,
  ResolvedConfig,
  RuleSetting,
} from './types.js';

const DEFAULT_CI_FILE = '.gitlab-ci.yml';
const DEFAULT_CIRCLECI_FILE = '.circleci/config.yml';
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];
const ACTIONS: readonly string[] = ['publish', 'stage-publish'];

function nonEmptyString(node: YNode | undefined): string | undefined {
  const v = node?.value;
  return typeof v === 'string' && /\S/.test(v) ? v : undefined;
}

function stringList(node: YNode | undefined): string[] | undefined {
  if (!node?.isSeq) return undefined;
  return node
    .items()
    .map(nonEmptyString)
    .filter((s): s is string => s !== undefined);
}

/** Fills `config` from the parsed configuration. */
export function resolve(
  root: YNode,
  file: string,
  knownRuleIds: readonly string[] | undefined,
  config: ResolvedConfig,
): void {
  if (!root.isMap) return;
  const loc = (node: YNode): Location => ({ file, ...node.span });

  const publishers = root.get('publishers');
  for (const entry of publishers?.items() ?? []) {
    const publisher = resolvePublisher(entry, loc);
    if (publisher) config.publishers.push(publisher);
  }
  config.inferred = config.publishers.length === 0;

  const visibility = root.get('repository')?.get('visibility')?.value;
  if (visibility === 'public' || visibility === 'private') config.repository = { visibility };

  const rules = root.get('rules');
  for (const entry of rules?.entries() ?? []) {
    const id = entry.key;
    const setting = entry.value;
    if (id === undefined || typeof setting !== 'string' || !SEVERITIES.includes(setting)) continue;
    if (knownRuleIds && !knownRuleIds.includes(id)) continue;
    config.rules[id] = setting as RuleSetting;
  }

  config.runners.hosted = stringList(root.get('runners')?.get('hosted')) ?? [];
  config.ignore = stringList(root.get('ignore')) ?? [];
}

function resolvePublisher(entry: YNode, loc: (node: YNode) => Location): Publisher | undefined {
  if (!entry.isMap) return undefined;
  const provider = entry.get('provider');
  if (provider?.value !== 'github' && provider?.value !== 'gitlab' && provider?.value !== 'circleci') return undefined;

  const fieldLocations: Partial<Record<string, Location>> = { provider: loc(provider) };
  const field = (key: string): string | undefined => {
    const node = entry.get(key);
    const value = nonEmptyString(node);
    if (node && value !== undefined) fieldLocations[key] = loc(node);
    return value;
  };
  const list = (key: string): string[] | undefined => {
    const node = entry.get(key);
    const value = stringList(node);
    if (node && value !== undefined) fieldLocations[key] = loc(node);
    return value;
  };

  const environment = field('environment');
  const packages = list('packages');
  const actions = list('allowedActions')?.filter((a): a is PublisherAction => ACTIONS.includes(a));
  const base = {
    location: loc(entry),
    fieldLocations,
    inferred: false,
    ...(environment !== undefined ? { environment } : {}),
    ...(packages !== undefined ? { packages } : {}),
    ...(actions !== undefined ? { allowedActions: actions } : {}),
  };

  if (provider.value === 'github') {
    const repository = field('repository');
    const workflow = field('workflow');
    const publisher: GithubPublisher = {
      provider: 'github',
      ...base,
      ...(repository !== undefined ? { repository } : {}),
      ...(workflow !== undefined ? { workflow } : {}),
    };
    return publisher;
  }
  if (provider.value === 'circleci') {
    // A CircleCI trusted publisher has no environment (the schema reports the key).
    const { environment: _environment, ...rest } = base;
    const organizationId = field('organizationId');
    const projectId = field('projectId');
    const pipelineDefinitionId = field('pipelineDefinitionId');
    const vcsOrigin = field('vcsOrigin');
    const contextIds = list('contextIds');
    // Each context id has its own location (by its index in `contextIds`), so that a bad one is
    // pointed at exactly. Items that are not strings are left out, as by `list`.
    const idNodes = entry.get('contextIds')?.items().filter((item) => nonEmptyString(item) !== undefined) ?? [];
    idNodes.forEach((item, i) => (fieldLocations[`contextIds[${i}]`] = loc(item)));
    const publisher: CircleciPublisher = {
      provider: 'circleci',
      ...rest,
      configFile: field('configFile') ?? DEFAULT_CIRCLECI_FILE,
      ...(organizationId !== undefined ? { organizationId } : {}),
      ...(projectId !== undefined ? { projectId } : {}),
      ...(pipelineDefinitionId !== undefined ? { pipelineDefinitionId } : {}),
      ...(vcsOrigin !== undefined ? { vcsOrigin } : {}),
      ...(contextIds !== undefined ? { contextIds } : {}),
    };
    return publisher;
  }
  const project = field('project');
  const host = field('host');
  const publisher: GitlabPublisher = {
    provider: 'gitlab',
    ...base,
    ciFile: field('ciFile') ?? DEFAULT_CI_FILE,
    ...(project !== undefined ? { project } : {}),
    ...(host !== undefined ? { host } : {}),
  };
  return publisher;
}
