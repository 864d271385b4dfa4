import { describe, expect, it } from 'vitest';
import { ACTION_RECOGNIZERS, COMMAND_RUNNERS, PUBLISH_RECOGNIZERS, SCRIPT_RUNNERS } from '../data/publish-tools.js';
import { analyzeScript, findNpmUpgrades, findPublishCommands, recognizeAction } from './publish-commands.js';
import type { PublishMatch } from './publish-commands.js';
import type { ToolConfigFiles } from './tool-config.js';
import { parseYaml, type YNode } from '../../yaml/parse.js';

interface Row {
  script: string;
  /** Expected `recognizer` of the single match. */
  id: string;
  /** Command runner ids this row exercises (coverage of COMMAND_RUNNERS). */
  runners?: string[];
  scripts?: Record<string, string>;
  /** Exact expected values; omitted keys are not checked (except `pinnedVersion`, `flags`, `via`: default none). */
  args?: string[];
  pinned?: string;
  flags?: PublishMatch['flags'];
  via?: PublishMatch['via'];
  label?: string;
  /** Expected confidence when it differs from the table's (a dry run that depends on an expression). */
  confidence?: PublishMatch['confidence'];
  /** Files of the repository, read as the tools' configuration (`RecognizeContext.toolConfig`) at the root. */
  files?: Record<string, string>;
}

/** The tools' configuration files of a repository holding `files`. */
function toolConfigOf(files: Record<string, string>): ToolConfigFiles {
  const yaml = (f: string): YNode | undefined => (files[f] === undefined ? undefined : parseYaml(f, files[f]).root);
  return { exists: (f) => f in files, yaml, packageRoot: () => undefined, text: (f) => files[f] };
}

