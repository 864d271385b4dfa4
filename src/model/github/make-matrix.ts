/**
 * A `run:` step's `make -C <dir>` (also `-Cdir`, `--directory=<dir>`) whose directory holds matrix
 * values (`make -C sdk/${{ matrix.language }} publish`, pulumi/pulumi): the texts the step runs, one
 * per matrix combination that runs it, with the values put in that directory only, so that the
 * makefile of each directory is read (../npm/make-runs.ts), as a `working-directory` holding
 * matrix values is read once per value (./steps.ts `stepDirectories`). Survey900c M6.
 */
import { isMakeCommand } from '../npm/make-runs.js';
import { makeDirectoryWords } from '../npm/make-command.js';
import { splitCommands } from '../npm/shell.js';
import { textVariant, type EnvVariant } from './env-context.js';
import { mentionsMatrix, substituteMatrix } from './matrix.js';
import { stepCombinations } from './setup-node.js';
import type { Step } from './types.js';

/** The texts of `text` with the matrix values of each combination in its make directories; undefined when it has none, or a value cannot be put in. */
export function makeDirectoryVariants(step: Step, text: string): EnvVariant[] | undefined {
  const job = step.job;
  if (job.matrix === undefined || job.matrixUnresolved || !mentionsMatrix(text)) return undefined;
  const refs = splitCommands(text).flatMap((command) => {
    const values = command.words.map((w) => w.value);
    if (!isMakeCommand(values)) return [];
    return makeDirectoryWords(values)
      .map((i) => command.words[i]!)
      .filter((w) => mentionsMatrix(text.slice(w.offset, w.end)))
      .map((w) => ({ from: w.offset, to: w.end }));
  }).sort((a, b) => a.from - b.from);
  if (refs.length === 0) return undefined;
  const out = new Map<string, EnvVariant>();
  for (const combo of stepCombinations(job, step)) {
    const values = combo === undefined ? [] : refs.map((r) => substituteMatrix(text.slice(r.from, r.to), combo));
    if (combo === undefined || values.some((v) => v === undefined)) return undefined;
    const variant = textVariant(text, refs, values as string[], true);
    if (!out.has(variant.text)) out.set(variant.text, variant);
  }
  return out.size > 0 ? [...out.values()] : undefined;
}

/**
 * The values a word of a `run:` step's command can take when it holds `${{ matrix.x }}` references
 * (`npm publish --dry-run ${{ matrix.dir }}`): the word with each combination that runs the step
 * put in (`RecognizeContext.wordValues`); undefined when the job has no matrix read whole, or a
 * reference does not resolve to a scalar in every combination.
 */
export function matrixWordValues(step: Step, word: string): string[] | undefined {
  const job = step.job;
  if (job.matrix === undefined || job.matrixUnresolved || !mentionsMatrix(word)) return undefined;
  const out = new Set<string>();
  for (const combo of stepCombinations(job, step)) {
    const value = combo === undefined ? undefined : substituteMatrix(word, combo);
    if (value === undefined) return undefined;
    out.add(value);
  }
  return out.size > 0 ? [...out] : undefined;
}
