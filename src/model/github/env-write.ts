/**
 * Whether a step's shell text may write the variable `name` to `$GITHUB_ENV`: it mentions
 * `GITHUB_ENV` and `name` as a whole word (`NODE_VERSION` is not `NODE`, `MY_NODE` neither). Kept
 * conservative: any such mention counts as a possible write, whatever the command around it.
 */
export function mayWriteGithubEnv(text: string, name: string): boolean {
  if (!text.includes('GITHUB_ENV') || !text.includes(name)) return false;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if (!WORD.test(text[at - 1] ?? '') && !WORD.test(text[at + name.length] ?? '')) return true;
  }
  return false;
}

const WORD = /^[A-Za-z0-9_]$/;
