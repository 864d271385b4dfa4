/**
 * The shapes of a workflow's `jobs:` and of a job's `steps:` that GitHub refuses: it checks the
 * file against its workflow schema before it starts anything, reports the file as invalid ("The
 * workflow is not valid. <file> (Line: l, Col: c): A sequence was not expected") and runs none of
 * its jobs. The model reads such a value as no jobs or no steps (workflow.ts), so without this
 * nothing would say why a publish in it never runs. The wording is that of GitHub's template
 * reader (actions/runner `TemplateStrings`: `UnexpectedSequenceStart`, `UnexpectedMappingStart`,
 * `UnexpectedValue`). An absent or empty (`jobs:` with no value) entry is not read here.
 */
import type { YNode } from '../../yaml/node.js';
import type { Workflow } from './types.js';

export interface WorkflowShapeProblem {
  /** The value GitHub refuses (a report points at it). */
  node: YNode;
  /** Its YAML path: `jobs`, `jobs.<id>.steps`. */
  path: string;
  /** What it is: `a list`, `a mapping`, `the plain value "npm publish"`. */
  actual: string;
  /** What GitHub expects there. */
  expected: string;
  /** How to write it so. */
  how: string;
  /** GitHub's own message for it, without the file and position (its start when `cut` is not empty). */
  github: string;
  /** Empty, or what follows the quote of `github` when that is only the start of GitHub's message. */
  cut: string;
  /** The job whose `steps:` it is; undefined for `jobs:`. */
  job?: string;
}

const EXPECTED_JOBS = 'a mapping of job ids to jobs';
const HOW_JOBS = 'each job as a `<job-id>:` key under `jobs:`, with no `- ` before it';
const EXPECTED_STEPS = 'a list of steps';
const HOW_STEPS = 'each step as a `- ` item under `steps:` (`- run: npm test`, `- uses: actions/checkout@v5`)';

/** `jobs:` that is not a mapping, and each job's `steps:` that is not a list, in file order. */
export function workflowShapeProblems(workflow: Workflow): WorkflowShapeProblem[] {
  const out: WorkflowShapeProblem[] = [];
  const jobs = workflow.root.get('jobs');
  if (jobs !== undefined && !jobs.isMap) {
    const wrong = wrongShape(jobs, 'seq');
    if (wrong) out.push({ node: jobs, path: 'jobs', expected: EXPECTED_JOBS, how: HOW_JOBS, ...wrong });
    return out;
  }
  for (const job of workflow.jobs) {
    const steps = job.node.get('steps');
    if (steps === undefined || steps.isSeq) continue;
    const wrong = wrongShape(steps, 'map');
    if (wrong) out.push({ node: steps, path: `jobs.${job.id}.steps`, expected: EXPECTED_STEPS, how: HOW_STEPS, job: job.id, ...wrong });
  }
  return out;
}

/**
 * What a value of the wrong kind is, with GitHub's message; undefined for an empty value (read
 * elsewhere, or not at all). `unexpected` is the collection kind that is wrong here besides a scalar.
 */
function wrongShape(node: YNode, unexpected: 'seq' | 'map'): { actual: string; github: string; cut: string } | undefined {
  if (node.isSeq && unexpected === 'seq') return { actual: 'a list', github: 'A sequence was not expected', cut: '' };
  if (node.isMap && unexpected === 'map') return { actual: 'a mapping', github: 'A mapping was not expected', cut: '' };
  const text = node.text;
  if (!node.isScalar || text === undefined || text === '') return undefined;
  // GitHub quotes the whole value: the quote holds its words as they start (the first line, at most
  // SHOWN characters), and a cut is said after the quote, never inside it.
  const firstLine = text.split('\n', 1)[0] ?? '';
  const shown = firstLine.length > SHOWN ? firstLine.slice(0, SHOWN) : firstLine;
  const cut = shown.length < text.length ? ` (cut here: GitHub's message goes on with the rest of the value, ${text.length - shown.length} more characters)` : '';
  return { actual: `the plain value "${shown}"${cut === '' ? '' : ' (its start)'}`, github: cut === '' ? `Unexpected value '${shown}'` : `Unexpected value '${shown}`, cut };
}

/** How much of a wrong plain value is quoted. */
const SHOWN = 200;