const POSITIVE: Row[] = [
  // npm
  { script: 'npm publish', id: 'npm-publish', args: [] },
  { script: 'npm publish --access public --tag next', id: 'npm-publish', args: ['--access', 'public', '--tag', 'next'], flags: { access: 'public', tag: 'next' } },
  { script: 'npm publish --provenance', id: 'npm-publish', flags: { provenance: true } },
  { script: 'npm publish --no-provenance --registry=https://r.example/', id: 'npm-publish', flags: { provenance: false, registry: 'https://r.example/' } },
  { script: 'npm publish --provenance=false', id: 'npm-publish', flags: { provenance: false } },
  { script: 'npm --workspace packages/a publish', id: 'npm-publish', args: [] },
  { script: 'npm -w a publish --tag beta', id: 'npm-publish', args: ['--tag', 'beta'], flags: { tag: 'beta' } },
  { script: 'npm publish -ws', id: 'npm-publish', args: ['-ws'] },
  { script: 'npm pub', id: 'npm-publish' },
  { script: 'npm publish --dry-run=false', id: 'npm-publish' },
  { script: 'npm publish --dry-run false', id: 'npm-publish' },
  { script: 'npm publish --no-dry-run', id: 'npm-publish' },
  { script: 'NODE_AUTH_TOKEN=x sudo -E npm publish', id: 'npm-publish' },
  // `env` sets variables of any name: npm reads `npm_config_@acme:registry` (npm 11.19.1).
  { script: "env 'npm_config_@acme:registry=https://r.example/' npm publish", id: 'npm-publish' },
  { script: 'npm publish --@acme:registry=https://r.example/', id: 'npm-publish', flags: { scopeRegistries: new Map([['@acme:registry', 'https://r.example/']]) } },
  // nopt: without `=` the option is `true` and the URL a positional argument.
  { script: 'npm publish --@acme:registry https://r.example/', id: 'npm-publish', args: ['--@acme:registry', 'https://r.example/'], flags: { scopeRegistries: new Map([['@acme:registry', undefined]]) } },
  { script: 'npm publish --@Acme:registry=https://r.example/', id: 'npm-publish', flags: {} },
  { script: '/usr/local/bin/npm publish', id: 'npm-publish' },
  { script: 'npm stage publish', id: 'npm-stage-publish', args: [] },
  { script: 'vp pm publish -r --tag latest --no-git-checks', id: 'vp-pm-publish', flags: { tag: 'latest' } },
  { script: 'vp pm stage publish', id: 'vp-pm-stage-publish' },
  // bengry/typedash (survey800b M2): no publish at all was seen before
  { script: 'vp publish --access public --no-git-checks --provenance', id: 'vp-publish', flags: { access: 'public', provenance: true } },
  { script: 'npm stage publish --tag next', id: 'npm-stage-publish', flags: { tag: 'next' } },
  // the cheap pre-check before splitting still sees bins written with quotes or a continuation
  { script: 'n"p"m publish', id: 'npm-publish' },
  { script: "l'erna' publish", id: 'lerna-publish' },
  { script: 'np\\\nm publish', id: 'npm-publish' },
  // runners around npm
  { script: 'npx npm@11.6 publish', id: 'npm-publish', runners: ['npx'], pinned: '11.6', args: [] },
  { script: 'npx -y npm@latest publish --provenance', id: 'npm-publish', runners: ['npx'], pinned: 'latest', flags: { provenance: true } },
  { script: 'npx --yes npm@^11.5.1 stage publish', id: 'npm-stage-publish', runners: ['npx'], pinned: '^11.5.1' },
  { script: 'npx -p npm@11 npm publish', id: 'npm-publish', runners: ['npx'], pinned: '11' },
  { script: 'npx --package=npm@11.5.2 -- npm publish', id: 'npm-publish', runners: ['npx'], pinned: '11.5.2' },
  { script: 'npx -c "npm publish"', id: 'npm-publish', runners: ['npx'] },
  // mise's `exec` / `x`: the tools before `--`, the command after it (jdx/mise: `mise x aube -- ./scripts/release-npm.sh`)
  { script: 'mise x node -- npm publish', id: 'npm-publish', runners: ['mise-exec'], args: [] },
  { script: 'mise exec -- npm publish --tag next', id: 'npm-publish', runners: ['mise-exec'], flags: { tag: 'next' } },
  { script: 'mise x node@22 -j 2 aube -- npx npm@11 publish', id: 'npm-publish', runners: ['mise-exec', 'npx'], pinned: '11' },
  { script: 'mise -C packages/a x -- npm publish', id: 'npm-publish', runners: ['mise-exec'] },
  // A container runner: the command after the image runs in the container (data/container-runs.ts).
  { script: 'docker run --rm -v "$PWD:/w" -w /w -e NPM_ID_TOKEN node:20 npm publish --tag next', id: 'npm-publish', runners: ['docker-run'], flags: { tag: 'next' } },
  { script: 'podman container run -it node:24 sh -c "npm ci && npm publish"', id: 'npm-publish', runners: ['podman-run', 'sh-c'] },
  { script: 'mise --cd=pkg exec -E ci node@20 python@3.11 -- npm publish', id: 'npm-publish', runners: ['mise-exec'] },
  { script: 'mise x node@22 -c "npm publish --tag next"', id: 'npm-publish', runners: ['mise-exec'], flags: { tag: 'next' } },
  { script: 'mise x -- changeset publish', id: 'changeset-publish', runners: ['mise-exec'] },
  // Environment managers (../data/environment-runs.ts): the command they run, in their environment.
  { script: "nix develop .#ci --impure --command bash -c 'npm ci && npm publish --tag next'", id: 'npm-publish', runners: ['nix-develop', 'bash-c'], flags: { tag: 'next' } },
  { script: "nix-shell -p nodejs_24 --run 'npm publish'", id: 'npm-publish', runners: ['nix-shell'], args: [] },
  { script: 'devbox run -- npm publish', id: 'npm-publish', runners: ['devbox-run'], args: [] },
  { script: 'direnv exec . pnpm publish', id: 'pnpm-publish', runners: ['direnv-exec'], args: [] },
  { script: 'flox activate -d . -- npm publish', id: 'npm-publish', runners: ['flox-activate'], args: [] },
  { script: 'npm exec -- npm@11.6.0 publish', id: 'npm-publish', runners: ['npm-exec'], pinned: '11.6.0' },
  { script: 'npm x --yes -- npm@11 publish', id: 'npm-publish', runners: ['npm-exec'], pinned: '11' },
  { script: 'bunx npm publish', id: 'npm-publish', runners: ['bunx'], args: [] },
  { script: 'bun x npm@11 publish', id: 'npm-publish', runners: ['bun-x'], pinned: '11' },
  { script: 'pnpx npm@11 publish', id: 'npm-publish', runners: ['pnpx'], pinned: '11' },
  { script: 'pnpm dlx npm@11 publish', id: 'npm-publish', runners: ['pnpm-dlx'], pinned: '11' },
  { script: 'pnpm -r exec npm publish', id: 'npm-publish', runners: ['pnpm-exec'] },
  { script: 'yarn dlx npm@11 publish', id: 'npm-publish', runners: ['yarn-dlx'], pinned: '11' },
  { script: 'yarn exec npm publish', id: 'npm-publish', runners: ['yarn-exec'] },
  // A shell script in one word (napi-rs/napi-rs: `yarn workspace ${pkg} exec "npm publish"`).
  { script: 'yarn exec "npm publish --access public"', id: 'npm-publish', runners: ['yarn-exec'], args: ['--access', 'public'], flags: { access: 'public' } },
  { script: 'yarn workspace foo exec "npm publish"', id: 'npm-publish', runners: ['yarn-workspace', 'yarn-exec'] },
  { script: 'lerna exec -- npm publish', id: 'npm-publish', runners: ['lerna-exec'] },
  { script: 'corepack pnpm@10.18.0 publish -r', id: 'pnpm-publish', runners: ['corepack'], pinned: '10.18.0', args: ['-r'] },
  // pnpm 11's `pnpm with <version>` runs the rest with that pnpm (kysely-org/kysely).
  { script: 'pnpm with latest-10 publish --no-git-checks', id: 'pnpm-publish', runners: ['pnpm-with'], pinned: '10', args: ['--no-git-checks'] },
  { script: 'pnpm with 9.15.0 publish -r', id: 'pnpm-publish', runners: ['pnpm-with'], pinned: '9.15.0', args: ['-r'] },
  { script: 'pnpm with current publish', id: 'pnpm-publish', runners: ['pnpm-with'], args: [] },
  { script: 'corepack yarn npm publish', id: 'yarn-npm-publish', runners: ['corepack'] },
  // pnpm
  { script: 'pnpm publish', id: 'pnpm-publish', args: [] },
  { script: 'pnpm stage publish --tag next', id: 'pnpm-stage-publish', args: ['--tag', 'next'], flags: { tag: 'next' } },
  { script: 'pnpm -r stage publish', id: 'pnpm-stage-publish' },
  { script: 'pnpm -r publish --access public', id: 'pnpm-publish', args: ['--access', 'public'], flags: { access: 'public' } },
  { script: 'pn publish -r --no-git-checks', id: 'pnpm-publish' },
  { script: 'pnpm --recursive publish', id: 'pnpm-publish' },
  { script: 'pnpm --filter ./packages/a publish', id: 'pnpm-publish', args: [] },
  { script: 'pnpm -F a publish --no-git-checks', id: 'pnpm-publish', args: ['--no-git-checks'] },
  { script: 'pnpm publish -r --no-git-checks', id: 'pnpm-publish', args: ['-r', '--no-git-checks'] },
  // yarn
  { script: 'yarn publish --non-interactive', id: 'yarn-publish', args: ['--non-interactive'] },
  { script: 'yarn npm publish --access public', id: 'yarn-npm-publish', flags: { access: 'public' } },
  { script: 'yarn workspaces foreach --all --topological --no-private npm publish --tolerate-republish', id: 'yarn-npm-publish', runners: ['yarn-workspaces-foreach'], args: ['--tolerate-republish'] },
  { script: 'yarn workspaces foreach -A --exclude root npm publish', id: 'yarn-npm-publish', runners: ['yarn-workspaces-foreach'] },
  { script: 'yarn workspace @acme/a npm publish', id: 'yarn-npm-publish', runners: ['yarn-workspace'] },
  { script: 'yarn auto shipit', id: 'auto-shipit' },
  { script: 'npx shipjs trigger', id: 'shipjs-trigger', runners: ['npx'] },
  // Ship.js's `-d` is `--dir` (its `--dry-run` is `-D`).
  { script: 'shipjs trigger -d packages/a', id: 'shipjs-trigger', args: ['-d', 'packages/a'] },
  { script: "sh -c 'npm publish --provenance'", id: 'npm-publish', runners: ['sh-c'], flags: { provenance: true } },
  { script: 'bash -c "cd dist && npm publish"', id: 'npm-publish', runners: ['bash-c'] },
  { script: "ls dist | xargs -I{} sh -c 'npm publish dist/{}'", id: 'npm-publish', runners: ['xargs', 'sh-c'] },
  // Combined and separate shell options before the command string (sass/embedded-host-node's `sh -xc`).
  { script: "find ./npm -mindepth 1 -maxdepth 1 -print0 | xargs -0 -n 1 -- sh -xc 'npm publish --provenance $1' --", id: 'npm-publish', runners: ['xargs', 'sh-c'], flags: { provenance: true } },
  { script: "bash -ec 'cd dist && npm publish'", id: 'npm-publish', runners: ['bash-c'] },
  { script: "bash -e -o pipefail -c 'npm publish'", id: 'npm-publish', runners: ['bash-c'] },
  { script: "bash --noprofile --norc -eo pipefail -c 'npm publish'", id: 'npm-publish', runners: ['bash-c'] },
  { script: "zsh -c 'npm publish --provenance'", id: 'npm-publish', runners: ['zsh-c'], flags: { provenance: true } },
  { script: "dash -ec 'cd dist && npm publish'", id: 'npm-publish', runners: ['dash-c'] },
  { script: 'find packages -name package.json -print0 | xargs -0 -n1 npm publish', id: 'npm-publish', runners: ['xargs'] },
  { script: 'npx auto canary --force', id: 'auto-canary', runners: [], label: 'auto canary' },
  { script: 'yarn auto next', id: 'auto-next', label: 'auto next' },
  { script: 'auto latest', id: 'auto-latest', label: 'auto latest' },
  { script: 'vpx npm@11.6.2 publish --provenance', id: 'npm-publish', runners: ['vpx'], pinned: '11.6.2', flags: { provenance: true } },
  { script: 'vp exec changeset publish', id: 'changeset-publish', runners: ['vp-exec'] },
  // uv's project runner (DetachHead/basedpyright); its value-taking options are skipped.
  { script: 'uv run --directory tools pnpm publish --no-git-checks', id: 'pnpm-publish', runners: ['uv-run'] },
  // bun
  { script: 'bun publish --access public', id: 'bun-publish', flags: { access: 'public' } },
  // lerna
  { script: 'lerna publish from-package --yes', id: 'lerna-publish', args: ['from-package', '--yes'] },
  { script: 'lerna publish --dist-tag next', id: 'lerna-publish', flags: { tag: 'next' } },
  { script: 'npx lerna publish from-git', id: 'lerna-publish', runners: ['npx'], args: ['from-git'] },
  { script: 'npx lerna@8 publish', id: 'lerna-publish', runners: ['npx'], pinned: '8' },
  { script: 'npx @lerna-lite/cli@4.9.0 publish', id: 'lerna-publish', runners: ['npx'], pinned: '4.9.0' },
  { script: 'pnpm lerna publish', id: 'lerna-publish' },
  { script: 'yarn lerna publish --yes', id: 'lerna-publish', args: ['--yes'] },
  { script: 'pnpm exec lerna publish', id: 'lerna-publish', runners: ['pnpm-exec'] },
  { script: 'npm exec lerna publish', id: 'lerna-publish', runners: ['npm-exec'] },
  { script: './node_modules/.bin/lerna publish', id: 'lerna-publish' },
  // changesets
  { script: 'changeset publish', id: 'changeset-publish', args: [] },
  { script: 'npx changeset publish --tag next', id: 'changeset-publish', runners: ['npx'], flags: { tag: 'next' } },
  { script: 'npx @changesets/cli@2.29 publish', id: 'changeset-publish', runners: ['npx'], pinned: '2.29' },
  { script: 'pnpm changeset publish', id: 'changeset-publish' },
  { script: 'yarn changeset publish', id: 'changeset-publish' },
  { script: 'pnpm exec changeset publish', id: 'changeset-publish', runners: ['pnpm-exec'] },
  // release tools
  { script: 'semantic-release', id: 'semantic-release', args: [] },
  { script: 'npx semantic-release --branches main', id: 'semantic-release', runners: ['npx'], args: ['--branches', 'main'] },
  { script: 'npx semantic-release@25 --dry-run=false', id: 'semantic-release', runners: ['npx'], pinned: '25' },
  { script: 'npx multi-semantic-release', id: 'multi-semantic-release', runners: ['npx'] },
  { script: 'release-it --ci', id: 'release-it', args: ['--ci'] },
  { script: 'npx release-it minor --ci', id: 'release-it', runners: ['npx'], args: ['minor', '--ci'] },
  { script: 'np --yolo --no-release-draft', id: 'np', args: ['--yolo', '--no-release-draft'] },
  { script: 'npx nx release --yes', id: 'nx-release', runners: ['npx'], args: ['--yes'] },
  { script: 'nx release publish', id: 'nx-release', args: ['publish'] },
  // control flow around the command
  { script: 'if [ -n "$X" ]; then npm publish; fi', id: 'npm-publish' },
  { script: 'npm publish || true', id: 'npm-publish' },
  { script: 'VERSION=$(npm publish --json)', id: 'npm-publish', args: ['--json'] },
  // script indirection
  { script: 'npm run release', id: 'changeset-publish', scripts: { release: 'changeset publish' }, via: [{ script: 'release', command: 'changeset publish' }] },
  { script: 'npm run-script release', id: 'npm-publish', scripts: { release: 'npm publish' }, via: [{ script: 'release', command: 'npm publish' }] },
  { script: 'npm run publish', id: 'npm-publish', scripts: { publish: 'tsc && npm publish' }, via: [{ script: 'publish', command: 'tsc && npm publish' }] },
  { script: 'pnpm run release', id: 'changeset-publish', scripts: { release: 'pnpm build && changeset publish' } },
  { script: 'pnpm release', id: 'changeset-publish', scripts: { release: 'changeset publish' } },
  { script: 'yarn release', id: 'semantic-release', scripts: { release: 'semantic-release' } },
  { script: 'yarn run release', id: 'semantic-release', scripts: { release: 'semantic-release' } },
  { script: 'bun run release', id: 'npm-publish', scripts: { release: 'bunx npm publish' } },
  {
    script: 'npm run release -- --tag next',
    id: 'npm-publish',
    scripts: { release: 'npm publish' },
    flags: { tag: 'next' },
    args: ['--tag', 'next'],
    via: [{ script: 'release', command: 'npm publish --tag next' }],
  },
  {
    script: 'npm run ship',
    id: 'lerna-publish',
    scripts: { ship: 'npm run a', a: 'npm run b', b: 'lerna publish' },
    via: [
      { script: 'ship', command: 'npm run a' },
      { script: 'a', command: 'npm run b' },
      { script: 'b', command: 'lerna publish' },
    ],
  },
  { script: 'npm run ship', id: 'npm-publish', scripts: { preship: 'npm publish', ship: 'echo' }, via: [{ script: 'preship', command: 'npm publish' }] },
  // npm 7+ hands positional arguments to the script (lit: `"release": "npm run build && npm run changeset publish"`)
  {
    script: 'npm run release',
    id: 'changeset-publish',
    scripts: { release: 'npm run build && npm run changeset publish', changeset: 'changeset', build: 'wireit' },
    via: [
      { script: 'release', command: 'npm run build && npm run changeset publish' },
      { script: 'changeset', command: 'changeset publish' },
    ],
  },
  { script: 'npm run cs --tag next publish -- --no-git-tag', id: 'changeset-publish', scripts: { cs: 'changeset' }, args: ['--no-git-tag'], via: [{ script: 'cs', command: 'changeset publish --no-git-tag' }] },
  { script: 'npm run ship', id: 'npm-publish', scripts: { ship: 'echo', postship: 'npm publish' }, via: [{ script: 'postship', command: 'npm publish' }] },
  // unresolved scripts whose names look like publishing
  { script: 'npm run release', id: 'npm-run', label: 'npm run release (script not found)' },
  { script: 'npm run publish', id: 'npm-run', scripts: {}, label: 'npm run publish (script not found)' },
  { script: 'npm run ci:publish -- --tag next', id: 'npm-run', args: ['--tag', 'next'], flags: { tag: 'next' } },
  { script: 'npm -w packages/a run release', id: 'npm-run', scripts: { release: 'echo root' } },
  { script: 'pnpm release', id: 'pnpm-run', label: 'pnpm release (script not found)' },
  { script: 'pnpm --filter a run release', id: 'pnpm-run', scripts: { release: 'echo root' }, label: 'pnpm run release (script not found)' },
  { script: 'yarn run publish:all', id: 'yarn-run', label: 'yarn run publish:all (script not found)' },
  { script: 'yarn workspace a release', id: 'yarn-run', runners: ['yarn-workspace'], scripts: { release: 'echo root' } },
  { script: 'bun run release', id: 'bun-run', label: 'bun run release (script not found)' },
  { script: 'vp run release', id: 'vp-run', label: 'vp run release (script not found)' },
  // `lerna run` without lerna's list at hand (src/model/npm/workspace-runs.test.ts reads it): a guess from the name; the root's own script never runs.
  { script: 'npx lerna run --scope @acme/a release --stream', id: 'lerna-run', runners: ['npx'], scripts: { release: 'echo root' }, label: 'lerna run release (script not found)' },
  { script: 'vp run release', id: 'npm-publish', scripts: { release: 'npm publish' } },
  // GoReleaser Pro's `npms:` (unkeyed/unkey): the configuration says whether `goreleaser release` publishes to npm.
  { script: 'goreleaser release --clean', id: 'goreleaser-release', files: { '.goreleaser.yaml': 'version: 2\nnpms:\n  - name: cli\n' } },
  // @antfu/ni's `nr` runs a script with the repository's package manager, its arguments passed on
  // (philippdormann/inetmenue-js: `nr ci:publish`); `nlx` runs a package like npx.
  { script: 'nr ci:publish', id: 'nr-run', label: 'nr ci:publish (script not found)' },
  { script: 'nr ci:publish', id: 'npm-publish', scripts: { 'ci:publish': 'npm publish --access public' }, via: [{ script: 'ci:publish', command: 'npm publish --access public' }], flags: { access: 'public' } },
  { script: 'nr release --tag next', id: 'changeset-publish', scripts: { release: 'changeset publish' }, via: [{ script: 'release', command: 'changeset publish --tag next' }], args: ['--tag', 'next'], flags: { tag: 'next' } },
  { script: 'nr --if-present release', id: 'npm-publish', scripts: { release: 'npm publish' } },
  // `-C <dir>`: that directory's script, not the root's (unknown here, without a package lookup).
  { script: 'nr -C packages/a release', id: 'nr-run', scripts: { release: 'npm publish' }, label: 'nr release (script not found)' },
  { script: 'nlx npm@11.6.2 publish', id: 'npm-publish', runners: ['nlx'], pinned: '11.6.2' },
  { script: 'nlx --local changeset publish', id: 'changeset-publish', runners: ['nlx'] },
  // A script named for a publish tool wrapping it (Shopify/cli: `"changeset": "node bin/changeset.js"`): its publish, a guess.
  { script: 'pnpm changeset publish --tag latest', id: 'changeset-publish', confidence: 'heuristic', flags: { tag: 'latest' }, scripts: { changeset: 'node bin/changeset.js' } },
  // Node's task runner (badrap/valita: `node --run build && changeset tag`), after other Node options too.
  { script: 'node --run release', id: 'node-run', label: 'node --run release (script not found)' },
  { script: 'node --env-file=.env --run release', id: 'npm-publish', scripts: { release: 'npm publish' } },
  { script: 'pnpm changeset:publish', id: 'pnpm-run', label: 'pnpm changeset:publish (script not found)' },
  { script: 'pnpm run release:canary', id: 'pnpm-run' },
  { script: 'pnpm run release:prod', id: 'pnpm-run' },
  { script: 'pnpm run publish:npm:next', id: 'pnpm-run' },
  { script: 'npm run ci:publish:latest', id: 'npm-run' },
  // a dry run decided at run time may publish (gemini-cli, typescript-eslint)
  { script: 'npm publish --dry-run="${INPUTS_DRY_RUN}" --tag=next', id: 'npm-publish', confidence: 'heuristic', flags: { tag: 'next' } },
  { script: 'npm publish --dry-run=${{ inputs.dry }}', id: 'npm-publish', confidence: 'heuristic' },
  { script: 'npm publish --dry-run "$DRY_RUN"', id: 'npm-publish', confidence: 'heuristic' },
  { script: 'npm publish --dry-run ${{ inputs.flags }}', id: 'npm-publish', confidence: 'heuristic' },
  { script: 'npx npm@11 publish --dry-run=${DRY:-false}', id: 'npm-publish', runners: ['npx'], pinned: '11', confidence: 'heuristic' },
  { script: 'pnpm exec nx release publish --tag canary --dry-run="$DRY_RUN"', id: 'nx-release', runners: ['pnpm-exec'], flags: { tag: 'canary' } },
  { script: 'release-it --ci --npm.publish=${{ inputs.publish }}', id: 'release-it', confidence: 'heuristic' },
  // tools reached through node_modules
  { script: 'node ./node_modules/.bin/changeset publish', id: 'changeset-publish', runners: ['node-bin'], args: [] },
  { script: 'node node_modules/.bin/lerna publish from-package', id: 'lerna-publish', runners: ['node-bin'], args: ['from-package'] },
  { script: 'node node_modules/@changesets/cli/bin.js publish', id: 'changeset-publish', runners: ['node-bin'] },
  { script: 'node --require esbuild-register /usr/lib/node_modules/npm/bin/npm-cli.js publish', id: 'npm-publish', runners: ['node-bin'] },
  // more tools
  { script: 'pnpm changelogen --canary nightly --publish --publishTag 2x', id: 'changelogen', flags: { tag: '2x', nameSuffix: { suffix: 'nightly' } } },
  { script: 'npx changelogen@latest --release --publish', id: 'changelogen', runners: ['npx'], pinned: 'latest' },
  { script: 'changelogen --release --publish=${{ inputs.publish }}', id: 'changelogen', confidence: 'heuristic' },
  { script: "npx '-p' 'publib@latest' 'publib-npm'", id: 'publib-npm', runners: ['npx'], args: [] },
  // `find … -exec <command> {} \;` runs the command once per file found (middyjs/middy).
  { script: "find . -name '*.tgz' -exec npm publish --access public {} \\;", id: 'npm-publish', args: ['--access', 'public', '{}'], flags: { access: 'public' } },
  // clean-publish: `npm publish` of a cleaned copy, a guess (its configuration may pick another client).
  { script: 'pnpm clean-publish --tag next', id: 'clean-publish', args: ['--tag', 'next'], flags: { tag: 'next' } },
  { script: 'npmci npm publish', id: 'npmci-publish', args: [] },
  { script: 'npmci publish npm', id: 'npmci-publish-legacy', args: ['npm'] },
  { script: 'npmci publish', id: 'npmci-publish-legacy', args: [] },
  // beachball: `npm publish` in each changed package; it has no `--dry-run` (2.x ignores it and publishes)
  { script: 'beachball publish -y', id: 'beachball-publish', args: ['-y'], label: 'beachball publish (runs npm publish)' },
  { script: 'npx beachball publish --access public -t next', id: 'beachball-publish', runners: ['npx'], flags: { access: 'public', tag: 'next' } },
  { script: 'yarn beachball publish -r https://pkgs.example/npm/ --yes', id: 'beachball-publish', flags: { registry: 'https://pkgs.example/npm/' } },
  { script: 'beachball -b origin/main publish --provenance', id: 'beachball-publish', args: ['--provenance'] },
  { script: 'beachball publish --publish=${{ inputs.publish }}', id: 'beachball-publish' },
  { script: 'beachball publish --dry-run', id: 'beachball-publish' },
  { script: 'npm run release', id: 'beachball-publish', scripts: { release: 'beachball publish -y' }, via: [{ script: 'release', command: 'beachball publish -y' }] },
  { script: 'npx beachball@2 canary --canary-name beta', id: 'beachball-canary', runners: ['npx'], pinned: '2', flags: { tag: 'beta' } },
  // napi-rs: `npm publish` in each platform package under npm/; `-t` is the git tag style
  { script: 'napi prepublish -t npm', id: 'napi-prepublish', args: ['-t', 'npm'], label: 'napi prepublish (runs npm publish)' },
  { script: 'yarn napi prepublish -t npm --skip-gh-release', id: 'napi-prepublish' },
  { script: 'npx @napi-rs/cli@3 pre-publish -t npm --no-gh-release', id: 'napi-pre-publish', runners: ['npx'], pinned: '3' },
  { script: 'pnpm exec napi pre-publish --dry-run=$DRY', id: 'napi-pre-publish', runners: ['pnpm-exec'] },
  // Rush: `rush publish` publishes only with `--publish`/`-p`; certainly with `--include-all` or `--apply`
  { script: 'rush publish --publish --include-all', id: 'rush-publish', args: ['--publish', '--include-all'], label: 'rush publish --publish' },
  { script: 'rush publish -a -p -b main --set-access-level public', id: 'rush-publish', flags: { access: 'public' } },
  { script: 'rush publish -p --include-all -t next -r https://r.example/', id: 'rush-publish', flags: { tag: 'next', registry: 'https://r.example/' } },
  { script: 'rush publish --publish', id: 'rush-publish', confidence: 'heuristic' },
  // VisActor/VTable: Rush's wrapper installs the rush.json `rushVersion` and runs `rush <args>`
  { script: 'node common/scripts/install-run-rush.js publish --publish --include-all', id: 'rush-publish', runners: ['node-bin'], args: ['--publish', '--include-all'] },
  { script: 'node ./common/scripts/install-run-rush.js publish --apply --publish --npm-auth-token $1 --include-all', id: 'rush-publish', runners: ['node-bin'] },
  { script: 'npx @microsoft/rush@5 publish -p --include-all', id: 'rush-publish', runners: ['npx'], pinned: '5' },
  // Ember's release-plan: `pnpm publish` or `npm publish` per planned package
  { script: 'pnpm release-plan publish', id: 'release-plan-publish', args: [], label: 'release-plan publish' },
  { script: 'NPM_CONFIG_PROVENANCE=true pnpm release-plan publish --github-prerelease --publish-branch=beta', id: 'release-plan-publish' },
  { script: 'npx release-plan publish --provenance --access=public', id: 'release-plan-publish', runners: ['npx'], flags: { provenance: true, access: 'public' } },
  { script: 'release-plan publish --dryRun=${{ inputs.dry }}', id: 'release-plan-publish', confidence: 'heuristic' },
  { script: 'npmci command npm publish --access public', id: 'npm-publish', runners: ['npmci-command'], flags: { access: 'public' } },
  // `<runner> <bin tp-doctor does not know> publish` (babel's release tool)
  { script: 'yarn release-tool publish --yes --provenance', id: 'unknown-bin-publish', label: 'release-tool publish', args: ['--yes', '--provenance'], flags: { provenance: true } },
  { script: 'npx @acme/ship@2 publish', id: 'unknown-bin-publish', runners: ['npx'], label: 'ship publish', pinned: '2' },
  { script: 'pnpm exec monorepo-tool publish --tag next', id: 'unknown-bin-publish', runners: ['pnpm-exec'], flags: { tag: 'next' } },
  // scripts named like a publish that run commands tp-doctor cannot read
  {
    script: 'npm run release',
    id: 'npm-run',
    scripts: { release: 'tsx scripts/publishCI.ts' },
    label: 'npm run release (runs an unrecognised command)',
    via: [{ script: 'release', command: 'tsx scripts/publishCI.ts' }],
  },
  { script: 'pnpm release --publishOnly', id: 'pnpm-run', scripts: { release: 'node scripts/release.js' }, args: ['--publishOnly'], via: [{ script: 'release', command: 'node scripts/release.js --publishOnly' }] },
  { script: 'yarn release', id: 'yarn-run', scripts: { release: 'release publish' } },
  // Runners of several scripts (`ScriptRunner.chain`): each script read as `npm run <name>` (../../test/model/script-chains.test.ts).
  { script: 'yarn release', id: 'npm-run', runners: ['run-s'], scripts: { release: 'run-s build publish:npm', 'publish:npm': 'node scripts/ship.js' }, label: 'npm run publish:npm (runs an unrecognised command)' },
  { script: 'npm run release', id: 'npm-publish', runners: ['run-p'], scripts: { release: 'run-p "pub:*"', 'pub:a': 'npm publish' }, via: [{ script: 'release', command: 'run-p "pub:*"' }, { script: 'pub:a', command: 'npm publish' }] },
  { script: 'npm run release', id: 'npm-publish', runners: ['npm-run-all'], scripts: { release: 'npm-run-all -s build -p pub', pub: 'npm publish', build: 'tsc' } },
  { script: 'npm run release', id: 'npm-publish', runners: ['npm-run-all2'], scripts: { release: 'npm-run-all2 --serial pub', pub: 'npm publish' } },
  { script: 'wasm-pack publish -a public --tag next pkg-dir', id: 'wasm-pack-publish', args: ['-a', 'public', '--tag', 'next', 'pkg-dir'], flags: { access: 'public', tag: 'next' } },
  { script: 'aegir release-rc', id: 'aegir-release', args: [] },
  { script: 'npx aegir release', id: 'aegir-release', runners: ['npx'], args: [] },
  { script: 'aegir exec --bail false npm -- publish', id: 'npm-publish', runners: ['aegir-exec'], args: [] },
  { script: 'npm run release', id: 'npm-publish', runners: ['concurrently'], scripts: { release: 'concurrently -n a,b "tsc" npm:pub', pub: 'npm publish' } },
  { script: 'npm run ci:publish', id: 'npm-run', scripts: { 'ci:publish': 'npm run build && node scripts/ship.mjs', build: 'tsc' } },
  { script: 'npm run ship', id: 'npm-run', scripts: { ship: 'npm run release', release: 'pnpm build && ./scripts/publish.sh' }, label: 'npm run release (runs an unrecognised command)' },
];

