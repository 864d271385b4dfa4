import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import type { EffectiveValue, GitlabJob, GitlabPipeline, Origin } from '../../src/model/gitlab/types.js';
import { compileGitlabGlob } from '../../src/fs/globs.js';
import { loadGitlabPipeline, type GitlabLoadOptions } from '../../src/model/gitlab/pipeline.js';
import { interpolateInputs } from '../../src/model/gitlab/inputs.js';
import { parseYaml, type YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

function load(files: Record<string, string | Uint8Array>, ciFile = '.gitlab-ci.yml', options: GitlabLoadOptions = {}) {
  return loadGitlabPipeline(new MemoryFs(files), ciFile, options);
}

function pipelineOf(files: Record<string, string>, ciFile = '.gitlab-ci.yml', options: GitlabLoadOptions = {}): GitlabPipeline {
  const { pipeline, fileProblems } = load(files, ciFile, options);
  expect(fileProblems).toEqual([]);
  if (!pipeline) throw new Error('no pipeline');
  return pipeline;
}

function jobOf(files: Record<string, string>, name: string): GitlabJob {
  const job = pipelineOf(files).jobs.find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return job;
}

/** `file:line:col` of where a user looks for a node: its key when it has one. */
function at(node: YNode): string {
  const s = node.anchorSpan;
  return `${node.file}:${s.start.line}:${s.start.column}`;
}

/** `file:line:col-line:col` of a value. */
function valueAt(node: YNode): string {
  const s = node.span;
  return `${node.file}:${s.start.line}:${s.start.column}-${s.end.line}:${s.end.column}`;
}

function loc(l: Location): string {
  return `${l.file}:${l.start.line}:${l.start.column}-${l.end.line}:${l.end.column}`;
}

function via(o: Origin): string {
  return o.from === undefined ? o.via : `${o.via}:${o.from}`;
}

/** Compact view of a job's effective id tokens: `NAME aud=a|b via at`. */
function tokens(job: GitlabJob): string[] | undefined {
  if (!job.idTokens) return undefined;
  return [...job.idTokens.tokens.values()].map(
    (t) => `${t.name} aud=${t.aud.map((a) => a.expanded ?? `?${a.raw}`).join('|')} ${via(t.origin)} ${at(t.origin.node)}`,
  );
}

const NPM_AUD = 'npm:registry.npmjs.org';

describe('id_tokens', () => {
  const cases: { name: string; yaml: string; job?: string; expected: string[] | undefined; chain?: string[] }[] = [
    {
      name: "the job's own token",
      yaml: `publish:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} job .gitlab-ci.yml:3:5`],
    },
    {
      name: 'inherited from default: when the job has none',
      yaml: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} default:default .gitlab-ci.yml:3:5`],
    },
    {
      name: "the job's own id_tokens replace default's (never merged)",
      yaml: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  id_tokens:
    SIGSTORE_ID_TOKEN:
      aud: sigstore
  script: npm publish
`,
      expected: ['SIGSTORE_ID_TOKEN aud=sigstore job .gitlab-ci.yml:7:5'],
    },
    {
      name: 'inherit: default: false drops the default token',
      yaml: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  inherit:
    default: false
  script: npm publish
`,
      expected: undefined,
    },
    {
      name: 'inherit: default: [list] without id_tokens drops it',
      yaml: `default:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  inherit:
    default: [image]
  script: npm publish
`,
      expected: undefined,
    },
    {
      name: 'inherit: default: [list] with id_tokens keeps it',
      yaml: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  inherit:
    default: [id_tokens]
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} default:default .gitlab-ci.yml:3:5`],
    },
    {
      name: 'extends chain of three, token in the middle template',
      yaml: `.base:
  image: node:24
.tokens:
  extends: .base
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
.release:
  extends: .tokens
  stage: deploy
publish:
  extends: .release
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} extends:.tokens .gitlab-ci.yml:6:5`],
      chain: ['.release', '.tokens', '.base'],
    },
    {
      name: 'extends deep-merges id_tokens maps (template + job)',
      yaml: `.tokens:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  extends: .tokens
  id_tokens:
    SIGSTORE_ID_TOKEN:
      aud: sigstore
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} extends:.tokens .gitlab-ci.yml:3:5`, 'SIGSTORE_ID_TOKEN aud=sigstore job .gitlab-ci.yml:8:5'],
      chain: ['.tokens'],
    },
    {
      name: 'extends list: later templates win, the job wins over all',
      yaml: `.a:
  id_tokens:
    NPM_ID_TOKEN:
      aud: a
.b:
  id_tokens:
    NPM_ID_TOKEN:
      aud: b
.c:
  id_tokens:
    OTHER:
      aud: c
publish:
  extends: [.a, .b, .c]
  id_tokens:
    OTHER:
      aud: job
  script: npm publish
`,
      expected: ['NPM_ID_TOKEN aud=b extends:.b .gitlab-ci.yml:7:5', 'OTHER aud=job job .gitlab-ci.yml:16:5'],
      chain: ['.a', '.b', '.c'],
    },
    {
      name: '!reference to a token block',
      yaml: `.tokens:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  id_tokens: !reference [.tokens, id_tokens]
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} reference:.tokens .gitlab-ci.yml:3:5`],
    },
    {
      name: '!reference to one token, under another name',
      yaml: `.tokens:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  id_tokens:
    ID_TOKEN: !reference [.tokens, id_tokens, NPM_ID_TOKEN]
  script: npm publish
`,
      expected: [`ID_TOKEN aud=${NPM_AUD} reference:.tokens .gitlab-ci.yml:3:5`],
    },
    {
      name: 'aud as a list',
      yaml: `publish:
  id_tokens:
    NPM_ID_TOKEN:
      aud:
        - https://example.com
        - ${NPM_AUD}
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=https://example.com|${NPM_AUD} job .gitlab-ci.yml:3:5`],
    },
    {
      name: 'aud through a global variable; an unknown one stays unexpanded',
      yaml: `variables:
  AUDIENCE: "npm:registry.\${NPM_HOST}"
  NPM_HOST: npmjs.org
publish:
  id_tokens:
    NPM_ID_TOKEN:
      aud: $AUDIENCE
    OTHER:
      aud: $CI_SERVER_URL
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} job .gitlab-ci.yml:6:5`, 'OTHER aud=?$CI_SERVER_URL job .gitlab-ci.yml:8:5'],
    },
    {
      name: 'a job variable wins over a global one in aud',
      yaml: `variables:
  AUDIENCE: sigstore
publish:
  variables:
    AUDIENCE: ${NPM_AUD}
  id_tokens:
    NPM_ID_TOKEN:
      aud: \${AUDIENCE}
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} job .gitlab-ci.yml:7:5`],
    },
    {
      name: 'a top-level id_tokens key is not a keyword',
      yaml: `id_tokens:
  NPM_ID_TOKEN:
    aud: ${NPM_AUD}
publish:
  script: npm publish
`,
      expected: undefined,
    },
    {
      name: 'anchors and merge keys point at the anchored lines',
      yaml: `.tokens: &tokens
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM_AUD}
publish:
  <<: *tokens
  script: npm publish
`,
      expected: [`NPM_ID_TOKEN aud=${NPM_AUD} job .gitlab-ci.yml:3:5`],
    },
    {
      name: 'a token that is not a map has no aud',
      yaml: `publish:
  id_tokens:
    NPM_ID_TOKEN: ${NPM_AUD}
  script: npm publish
`,
      expected: ['NPM_ID_TOKEN aud= job .gitlab-ci.yml:3:5'],
    },
  ];
  it.each(cases)('$name', ({ yaml, job, expected, chain }) => {
    const j = jobOf({ '.gitlab-ci.yml': yaml }, job ?? 'publish');
    expect(tokens(j)).toEqual(expected);
    if (chain) expect(j.extendsChain).toEqual(chain);
  });

  it('records a top-level id_tokens key and the default tokens', () => {
    const p = pipelineOf({
      '.gitlab-ci.yml': `id_tokens:\n  NPM_ID_TOKEN:\n    aud: ${NPM_AUD}\ndefault:\n  id_tokens:\n    SIGSTORE_ID_TOKEN:\n      aud: sigstore\npublish:\n  script: npm publish\n`,
    });
    expect(p.topLevelIdTokens && at(p.topLevelIdTokens)).toBe('.gitlab-ci.yml:1:1');
    expect(p.jobs.map((j) => j.name)).toEqual(['publish']);
    expect([...(p.defaultIdTokens?.tokens.keys() ?? [])]).toEqual(['SIGSTORE_ID_TOKEN']);
    expect(p.defaultIdTokens && via(p.defaultIdTokens.origin)).toBe('default:default');
  });

  it('keeps the aud node and each value with its position', () => {
    const j = jobOf({ '.gitlab-ci.yml': `publish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "${NPM_AUD}"\n  script: npm publish\n` }, 'publish');
    const token = j.idTokens!.tokens.get('NPM_ID_TOKEN')!;
    expect(at(token.audNode!)).toBe('.gitlab-ci.yml:4:7');
    expect(token.aud.map((a) => valueAt(a.origin.node))).toEqual(['.gitlab-ci.yml:4:12-4:36']);
    expect(at(j.idTokens!.origin.node)).toBe('.gitlab-ci.yml:2:3');
  });
});

