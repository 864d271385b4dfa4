import { describe, expect, it } from 'vitest';
import { shellFilesRunBy } from './shell-files.js';

const FILES: Record<string, string> = {
  'scripts/auth.sh': 'echo auth\n',
  'scripts/ci.sh': './scripts/auth.sh\n',
  'tools/bin/run': '#!/bin/bash\necho hi\n',
  'tools/bin/node-tool': '#!/usr/bin/env node\n',
  'loop.sh': 'source ./loop.sh\n',
};
const read = (file: string): string | undefined => FILES[file];

describe('shellFilesRunBy', () => {
  const cases: [string, string, string, string[]][] = [
    ['a .sh path', './scripts/auth.sh', '', ['scripts/auth.sh']],
    ['bash with an option', 'bash -e scripts/auth.sh arg', '', ['scripts/auth.sh']],
    ['source', 'source scripts/auth.sh', '', ['scripts/auth.sh']],
    ['bash -c is not a file', "bash -c './scripts/auth.sh'", '', []],
    ['a script run by a script', './scripts/ci.sh', '', ['scripts/ci.sh', 'scripts/auth.sh']],
    ['an interpreter line, from a directory', './bin/run', 'tools', ['tools/bin/run']],
    ['a node script is not read', './bin/node-tool', 'tools', []],
    ['a cd is followed', 'cd scripts && ./auth.sh', '', ['scripts/auth.sh']],
    ['a cd to a variable ends the search', 'cd "$DIR" && ./scripts/auth.sh', '', []],
    ['a missing file', './scripts/none.sh', '', []],
    ['a script that sources itself is read once', './loop.sh', '', ['loop.sh']],
  ];
  it.each(cases)('%s', (_name, script, dir, want) => {
    expect(shellFilesRunBy(script, dir, read).map((r) => r.file)).toEqual(want);
  });

  it('places a nested script at the outer command', () => {
    const script = 'set -e\n./scripts/ci.sh\n';
    const runs = shellFilesRunBy(script, '', read);
    expect(runs.map((r) => script.slice(r.offset, r.end))).toEqual(['./scripts/ci.sh', './scripts/ci.sh']);
  });
});

describe('a variable holding the committed script\'s own directory', () => {
  // palantir/documentalist: `SCRIPTS_DIR="$( dirname "$(readlink -f "$0")" )"`, then
  // `"$SCRIPTS_DIR/circle-publish-npm"`. Resolved relative to the script, wherever it was started.
  const files = (assignment: string, call: string): Record<string, string> => ({
    'scripts/outer.sh': `#!/bin/bash\nset -e\n${assignment}\n${call}\n`,
    'scripts/inner.sh': 'npm publish\n',
    'inner.sh': 'echo root\n',
    'scripts/lib/x.sh': 'echo lib\n',
    'scripts/lib/sets-dir.sh': 'DIR=/tmp\n',
    'scripts/lib/sources.sh': 'source ./other.sh\n',
  });
  const cases: [name: string, assignment: string, call: string, want: string[]][] = [
    ['$(dirname "$0")', 'DIR="$(dirname "$0")"', '"$DIR/inner.sh"', ['scripts/outer.sh', 'scripts/inner.sh']],
    ['$(dirname "$(readlink -f "$0")") with spaces', 'SCRIPTS_DIR="$( dirname "$(readlink -f "$0")" )"', '"$SCRIPTS_DIR/inner.sh"', ['scripts/outer.sh', 'scripts/inner.sh']],
    ['$(cd "$(dirname "$0")" && pwd)', 'DIR=$(cd "$(dirname "$0")" && pwd)', '$DIR/inner.sh', ['scripts/outer.sh', 'scripts/inner.sh']],
    ['$(cd "$(dirname "$0")" && pwd -P)', 'DIR="$(cd "$(dirname "$0")" && pwd -P)"', '${DIR}/inner.sh', ['scripts/outer.sh', 'scripts/inner.sh']],
    ['${BASH_SOURCE[0]}', 'DIR="$(dirname "${BASH_SOURCE[0]}")"', 'bash "$DIR/inner.sh"', ['scripts/outer.sh', 'scripts/inner.sh']],
    ['cd -- … &> /dev/null && pwd', 'DIR=$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )', 'source "$DIR/lib/x.sh"', ['scripts/outer.sh', 'scripts/lib/x.sh']],
    ['backticks', 'DIR=`dirname $0`', '$DIR/inner.sh', ['scripts/outer.sh', 'scripts/inner.sh']],
    ['$DIR/.. leaves the script directory', 'DIR="$(dirname "$0")"', '"$DIR/../inner.sh"', ['scripts/outer.sh', 'inner.sh']],
    ['set twice: unknown', 'DIR="$(dirname "$0")"\nDIR=/tmp', '"$DIR/inner.sh"', ['scripts/outer.sh']],
    ['set after the call: unknown', ':', '"$DIR/inner.sh"\nDIR="$(dirname "$0")"', ['scripts/outer.sh']],
    ['set inside a function: unknown', 'f() { DIR="$(dirname "$0")"; }', '"$DIR/inner.sh"', ['scripts/outer.sh']],
    ['another command substitution: unknown', 'DIR="$(git rev-parse --show-toplevel)"', '"$DIR/inner.sh"', ['scripts/outer.sh']],
    ['a source before the call may set it: unknown', 'DIR="$(dirname "$0")"\nsource ./env.sh', '"$DIR/inner.sh"', ['scripts/outer.sh']],
    // pact-foundation/pact-js: `SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")"; pwd)"`, then `. "$SCRIPT_DIR"/lib/robust-bash.sh`.
    ['`; pwd`, then a library sourced from the directory that leaves it alone', 'DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")"; pwd)"\n. "$DIR"/lib/x.sh', '"$DIR"/inner.sh', ['scripts/outer.sh', 'scripts/lib/x.sh', 'scripts/inner.sh']],
    ['a sourced library that sets it: unknown', 'DIR="$(dirname "$0")"\n. "$DIR/lib/sets-dir.sh"', '"$DIR/inner.sh"', ['scripts/outer.sh', 'scripts/lib/sets-dir.sh']],
    ['a sourced library that sources more: unknown', 'DIR="$(dirname "$0")"\n. "$DIR/lib/sources.sh"', '"$DIR/inner.sh"', ['scripts/outer.sh', 'scripts/lib/sources.sh']],
    ['a sourced library that is not there: unknown', 'DIR="$(dirname "$0")"\n. "$DIR/lib/missing.sh"', '"$DIR/inner.sh"', ['scripts/outer.sh']],
    ['single quotes: not expanded', 'DIR="$(dirname "$0")"', "'$DIR/inner.sh'", ['scripts/outer.sh']],
  ];
  it.each(cases)('%s', (_name, assignment, call, want) => {
    const fs = files(assignment, call);
    expect(shellFilesRunBy('./scripts/outer.sh', '', (f) => fs[f]).map((r) => r.file)).toEqual(want);
  });
  it('not in a run: block, where $0 is the shell', () => {
    const fs = files('', '');
    expect(shellFilesRunBy('DIR="$(dirname "$0")"\n"$DIR/scripts/inner.sh"', '', (f) => fs[f]).map((r) => r.file)).toEqual([]);
  });
});
