/**
 * `env.NAME` as earlier steps write it to `$GITHUB_ENV`, for the Node resolution of
 * `./setup-node.ts` (docs/domain.md A.59): in the workflow's steps, and inside a local composite
 * action.
 */
import { inDir } from '../../fs/paths.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { NodeContext } from '../npm/node-version.js';
import { envWrittenBefore } from './env-context.js';
import { mayWriteGithubEnv } from './env-write.js';
import type { ExpressionScope, RuntimeEnv } from './expressions.js';
import type { Step } from './types.js';

/** The part of a step `actionRuntimeEnv` reads (`StepView` of ./setup-node.ts). */
interface StepView {
  node: YNode;
  env: ExpressionScope['env'];
}

/**
 * `env.NAME` at a workflow step as an earlier step writes it to `$GITHUB_ENV` (./env-context.ts
 * `envWrittenBefore`; survey1207b F1): payloadcms/payload's setup action reads the Node from
 * `.tool-versions` into `NODE_VERSION` and gives setup-node `${{ env.NODE_VERSION }}`.
 */
export function writtenFor(ctx: NodeContext, step: Step): (name: string) => RuntimeEnv | undefined {
  const readAction = (dir: string): YamlDocument | undefined => ctx.documents.find((d) => d.file === inDir(dir, 'action.yml') || d.file === inDir(dir, 'action.yaml'));
  return (name) => envWrittenBefore(step, name, readAction);
}

/**
 * Inside a local composite action: a `run:` step of the action before step `i` that writes `name`
 * to `$GITHUB_ENV` sets it at run time for the action's later steps (unknown: tp-doctor does not
 * read the value there); the step's own `env:` entry wins; else what the workflow's steps before
 * the action wrote (`outer`). The writers of a name are found once per action read.
 */
export function actionRuntimeEnv(views: readonly StepView[], outer: ExpressionScope['runtimeEnv']): (i: number) => ExpressionScope['runtimeEnv'] {
  const firstWriter = new Map<string, number>();
  const first = (name: string): number => {
    let found = firstWriter.get(name);
    if (found === undefined) {
      found = views.findIndex((v) => {
        const run = v.node.get('run')?.text;
        return run !== undefined && mayWriteGithubEnv(run, name);
      });
      firstWriter.set(name, found);
    }
    return found;
  };
  return (i) => (name) => {
    if (views[i]!.env.some((e) => e.name === name)) return undefined;
    const writer = first(name);
    if (writer >= 0 && writer < i) return { by: 'a `$GITHUB_ENV` write of an earlier step', at: views[writer]!.node };
    return outer?.(name);
  };
}