describe('image and variables', () => {
  const cases: { name: string; yaml: string; expected: [string, string | undefined, string] | undefined }[] = [
    {
      name: 'global variable NODE_VERSION 20',
      yaml: 'variables:\n  NODE_VERSION: 20\npublish:\n  image: node:${NODE_VERSION}\n  script: npm publish\n',
      expected: ['node:${NODE_VERSION}', 'node:20', 'job .gitlab-ci.yml:4:10-4:30'],
    },
    {
      name: 'bare $VAR, value in the expanded form',
      yaml: 'variables:\n  NODE_VERSION:\n    value: "22"\n    description: Node major\npublish:\n  image: node:$NODE_VERSION\n  script: npm publish\n',
      expected: ['node:$NODE_VERSION', 'node:22', 'job .gitlab-ci.yml:6:10-6:28'],
    },
    {
      name: 'the name: form',
      yaml: 'publish:\n  image:\n    name: node:24\n    entrypoint: [""]\n  script: npm publish\n',
      expected: ['node:24', 'node:24', 'job .gitlab-ci.yml:3:11-3:18'],
    },
    {
      name: 'from default:',
      yaml: 'default:\n  image: node:24\npublish:\n  script: npm publish\n',
      expected: ['node:24', 'node:24', 'default:default .gitlab-ci.yml:2:10-2:17'],
    },
    {
      name: 'from the deprecated top-level image:',
      yaml: 'image: node:18\npublish:\n  script: npm publish\n',
      expected: ['node:18', 'node:18', 'default:image .gitlab-ci.yml:1:8-1:15'],
    },
    {
      name: 'the job wins over default:',
      yaml: 'default:\n  image: node:18\npublish:\n  image: node:24\n  script: npm publish\n',
      expected: ['node:24', 'node:24', 'job .gitlab-ci.yml:4:10-4:17'],
    },
    {
      name: 'a null image in the job takes default:',
      yaml: 'default:\n  image: node:18\npublish:\n  image:\n  script: npm publish\n',
      expected: ['node:18', 'node:18', 'default:default .gitlab-ci.yml:2:10-2:17'],
    },
    {
      name: 'a job variable wins over the global one',
      yaml: 'variables:\n  V: "18"\npublish:\n  variables:\n    V: "24"\n  image: node:$V\n  script: npm publish\n',
      expected: ['node:$V', 'node:24', 'job .gitlab-ci.yml:6:10-6:17'],
    },
    {
      name: 'inherit: variables: false drops the global one',
      yaml: 'variables:\n  V: "18"\npublish:\n  inherit:\n    variables: false\n  image: node:$V\n  script: npm publish\n',
      expected: ['node:$V', undefined, 'job .gitlab-ci.yml:6:10-6:17'],
    },
    {
      name: 'inherit: variables: [list]',
      yaml: 'variables:\n  V: "18"\n  W: "x"\npublish:\n  inherit:\n    variables: [V]\n  image: node:$V$W\n  script: npm publish\n',
      expected: ['node:$V$W', undefined, 'job .gitlab-ci.yml:7:10-7:19'],
    },
    {
      name: 'variables using variables',
      yaml: 'variables:\n  REGISTRY: docker.io\n  IMAGE: $REGISTRY/library/node\npublish:\n  image: $IMAGE:24\n  script: npm publish\n',
      expected: ['$IMAGE:24', 'docker.io/library/node:24', 'job .gitlab-ci.yml:5:10-5:19'],
    },
    {
      name: 'a cycle does not expand',
      yaml: 'variables:\n  A: $B\n  B: $A\npublish:\n  image: $A\n  script: npm publish\n',
      expected: ['$A', undefined, 'job .gitlab-ci.yml:5:10-5:12'],
    },
    {
      name: 'expand: false keeps $ literal',
      yaml: 'variables:\n  A:\n    value: node:$X\n    expand: false\npublish:\n  image: $A\n  script: npm publish\n',
      expected: ['$A', 'node:$X', 'job .gitlab-ci.yml:6:10-6:12'],
    },
    {
      name: 'a predefined variable is unknown',
      yaml: 'publish:\n  image: $CI_REGISTRY_IMAGE/node:24\n  script: npm publish\n',
      expected: ['$CI_REGISTRY_IMAGE/node:24', undefined, 'job .gitlab-ci.yml:2:10-2:36'],
    },
    {
      name: 'an alias points at the alias, its value is the anchor\'s',
      yaml: '.img: &img node:24\npublish:\n  image: *img\n  script: npm publish\n',
      expected: ['node:24', 'node:24', 'job .gitlab-ci.yml:3:10-3:14'],
    },
    {
      name: 'a merge key with the job overriding a merged key',
      yaml: '.defaults: &defaults\n  image: node:18\n  stage: deploy\npublish:\n  <<: *defaults\n  image: node:24\n  script: npm publish\n',
      expected: ['node:24', 'node:24', 'job .gitlab-ci.yml:6:10-6:17'],
    },
    {
      name: "a CI/CD input of the top-level file is interpolated from its spec default",
      yaml: 'spec:\n  inputs:\n    node:\n      default: "24"\n---\npublish:\n  image: node:$[[ inputs.node ]]\n  script: npm publish\n',
      expected: ['node:$[[ inputs.node ]]', 'node:24', 'job .gitlab-ci.yml:7:10-7:33'],
    },
    {
      name: 'a CI/CD input without a default is not expanded',
      yaml: 'spec:\n  inputs:\n    node:\n      description: x\n---\npublish:\n  image: node:$[[ inputs.node ]]\n  script: npm publish\n',
      expected: ['node:$[[ inputs.node ]]', undefined, 'job .gitlab-ci.yml:7:10-7:33'],
    },
    {
      name: 'no image at all',
      yaml: 'publish:\n  script: npm publish\n',
      expected: undefined,
    },
  ];
  it.each(cases)('$name', ({ yaml, expected }) => {
    const j = jobOf({ '.gitlab-ci.yml': yaml }, 'publish');
    expect(j.image && [j.image.name, j.image.expanded, `${via(j.image.origin)} ${valueAt(j.image.origin.node)}`]).toEqual(expected);
  });

  it('records global and job variables with their level and nodes', () => {
    const j = jobOf(
      {
        '.gitlab-ci.yml':
          'variables:\n  G: g\n  NPM_TOKEN:\n    value: abc\n    description: x\npublish:\n  variables:\n    G: job\n  script: npm publish\n',
      },
      'publish',
    );
    expect([...j.variables.values()].map((v) => `${v.name}=${v.value} ${v.level} ${at(v.origin.node)} ${v.valueNode ? valueAt(v.valueNode) : '-'}`)).toEqual([
      'G=job job .gitlab-ci.yml:8:5 .gitlab-ci.yml:8:8-8:11',
      'NPM_TOKEN=abc global .gitlab-ci.yml:3:3 .gitlab-ci.yml:4:12-4:15',
    ]);
  });

  it('assembles one job per parallel: matrix: combination, named as GitLab names it, its values over the job variables', () => {
    const p = pipelineOf({
      '.gitlab-ci.yml': 'publish:\n  variables:\n    V: job\n  image: node:$V-$OS\n  parallel:\n    matrix:\n      - V: ["24", "22"]\n        OS: alpine\n      - V: 20\n        OS: [slim]\n  script: npm publish\n',
    });
    expect(p.jobs.map((j) => `${j.name} ${j.matrix?.label} ${j.image?.expanded} ${j.variables.get('V')?.level} ${valueAt(j.variables.get('V')!.valueNode!)}`)).toEqual([
      'publish publish: [24, alpine] node:24-alpine matrix .gitlab-ci.yml:7:13-7:17',
      'publish publish: [22, alpine] node:22-alpine matrix .gitlab-ci.yml:7:19-7:23',
      'publish publish: [20, slim] node:20-slim matrix .gitlab-ci.yml:9:12-9:14',
    ]);
    expect(p.jobs.every((j) => j.publishes.length === 1)).toBe(true);
  });

  it('reads a job once when its matrix is more than GitLab accepts (200 jobs) or not a matrix', () => {
    const values = Array.from({ length: 101 }, (_, i) => `"${i}"`).join(', ');
    const over = pipelineOf({ '.gitlab-ci.yml': `publish:\n  image: node:$V\n  parallel:\n    matrix:\n      - V: [${values}]\n        W: [a, b]\n  script: npm publish\n` });
    expect(over.jobs.map((j) => `${j.name} ${j.matrix?.label} ${j.image?.expanded}`)).toEqual(['publish undefined undefined']);
    const at200 = pipelineOf({ '.gitlab-ci.yml': `publish:\n  image: node:$V\n  parallel:\n    matrix:\n      - V: [${values}]\n      - V: [${values.split(', ').slice(0, 99).join(', ')}]\n  script: npm publish\n` });
    expect(at200.jobs).toHaveLength(200);
    const plain = pipelineOf({ '.gitlab-ci.yml': 'publish:\n  image: node:$V\n  parallel: 3\n  script: npm publish\n' });
    expect(plain.jobs.map((j) => `${j.name} ${j.matrix?.label}`)).toEqual(['publish undefined']);
  });
});

