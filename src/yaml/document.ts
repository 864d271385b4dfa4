/** The result of parsing a YAML file: the document, its problems with positions, its root `YNode`. */
import type { Document } from 'yaml';
import type { LineIndex, Span } from './span.js';
import type { YNode } from './node.js';

export type YamlProblemCode =
  | 'syntax'
  | 'duplicate-key'
  | 'alias-bomb'
  | 'multiple-documents'
  | 'too-deep'
  | 'too-many-values'
  | 'unsupported-tag';

export interface YamlProblem {
  code: YamlProblemCode;
  /** The parser's own words, without position or snippet. */
  message: string;
  span: Span;
}

export interface ParseOptions {
  /** Recognise GitLab's `!reference [job, key]` tag. */
  gitlabTags?: boolean;
  /**
   * Accept GitLab's header document: a first document holding only `spec:` (inputs of a CI/CD
   * component or included file), then `---` and the configuration. The configuration becomes
   * `root` (positions stay those of the whole file) and the header is kept in `header`. Without
   * such a header the file must hold one document, as usual.
   */
  gitlabSpecHeader?: boolean;
  /**
   * Upper bound on the number of nodes the document expands to once every alias is followed.
   * A legitimate CI file stays far below it; an alias bomb ("billion laughs") exceeds it quickly.
   */
  maxExpandedNodes?: number;
  /**
   * Accept quoted scalars whose continuation lines are under-indented, as the platform's own parser
   * does (`quoted-indent.ts`): `single` for GitHub Actions (YamlDotNet checks double-quoted ones
   * only), `any` for GitLab and CircleCI. Without it such a file does not parse.
   */
  quotedContinuation?: 'single' | 'any';
}

/** A parsed YAML file. `root` is undefined when the file could not be parsed or is empty. */
export interface YamlDocument {
  file: string;
  text: string;
  lines: LineIndex;
  problems: YamlProblem[];
  root: YNode | undefined;
  /**
   * The yaml library's document, for the few callers that need it (never rules); undefined once
   * compacted (`compactDocument`): ask `rawDocument` (`raw-index.ts`), which parses the text again.
   */
  raw: Document.Parsed | undefined;
  /** Set by `compactDocument`: the wrappers hold what they read, the library's tree is gone. */
  compacted?: true;
  /** The `spec:` header document of a GitLab file (`header` of the configuration's document). */
  isHeader?: true;
  /** With `gitlabSpecHeader`: the `spec:` header document's root map, when the file has one. */
  header?: YNode;
  /** The options `parseYaml` parsed it with (what `compactDocument` parses it again with). */
  parsedWith?: ParseOptions;
  /**
   * `text` is the file's text with under-indented quoted-scalar continuation lines indented
   * (`ParseOptions.quotedContinuation`): not the file's bytes, so no fix applies to it.
   */
  indentRepaired?: true;
}
