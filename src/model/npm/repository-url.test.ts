import { describe, expect, it } from 'vitest';
import { compareRepositories, normalizeRepositoryUrl, packageJsonUrl, provenanceUrl } from './repository-url.js';

describe('normalizeRepositoryUrl', () => {
  const rows: [string, string | undefined][] = [
    ['https://github.com/acme/widget', 'github.com acme/widget'],
    ['https://github.com/acme/widget.git', 'github.com acme/widget'],
    ['git+https://github.com/acme/widget.git', 'github.com acme/widget'],
    ['git://github.com/Leaflet/Leaflet.git', 'github.com Leaflet/Leaflet'],
    ['git+ssh://git@github.com/acme/widget.git', 'github.com acme/widget'],
    ['git@github.com:acme/widget.git', 'github.com acme/widget'],
    ['https://www.github.com/acme/widget', 'github.com acme/widget'],
    ['https://github.com/acme/widget/tree/main/packages/cli', 'github.com acme/widget'],
    ['github.com/acme/widget', 'github.com acme/widget'],
    ['acme/widget', 'github.com acme/widget'],
    ['github:acme/widget', 'github.com acme/widget'],
    ['gitlab:group/sub/project', 'gitlab.com group/sub/project'],
    ['bitbucket:acme/widget', 'bitbucket.org acme/widget'],
    ['https://gitlab.com/html-validate/html-validate.git', 'gitlab.com html-validate/html-validate'],
    ['git@gitlab.com:gitlab-org/gitlab-ui.git', 'gitlab.com gitlab-org/gitlab-ui'],
    ['https://github.com/Vectreal/vectreal-core', 'github.com Vectreal/vectreal-core'],
    ['gist:11081aaa281', undefined],
    ['widget', undefined],
    ['', undefined],
    ['https://github.com/acme', undefined],
  ];
  it.each(rows)('%s → %s', (value, want) => {
    const ref = normalizeRepositoryUrl(value);
    expect(ref ? `${ref.host} ${ref.path}` : undefined).toBe(want);
  });
});

describe('URLs and comparison', () => {
  const ref = { host: 'github.com', path: 'acme/widget' };
  it('renders the provenance and package.json forms', () => {
    expect(provenanceUrl(ref)).toBe('https://github.com/acme/widget');
    expect(packageJsonUrl(ref)).toBe('git+https://github.com/acme/widget.git');
  });
  it('compares exactly, telling case-only differences apart', () => {
    expect(compareRepositories(ref, { host: 'github.com', path: 'acme/widget' })).toBe('equal');
    expect(compareRepositories({ host: 'github.com', path: 'Acme/Widget' }, ref)).toBe('case');
    expect(compareRepositories({ host: 'github.com', path: 'acme/gadget' }, ref)).toBe('different');
    expect(compareRepositories({ host: 'gitlab.com', path: 'acme/widget' }, ref)).toBe('different');
  });
});