const NEGATIVE: [script: string, scripts?: Record<string, string>][] = [
  // mise needs `--` before the command: without it every word is a tool to set up.
  ['mise x node npm publish'],
  ['mise install node@22 && mise x -- npm test'],
  // `rush publish` without `--publish` only prints what it would do (or applies the change files); `--pack` packs
  ['rush publish'],
  ['rush publish --apply --target-branch main'],
  ['node common/scripts/install-run-rush.js publish -a'],
  ['node common/scripts/install-run-rush.js publish --publish --include-all --pack --release-folder ./build'],
  ['rush change --verify'],
  ['node common/scripts/install-run-rush.js change -v'],
  ['rush version --bump'],
  ['node common/scripts/install-run-rush.js install'],
  // release-plan's other subcommands, and a dry run
  ['pnpm release-plan prepare'],
  ['npx release-plan explain-plan'],
  ['pnpm release-plan publish --dryRun'],
  ['release-plan publish --dry-run'],
  ['vp pm publish --dry-run'],
  ['vp publish --dry-run'],
  ['vp pm install'],
  // names that merely contain "release" build or prepare; dry runs are not publishes even as guesses
  ['pnpm --filter @x/binding build:release:wasm', {}],
  ['yarn release-tool version --dry', {}],
  ['npm run release.ci.prepare', {}],
  ['npm run release -- --dry-run', {}],
  ['yarn release version', {}],
  ['npm publish --dry-run'],
  ['npm publish --dry-run=true'],
  ['npm publish --dry-run true'],
  // a word after `--dry-run` that begins with literal text is the directory, not its value (coralogix/protofetch)
  ['npm publish --dry-run ".github/npm/dist/platform/x-${{ matrix.target.node }}"'],
  ['npm publish ".github/npm/dist/platform/x-${{ matrix.target.node }}" --dry-run'],
  ['pnpm publish --dry-run "npm/$PLATFORM"'],
  ['npm stage publish --dry-run'],
  ['npx npm@11 publish --dry-run'],
  ['pnpm publish -r --dry-run'],
  ['yarn npm publish --dry-run'],
  ['bun publish --dry-run'],
  ['semantic-release --dry-run'],
  ['npx semantic-release -d'],
  ['release-it --dry-run'],
  ['release-it --no-npm.publish'],
  ['release-it --npm.publish=false'],
  ['np --no-publish'],
  ['np --preview'],
  ['nx release --skip-publish'],
  ['nx release version'],
  ['nx release changelog 1.2.3'],
  ['npm run publish', { publish: 'tsc' }],
  ['npm run release', { release: 'npm publish --dry-run' }],
  ['npm run build'],
  ['pnpm build'],
  ['yarn test'],
  ['echo npm publish'],
  ['echo "npm publish"'],
  ['# npm publish'],
  ['git commit -m "npm publish"'],
  ['npm view x version'],
  ['npm pack'],
  ['npm publishx'],
  ['npm p'],
  ['npm install'],
  ['pnpm install'],
  ['pnpm deploy --filter a out'],
  ['yarn'],
  ['yarn install --immutable'],
  ['git publish'],
  ['changesets publish'],
  ['changeset version'],
  ['lerna version'],
  ['nx run-many -t build'],
  ['command -v npm'],
  ['npx'],
  ['corepack enable'],
  ['npm exec'],
  ['npm run'],
  ['cat <<EOF\nnpm publish\nEOF'],
  ['npm run a', { a: 'npm run b', b: 'npm run a' }],
  ['npm run release', { release: 'npm run release' }],
  // Control: the wrapper named for the tool run with another subcommand, or a script that reads fine.
  ['pnpm changeset version', { changeset: 'node bin/changeset.js' }],
  ['pnpm changeset publish', { changeset: 'echo changesets' }],
  // @balazsorban/monorepo-release's `--peek` lists what it would release and exits (nextauthjs/next-auth).
  ['pnpm peek', { peek: 'pnpm release --peek', release: 'release' }],
  // `node --run` runs no `pre`/`post` script, and a script that builds publishes nothing.
  ['node --run build', { prebuild: 'npm publish', build: 'tsc' }],
  ['node --run release -- --dry-run', { release: 'node scripts/release.js' }],
  // Deeper than MAX_SCRIPT_DEPTH (5) script hops.
  ['npm run a', { a: 'npm run b', b: 'npm run c', c: 'npm run d', d: 'npm run e', e: 'npm run f', f: 'npm publish' }],
  // `release:pr` pushes a snapshot branch for a pull request (changesets/action); changelog and version steps
  ['pnpm release:pr'],
  ['npm run release:changelog'],
  ['npm run release:version', {}],
  ['pnpm run publish:dry-run'],
  ['npm run release:prepare-packages -- --compile-only', { 'release:prepare-packages': 'node scripts/preparepackages.js' }],
  ['yarn publish:jsr', { 'publish:jsr': 'node scripts/publish-jsr.mjs' }],
  ['yarn release:pin-versions', { 'release:pin-versions': 'node scripts/pin-versions.mjs' }],
  ['npm run release:docs:deploy', { 'release:docs:deploy': 'node scripts/docs.js' }],
  ['yarn release:tags:push', { 'release:tags:push': 'zx scripts/release.tags.push.mjs' }],
  ['if ${{ inputs.dryrun == true }}; then echo "LERNA_PUBLISH_QUERY=--dry-run" >> "$GITHUB_ENV"; fi'],
  ['pnpm run publish-extension', { 'publish-extension': 'pnpm --filter @acme/devtools run zip && pnpm --filter @acme/devtools run publish' }],
  ['npm run deploy-docs', { 'deploy-docs': 'npm run release', release: 'node scripts/docs.js' }],
  ['yarn release:artifacts', { 'release:artifacts': 'electron-builder --publish never' }],
  // scripts named like a publish that clearly do not publish
  ['npm run release', { release: 'changeset version' }],
  ['npm run release', { release: 'changeset status --since=main' }],
  ['npm run release', { release: 'changeset pre enter next' }],
  ['npm run release', { release: 'if [ -n "$CI" ]; then changeset version; else echo local; fi' }],
  ['npm run release', { release: 'for p in a b; do git tag "$p"; done' }],
  ['npm run release', { release: 'echo "publishing happens in CI"' }],
  ['npm run release', { release: 'git tag v1 && git push --tags' }],
  ['npm run release', { release: 'lerna version --yes && npm ci' }],
  ['npm run release', { release: 'npm run build && changeset version', build: 'tsc && node scripts/copy.js' }],
  ['npm run release', { release: 'TAG=$(node -p "require(\'./package.json\').version") && git tag "v$TAG"' }],
  ['npm run release -- --dry-run', { release: 'node scripts/release.js' }],
  ['npm run release', { release: 'changelogen --release && git push --follow-tags' }],
  ['npm run publish', { publish: 'npx vsce publish' }],
  // faker-js/faker: version bumpers that commit and tag, and leave the publish to a later step
  ['pnpm run release', { release: 'commit-and-tag-version' }],
  ['npm run release', { release: 'standard-version --release-as minor' }],
  ['npx standard-version'],
  // a dry run, or a dry run with a literal value
  ['npm publish --dry-run=TRUE'],
  ['changelogen --publish --dry'],
  // unknown bins: only through a runner, never the ones that publish elsewhere, only `publish`
  ['yarn release-tool version -f @babel/standalone --yes 7.26.0'],
  ['yarn release-tool check'],
  ['yarn release-tool publish --dry-run'],
  ['some-tool publish'],
  ['npx vsce publish --no-dependencies'],
  ['pnpm vsce publish'],
  ['npx jsr publish'],
  ['npx ovsx publish'],
  ['npx pkg-pr-new publish --compact'],
  ['vpx pkg-pr-new publish --compact --pnpm ./packages/rolldown/npm/*'],
  ['auto shipit --dry-run'],
  ['npx shipjs prepare --yes'],
  ['npx shipjs trigger -D'],
  ['yarn shipjs trigger --dry-run'],
  ['yarn auto changelog'],
  ['pnpm dlx pkg-pr-new@0.0 publish --pnpm'],
  ['pnpm with latest-10 dlx pkg-pr-new@0.0.71 publish --template ./example'],
  ['npx yalc publish'],
  ['npx clean-publish --without-publish'],
  ["find . -name '*.tgz' -delete"],
  ["find . -exec echo publish {} \\;"],
  // Electron apps' publishers (GitHub releases, S3), never npm (electron/fiddle).
  ['npx electron-forge publish'],
  ['yarn electron-builder publish --publish always'],
  ['npm run changeset version', { changeset: 'changeset' }],
  ['npm run release -w packages/a version', { release: 'echo' }],
  ['node scripts/publish.js'],
  ['node node_modules/.bin/changeset version'],
  ['node node_modules/typescript/bin/tsc'],
  ['changelogen --release'],
  ["npx '-p' 'publib@latest' 'publib-maven'"],
  ['npmci npm install'],
  ['npmci publish docker'],
  // beachball: no publish, or a pack instead of a publish
  ['beachball publish --no-publish'],
  ['npx beachball publish --publish=false -y'],
  ['yarn beachball publish --pack-to-path ./out'],
  ['beachball canary --no-publish'],
  ['beachball check'],
  ['npx beachball bump'],
  ['beachball change --type patch -m "x"'],
  ['beachball sync'],
  ['beachball'],
  ['npm run release', { release: 'beachball bump && git push' }],
  // napi-rs: dry runs and the commands that build or version
  // @antfu/ni: `?` only prints the command; `ni`, `nci`, `nup`, `nun`, `nd` install, update, remove.
  ['nr release ?', { release: 'npm publish' }],
  ['nlx npm publish ?'],
  ['ni'],
  ['nci'],
  ['ni -g @antfu/ni'],
  ['nun left-pad'],
  ['nr build', { build: 'tsc', release: 'npm publish' }],
  ['napi prepublish -t npm --dry-run'],
  ['napi pre-publish --skip-optional-publish'],
  ['napi build --platform --release'],
  ['napi version'],
  ['npx @napi-rs/cli artifacts'],
  ['yarn napi create-npm-dirs'],
];

