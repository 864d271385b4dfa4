/**
 * Property-based fuzzing (fast-check) of the readers that take text from the repository under
 * review: the YAML and JSON parsers, the shell splitter, the .npmrc, .git/config and version-file
 * readers, the glob matchers and the `.npmrc` token scan. Each must never throw, return values
 * that serialise and point inside the text, agree with the slower reference it replaced (the
 * former regular expression, `JSON.parse`, picomatch), and finish quickly on adversarial input.
 *
 * A failure prints fast-check's seed and the shrunk counterexample. Reproduce with
 * `FC_SEED=<seed> npx vitest run test/hardening/fuzz.test.ts`; more runs with `FC_RUNS=10000`.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGitlabGlob, compileGlobs, globMatching } from '../../src/fs/globs.js';
import { gitConfigLine, originIn } from '../../src/model/core/git.js';
import { tomlNodeVersion, textNodeVersion } from '../../src/model/npm/node-version-file.js';
import { parseNpmrc } from '../../src/model/npm/npmrc.js';
import { splitCommands } from '../../src/model/npm/shell.js';
import { findNpmUpgrades } from '../../src/model/npm/publish-commands.js';
import { registryWrites } from '../../src/model/npm/registry.js';
import { commandEnd, scriptIndex } from '../../src/model/npm/script-index.js';
import { isDirectoryChange } from '../../src/model/npm/shell-scope-walk.js';
import { setsVersion } from '../../src/model/npm/targets.js';
import { parseGitRemotes } from '../../src/model/core/git-remotes.js';
import { parseJson } from '../../src/yaml/json.js';
import { parseYaml } from '../../src/yaml/parse.js';
import type { Span } from '../../src/yaml/span.js';
import { npmrcAuthLines } from '../../src/model/npm/tokens.js';

const RUNS = Number(process.env.FC_RUNS ?? 300);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

/** Strings made of the given pieces: structure-aware fuzzing finds more than random characters. */
function textOf(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength }).map((a) => a.join(''));
}

/** Milliseconds `f` takes; a hang catcher, not a benchmark (bench/hostile.mjs measures). */
function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

function spanInside(span: Span, text: string): void {
  const lines = text.split('\n').length;
  for (const p of [span.start, span.end]) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines);
    expect(p.column).toBeGreaterThanOrEqual(1);
  }
  expect(span.end.line > span.start.line || span.end.column >= span.start.column).toBe(true);
}

const YAML_PIECES = [' ', '  ', '\n', '\r\n', '\t', ':', ': ', '- ', '[', ']', '{', '}', ', ', '&a ', '*a', '!t ', '!!str ', '!reference ', '#', '"', "'", '|', '>', '---\n', 'a', 'b', 'on', 'jobs', '<<: ', '? ', '%YAML 1.2\n', '\\', '\u2028', 'x: 1\n', 'spec:\n'];

describe('parseYaml', () => {
  it('never throws; problems and values serialise and point inside the text', () => {
    fc.assert(
      fc.property(textOf(YAML_PIECES, 60), fc.boolean(), fc.boolean(), (text, gitlabTags, gitlabSpecHeader) => {
        const { value: doc, ms } = timed(() => parseYaml('f.yml', text, { gitlabTags, gitlabSpecHeader }));
        expect(ms).toBeLessThan(2000);
        expect(() => JSON.stringify(doc.problems)).not.toThrow();
        for (const p of doc.problems) spanInside(p.span, text);
        if (doc.root) {
          expect(() => JSON.stringify(doc.root!.toJS())).not.toThrow();
          spanInside(doc.root.span, text);
        }
      }),
      settings,
    );
  });

  it('finds each repeated key once, in linear time', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', '"a"', "'b'"), { maxLength: 30 }), (keys) => {
        const text = keys.map((k, i) => `${k}: ${i}\n`).join('');
        const doc = parseYaml('f.yml', text);
        const names = keys.map((k) => k.replace(/["']/g, ''));
        const repeats = names.filter((k, i) => names.indexOf(k) !== i).length;
        expect(doc.problems.filter((p) => p.code === 'duplicate-key')).toHaveLength(repeats);
      }),
      settings,
    );
  });
});

