/**
 * Job assembly: an entry resolved through `extends:` and `!reference` becomes a `GitlabJob`, with
 * `default:` values and global variables applied the way `inherit:` allows.
 */
import { detectGitlabPublishes, type UnreadSources } from './publishes.js';
import type {
  EffectiveValue,
  GitlabIdToken,
  GitlabIdTokens,
  GitlabInherit,
  GitlabJob,
  GitlabVariable,
} from './types.js';
import { interpolateInputs, type FileInputs } from './inputs.js';
import { matrixCombinations, rulesReadMatrix } from './matrix.js';
import { expandVariables, readVariables } from './variables.js';
import { flattenLeaves, isUnset, leafText, toEffective, unwrap, type Budget, type V } from './values.js';
import type { RecognizeContext } from '../npm/publish-commands.js';

/** The keywords `default:` may set (GitLab's Entry::Default::ALLOWED_KEYS). */
export const DEFAULT_KEYWORDS: readonly string[] = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
];

/** Deprecated top-level keywords that act as `default:` values. */
const GLOBAL_DEFAULTS = ['image', 'services', 'cache', 'before_script', 'after_script'];

/** Work bound for one job's effective values, so that one crafted job cannot starve the others. */
export const JOB_BUDGET = 200_000;

/** The pipeline-wide values every job starts from. */
export interface PipelineDefaults {
  globalVariables: Map<string, GitlabVariable>;
  /** `default:` values (or deprecated global ones) before conversion, for each job to convert. */
  defaultsV: Map<string, V>;
  defaults: Map<string, EffectiveValue>;
}

/** Global `variables:` and the `default:` keywords, from the resolved entries. */
export function pipelineDefaults(resolved: ReadonlyMap<string, { v: V }>, budget: Budget): PipelineDefaults {
  const globalVarsV = resolved.get('variables')?.v;
  const globalVariables = globalVarsV
    ? readVariables(toEffective(globalVarsV, undefined, budget.child(JOB_BUDGET), { via: 'default', from: 'variables' }), 'global')
    : new Map<string, GitlabVariable>();

  const defaultsV = new Map<string, V>();
  const defaultMap = resolved.get('default')?.v;
  const defaultEntries = defaultMap && unwrap(defaultMap).t === 'map' ? (unwrap(defaultMap) as Extract<V, { t: 'map' }>).entries : undefined;
  for (const keyword of DEFAULT_KEYWORDS) {
    const fromDefault = defaultEntries?.get(keyword);
    if (fromDefault && !isUnset(fromDefault)) {
      defaultsV.set(keyword, { t: 'via', via: 'default', from: 'default', inner: fromDefault });
      continue;
    }
    const global = GLOBAL_DEFAULTS.includes(keyword) ? resolved.get(keyword)?.v : undefined;
    if (global && !isUnset(global)) defaultsV.set(keyword, { t: 'via', via: 'default', from: keyword, inner: global });
  }
  const defaults = new Map<string, EffectiveValue>();
  for (const [keyword, v] of defaultsV) defaults.set(keyword, toEffective(v, undefined, budget.child(JOB_BUDGET)));
  return { globalVariables, defaultsV, defaults };
}

/** What a job is assembled from besides its own resolved value. */
export interface JobContext {
  ciFile: string;
  /** This job's work bound (a child of the pipeline's). */
  budget: Budget;
  /** The job's definitions, in the order the files are merged. */
  definitions: GitlabJob['definitions'];
  /** Resolved `extends:` names, nearest first. */
  extendsChain: string[];
  defaults: PipelineDefaults;
  /** The root package's scripts and tool configuration, for the publish commands. */
  recognize: RecognizeContext;
  /** What of the pipeline tp-doctor cannot read that the job's script may come from (set when an include cannot be read). */
  unread?: UnreadSources;
  /** The CI/CD inputs of each file read, for `$[[ inputs.x ]]` (./inputs.ts). */
  inputs?: ReadonlyMap<string, FileInputs>;
  /** The matrix jobs the pipeline may still expand (`MAX_PIPELINE_MATRIX_JOBS`), shared by its jobs. */
  matrixBudget?: { left: number };
}

/**
 * The jobs of a resolved entry: keywords with defaults applied, variables, and what each runs. One
 * job, or one per combination of its `parallel: matrix:` (./matrix.ts), each with the combination's
 * values over its variables, GitLab's matrix variables (which take precedence over job variables).
 */