function check(row: Row, m: PublishMatch | undefined): void {
  expect(m?.recognizer).toBe(row.id);
  const table = [...PUBLISH_RECOGNIZERS, ...SCRIPT_RUNNERS].find((r) => r.id === row.id);
  expect(m?.tool).toBe(table?.tool);
  expect(m?.confidence).toBe(row.confidence ?? ('confidence' in (table ?? {}) ? (table as { confidence: string }).confidence : 'heuristic'));
  const tableLabel = 'label' in (table ?? {}) ? (table as { label: string }).label : undefined;
  if (tableLabel !== undefined && !tableLabel.includes('{bin}')) expect(m?.label).toBe(tableLabel);
  if (row.label !== undefined) expect(m?.label).toBe(row.label);
  if (row.args !== undefined) expect(m?.args).toEqual(row.args);
  expect(m?.pinnedVersion).toBe(row.pinned);
  expect(m?.flags).toEqual(row.flags ?? {});
  if (row.via !== undefined || row.scripts === undefined) expect(m?.via).toEqual(row.via ?? []);
}

describe('findPublishCommands: positive rows', () => {
  for (const row of POSITIVE) {
    it(`${row.script}${row.scripts ? ` ${JSON.stringify(row.scripts)}` : ''} → ${row.id}`, () => {
      const matches = findPublishCommands(row.script, { ...(row.scripts ? { scripts: row.scripts } : {}), ...(row.files ? { toolConfig: toolConfigOf(row.files), dir: '' } : {}) });
      expect(matches).toHaveLength(1);
      check(row, matches[0]);
    });
  }
});

