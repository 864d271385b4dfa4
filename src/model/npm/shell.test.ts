import { describe, expect, it } from 'vitest';
import { booleanOption, booleanOptionState, shellQuote, splitCommands, splitOption, stripPrefixes, valueOption } from './shell.js';
import { enclosingString } from './shell-scan.js';
import { stripPrefixWords } from './shell-words.js';
import { forLoops } from './shell-nesting.js';

/** Each command as its unquoted words joined by a space. */
function split(script: string): string[] {
  return splitCommands(script).map((c) => c.words.map((w) => w.value).join(' '));
}

describe('splitCommands: separators and quoting', () => {
  const rows: [name: string, script: string, expected: string[]][] = [
    ['empty', '', []],
    ['blank lines and comments', '\n  # npm publish\n\n', []],
    ['one command', 'npm publish', ['npm publish']],
    ['newlines', 'npm ci\nnpm publish', ['npm ci', 'npm publish']],
    ['CRLF', 'npm ci\r\nnpm publish\r\n', ['npm ci', 'npm publish']],
    ['&& || ; | &', 'a && b || c; d | e & f', ['a', 'b', 'c', 'd', 'e', 'f']],
    ['|& and ;;', 'a |& b;; c', ['a', 'b', 'c']],
    ['subshell and group', '(cd x && npm publish) ; { npm test; }', ['cd x', 'npm publish', 'npm test']],
    ['braces inside a word are not grouping', 'echo a{b,c}d', ['echo a{b,c}d']],
    ['continuation', 'npm publish \\\n  --tag next', ['npm publish --tag next']],
    ['continuation inside a word', 'npm pub\\\nlish', ['npm publish']],
    ['single quotes', "echo 'a && b' c", ['echo a && b c']],
    ['double quotes with escapes', 'echo "a \\"b\\" \\$x \\n"', ['echo a "b" $x \\n']],
    ['backslash escapes outside quotes', 'echo a\\ b \\&\\& c', ['echo a b && c']],
    ['adjacent quoted parts form one word', `--tag="n"'e'xt`, ['--tag=next']],
    ['empty quoted word', "npm publish ''", ['npm publish ']],
    ['comment after a command', 'npm publish # --dry-run', ['npm publish']],
    ['# inside a word is not a comment', 'echo a#b', ['echo a#b']],
    ['$# is not a comment', 'echo $# x', ['echo $# x']],
    ['GitHub expression stays in the word', 'npm publish ${{ inputs.dry && \'--dry-run\' || \'\' }}', ["npm publish ${{ inputs.dry && '--dry-run' || '' }}"]],
    ['${VAR} stays in the word', 'echo ${A:-x} ${B}', ['echo ${A:-x} ${B}']],
    ['redirections are dropped', 'npm publish > out.log 2>&1', ['npm publish']],
    ['&> redirection', 'npm publish &>log; echo done', ['npm publish', 'echo done']],
    ['fd redirection without spaces', 'cmd 2>/dev/null >>x <in', ['cmd']],
    ['herestring', 'cat <<< "npm publish"', ['cat']],
    ['array assignment is one word', 'a=(npm publish) b', ['a=(npm publish) b']],
    ['$(...) content is a separate command', 'V=$(npm view x version)', ['V=$(npm view x version)', 'npm view x version']],
    ['$(...) inside double quotes', 'echo "v=$(npm -v)"', ['echo v=$(npm -v)', 'npm -v']],
    ['backticks', 'echo `npm -v`', ['echo `npm -v`', 'npm -v']],
    ['nested $(...)', 'a $(b $(c))', ['a $(b $(c))', 'b $(c)', 'c']],
    ['arithmetic is not a command', 'echo $((1 + 2))', ['echo $((1 + 2))']],
    ['process substitution', 'diff <(npm -v) x', ['diff', 'npm -v', 'x']],
    // bash's [[ ]]: && || ( ) < > inside it belong to the test
    ['[[ ]] after if', 'if [[ "$A" == x && "${B##*/}" == main ]]; then echo ok; fi', ['if [[ $A == x && ${B##*/} == main ]]', 'then echo ok', 'fi']],
    ['[[ ]] then a command', '[[ -n $A || -z $B ]] && npm publish', ['[[ -n $A || -z $B ]]', 'npm publish']],
    ['< and ( inside [[ ]]', '[[ ( a < b ) ]] || npm publish', ['[[ ( a < b ) ]]', 'npm publish']],
    ['negated [[ ]]', '! [[ a && b ]] || npm publish', ['! [[ a && b ]]', 'npm publish']],
    ['$(...) inside [[ ]]', '[[ "$(npm view x version)" == 1 && -n $T ]]', ['[[ $(npm view x version) == 1 && -n $T ]]', 'npm view x version']],
    ['[[ as an argument is a word', 'echo [[ a && b', ['echo [[ a', 'b']],
    ['an unterminated [[ ends at the line', '[[ a && b\nnpm publish', ['[[ a && b', 'npm publish']],
    ['quoted [[ is a word', '"[[" a && b', ['[[ a', 'b']],
    ['single brackets are a command', '[ -n "$A" ] && npm publish', ['[ -n $A ]', 'npm publish']],
  ];
  for (const [name, script, expected] of rows) {
    it(name, () => expect(split(script)).toEqual(expected));
  }
});