function jsonParses(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

describe('parseJson (package.json) agrees with JSON.parse', () => {
  it('on valid JSON: the same value, last duplicate winning', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        const { doc, error } = parseJson('package.json', text);
        expect(error).toBeUndefined();
        expect(doc.root?.toJS(100_000) ?? null).toEqual(JSON.parse(text));
      }),
      settings,
    );
  });

  it('on broken JSON-like text: accepts exactly what JSON.parse accepts; errors point inside', () => {
    const pieces = ['{', '}', '[', ']', '"a"', '"b"', ':', ',', ' ', '\n', '\t', '1', '-', '0', '.', 'e', '+', 'true', 'null', 'fals', '"\\u00', '"\\x"', '"\\n"', "'a'", '//', '\u00a0', '"', '\u2028'];
    fc.assert(
      fc.property(textOf(pieces, 30), (text) => {
        const { doc, error } = parseJson('package.json', text);
        const reference = jsonParses(text);
        expect(error === undefined).toBe(reference.ok);
        if (error) spanInside(error.span, text);
        if (reference.ok && !error) expect(doc.root?.toJS(100_000) ?? null).toEqual(reference.value);
      }),
      settings,
    );
  });

  it('reports duplicate keys, the later one being the one used', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', '__proto__'), fc.integer()), { maxLength: 12 }), (pairs) => {
        const text = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`;
        const { doc, duplicates } = parseJson('package.json', text);
        const keys = pairs.map(([k]) => k);
        expect(duplicates.map((d) => d.key)).toEqual(keys.filter((k, i) => keys.indexOf(k) !== i));
        const expected = jsonParses(text);
        expect(expected.ok).toBe(true);
        if (expected.ok) expect(doc.root?.toJS()).toEqual(expected.value);
      }),
      settings,
    );
  });
});

const SHELL_PIECES = ['npm', ' publish', ' ', '\t', '\n', '\\\n', '\\', '"', "'", '`', '$(', ')', '${', '}', '${{ x }}', '&&', '||', ';', '|', '&', '(', '<<EOF\n', 'EOF\n', '<<-X\n', '\tX\n', '>', '2>', '#', 'a=1', 'sudo', '--tag', 'x'];

describe('splitCommands', () => {
  it('never throws; every command and word is a slice of the script, in order', () => {
    fc.assert(
      fc.property(textOf(SHELL_PIECES, 60), (script) => {
        const { value: commands, ms } = timed(() => splitCommands(script));
        expect(ms).toBeLessThan(2000);
        let last = -1;
        for (const c of commands) {
          expect(c.offset).toBeGreaterThanOrEqual(last);
          last = c.offset;
          expect(script.slice(c.offset, c.offset + c.text.length)).toBe(c.text);
          for (const w of c.words) {
            expect(w.offset).toBeGreaterThanOrEqual(0);
            expect(w.end).toBeLessThanOrEqual(script.length);
            expect(w.offset).toBeLessThan(w.end);
          }
        }
        expect(() => JSON.stringify(commands)).not.toThrow();
      }),
      settings,
    );
  });
});

describe('the script index (one pass per run: block)', () => {
  // What the publish model asks "before a command" must be what it got when it split the text cut
  // at that command: the index is computed once on the whole script and filtered by offset.
  const pieces = ['npm publish', 'npm config set registry https://r.example/', 'export NPM_CONFIG_REGISTRY=https://e.example/', 'cd pkg', 'pushd a', 'npm i -g npm@11', 'npm version patch', 'echo "//registry.npmjs.org/:_authToken=x" > .npmrc', ' && ', '; ', '\n', ' ', '"', "'", '$(', ')', '\\', '#', '|', 'a'];
  it('every fact before a command equals the fact of the text cut at that command', () => {
    fc.assert(
      fc.property(textOf(pieces, 30), (script) => {
        const index = scriptIndex(script);
        // Commands nested in another (`x $(npm publish)`) are left out: cutting the text there
        // leaves the outer command half written, which the cut version wrongly counted as run.
        const topLevel = index.commands.filter((c) => !index.commands.some((o) => o !== c && o.offset < c.offset && commandEnd(o) > c.offset));
        for (const cmd of topLevel) {
          const before = script.slice(0, cmd.offset);
          const cut = splitCommands(before);
          const writes = registryWrites(cut).map((w) => [w.offset, w.end, w.level, w.url]);
          expect(index.registryWrites.filter((w) => w.end <= cmd.offset).map((w) => [w.offset, w.end, w.level, w.url])).toEqual(writes);
          // The same test of a change of directory as the index (a `cd` in `$(…)` moves nothing; `then cd x` does).
          const cds = cut.filter(isDirectoryChange).map((c) => c.text);
          expect(index.directoryChanges.filter((c) => commandEnd(c) <= cmd.offset).map((c) => c.text)).toEqual(cds);
          expect(index.npmUpgrades.filter((u) => u.offset < cmd.offset).map((u) => u.offset)).toEqual(findNpmUpgrades(before).map((u) => u.offset));
          expect(index.versionSetEnd <= cmd.offset).toBe(setsVersion(before));
        }
      }),
      settings,
    );
  });
});

describe('parseNpmrc', () => {
  it('never throws; every location is inside the text', () => {
    const pieces = ['registry', '=', ' ', '\n', '\r\n', '#', ';', '"', "'", '\\', '[sec]', '//registry.npmjs.org/:_authToken', '${NPM_TOKEN}', 'a', '@s:registry', 'https://x/'];
    fc.assert(
      fc.property(textOf(pieces, 40), (text) => {
        const rc = parseNpmrc('.npmrc', text);
        for (const e of rc.entries) for (const l of [e.keyLocation, e.valueLocation, e.lineLocation]) spanInside(l, text);
        expect(() => JSON.stringify(rc.entries)).not.toThrow();
      }),
      settings,
    );
  });
});

/** The expression .git/config lines were read with before, as a reference. */
const OLD_URL = /^\s*url\s*=\s*(.+?)\s*$/;

describe('.git/config', () => {
  it('reads `url =` lines as the former regular expression did, without backtracking', () => {
    const pieces = [' ', '\t', 'url', 'uri', '=', 'a', 'b', ':', '/', 'git@github.com:o/r.git', 'https://github.com/o/r'];
    fc.assert(
      fc.property(textOf(pieces, 20), (line) => {
        // The old expression took a URL of blanks (`url= `), which is no URL: read as none.
        const old = OLD_URL.exec(line)?.[1]?.trim() || undefined;
        const now = gitConfigLine(line);
        expect(now && 'url' in now ? now.url : undefined).toBe(old);
      }),
      settings,
    );
  });

  it('never throws on any config text; a million spaces cost one pass', () => {
    const pieces = ['[remote "origin"]', '[remote "x"]', '[core]', '\n', '\turl = ', 'https://github.com/o/r.git', '=', ' ', '"', '['];
    fc.assert(
      fc.property(textOf(pieces, 30), (text) => {
        expect(() => JSON.stringify(originIn(text) ?? null)).not.toThrow();
      }),
      settings,
    );
    const { ms } = timed(() => originIn(`[remote "origin"]\n\turl = a${' '.repeat(1_000_000)}b\n`));
    expect(ms).toBeLessThan(2000);
  });

  it('parseGitRemotes (the remotes with their lines) never throws and points inside the text', () => {
    const pieces = ['[remote "origin"]', '[remote "x"]', '[Remote "y"]', '[core]', '\n', '\r\n', '\turl = ', 'URL=', 'https://github.com/o/r.git', 'git@gitlab.com:g/p.git', '=', ' ', '"', '[', ']'];
    fc.assert(
      fc.property(textOf(pieces, 30), (text) => {
        const remotes = parseGitRemotes(text);
        expect(() => JSON.stringify(remotes)).not.toThrow();
        for (const r of remotes) spanInside(r.location, text);
      }),
      settings,
    );
    const { value, ms } = timed(() => parseGitRemotes(`[remote "origin"]\n\turl = a${' '.repeat(1_000_000)}b\n`));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });
});

/** The expressions the version files were read with before, as references. */
const OLD_NVMRC = /^(?:node(?:js)?[ \t]+)?v?([^\s]+)\r?$/m;
const OLD_TOML = /^\s*node\s*=\s*["']([^"']+)["']/m;

describe('version-file readers', () => {
  it('.nvmrc / .node-version / .tool-versions: the same version as the former expression', () => {
    const pieces = ['node', 'nodejs', ' ', '\t', '\n', '\r\n', 'v', '20', '.1', 'x', 'lts/*', '#', 'ruby 3'];
    fc.assert(
      fc.property(textOf(pieces, 20), (text) => {
        const old = OLD_NVMRC.exec(text)?.[1];
        const now = textNodeVersion(text);
        expect(now?.spec).toBe(old);
        if (now) expect(text.slice(now.offset, now.offset + now.spec.length)).toBe(now.spec);
      }),
      settings,
    );
  });

  it('mise.toml: the same `node` version as the former expression (which also crossed lines)', () => {
    const pieces = ['node', ' ', '\t', '=', '"', "'", '20', 'lts', '\n', '[tools]', 'nodejs', 'x'];
    fc.assert(
      fc.property(textOf(pieces, 20), (text) => {
        const old = OLD_TOML.exec(text);
        // The old expression let `\s*` and the quoted value run over line breaks (`node\n= "20"`,
        // `node = '\n"`), which TOML does not allow: those inputs are not compared.
        fc.pre(!old || !/node\s*\n|=\s*\n|["'][^"']*\n/.test(old[0]));
        const now = tomlNodeVersion(text);
        expect(now?.spec).toBe(old?.[1]);
        if (now) expect(text.slice(now.offset, now.offset + now.spec.length)).toBe(now.spec);
      }),
      settings,
    );
  });

  it('1.5 million blank lines cost one pass', () => {
    expect(timed(() => tomlNodeVersion(`[tools]\n${'\n'.repeat(1_500_000)}x = 1\n`)).ms).toBeLessThan(2000);
    expect(timed(() => textNodeVersion(`${'\n'.repeat(1_500_000)} x`)).ms).toBeLessThan(2000);
  });
});

/** GitLab's wildcard grammar as a regular expression: the former matcher, now the reference. */
function gitlabRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; ) {
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*?/)?';
      i += 3;
    } else if (pattern.startsWith('**', i)) {
      source += '.*?';
      i += 2;
    } else if (pattern[i] === '*') {
      source += '[^/]*?';
      i += 1;
    } else {
      source += pattern[i]!.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    }
  }
  return new RegExp(`^${source}$`);
}

