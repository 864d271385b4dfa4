/**
 * CircleCI publish sites (src/model/circleci/sites.ts): directory, registry and packages of each
 * publish, with CircleCI's shell rules (each `run` step is its own shell; files persist), and the
 * CircleCI publisher tp-doctor infers.
 */
import { describe, expect, it } from 'vitest';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { MemoryFs } from '../../src/fs/source.js';
import { circleJobInstances } from '../../src/model/circleci/config.js';
import { siteEnv } from '../../src/model/sites.js';
import { loadProject, type Project } from '../../src/model/project.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

function load(files: Record<string, string>): Project {
  return loadProject(new MemoryFs(files));
}

function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.provider} ${s.job.name}:${s.publish.location.start.line} ${s.certainty} ${s.registry.registry} dir=${s.directory ?? '?'} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

function config(steps: string, job = ''): string {
  return `version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n${job}    steps:\n      - checkout\n${steps}workflows:\n  main:\n    jobs:\n      - release\n`;
}

describe('CircleCI publish sites', () => {
  it('a publish in a run step is a site of the job instance, at its line', () => {
    const p = load({ 'package.json': pkg({ name: 'widget' }), '.circleci/config.yml': config('      - run: npm publish\n') });
    expect(sites(p)).toEqual(['circleci release:8 certain npmjs dir= single[widget]']);
    const [job] = circleJobInstances(p.circleci[0]!);
    expect(p.facts.isPublishingJob(job!)).toBe(true);
    expect(p.facts.publishingCircleJobs(p.circleci[0]!)).toHaveLength(1);
  });

  it('a `deploy:` step (the deprecated spelling of `run:`) publishes like a run step', () => {
    const p = load({ 'package.json': pkg({ name: 'widget' }), '.circleci/config.yml': config('      - deploy:\n          command: npm publish\n') });
    expect(sites(p)).toEqual(['circleci release:9 certain npmjs dir= single[widget]']);
  });

  it('a step working_directory below the checkout selects the package', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      '.circleci/config.yml': config('      - run:\n          command: npm publish\n          working_directory: ~/project/packages/a\n'),
    });
    expect(sites(p)).toEqual(['circleci release:9 certain npmjs dir=packages/a single[@acme/a]']);
  });

  it('a relative step working_directory is below the job working_directory', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      '.circleci/config.yml': config('      - run:\n          command: npm publish\n          working_directory: packages/a\n', '    working_directory: ~/repo\n'),
    });
    expect(sites(p)).toEqual(['circleci release:10 certain npmjs dir=packages/a single[@acme/a]']);
  });

  it('a cd in an earlier step does not carry over (each step is its own shell)', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      '.circleci/config.yml': config('      - run: cd packages/a\n      - run: npm publish\n'),
    });
    expect(sites(p)[0]).toContain('dir= ');
  });

  it('an ~/.npmrc registry written by an earlier step holds for the publish', () => {
    const p = load({
      'package.json': pkg({ name: '@acme/w' }),
      '.circleci/config.yml': config('      - run: npm config set registry https://npm.pkg.github.com\n      - run: npm publish\n'),
    });
    expect(sites(p)).toEqual(['circleci release:9 certain other dir= single[@acme/w]']);
    expect(p.facts.publishingCircleJobs(p.circleci[0]!)).toHaveLength(0);
  });

  it('an exported registry in an earlier step does not carry over; in the same step it does', () => {
    const earlier = load({
      'package.json': pkg({ name: '@acme/w' }),
      '.circleci/config.yml': config('      - run: export NPM_CONFIG_REGISTRY=https://npm.pkg.github.com\n      - run: npm publish\n'),
    });
    expect(earlier.facts.sites[0]?.registry.registry).toBe('npmjs');
    const same = load({
      'package.json': pkg({ name: '@acme/w' }),
      '.circleci/config.yml': config('      - run: |\n          export NPM_CONFIG_REGISTRY=https://npm.pkg.github.com\n          npm publish\n'),
    });
    expect(same.facts.sites[0]?.registry.registry).toBe('other');
  });

  it('NPM_CONFIG_REGISTRY in the job environment decides', () => {
    const p = load({
      'package.json': pkg({ name: '@acme/w' }),
      '.circleci/config.yml': config('      - run: npm publish\n', '    environment:\n      NPM_CONFIG_REGISTRY: https://npm.pkg.github.com\n'),
    });
    expect(p.facts.sites[0]?.registry).toMatchObject({ registry: 'other', setting: { source: 'environment `NPM_CONFIG_REGISTRY`' } });
    expect(siteEnv(p.facts.sites[0]!, 'npm_config_registry')?.section).toBe('environment');
  });

  it('each workflow invocation is its own instance with its parameters', () => {
    const p = load({
      'package.json': pkg({ name: 'widget' }),
      '.circleci/config.yml':
        'version: 2.1\njobs:\n  release:\n    parameters:\n      tag: { type: string, default: latest }\n    docker: [{ image: cimg/node:24.11 }]\n    steps:\n      - run: npm publish --tag << parameters.tag >>\n' +
        'workflows:\n  main:\n    jobs:\n      - release: { name: stable }\n      - release: { name: next, tag: next }\n',
    });
    expect(p.facts.sites.map((s) => s.publish.match.args.join(' '))).toEqual(['--tag latest', '--tag next']);
  });

  it('the files of a declared configFile are read instead of the default', () => {
    const p = loadProject(new MemoryFs({ 'package.json': pkg({ name: 'w' }), 'ci/circle.yml': config('      - run: npm publish\n') }), { circleciConfigFiles: ['ci/circle.yml'] });
    expect(p.circleci.map((c) => c.file)).toEqual(['ci/circle.yml']);
    expect(p.facts.sites).toHaveLength(1);
  });
});

