/**
 * A shell given a script file (`sh ./scripts/podspec.sh publish`, `bash scripts/x.sh`, `zsh`,
 * `dash`) reads the committed file the way `./scripts/podspec.sh publish` does
 * (src/model/npm/shell-files.ts): ionic-team/capacitor's `sh ./scripts/podspec.sh publish` runs `pod
 * trunk push` and no npm publish, but was taken for an unknown bin's `publish` (`podspec.sh
 * publish`, a likely publish) because the shell counted as a runner of bins.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { loadProject } from '../../src/model/project.js';
import { circleConfig, circleRepo, gitlabRepo } from '../helpers.js';

const PODSPEC = '#!/usr/bin/env sh\nset -e\ncase $1 in\n  lint) pod lib lint Widget.podspec ;;\n  publish) pod trunk push Widget.podspec --allow-warnings ;;\nesac\n';
const TAG = '#!/bin/sh\nset -e\ngit tag "v$1"\ngit push --tags\n';
const PUBLISH = '#!/bin/bash\nset -e\nnpm publish --access public\n';
const FILES: Record<string, string> = { 'scripts/podspec.sh': PODSPEC, 'scripts/tag.sh': TAG, 'scripts/publish.sh': PUBLISH, 'bin/release': PUBLISH };

function summary(script: string): { matches: string[]; unread: string[] } {
  const ctx: RecognizeContext = { shellFile: (file) => FILES[file], dir: '' };
  const a = analyzeScript(script, ctx, { unread: true });
  return { matches: a.matches.map((m) => `${m.label} ${m.confidence} via ${m.via.map((v) => v.script).join('>')}`), unread: a.unread.map((u) => u.words.join(' ')) };
}

describe('a shell given a script file reads it like `./file`', () => {
  const rows: [name: string, script: string, matches: string[], unread: string[]][] = [
    ['`./file publish`: a script running what tp-doctor cannot read stays unread', './scripts/podspec.sh publish', [], ['./scripts/podspec.sh publish']],
    ['`sh ./file publish` (ionic-team/capacitor): the same, not `podspec.sh publish`', 'sh ./scripts/podspec.sh publish', [], ['./scripts/podspec.sh publish']],
    ['`bash file publish`', 'bash scripts/podspec.sh publish', [], ['scripts/podspec.sh publish']],
    ['shell options before the file', 'bash -e -o pipefail scripts/podspec.sh publish', [], ['scripts/podspec.sh publish']],
    ['zsh and dash', 'zsh ./scripts/podspec.sh publish\ndash -e ./scripts/podspec.sh publish', [], ['./scripts/podspec.sh publish', './scripts/podspec.sh publish']],
    ['through xargs', 'echo x | xargs sh ./scripts/podspec.sh publish', [], ['./scripts/podspec.sh publish']],
    ['a script of known commands that publish nothing: nothing at all', 'sh ./scripts/tag.sh publish\nbash scripts/tag.sh publish', [], []],
    ['a file that is not there stays unread, as `./file publish` does', 'sh ./scripts/missing.sh publish', [], ['./scripts/missing.sh publish']],
    ['a file that publishes is still a publish', 'sh ./scripts/publish.sh\nzsh scripts/publish.sh\ndash bin/release', ['npm publish heuristic via scripts/publish.sh', 'npm publish heuristic via scripts/publish.sh', 'npm publish heuristic via bin/release'], []],
    ['`-c` still runs its command string', "zsh -c 'npm publish'\ndash -ec 'npm publish'", ['npm publish certain via ', 'npm publish certain via '], []],
    ['a runner of bins still makes an unknown bin\'s publish a guess', 'npx podspec publish', ['podspec publish heuristic via '], []],
  ];
  for (const [name, script, matches, unread] of rows) {
    it(name, () => expect(summary(script)).toEqual({ matches, unread }));
  }
});

describe('the same on every provider: no publish site for a script that pushes a podspec', () => {
  const pkg = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget' });
  const sites = (files: Record<string, string>): string[] =>
    loadProject(new MemoryFs({ ...files, 'package.json': pkg, 'scripts/podspec.sh': PODSPEC, 'scripts/publish.sh': PUBLISH })).facts.sites.map((s) => s.certainty);
  const providers: [name: string, repo: (command: string) => Record<string, string>][] = [
    // The capacitor workflow (ios.yml): the step's environment names CocoaPods, so `./scripts/podspec.sh
    // publish` is no possible npm publish either.
    ['GitHub `run:`', (command) => ({ '.github/workflows/ios.yml': `name: ios\non: workflow_dispatch\njobs:\n  ios:\n    runs-on: macos-15\n    steps:\n      - uses: actions/checkout@v5\n      - run: ${command}\n        env:\n          COCOAPODS_TRUNK_TOKEN: \${{ secrets.COCOAPODS_TRUNK_TOKEN }}\n` })],
    ['GitLab `script:`', (command) => gitlabRepo(`publish:\n  image: node:22\n  script:\n    - ${command}\n`)],
    ['CircleCI `run:`', (command) => circleRepo(circleConfig([`- run: ${command}`]))],
  ];
  const commands: [command: string, want: string[]][] = [
    ['./scripts/podspec.sh publish', []],
    ['sh ./scripts/podspec.sh publish', []],
    ['bash scripts/podspec.sh publish', []],
    ['sh ./scripts/publish.sh', ['likely']],
  ];
  for (const [provider, repo] of providers) {
    for (const [command, want] of commands) {
      it(`${provider}: ${command}`, () => expect(sites(repo(command))).toEqual(want));
    }
  }
});
