/**
 * Another ecosystem's tool (`./gradlew`, `python`, `cargo`) is a possible npm publish only when one
 * of its arguments itself ties a publish to npm (src/model/npm/possible-publish.ts
 * `tiesPublishToNpm`): `cargo xtask publish-npm`, `--target=npmjs`, `:npm:publish`. The word npm in
 * a Gradle task path (flock-community/wirespec: `./gradlew publishToMavenLocal
 * :src:plugin:npm:jsNodeProductionLibraryDistribution` in a step "Publish to Maven Local") or in an
 * option's value (777genius/universal-agent-plugins: `python scripts/observe_release_facade.py
 * --kind npm`) is no publish to npm. Maven Local and Maven Central are other destinations, and a
 * script named for observing or smoke-testing a release checks it (`checksItself`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0' });

/** `certainty label` of the sites of a job with an npm registry set up and one step. */
function sites(run: string, name = 'Publish', signal = true): string[] {
  const setup = signal ? '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n' : '';
  const workflow = `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n${setup}      - name: ${name}\n        run: ${run}\n`;
  const project = loadProject(new MemoryFs({ 'package.json': PKG, '.github/workflows/r.yml': workflow }));
  return project.facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

describe('another ecosystem\'s tool names npm without publishing there', () => {
  it('a Gradle task path that holds npm, in a step named for Maven Local (wirespec)', () => {
    expect(sites('./gradlew publishToMavenLocal :src:plugin:npm:jsNodeProductionLibraryDistribution', 'Publish to Maven Local')).toEqual([]);
    expect(sites('./gradlew publishToMavenLocal :src:plugin:npm:jsNodeProductionLibraryDistribution', 'Publish')).toEqual([]);
    expect(sites('./gradlew :src:plugin:npm:jsNodeProductionLibraryDistribution', 'Publish')).toEqual([]);
  });

  it('an option value that names npm (universal-agent-plugins: `--kind npm`)', () => {
    expect(sites('python scripts/observe_release_facade.py --kind npm --output out.json', 'Install the npm facade and observe it')).toEqual([]);
    expect(sites('python scripts/release_facade.py --kind npm', 'Publish')).toEqual([]);
    expect(sites('python scripts/release_facade.py --kind=npm', 'Publish')).toEqual([]);
  });

  it('controls: an argument that ties the publish to npm keeps the guess', () => {
    expect(sites('cargo xtask publish-npm', 'Publish to npm')).toEqual(['possible "cargo xtask publish-npm"']);
    expect(sites('./gradlew :src:plugin:npm:publish', 'Publish')).toEqual(['possible "./gradlew :src:plugin:npm:publish"']);
    expect(sites('python scripts/release.py --target=npmjs', 'Publish')).toEqual(['possible "python scripts/release.py --target=npmjs"']);
    expect(sites('python scripts/release.py --target npm', 'Publish')).toEqual(['possible "python scripts/release.py --target npm"']);
    expect(sites('python scripts/release.py --npm', 'Publish')).toEqual(['possible "python scripts/release.py --npm"']);
    expect(sites('dart run grinder pkg-npm-deploy', 'Deploy npm')).toEqual(['possible "dart run grinder pkg-npm-deploy"']);
  });
});

describe('a camelCase task name ties a publish to npm too', () => {
  it('`./gradlew npmPublish` stays a guess', () => {
    expect(sites('./gradlew npmPublish', 'Publish')).toEqual(['possible "./gradlew npmPublish"']);
    expect(sites('./gradlew npmInstall', 'Publish')).toEqual([]);
  });
});

describe('Maven destinations and release checks veto a guess', () => {
  it('mavenLocal and mavenCentral are other destinations', () => {
    expect(sites('./scripts/publish-mavenCentral.sh', 'Publish')).toEqual([]);
    expect(sites('./scripts/publish.sh mavenlocal', 'Publish')).toEqual([]);
    // Control: the same script with no destination stays a guess.
    expect(sites('./scripts/publish.sh', 'Publish')).toEqual(['possible "./scripts/publish.sh"']);
  });

  it('a script named for observing or smoke-testing a release checks it', () => {
    expect(sites('node scripts/observe-release.mjs', 'Release')).toEqual([]);
    expect(sites('./scripts/smoke-release.sh', 'Release')).toEqual([]);
    expect(sites('node scripts/e2e-release.mjs', 'Release')).toEqual([]);
    // Control: the release script itself stays a guess.
    expect(sites('node scripts/release.mjs', 'Release')).toEqual(['possible "node scripts/release.mjs"']);
  });
});