describe('splitCommands: heredocs', () => {
  const rows: [name: string, script: string, expected: string[]][] = [
    ['body skipped', 'cat <<EOF > .npmrc\nnpm publish\nEOF\nnpm test', ['cat', 'npm test']],
    ['quoted delimiter', "cat <<'END'\nnpm publish\nEND\nnpm test", ['cat', 'npm test']],
    ['<<- strips tabs from the terminator', 'cat <<-EOF\n\tnpm publish\n\tEOF\nnpm test', ['cat', 'npm test']],
    ['two heredocs on one line', 'cat <<A <<B\na\nA\nb\nB\nnpm test', ['cat', 'npm test']],
    ['command after the heredoc on the same line', 'cat <<EOF && npm publish\nbody\nEOF', ['cat', 'npm publish']],
    ['unterminated heredoc swallows the rest', 'cat <<EOF\nnpm publish', ['cat']],
  ];
  for (const [name, script, expected] of rows) {
    it(name, () => expect(split(script)).toEqual(expected));
  }
});

describe('splitCommands: offsets', () => {
  it('gives word and command offsets into the script', () => {
    const script = 'npm ci && \\\n  npm publish "--tag" next\n';
    const cmds = splitCommands(script);
    expect(cmds.map((c) => [c.offset, c.text])).toEqual([
      [0, 'npm ci'],
      [14, 'npm publish "--tag" next'],
    ]);
    expect(cmds[1]?.words).toEqual([
      { value: 'npm', offset: 14, end: 17 },
      { value: 'publish', offset: 18, end: 25 },
      { value: '--tag', offset: 26, end: 33 },
      { value: 'next', offset: 34, end: 38 },
    ]);
    for (const w of cmds[1]?.words ?? []) expect(script.slice(w.offset, w.end).replace(/"/g, '')).toBe(w.value);
  });

  it('gives offsets of $(...) commands into the outer script', () => {
    const script = 'echo "$(npm -v)"';
    const inner = splitCommands(script)[1];
    expect(inner?.offset).toBe(8);
    expect(inner?.text).toBe('npm -v');
  });

  it('marks commands inside $(...) and backticks', () => {
    const cmds = splitCommands('V=$(node -p "x") && echo `date` && npm publish');
    expect(cmds.map((c) => [c.text, c.substitution ?? false])).toEqual([
      ['V=$(node -p "x")', false],
      ['node -p "x"', true],
      ['echo `date`', false],
      ['date', true],
      ['npm publish', false],
    ]);
  });

  it('keeps offsets exact across runs of plain characters and quoted text', () => {
    const script = 'npm publish --tag=ne"xt-$V"\'!\' x{a,b}y#z # c';
    const [cmd] = splitCommands(script);
    expect(cmd?.words.map((w) => [w.value, script.slice(w.offset, w.end)])).toEqual([
      ['npm', 'npm'],
      ['publish', 'publish'],
      ['--tag=next-$V!', '--tag=ne"xt-$V"\'!\''],
      ['x{a,b}y#z', 'x{a,b}y#z'],
    ]);
  });

  it('keeps a continuation inside the command text', () => {
    const [cmd] = splitCommands('npm publish \\\n  --provenance');
    expect(cmd?.text).toBe('npm publish \\\n  --provenance');
  });
});

describe('splitCommands: robustness', () => {
  const odd = [
    "echo 'unterminated",
    'echo "unterminated $(x',
    'echo $(',
    'echo ${{',
    '`',
    '\\',
    '$',
    '<<',
    '>',
    '2>&',
    '((((',
    '))))',
    '{}{}{}',
    '"\\',
    'a <<EOF',
    '$('.repeat(200) + 'npm publish',
  ];
  for (const script of odd) {
    it(`does not throw on ${JSON.stringify(script.slice(0, 30))}`, () => {
      expect(() => splitCommands(script)).not.toThrow();
    });
  }

  // A hang catcher, not a speed target (bench/hostile.mjs measures): quadratic work on this input runs for minutes.
  it('is roughly linear on long input', { timeout: 60_000 }, () => {
    const big = 'npm ci && echo "$(date)" | tee x.log # c\n'.repeat(20_000);
    expect(splitCommands(big)).toHaveLength(80_000);
  });

  it('gives in-bounds, ordered offsets on random input', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['a', ' ', '\n', '"', "'", '\\', '$(', '${', '(', ')', '{', '}', '`', '<<E', 'E', '>', '&', '|', ';', '#', '2>&1'];
    for (let k = 0; k < 3_000; k++) {
      const script = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
      const cmds = splitCommands(script);
      for (const cmd of cmds) {
        expect(script.slice(cmd.offset, cmd.offset + cmd.text.length)).toBe(cmd.text);
        for (const w of cmd.words) {
          expect(w.offset).toBeGreaterThanOrEqual(cmd.offset);
          expect(w.end).toBeLessThanOrEqual(script.length);
          expect(w.end).toBeGreaterThan(w.offset);
        }
      }
      expect(cmds.map((c) => c.offset)).toEqual([...cmds.map((c) => c.offset)].sort((a, b) => a - b));
    }
  });

  it('survives deeply nested substitutions', () => {
    const deep = '$('.repeat(5_000) + ')'.repeat(5_000);
    expect(() => splitCommands(deep)).not.toThrow();
  });
});

describe('stripPrefixes', () => {
  const rows: [script: string, expected: string][] = [
    ['npm publish', 'npm publish'],
    ['NODE_AUTH_TOKEN=x NPM_CONFIG_PROVENANCE=true npm publish', 'npm publish'],
    ['sudo npm i -g npm', 'npm i -g npm'],
    ['sudo -E -u root npm publish', 'npm publish'],
    ['sudo --preserve-env=PATH env "PATH=$PATH" npm publish', 'npm publish'],
    ['env -i A=1 B=2 npm publish', 'npm publish'],
    ['env -u FOO -- npm publish', 'npm publish'],
    ['/usr/bin/env npm publish', 'npm publish'],
    ['time -p npm publish', 'npm publish'],
    ['exec npm publish', 'npm publish'],
    ['command npm publish', 'npm publish'],
    ['command -v npm', ''],
    ['nohup npm publish', 'npm publish'],
    ['timeout 10m npm publish', 'npm publish'],
    ['timeout -s KILL 10m npm publish', 'npm publish'],
    ['cross-env A=1 npm publish', 'npm publish'],
    ['if npm publish', 'npm publish'],
    ['then npm publish', 'npm publish'],
    ['! npm publish', 'npm publish'],
    ['A=1', ''],
    ['sudo', ''],
    ['echo npm publish', 'echo npm publish'],
  ];
  for (const [script, expected] of rows) {
    it(script, () => {
      const [cmd] = splitCommands(script);
      expect(stripPrefixes(cmd?.words ?? []).map((w) => w.value).join(' ')).toBe(expected);
      // The plain-word version (command-words.ts `strip`) reads the same words.
      expect(stripPrefixWords((cmd?.words ?? []).map((w) => w.value)).join(' ')).toBe(expected);
    });
  }

  it('keeps the word objects (offsets)', () => {
    const [cmd] = splitCommands('sudo -E npm publish');
    expect(stripPrefixes(cmd?.words ?? [])[0]).toEqual({ value: 'npm', offset: 8, end: 11 });
  });
});

describe('option helpers', () => {
  const bools: [words: string, aliases: string[], expected: boolean | undefined][] = [
    ['publish', ['--dry-run'], undefined],
    ['--dry-run', ['--dry-run'], true],
    ['--dry-run=true', ['--dry-run'], true],
    ['--dry-run=false', ['--dry-run'], false],
    ['--dry-run=0', ['--dry-run'], false],
    ['--dry-run false', ['--dry-run'], false],
    ['--dry-run true', ['--dry-run'], true],
    ['--no-dry-run', ['--dry-run'], false],
    ['--dry-run --no-dry-run', ['--dry-run'], false],
    ['--no-dry-run --dry-run', ['--dry-run'], true],
    ['-g --global=false', ['-g', '--global'], false],
    ['-g', ['-g', '--global'], true],
  ];
  for (const [words, aliases, expected] of bools) {
    it(`booleanOption(${words}, ${aliases.join('|')}) = ${String(expected)}`, () => {
      expect(booleanOption(words.split(' '), ...aliases)).toBe(expected);
    });
  }

  const states: [words: string[], expected: boolean | 'expression' | undefined][] = [
    [['--dry-run'], true],
    [['--dry-run=true'], true],
    [['--dry-run', 'true'], true],
    [['--dry-run=false'], false],
    [['--no-dry-run'], false],
    [['--dry-run=${INPUTS_DRY_RUN}'], 'expression'],
    [['--dry-run=${{ inputs.dry }}'], 'expression'],
    [['--dry-run', '$DRY'], 'expression'],
    [['--dry-run=${DRY:-false}'], 'expression'],
    [['--dry-run=$DRY', '--dry-run'], true],
    [['--dry-run', '--dry-run=$(cat f)'], 'expression'],
    [['--dry-run', './dir'], true],
    // A variable named for something else is the command's argument (holoviz/panel's `$TARBALL`).
    [['--dry-run', '$TARBALL'], true],
    [['--dry-run', '${PKG_FILE}'], true],
    [['--dry-run', '${FLAGS:-x}'], 'expression'],
    [['--dry-run', '${PKG:-false}'], 'expression'],
    [['--dry-run', '$IS_PREVIEW'], 'expression'],
    [['--dry-run', '$PREVIEW'], 'expression'],
    [['--dry-run', '${SIMULATE}'], 'expression'],
    [['--dry-run', '${{ inputs.tarball }}'], 'expression'],
    [['--dry-run', '$(cat f)'], 'expression'],
    // A word that begins with literal text is neither `true`/`false` nor an option, whatever its
    // expression gives (coralogix/protofetch's `"…/coralogix-protofetch-${{ matrix.target.node }}"`).
    [['--dry-run', 'dist/pkg-${{ matrix.target }}'], true],
    [['--dry-run', './npm/${PLATFORM}'], true],
    [['--dry-run', 'pkg-`uname`'], true],
    // ...unless that text may begin `true`/`false` or an option (`--no-dry-run`).
    [['--dry-run', 'f${{ inputs.rest }}'], 'expression'],
    [['--dry-run', 'tru$E'], 'expression'],
    [['--dry-run', '--${{ inputs.mode }}'], 'expression'],
    [['--dry-run', '${{ inputs.flags }}'], 'expression'],
    [['publish'], undefined],
  ];
  for (const [words, expected] of states) {
    it(`booleanOptionState(${words.join(' ')}) = ${String(expected)}`, () => {
      expect(booleanOptionState(words, '--dry-run')).toBe(expected);
      // booleanOption keeps its nopt reading: an expression is a non-empty value, so set
      expect(booleanOption(words, '--dry-run')).toBe(expected === 'expression' ? true : expected);
    });
  }

  it('valueOption reads spaced and inline values, last wins', () => {
    expect(valueOption(['--tag', 'a', '--tag=b'], '--tag')).toBe('b');
    expect(valueOption(['--tag', 'a'], '--tag', '--dist-tag')).toBe('a');
    expect(valueOption(['--tag'], '--tag')).toBeUndefined();
    expect(valueOption(['--tagx=a'], '--tag')).toBeUndefined();
  });

  it('splitOption splits options at `=` as nopt does, short ones too', () => {
    expect(splitOption('--a=b=c')).toEqual({ name: '--a', inline: 'b=c' });
    // serverless/serverless: `npm run -w=release-scripts publish:release`.
    expect(splitOption('-w=release-scripts')).toEqual({ name: '-w', inline: 'release-scripts' });
    expect(splitOption('-1=b')).toEqual({ name: '-1=b' });
    expect(splitOption('a=b')).toEqual({ name: 'a=b' });
  });

  it('shellQuote quotes only when needed', () => {
    expect(shellQuote('--tag=next')).toBe('--tag=next');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(split(`x ${shellQuote("it's $HOME && y")}`)).toEqual(["x it's $HOME && y"]);
  });
});

describe('enclosingString', () => {
  // `^` marks the position asked about (removed before the call).
  const cases: [string, string | undefined][] = [
    ['tee <<< "export ^V=$(a | b)" >> f', '"export V=$(a | b)"'],
    ['tee <<< "export ^V=$(echo "x")" >> f', '"export V=$(echo "x")"'],
    ["sh -c 'echo ^V=`a | b` > f'", "'echo V=`a | b` > f'"],
    ['echo "a \\" ^V=1"', '"a \\" V=1"'],
    ['echo "unclosed ^V=1', '"unclosed V=1'],
    ['echo ^V=1 "x"', undefined],
    // The outermost string: its content is shell text that the caller splits again.
    ['echo "$(printf ^V=1)"', '"$(printf V=1)"'],
    ['echo $(printf "^V=1")', undefined],
    ["echo 'a' ^V=1", undefined],
  ];
  for (const [marked, quoted] of cases) {
    it(marked, () => {
      const at = marked.indexOf('^');
      const s = marked.slice(0, at) + marked.slice(at + 1);
      const found = enclosingString(s, at);
      expect(found && s.slice(found.start, found.end)).toBe(quoted);
    });
  }
});

describe('forLoops', () => {
  /** Each loop as `NAME in raw words [body text]`, the body up to its `done` (or the end). */
  const loops = (script: string): string[] =>
    forLoops(splitCommands(script)).map((l) => `${l.variable} in ${l.words.map((w) => w.raw).join(' ')} [${script.slice(l.body, l.end === Infinity ? script.length : l.end).trim()}]`);
  const rows: [name: string, script: string, expected: string[]][] = [
    ['one line', 'for d in packages/*; do (cd "$d" && npm publish); done', ['d in packages/* [; do (cd "$d" && npm publish);]']],
    ['quotes kept in raw', 'for d in "a b" c\ndo x; done', ['d in "a b" c [do x;]']],
    ['a while inside does not end it', 'for d in a; do while true; do x; done; y; done; z', ['d in a [; do while true; do x; done; y;]']],
    ['a for after do', 'while true; do for e in b; do x; done; done', ['e in b [; do x;]']],
    ['an if inside', 'for d in a; do if x; then y; fi; z; done', ['d in a [; do if x; then y; fi; z;]']],
    ['cut inside the body: no end', 'for d in a; do x', ['d in a [; do x]']],
    ['no in: not one', 'for d; do x; done', []],
    ['in a substitution: not read', 'echo $(for d in a; do x; done)', []],
  ];
  for (const [name, script, expected] of rows) it(name, () => expect(loops(script)).toEqual(expected));
});
