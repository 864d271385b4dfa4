/**
 * The shared part of reading a CircleCI configuration: the configuration being built, problem
 * reporting (deduplicated by kind and place), shape checks, parameter-expanded text, orb aliases and
 * `environment:` blocks. The reading itself is layered on it: steps.ts (step lists and reusable
 * commands), jobs.ts (job instances and executors), config.ts (the whole file and workflows). The
 * layers are subclasses so that each file keeps one job while they share this state.
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { EMPTY_SCOPE, expandText, type ExpandHooks, type Scope } from './template.js';
import type { CircleConfig, CircleEnvEntry, CircleOrb, CircleProblem, CircleText } from './types.js';
import type { NpmSignal } from '../npm/possible-publish.js';
import type { RecognizeContext } from '../npm/publish-commands.js';

export function locationOf(node: YNode): Location {
  return { file: node.file, ...node.span };
}

export abstract class ConfigReader {
  protected readonly problemKeys = new Set<string>();
  protected readonly localJobs = new Map<string, YNode>();
  /** The configuration's top-level scope: pipeline parameters with a literal default (`pipelineScope`), set once they are read. */
  protected top: Scope = EMPTY_SCOPE;

  constructor(
    protected readonly config: CircleConfig,
    protected readonly root: YNode,
    protected readonly recognize: RecognizeContext,
    /** The sign of npm the repository's package.json gives an orb job or command named publish (`manifestSign`). */
    protected readonly manifest?: NpmSignal,
    /** The sign of npm a release tool that triggers the pipeline gives a step whose command is a pipeline parameter (`triggerToolSign`). */
    protected readonly triggerTool?: NpmSignal,
    /** Publish detection for commands run in a repository directory below the root (`CircleLoadOptions.recognizeAt`). */
    protected readonly recognizeAt?: (dir: string) => RecognizeContext,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Problems and shapes

  protected report(problem: CircleProblem): void {
    const loc = problem.location;
    const key = `${problem.kind}@${loc.file}:${loc.start.line}:${loc.start.column}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.config.problems.push(problem);
  }

  protected readonly hooks: ExpandHooks = {
    undeclared: (parameter, node) => this.report({ kind: 'parameter-undeclared', parameter, location: locationOf(node) }),
  };

  /** The node when it is a map; reports any other non-null value as a shape problem. */
  protected mapAt(node: YNode | undefined, path: string): YNode | undefined {
    if (!node || node.isNull) return undefined;
    if (node.isMap) return node;
    this.report({ kind: 'shape', path, expected: 'a map', location: locationOf(node) });
    return undefined;
  }

  protected listAt(node: YNode | undefined, path: string): readonly YNode[] {
    if (!node || node.isNull) return [];
    if (node.isSeq) return node.items();
    this.report({ kind: 'shape', path, expected: 'a list', location: locationOf(node) });
    return [];
  }

  protected text(node: YNode | undefined, scope: Scope): CircleText | undefined {
    return node ? expandText(node, scope, this.hooks) : undefined;
  }

  protected orbAlias(name: string): CircleOrb | undefined {
    const slash = name.indexOf('/');
    return slash > 0 ? this.config.orbs.find((o) => o.alias === name.slice(0, slash)) : undefined;
  }
  /** `environment:` as a map, or (as CircleCI also accepts) a list of one-entry maps or `NAME=value` strings. */
  protected readEnvironment(node: YNode | undefined, scope: Scope, level: CircleEnvEntry['level'], path: string): CircleEnvEntry[] {
    if (!node || node.isNull) return [];
    const entries: YNode[] = [];
    if (node.isMap) entries.push(...node.entries());
    else if (node.isSeq) for (const item of node.items()) entries.push(...(item.isMap ? item.entries() : []));
    else {
      this.report({ kind: 'shape', path, expected: 'a map of variables', location: locationOf(node) });
      return [];
    }
    const out: CircleEnvEntry[] = [];
    for (const entry of entries) {
      if (entry.key === undefined) continue;
      const env: CircleEnvEntry = { name: entry.key, node: entry, level };
      const value = this.text(entry, scope);
      if (value) env.value = value;
      out.push(env);
    }
    return out;
  }
}
