/**
 * Files that could not become a model, and how to say why. Rules report these through
 * `invalid-yaml` and `gitlab-config-resolvable`; they import the wording from here, never from the
 * file layer.
 */
import type { ReadFailure } from '../../fs/source.js';
import type { YamlProblem } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';

export { describeReadFailure } from '../../fs/source.js';
export type { ReadFailure } from '../../fs/source.js';

/** A file that could not become a model: unreadable, not YAML, or not the expected shape. */
export type FileProblem =
  | { file: string; kind: 'read'; failure: ReadFailure }
  | { file: string; kind: 'yaml'; problem: YamlProblem }
  | { file: string; kind: 'shape'; shape: 'empty' | 'not-a-map'; location: Location }
  /** A limit of ./limits.ts was hit: `count` things where at most `max` are read. */
  | { file: string; kind: 'limit'; limit: 'workflow-files' | 'workflow-text' | 'kept-workflows' | 'jobs' | 'steps'; count: number; max: number; location: Location };

