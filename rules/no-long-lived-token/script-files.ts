/**
 * `_authToken` writes inside the committed shell scripts through which a job publishes
 * (`./scripts/publish.sh` writing `~/.npmrc` before `npm publish`): the same lines a `run:` block
 * or a script line would hold, found in the scripts the publish recognition read
 * (`ViaScript.file`). Each provider says where the value comes from; the finding is placed in the
 * script, without a fix (the line may serve other commands of the script).
 */
import { locateInScript } from '../../src/model/npm/shell-files.js';
import { findTokenWrites, hasLiteralToken, type TokenWrite } from '../../src/model/npm/tokens.js';
import type { PublishMatch } from '../../src/model/npm/publish-match.js';
import type { Location } from '../../src/yaml/span.js';

export interface ScriptFileWrite<S> {
  /** The script's repository path. */
  file: string;
  /** Its text. */
  text: string;
  /** A publish that runs through the script. */
  site: S;
  write: TokenWrite;
  at: Location;
}

/** The token writes (not of a literal token: that is reported as a leak) in the script files of `sites`, each file once. */
export function scriptFileWrites<S extends { publish: { match: PublishMatch } }>(sites: readonly S[]): ScriptFileWrite<S>[] {
  const files = new Map(sites.flatMap((s) => s.publish.match.via.filter((v) => v.file === true).map((v) => [v.script, { text: v.command, site: s }] as const)));
  const out: ScriptFileWrite<S>[] = [];
  for (const [file, { text, site }] of files) {
    for (const write of findTokenWrites(text)) {
      if (!hasLiteralToken(write.value)) out.push({ file, text, site, write, at: locateInScript(file, text, write.offset, write.end) });
    }
  }
  return out;
}
