import { describe, expect, it } from 'vitest';
import { PUBLISH_LIFECYCLES, PUBLISH_RECOGNIZERS } from '../data/publish-tools.js';
import { analyzeScript, findPublishCommands, type RecognizeContext } from './publish-commands.js';

const NAPI = 'napi prepublish -t npm';

/** `recognizer@confidence`, then `<-script` for each lifecycle script on the way, and the package it ran in. */
function brief(script: string, ctx: RecognizeContext): string[] {
  return findPublishCommands(script, ctx).map((m) => {
    const via = m.via.map((v) => `<${v.lifecycle ? '' : 'run:'}${v.script}`).join('');
    const where = m.inPackage ? ` in ${m.inPackage.selector}@${m.inPackage.depth}` : '';
    return `${m.recognizer}@${m.confidence}${via}${where}`;
  });
}

const packages: Record<string, Record<string, string>> = {
  './dist': { prepublishOnly: NAPI },
  '@acme/app': { prepack: NAPI },
  './packages/app': { postpublish: 'napi pre-publish' },
};
const packageScripts = (selector: string): Record<string, string> | undefined => packages[selector];

interface Row {
  name: string;
  script: string;
  scripts?: Record<string, string>;
  ctx?: Partial<RecognizeContext>;
  want: string[];
}