describe('glob matchers', () => {
  const segment = fc.constantFrom('a', 'b', '.a', 'ab', 'ba', 'x.yml', '.x.yml', 'aa');
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

  it('compileGlobs agrees with picomatch on the syntax it handles itself', () => {
    const token = fc.constantFrom('*', '?', 'a', 'b', '.', '[ab]', '[^a]', '{a,b}', '{a,}', 'x', '.yml');
    const patternSegment = fc.oneof(fc.constant('**'), fc.array(token, { minLength: 1, maxLength: 3 }).map((t) => t.join('')));
    const pattern = fc.tuple(fc.boolean(), fc.array(patternSegment, { minLength: 1, maxLength: 4 })).map(([neg, s]) => `${neg ? '!' : ''}${s.join('/')}`);
    fc.assert(
      fc.property(pattern, path, fc.boolean(), (p, file, dot) => {
        // A pattern beyond the bounds of the picomatch fallback matches nothing, on purpose.
        fc.pre(globMatching(p) !== 'refused');
        expect(compileGlobs([p], { dot })(file)).toBe(picomatch(p, { dot })(file));
      }),
      settings,
    );
  });

  it('compileGitlabGlob agrees with the former regular expression', () => {
    const pattern = textOf(['*', '**', '**/', 'a', 'b', '/', '.yml', '.'], 8);
    const file = textOf(['a', 'b', '/', '.yml', '.'], 10);
    fc.assert(
      fc.property(pattern, file, (p, f) => {
        expect(compileGitlabGlob(p)(f)).toBe(gitlabRegExp(p).test(f));
      }),
      settings,
    );
  });

  it('most patterns are matched by the automaton; the others by picomatch within bounds', () => {
    expect(['packages/*', 'apps/**', '**/*.{yml,yaml}', '.github/workflows/gen-*.yml', '!x/**', '[0-9]*.yml'].map(globMatching)).toEqual(Array(6).fill('linear'));
    expect(globMatching('@(a|b)/*.yml')).toBe('bounded');
    expect(globMatching('@(a|b)*a*a*b.yml')).toBe('refused');
    expect(globMatching('a'.repeat(300))).toBe('refused');
  });

  it('patterns that make backtracking matchers explode cost one pass', () => {
    const long = `${'a'.repeat(250)}`;
    expect(timed(() => compileGlobs(['*a*a*a*a*b.yml', '**a**a**a**a**a**a**b.yml'])(`${long}.yml`)).ms).toBeLessThan(2000);
    expect(timed(() => compileGitlabGlob('**a**a**a**a**a**a.yml')(`${long}.yaml`)).ms).toBeLessThan(2000);
    // Outside the subset (an extglob), picomatch runs only within its bounds.
    expect(timed(() => compileGlobs(['@(a|b)*a*a*a*b.yml'])(`${long}.yml`)).ms).toBeLessThan(2000);
  });
});

