/** Whether an npm token reaches a step of npm-supports-oidc's `dist-tag` check (then `npm dist-tag` works with it). */
import { envFor, setsVariable, stepDirectory } from '../../src/model/github/steps.js';
import { templateReaderIn, type TemplateReader } from '../../src/model/npm/npmrc-templates.js';
import type { Job, Step } from '../../src/model/github/types.js';
import { ANY_REGISTRY_KEY, npmTokenWrites } from '../../src/model/npm/tokens.js';
import { mayWriteToken } from '../../src/model/npm/token-edits.js';

/** Variables that hand npm a token when an `.npmrc` or npm's environment reads them (GitHub, GitLab and CircleCI checks alike). */
export const TOKEN_NAMES: readonly string[] = ['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN'];

/**
 * A credential through npm's environment, which no `.npmrc` write shows: `NPM_CONFIG__AUTH=…`, and
 * `env "npm_config_//registry.npmjs.org/:_authToken=$T" npm …` (a name no shell can `export`).
 */
export const AUTH_ENV = /npm_config__auth|npm_config_\/\/[^\s=]*:_authToken=/i;

/**
 * True when a non-empty npm token reaches the step (then `dist-tag` works with it): through `env`,
 * or written into the npm configuration by the step itself or an earlier step of the job
 * (`npm config set //registry.npmjs.org/:_authToken ...`, an `.npmrc` line: the model's
 * `npmTokenWrites`, a key built from a variable counted). A script that only mentions
 * `_authToken` (`grep _authToken .npmrc`, `sed -i '/_authToken/d' .npmrc`) writes none; one that
 * may splice a token into a file (`sed -i "s/__T__/_authToken=$T/" ~/.npmrc`) counts: never an
 * error on a guess. With `read` (the committed files), an `envsubst < .npmrc.tpl > .npmrc` counts when
 * its template has a token line or cannot be read (./npmrc-templates.ts); without it, always.
 */
export function hasToken(job: Job, step: Step, read?: (file: string) => string | undefined): boolean {
  const template = (s: Step, text: string): TemplateReader | undefined => (read ? templateReaderIn(text, stepDirectory(s), read) : undefined);
  if (TOKEN_NAMES.some((name) => (envFor(step, name)?.value ?? '').trim() !== '') || ownWrite(step.run?.text ?? '', template(step, step.run?.text ?? ''))) return true;
  const before: Step[] = [];
  for (const earlier of job.steps) {
    if (earlier === step) break;
    before.push(earlier);
    const text = earlier.run?.text;
    if (text !== undefined && (npmTokenWrites(text, { ...ANY_REGISTRY_KEY, template: template(earlier, text) }).some((w) => writesValue(earlier, w.value, before)) || mayWriteToken(text, template(earlier, text)))) return true;
  }
  return false;
}

/**
 * The step's own command writes a token (its value whatever it is), hands npm one through its
 * environment, or edits a file with one in a way tp-doctor does not read (`mayWriteToken`).
 */
function ownWrite(text: string, template: TemplateReader | undefined): boolean {
  return AUTH_ENV.test(text) || npmTokenWrites(text, { ...ANY_REGISTRY_KEY, template }).length > 0 || mayWriteToken(text, template);
}

/**
 * A token write's value may be there: a literal or an expression (`${{ secrets.NPM_TOKEN }}`), or
 * a `$VAR` that the writing step's environment sets to something non-empty, or that a script of
 * the job up to it may set (`export NPM_TOKEN=…`, a `$GITHUB_ENV` line: the model's `setsVariable`). Only `"$NPM_TOKEN"` that
 * nothing sets writes an empty token.
 */
function writesValue(step: Step, value: string, upTo: readonly Step[]): boolean {
  const unquoted = value.replace(/^["']|["']$/g, '');
  const variable = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(unquoted)?.[1];
  if (variable === undefined) return unquoted.trim() !== '';
  if ((envFor(step, variable)?.value ?? '').trim() !== '') return true;
  return upTo.some((s) => s.run !== undefined && setsVariable(s.run.text, variable));
}