const ROWS: Row[] = [
  // What each tool runs (data/publish-tools.ts PUBLISH_LIFECYCLES), in its order around the upload.
  { name: 'npm: prepublishOnly', script: 'npm publish --access public', scripts: { prepublishOnly: NAPI }, want: ['napi-prepublish@heuristic<prepublishOnly', 'npm-publish@certain'] },
  { name: 'npm: prepack and prepare', script: 'npm publish', scripts: { prepare: 'napi pre-publish', prepack: NAPI }, want: ['napi-prepublish@heuristic<prepack', 'napi-pre-publish@heuristic<prepare', 'npm-publish@certain'] },
  { name: 'npm: publish and postpublish run after the upload', script: 'npm publish', scripts: { postpublish: NAPI, publish: 'napi pre-publish' }, want: ['npm-publish@certain', 'napi-pre-publish@heuristic<publish', 'napi-prepublish@heuristic<postpublish'] },
  { name: 'npm: prepublish does not run on publish', script: 'npm publish', scripts: { prepublish: NAPI }, want: ['npm-publish@certain'] },
  { name: 'npm stage publish', script: 'npm stage publish', scripts: { prepublishOnly: NAPI }, want: ['napi-prepublish@heuristic<prepublishOnly', 'npm-stage-publish@certain'] },
  { name: 'pnpm: prepublishOnly and prepublish', script: 'pnpm publish --no-git-checks', scripts: { prepublish: NAPI, prepublishOnly: 'napi pre-publish' }, want: ['napi-pre-publish@heuristic<prepublishOnly', 'napi-prepublish@heuristic<prepublish', 'pnpm-publish@certain'] },
  { name: 'pnpm stage publish', script: 'pnpm stage publish', scripts: { prepack: NAPI }, want: ['napi-prepublish@heuristic<prepack', 'pnpm-stage-publish@certain'] },
  { name: 'Yarn Berry: prepublish, prepack; postpack after', script: 'yarn npm publish --access public', scripts: { prepublish: NAPI, postpack: 'napi pre-publish' }, want: ['napi-prepublish@heuristic<prepublish', 'yarn-npm-publish@certain', 'napi-pre-publish@heuristic<postpack'] },
  { name: 'Yarn Berry: no prepublishOnly', script: 'yarn npm publish --tag next', scripts: { prepublishOnly: NAPI }, want: ['yarn-npm-publish@certain'] },
  { name: 'Yarn 1: prepublishOnly, with its options', script: 'yarn publish --new-version 1.2.3 --access public', scripts: { prepublishOnly: NAPI }, want: ['napi-prepublish@heuristic<prepublishOnly', 'yarn-publish@certain'] },
  { name: 'through a runner', script: 'npx npm@11 publish', scripts: { prepublishOnly: NAPI }, want: ['napi-prepublish@heuristic<prepublishOnly', 'npm-publish@certain'] },
  { name: 'through `npm run`', script: 'npm run release', scripts: { release: 'npm publish', prepublishOnly: NAPI }, want: ['napi-prepublish@heuristic<run:release<prepublishOnly', 'npm-publish@certain<run:release'] },
  { name: 'a lifecycle script that runs another script', script: 'npm publish', scripts: { prepublishOnly: 'npm run build && npm run platforms', build: 'tsc', platforms: NAPI }, want: ['napi-prepublish@heuristic<prepublishOnly<run:platforms', 'npm-publish@certain'] },
  { name: 'a lifecycle script without a publish', script: 'npm publish', scripts: { prepare: 'husky', prepublishOnly: 'npm test' }, want: ['npm-publish@certain'] },
  // Switched off.
  { name: '--ignore-scripts', script: 'npm publish --ignore-scripts', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  { name: 'pnpm --ignore-scripts', script: 'pnpm publish --ignore-scripts', scripts: { prepublishOnly: NAPI }, want: ['pnpm-publish@certain'] },
  { name: 'a dry run publishes nothing at all', script: 'npm publish --dry-run', scripts: { prepublishOnly: NAPI }, want: [] },
  { name: 'ignore-scripts in the project .npmrc', script: 'npm publish', scripts: { prepublishOnly: NAPI }, ctx: { dir: '', npmrcIgnoresScripts: () => true }, want: ['npm-publish@certain'] },
  { name: 'the .npmrc does not switch pnpm off (not read)', script: 'pnpm publish', scripts: { prepublishOnly: NAPI }, ctx: { dir: '', npmrcIgnoresScripts: () => true }, want: ['napi-prepublish@heuristic<prepublishOnly', 'pnpm-publish@certain'] },
  { name: 'no ignore-scripts in the .npmrc', script: 'npm publish', scripts: { prepublishOnly: NAPI }, ctx: { dir: '', npmrcIgnoresScripts: () => false }, want: ['napi-prepublish@heuristic<prepublishOnly', 'npm-publish@certain'] },
  // Which package's scripts.
  { name: 'a directory argument: that package', script: 'npm publish dist --tag next', scripts: { prepublishOnly: 'echo root' }, want: ['napi-prepublish@heuristic<prepublishOnly in ./dist@0', 'npm-publish@certain'] },
  { name: 'a tarball runs no script', script: 'npm publish ./widget-1.0.0.tgz', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  { name: 'a registry spec runs no script', script: 'npm publish @acme/widget@1.0.0', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  { name: 'a variable: not followed', script: 'npm publish "$DIR"', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  { name: '-w <name>: that package', script: 'npm publish -w @acme/app', scripts: { prepublishOnly: NAPI }, want: ['napi-prepublish@heuristic<prepack in @acme/app@0', 'npm-publish@certain'] },
  { name: 'pnpm --filter <dir>', script: 'pnpm --filter ./packages/app publish', want: ['pnpm-publish@certain', 'napi-pre-publish@heuristic<postpublish in ./packages/app@0'] },
  { name: 'yarn workspace <name>', script: 'yarn workspace @acme/app npm publish', scripts: { prepublish: NAPI }, want: ['napi-prepublish@heuristic<prepack in @acme/app@0', 'yarn-npm-publish@certain in @acme/app@0'] },
  { name: 'every workspace: not followed, never the root\'s', script: 'npm publish --workspaces', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  { name: 'pnpm -r: not followed', script: 'pnpm -r publish', scripts: { prepublishOnly: NAPI }, want: ['pnpm-publish@certain'] },
  { name: 'a package tp-doctor cannot find', script: 'npm publish -w @acme/missing', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  { name: 'after a cd: that directory\'s package, not the root\'s', script: 'cd dist && npm publish', scripts: { prepublishOnly: 'echo root' }, want: ['napi-prepublish@heuristic<prepublishOnly', 'npm-publish@certain'] },
  { name: 'after cd and back', script: 'cd dist\ncd ..\nnpm publish', scripts: { prepublishOnly: NAPI }, want: ['napi-prepublish@heuristic<prepublishOnly', 'npm-publish@certain'] },
  { name: 'after a cd tp-doctor cannot follow', script: 'cd "$OUT" && npm publish', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  { name: 'a directory without a package.json', script: 'cd build && npm publish', scripts: { prepublishOnly: NAPI }, want: ['npm-publish@certain'] },
  // Bounded.
  { name: 'a lifecycle script that publishes the package again', script: 'npm publish', scripts: { prepublishOnly: 'npm publish' }, want: ['npm-publish@heuristic<prepublishOnly', 'npm-publish@certain'] },
  { name: 'a script that runs the publish that runs it', script: 'npm run prepublishOnly', scripts: { prepublishOnly: 'npm publish' }, want: ['npm-publish@certain<run:prepublishOnly'] },
];

describe('lifecycle scripts of the published package', () => {
  it.each(ROWS)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts, packageScripts, ...ctx })).toEqual(want);
  });

  it('every recogniser with a lifecycle exists, and the scripts are in the order the tool runs them', () => {
    const ids = new Set(PUBLISH_RECOGNIZERS.map((r) => r.id));
    for (const [id, lifecycle] of Object.entries(PUBLISH_LIFECYCLES)) {
      expect(ids.has(id), id).toBe(true);
      expect(new Set([...lifecycle.before, ...lifecycle.after]).size, id).toBe(lifecycle.before.length + lifecycle.after.length);
    }
    expect(PUBLISH_LIFECYCLES['npm-publish']).toMatchObject({ before: ['prepublishOnly', 'prepack', 'prepare', 'postpack'], after: ['publish', 'postpublish'] });
  });

  it('asks the .npmrc of the directory the command runs in', () => {
    const asked: string[] = [];
    findPublishCommands('cd packages/app && npm publish', { dir: 'tools', scripts: {}, shellFile: () => undefined, npmrcIgnoresScripts: (dir) => (asked.push(dir), false) });
    expect(asked).toEqual(['tools/packages/app']);
  });

  it('what a lifecycle script runs that tp-doctor cannot read is no possible publish of its own', () => {
    const analysis = analyzeScript('npm publish', { scripts: { prepublishOnly: 'node scripts/check.js && ./scripts/sign.sh' } });
    expect(analysis.matches.map((m) => m.recognizer)).toEqual(['npm-publish']);
    expect(analysis.unread).toEqual([]);
  });

  it('the lifecycle script is on the way, with its text', () => {
    const [napi] = findPublishCommands('npm publish', { scripts: { prepublishOnly: NAPI } });
    expect(napi?.via).toEqual([{ script: 'prepublishOnly', command: NAPI, lifecycle: true }]);
    expect(napi?.text).toBe('npm publish');
  });
});