describe('findPublishCommands: negative rows', () => {
  for (const [script, scripts] of NEGATIVE) {
    it(`${JSON.stringify(script)}${scripts ? ` ${JSON.stringify(scripts)}` : ''} → nothing`, () => {
      expect(findPublishCommands(script, scripts ? { scripts } : {})).toEqual([]);
    });
  }
});

describe('table coverage', () => {
  const ids = new Set(POSITIVE.map((r) => r.id));
  const runners = new Set(POSITIVE.flatMap((r) => r.runners ?? []));
  it.each(PUBLISH_RECOGNIZERS.map((r) => r.id))('publish recogniser %s has a positive row', (id) => expect(ids.has(id)).toBe(true));
  // A runner of several scripts matches nothing of its own: its rows name it among `runners`.
  it.each(SCRIPT_RUNNERS.map((r) => r.id))('script runner %s has a positive row', (id) => expect(ids.has(id) || runners.has(id)).toBe(true));
  it.each(COMMAND_RUNNERS.map((r) => r.id))('command runner %s has a positive row', (id) => expect(runners.has(id)).toBe(true));
  // A row matches by the recogniser's id, or (for an action that always runs a command it names,
  // recognised as that command) by the action the match says ran it.
  it.each(ACTION_RECOGNIZERS.map((r) => [r.id, r.action] as const))('action recogniser %s has a positive row', (id, action) => {
    expect(ACTION_ROWS.some((row) => row.id === id || (row.id !== null && row.expected?.action?.name === action))).toBe(true);
  });
  // Each of an action's own Docker images has a row that runs it as `docker://<image>`.
  it.each(ACTION_RECOGNIZERS.flatMap((r) => (r.images ?? []).map((image) => [r.id, image] as const)))('action recogniser %s has a positive row for image %s', (id, image) => {
    expect(ACTION_ROWS.some((row) => row.id === id && row.uses.toLowerCase().replace(/^docker:\/\/(?:docker\.io\/)?/, '').replace(/[:@].*$/, '') === image)).toBe(true);
  });
  it('has unique ids across tables', () => {
    const all = [...PUBLISH_RECOGNIZERS, ...SCRIPT_RUNNERS, ...ACTION_RECOGNIZERS].map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('findPublishCommands: positions', () => {
  const script = [
    'npm ci',
    'npm run build && \\',
    '  npm publish \\',
    '    --provenance --access public',
    'echo done; npm run release',
    '',
  ].join('\n');

  it('reports exact spans for a multi-line script with && and a continuation', () => {
    const matches = findPublishCommands(script, { scripts: { build: 'tsc', release: 'changeset publish' } });
    expect(matches.map((m) => ({ recognizer: m.recognizer, offset: m.offset, end: m.end, text: m.text }))).toEqual([
      { recognizer: 'npm-publish', offset: 28, end: 74, text: 'npm publish \\\n    --provenance --access public' },
      { recognizer: 'changeset-publish', offset: 86, end: 101, text: 'npm run release' },
    ]);
    expect(script.slice(28, 74)).toBe(matches[0]?.text);
    expect(script.slice(86, 101)).toBe('npm run release');
    expect(matches[0]?.flags).toEqual({ provenance: true, access: 'public' });
    expect(matches[1]?.via).toEqual([{ script: 'release', command: 'changeset publish' }]);
  });

  it('reports every publish of a script in order', () => {
    const found = findPublishCommands('npm publish -w a\nnpm publish -w b --dry-run\npnpm publish -r');
    expect(found.map((m) => [m.recognizer, m.offset, m.end])).toEqual([
      ['npm-publish', 0, 16],
      ['pnpm-publish', 44, 59],
    ]);
  });

  it('reports each publish reached through one script', () => {
    const found = findPublishCommands('npm run release', { scripts: { release: 'npm publish -w a && npm publish -w b' } });
    expect(found.map((m) => [m.recognizer, m.offset, m.end, m.args])).toEqual([
      ['npm-publish', 0, 15, ['-w', 'a']],
      ['npm-publish', 0, 15, ['-w', 'b']],
    ]);
  });
});

interface ActionRow {
  uses: string;
  inputs: Record<string, string | undefined>;
  scripts?: Record<string, string>;
  /** `RecognizeContext.oidcAvailable`. */
  oidc?: boolean;
  /** Files of the repository, read as the tools' configuration at the root (`RecognizeContext.toolConfig`). */
  files?: Record<string, string>;
  id: string | null;
  expected?: Partial<PublishMatch>;
}

/** unkeyed/unkey's GoReleaser configuration, in short. */
const GORELEASER_NPMS = { '.goreleaser.yaml': 'version: 2\nnpms:\n  - name: "unkey"\n    tag: "{{ if .Prerelease }}next{{ else }}latest{{ end }}"\n' };

const ACTION_ROWS: ActionRow[] = [
  { uses: 'changesets/action@v1', inputs: { publish: 'pnpm changeset publish' }, id: 'changeset-publish', expected: { text: 'pnpm changeset publish', action: { name: 'changesets/action', ref: 'v1' } } },
  { uses: 'changesets/action@v1.7.0', inputs: { publish: 'pnpm release' }, scripts: { release: 'pnpm build && changeset publish' }, id: 'changeset-publish' },
  { uses: 'changesets/action@v1', inputs: { publish: 'yarn ci:publish' }, id: 'yarn-run', expected: { confidence: 'heuristic' } },
  { uses: 'changesets/action@v1', inputs: { publish: 'node scripts/ship.js' }, id: 'changesets-action', expected: { confidence: 'heuristic', tool: 'changesets' } },
  { uses: 'changesets/action@v1', inputs: { version: 'pnpm changeset version' }, id: null },
  { uses: 'changesets/action@v1', inputs: { publish: '' }, id: null },
  { uses: 'changesets/action@v1', inputs: { publish: 'npm publish --dry-run' }, id: null },
  {
    uses: 'JS-DevTools/npm-publish@v4',
    inputs: { provenance: 'true', access: 'public', tag: 'next' },
    id: 'js-devtools-npm-publish',
    expected: { pinnedVersion: '4', flags: { provenance: true, access: 'public', tag: 'next' }, action: { name: 'JS-DevTools/npm-publish', ref: 'v4' }, offset: 0, end: 0 },
  },
  { uses: 'js-devtools/npm-publish@v3.1.1', inputs: { token: 'x' }, id: 'js-devtools-npm-publish', expected: { pinnedVersion: '3.1.1', flags: {} } },
  { uses: 'JS-DevTools/npm-publish@0123456789abcdef0123456789abcdef01234567', inputs: {}, id: 'js-devtools-npm-publish', expected: { pinnedVersion: undefined, action: { name: 'JS-DevTools/npm-publish', ref: '0123456789abcdef0123456789abcdef01234567' } } },
  { uses: 'JS-DevTools/npm-publish@v4', inputs: { 'dry-run': 'true' }, id: null },
  { uses: 'actions/setup-node@v4', inputs: { 'registry-url': 'https://registry.npmjs.org' }, id: null },
  { uses: 'JS-DevTools/npm-publish@v4', inputs: { 'dry-run': '${{ inputs.dry-run }}' }, id: 'js-devtools-npm-publish', expected: { confidence: 'heuristic' } },
  // `publish:` is the publish command: only what never publishes is ignored
  { uses: 'changesets/action@v1', inputs: { publish: 'echo "This step should never publish"' }, id: null },
  {
    uses: 'changesets/action@v1',
    inputs: { publish: 'pnpm run ship' },
    scripts: { ship: 'node scripts/ship.js' },
    id: 'changesets-action',
    expected: { confidence: 'heuristic', label: 'changesets/action publish: pnpm run ship' },
  },
  // the build before a recognised publish is not a second guess
  { uses: 'changesets/action@v1', inputs: { publish: 'pnpm build && pnpm run ship' }, scripts: { build: 'node scripts/build.js', ship: 'changeset publish' }, id: 'changeset-publish' },
  { uses: 'changesets/action@v1', inputs: { publish: 'pnpm run ship' }, scripts: { ship: 'echo done' }, id: null },
  { uses: 'changesets/action@v1', inputs: { publish: 'node ./node_modules/.bin/changeset publish' }, id: 'changeset-publish', expected: { confidence: 'certain' } },
  // changesets/action v2: select-mode, version and pack prepare; publish runs `changeset publish` or `script`
  {
    uses: 'changesets/action/publish@v2',
    inputs: { 'pack-dir-artifact-id': '${{ needs.pack.outputs.pack-dir-artifact-id }}' },
    id: 'changeset-publish',
    expected: {
      confidence: 'certain',
      tool: 'changesets',
      label: 'changesets/action/publish (runs changeset publish)',
      text: 'changesets/action/publish@v2',
      action: { name: 'changesets/action/publish', ref: 'v2' },
    },
  },
  { uses: 'changesets/action/publish@v2', inputs: { script: 'pnpm changeset publish --tag next' }, id: 'changeset-publish', expected: { flags: { tag: 'next' }, text: 'pnpm changeset publish --tag next' } },
  { uses: 'changesets/action/publish@v2', inputs: { script: 'node scripts/publish.mjs' }, id: 'changesets-action-publish', expected: { confidence: 'heuristic' } },
  { uses: 'changesets/action/publish@v2', inputs: { script: 'npm publish --dry-run' }, id: null },
  { uses: 'changesets/action/version@v2', inputs: { 'pr-title': 'Release' }, id: null },
  // dotansimha/changesets-action, a fork with the same `publish:` input (ts-rest/ts-rest).
  { uses: 'dotansimha/changesets-action@v1.5.2', inputs: { publish: 'pnpm release' }, scripts: { release: 'pnpm build && changeset publish' }, id: 'changeset-publish' },
  {
    uses: 'dotansimha/changesets-action@v1.5.2',
    inputs: { publish: 'node scripts/release.js' },
    id: 'changesets-action-dotansimha',
    expected: { confidence: 'heuristic', label: 'dotansimha/changesets-action publish: node scripts/release.js' },
  },
  { uses: 'dotansimha/changesets-action@v1.5.2', inputs: { version: 'pnpm changeset version' }, id: null },
  // xyflow/changeset-action, another fork with the same `publish:` input (xyflow/xyflow).
  { uses: 'xyflow/changeset-action@v1', inputs: { publish: 'pnpm release' }, scripts: { release: 'pnpm build && changeset publish' }, id: 'changeset-publish' },
  {
    uses: 'xyflow/changeset-action@v1',
    inputs: { publish: 'node scripts/release.js' },
    id: 'changesets-action-xyflow',
    expected: { confidence: 'heuristic', label: 'xyflow/changeset-action publish: node scripts/release.js' },
  },
  { uses: 'xyflow/changeset-action@v1', inputs: { title: 'Release packages' }, id: null },
  // ioBroker/testing-action-deploy: `npm publish` (with its own Node and npm upgrade: src/model/github/npm-upgrades.ts).
  { uses: 'ioBroker/testing-action-deploy@v1', inputs: { 'node-version': '24.x' }, id: 'npm-publish', expected: { confidence: 'certain', tool: 'npm', label: 'ioBroker/testing-action-deploy (runs npm publish)', action: { name: 'ioBroker/testing-action-deploy', ref: 'v1' } } },
  // bcomnes/npm-bump: `npm version`, then `publish-cmd` (v3) / `publish_cmd` (v2), default `npm publish` (bcomnes/npm-run-all2).
  { uses: 'bcomnes/npm-bump@v3', inputs: { 'version-type': 'patch' }, id: 'npm-publish', expected: { confidence: 'certain', tool: 'npm', label: 'bcomnes/npm-bump (runs npm publish)', action: { name: 'bcomnes/npm-bump', ref: 'v3' } } },
  { uses: 'bcomnes/npm-bump@v2.2.1', inputs: { newversion: 'patch', publish_cmd: 'npm publish --tag next' }, id: 'npm-publish', expected: { flags: { tag: 'next' }, action: { name: 'bcomnes/npm-bump', ref: 'v2.2.1', given: true } } },
  { uses: 'bcomnes/npm-bump@v3', inputs: { 'publish-cmd': 'node scripts/release.js' }, id: 'npm-bump-action', expected: { confidence: 'heuristic', label: 'bcomnes/npm-bump publish-cmd: node scripts/release.js' } },
  { uses: 'bcomnes/npm-bump@v3', inputs: { 'publish-cmd': 'git push --follow-tags' }, id: null },
  // decentraland/oddish-action: the job's `npm publish`, with the registry, access and provenance its inputs give (dcl-regenesislabs/opendcl).
  {
    uses: 'decentraland/oddish-action@master',
    inputs: { 'registry-url': 'https://registry.npmjs.org', access: 'public', provenance: 'false' },
    id: 'npm-publish',
    expected: { confidence: 'certain', tool: 'npm', label: 'decentraland/oddish-action (runs npm publish)', flags: { registry: 'https://registry.npmjs.org', access: 'public', provenance: false }, action: { name: 'decentraland/oddish-action', ref: 'master' } },
  },
  { uses: 'decentraland/oddish-action@master', inputs: {}, id: 'npm-publish', expected: { flags: {} } },
  { uses: 'decentraland/oddish-action@master', inputs: { 'registry-url': 'https://npm.pkg.github.com' }, id: 'npm-publish', expected: { flags: { registry: 'https://npm.pkg.github.com' } } },
  { uses: 'decentraland/oddish-action@master', inputs: { 'only-update-versions': 'true' }, id: null },
  { uses: 'decentraland/oddish-action@master', inputs: { 'only-update-versions': '${{ inputs.dry }}' }, id: 'npm-publish', expected: { confidence: 'heuristic' } },
  // danielroe/uppt/publish: `npm stage publish <tarball>` after its own setup-node and `npm install -g npm@latest`; uppt's other actions never publish.
  {
    uses: 'danielroe/uppt/publish@4e0c42a0fd6091f59e5dfe168e69b57651e87bed',
    inputs: { files: '${{ needs.pack.outputs.files }}' },
    id: 'npm-stage-publish',
    expected: { confidence: 'certain', tool: 'npm', label: 'danielroe/uppt/publish (runs npm stage publish)', flags: { provenance: true }, action: { name: 'danielroe/uppt/publish', ref: '4e0c42a0fd6091f59e5dfe168e69b57651e87bed' } },
  },
  { uses: 'danielroe/uppt/release@v0.5.4', inputs: { token: 'x' }, id: null },
  { uses: 'danielroe/uppt@v0.5.4', inputs: {}, id: null },
  // MetaMask/action-npm-publish: `yarn npm publish` (staged by default); a dry run when told so, or
  // when the job has neither a token input nor an OIDC token (MetaMask/snaps's dry-run job).
  { uses: 'MetaMask/action-npm-publish@v6', inputs: {}, oidc: true, id: 'yarn-npm-publish', expected: { confidence: 'certain', tool: 'yarn-berry', staged: true, action: { name: 'MetaMask/action-npm-publish', ref: 'v6' } } },
  { uses: 'MetaMask/action-npm-publish@v6', inputs: { 'staged-publish': '${{ inputs.staged }}' }, oidc: true, id: 'yarn-npm-publish', expected: { staged: 'unknown' } },
  { uses: 'MetaMask/action-npm-publish@v6', inputs: { 'npm-token': '${{ secrets.NPM_TOKEN }}' }, oidc: false, id: 'yarn-npm-publish' },
  { uses: 'MetaMask/action-npm-publish@v6', inputs: {}, oidc: false, id: null },
  { uses: 'MetaMask/action-npm-publish@v6', inputs: { 'dry-run': 'true' }, oidc: true, id: null },
  { uses: 'MetaMask/action-npm-publish@v6', inputs: { 'dry-run': '${{ inputs.dry }}' }, oidc: true, id: 'yarn-npm-publish', expected: { confidence: 'heuristic' } },
  // Before v6: the token input only, unstaged; without it a dry run whatever the ID token (MetaMask/metamask-sdk's @v4).
  { uses: 'MetaMask/action-npm-publish@v5', inputs: {}, oidc: true, id: null },
  { uses: 'MetaMask/action-npm-publish@v4.1.0', inputs: {}, id: null },
  { uses: 'MetaMask/action-npm-publish@v5', inputs: { 'npm-token': '${{ secrets.NPM_TOKEN }}' }, oidc: true, id: 'yarn-npm-publish', expected: { confidence: 'certain' } },
  // A commit SHA is read as the current release.
  { uses: 'MetaMask/action-npm-publish@0123456789abcdef0123456789abcdef01234567', inputs: {}, oidc: true, id: 'yarn-npm-publish', expected: { staged: true } },
  // JoshuaKGoldberg/release-it-action runs `npx release-it --verbose` (create-typescript-app).
  { uses: 'JoshuaKGoldberg/release-it-action@v0.4.0', inputs: {}, id: 'release-it', expected: { confidence: 'certain', tool: 'release-it', label: 'JoshuaKGoldberg/release-it-action (runs release-it)', action: { name: 'JoshuaKGoldberg/release-it-action', ref: 'v0.4.0' } } },
  // seek-oss/changesets-snapshot always runs `changeset publish` (vanilla-extract's snapshot job).
  {
    uses: 'seek-oss/changesets-snapshot@v0.3.2',
    inputs: { 'pre-publish': 'pnpm build' },
    id: 'changeset-publish',
    expected: { confidence: 'certain', tool: 'changesets', label: 'seek-oss/changesets-snapshot (runs changeset publish)', action: { name: 'seek-oss/changesets-snapshot', ref: 'v0.3.2' } },
  },
  // Shopify/snapit (`/snapit` comments) runs `changeset publish --snapshot`, unless `branch` sends
  // the snapshot to a git branch (Shopify/hydrogen, Shopify/cli).
  {
    uses: 'Shopify/snapit@v0.0.15',
    inputs: { build_script: 'pnpm build' },
    id: 'changeset-publish',
    expected: { confidence: 'certain', tool: 'changesets', label: 'Shopify/snapit (runs changeset publish)', action: { name: 'Shopify/snapit', ref: 'v0.0.15' } },
  },
  { uses: 'shopify/snapit@main', inputs: { branch: 'snapshot-release' }, id: null },
  { uses: 'Shopify/snapit@main', inputs: { branch: '${{ inputs.branch }}' }, id: 'changeset-publish', expected: { confidence: 'heuristic' } },
  { uses: 'Shopify/snapit@main', inputs: { branch: '' }, id: 'changeset-publish', expected: { confidence: 'certain' } },
  { uses: 'changesets/action/pack@v2', inputs: {}, id: null },
  { uses: 'changesets/action/select-mode@v2', inputs: {}, id: null },
  // cycjimmy/semantic-release-action runs semantic-release
  { uses: 'cycjimmy/semantic-release-action@v5', inputs: {}, id: 'semantic-release-action', expected: { confidence: 'certain', tool: 'semantic-release', pinnedVersion: '5' } },
  { uses: 'cycjimmy/semantic-release-action@v4', inputs: { dry_run: 'true' }, id: null },
  { uses: 'cycjimmy/semantic-release-action@v4', inputs: { dry_run: '${{ inputs.dry }}' }, id: 'semantic-release-action', expected: { confidence: 'heuristic' } },
  // electron/semantic-trusted-release runs its own semantic-release 25 (electron/rebuild).
  {
    uses: 'electron/semantic-trusted-release@03517840010ba30fe5264f4875f4cff066b658d1',
    inputs: { 'github-token': '${{ secrets.GITHUB_TOKEN }}' },
    id: 'semantic-trusted-release-action',
    expected: { confidence: 'certain', tool: 'semantic-release', label: 'electron/semantic-trusted-release', action: { name: 'electron/semantic-trusted-release', ref: '03517840010ba30fe5264f4875f4cff066b658d1' } },
  },
  { uses: 'Electron/Semantic-Trusted-Release@v1', inputs: {}, id: 'semantic-trusted-release-action', expected: { pinnedVersion: '1' } },
  // codfish/semantic-release-action: `dry-run` from v3 on, `dry_run` in v1 and v2.
  { uses: 'codfish/semantic-release-action@v3', inputs: {}, id: 'codfish-semantic-release-action', expected: { confidence: 'certain', tool: 'semantic-release', pinnedVersion: '3' } },
  { uses: 'codfish/semantic-release-action@v5', inputs: { 'dry-run': 'true' }, id: null },
  { uses: 'codfish/semantic-release-action@v2', inputs: { dry_run: 'true' }, id: null },
  { uses: 'codfish/semantic-release-action@v5', inputs: { 'dry-run': 'false' }, id: 'codfish-semantic-release-action', expected: { confidence: 'certain' } },
  { uses: 'codfish/semantic-release-action@v5', inputs: { 'dry-run': '${{ inputs.dry }}' }, id: 'codfish-semantic-release-action', expected: { confidence: 'heuristic' } },
  // goreleaser/goreleaser-action runs `goreleaser <args>`: GoReleaser Pro (`distribution: goreleaser-pro`) publishes `npms:` (unkeyed/unkey).
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro', args: 'continue --merge' }, files: GORELEASER_NPMS, id: 'goreleaser-release', expected: { confidence: 'certain', tool: 'goreleaser', text: 'goreleaser continue --merge', generatedNames: ['unkey'], action: { name: 'goreleaser/goreleaser-action', ref: 'v7', given: true } } },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: '${{ inputs.edition }}', args: 'release --clean' }, files: GORELEASER_NPMS, id: 'goreleaser-release', expected: { confidence: 'heuristic' } },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro', args: 'release --clean', workdir: 'cli' }, files: { 'cli/.goreleaser.yml': 'npms:\n  - name: "@acme/cli"\n' }, id: 'goreleaser-release', expected: { generatedNames: ['@acme/cli'] } },
  // Its configuration cannot be read here: what it runs is unread, the action's own guess.
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro', args: 'release --clean' }, id: 'goreleaser-action', expected: { confidence: 'heuristic', runsUnread: true } },
  // GoReleaser OSS (the default `distribution`) refuses a configuration with `npms:`; no `args`, `install-only`, a build or a snapshot publish nothing; nor a configuration without `npms:`.
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { args: 'release --clean' }, files: GORELEASER_NPMS, id: null },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser', args: 'release --clean' }, files: GORELEASER_NPMS, id: null },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro' }, files: GORELEASER_NPMS, id: null },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro', 'install-only': 'true' }, files: GORELEASER_NPMS, id: null },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro', args: 'release --clean --split' }, files: GORELEASER_NPMS, id: null },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro', args: 'check' }, files: GORELEASER_NPMS, id: null },
  { uses: 'goreleaser/goreleaser-action@v7', inputs: { distribution: 'goreleaser-pro', args: 'release --clean' }, files: { '.goreleaser.yaml': 'version: 2\nbuilds:\n  - main: .\n' }, id: null },
  // mikeal/merge-release (mikeal/bent): its Docker entrypoint's `npm publish`.
  { uses: 'mikeal/merge-release@master', inputs: {}, id: 'npm-publish', expected: { tool: 'npm', confidence: 'certain', label: 'mikeal/merge-release (runs npm publish)', action: { name: 'mikeal/merge-release', ref: 'master' } } },
  { uses: 'mikeal/merge-release-fork@master', inputs: {}, id: null },
  // Its own Docker images (its README; codfish/actions, codfish/eslint-config): the tag is the release, a digest names none.
  { uses: 'docker://ghcr.io/codfish/semantic-release-action@sha256:c6a4e05d93f73f2870887434c1286df7a23a55770be16cb826b6e2432f92e650', inputs: {}, id: 'codfish-semantic-release-action', expected: { confidence: 'certain', action: { name: 'codfish/semantic-release-action', ref: 'sha256:c6a4e05d93f73f2870887434c1286df7a23a55770be16cb826b6e2432f92e650' }, pinnedVersion: undefined } },
  { uses: 'docker://ghcr.io/codfish/semantic-release-action:v5', inputs: {}, id: 'codfish-semantic-release-action', expected: { action: { name: 'codfish/semantic-release-action', ref: 'v5' }, pinnedVersion: '5' } },
  { uses: 'docker://codfish/semantic-release-action:v4', inputs: {}, id: 'codfish-semantic-release-action', expected: { pinnedVersion: '4' } },
  { uses: 'docker://docker.io/Codfish/Semantic-Release-Action:latest', inputs: {}, id: 'codfish-semantic-release-action', expected: { pinnedVersion: undefined } },
  { uses: 'docker://ghcr.io/codfish/semantic-release-action:v5', inputs: { 'dry-run': 'true' }, id: null },
  // Other images stay unread: another owner's, a name that only starts alike, another registry's.
  { uses: 'docker://ghcr.io/acme/semantic-release-action:v5', inputs: {}, id: null },
  { uses: 'docker://ghcr.io/codfish/semantic-release-action-fork:v5', inputs: {}, id: null },
  { uses: 'docker://quay.io/codfish/semantic-release-action:v5', inputs: {}, id: null },
  { uses: 'docker://node:24', inputs: {}, id: null },
  // Not semantic-release runners: other actions of the same owners.
  { uses: 'electron/github-app-auth-action@v2', inputs: {}, id: null },
  // tauri's covector
  { uses: 'jbolda/covector/packages/action@covector-v0', inputs: { command: 'version-or-publish' }, id: 'covector-action', expected: { confidence: 'heuristic', tool: 'covector', label: 'covector command: version-or-publish' } },
  { uses: 'jbolda/covector/packages/action@covector-v0', inputs: { command: 'publish' }, id: 'covector-action' },
  { uses: 'jbolda/covector/packages/action@covector-v0', inputs: { command: '${{ inputs.command }}' }, id: 'covector-action' },
  { uses: 'jbolda/covector/packages/action@covector-v0', inputs: { command: 'version' }, id: null },
  { uses: 'jbolda/covector/packages/action@covector-v0', inputs: {}, id: null },
];

