import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell.js';
import { commandWords, MAX_ARRAY_WORDS } from './shell-arrays.js';
import { analyzeScript } from './publish-commands.js';

/** The words of the script's last command with a `${` as bash runs them, `?` after them when an append may be missing. */
function last(script: string, bash = true): string {
  const commands = splitCommands(script).filter((c) => !c.substitution && c.text.includes('${'));
  const cmd = commands[commands.length - 1]!;
  const { words, unsure } = commandWords(cmd, { text: script, offset: cmd.offset, end: cmd.offset + cmd.text.length }, bash);
  return words.join(' | ') + (unsure ? ' ?' : '');
}

const ALGOLIA = 'args=(release publish "--projects=$PROJECTS")\nif [[ "$DRY_RUN" == "true" ]]; then args+=(--dry-run); fi\npnpm nx "${args[@]}"';

describe('commandWords: a bash array the script sets, put in', () => {
  it.each<[script: string, words: string]>([
    // TryGhost/algolia: the `--dry-run` of the `if` may be missing; a word with a variable stays as written
    [ALGOLIA, 'pnpm | nx | release | publish | --projects=$PROJECTS ?'],
    ['args=(publish --tag next)\nnpm "${args[@]}"', 'npm | publish | --tag | next'],
    ["flags=('--tag' \"next\" '--access public')\nnpm publish \"${flags[@]}\"", 'npm | publish | --tag | next | --access public'],
    // unquoted and `[*]`: split again at blanks; `"${a[*]}"`: one word
    ["flags=('--access public')\nnpm publish ${flags[@]}", 'npm | publish | --access | public'],
    ["flags=('--access public' --tag x)\nnpm publish ${flags[*]}", 'npm | publish | --access | public | --tag | x'],
    ['flags=(--tag x)\nnpm publish "${flags[*]}"', 'npm | publish | --tag x'],
    // the whole array in the command's place
    ['cmd=(npm publish --provenance)\n"${cmd[@]}"', 'npm | publish | --provenance'],
    // appends that always run; declarations; an empty start; over several lines with a comment
    ['args=(publish)\nargs+=(--tag next)\nnpm "${args[@]}"', 'npm | publish | --tag | next'],
    ['declare -a args=(publish --tag next)\nnpm "${args[@]}"', 'npm | publish | --tag | next'],
    ['f() {\n  local -a args=(publish)\n  npm "${args[@]}"\n}', 'npm | publish'],
    ['args=()\nargs+=(publish)\nnpm "${args[@]}"', 'npm | publish'],
    ['args=(\n  publish # the command\n  --tag next\n)\nnpm "${args[@]}"', 'npm | publish | --tag | next'],
    // an append that may not run: after `&&` / `||`, in a loop, in one branch; else branches that agree at the start
    ['args=(publish)\n[ -n "$DRY" ] && args+=(--dry-run)\nnpm "${args[@]}"', 'npm | publish ?'],
    ['args=(publish)\n[ -z "$DRY" ] || args+=(--dry-run)\nnpm "${args[@]}"', 'npm | publish ?'],
    ['args=(publish)\nfor t in $TAGS; do args+=(--tag "$t"); done\nnpm "${args[@]}"', 'npm | publish ?'],
    ['args=(publish)\nif [ -n "$DRY" ]; then\n  args=(publish --dry-run)\nelse\n  args=(publish)\nfi\nnpm "${args[@]}"', 'npm | publish ?'],
    ['args=(publish)\nif [ -n "$DRY" ]; then args+=(--dry-run); fi\nargs+=(--tag next)\nnpm "${args[@]}"', 'npm | publish | --tag | next ?'],
    // a program's argument named like the array sets nothing (src/model/npm/shell-setters.ts); `unset args` does (below)
    ['args=(publish --tag next)\necho args\nnpm "${args[@]}"', 'npm | publish | --tag | next'],
    // the same words before and in every branch: sure
    ['args=(publish)\nif [ -n "$A" ]; then args=(publish); else args=(publish); fi\nnpm "${args[@]}"', 'npm | publish'],
  ])('%s', (script, words) => {
    expect(last(script)).toBe(words);
  });

  it.each<[script: string, why: string]>([
    ['args=(publish)\nnpm "${args[@]}"', 'sh: no arrays'],
  ])('control, not bash: %s (%s)', (script) => {
    expect(last(script, false)).toBe('npm | ${args[@]}');
  });

  it.each<[script: string, why: string]>([
    ['npm "${args[@]}"', 'never set'],
    ['npm "${args[@]}"\nargs=(publish)', 'set after the command'],
    ['( args=(publish) )\nnpm "${args[@]}"', 'set in a subshell'],
    ['echo x | args=(publish)\nnpm "${args[@]}"', 'set in a pipeline'],
    ['V=$(args=(publish); echo)\nnpm "${args[@]}"', 'set in a command substitution'],
    ['if [ -n "$A" ]; then args=(publish); fi\nnpm "${args[@]}"', 'set in one branch only'],
    ['args=(whoami)\nif [ -n "$A" ]; then args=(publish); else args=(whoami); fi\nnpm "${args[@]}"', 'branches that differ'],
    // An `if` may run no branch: the walk does not tell an `else` from an `elif` (as for a `cd`).
    ['if [ -n "$A" ]; then args=(publish); else args=(publish); fi\nnpm "${args[@]}"', 'set in both branches of an if and not before'],
    ['args=(publish)\nargs=x\nnpm "${args[@]}"', 'a scalar assignment of it'],
    ['args=(publish)\nunset "args[0]"\nnpm "${args[@]}"', 'an element unset'],
    ['args=(publish)\nif true; then unset args; fi\nnpm "${args[@]}"', 'unset after a reserved word'],
    ['args=(publish)\nread -ra args <<< "$X"\nnpm "${args[@]}"', 'read into it'],
    ['args=(publish)\nmapfile -t args < f\nnpm "${args[@]}"', 'mapfile'],
    ['args=(publish)\neval "$SETUP"\nnpm "${args[@]}"', 'an eval'],
    ['args=(publish)\nsource ./env.sh\nnpm "${args[@]}"', 'a source'],
    ['declare -A args=([a]=publish)\nnpm "${args[@]}"', 'an associative array'],
    ['declare -l args=(PUBLISH)\nnpm "${args[@]}"', 'a lower-casing declaration'],
    ['args+=(publish)\nnpm "${args[@]}"', 'an append to what is not known'],
    ['args=(publish) npm "${args[@]}"', 'an assignment before a command'],
    [`args=(${Array.from({ length: MAX_ARRAY_WORDS + 1 }, () => 'x').join(' ')})\nnpm "\${args[@]}"`, 'too many words'],
  ])('control, not read: %s (%s)', (script) => {
    // The reference stays as written (quotes removed), as before.
    expect(last(script)).toBe(last(script, false));
    expect(last(script)).toMatch(/\$\{args\[@\]\}$/);
  });

  it('a word of the array that is not literal stays as written, as in a command', () => {
    expect(last('args=(publish $(cat tag) "$FLAGS" ${X:-y})\nnpm "${args[@]}"')).toBe('npm | publish | $(cat tag) | $FLAGS | ${X:-y}');
  });

  it('other references stay as written: an element, a length, a word around the reference', () => {
    expect(last('args=(publish)\nnpm "${args[0]}" "${#args[@]}" "--x=${args[@]}"')).toBe('npm | ${args[0]} | ${#args[@]} | --x=${args[@]}');
  });
});

