import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell.js';
import { templateReaderIn, templateWrites } from './npmrc-templates.js';
import { npmTokenWrites } from './tokens.js';
import { mayWriteToken } from './token-edits.js';

const FILES: Record<string, string> = {
  '.npmrc.tpl': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
  '.npmrc.template': '# npm\nregistry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=$NODE_AUTH_TOKEN\n',
  '.npmrc.tmpl': '//npm.pkg.github.com/:_authToken=${GH_TOKEN}\n',
  'plain.tpl': 'registry=https://registry.npmjs.org/\nengine-strict=true\n',
  'sub/.npmrc.tpl': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
};

const reader = (script: string, dir = '') => templateReaderIn(script, dir, (file) => FILES[file]);
const writes = (script: string, dir = ''): string[] => npmTokenWrites(script, { template: reader(script, dir) }).map((w) => `${script.slice(w.offset, w.end)} ${w.value}`);

describe('npmrc templates', () => {
  it('the splitter keeps input redirections (`< f`), not `<&`, `<>` or another descriptor', () => {
    expect(splitCommands('envsubst < a.tpl > .npmrc')[0]!.inputs?.map((r) => r.value)).toEqual(['a.tpl']);
    expect(splitCommands('envsubst <"b c" >> .npmrc')[0]!.inputs?.map((r) => r.value)).toEqual(['b c']);
    expect(splitCommands('cmd <&3 3<x <> y')[0]!.inputs).toBeUndefined();
    expect(splitCommands('envsubst < a.tpl > .npmrc')[0]!.outputs?.map((r) => r.value)).toEqual(['.npmrc']);
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