describe('include', () => {
  const job = (name: string, line = 'echo hi'): string => `${name}:\n  script: ${line}\n`;
  const cases: {
    name: string;
    files: Record<string, string>;
    jobs: string[];
    documents?: string[];
    problems?: string[];
  }[] = [
    {
      name: 'a string',
      files: { '.gitlab-ci.yml': 'include: ci/a.yml\n' + job('main'), 'ci/a.yml': job('a') },
      jobs: ['a', 'main'],
      documents: ['.gitlab-ci.yml', 'ci/a.yml'],
    },
    {
      name: 'a list of strings and local: maps, with and without a leading slash',
      files: {
        '.gitlab-ci.yml': 'include:\n  - ci/a.yml\n  - local: /ci/b.yml\n  - local: ci/c.yaml\n' + job('main'),
        'ci/a.yml': job('a'),
        'ci/b.yml': job('b'),
        'ci/c.yaml': job('c'),
      },
      jobs: ['a', 'b', 'c', 'main'],
    },
    {
      name: 'a single local: map, rules and inputs ignored',
      files: {
        '.gitlab-ci.yml': 'include:\n  local: ci/a.yml\n  rules:\n    - if: $NEVER\n  inputs:\n    x: 1\n' + job('main'),
        'ci/a.yml': job('a'),
      },
      jobs: ['a', 'main'],
    },
    {
      name: 'a glob matches one directory level, sorted',
      files: {
        '.gitlab-ci.yml': "include:\n  - local: '.gitlab/ci/*.yml'\n" + job('main'),
        '.gitlab/ci/z.yml': job('z'),
        '.gitlab/ci/a.yml': job('a'),
        '.gitlab/ci/b.yaml': job('b'),
        '.gitlab/ci/sub/c.yml': job('c'),
      },
      jobs: ['a', 'z', 'main'],
      documents: ['.gitlab-ci.yml', '.gitlab/ci/a.yml', '.gitlab/ci/z.yml'],
    },
    {
      name: '**/ matches any depth, the directory itself included',
      files: {
        '.gitlab-ci.yml': 'include: /ci/**/*.yml\n' + job('main'),
        'ci/a.yml': job('a'),
        'ci/x/b.yml': job('b'),
        'ci/x/y/c.yml': job('c'),
        'other/d.yml': job('d'),
      },
      jobs: ['a', 'b', 'c', 'main'],
    },
    {
      name: 'nested includes, a cycle and a duplicate read once',
      files: {
        '.gitlab-ci.yml': 'include: [ci/a.yml, ci/b.yml, ci/a.yml]\n' + job('main'),
        'ci/a.yml': 'include: ci/b.yml\n' + job('a'),
        'ci/b.yml': 'include: [ci/a.yml, .gitlab-ci.yml]\n' + job('b'),
      },
      jobs: ['b', 'a', 'main'],
      documents: ['.gitlab-ci.yml', 'ci/a.yml', 'ci/b.yml'],
    },
    {
      name: 'remote, project, template and component includes',
      files: {
        '.gitlab-ci.yml':
          'include:\n  - https://example.com/ci.yml\n  - remote: https://example.com/b.yml\n  - project: group/ci\n    file: [a.yml, b.yml]\n  - template: Jobs/SAST.gitlab-ci.yml\n  - component: $CI_SERVER_FQDN/g/c/release@1\n' +
          job('main'),
      },
      jobs: ['main'],
      problems: [
        'include-remote remote https://example.com/ci.yml .gitlab-ci.yml:2:5-2:31',
        'include-remote remote https://example.com/b.yml .gitlab-ci.yml:3:13-3:38',
        'include-remote project group/ci: a.yml, b.yml .gitlab-ci.yml:4:14-4:22',
        'include-remote template Jobs/SAST.gitlab-ci.yml .gitlab-ci.yml:6:15-6:38',
        'include-remote component $CI_SERVER_FQDN/g/c/release@1 .gitlab-ci.yml:7:16-7:45',
      ],
    },
    {
      name: 'local includes that cannot be read',
      files: {
        '.gitlab-ci.yml':
          'include:\n  - ci/missing.yml\n  - ci/*.yml\n  - ci/notes.txt\n  - ../outside.yml\n  - local: $CI_DIR/a.yml\n' + job('main'),
      },
      jobs: ['main'],
      problems: [
        'include-unreadable missing ci/missing.yml .gitlab-ci.yml:2:5-2:19',
        'include-unreadable missing ci/*.yml .gitlab-ci.yml:3:5-3:13',
        'include-unreadable not-yaml ci/notes.txt .gitlab-ci.yml:4:5-4:17',
        'include-unreadable outside-repository ../outside.yml .gitlab-ci.yml:5:5-5:19',
        'include-unreadable variable $CI_DIR/a.yml .gitlab-ci.yml:6:12-6:25',
      ],
    },
  ];
  it.each(cases)('$name', ({ files, jobs, documents, problems }) => {
    const p = pipelineOf(files);
    expect(p.jobs.map((j) => j.name)).toEqual(jobs);
    if (documents) expect(p.documents.map((d) => d.file)).toEqual(documents);
    expect(
      p.problems.map((x) =>
        x.kind === 'include-remote'
          ? `${x.kind} ${x.includeKind} ${x.include} ${loc(x.location)}`
          : x.kind === 'include-unreadable'
            ? `${x.kind} ${x.reason} ${x.include} ${loc(x.location)}`
            : x.kind,
      ),
    ).toEqual(problems ?? []);
    expect(p.hasUnreadableIncludes).toBe((problems ?? []).length > 0);
  });

  it('deep-merges a job defined in an included file; the including file wins', () => {
    const p = pipelineOf({
      '.gitlab-ci.yml': `include: ci/publish.yml\npublish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: ${NPM_AUD}\n`,
      'ci/publish.yml': 'publish:\n  image: node:20\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: wrong\n  script:\n    - npm publish\n',
    });
    const j = p.jobs[0]!;
    expect(tokens(j)).toEqual([`NPM_ID_TOKEN aud=${NPM_AUD} job .gitlab-ci.yml:4:5`]);
    expect(j.image && at(j.image.origin.node)).toBe('ci/publish.yml:2:3');
    expect(j.publishes.map((x) => loc(x.location))).toEqual(['ci/publish.yml:7:7-7:18']);
    expect(at(j.node)).toBe('.gitlab-ci.yml:2:1');
    expect(j.definitions.map(at)).toEqual(['ci/publish.yml:1:1', '.gitlab-ci.yml:2:1']);
    expect(p.includes.map((i) => `${i.kind} ${i.value} -> ${i.resolved.join(',')}`)).toEqual(['local ci/publish.yml -> ci/publish.yml']);
  });

  it('later includes win over earlier ones', () => {
    const j = jobOf(
      {
        '.gitlab-ci.yml': 'include: [a.yml, b.yml]\n',
        'a.yml': 'publish:\n  image: node:18\n  script: npm publish\n',
        'b.yml': 'publish:\n  image: node:24\n',
      },
      'publish',
    );
    expect(j.image && `${j.image.name} ${at(j.image.origin.node)}`).toBe('node:24 b.yml:2:3');
  });

  it('extends a template from an included file and reports its YAML problems', () => {
    const { pipeline, fileProblems } = load({
      '.gitlab-ci.yml': 'include: [ci/templates.yml, ci/broken.yml]\npublish:\n  extends: .publish\n',
      'ci/templates.yml': '.publish:\n  script:\n    - npm publish --provenance\n',
      'ci/broken.yml': 'a: [\n',
    });
    expect(fileProblems.map((f) => `${f.file} ${f.kind}`)).toEqual(['ci/broken.yml yaml']);
    expect(pipeline!.jobs[0]!.publishes.map((x) => `${x.match.tool} ${loc(x.location)}`)).toEqual(['npm ci/templates.yml:3:7-3:31']);
    expect(pipeline!.documents.map((d) => d.file)).toEqual(['.gitlab-ci.yml', 'ci/templates.yml']);
  });

  it('skips ignored files', () => {
    const p = pipelineOf({ '.gitlab-ci.yml': 'include: [a.yml]\n', 'a.yml': job('a') }, '.gitlab-ci.yml', { isIgnored: (f) => f === 'a.yml' });
    expect(p.jobs).toEqual([]);
    expect(load({ '.gitlab-ci.yml': job('a') }, '.gitlab-ci.yml', { isIgnored: () => true }).pipeline).toBeUndefined();
  });

  it('stops at GitLab’s include limit', () => {
    const files: Record<string, string> = { '.gitlab-ci.yml': `include:\n${Array.from({ length: 160 }, (_, i) => `  - f${i}.yml\n`).join('')}` };
    for (let i = 0; i < 160; i++) files[`f${i}.yml`] = job(`j${i}`);
    const p = pipelineOf(files);
    expect(p.jobs.length).toBe(150);
    expect(p.problems.map((x) => x.kind === 'include-unreadable' && x.reason)).toContain('limit');
  });
});