describe('recognizeAction', () => {
  for (const row of ACTION_ROWS) {
    it(`${row.uses} ${JSON.stringify(row.inputs)} → ${row.id ?? 'nothing'}`, () => {
      const files = row.files ? { toolConfig: toolConfigOf(row.files), dir: '' } : {};
      const matches = recognizeAction(row.uses, row.inputs, { ...(row.scripts ? { scripts: row.scripts } : {}), ...(row.oidc === undefined ? {} : { oidcAvailable: row.oidc }), ...files });
      expect(matches.map((m) => m.recognizer)).toEqual(row.id === null ? [] : [row.id]);
      if (!row.expected) return;
      const { pinnedVersion, ...rest } = row.expected;
      expect(matches[0]).toMatchObject(rest);
      if ('pinnedVersion' in row.expected) expect(matches[0]?.pinnedVersion).toBe(pinnedVersion);
    });
  }
});

describe('MetaMask/action-npm-publish before v6', () => {
  it('publishes with its token unstaged (no stage publish for allowed-actions-match to judge)', () => {
    const [v5] = recognizeAction('MetaMask/action-npm-publish@v5', { 'npm-token': '${{ secrets.NPM_TOKEN }}' }, { oidcAvailable: true });
    expect(v5?.staged).toBeUndefined();
    const [v6] = recognizeAction('MetaMask/action-npm-publish@v6', { 'npm-token': '${{ secrets.NPM_TOKEN }}' }, { oidcAvailable: true });
    expect(v6?.staged).toBe(true);
  });
});

