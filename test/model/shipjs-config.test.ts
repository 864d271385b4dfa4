/**
 * `shipjs trigger` runs the `publishCommand` of ship.config.js (src/model/npm/shipjs-config.ts):
 * recognition through a repository's files, then whole lints (algolia/instantsearch ran
 * `yarn lerna publish from-package` with lerna 6; algolia/autocomplete `yarn publish`).
 */
import { describe, expect, it } from 'vitest';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import type { ToolConfigFiles } from '../../src/model/npm/tool-config.js';
import { circleConfig, lintFiles } from '../helpers.js';

/** The tool configuration files of a repository holding `files`. */
function configFiles(files: Record<string, string>): ToolConfigFiles {
  return { exists: (f) => f in files, yaml: () => undefined, packageRoot: () => undefined, text: (f) => files[f] };
}

function inRepo(files: Record<string, string>, extra: RecognizeContext = {}): RecognizeContext {
  return { toolConfig: configFiles(files), shellFile: (f) => files[f], dir: '', ...extra };
}

function summary(script: string, ctx: RecognizeContext): { matches: string[]; unread: string[] } {
  const a = analyzeScript(script, ctx, { unread: true });
  return {
    matches: a.matches.map((m) => `${m.label} ${m.confidence} via ${m.via.map((v) => v.script).join('>')} @${m.offset}-${m.end}`),
    unread: a.unread.map((u) => u.words.join(' ')),
  };
}

const config = (command: string): string => `module.exports = {\n  publishCommand: ${command},\n};\n`;
const LERNA = config("() => 'yarn lerna publish from-package --yes'");
const GUESS = 'shipjs trigger heuristic via ';

describe('`shipjs trigger` and its publishCommand', () => {
  const cases: { name: string; script: string; files: Record<string, string>; ctx?: RecognizeContext; matches: string[]; unread?: string[] }[] = [
    {
      name: 'the command is read and recognised, located at `shipjs trigger`',
      script: 'yarn install\nyarn shipjs trigger',
      files: { 'ship.config.js': LERNA },
      matches: ['lerna publish (publishCommand in ship.config.js) certain via ship.config.js @13-32'],
    },
    {
      name: '`${tag}` stays a word tp-doctor cannot read',
      script: 'npx shipjs trigger',
      files: { 'ship.config.cjs': config('({ tag }) => `yarn publish --access public --tag ${tag}`') },
      matches: ['yarn publish (Yarn 1) (publishCommand in ship.config.cjs) certain via ship.config.cjs @0-18'],
    },
    {
      name: 'Ship.js reads ship.config.js first',
      script: 'shipjs trigger',
      files: { 'ship.config.js': config("() => 'npm publish'"), 'ship.config.mjs': LERNA },
      matches: ['npm publish (publishCommand in ship.config.js) certain via ship.config.js @0-14'],
    },
    {
      name: 'in another package a runner names: its directory is not followed, the guess stays',
      script: 'yarn workspace site release',
      files: { 'ship.config.js': LERNA, 'packages/site/ship.config.js': LERNA },
      ctx: { packageScripts: (selector) => (selector === 'site' ? { release: 'shipjs trigger' } : undefined) },
      matches: [`${GUESS}release @0-27`],
    },
    {
      name: 'after a `cd`: the configuration of that directory',
      script: 'cd packages/site && shipjs trigger',
      files: { 'packages/site/ship.config.js': config("() => 'pnpm publish'") },
      matches: ['pnpm publish (publishCommand in packages/site/ship.config.js) certain via packages/site/ship.config.js @20-34'],
    },
    {
      name: 'a script that runs `shipjs trigger`',
      script: 'yarn release',
      files: { 'ship.config.js': LERNA },
      ctx: { scripts: { release: 'shipjs trigger' } },
      matches: ['lerna publish (publishCommand in ship.config.js) certain via release>ship.config.js @0-12'],
    },
    {
      name: 'with `monorepo`: a guess (the command runs in each package to publish)',
      script: 'shipjs trigger',
      files: { 'ship.config.js': "module.exports = {\n  monorepo: { packagesToPublish: ['packages/*'] },\n  publishCommand: () => 'npm publish',\n};\n" },
      matches: ['npm publish (publishCommand in ship.config.js) heuristic via ship.config.js @0-14'],
    },
    {
      name: 'a dry run in the command is no publish',
      script: 'shipjs trigger',
      files: { 'ship.config.js': config("() => 'npm publish --dry-run'") },
      matches: [],
    },
    {
      name: 'a command that publishes nothing: nothing',
      script: 'shipjs trigger',
      files: { 'ship.config.js': config("() => 'echo skipped'") },
      matches: [],
    },
    { name: 'a command tp-doctor cannot read keeps the guess', script: 'shipjs trigger', files: { 'ship.config.js': config("() => 'npx now'") }, matches: [`${GUESS} @0-14`] },
    { name: 'no configuration: the default `npm publish`, a guess as before', script: 'shipjs trigger', files: {}, matches: [`${GUESS} @0-14`] },
    { name: 'a publishCommand it cannot read keeps the guess', script: 'shipjs trigger', files: { 'ship.config.js': config("({ isYarn }) => isYarn ? 'yarn publish' : 'npm publish'") }, matches: [`${GUESS} @0-14`] },
    { name: '`--dir` names another directory: not read', script: 'shipjs trigger --dir packages/a', files: { 'ship.config.js': LERNA, 'packages/a/ship.config.js': LERNA }, matches: [`${GUESS} @0-31`] },
    { name: '`-d` is `--dir`, not a dry run', script: 'shipjs trigger -d packages/a', files: {}, matches: [`${GUESS} @0-28`] },
    { name: '`-D` is the dry run', script: 'shipjs trigger -D', files: { 'ship.config.js': LERNA }, matches: [] },
    { name: 'an unknown directory (`cd "$DIR"`): not read', script: 'cd "$DIR" && shipjs trigger', files: { 'ship.config.js': LERNA }, matches: [`${GUESS} @13-27`] },
    { name: 'without the files (no `toolConfig`): not read', script: 'shipjs trigger', files: { 'ship.config.js': LERNA }, ctx: { toolConfig: undefined }, matches: [`${GUESS} @0-14`] },
  ];

  it.each(cases)('$name', ({ script, files, ctx, matches, unread }) => {
    const got = summary(script, inRepo(files, ctx));
    expect(got.matches).toEqual(matches);
    if (unread) expect(got.unread).toEqual(unread);
  });

  it('keeps the command and where the configuration writes it', () => {
    const [match] = analyzeScript('shipjs trigger', inRepo({ 'ship.config.js': LERNA })).matches;
    expect(match?.via).toEqual([{ script: 'ship.config.js', command: 'yarn lerna publish from-package --yes', at: { file: 'ship.config.js', start: { line: 2, column: 3 }, end: { line: 2, column: 17 } } }]);
    expect(match?.args).toEqual(['from-package', '--yes']);
  });
});