/** The expression the script scan used before, as the reference. */
const OLD_AUTH = /\/\/([A-Za-z0-9.-]+)(?::\d+)?(?:\/[^\s'":=]*)?:_authToken\s*=\s*(\$\{\{[^}]*\}\}|[^\s'"`]*)/g;

describe('the .npmrc `_authToken` scan of scripts', () => {
  it('finds what the former expression found', () => {
    const pieces = ['//', 'registry.npmjs.org', 'a', ':', '8080', '/', ':_authToken', '=', ' ', '\n', '${{', ' x ', '}}', '}', '"', "'", '`', 'npm_x', '_'];
    fc.assert(
      fc.property(textOf(pieces, 25), (text) => {
        const old = [...text.matchAll(OLD_AUTH)].map((m) => ({ offset: m.index, end: m.index + m[0].length, host: m[1], value: m[2] }));
        expect(npmrcAuthLines(text)).toEqual(old);
      }),
      settings,
    );
  });

  it('300,000 `//a` cost one pass', () => {
    expect(timed(() => npmrcAuthLines(`echo ${'//a'.repeat(300_000)} >> .npmrc`)).ms).toBeLessThan(2000);
    expect(timed(() => npmrcAuthLines(`${'//a:_authToken=${{'.repeat(50_000)}`)).ms).toBeLessThan(2000);
  });
});
