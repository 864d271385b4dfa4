/**
 * Turns a CI log into plain lines: ANSI colour and cursor sequences removed, GitHub Actions
 * timestamps (`2026-01-01T00:00:00.0000000Z `) and workflow commands (`##[group]`, `##[error]`, ...)
 * removed, GitLab section markers (`section_start:<time>:<name>\r\e[0K`) and GitLab's timestamped
 * log prefix (`<time> 00O `) removed. Line numbers stay those of the original file.
 */

// CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL|ESC \`) and two-character escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const TIMESTAMP = /^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\s(?:\d{2}[OE]\+?\s)?/;
const GITHUB_COMMAND = /^##\[[a-z]+\]/;
const GITLAB_SECTION = /section_(?:start|end):\d+:[A-Za-z0-9_.[\]=,-]*\r?/g;

export function cleanLine(raw: string): string {
  let line = raw.replace(GITLAB_SECTION, '');
  line = line.replace(ANSI, '');
  // A carriage return inside a line (progress output, GitLab's `\r\e[0K`): keep the last overwrite.
  const cr = line.lastIndexOf('\r');
  if (cr >= 0) line = cr === line.length - 1 ? line.slice(0, cr) : line.slice(cr + 1);
  line = line.replace(TIMESTAMP, '');
  line = line.replace(GITHUB_COMMAND, '');
  return line.trimEnd();
}

/** Every line of the log, cleaned; index i is line i + 1 of the file. */
export function cleanLog(text: string): string[] {
  return text.split(/\r?\n/).map(cleanLine);
}