describe('extends problems', () => {
  const chain = (n: number): string => {
    let yaml = 'publish:\n  extends: .t1\n  script: npm publish\n';
    for (let i = 1; i <= n; i++) yaml += i < n ? `.t${i}:\n  extends: .t${i + 1}\n` : `.t${i}:\n  stage: deploy\n`;
    return yaml;
  };
  const cases: { name: string; yaml: string; expected: string[] }[] = [
    {
      name: 'a cycle',
      yaml: 'publish:\n  extends: .a\n  script: npm publish\n.a:\n  extends: .b\n.b:\n  extends: [.c, .a]\n.c:\n  stage: x\n',
      expected: ['extends-cycle publish publish>.a>.b>.a .gitlab-ci.yml:7:17-7:19'],
    },
    {
      name: 'a job extending itself',
      yaml: 'publish:\n  extends: publish\n  script: npm publish\n',
      expected: ['extends-cycle publish publish>publish .gitlab-ci.yml:2:12-2:19'],
    },
    {
      name: 'a missing template',
      yaml: 'publish:\n  extends:\n    - .missing\n  script: npm publish\n',
      expected: ['extends-missing publish .missing local .gitlab-ci.yml:3:7-3:15'],
    },
    {
      name: 'a missing template that may be in a remote include',
      yaml: 'include: https://example.com/x.yml\npublish:\n  extends: .semantic-release\n',
      expected: ['include-remote', 'extends-missing publish .semantic-release remote? .gitlab-ci.yml:3:12-3:29'],
    },
    { name: 'eleven levels of inheritance are allowed', yaml: chain(11), expected: [] },
    { name: 'a twelfth is not', yaml: chain(12), expected: ['extends-depth publish .gitlab-ci.yml:25:12-25:16'] },
  ];
  it.each(cases)('$name', ({ yaml, expected }) => {
    const p = pipelineOf({ '.gitlab-ci.yml': yaml });
    expect(
      p.problems.map((x) => {
        switch (x.kind) {
          case 'extends-cycle':
            return `${x.kind} ${x.job} ${x.chain.join('>')} ${loc(x.location)}`;
          case 'extends-missing':
            return `${x.kind} ${x.job} ${x.target} ${x.possiblyRemote ? 'remote?' : 'local'} ${loc(x.location)}`;
          case 'extends-depth':
            return `${x.kind} ${x.job} ${loc(x.location)}`;
          default:
            return x.kind;
        }
      }),
    ).toEqual(expected);
  });

  it('marks a job with a missing template incomplete and keeps the rest', () => {
    const j = jobOf({ '.gitlab-ci.yml': 'publish:\n  extends: [.gone, .here]\n.here:\n  script: npm publish\n' }, 'publish');
    expect(j.incomplete).toBe(true);
    expect(j.extendsChain).toEqual(['.here']);
    expect(j.publishes).toHaveLength(1);
  });
});

