#!/usr/bin/env node
// Hostile repositories for tp-doctor: inputs that tried to make it read outside the repository, hang
// or run out of memory (issue 12). Used by bench/hostile.mjs (timings at size n and 2n) and by
// test/hardening/hostile.test.ts (small sizes, a result per case).
//
//   node scripts/gen-hostile.mjs                 # writes fixtures/hostile/<case>/ at the default sizes
//   node scripts/gen-hostile.mjs --scale 0.1     # smaller
//   node scripts/gen-hostile.mjs --out <dir>
//
// fixtures/hostile/ is generated and git-ignored: some cases are megabytes or 20,000 files.
//
// Each PATH case builds `<base>/d1/d2/d3/repo` plus files OUTSIDE the repository (beside it and
// above it) holding a canary string; tp-doctor must never print the canary. The repository sits
// three levels down so that every `../` in the cases lands inside `<base>`, never in the real file
// system (`../../../../etc/passwd` reads `<base>/etc/passwd`, a canary file).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes `files` (repository-relative → content) under `root`, creating directories. */
export function writeTree(root, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

const workflow = (jobBody) => `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n${jobBody}`;
const publishSteps = (steps) => workflow(`    steps:\n${steps}`);
/** A line that writes a token into `~/.npmrc<i>`, a file npm does not read. */
const tokenEcho = (i) => `echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" >> ~/.npmrc${i}`;
const NODESOURCE = 'curl -fsSL https://deb.nodesource.com/setup_20.x | bash -';

// ---------------------------------------------------------------------------------------------
// Time and memory cases: build(dir, n) writes a repository of size n into `dir`. `n` is the
// size named in the issue; bench/hostile.mjs runs n/2 and n so that both stay under the 2 MiB
// file limit and the ratio measures the algorithm, not the refusal.

export const TIME_CASES = [
  {
    id: 'gitlab-reference-fanout',
    what: 'a .gitlab-ci.yml of ten levels of templates, each n `!reference`s to the level below',
    n: 10,
    build(dir, n) {
      let yaml = `.a0: [${Array.from({ length: n }, () => 'x').join(', ')}]\n`;
      for (let i = 1; i <= 9; i++) yaml += `.a${i}: [${Array.from({ length: n }, () => `!reference [.a${i - 1}]`).join(', ')}]\n`;
      yaml += 'job1:\n  script: !reference [.a9]\njob2:\n  script: npm publish\n';
      writeTree(dir, { '.gitlab-ci.yml': yaml, 'package.json': '{"name":"widget","version":"1.0.0"}\n' });
    },
  },
  {
    id: 'pnpm-publish-words',
    what: '`run: pnpm publish` followed by n words',
    n: 200_000,
    build(dir, n) {
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(`      - run: pnpm publish${' w'.repeat(n)}\n`) });
    },
  },
  {
    id: 'npmrc-write-slashes',
    what: 'a script line writing `//a` n times to .npmrc',
    n: 300_000,
    build(dir, n) {
      writeTree(dir, {
        '.github/workflows/p.yml': publishSteps(`      - run: echo ${'//a'.repeat(n)} >> .npmrc\n      - run: npm publish\n`),
      });
    },
  },
  {
    id: 'blank-lines-lerna',
    what: 'n blank lines before `lerna publish` in one run block',
    n: 900_000,
    build(dir, n) {
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(`      - run: |\n${'\n'.repeat(n)}          lerna publish\n`) });
    },
  },
  {
    id: 'mise-blank-lines',
    what: 'mise.toml with n blank lines, read as node-version-file',
    n: 1_500_000,
    build(dir, n) {
      writeTree(dir, {
        'mise.toml': `[tools]\n${'\n'.repeat(n)}x = 1\n`,
        '.github/workflows/p.yml': publishSteps(
          '      - uses: actions/setup-node@v4\n        with:\n          node-version-file: mise.toml\n      - run: npm publish\n',
        ),
      });
    },
  },
  {
    id: 'git-config-spaces',
    what: '.git/config `url = a` + n spaces + `b`',
    n: 1_000_000,
    build(dir, n) {
      writeTree(dir, {
        '.git/config': `[remote "origin"]\n\turl = a${' '.repeat(n)}b\n`,
        '.github/workflows/p.yml': publishSteps('      - run: npm publish\n'),
      });
    },
  },
  {
    id: 'gitlab-include-glob',
    what: "GitLab `include: local: '**a**a**a**a**a**a.yml'` beside a file name of n `a`s (n ≤ 250)",
    n: 240,
    build(dir, n) {
      writeTree(dir, {
        '.gitlab-ci.yml': "include:\n  - local: '**a**a**a**a**a**a.yml'\npublish:\n  script: npm publish\n",
        [`${'a'.repeat(Math.min(n, 250))}.yaml`]: 'x: 1\n',
      });
    },
  },
  {
    id: 'ignore-glob',
    what: 'config `ignore: *a*a*a*a*b.yml` against a workflow file name of n `a`s (n ≤ 250)',
    n: 240,
    build(dir, n) {
      writeTree(dir, {
        'tp-doctor.yml': "ignore:\n  - '*a*a*a*a*b.yml'\n  - '**a**a**a**a**a**a**b.yml'\n",
        [`.github/workflows/${'a'.repeat(Math.min(n, 250))}.yml`]: publishSteps('      - run: npm publish\n'),
      });
    },
  },
  {
    id: 'many-workflow-files',
    what: 'n small workflow files',
    n: 20_000,
    build(dir, n) {
      const text = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
      mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
      for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `.github/workflows/w${String(i).padStart(6, '0')}.yml`), text);
      writeFileSync(path.join(dir, '.github/workflows/publish.yml'), publishSteps('      - run: npm publish\n'));
    },
  },
  {
    id: 'env-keys',
    what: 'one workflow with n `env:` keys',
    n: 150_000,
    build(dir, n) {
      let env = '';
      for (let i = 0; i < n; i++) env += `  K${i}: v\n`;
      writeTree(dir, { '.github/workflows/p.yml': `env:\n${env}${publishSteps('      - run: npm publish\n')}` });
    },
  },
  {
    id: 'package-json-deps',
    what: 'package.json with n dependency keys',
    n: 130_000,
    build(dir, n) {
      const deps = [];
      for (let i = 0; i < n; i++) deps.push(`"d${i}":"1"`);
      writeTree(dir, {
        'package.json': `{"name":"x","version":"1.0.0","dependencies":{${deps.join(',')}}}\n`,
        '.github/workflows/p.yml': publishSteps('      - run: npm publish\n'),
      });
    },
  },
  {
    id: 'many-steps',
    what: 'one job with n steps, the last publishing',
    n: 10_000,
    build(dir, n) {
      let steps = '';
      for (let i = 0; i < n; i++) steps += `      - run: echo ${i}\n`;
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(`${steps}      - run: npm publish\n`) });
    },
  },
  {
    id: 'many-publish-lines',
    what: 'one run block with n `npm publish` lines',
    n: 10_000,
    build(dir, n) {
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(`      - run: |\n${'          npm publish\n'.repeat(n)}`) });
    },
  },
  {
    id: 'gitlab-many-publish-lines',
    what: 'one GitLab job with n `- npm publish` script lines',
    n: 10_000,
    build(dir, n) {
      writeTree(dir, { '.gitlab-ci.yml': `publish:\n  image: node:22\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n${'    - npm publish\n'.repeat(n)}` });
    },
  },
  // Review 1208a: a job that names its user configuration file read every earlier script line again for each
  // publish to see whether one wrote it (4,000 distinct lines: 121 s, 1.7 s after).
  {
    id: 'gitlab-userconfig-publish-lines',
    what: 'one GitLab job naming its user configuration file (`NPM_CONFIG_USERCONFIG`) with n distinct `- npm publish --tag tN` lines',
    n: 4_000,
    build(dir, n) {
      const lines = Array.from({ length: n }, (_, i) => `    - npm publish --tag t${i}\n`).join('');
      writeTree(dir, { '.gitlab-ci.yml': `publish:\n  image: node:22\n  variables:\n    NPM_CONFIG_USERCONFIG: .npmrc.ci\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n${lines}`, '.npmrc.ci': 'registry=https://registry.npmjs.org/\n' });
    },
  },
  {
    id: 'many-publish-steps',
    what: 'one GitHub job of n `run: npm publish --tag tN` steps after setup-node',
    n: 1_000,
    build(dir, n) {
      const steps = Array.from({ length: n }, (_, i) => `      - run: npm publish --tag t${i}\n`).join('');
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(`      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n${steps}`) });
    },
  },
  {
    id: 'gitlab-upgrade-publish-pairs',
    what: 'one GitLab job with n `npm i -g npm@11` and `npm publish` line pairs',
    n: 1_000,
    build(dir, n) {
      writeTree(dir, { '.gitlab-ci.yml': `publish:\n  image: node:20\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n${'    - npm i -g npm@11\n    - npm publish\n'.repeat(n)}` });
    },
  },
  {
    id: 'circleci-many-publish-lines',
    what: 'one CircleCI run step with n `npm publish` lines',
    n: 10_000,
    build(dir, n) {
      writeTree(dir, { '.circleci/config.yml': circleConfig(`|\n${'          npm publish\n'.repeat(n)}`) });
    },
  },
  // Issue 17 (2026-12-07, evening): a token written into a file that is no npm configuration
  // (`~/.npmrc<i>`) before each of n publishes. Every finding of the job asked again whether a token
  // reaches its publishes, each answer looking at every write for every publish (CircleCI: 1,000
  // pairs took 90 s); a GitHub publish's Node was looked for with a copy of every earlier step per
  // earlier step; a GitLab publish looked for each command's lines among every line of the script.
  {
    id: 'circleci-token-write-publish-pairs',
    what: 'one CircleCI job of n pairs of steps: a token echoed into `~/.npmrc<i>`, then `npm publish`',
    n: 700,
    build(dir, n) {
      let steps = '';
      for (let i = 0; i < n; i++) steps += `      - run: ${JSON.stringify(tokenEcho(i))}\n      - run: npm publish\n`;
      writeTree(dir, { '.circleci/config.yml': `version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:22.14\n    steps:\n      - checkout\n${steps}workflows:\n  release:\n    jobs: [publish]\n` });
    },
  },
  {
    id: 'github-token-write-publish-pairs',
    what: 'one GitHub job of n pairs of steps: a token echoed into `~/.npmrc<i>`, then `npm publish`',
    n: 1_000,
    build(dir, n) {
      let steps = '';
      for (let i = 0; i < n; i++) steps += `      - run: ${JSON.stringify(tokenEcho(i))}\n      - run: npm publish\n`;
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(steps) });
    },
  },
  {
    id: 'gitlab-token-write-publish-pairs',
    what: 'one GitLab job of n pairs of script lines: a token echoed into `~/.npmrc<i>`, then `npm publish`',
    n: 2_000,
    build(dir, n) {
      let lines = '';
      for (let i = 0; i < n; i++) lines += `    - ${JSON.stringify(tokenEcho(i))}\n    - npm publish\n`;
      writeTree(dir, { '.gitlab-ci.yml': `publish:\n  image: node:22\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n${lines}` });
    },
  },
  // Issue 17: after `curl … | bash -` (NodeSource) every start of the step's text may run a shell
  // file, and the text before each publish was split again to look for a script that renames.
  {
    id: 'nodesource-many-publish-lines',
    what: 'one run block: NodeSource set up with `curl … | bash -`, then n `npm publish` lines',
    n: 5_000,
    build(dir, n) {
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(`      - run: |\n          ${NODESOURCE}\n${'          npm publish\n'.repeat(n)}`) });
    },
  },
  {
    id: 'nodesource-many-publish-steps',
    what: 'one GitHub job: a step sets NodeSource up with `curl … | bash -`, then n `run: npm publish` steps',
    n: 1_999,
    build(dir, n) {
      writeTree(dir, { '.github/workflows/p.yml': publishSteps(`      - run: ${NODESOURCE}\n${'      - run: npm publish\n'.repeat(n)}`) });
    },
  },
  {
    // Review of 2026-12-04: each reader of local actions followed every use three levels deep
    // (n^4 steps for the publish reader: 80 s at n = 100).
    id: 'self-using-action',
    what: 'a local composite action that uses itself n times, between setup-node and npm publish',
    n: 200,
    build(dir, n) {
      writeTree(dir, {
        '.github/actions/a/action.yml': `runs:\n  using: composite\n  steps:\n${'    - uses: ./.github/actions/a\n'.repeat(n)}    - uses: actions/cache@v4\n      with: { path: x, key: k }\n`,
        '.github/workflows/p.yml': publishSteps('      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - uses: ./.github/actions/a\n      - run: npm publish\n'),
      });
    },
  },
  {
    // Review of 2026-12-04: `env.A` = `env.B || env.B || …` n times, B to C, C to D, each operand
    // evaluated (19 s at n = 60).
    id: 'chained-env-or',
    what: 'a node-version from env values chaining n `||` operands three deep',
    n: 200,
    build(dir, n) {
      const chain = (next) => `"\${{ ${Array.from({ length: n }, () => `env.${next}`).join(' || ')} }}"`;
      writeTree(dir, {
        '.github/workflows/p.yml': `on: push\nenv:\n  A: ${chain('B')}\n  B: ${chain('C')}\n  C: ${chain('D')}\n  D: ""\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ env.A || '24' }}\n      - run: npm publish\n`,
      });
    },
  },
  {
    // review400 B1: the regular expression that finds a command writing the user configuration was
    // quadratic over a run of `>` (and of blanks after `tee`) in an earlier `run:` (210 s at n = 320,000).
    id: 'userconfig-redirects',
    what: 'an earlier `run:` of n `>` and one of `tee` and n blanks, before a publish whose NPM_CONFIG_USERCONFIG no command writes',
    n: 320_000,
    build(dir, n) {
      writeTree(dir, {
        'package.json': '{"name":"widget","version":"1.0.0"}\n',
        'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: o/r\n    workflow: p.yml\n',
        '.github/workflows/p.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:\n      NPM_CONFIG_USERCONFIG: \${{ github.workspace }}/.npmrc-public\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - run: echo '${'>'.repeat(n)}'\n      - run: echo 'tee${' '.repeat(n)}x'\n      - run: npm publish --registry https://packages.example.com/npm/\n`,
      });
    },
  },
  {
    // review400 B2 and C1: mise reads every level above its working directory (quadratic, 11 s at
    // n = 4,000), and a path of n directories overflowed the stack in DiskFs (a whole-run internal error).
    id: 'mise-deep-working-directory',
    what: 'a jdx/mise-action `working_directory` and a publish `working-directory` n directories deep',
    n: 8_000,
    build(dir, n) {
      const deep = Array(n).fill('a').join('/');
      writeTree(dir, {
        'mise.toml': '[tools]\nnode = "22.14.0"\n',
        'package.json': '{"name":"widget","version":"1.0.0"}\n',
        '.github/workflows/p.yml': publishSteps(`      - uses: jdx/mise-action@v3\n        with:\n          working_directory: ${deep}\n      - run: npm publish\n        working-directory: ${deep}\n`),
      });
    },
  },
  {
    // review400 B2: each `MISE_ENV` environment adds 12 file names at each level (78 s at n = 20,000, 20 levels).
    id: 'mise-env-entries',
    what: 'a `MISE_ENV` of n environments for a jdx/mise-action 20 directories deep',
    n: 20_000,
    build(dir, n) {
      const deep = Array(20).fill('a').join('/');
      writeTree(dir, {
        [`${deep}/mise.toml`]: '[tools]\nnode = "22.14.0"\n',
        'package.json': '{"name":"widget","version":"1.0.0"}\n',
        '.github/workflows/p.yml': workflow(
          `    env:\n      MISE_ENV: ${Array.from({ length: n }, (_, i) => `e${i}`).join(',')}\n    steps:\n      - uses: jdx/mise-action@v3\n        with:\n          working_directory: ${deep}\n      - run: npm publish\n`,
        ),
      });
    },
  },
  {
    // Review of 2026-12-06: each pattern matched every script again, and each match was looked for
    // among the commands kept; nothing capped how many a chain ran.
    id: 'script-chain-globs',
    what: 'n package.json scripts and a `run-s` of 60 `s*` patterns, each matching them all',
    n: 20_000,
    build(dir, n) {
      const scripts = Array.from({ length: n }, (_, i) => `"s${i}":"echo"`);
      writeTree(dir, {
        'package.json': `{"name":"widget","version":"1.0.0","scripts":{"release":"run-s ${"'s*' ".repeat(60).trim()}",${scripts.join(',')}}}\n`,
        '.github/workflows/p.yml': publishSteps('      - run: npm run release\n      - run: npm publish\n'),
      });
    },
  },
  {
    // Review of 2026-12-07: each token of a file with a dispatch on its first argument was looked for
    // in every function and every branch it does not take (13 s for 7,800 one-line functions).
    id: 'js-argv-dispatch-functions',
    what: '`node build.mjs preview` of a file of n one-line functions, each calling the one before, and n/4 chained `else if` tests',
    n: 5_000,
    build(dir, n) {
      const fns = Array.from({ length: n }, (_, i) => `function f${i}(){f${Math.max(0, i - 1)}(\`\${a}\`)}\n`).join('');
      const chain = Array.from({ length: Math.ceil(n / 4) }, () => 'if (command === "x") {} else ').join('');
      writeTree(dir, {
        'src/build.mjs': `import { execSync } from "node:child_process";\nconst command = process.argv[2];\n${chain}if (command === "publish") {\n  execSync("npm publish");\n}\n${fns}f${n - 1}();\n`,
        'package.json': '{"name":"widget","version":"1.0.0"}\n',
        '.github/workflows/p.yml': publishSteps('      - run: node src/build.mjs preview\n'),
      });
    },
  },
  {
    // The commander, flag and `let` shapes of js-argv-dispatch.ts (./js-argv-cli.ts, ./js-argv-flow.ts): each
    // command, guard and unbraced branch is read once (a file just under the 256 KiB tp-doctor reads; the
    // model test js-argv-cli.test.ts times a 2 MB one).
    id: 'js-argv-cli-commands',
    what: '`node cli.mjs build` of a commander program of n commands, each with a flag guard and an unbraced `let` dispatch',
    n: 1_500,
    build(dir, n) {
      const commands = Array.from({ length: n }, (_, i) => `program.command("c${i}").action(() => {\n  let cmd = process.argv[3];\n  if (process.argv.includes("--dry-run")) return;\n  if (cmd === "a") run(${i}); else run(1);\n});\n`).join('');
      writeTree(dir, {
        'src/cli.mjs': `import { execSync } from "node:child_process";\nimport { Command } from "commander";\nconst program = new Command();\nfunction run(n) { execSync("echo " + n); }\n${commands}program.command("publish").action(() => {\n  execSync("npm publish");\n});\nprogram.parse(process.argv);\n`,
        'package.json': '{"name":"widget","version":"1.0.0"}\n',
        '.github/workflows/p.yml': publishSteps('      - run: node src/cli.mjs build --dry-run\n'),
      });
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Path cases: build(repo, canary) writes the repository and the files outside it. `expect` is what
// the run must say about the refused path (a rule id in the JSON output, or `config` for a
// configuration error and exit 2).

/** Where the repository sits below the case's base directory. */
export const REPO_DEPTH = ['d1', 'd2', 'd3', 'repo'];

/** Writes `content` at `rel` resolved from `from` (which may leave the repository: that is the point). */
function outside(from, rel, content) {
  const file = path.resolve(from, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A workflow the canary would show through if it were read: a self-hosted label, an environment, a registry. */
const canaryWorkflow = (c) =>
  `on: push\njobs:\n  ${c}:\n    runs-on: [self-hosted, ${c}]\n    environment: ${c}\n    steps:\n      - run: npm publish --registry https://${c}.example/\n`;
const canaryAction = (c) =>
  `name: ${c}\nruns:\n  using: composite\n  steps:\n    - run: npm publish --registry https://${c}.example/\n      shell: bash\n    - uses: actions/setup-node@v4\n      with:\n        node-version: ${c}\n`;
const canaryGitlab = (c) => `${c}:\n  image: node:${c}\n  script:\n    - npm publish --registry https://${c}.example/\n  environment: ${c}\n`;
const canaryPackage = (c) => JSON.stringify({ name: c, version: '1.0.0', publishConfig: { registry: `https://${c}.example/` }, engines: { node: c } });
const canaryNpmrc = (c) => `registry=https://${c}.example/\n//${c}.example/:_authToken=${c}\n`;

/** A CircleCI 2.1 config whose one job runs `command`. */
const circleConfig = (command) =>
  `version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:22.14\n    steps:\n      - checkout\n      - run: ${command}\nworkflows:\n  release:\n    jobs: [publish]\n`;

const publishWorkflow = (steps) => publishSteps(`      - uses: actions/checkout@v4\n${steps}`);

export const PATH_CASES = [
  {
    id: 'workflow-name-with-backslashes',
    what: 'a workflow file named `..\\..\\..\\outside\\leak.yml`',
    build(repo, c) {
      writeTree(repo, {
        '.github/workflows/..\\..\\..\\outside\\leak.yml': publishWorkflow('      - run: npm publish\n'),
        '.github/workflows/ok.yml': publishWorkflow('      - run: npm publish\n'),
      });
      outside(path.join(repo, '.github/workflows'), '../../../outside/leak.yml', canaryWorkflow(c));
    },
  },
  {
    id: 'gitlab-glob-backslash-name',
    what: "a root file named `..\\..\\x\\secret-ci.yml` matched by `include: local: '*.yml'`",
    build(repo, c) {
      writeTree(repo, {
        '.gitlab-ci.yml': "include:\n  - local: '*.yml'\npublish:\n  script: npm publish\n",
        '..\\..\\x\\secret-ci.yml': 'other:\n  script: echo hi\n',
      });
      outside(repo, '../../x/secret-ci.yml', canaryGitlab(c));
    },
  },
  {
    id: 'gitlab-include-outside',
    what: 'GitLab `include: local: ../../outside/ci.yml` and `/../../outside/ci.yml`',
    build(repo, c) {
      writeTree(repo, {
        '.gitlab-ci.yml': "include:\n  - local: '../../outside/ci.yml'\n  - local: '/../../outside/ci2.yml'\n  - local: 'a/../../../outside/ci3.yml'\npublish:\n  script: npm publish\n",
      });
      for (const f of ['ci.yml', 'ci2.yml', 'ci3.yml']) outside(repo, `../../outside/${f}`, canaryGitlab(c));
    },
  },
  {
    id: 'config-cifile-outside',
    what: '`publishers[].ciFile: ../../../outside/ci.yml`',
    expect: 'config',
    build(repo, c) {
      writeTree(repo, {
        'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: group/x\n    ciFile: ../../../outside/ci.yml\n',
        '.gitlab-ci.yml': 'publish:\n  script: npm publish\n',
      });
      outside(repo, '../../../outside/ci.yml', `${c}: [\n${canaryGitlab(c)}`);
    },
  },
  {
    id: 'config-cifile-passwd',
    what: '`publishers[].ciFile: ../../../../etc/passwd`',
    expect: 'config',
    build(repo, c) {
      writeTree(repo, { 'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: group/x\n    ciFile: ../../../../etc/passwd\n' });
      outside(repo, '../../../../etc/passwd', `root:x:0:0:${c}:/root:/bin/bash\n`);
    },
  },
  {
    id: 'config-cifile-absolute',
    what: '`publishers[].ciFile` an absolute path',
    expect: 'config',
    build(repo, c) {
      const abs = path.resolve(repo, '../../abs-ci.yml');
      writeTree(repo, { 'tp-doctor.yml': `publishers:\n  - provider: gitlab\n    project: group/x\n    ciFile: ${JSON.stringify(abs)}\n` });
      outside(repo, '../../abs-ci.yml', canaryGitlab(c));
    },
  },
  {
    id: 'config-workflow-outside',
    what: '`publishers[].workflow: ../../../outside/p.yml`',
    expect: 'config',
    build(repo, c) {
      writeTree(repo, {
        'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: o/r\n    workflow: ../../../outside/p.yml\n',
        '.github/workflows/p.yml': publishWorkflow('      - run: npm publish\n'),
      });
      outside(repo, '../../../outside/p.yml', canaryWorkflow(c));
    },
  },
  {
    id: 'uses-local-action-outside',
    what: 'a step `uses: ./../../../outside/act` in a job that publishes',
    build(repo, c) {
      writeTree(repo, { '.github/workflows/p.yml': publishWorkflow('      - uses: ./../../../outside/act\n      - uses: ./.github/../../../../outside/act\n      - run: npm publish\n') });
      outside(repo, '../../../outside/act/action.yml', canaryAction(c));
    },
  },
  {
    id: 'symlinked-git-dir',
    what: '`.git` a symbolic link to a directory outside',
    build(repo, c) {
      writeTree(repo, { '.github/workflows/p.yml': publishWorkflow('      - run: npm publish\n') });
      outside(repo, '../elsewhere/config', `[remote "origin"]\n\turl = https://github.com/${c}/${c}.git\n`);
      symlinkSync(path.resolve(repo, '../elsewhere'), path.join(repo, '.git'));
    },
  },
  {
    id: 'symlinked-action-dir',
    what: 'a local action directory that is a symbolic link out of the root',
    build(repo, c) {
      writeTree(repo, { '.github/workflows/p.yml': publishWorkflow('      - uses: ./.github/actions/pub\n') });
      outside(repo, '../../../outside/act/action.yml', canaryAction(c));
      mkdirSync(path.join(repo, '.github/actions'), { recursive: true });
      symlinkSync(path.resolve(repo, '../../../outside/act'), path.join(repo, '.github/actions/pub'));
    },
  },
  {
    id: 'symlinked-workspace-dir',
    what: 'a workspace directory symlinked outside, with an .npmrc',
    build(repo, c) {
      writeTree(repo, {
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
        'packages/ok/package.json': JSON.stringify({ name: 'ok', version: '1.0.0' }),
        '.github/workflows/p.yml': publishWorkflow('      - run: npm publish --workspaces\n'),
      });
      outside(repo, '../../../outside/ws/package.json', canaryPackage(c));
      outside(repo, '../../../outside/ws/.npmrc', canaryNpmrc(c));
      symlinkSync(path.resolve(repo, '../../../outside/ws'), path.join(repo, 'packages/evil'));
    },
  },
  {
    id: 'symlinked-workflows-dir',
    what: '`.github/workflows` a symbolic link to a directory outside',
    build(repo, c) {
      writeTree(repo, { 'package.json': JSON.stringify({ name: 'x', version: '1.0.0' }) });
      outside(repo, '../../../outside/wf/leak.yml', canaryWorkflow(c));
      mkdirSync(path.join(repo, '.github'), { recursive: true });
      symlinkSync(path.resolve(repo, '../../../outside/wf'), path.join(repo, '.github/workflows'));
    },
  },
  {
    id: 'symlinked-gitlab-include-dir',
    what: 'a directory symlinked outside, matched by a GitLab include glob',
    build(repo, c) {
      writeTree(repo, { '.gitlab-ci.yml': "include:\n  - local: 'ci/*.yml'\n  - local: 'ci/leak.yml'\npublish:\n  script: npm publish\n" });
      outside(repo, '../../../outside/ci/leak.yml', canaryGitlab(c));
      symlinkSync(path.resolve(repo, '../../../outside/ci'), path.join(repo, 'ci'));
    },
  },
  {
    id: 'backslash-workspaces',
    what: 'package.json `workspaces` with backslash paths',
    build(repo, c) {
      writeTree(repo, {
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['..\\..\\..\\outside\\ws', '../../../outside/ws'] }),
        '.github/workflows/p.yml': publishWorkflow('      - run: npm publish --workspaces\n'),
      });
      outside(repo, '../../../outside/ws/package.json', canaryPackage(c));
      outside(repo, '../../../outside/ws/.npmrc', canaryNpmrc(c));
    },
  },
  {
    id: 'node-version-file-outside',
    what: '`node-version-file` with backslashes and with `../`',
    build(repo, c) {
      writeTree(repo, {
        '.github/workflows/p.yml': publishSteps(
          [
            '      - uses: actions/setup-node@v4',
            '        with:',
            '          node-version-file: ..\\..\\..\\outside\\.nvmrc',
            '      - run: npm publish',
            '  second:',
            '    runs-on: ubuntu-latest',
            '    permissions:',
            '      id-token: write',
            '    steps:',
            '      - uses: actions/setup-node@v4',
            '        with:',
            '          node-version-file: ../../../outside/package.json',
            '      - run: npm publish',
            '',
          ].join('\n'),
        ),
      });
      outside(repo, '../../../outside/.nvmrc', `${c}\n`);
      outside(repo, '../../../outside/package.json', canaryPackage(c));
    },
  },
  {
    id: 'working-directory-outside',
    what: '`working-directory` with backslashes and with `../`',
    build(repo, c) {
      writeTree(repo, {
        '.github/workflows/p.yml': publishSteps(
          '      - run: npm publish\n        working-directory: ..\\..\\..\\outside\\wd\n      - run: npm publish\n        working-directory: ../../../outside/wd\n',
        ),
      });
      outside(repo, '../../../outside/wd/package.json', canaryPackage(c));
      outside(repo, '../../../outside/wd/.npmrc', canaryNpmrc(c));
    },
  },
  {
    id: 'config-circleci-configfile-outside',
    what: '`publishers[].configFile: ../../../outside/config.yml` (CircleCI)',
    expect: 'config',
    build(repo, c) {
      writeTree(repo, {
        'tp-doctor.yml': 'publishers:\n  - provider: circleci\n    vcsOrigin: github.com/o/r\n    configFile: ../../../outside/config.yml\n',
        '.circleci/config.yml': circleConfig('npm publish'),
      });
      outside(repo, '../../../outside/config.yml', `${c}: [\n${circleConfig(`npm publish --registry https://${c}.example/`)}`);
    },
  },
  {
    id: 'config-circleci-configfile-backslash',
    what: '`publishers[].configFile` with backslashes (CircleCI)',
    expect: 'config',
    build(repo, c) {
      writeTree(repo, { 'tp-doctor.yml': 'publishers:\n  - provider: circleci\n    vcsOrigin: github.com/o/r\n    configFile: ..\\..\\..\\outside\\config.yml\n' });
      outside(repo, '../../../outside/config.yml', circleConfig(`npm publish --registry https://${c}.example/`));
    },
  },
  {
    id: 'symlinked-circleci-dir',
    what: '`.circleci` a symbolic link to a directory outside',
    build(repo, c) {
      writeTree(repo, { 'package.json': JSON.stringify({ name: 'x', version: '1.0.0' }) });
      outside(repo, '../../../outside/circle/config.yml', circleConfig(`npm publish --registry https://${c}.example/`));
      symlinkSync(path.resolve(repo, '../../../outside/circle'), path.join(repo, '.circleci'));
    },
  },
  {
    id: 'gitdir-pointer-outside',
    what: 'a `.git` file pointing at a git directory outside',
    build(repo, c) {
      writeTree(repo, { '.git': 'gitdir: ../../../outside/gitdir\n', '.github/workflows/p.yml': publishWorkflow('      - run: npm publish\n') });
      outside(repo, '../../../outside/gitdir/config', `[remote "origin"]\n\turl = https://github.com/${c}/${c}.git\n`);
    },
  },
];

/** Builds one path case under `base`; returns the repository directory. */
export function buildPathCase(kase, base, canary) {
  const repo = path.join(base, ...REPO_DEPTH);
  mkdirSync(repo, { recursive: true });
  kase.build(repo, canary);
  return repo;
}

// ---------------------------------------------------------------------------------------------

function main() {
  const args = process.argv.slice(2);
  let scale = 1;
  let out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--scale') scale = Number(args[++i]);
    else if (args[i] === '--out') out = path.resolve(args[++i] ?? '');
    else {
      console.error(`gen-hostile: unknown argument ${args[i]} (options: --scale <factor>, --out <dir>)`);
      process.exit(1);
    }
  }
  if (!(scale > 0)) {
    console.error('gen-hostile: --scale must be a positive number');
    process.exit(1);
  }
  rmSync(out, { recursive: true, force: true });
  for (const kase of TIME_CASES) {
    const n = Math.max(1, Math.round(kase.n * scale));
    kase.build(path.join(out, 'time', kase.id), n);
    console.log(`time/${kase.id}: ${kase.what.replace('n', String(n))}`);
  }
  const canary = 'canary-hostile-fixture';
  for (const kase of PATH_CASES) {
    buildPathCase(kase, path.join(out, 'paths', kase.id), canary);
    console.log(`paths/${kase.id}: ${kase.what}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
