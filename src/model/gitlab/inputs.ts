/**
 * GitLab CI/CD inputs: a file's `spec: inputs:` header (its first YAML document) declares them, an
 * `include:` entry's `inputs:` gives their values, and `$[[ inputs.x ]]` in the file is replaced
 * by them. A local include's value, else the input's `default:`, is what every pipeline gets; the
 * top-level file's defaults are what a pipeline gets unless the run passes other values
 * (`overridable`: findings resting on one are at most warnings). An input function
 * (`$[[ inputs.x | expand_vars ]]`) or an input with no value known is not interpolated.
 */
import type { YNode } from '../../yaml/parse.js';

export interface InputValue {
  /** The value as text; undefined when not known (no default, not a scalar). */
  value: string | undefined;
  /** True for the top-level file's own default: a pipeline run may pass another value. */
  overridable: boolean;
  /** Where the value is written: the include's `inputs:` entry, or the `default:`. */
  node?: YNode;
}

/** The inputs of one file, by name. */
export type FileInputs = ReadonlyMap<string, InputValue>;

/** An input an interpolated text used. */
export interface UsedInput {
  name: string;
  value: string;
  overridable: boolean;
  node?: YNode;
}

/** The entries of an `include:` entry's `inputs:`, by name. */
export function givenInputs(node: YNode | undefined): Map<string, YNode> | undefined {
  if (!node?.isMap) return undefined;
  const out = new Map<string, YNode>();
  for (const entry of node.entries()) if (entry.key !== undefined) out.set(entry.key, entry);
  return out;
}

function scalarText(node: YNode | undefined): string | undefined {
  return node?.isScalar && !node.isNull ? node.text : undefined;
}

/**
 * The inputs of a file from its `spec:` header (`header`, the header document's root map) and the
 * values an include gives (`given`; none for the top-level file, whose defaults are `overridable`).
 */
export function fileInputs(header: YNode | undefined, given: ReadonlyMap<string, YNode> | undefined): Map<string, InputValue> {
  const out = new Map<string, InputValue>();
  const declared = header?.get('spec')?.get('inputs');
  for (const entry of declared?.isMap ? declared.entries() : []) {
    if (entry.key === undefined) continue;
    const dflt = entry.isMap ? entry.get('default') : undefined;
    out.set(entry.key, { value: scalarText(dflt), overridable: given === undefined, ...(dflt ? { node: dflt } : {}) });
  }
  for (const [name, node] of given ?? []) out.set(name, { value: scalarText(node), overridable: false, node });
  return out;
}

const INTERPOLATION = /\$\[\[([^\]]*)\]\]/g;
const INPUT = /^inputs\.([\w-]+)$/;

/**
 * `text` with each `$[[ inputs.x ]]` replaced by the input's value, and the inputs used; undefined
 * when an interpolation cannot be read (an input function, another context, an input with no
 * known value). A text without one is returned as it is.
 */
export function interpolateInputs(text: string, inputs: FileInputs | undefined): { text: string; used: UsedInput[] } | undefined {
  if (!text.includes('$[[')) return { text, used: [] };
  const used: UsedInput[] = [];
  let failed = false;
  const out = text.replace(INTERPOLATION, (whole, inner: string) => {
    const name = INPUT.exec(inner.trim())?.[1];
    const input = name === undefined ? undefined : inputs?.get(name);
    if (name === undefined || input?.value === undefined) {
      failed = true;
      return whole;
    }
    if (!used.some((u) => u.name === name)) used.push({ name, value: input.value, overridable: input.overridable, ...(input.node ? { node: input.node } : {}) });
    return input.value;
  });
  return failed ? undefined : { text: out, used };
}