describe('!reference', () => {
  it('flattens a referenced list in a script, each line where it is written', () => {
    const j = jobOf(
      {
        '.gitlab-ci.yml': `.setup:
  script:
    - npm ci
    - npm run build
.auth:
  before_script: !reference [.setup, script]
publish:
  extends: .auth
  script:
    - !reference [.setup, script]
    - npm publish
`,
      },
      'publish',
    );
    expect(j.scripts.map((s) => `${s.section} ${s.text} ${via(s.origin)} ${valueAt(s.node)}`)).toEqual([
      'before_script npm ci reference:.setup .gitlab-ci.yml:3:7-3:13',
      'before_script npm run build reference:.setup .gitlab-ci.yml:4:7-4:20',
      'script npm ci reference:.setup .gitlab-ci.yml:3:7-3:13',
      'script npm run build reference:.setup .gitlab-ci.yml:4:7-4:20',
      'script npm publish job .gitlab-ci.yml:11:7-11:18',
    ]);
    expect(j.incomplete).toBe(false);
  });

  it('follows nested references and references to a template after its extends merge', () => {
    const j = jobOf(
      {
        '.gitlab-ci.yml': `.base:
  variables:
    REGISTRY: https://registry.npmjs.org/
.vars:
  extends: .base
  variables:
    OTHER: !reference [.base, variables, REGISTRY]
publish:
  variables: !reference [.vars, variables]
  script: npm publish
`,
      },
      'publish',
    );
    expect([...j.variables.values()].map((v) => `${v.name}=${v.value} ${via(v.origin)} ${at(v.origin.node)}`)).toEqual([
      'REGISTRY=https://registry.npmjs.org/ reference:.vars .gitlab-ci.yml:3:5',
      'OTHER=https://registry.npmjs.org/ reference:.vars .gitlab-ci.yml:3:5',
    ]);
  });

  it('reports a missing target and a reference nested too deep', () => {
    let deep = '.r0:\n  x: end\n';
    for (let i = 1; i <= 11; i++) deep += `.r${i}:\n  x: !reference [.r${i - 1}, x]\n`;
    const p = pipelineOf({
      '.gitlab-ci.yml': `publish:\n  script:\n    - !reference [.nothing, script]\n    - npm publish\n  cache: !reference [.r11, x]\n${deep}`,
    });
    expect(p.problems.map((x) => (x.kind === 'reference-missing' ? `${x.kind} ${x.target.join(',')} ${loc(x.location)}` : `${x.kind} ${loc(x.location)}`))).toEqual([
      'reference-depth .gitlab-ci.yml:29:6-29:26',
      'reference-missing .nothing,script .gitlab-ci.yml:3:7-3:36',
    ]);
    const j = p.jobs[0]!;
    expect(j.incomplete).toBe(true);
    expect(j.scripts.map((s) => s.text)).toEqual(['npm publish']);
    const script = j.keywords.get('script');
    expect(script?.kind === 'leaf' && script.items?.[0]?.kind === 'leaf' ? script.items[0].unresolvedReference : undefined).toEqual(['.nothing', 'script']);
  });

  it('ten nested references resolve', () => {
    let deep = '.r0:\n  x: end\n';
    for (let i = 1; i <= 10; i++) deep += `.r${i}:\n  x: !reference [.r${i - 1}, x]\n`;
    const p = pipelineOf({ '.gitlab-ci.yml': `publish:\n  script: npm publish\n  cache: !reference [.r9, x]\n${deep}` });
    expect(p.problems).toEqual([]);
    const cache = p.jobs[0]!.keywords.get('cache');
    expect(cache && `${cache.origin.node.text} ${via(cache.origin)}`).toBe('end reference:.r9');
  });

  it('resolves a reference to a top-level scalar (GitLab rules)', () => {
    const j = jobOf({ '.gitlab-ci.yml': ".if-mr: '$CI_MERGE_REQUEST_IID'\npublish:\n  rules:\n    - if: !reference [.if-mr]\n  script: x\n" }, 'publish');
    const rules = j.keywords.get('rules') as Extract<EffectiveValue, { kind: 'leaf' }>;
    const rule = rules.items![0] as Extract<EffectiveValue, { kind: 'map' }>;
    expect(rule.entries.get('if')?.origin.node.text).toBe('$CI_MERGE_REQUEST_IID');
  });
});