describe('analyzeScript with bash arrays', () => {
  const read = (script: string, bash = true): string[] => analyzeScript(script, { bash }).matches.map((m) => `${m.confidence} ${m.label}${m.flags.tag ? ` tag=${m.flags.tag}` : ''}`);

  it('TryGhost/algolia: nx release through an array, a dry run appended in a branch: a likely publish', () => {
    expect(read(ALGOLIA)).toEqual(['heuristic nx release']);
    expect(read('pnpm nx release publish "--projects=$PROJECTS"')).toEqual(read(ALGOLIA));
  });

  it('an array that is sure gives the publish as written, its flags read', () => {
    expect(read('args=(publish --tag next)\nnpm "${args[@]}"')).toEqual(['certain npm publish tag=next']);
    expect(read('flags=(--tag next)\nnpm publish "${flags[@]}"')).toEqual(['certain npm publish tag=next']);
  });

  it('a dry run the array always holds is no publish; one appended in a branch leaves a likely one', () => {
    expect(read('args=(publish --dry-run)\nnpm "${args[@]}"')).toEqual([]);
    expect(read('args=(publish)\nargs+=(--dry-run)\nnpm "${args[@]}"')).toEqual([]);
    expect(read('args=(publish)\n[ -n "$DRY" ] && args+=(--dry-run)\nnpm "${args[@]}"')).toEqual(['heuristic npm publish']);
  });

  it('control: without bash, or unknown arrays, nothing is read as before', () => {
    expect(read('args=(publish --tag next)\nnpm "${args[@]}"', false)).toEqual([]);
    expect(read('npm "${args[@]}"')).toEqual([]);
    expect(read('npm publish "${flags[@]}"')).toEqual(['certain npm publish']);
  });
});