export function assembleJobs(name: string, v: V, incomplete: boolean, ctx: JobContext): GitlabJob[] {
  const { budget, defaults } = ctx;
  const own = toEffective(v, name, budget);
  const keywords = new Map(own.kind === 'map' ? own.entries : []);
  const inherit = readInherit(keywords.get('inherit'));
  // A trigger job starts a downstream pipeline: it runs nothing and takes no `default:` values.
  const kind = keywords.has('trigger') ? 'trigger' : 'job';
  for (const [keyword, value] of defaults.defaultsV) {
    if (kind === 'trigger' || !inherits(inherit.default, keyword)) continue;
    const current = keywords.get(keyword);
    if (current && !(current.kind === 'leaf' && !current.items && current.origin.node.isNull)) continue;
    keywords.set(keyword, toEffective(value, name, budget));
  }

  const variables = new Map<string, GitlabVariable>();
  for (const [key, variable] of defaults.globalVariables) if (inherits(inherit.variables, key)) variables.set(key, variable);
  for (const [key, variable] of readVariables(keywords.get('variables'), 'job')) variables.set(key, variable);

  const all = matrixCombinations(name, keywords.get('parallel'));
  // Past the pipeline's budget a job is read once, without its matrix (as a matrix GitLab refuses).
  const fits = all !== undefined && (ctx.matrixBudget === undefined || all.length <= ctx.matrixBudget.left);
  if (fits && ctx.matrixBudget) ctx.matrixBudget.left -= all.length;
  const combinations = fits ? all.map((c) => (rulesReadMatrix(c, keywords) ? { ...c, conditional: true as const } : c)) : [undefined];
  return combinations.map((matrix) => {
    const definitions = ctx.definitions;
    const job: GitlabJob = {
      name,
      node: definitions.at(-1) ?? own.origin.node,
      definitions,
      kind,
      ciFile: ctx.ciFile,
      keywords,
      extendsChain: ctx.extendsChain,
      incomplete,
      inherit,
      variables: matrix ? new Map([...variables, ...matrix.variables.map((m) => [m.name, m] as const)]) : variables,
      tags: [],
      scripts: [],
      publishes: [],
    };
    if (matrix) job.matrix = matrix;
    const idTokens = readIdTokens(keywords.get('id_tokens'), job.variables, ctx.inputs);
    if (idTokens) job.idTokens = idTokens;
    readRunFacts(job, ctx.inputs);
    detectGitlabPublishes(job, ctx.recognize, ctx.unread);
    return job;
  });
}

/** The job's image, tags, environment and script lines, with inputs interpolated (in the image) and variables expanded. */
function readRunFacts(job: GitlabJob, inputs: ReadonlyMap<string, FileInputs> | undefined): void {
  const { keywords, variables } = job;
  const image = keywords.get('image');
  const imageName = image?.kind === 'map' ? image.entries.get('name') : image;
  const imageText = leafText(imageName);
  if (imageName && imageText !== undefined) {
    // `$[[ inputs.x ]]` from the inputs of the file the image is written in.
    const interpolated = interpolateInputs(imageText, inputs?.get(imageName.origin.node.file));
    job.image = { name: imageText, expanded: interpolated && expandVariables(interpolated.text, variables), origin: imageName.origin };
    if (interpolated && interpolated.used.length > 0) job.image.inputs = interpolated.used;
  }

  for (const tag of flattenLeaves(keywords.get('tags'))) {
    const value = tag.origin.node.text ?? '';
    job.tags.push({ value, expanded: expandVariables(value, variables), origin: tag.origin });
  }

  const environment = keywords.get('environment');
  const envName = environment?.kind === 'map' ? environment.entries.get('name') : environment;
  if (environment && envName) {
    const text = leafText(envName);
    job.environment = {
      name: text,
      expanded: text === undefined ? undefined : expandVariables(text, variables),
      isExpression: text?.includes('$') ?? false,
      origin: envName.origin,
    };
  }

  for (const section of ['before_script', 'script', 'after_script'] as const) {
    for (const line of flattenLeaves(keywords.get(section))) {
      const text = line.origin.node.text;
      if (text === undefined) continue;
      job.scripts.push({ text, node: line.origin.node, section, origin: line.origin });
    }
  }
}

/** `inherit: default:` / `inherit: variables:`: true, false or a list of names. */
function readInherit(value: EffectiveValue | undefined): GitlabInherit {
  const out: GitlabInherit = { default: true, variables: true };
  if (value?.kind !== 'map') return out;
  out.origin = value.origin;
  for (const key of ['default', 'variables'] as const) {
    const entry = value.entries.get(key);
    if (!entry) continue;
    if (entry.kind === 'leaf' && entry.items) {
      out[key] = flattenLeaves(entry).map((i) => i.origin.node.text ?? '');
    } else {
      const text = leafText(entry);
      if (text === 'false') out[key] = false;
    }
  }
  return out;
}

function inherits(setting: boolean | string[], name: string): boolean {
  return typeof setting === 'boolean' ? setting : setting.includes(name);
}

/** Reads an effective `id_tokens:` map. Undefined when it is not a map (unset, null, unresolved). */
export function readIdTokens(
  value: EffectiveValue | undefined,
  variables: ReadonlyMap<string, GitlabVariable>,
  inputs?: ReadonlyMap<string, FileInputs>,
): GitlabIdTokens | undefined {
  if (value?.kind !== 'map') return undefined;
  const tokens = new Map<string, GitlabIdToken>();
  for (const [name, entry] of value.entries) {
    const token: GitlabIdToken = { name, origin: entry.origin, aud: [] };
    const aud = entry.kind === 'map' ? entry.entries.get('aud') : undefined;
    if (aud) {
      token.audNode = aud.origin.node;
      for (const item of flattenLeaves(aud)) {
        const raw = item.origin.node.text ?? '';
        // `$[[ inputs.x ]]` from the inputs of the file the audience is written in, when every
        // pipeline gets that value (an include's input or an included file's default); the
        // top-level file's own defaults, which a run may override, leave it unresolved.
        const interpolated = interpolateInputs(raw, inputs?.get(item.origin.node.file));
        const text = interpolated && !interpolated.used.some((u) => u.overridable) ? interpolated.text : undefined;
        token.aud.push({ raw, expanded: text === undefined ? undefined : expandVariables(text, variables), origin: item.origin });
      }
    }
    tokens.set(name, token);
  }
  return { origin: value.origin, tokens };
}