const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

describe('a whole lint: the tool in publishCommand is checked like one in the step', () => {
  /** algolia/instantsearch: `yarn shipjs trigger` on CircleCI, lerna 6 (ab-shipjs-config-lerna6). */
  const instantsearch = (shipConfig: string | undefined): Record<string, string> => ({
    'package.json': JSON.stringify({
      name: 'widgets-monorepo',
      private: true,
      workspaces: ['packages/*'],
      repository: { url: 'https://github.com/acme/widgets' },
      devDependencies: { shipjs: '0.26.0', lerna: '6.0.3' },
      packageManager: 'yarn@1.22.22',
    }),
    'lerna.json': '{"npmClient": "yarn", "useWorkspaces": true, "version": "independent"}',
    'packages/widget/package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widgets', directory: 'packages/widget' } }),
    '.circleci/config.yml': circleConfig([`- run: ${ID} && yarn shipjs trigger`]),
    ...(shipConfig === undefined ? {} : { 'ship.config.js': shipConfig }),
  });

  it('lerna 6 in publishCommand: the error the same command in the step gets', async () => {
    const viaConfig = await lintFiles(instantsearch(LERNA));
    expect(viaConfig.map((d) => `${d.ruleId}/${d.messageId}@${d.severity} ${d.line}`)).toEqual([expect.stringMatching(/^publish-tool-supports-oidc\/tooOld@error \d+$/)]);
    const [finding] = viaConfig;
    expect(finding?.message).toContain('`lerna publish` runs lerna "6.0.3" (`devDependencies` in package.json); trusted publishing needs lerna 9 or later');
    expect(finding?.related.map((r) => `${r.file}:${r.start.line} ${r.label}`)).toContain('ship.config.js:2 `yarn lerna publish from-package --yes` is written here');
    const inStep = await lintFiles({ ...instantsearch(undefined), '.circleci/config.yml': circleConfig([`- run: ${ID} && yarn lerna publish from-package --yes`]) });
    expect(inStep.map((d) => `${d.ruleId}/${d.messageId}@${d.severity} ${d.line}`)).toEqual(viaConfig.map((d) => `${d.ruleId}/${d.messageId}@${d.severity} ${d.line}`));
  });

  it('the ship.config.js of algolia/instantsearch: other functions\' templates use `${publishCommands}`, the command is still read', async () => {
    const shipConfig = [
      "const shell = require('shelljs');",
      '',
      'module.exports = {',
      '  formatPullRequestMessage: ({ repo, publishCommands, title }) => {',
      '    const publishCommandsTable = `\\`\\`\\`${publishCommands}\\`\\`\\``;',
      '    const message = `',
      'This is going to be published with the following command:',
      '',
      '${publishCommandsTable}',
      '`.trim();',
      '    return message;',
      '  },',
      "  buildCommand: () => 'NODE_ENV=production yarn build:ci',",
      "  publishCommand: () => 'yarn lerna publish from-package --yes',",
      '  beforeCommitChanges() {',
      "    shell.exec('yarn run doctoc');",
      '  },',
      '};',
      '',
    ].join('\n');
    const found = await lintFiles(instantsearch(shipConfig));
    expect(found.map((d) => `${d.ruleId}/${d.messageId}@${d.severity}`)).toEqual(['publish-tool-supports-oidc/tooOld@error']);
    expect(found[0]?.related.map((r) => `${r.file}:${r.start.line}`)).toContain('ship.config.js:14');
    // Control: the same file reading `${config.publishCommand}` in that template is left unread (nothing reported, as before).
    expect(await lintFiles(instantsearch(shipConfig.replace('${publishCommandsTable}', '${repo.publishCommand}')))).toEqual([]);
  });

  it('without a publishCommand, or one it cannot read, nothing is reported (as before)', async () => {
    expect(await lintFiles(instantsearch(undefined))).toEqual([]);
    expect(await lintFiles(instantsearch(config("({ isYarn }) => isYarn ? 'yarn lerna publish from-package' : 'npx lerna publish from-package'")))).toEqual([]);
  });

  it('with `monorepo`: a warning, never an error on a guess', async () => {
    const monorepo = "module.exports = {\n  monorepo: { packagesToPublish: ['packages/widget'] },\n  publishCommand: () => 'yarn lerna publish from-package --yes',\n};\n";
    const found = await lintFiles(instantsearch(monorepo));
    expect(found.map((d) => `${d.ruleId}/${d.messageId}@${d.severity}`)).toEqual(['publish-tool-supports-oidc/tooOld@warning']);
  });
});
