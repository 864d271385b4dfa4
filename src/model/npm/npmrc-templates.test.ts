import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell.js';
import { registryWritesWithTemplates, templateReaderIn, templateRegistryWrites, templateWrites } from './npmrc-templates.js';
import { NO_SWAPS, swapsAfter } from './npmrc-swaps.js';
import { npmTokenWrites } from './tokens.js';
import { mayWriteToken } from './token-edits.js';

const FILES: Record<string, string> = {
  '.npmrc.tpl': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
  '.npmrc.template': '# npm\nregistry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=$NODE_AUTH_TOKEN\n',
  '.npmrc.tmpl': '//npm.pkg.github.com/:_authToken=${GH_TOKEN}\n',
  'plain.tpl': 'registry=https://registry.npmjs.org/\nengine-strict=true\n',
  'sub/.npmrc.tpl': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
  'registry.tpl': '; internal\n# registry=https://commented.example/\nregistry = https://npm.internal.example/\r\n@Acme:registry=https://npm.pkg.github.com/\n//npm.internal.example/:_authToken=${T}\n',
  'variable.tpl': 'registry=${REGISTRY}\n',
};

const AT = { file: 'w.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
const reader = (script: string, dir = '') => templateReaderIn(script, dir, (file) => FILES[file]);
const writes = (script: string, dir = ''): string[] => npmTokenWrites(script, { template: reader(script, dir) }).map((w) => `${script.slice(w.offset, w.end)} ${w.value}`);

describe('npmrc templates', () => {
  it('the splitter keeps input redirections (`< f`), not `<&`, `<>` or another descriptor', () => {
    expect(splitCommands('envsubst < a.tpl > .npmrc')[0]!.inputs?.map((r) => r.value)).toEqual(['a.tpl']);
    expect(splitCommands('envsubst <"b c" >> .npmrc')[0]!.inputs?.map((r) => r.value)).toEqual(['b c']);
    expect(splitCommands('cmd <&3 3<x <> y')[0]!.inputs).toBeUndefined();
    expect(splitCommands('envsubst < a.tpl > .npmrc')[0]!.outputs?.map((r) => r.value)).toEqual(['.npmrc']);
  });

  it('the registry lines of a committed template are registry writes placed at the envsubst, labelled with the template', () => {
    const r = (s: string, dir = ''): string[] => templateRegistryWrites(splitCommands(s), s, reader(s, dir)).map((w) => `${w.key} ${w.url} [${w.label}] ${w.path} ${s.slice(w.offset, w.end)}`);
    expect(r('envsubst < registry.tpl > .npmrc')).toEqual([
      'registry https://npm.internal.example/ [registry= of registry.tpl written to .npmrc] .npmrc envsubst',
      '@acme:registry https://npm.pkg.github.com/ [@Acme:registry= of registry.tpl written to .npmrc] .npmrc envsubst',
    ]);
    expect(r("echo ok; cat registry.tpl | envsubst '$T' | tee ~/.npmrc")).toEqual([
      'registry https://npm.internal.example/ [registry= of registry.tpl written to .npmrc] ~/.npmrc envsubst \'$T\'',
      '@acme:registry https://npm.pkg.github.com/ [@Acme:registry= of registry.tpl written to .npmrc] ~/.npmrc envsubst \'$T\'',
    ]);
    // A variable stays as written (a registry tp-doctor cannot tell), as in an echoed line.
    expect(r('envsubst < variable.tpl > .npmrc')).toEqual(['registry ${REGISTRY} [registry= of variable.tpl written to .npmrc] .npmrc envsubst']);
    expect(r('envsubst < plain.tpl > .npmrc')).toEqual(['registry https://registry.npmjs.org/ [registry= of plain.tpl written to .npmrc] .npmrc envsubst']);
    // Not committed, outside the repository, under the home directory, not into an .npmrc, no template: none.
    expect(r('envsubst < missing.tpl > .npmrc')).toEqual([]);
    expect(r('envsubst < ../registry.tpl > .npmrc', 'sub')).toEqual(['registry https://npm.internal.example/ [registry= of ../registry.tpl written to .npmrc] .npmrc envsubst', '@acme:registry https://npm.pkg.github.com/ [@Acme:registry= of ../registry.tpl written to .npmrc] .npmrc envsubst']);
    expect(r('envsubst < ../registry.tpl > .npmrc')).toEqual([]);
    expect(r('envsubst < ~/registry.tpl > .npmrc')).toEqual([]);
    expect(r('envsubst < registry.tpl > out.txt')).toEqual([]);
    expect(r('some-cmd | envsubst > .npmrc')).toEqual([]);
  });

  it("registryWritesWithTemplates: the script's own writes and the templates' in script order; without a reader, the script's own", () => {
    const s = 'npm config set registry https://a.example/\nenvsubst < registry.tpl > .npmrc\necho "@x:registry=https://b.example/" >> .npmrc';
    expect(registryWritesWithTemplates(s, reader(s)).map((w) => w.url)).toEqual(['https://a.example/', 'https://npm.internal.example/', 'https://npm.pkg.github.com/', 'https://b.example/']);
    expect(registryWritesWithTemplates(s, undefined).map((w) => w.url)).toEqual(['https://a.example/', 'https://b.example/']);
  });

  it('an envsubst that overwrites a project .npmrc writes the template\'s registry keys there, as an echo > .npmrc does', () => {
    const read = (file: string): string | undefined => FILES[file];
    const held = (script: string, template?: typeof read) => {
      const file = swapsAfter(NO_SWAPS, script, '', AT, undefined, template).files.get('.npmrc');
      return file?.kind === 'gone' ? (file.writes ?? []) : file?.kind;
    };
    expect(held('envsubst < registry.tpl > .npmrc', read)).toEqual(['registry', '@acme:registry']);
    expect(held('envsubst < registry.tpl > .npmrc')).toEqual([]);
    expect(held('envsubst < missing.tpl > .npmrc', read)).toEqual([]);
    expect(held('echo "registry=https://a.example/" > .npmrc')).toEqual(['registry']);
  });

  it('finds envsubst writing an .npmrc and its template: redirection, cat pipe, tee, a list of variables', () => {
    const t = (s: string): (string | undefined)[] => templateWrites(splitCommands(s), s).map((w) => w.template);
    expect(t('envsubst < .npmrc.tpl > .npmrc')).toEqual(['.npmrc.tpl']);
    expect(t("envsubst '$NPM_TOKEN' < a > ~/.npmrc")).toEqual(['a']);
    expect(t('cat .npmrc.tmpl | envsubst > .npmrc')).toEqual(['.npmrc.tmpl']);
    expect(t('envsubst < t | tee .npmrc')).toEqual(['t']);
    expect(t('some-cmd | envsubst > .npmrc')).toEqual([undefined]);
    expect(t('envsubst < .npmrc.tpl > out.txt')).toEqual([]);
    expect(t('cat .npmrc.tpl || envsubst > .npmrc')).toEqual([undefined]);
  });

  it("a committed template's token lines are written as by an echo; other registries and no token line write none", () => {
    expect(writes('envsubst < .npmrc.tpl > .npmrc')).toEqual(['envsubst ${NPM_TOKEN}']);
    expect(writes("envsubst '$NODE_AUTH_TOKEN' < .npmrc.template > ~/.npmrc")).toEqual(["envsubst '$NODE_AUTH_TOKEN' $NODE_AUTH_TOKEN"]);
    expect(writes('cat .npmrc.tpl | envsubst > .npmrc')).toEqual(['envsubst ${NPM_TOKEN}']);
    expect(writes('cat .npmrc.tmpl | envsubst > .npmrc')).toEqual([]);
    expect(writes('envsubst < plain.tpl > .npmrc')).toEqual([]);
    expect(writes('envsubst < missing.tpl > .npmrc')).toEqual([]);
    // Read from where the script has `cd`d, or the step's directory.
    expect(writes('cd sub\nenvsubst < .npmrc.tpl > .npmrc')).toEqual(['envsubst ${NPM_TOKEN}']);
    expect(writes('envsubst < .npmrc.tpl > .npmrc', 'sub')).toEqual(['envsubst ${NPM_TOKEN}']);
    expect(writes('envsubst < ../.npmrc.tmpl > .npmrc', 'sub')).toEqual([]);
    // Without a reader nothing is read.
    expect(npmTokenWrites('envsubst < .npmrc.tpl > .npmrc')).toEqual([]);
  });

  it('mayWriteToken: a template that cannot be read may hold a token; one read decides', () => {
    const may = (s: string): boolean => mayWriteToken(s, reader(s));
    expect(may('envsubst < missing.tpl > .npmrc')).toBe(true);
    expect(may('envsubst < ~/.npmrc.tpl > .npmrc')).toBe(true);
    expect(may('some-cmd | envsubst > .npmrc')).toBe(true);
    expect(mayWriteToken('envsubst < .npmrc.tpl > .npmrc')).toBe(true);
    expect(may('envsubst < plain.tpl > .npmrc')).toBe(false);
    expect(may('envsubst < .npmrc.tpl > .npmrc')).toBe(false);
    expect(may('envsubst < missing.tpl > config.txt')).toBe(false);
  });
});