describe('jobs, tags, environment, scripts', () => {
  it('excludes hidden jobs and global keywords, keeps pages and trigger jobs', () => {
    const p = pipelineOf({
      '.gitlab-ci.yml': `spec_like: 1
stages: [build]
variables: {}
workflow:
  rules: [{ when: always }]
default:
  image: node:24
image: node:22
services: []
cache: {}
before_script: [echo]
after_script: [echo]
.hidden:
  script: npm publish
pages:
  script: echo pages
downstream:
  trigger: group/project
`,
    });
    expect(p.jobs.map((j) => `${j.name}:${j.kind}`)).toEqual(['pages:job', 'downstream:trigger']);
    expect(p.templates).toEqual(['.hidden']);
    expect(p.jobs[1]!.keywords.has('image')).toBe(false);
    expect(p.jobs[0]!.image?.name).toBe('node:24');
  });

  it('reads tags and environment', () => {
    const p = pipelineOf({
      '.gitlab-ci.yml': `default:
  tags: [saas-linux-small-amd64]
variables:
  RUNNER: my-k8s-runner
  DEPLOY: production
a:
  script: x
  environment: npm
b:
  script: x
  tags:
    - $RUNNER
  environment:
    name: review/$CI_COMMIT_REF_SLUG
c:
  script: x
  environment:
    name: $DEPLOY
`,
    });
    const view = (j: GitlabJob): string =>
      `${j.name} tags=${j.tags.map((t) => `${t.value}>${t.expanded}@${via(t.origin)}`).join(',')} env=${j.environment?.name}>${j.environment?.expanded} expr=${j.environment?.isExpression} ${j.environment ? valueAt(j.environment.origin.node) : ''}`;
    expect(p.jobs.map(view)).toEqual([
      'a tags=saas-linux-small-amd64>saas-linux-small-amd64@default:default env=npm>npm expr=false .gitlab-ci.yml:8:16-8:19',
      'b tags=$RUNNER>my-k8s-runner@job env=review/$CI_COMMIT_REF_SLUG>undefined expr=true .gitlab-ci.yml:14:11-14:37',
      'c tags=saas-linux-small-amd64>saas-linux-small-amd64@default:default env=$DEPLOY>production expr=true .gitlab-ci.yml:18:11-18:18',
    ]);
  });

  it('finds publish commands in every script section, through package.json scripts, where they are written', () => {
    const p = pipelineOf(
      {
        '.gitlab-ci.yml': `default:
  before_script:
    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc
.release:
  script:
    - |
      npm ci
      npm run release
publish:
  extends: .release
  after_script: npm publish --dry-run
test:
  script: [[npm test, [npm run lint]]]
`,
      },
      '.gitlab-ci.yml',
      { scripts: { release: 'changeset publish' } },
    );
    const [publish, test] = p.jobs;
    expect(publish!.scripts.map((s) => `${s.section} ${via(s.origin)} ${at(s.node)}`)).toEqual([
      'before_script default:default .gitlab-ci.yml:3:7',
      'script extends:.release .gitlab-ci.yml:6:7',
      'after_script job .gitlab-ci.yml:11:3',
    ]);
    expect(publish!.publishes.map((x) => `${x.match.recognizer} ${x.match.via.map((v) => v.script).join('>')} ${loc(x.location)}`)).toEqual([
      'changeset-publish release .gitlab-ci.yml:8:7-8:22',
    ]);
    expect(test!.scripts.map((s) => s.text)).toEqual(['echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc', 'npm test', 'npm run lint']);
    expect(test!.publishes).toEqual([]);
  });

  it('keeps effective keywords with origins', () => {
    const j = jobOf(
      {
        '.gitlab-ci.yml': `default:
  retry: 2
  interruptible: true
.t:
  stage: deploy
  interruptible: false
publish:
  extends: .t
  script: npm publish
`,
      },
      'publish',
    );
    expect([...j.keywords].map(([k, v]) => `${k} ${v.kind} ${via(v.origin)} ${at(v.origin.node)}`)).toEqual([
      'stage leaf extends:.t .gitlab-ci.yml:5:3',
      'interruptible leaf extends:.t .gitlab-ci.yml:6:3',
      'extends leaf job .gitlab-ci.yml:8:3',
      'script leaf job .gitlab-ci.yml:9:3',
      'retry leaf default:default .gitlab-ci.yml:2:3',
    ]);
  });
});