describe('findNpmUpgrades', () => {
  const rows: [script: string, expected: { spec: string; force?: boolean; viaCorepack?: boolean } | null][] = [
    ['npm install -g npm@latest', { spec: 'latest' }],
    ['npm i -g npm@11', { spec: '11' }],
    ['sudo npm install --global npm@^11.5.1', { spec: '^11.5.1' }],
    ['npm install npm@latest -g', { spec: 'latest' }],
    // A bare name is the range `*` to npm (engine-aware from npm 10.8.2: npm-version.ts engineAwarePick).
    ['npm i -g npm', { spec: '*' }],
    ['npm install -g npm@11 --force', { spec: '11', force: true }],
    ['npm i -g --force npm@11.6.0', { spec: '11.6.0', force: true }],
    ['npm -g i npm@11', { spec: '11' }],
    ['npm i --location=global npm@11', { spec: '11' }],
    ['npm i --location global npm@11', { spec: '11' }],
    ['npm i -g "npm@>=11.5.1" pnpm@9', { spec: '>=11.5.1' }],
    ['npm update -g npm', { spec: '*' }],
    ['corepack prepare npm@11.6.0 --activate', { spec: '11.6.0', viaCorepack: true }],
    ['corepack install -g npm@11', { spec: '11', viaCorepack: true }],
    ['npm install npm@11', null],
    ['npm i -g pnpm@9', null],
    ['npm install -g npm@11 --global=false', null],
    ['corepack prepare npm@11.6.0', null],
    ['corepack prepare pnpm@9 --activate', null],
    ['npx npm@11 publish', null],
    ['echo npm i -g npm@11', null],
    // A fetched npm upgrading the global one (hyperlight-dev/hyperagent, clerk/javascript).
    ['npx --yes npm@^11.5.1 install -g --force npm@^11.5.1', { spec: '^11.5.1', force: true }],
    ['pnpm dlx npm@11 i -g npm@11.6.0', { spec: '11.6.0' }],
    ['bunx npm@11 install --global npm@latest', { spec: 'latest' }],
    ['npx -y npm@11 install npm@11', null],
    ['npx -y some-tool install -g npm@11', null],
  ];
  for (const [script, expected] of rows) {
    it(`${script} → ${expected ? expected.spec : 'no upgrade'}`, () => {
      const found = findNpmUpgrades(script);
      if (expected === null) {
        expect(found).toEqual([]);
        return;
      }
      const { spec, force = false, viaCorepack = false } = expected;
      expect(found).toEqual([{ spec, force, viaCorepack, offset: 0, end: script.length, text: script }]);
    });
  }

  it('reads a spec kept in a variable the script assigns once before (tosin2013/mcp-adr-analysis-server)', () => {
    expect(findNpmUpgrades('REQUIRED_NPM="11.5.1"\nnpm install -g "npm@${REQUIRED_NPM}" --force').map((u) => u.spec)).toEqual(['11.5.1']);
    expect(findNpmUpgrades('export V=^11\nnpm i -g npm@$V').map((u) => u.spec)).toEqual(['^11']);
    // Assigned twice, from a command, or not at all: not read.
    expect(findNpmUpgrades('V=11\nV=12\nnpm i -g npm@$V').map((u) => u.spec)).toEqual(['$V']);
    expect(findNpmUpgrades('V=$(cat .npm-version)\nnpm i -g npm@$V').map((u) => u.spec)).toEqual(['$V']);
    expect(findNpmUpgrades('read V\nnpm i -g npm@$V').map((u) => u.spec)).toEqual(['$V']);
  });

  it('reports offsets of upgrades inside a longer script', () => {
    const script = 'node -v\nnpm ci && sudo npm i -g npm@11.6.0\nnpm publish';
    expect(findNpmUpgrades(script)).toEqual([{ spec: '11.6.0', force: false, viaCorepack: false, offset: 18, end: 42, text: 'sudo npm i -g npm@11.6.0' }]);
  });
});

describe('robustness', () => {
  // The bound is on the results; the timeout only catches a hang (unbounded fan-out runs for minutes).
  it('bounds script fan-out', { timeout: 60_000 }, () => {
    const fan = Array.from({ length: 50 }, () => 'npm run x').join(' && ');
    const scripts = { release: fan, x: fan.replace(/x/g, 'y'), y: 'npm publish' };
    const found = findPublishCommands('npm run release', { scripts });
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(200);
  });

  it('never throws on random shell-ish input', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['npm', ' publish', ' run ', 'x', '"', "'", '\\', '\n', '$(', ')', '${{', '}', '`', '<<EOF', 'EOF', '&&', '|', ';', '#', '-w', '--dry-run', '=', '@11', 'npx ', 'pnpm ', '-g '];
    for (let k = 0; k < 2_000; k++) {
      const script = Array.from({ length: random(30) }, () => alphabet[random(alphabet.length)]).join('');
      expect(() => findPublishCommands(script, { scripts: { x: script, release: 'npm run x' } })).not.toThrow();
      expect(() => findNpmUpgrades(script)).not.toThrow();
    }
  });
});

describe('analyzeScript: what it cannot read', () => {
  it('a GitHub expression that compares is a boolean, not a command to read', () => {
    expect(analyzeScript('if ${{ inputs.dryrun == true }}; then echo "Q=--dry-run" >> "$GITHUB_ENV"; fi').unread).toEqual([]);
    expect(analyzeScript('${{ !inputs.skip }} && ./scripts/publish.sh').unread.map((u) => u.text)).toEqual(['./scripts/publish.sh']);
    // An expression that names a command stays unread: it may be anything.
    expect(analyzeScript('${{ matrix.publish-command }}').unread.map((u) => u.text)).toEqual(['${{ matrix.publish-command }}']);
  });

  it('`yarn run` and `bun run` run a known bin when no script has its name; `pnpm run` runs scripts only', () => {
    // reduxjs/redux-toolkit: pkg-pr-new publishes to pkg.pr.new, not npm, whatever `--packageManager` says.
    for (const script of ['yarn run --binaries-only --top-level pkg-pr-new publish --packageManager=npm', 'yarn run pkg-pr-new publish --packageManager=npm']) {
      expect(analyzeScript(script), script).toEqual({ matches: [], unread: [] });
    }
    expect(analyzeScript('yarn run lerna publish').matches.map((m) => m.recognizer)).toEqual(['lerna-publish']);
    expect(analyzeScript('bun run changeset publish').matches.map((m) => m.recognizer)).toEqual(['changeset-publish']);
    // A script of that name wins over the bin.
    expect(analyzeScript('yarn run lerna publish', { scripts: { lerna: 'echo no' } }).matches).toEqual([]);
    expect(analyzeScript('pnpm run lerna publish').unread.map((u) => u.words.join(' '))).toEqual(['lerna publish']);
  });

  it('changelogithub writes GitHub release notes: known, no publish (semaphore-protocol/semaphore `version:release`)', () => {
    expect(analyzeScript('yarn version:release', { scripts: { 'version:release': 'changelogithub' } })).toEqual({ matches: [], unread: [] });
    // control: a bin tp-doctor does not know stays a command it cannot read
    expect(analyzeScript('yarn version:release', { scripts: { 'version:release': 'changelog-maker' } }).unread.map((u) => u.text)).toEqual(['yarn version:release']);
  });

  it("a publish tool's other subcommands are read, not left as commands that may publish", () => {
    for (const script of ['beachball check', 'npx beachball bump', 'napi build --release', 'napi version']) {
      expect(analyzeScript(script), script).toEqual({ matches: [], unread: [] });
    }
  });

  it("Rush's own actions are read; a custom command of command-line.json is a command tp-doctor cannot read", () => {
    for (const script of ['rush install', 'rush build --only tag:package', 'rush -q publish --apply', 'node common/scripts/install-run-rush.js version --bump', 'rush change -v']) {
      expect(analyzeScript(script), script).toEqual({ matches: [], unread: [] });
    }
    expect(analyzeScript('rush release-packages --tag next').unread.map((u) => u.words.join(' '))).toEqual(['rush release-packages --tag next']);
    expect(analyzeScript('node common/scripts/install-run-rush.js publish-npm').unread.map((u) => u.words.join(' '))).toEqual(['rush publish-npm']);
  });
});