describe('CircleCI publisher inference', () => {
  it('infers a CircleCI publisher from a publishing configuration, VCS origin from the remote', () => {
    const p = load({
      'package.json': pkg({ name: 'widget' }),
      '.git/config': '[remote "origin"]\n\turl = git@github.com:Acme/Widget.git\n',
      '.circleci/config.yml': config('      - run: npm publish\n'),
    });
    const { config: resolved, note } = inferPublishers(p, EMPTY_CONFIG);
    expect(resolved.publishers).toEqual([expect.objectContaining({ provider: 'circleci', vcsOrigin: 'github.com/Acme/Widget', configFile: '.circleci/config.yml', inferred: true })]);
    expect(note).toContain('inferred a CircleCI publisher: VCS origin github.com/Acme/Widget (from the git remote)');
    expect(note).toContain('ids are known only to CircleCI');
  });

  it('infers nothing for CircleCI when its configuration does not publish', () => {
    const p = load({
      'package.json': pkg({ name: 'widget' }),
      '.git/config': '[remote "origin"]\n\turl = git@github.com:acme/widget.git\n',
      '.circleci/config.yml': config('      - run: npm test\n'),
    });
    const { config: resolved } = inferPublishers(p, EMPTY_CONFIG);
    expect(resolved.publishers.map((x) => x.provider)).toEqual(['github']);
  });
});

