import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { parseRemoteUrl, readGitRemote, repositoryFromPackageUrl } from '../../src/model/core/git.js';

describe('parseRemoteUrl', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['https://github.com/JasperFx/marten.git', 'github.com', 'JasperFx/marten'],
    ['https://github.com/JasperFx/marten', 'github.com', 'JasperFx/marten'],
    ['git@github.com:acme/widget.git', 'github.com', 'acme/widget'],
    ['ssh://git@github.com/acme/widget.git', 'github.com', 'acme/widget'],
    ['git+https://github.com/acme/widget.git', 'github.com', 'acme/widget'],
    ['https://gitlab.com/group/sub/project.git', 'gitlab.com', 'group/sub/project'],
    ['https://user:pass@GitHub.com/acme/widget', 'github.com', 'acme/widget'],
    ['not a url', undefined, undefined],
    ['https://github.com/', undefined, undefined],
  ];
  for (const [url, host, path] of cases) {
    it(url, () => {
      const r = parseRemoteUrl(url);
      expect(r?.host).toBe(host);
      expect(r?.path).toBe(path);
    });
  }
});

describe('repositoryFromPackageUrl', () => {
  it('understands shorthands', () => {
    expect(repositoryFromPackageUrl('github:acme/widget')?.path).toBe('acme/widget');
    expect(repositoryFromPackageUrl('acme/widget')?.host).toBe('github.com');
    expect(repositoryFromPackageUrl('gitlab:group/project')?.host).toBe('gitlab.com');
  });
});

describe('readGitRemote', () => {
  it('prefers origin and never runs git', () => {
    const fs = new MemoryFs({
      '.git/config': '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/up/stream\n[remote "origin"]\n\turl = git@github.com:Acme/Widget.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
    });
    expect(readGitRemote(fs)?.path).toBe('Acme/Widget');
  });
  it('falls back to the first remote and follows a worktree pointer', () => {
    const fs = new MemoryFs({ '.git': 'gitdir: .git-real\n', '.git-real/config': '[remote "fork"]\n  url = https://github.com/a/b\n' });
    expect(readGitRemote(fs)?.path).toBe('a/b');
  });
  it('returns undefined without git', () => {
    expect(readGitRemote(new MemoryFs({}))).toBeUndefined();
  });
});