describe('scripts of the one package a command names (RecognizeContext.packageScripts)', () => {
  const packages: Record<string, Record<string, string>> = {
    '@acme/app': { release: 'npm publish --access public', build: 'tsc', ship: 'npm run release' },
    'packages/app': { release: 'npm publish --access public', build: 'tsc' },
  };
  const asked: string[] = [];
  const packageScripts = (selector: string): Record<string, string> | undefined => {
    asked.push(selector);
    return packages[selector];
  };
  const root = { release: 'echo root only' };

  it.each([
    'yarn workspace @acme/app release',
    'yarn workspace @acme/app run release',
    'pnpm --filter @acme/app run release',
    'pnpm -F @acme/app release',
    'pnpm --filter {packages/app} run release',
    'npm run release -w packages/app',
    'npm --workspace=packages/app run release',
    'npm run release --prefix packages/app',
    'yarn --cwd packages/app release',
    'yarn workspace @acme/app ship',
  ])('%s runs that package\'s script: a publish for certain', (script) => {
    const found = findPublishCommands(script, { scripts: root, packageScripts });
    expect(found.map((m) => [m.recognizer, m.confidence])).toEqual([['npm-publish', 'certain']]);
    expect(found[0]?.via.map((v) => v.script)).toContain('release');
  });

  it('a script of that package that does not publish is no publish and no guess', () => {
    expect(findPublishCommands('yarn workspace @acme/app build', { scripts: root, packageScripts })).toEqual([]);
    expect(findPublishCommands('pnpm --filter ./packages/app run build', { scripts: root, packageScripts })).toEqual([]);
  });

  it('asks for the literal selector, relative as written', () => {
    asked.length = 0;
    findPublishCommands('pnpm --filter ./packages/app run build', { packageScripts });
    expect(asked).toEqual(['./packages/app']);
  });

  it.each([
    ['several packages', 'pnpm --filter @acme/app --filter @acme/lib run release'],
    ['a graph selector', 'pnpm --filter "@acme/app..." run release'],
    ['a glob', 'pnpm --filter "@acme/*" run release'],
    ['every package', 'pnpm -r run release'],
    ['a variable', 'yarn workspace "$PKG" release'],
    ['an expression', 'yarn workspace ${{ matrix.pkg }} release'],
  ])('%s: the scripts stay unknown, the name is a guess as before', (_what, script) => {
    asked.length = 0;
    const found = findPublishCommands(script, { scripts: root, packageScripts });
    expect(asked).toEqual([]);
    expect(found.map((m) => m.confidence)).toEqual(['heuristic']);
    expect(found[0]?.label).toMatch(/script not found/);
  });

  it('a package tp-doctor cannot find keeps the guess', () => {
    const found = findPublishCommands('yarn workspace @acme/missing release', { scripts: root, packageScripts });
    expect(found.map((m) => [m.confidence, m.label])).toEqual([['heuristic', 'yarn release (script not found)']]);
  });

  it('without a lookup, the root scripts never stand in for the package', () => {
    const found = findPublishCommands('yarn workspace @acme/app build', { scripts: { build: 'npm publish' } });
    expect(found).toEqual([]);
  });
});

describe('a PATH that puts another directory first (PublishMatch.pathShim)', () => {
  const files: Record<string, string> = { 'scripts/wrap-staged/npm': '#!/bin/sh\nexec npm "$@"\n', 'bin/npm': '#!/bin/sh\n', 'shims/npm': '#!/bin/sh\n' };
  const shim = (script: string, scripts?: Record<string, string>): (string | undefined)[] =>
    findPublishCommands(script, { ...(scripts ? { scripts } : {}), shellFile: (file) => files[file] }).map((m) => (m.pathShim ? `${m.pathShim.holds} ${m.pathShim.path}` : undefined));
  it('is read from the command, a script on its way, and an earlier export: a committed wrapper', () => {
    // apollographql/apollo-client: a wrapper `npm` that stages every publish comes first.
    expect(shim('npm run release', { release: 'PATH="$PWD/scripts/wrap-staged:$PATH" changeset publish' })).toEqual(['wrapper $PWD/scripts/wrap-staged:$PATH']);
    expect(shim('PATH=./bin:$PATH npm run release', { release: 'npm publish' })).toEqual(['wrapper ./bin:$PATH']);
    expect(shim('export PATH="$(pwd)/shims:${PATH}"\nnpm publish')).toEqual(['wrapper $(pwd)/shims:${PATH}']);
  });
  it('is an install for a directory named for npm or Node', () => {
    expect(shim('CI=1 PATH=/opt/npm12/bin npm publish')).toEqual(['install /opt/npm12/bin']);
    expect(shim('PATH="$HOME/.nvm/versions/node/v24.1.0/bin:$PATH" npm publish')).toEqual(['install $HOME/.nvm/versions/node/v24.1.0/bin:$PATH']);
    // node_modules/.bin holds npm when a package depends on it (review of 2026-12-04).
    expect(shim('export PATH="$PWD/node_modules/.bin:$PATH"\nnpm publish')).toEqual(['install $PWD/node_modules/.bin:$PATH']);
  });
  it('is a wrapper when the repository holds an npm there, whatever the folder is called', () => {
    files['scripts/npm-wrap/npm'] = '#!/bin/sh\n';
    expect(shim('PATH="$PWD/scripts/npm-wrap:$PATH" npm publish')).toEqual(['wrapper $PWD/scripts/npm-wrap:$PATH']);
  });
  it('is not set when the directory holds no npm, PATH only grows at the end, or is not assigned', () => {
    expect(shim('export PATH="$HOME/.cargo/bin:$PATH"\nnpm publish')).toEqual([undefined]);
    expect(shim('PATH="$PWD/tools:$PATH" npm publish')).toEqual([undefined]);
    expect(shim('PATH=$PATH:/opt/bin npm publish')).toEqual([undefined]);
    expect(shim('export PATH="${PATH}:/x"\nnpm publish')).toEqual([undefined]);
    expect(shim('echo PATH=./bin:$PATH && npm publish')).toEqual([undefined]);
    expect(shim('npm publish')).toEqual([undefined]);
  });
});

describe('pnpm exec in shell mode (`-c`, `--shell-mode`)', () => {
  it('reads the words after it as one command line', () => {
    expect(findPublishCommands('pnpm -r -c exec "npm publish --access public"').map((m) => m.recognizer)).toEqual(['npm-publish']);
    expect(findPublishCommands('pnpm -r exec --shell-mode "cd dist && npm publish"').map((m) => m.recognizer)).toEqual(['npm-publish']);
  });
  it('a rewrite of package.json with jq is nothing it cannot read (solidjs/solid-start)', () => {
    const script = 'pnpm --filter=\'./packages/*\' -c exec "echo $(cat package.json | jq \'.exports = .publishConfig.exports\') > package.json"';
    expect(analyzeScript(script)).toEqual({ matches: [], unread: [] });
  });
});

describe('script hops (MAX_SCRIPT_DEPTH)', () => {
  // inngest/inngest-js: `release:all` → `release:publish` → `pnpm -r release` → `node publish.js`.
  it('five hops of package.json scripts are followed, six are not', () => {
    const chain = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, i === n - 1 ? 'npm publish' : `npm run s${i + 1}`]));
    expect(findPublishCommands('npm run s0', { scripts: chain(5) }).map((m) => [m.recognizer, m.via.length])).toEqual([['npm-publish', 5]]);
    expect(findPublishCommands('npm run s0', { scripts: chain(6) })).toEqual([]);
  });
});

describe('command lines nested in command lines', () => {
  it('are read up to a bound, then the command is one tp-doctor cannot read (no stack overflow)', () => {
    const deep = `${'pnpm -c exec '.repeat(1500)}npm publish`;
    const analysis = analyzeScript(deep);
    expect(analysis.matches).toEqual([]);
    expect(analysis.unread).toHaveLength(1);
    expect(findPublishCommands(`${'pnpm -c exec '.repeat(3)}npm publish`).map((m) => m.recognizer)).toEqual(['npm-publish']);
  });
});

describe('a `cd` into a package before `npm run x` (frame-moves.ts inMovedPackage)', () => {
  const packages: Record<string, Record<string, string>> = {
    './packages/lib': { release: 'echo lib', nested: 'cd packages/x && npm run release', ship: 'npm publish' },
    './packages/x': { release: 'npm publish' },
  };
  const ctx = { scripts: { release: 'echo root', ship: 'echo root' }, packageScripts: (s: string) => packages[s] };
  it.each<[string, string[]]>([
    ['cd packages/lib && npm run ship', ['npm-publish']],
    ['cd packages/x\npnpm run release', ['npm-publish']],
    ['cd packages/x && cd ../lib && yarn run ship', ['npm-publish']],
    ['cd packages/lib && cd ../.. && npm run ship', []],
    ['cd packages && npm run ship', []],
    ['cd $DIR && npm run ship', []],
    // packages/lib/packages/x is not the root's packages/x: the package's own `cd` is not looked up from the root.
    ['cd packages/lib && npm run nested', []],
  ])('%s', (script, want) => {
    expect(findPublishCommands(script, ctx).map((m) => m.recognizer)).toEqual(want);
  });
});

describe('mise exec: the Node it sets up, the directory and the script it runs', () => {
  const release = (file: string): string | undefined => ({ 'scripts/release.sh': 'npm publish --access public', 'pkg/scripts/release.sh': 'npm publish' })[file];
  const rows: [script: string, shim: string | undefined, via: string[]][] = [
    ['mise x node -- npm publish', 'mise x node --', []],
    ['mise x nodejs@22.14.0 -- npm publish', 'mise x nodejs@22.14.0 --', []],
    ['mise exec node@lts python -- npm publish', 'mise exec node@lts python --', []],
    ['mise x node@22 -c "npm publish"', 'mise x node@22', []],
    ['mise exec -- npm publish', undefined, []],
    ['mise x aube -- npm publish', undefined, []],
    ['mise x node -- ./scripts/release.sh', 'mise x node --', ['scripts/release.sh']],
    ['mise x aube -- bash ./scripts/release.sh', undefined, ['scripts/release.sh']],
    ['mise -C pkg x -- ./scripts/release.sh', undefined, ['pkg/scripts/release.sh']],
    ['mise x --cd pkg -- ./scripts/release.sh', undefined, ['pkg/scripts/release.sh']],
  ];
  it.each(rows)('%s', (script, shim, via) => {
    const [m, ...more] = analyzeScript(script, { dir: '', shellFile: release }).matches;
    expect(more).toEqual([]);
    expect(m?.recognizer).toBe('npm-publish');
    expect(m?.pathShim).toEqual(shim === undefined ? undefined : { path: shim, holds: 'runtime' });
    expect(m?.via.map((v) => v.script)).toEqual(via);
  });
  it('leaves `mise run <task>` a command it cannot read', () => {
    expect(analyzeScript('mise run release').unread.map((u) => u.text)).toEqual(['mise run release']);
  });
});