describe('CircleCI possible publishes', () => {
  const files = (steps: string, job = ''): Record<string, string> => ({ 'package.json': pkg({ name: 'widget' }), '.circleci/config.yml': config(steps, job) });

  it('an unreadable release command after an npm token is written is a possible publish', () => {
    const p = load(files('      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n      - run: ./bin/release.sh\n'));
    expect(sites(p)).toEqual(['circleci release:9 possible npmjs dir=? unknown[widget]']);
    expect(p.facts.sites[0]?.publish.because).toBeDefined();
    const { note } = inferPublishers(p, EMPTY_CONFIG);
    expect(note).toContain('Possible publishes tp-doctor cannot read');
    expect(note).toContain('./bin/release.sh');
  });

  it('an npm ID token set in the same step before the command is a sign', () => {
    const p = load(files(`      - run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')\n          ./scripts/publish.sh\n`));
    expect(sites(p)).toEqual(['circleci release:10 possible npmjs dir=? unknown[widget]']);
  });

  it('a token in the job environment and a script named publish', () => {
    const p = load(files('      - run: node scripts/publish.js\n', '    environment:\n      NPM_TOKEN: x\n'));
    expect(sites(p).map((s) => s.split(' ')[2])).toEqual(['possible']);
  });

  it('prefers the command that says publish or npm to one only the job name makes plausible', () => {
    const steps = [
      '      - run:\n          name: Shall deployment be done\n          command: circleci-agent step halt\n',
      '      - run:\n          name: Prepare\n          command: ./scripts/prepare.sh\n',
      `      - run:\n          name: Publish to npm\n          command: |\n            export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')\n            ./release-scripts/upload-artifacts.sh npm\n`,
    ].join('');
    const p = load(files(steps, '    environment:\n      NPM_TOKEN: x\n'));
    expect(p.facts.sites.map((s) => s.publish.match.text)).toEqual(['./release-scripts/upload-artifacts.sh npm']);
  });

  // Financial-Times/n-logger: a helper that stores the npm token, then the helper that publishes.
  const step = (name: string, command: string): string => `      - run:\n          name: ${name}\n          command: ${command}\n`;
  const AUTH = step('npm-store-auth-token', './helpers/helper-npm-store-auth-token');
  const PUBLISH = step('npm-version-and-publish-public', './helpers/helper-npm-version-and-publish-public');
  const OTHER = step('npm-version-and-publish-next', './helpers/helper-npm-version-and-publish-next');
  const PLAIN = step('Prepare', './helpers/prepare.sh');
  it.each([
    ['a later step that says publish wins over an earlier one that says only npm', AUTH + PUBLISH, ['./helpers/helper-npm-version-and-publish-public']],
    ['the same within one step', step('npm', './helpers/npm-auth.sh && ./helpers/publish.sh'), ['./helpers/publish.sh']],
    ['a step that says publish first stays chosen', PUBLISH + AUTH, ['./helpers/helper-npm-version-and-publish-public']],
    ['of two that say publish, the first', PUBLISH + OTHER, ['./helpers/helper-npm-version-and-publish-public']],
    ['a step that says only npm, alone, is still chosen', AUTH, ['./helpers/helper-npm-store-auth-token']],
    ['a step that says npm wins over one only the job name makes plausible', PLAIN + AUTH, ['./helpers/helper-npm-store-auth-token']],
  ])('which step is the possible publish: %s', (_name, steps, want) => {
    const p = load(files(steps, '    environment:\n      NPM_TOKEN: x\n'));
    expect(p.facts.sites.map((s) => s.publish.match.text)).toEqual(want);
  });

  // reactotron: `yarn release:artifacts` (a zx script) in the step "Release to npm and github".
  it('a step name that names npm outweighs another destination in the command', () => {
    const sign = '      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n';
    expect(sites(load(files(`${sign}      - run:\n          name: Release to npm and github\n          command: ./scripts/release-artifacts.sh\n`)))).toEqual(['circleci release:11 possible npmjs dir=? unknown[widget]']);
    expect(sites(load(files(`${sign}      - run:\n          name: Release to github\n          command: ./scripts/release-artifacts.sh\n`)))).toEqual([]);
  });

  // reactotron's release_tags job: "Publish new tags from commits created on release branch".
  it('a command that pushes git tags publishes tags, not a package, whatever the step name says', () => {
    const sign = '      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n';
    expect(sites(load(files(`${sign}      - run:\n          name: Publish new tags\n          command: ./scripts/release-tags-push.sh\n`)))).toEqual([]);
    expect(sites(load(files(`${sign}      - run:\n          name: Publish\n          command: ./scripts/publish-and-push-tags.sh\n`)))).toEqual(['circleci release:11 possible npmjs dir=? unknown[widget]']);
  });

  // contentful/forma-36: a command writes a GitHub Packages token (to install), a later job builds.
  it('a token written for another registry is no sign of an npmjs publish', () => {
    const write = (key: string): string => `      - run: echo "${key}:_authToken=\${T}" > ~/.npmrc\n      - run: ./bin/release.sh\n`;
    expect(sites(load(files(write('//npm.pkg.github.com/'))))).toEqual([]);
    expect(sites(load(files(`      - run: |\n          echo "//npm.pkg.github.com/:_authToken=\${T}" > ~/.npmrc\n          ./bin/release.sh\n`)))).toEqual([]);
    // Controls: npm's registry (also under its yarnpkg name), and a host tp-doctor cannot read.
    expect(sites(load(files(write('//registry.npmjs.org/'))))).toEqual(['circleci release:9 possible npmjs dir=? unknown[widget]']);
    expect(sites(load(files(write('//registry.yarnpkg.com/'))))).toEqual(['circleci release:9 possible npmjs dir=? unknown[widget]']);
    expect(sites(load(files(write('//${REGISTRY}/'))))).toEqual(['circleci release:9 possible npmjs dir=? unknown[widget]']);
    expect(sites(load(files(`      - run: |\n          echo "//registry.npmjs.org/:_authToken=\${T}" > ~/.npmrc\n          ./bin/release.sh\n`)))).toEqual(['circleci release:10 possible npmjs dir=? unknown[widget]']);
  });

  it('no sign of npm, another destination, or a recognised publish: no possible publish', () => {
    expect(sites(load(files('      - run: ./bin/release.sh\n')))).toEqual([]);
    expect(sites(load(files('      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n      - run: ./scripts/publish-docs.sh\n')))).toEqual([]);
    expect(sites(load(files('      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n      - run: ./bin/test.sh\n')))).toEqual([]);
    const recognised = load(files('      - run: ./bin/release.sh\n      - run: npm publish\n', '    environment:\n      NPM_TOKEN: x\n'));
    expect(sites(recognised).map((s) => s.split(' ')[2])).toEqual(['certain']);
  });
});