describe('files', () => {
  it('has no pipeline when the CI file does not exist', () => {
    expect(load({ 'package.json': '{}' })).toEqual({ fileProblems: [] });
  });

  it('reads another CI file path', () => {
    const p = pipelineOf({ 'ci/main.yml': 'publish:\n  script: npm publish\n' }, 'ci/main.yml');
    expect(p.ciFile).toBe('ci/main.yml');
    expect(p.jobs[0]!.ciFile).toBe('ci/main.yml');
  });

  const bad: { name: string; content: string | Uint8Array; expected: string }[] = [
    { name: 'binary', content: new Uint8Array([0, 1, 2]), expected: 'read binary' },
    { name: 'a syntax error', content: 'a: [\n', expected: 'yaml syntax' },
    { name: 'a duplicate key', content: 'a: 1\na: 2\n', expected: 'yaml duplicate-key' },
    { name: 'a list', content: '- a\n- b\n', expected: 'shape not-a-map 1:1-3:1' },
    { name: 'empty', content: '# nothing\n', expected: 'shape empty 1:1-1:1' },
    { name: 'three documents', content: 'spec:\n  inputs: {}\n---\na: {script: x}\n---\nb: 1\n', expected: 'yaml multiple-documents' },
    { name: 'two documents without a spec header', content: 'a: 1\n---\nb: 1\n', expected: 'yaml multiple-documents' },
  ];
  it.each(bad)('a top-level file that is $name', ({ content, expected }) => {
    const { pipeline, fileProblems } = load({ '.gitlab-ci.yml': content });
    expect(pipeline?.parsed).toBe(false);
    expect(pipeline?.jobs).toEqual([]);
    expect(
      fileProblems.map((f) =>
        f.kind === 'read'
          ? `read ${f.failure.reason}`
          : f.kind === 'yaml'
            ? `yaml ${f.problem.code}`
            : f.kind === 'limit'
              ? `limit ${f.limit}`
              : `shape ${f.shape} ${f.location.start.line}:${f.location.start.column}-${f.location.end.line}:${f.location.end.column}`,
      ),
    ).toEqual([expected]);
  });

  it('reads a file with a spec: header, positions from the whole file', () => {
    const p = pipelineOf({
      '.gitlab-ci.yml': `spec:
  inputs:
    stage:
      default: deploy
---
include:
  - local: /templates/publish.yml
publish:
  stage: $[[ inputs.stage ]]
  script:
    - npm publish
`,
      'templates/publish.yml': 'spec:\n  inputs: {}\n\n---\n.t:\n  image: node:24\n',
    });
    const j = p.jobs[0]!;
    expect(j.scripts.map((s) => valueAt(s.node))).toEqual(['.gitlab-ci.yml:11:7-11:18']);
    expect(p.documents.map((d) => `${d.file} ${d.header ? at(d.header) : '-'}`)).toEqual(['.gitlab-ci.yml .gitlab-ci.yml:1:1', 'templates/publish.yml templates/publish.yml:1:1']);
    expect(p.templates).toEqual(['.t']);
  });
});

