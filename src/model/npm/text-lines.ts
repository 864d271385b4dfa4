/**
 * The lines of a file's text with the offset each starts at, `\r` of a CRLF ending removed: what
 * the line-oriented readers of makefiles and justfiles walk (./makefile.ts, ./justfile.ts).
 */
export interface TextLine {
  start: number;
  text: string;
}

export function textLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, text: text.slice(start, end).replace(/\r$/, '') });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}
