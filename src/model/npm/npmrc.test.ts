import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { npmrcGet, parseNpmrc } from './npmrc.js';
import { loadProject } from '../project.js';

describe('parseNpmrc', () => {
  const text = [
    '# a comment',
    '; another',
    'registry = "https://registry.npmjs.org/"',
    '@acme:registry=https://npm.pkg.github.com # trailing comment',
    '//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}',
    '  provenance=true',
    'save-exact',
    'tag-version-prefix=',
    'message=Release v%s',
    "quoted='single'",
    'escaped=a\\;b',
    '[section]',
    'registry=https://ignored.example',
    '',
  ].join('\n');
  const rc = parseNpmrc('.npmrc', text);

  it('reads keys and values like ini', () => {
    expect(rc.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['registry', 'https://registry.npmjs.org/', 3],
      ['@acme:registry', 'https://npm.pkg.github.com', 4],
      ['//npm.pkg.github.com/:_authToken', '${GITHUB_TOKEN}', 5],
      ['provenance', 'true', 6],
      ['save-exact', 'true', 7],
      ['tag-version-prefix', '', 8],
      ['message', 'Release v%s', 9],
      ['quoted', 'single', 10],
      ['escaped', 'a;b', 11],
    ]);
  });

  it('keeps positions of keys, values and lines', () => {
    const scoped = npmrcGet(rc, '@ACME:registry')!;
    expect(scoped.keyLocation).toEqual({ file: '.npmrc', start: { line: 4, column: 1 }, end: { line: 4, column: 15 } });
    expect(scoped.valueLocation).toEqual({ file: '.npmrc', start: { line: 4, column: 16 }, end: { line: 4, column: 42 } });
    const prov = npmrcGet(rc, 'provenance')!;
    expect(prov.valueLocation.start).toEqual({ line: 6, column: 14 });
    expect(prov.lineLocation).toEqual({ file: '.npmrc', start: { line: 6, column: 3 }, end: { line: 6, column: 18 } });
    expect(npmrcGet(rc, 'registry')!.valueLocation.start).toEqual({ line: 3, column: 12 });
  });

  it('the last entry wins', () => {
    expect(npmrcGet(parseNpmrc('x', 'registry=a\nregistry=b\n'), 'registry')?.value).toBe('b');
    expect(npmrcGet(undefined, 'registry')).toBeUndefined();
  });

  it('handles CRLF line ends', () => {
    const crlf = parseNpmrc('.npmrc', 'a=1\r\nprovenance=false\r\n');
    expect(npmrcGet(crlf, 'provenance')).toMatchObject({ value: 'false', line: 2 });
    expect(npmrcGet(crlf, 'provenance')!.valueLocation.end).toEqual({ line: 2, column: 17 });
  });

  it('reads from a directory (ProjectFacts.npmrc, once per run)', () => {
    const facts = loadProject(new MemoryFs({ '.npmrc': 'registry=x\n', 'packages/a/.npmrc': 'provenance=true\n' })).facts;
    expect(facts.npmrc('')?.file).toBe('.npmrc');
    expect(facts.npmrc('packages/a')?.entries[0]?.key).toBe('provenance');
    expect(facts.npmrc('packages/b')).toBeUndefined();
  });
});