describe('GitLab include wildcards', () => {
  const cases: [pattern: string, path: string, matches: boolean][] = [
    ['.gitlab/ci/*.yml', '.gitlab/ci/a.yml', true],
    ['.gitlab/ci/*.yml', '.gitlab/ci/sub/a.yml', false],
    ['.gitlab/ci/*.yml', '.gitlab/ci/a.yaml', false],
    ['ci/**.yml', 'ci/a.yml', true],
    ['ci/**.yml', 'ci/x/y/a.yml', true],
    ['ci/**/*.yml', 'ci/a.yml', true],
    ['ci/**/*.yml', 'ci/x/a.yml', true],
    ['ci/**/*.yml', 'other/ci/a.yml', false],
    ['ci/[ab].yml', 'ci/[ab].yml', true],
    ['ci/[ab].yml', 'ci/a.yml', false],
    ['ci/a?.yml', 'ci/ab.yml', false],
    ['*.yml', 'a.yml', true],
    ['*.yml', 'x/a.yml', false],
  ];
  it.each(cases)('%s on %s: %s', (pattern, path, matches) => {
    expect(compileGitlabGlob(pattern)(path)).toBe(matches);
  });
});

describe('parseYaml with gitlabSpecHeader', () => {
  it('keeps the header apart and the configuration as root', () => {
    const text = 'spec:\n  inputs:\n    a: &x {default: 1}\n    b: *x\n---\njob: &j\n  script: x\nother: *j\n';
    const doc = parseYaml('f.yml', text, { gitlabTags: true, gitlabSpecHeader: true });
    expect(doc.problems).toEqual([]);
    expect(doc.root?.keys()).toEqual(['job', 'other']);
    expect(doc.root?.at('other', 'script')?.text).toBe('x');
    expect(doc.header?.at('spec', 'inputs', 'b', 'default')?.value).toBe(1);
    expect(at(doc.root!.get('job')!)).toBe('f.yml:6:1');
  });

  it('reports an error in the header and a third document', () => {
    const header = parseYaml('f.yml', 'spec:\n  inputs: [\n---\na: 1\n', { gitlabSpecHeader: true });
    expect(header.problems.map((p) => p.code)).toContain('syntax');
    const three = parseYaml('f.yml', 'spec: {}\n---\na: 1\n---\nb: 2\n', { gitlabSpecHeader: true });
    expect(three.problems.map((p) => `${p.code} ${p.span.start.line}`)).toEqual(['multiple-documents 4']);
  });

  it('is not a header when the first document has other keys, or without the option', () => {
    expect(parseYaml('f.yml', 'spec: {}\nx: 1\n---\na: 1\n', { gitlabSpecHeader: true }).problems[0]?.code).toBe('multiple-documents');
    expect(parseYaml('f.yml', 'spec: {}\n---\na: 1\n').problems[0]?.code).toBe('multiple-documents');
  });
});

describe('bounds', () => {
  // Its time is measured by `npm run bench:hostile` (case gitlab-reference-fanout), not here: a
  // wall-clock bound fails on a loaded machine (4.6 s against 1.0 s alone).
  it('survives a !reference fan-out bomb', () => {
    let yaml = '.a0: [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i++) yaml += `.a${i}: [${Array.from({ length: 10 }, () => `!reference [.a${i - 1}]`).join(', ')}]\n`;
    yaml += 'job1:\n  script: !reference [.a9]\njob2:\n  script: npm publish\n';
    const p = pipelineOf({ '.gitlab-ci.yml': yaml });
    expect(p.jobs.map((j) => j.name)).toEqual(['job1', 'job2']);
  });
});

describe('GitLab CI/CD inputs', () => {
  const inputs = new Map([
    ['node', { value: '20', overridable: false }],
    ['tag', { value: 'next', overridable: true }],
    ['none', { value: undefined, overridable: false }],
  ]);
  it.each([
    ['node:$[[ inputs.node ]]', 'node:20 node'],
    ['node:$[[inputs.node]]-$[[ inputs.tag ]]', 'node:20-next node,tag*'],
    ['node:24', 'node:24 '],
    ['node:$[[ inputs.node | expand_vars ]]', 'unknown'],
    ['node:$[[ inputs.missing ]]', 'unknown'],
    ['node:$[[ inputs.none ]]', 'unknown'],
    ['node:$[[ matrix.node ]]', 'unknown'],
  ])('%s', (text, want) => {
    const r = interpolateInputs(text, inputs);
    expect(r ? `${r.text} ${r.used.map((u) => `${u.name}${u.overridable ? '*' : ''}`).join(',')}` : 'unknown').toBe(want);
  });

  it("reads a local include's inputs over the included file's spec defaults, and the top-level file's defaults as overridable", () => {
    const p = pipelineOf({
      '.gitlab-ci.yml': 'spec:\n  inputs:\n    os:\n      default: alpine\n---\ninclude:\n  - local: ci/a.yml\n    inputs:\n      node: "22"\ntop:\n  image: node:24-$[[ inputs.os ]]\n  script: npm publish\n',
      'ci/a.yml': 'spec:\n  inputs:\n    node:\n      default: "24"\n    os:\n      default: slim\n---\npublish:\n  image: node:$[[ inputs.node ]]-$[[ inputs.os ]]\n  script: npm publish\n',
    });
    expect(p.jobs.map((j) => `${j.name} ${j.image?.expanded} ${(j.image?.inputs ?? []).map((i) => `${i.name}=${i.value}${i.overridable ? '*' : ''}@${i.node ? valueAt(i.node) : '-'}`).join(' ')}`)).toEqual([
      'publish node:22-slim node=22@.gitlab-ci.yml:9:13-9:17 os=slim@ci/a.yml:6:16-6:20',
      'top node:24-alpine os=alpine*@.gitlab-ci.yml:4:16-4:22',
    ]);
  });
});
