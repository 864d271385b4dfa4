/** The messages of gitlab-config-resolvable (kept apart: there is one per way a configuration can fail to resolve). */
import type { MessageSpec } from '../../src/engine/define-rule.js';

const REJECTED = 'GitLab rejects the whole configuration and creates no pipeline, so nothing in it can publish';
const UNCHECKED = 'tp-doctor works offline and reads only files of this repository; whatever this part adds to the jobs (ID tokens, images, scripts, tags) is not checked';

export const MESSAGES = {
  extendsCycle: {
    startsNoRun: true,
    text: '`extends: {target}` in "{job}" closes a cycle: {chain}',
    why: `GitLab reports "circular dependency detected in \`extends\`". ${REJECTED}`,
    fix: 'Remove `{target}` from this `extends:` (or the `extends:` that leads back to it)',
  },
  extendsMissing: {
    startsNoRun: true,
    text: '`extends: {target}` in "{job}" names no job or template of this configuration',
    why: `GitLab reports "unknown keys in \`extends\` ({target})". ${REJECTED}`,
    fix: 'Define `{target}` (or fix the name), or include the file that defines it',
  },
  extendsMissingRemote: {
    text: '`extends: {target}` in "{job}" is not defined in the files tp-doctor can read; it may come from an include that cannot be read offline',
    why: `If no include defines it, GitLab rejects the whole configuration and nothing in it can publish. ${UNCHECKED}`,
    fix: 'Check that an include defines `{target}`; copy the template into the repository to have it checked',
    severity: 'info',
  },
  extendsDepth: {
    startsNoRun: true,
    text: '`extends:` of "{job}" nests deeper than the 11 levels GitLab allows',
    why: `GitLab reports "nesting too deep in \`extends\`". ${REJECTED}`,
    fix: 'Flatten the chain of templates: merge intermediate templates or extend several at once (`extends: [.a, .b]`)',
  },
  referenceMissing: {
    startsNoRun: true,
    text: '`!reference [{target}]` points at nothing in this configuration',
    why: `GitLab cannot resolve the reference. ${REJECTED}`,
    fix: 'Fix the job, template or key names in the reference, or define the target',
  },
  referenceMissingRemote: {
    text: '`!reference [{target}]` is not defined in the files tp-doctor can read; it may come from an include that cannot be read offline',
    why: UNCHECKED,
    fix: 'Check that an include defines the target; copy it into the repository to have it checked',
    severity: 'info',
  },
  referenceCycle: {
    startsNoRun: true,
    text: '`!reference [{target}]` closes a cycle: {chain}',
    why: `A reference that leads back to itself never resolves, however deep GitLab looks. ${REJECTED}`,
    fix: 'Point this `!reference` at a value that does not lead back here: write the lines out, or move them to a template that both places reference',
  },
  referenceDepth: {
    startsNoRun: true,
    text: 'This `!reference` starts a chain of more than 10 nested references',
    why: `GitLab resolves at most 10 nested \`!reference\` tags. ${REJECTED}`,
    fix: 'Reference the final value directly instead of a reference to a reference',
  },
  includeMissing: {
    startsNoRun: true,
    text: 'Included file "{include}" does not exist',
    why: `GitLab reports "Local file \`{include}\` does not exist!". ${REJECTED}`,
    fix: 'Fix the path (it is relative to the repository root, exact case) or remove the include',
  },
  includeMissingConditional: {
    text: 'Included file "{include}" does not exist; its `rules:` decide whether GitLab reads it',
    why: `GitLab evaluates an include's \`rules:\` before it reads the file: when a rule passes it reports "Local file \`{include}\` does not exist!", rejects the whole configuration and creates no pipeline; when the rules leave the include out, nothing happens. Which way a rule goes depends on the pipeline (its source, branch, variables), which the files do not tell`,
    fix: 'Fix the path (it is relative to the repository root, exact case), add the file, or make the rule `exists: [{include}]` so GitLab includes it only when it is there',
    severity: 'warning',
  },
  includeNoMatch: {
    text: 'Include pattern "{include}" matches no file',
    why: 'GitLab silently includes nothing for a pattern that matches no file, so the jobs and templates it was meant to bring in do not exist',
    fix: 'Fix the pattern (`*` does not cross `/`; use `**` for subdirectories) or remove the include',
    severity: 'warning',
  },
  includeNotYaml: {
    text: 'Included file "{include}" is not a `.yml` or `.yaml` file',
    why: `GitLab includes only YAML files by extension. ${REJECTED}`,
    fix: 'Rename the file to end in `.yml` and include that path',
  },
  includeOutside: {
    text: 'Included file "{include}" lies outside the repository',
    why: 'A `local:` include names a file of this repository by its path from the root; a path with `..` does not resolve to one, and GitLab rejects a file it cannot find',
    fix: 'Write the path from the repository root, without `..`',
    severity: 'warning',
  },
  includeLimit: {
    text: 'Include "{include}" exceeds GitLab\'s limit of 150 included files (or 100 levels of nesting)',
    why: `GitLab reports "Maximum of 150 nested includes are allowed!". ${REJECTED}`,
    fix: 'Merge small included files or stop including the same files from several places',
  },
  includeVariable: {
    text: 'Include "{include}" uses a variable; tp-doctor does not expand variables in include paths',
    why: UNCHECKED,
    fix: 'Write the path literally to have the file checked, or exclude this finding if the variable is intended',
    severity: 'info',
  },
  includeUnreadable: {
    text: 'Included file "{include}" was not checked: {detail}',
    why: UNCHECKED,
    fix: 'Make the file readable UTF-8 YAML text',
    severity: 'info',
  },
  includeRemote: {
    text: 'Included {what} "{include}" cannot be read offline; it was not checked',
    why: UNCHECKED,
    fix: 'Nothing to change if the include is intended; keep the publishing job, its `id_tokens` and its image in this repository to have them checked',
    severity: 'info',
  },
  childGenerated: {
    text: 'Job "{job}" starts a child pipeline generated at run time ({source}); a publish in it cannot be checked',
    why: 'GitLab reads the child pipeline from a file a job writes as the pipeline runs; tp-doctor reads only committed files, so a publishing job there, its `id_tokens` and its image are not checked',
    fix: 'Nothing to change if the child pipeline does not publish; keep the publishing job in a committed file (a `local:` include or child pipeline) to have it checked',
    severity: 'info',
  },
  incomplete: {
    text: 'Job "{job}", which {publishes} to npm, could not be fully checked: part of it comes from {missing}',
    why: 'Its `id_tokens`, image, tags or scripts may be defined there; tp-doctor does not guess, so the GitLab rules skip what they cannot see',
    fix: 'Define the missing templates in this repository (or in a local include) to have the job checked',
    severity: 'info',
  },
} as const satisfies Record<string, MessageSpec>;