describe('CircleCI orb jobs and orb commands: possible publishes', () => {
  /** A configuration with `orbs:`, a local job `build` running `steps`, and the workflow's `jobs` list. */
  const orbConfig = (orbs: string[], steps: string[], workflow: string[], job: string[] = []): string =>
    [
      'version: 2.1',
      'orbs:',
      ...orbs.map((o) => `  ${o}`),
      'jobs:',
      '  build:',
      '    docker: [{ image: cimg/node:24.15 }]',
      ...job.map((l) => `    ${l}`),
      '    steps:',
      '      - checkout',
      ...steps.map((s) => `      ${s}`),
      'workflows:',
      '  main:',
      '    jobs:',
      '      - build',
      ...workflow.map((w) => `      ${w}`),
      '',
    ].join('\n');
  const files = (config: string): Record<string, string> => ({ 'package.json': pkg({ name: 'widget' }), '.circleci/config.yml': config });
  const NPM_TOKEN = ['environment:', '  NPM_TOKEN: x'];

  it.each([
    ['an orb job that publishes, with a context named for npm', orbConfig(['auto: acme/auto-release@1.2.0'], [], ['- auto/publish:', '    context: npm-deploy']), ['auto/publish:13']],
    ['an orb job of an npm release tool that releases', orbConfig(['changesets: acme/changesets@1.0.0'], [], ['- changesets/release']), ['changesets/release:13']],
    ['an orb command that publishes, given an npm token', orbConfig(['npm: acme/npm-publisher@0.2.0'], ['- npm/publish:', '    token-variable: NPM_TOKEN'], []), ['build:9']],
    ['an orb command that deploys to npm', orbConfig(['tools: acme/js-tools@3.0.0'], ['- tools/deploy-to-npm'], [], NPM_TOKEN), ['build:11']],
    ['an orb job after pre-steps that write an npm token', orbConfig(['kit: acme/kit@1.0.0'], [], ['- kit/publish:', '    pre-steps:', '      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc']), ['kit/publish:13']],
  ])('%s', (_name, config, want) => {
    const p = load(files(config));
    expect(p.facts.sites.map((s) => `${s.job.name}:${s.publish.location.start.line}`)).toEqual(want);
    const site = p.facts.sites[0]!;
    expect(site.certainty).toBe('possible');
    expect(site.publish.because).toMatch(/ of the orb "acme\/[a-z-]+@[\d.]+", which tp-doctor does not fetch, and /);
  });

  it.each([
    ['circleci/node install-packages', orbConfig(['node: circleci/node@7.1.0'], ['- node/install-packages'], [], NPM_TOKEN)],
    ['slack/notify and codecov/upload', orbConfig(['slack: circleci/slack@4.12.0', 'codecov: codecov/codecov@4.0.0'], ['- slack/notify', '- codecov/upload'], [], NPM_TOKEN)],
    ['an AWS orb, whatever it is called', orbConfig(['aws-s3: circleci/aws-s3@4.0.0'], ['- aws-s3/publish'], [], NPM_TOKEN)],
    ['a GitHub release with the GitHub CLI orb', orbConfig(['gh: circleci/github-cli@2.3.0'], ['- gh/release'], [], NPM_TOKEN)],
    ["the orb tools' publish job (orbs, not npm packages)", orbConfig(['orb-tools: circleci/orb-tools@12.0.0'], [], ['- orb-tools/publish:', '    context: npm-deploy'])],
    ['an orb job that publishes, without a sign of npm', orbConfig(['kit: acme/kit@1.0.0'], [], ['- kit/publish'])],
    ['an orb job that publishes docs', orbConfig(['docs: acme/docs@1.0.0'], [], ['- docs/publish:', '    context: npm-deploy'])],
    ['a deploy that names no npm', orbConfig(['app: acme/app@1.0.0'], ['- app/deploy'], [], NPM_TOKEN)],
    ['a release job of an orb that is no npm tool, without a strong sign', orbConfig(['kit: acme/kit@1.0.0'], [], ['- kit/release'])],
  ])('%s: silent', (_name, config) => {
    expect(load(files(config)).facts.sites).toEqual([]);
  });

  // QRun-IO/qqq-frontend-core: `kingsrook/qqq-orb`'s `node_publish`, no sign in the job; the package says npm.
  describe("the repository's package.json publishing to npm's registry, for an orb job named publish", () => {
    const NPMJS = { publishConfig: { registry: 'https://registry.npmjs.org/' } };
    const withPkg = (fields: Record<string, unknown>, config: string): Record<string, string> => ({ 'package.json': pkg({ name: '@acme/core', ...fields }), '.circleci/config.yml': config });
    const orbJob = (ref: string, job: string): string => orbConfig([`o: ${ref}`], [], [`- o/${job}:`, '    context: [build-credentials]']);
    it.each([
      ['node_publish of an orb of its own', NPMJS, orbJob('acme/acme-orb@0.5.3', 'node_publish'), ['o/node_publish:13']],
      ['npm_publish (named npm, a possible publish before too)', NPMJS, orbJob('acme/ci@1.0.0', 'npm_publish'), ['o/npm_publish:13']],
      ['publish', NPMJS, orbJob('acme/ci@1.0.0', 'publish'), ['o/publish:13']],
      ['a private package', { ...NPMJS, private: true }, orbJob('acme/acme-orb@0.5.3', 'node_publish'), []],
      ['no publishConfig.registry', { publishConfig: { access: 'public' } }, orbJob('acme/acme-orb@0.5.3', 'node_publish'), []],
      ['publishConfig.registry elsewhere', { publishConfig: { registry: 'https://npm.pkg.github.com' } }, orbJob('acme/acme-orb@0.5.3', 'node_publish'), []],
      ['a maven orb', NPMJS, orbJob('acme/maven-tools@1.0.0', 'publish'), []],
      ['a docker orb', NPMJS, orbJob('acme/docker-orb@1.0.0', 'publish'), []],
      ['a PyPI orb', NPMJS, orbJob('acme/pypi@1.0.0', 'publish'), []],
      ['a python orb', NPMJS, orbJob('acme/python-tools@1.0.0', 'publish'), []],
      ['an orb job named for another tool chain', NPMJS, orbJob('acme/ci@1.0.0', 'publish_jar'), []],
      // QRun-IO/qqq-frontend-material-dashboard: `qqq-orb/mvn_frontend_publish` deploys a Maven JAR.
      ['an orb job named for Maven (mvn)', NPMJS, orbJob('acme/acme-orb@0.5.3', 'mvn_frontend_publish'), []],
      ['a GitHub release orb', NPMJS, orbJob('acme/github-release@1.0.0', 'publish'), []],
      ['an orb job that only releases', NPMJS, orbJob('acme/acme-orb@0.5.3', 'node_release'), []],
      ['an orb command named publish in a local job (only orb jobs take the sign)', NPMJS, orbConfig(['o: acme/acme-orb@0.5.3'], ['- o/node_publish'], []), []],
    ])('%s', (_name, fields, config, want) => {
      const p = load(withPkg(fields, config));
      expect(p.facts.sites.map((s) => `${s.job.name}:${s.publish.location.start.line}`)).toEqual(want);
      for (const site of p.facts.sites) {
        expect(site.certainty).toBe('possible');
        expect(site.publish.because).toMatch(/, which tp-doctor does not fetch, and (it names npm, )?`package.json` sets `publishConfig.registry` to npm's registry$/);
      }
    });
  });

  it('an orb command given a publish command in an argument named for publishing: a possible publish of that command', () => {
    // ethereum-optimism/actions: `utils/changesets` with `publish: 'npm run release:publish'`.
    const config = orbConfig(['utils: acme/circleci-utils@1.0.27'], ['- utils/changesets:', "    publish: 'npm run release:publish'", "    version: 'npm run release:version'"], []);
    const p = load({ 'package.json': pkg({ name: 'widget', scripts: { 'release:publish': 'changeset publish', 'release:version': 'changeset version' } }), '.circleci/config.yml': config });
    expect(p.facts.sites.map((s) => `${s.job.name}:${s.publish.location.start.line} ${s.certainty} ${s.publish.match.recognizer}`)).toEqual(['build:10 possible changeset-publish']);
    expect(p.facts.sites[0]!.publish.because).toBe(
      'the command "utils/changesets" of an orb tp-doctor does not fetch gets `publish: npm run release:publish`, a publish command it most likely runs',
    );
    // An argument that does not publish, or is not named for publishing, is no publish.
    const quiet = orbConfig(['utils: acme/circleci-utils@1.0.27'], ['- utils/changesets:', "    publish: 'npm run release:version'", "    command: 'npm publish'"], []);
    expect(load({ 'package.json': pkg({ name: 'widget', scripts: { 'release:version': 'changeset version' } }), '.circleci/config.yml': quiet }).facts.sites).toEqual([]);
  });

  it('a recognised publish of the job wins over an orb command', () => {
    const p = load(files(orbConfig(['npm: acme/npm-publisher@0.2.0'], ['- npm/publish', '- run: npm publish'], [], NPM_TOKEN)));
    expect(p.facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`)).toEqual(['certain npm publish']);
  });

  it('the stand-in of an orb job: the orb step between the pre- and post-steps, no executor, incomplete', () => {
    const p = load(files(orbConfig(['auto: acme/auto-release@1.2.0'], [], ['- auto/publish:', '    context: npm-deploy', '    post-steps: [{ run: echo done }]'])));
    const standIn = p.circleci[0]!.workflows[0]!.jobs[1]!.instances[0]!;
    expect(standIn).toMatchObject({ name: 'auto/publish', orb: 'auto', executorKind: 'none', incomplete: true });
    expect(standIn.steps.map((s) => [s.kind, s.origin, s.orb?.job])).toEqual([
      ['orb', 'job', true],
      ['run', 'post-steps', undefined],
    ]);
    expect(circleJobInstances(p.circleci[0]!).map((j) => j.name)).toEqual(['build', 'auto/publish']);
    expect(p.facts.circleci.jobNode(standIn).unknown).toBe('the job is defined in the orb "acme/auto-release@1.2.0", which tp-doctor does not fetch');
  });

  it('an orb job that may publish makes the configuration a publishing one, named in the inference note', () => {
    const p = load({ ...files(orbConfig(['auto: acme/auto-release@1.2.0'], [], ['- auto/publish:', '    context: npm-deploy'])), '.git/config': '[remote "origin"]\n\turl = git@github.com:acme/widget.git\n' });
    const { config: resolved, note } = inferPublishers(p, EMPTY_CONFIG);
    expect(resolved.publishers.map((x) => x.provider)).toEqual(['circleci']);
    expect(note).toContain('Possible publishes tp-doctor cannot read (checked at info level): .circleci/config.yml job "auto/publish" ("auto/publish")');
  });
});
