/**
 * What the cache rule adds to the model's `uses:` steps (src/model/github/uses-steps.ts): the major
 * version an action reference names.
 */
import type { UsesStepView } from '../../src/model/github/uses-steps.js';

/** A `uses:` step as the cache rule reads it. */
export type CacheStepView = UsesStepView;

/**
 * The major version an action reference names: `v5`, `v5.0.0`, `5`; for a commit SHA, the version
 * in a `# v5.0.0` comment on the same line (how Dependabot and Renovate pin); undefined otherwise.
 */
export function actionMajor(view: CacheStepView): number | undefined {
  const ref = view.ref;
  if (ref === undefined) return undefined;
  const direct = /^v?(\d+)(?:\.|$)/.exec(ref);
  if (direct) return Number(direct[1]);
  if (!/^[0-9a-f]{40}$/i.test(ref)) return undefined;
  // One line of the document, not the whole text split again for each step.
  const line = view.usesNode.doc.lines.lineText(view.usesNode.span.end.line);
  const comment = /#\s*(?:tag[:=]?\s*)?v?(\d+)(?:[.\s]|$)/.exec(line.slice(view.usesNode.span.end.column - 1));
  return comment ? Number(comment[1]) : undefined;
}
