/**
 * GitLab jobs whose script comes, wholly or partly, from a template tp-doctor cannot read (an
 * `extends:` or `!reference` target defined only in a `project:`/`remote:` include): read by their
 * names, like a GitHub action or a CircleCI orb job tp-doctor does not know (src/model/gitlab/
 * unread-script.ts). Real cases: gitlab-ui's `publish_to_npm` and gitlab-svgs' `publish-to-npm`,
 * both extending a semantic-release template of another project.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject, type Project } from '../../src/model/project.js';

const PKG = JSON.stringify({ name: 'w', version: '1.0.0' });
const PROJECT = 'include:\n  - project: acme/ci-templates\n    file: /semantic-release/template.yml\n';
const REMOTE = 'include:\n  - remote: https://example.com/ci/templates.yml\n';

function load(ci: string): Project {
  return loadProject(new MemoryFs({ 'package.json': PKG, '.gitlab-ci.yml': ci }));
}

/** `job:line:column certainty label` per publish of the pipeline. */
function publishes(p: Project): string[] {
  return (p.gitlab[0]?.jobs ?? []).flatMap((j) => j.publishes.map((x) => `${j.name}:${x.location.start.line}:${x.location.start.column} ${x.certainty} ${x.match.label}`));
}

describe('GitLab: a script that comes from a template tp-doctor cannot read', () => {
  const rows: [name: string, ci: string, want: string[]][] = [
    [
      'the survey case: publish-to-npm extends a template that extends one from a project include',
      `${PROJECT}default:\n  image: node:22.12\n.publish:\n  extends: .semantic-release\n  stage: deploy\npublish-to-npm:\n  extends: .publish\n`,
      ['publish-to-npm:7:12 possible "extends: .semantic-release"'],
    ],
    [
      // gitlab-svgs: the job name says npm, the before_script installs bash; the dry run publishes nothing.
      'a before_script the job name alone would make a publish: the template stays the guess, a dry run none',
      `${PROJECT}.publish:\n  extends: .semantic-release\n  before_script:\n    - apk add --update-cache --no-cache bash\npublish-to-npm:\n  extends: .publish\npublish-to-npm-dry-run:\n  extends: [.publish]\n  script:\n    - semantic-release --dry-run --no-ci\n`,
      ['publish-to-npm:5:12 possible "extends: .semantic-release"'],
    ],
    ['publish_to_npm extends it directly, with another local template', `${PROJECT}.rules:\n  rules: [{ when: manual }]\npublish_to_npm:\n  extends: [.semantic-release, .rules]\n`, ['publish_to_npm:7:13 possible "extends: .semantic-release"']],
    ['a release job: the template is named after an npm release tool', `${PROJECT}release:\n  extends: .semantic-release\n`, ['release:5:12 possible "extends: .semantic-release"']],
    ['a release job extending a template named for nothing: no sign of npm', `${REMOTE}release:\n  extends: .deploy\n`, []],
    ['... with an npm token variable', `${REMOTE}release:\n  extends: .deploy\n  variables:\n    NPM_TOKEN: $CI_NPM_TOKEN\n`, ['release:4:12 possible "extends: .deploy"']],
    ['... with an ID token of the npm audience under another name', `${REMOTE}release:\n  extends: .deploy\n  id_tokens:\n    OIDC:\n      aud: npm:registry.npmjs.org\n`, ['release:4:12 possible "extends: .deploy"']],
    ['... with an npm upgrade before it', `${REMOTE}release:\n  extends: .deploy\n  before_script:\n    - npm install -g npm@11\n`, ['release:4:12 possible "extends: .deploy"']],
    ['... in an image named after semantic-release', `${REMOTE}release:\n  extends: .deploy\n  image: registry.example.com/tools/semantic-release:24\n`, ['release:4:12 possible "extends: .deploy"']],
    ['... in a plain Node image: no sign of npm', `${REMOTE}release:\n  extends: .deploy\n  image: node:24\n`, []],
    ['a publish template that names npm, whatever the job is called', `${REMOTE}ship:\n  extends: .npm-publish\n`, ['ship:4:12 possible "extends: .npm-publish"']],
    ['of two unread templates, the one that says publish', `${REMOTE}release:\n  extends: [.rules-x, .npm-publish]\n  variables:\n    NPM_TOKEN: $T\n`, ['release:4:23 possible "extends: .npm-publish"']],
    ['a job whose readable script shows what it does', `${PROJECT}publish-to-npm:\n  extends: .semantic-release\n  script:\n    - echo "handled elsewhere"\n`, []],
    ['another destination in the job name', `${REMOTE}publish-docs:\n  extends: .pages\n  variables:\n    NPM_TOKEN: $T\n`, []],
    ['no include tp-doctor cannot read: the template is missing, not unread', 'publish-to-npm:\n  extends: .semantic-release\n', []],
    ['only GitLab scanner templates are unread: they define no publish', 'include:\n  - template: Jobs/SAST.gitlab-ci.yml\npublish-to-npm:\n  extends: .semantic-release\n', []],
    ['a trigger job runs no script', `${REMOTE}publish-to-npm:\n  extends: .semantic-release\n  trigger:\n    include: child.yml\n`, []],
    [
      'part of the script from an unread !reference, in a job with an npm ID token',
      `${REMOTE}publish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - !reference [.npm-release, script]\n    - echo done\n`,
      ['publish:8:7 possible "!reference [.npm-release, script]"'],
    ],
    ['... whose readable lines push a container image', `${REMOTE}publish:\n  variables:\n    NPM_TOKEN: $T\n  script:\n    - !reference [.release, script]\n    - docker push $IMAGE\n`, []],
    ['a recognised publish in the readable lines wins', `${REMOTE}publish-to-npm:\n  extends: .semantic-release\n  before_script:\n    - npm publish\n`, ['publish-to-npm:6:7 certain npm publish']],
  ];
  for (const [name, ci, want] of rows) {
    it(name, () => {
      expect(publishes(load(ci))).toEqual(want);
    });
  }

  it('says what could not be read and why it may publish', () => {
    const p = load(`${PROJECT}default:\n  image: node:22.12\n.publish:\n  extends: .semantic-release\npublish-to-npm:\n  extends: .publish\n`);
    expect(p.facts.sites.map((s) => s.publish.because)).toEqual([
      '"extends: .semantic-release" gives the job its script from a template tp-doctor cannot read (it may be in the include ' +
        '"acme/ci-templates: /semantic-release/template.yml", which is not read offline), and it names npm, the template is named after semantic-release, an npm release tool',
    ]);
  });

  it('names the unread include whose path holds the template\'s name', () => {
    const p = load(`include:\n  - remote: https://example.com/a.yml\n  - project: acme/ci\n    file: /npm-publish/t.yml\npublish:\n  extends: .npm-publish\n`);
    expect(p.facts.sites[0]?.publish.because).toContain('one of the 2 includes that are not read offline, such as "acme/ci: /npm-publish/t.yml"');
  });
});

describe('GitLab: npm signs of a job, for every possible publish', () => {
  it('an ID token with the npm audience under another name makes an unreadable release script a possible publish', () => {
    const ci = (tokens: string): string => `release:\n${tokens}  script:\n    - ./scripts/release.sh\n`;
    expect(publishes(load(ci('')))).toEqual([]);
    expect(publishes(load(ci('  id_tokens:\n    GITLAB_OIDC_TOKEN:\n      aud: npm:registry.npmjs.org\n')))).toEqual(['release:6:7 possible "./scripts/release.sh"']);
  });
});
