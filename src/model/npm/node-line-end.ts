/**
 * Whether a Node spec asks for a whole release line that stays supported for a while (used to
 * tell a pinned engines range that will soon exclude the line from one that will not). The data
 * lives in `../data/node-releases.ts`.
 */
import { LTS_LINES, NODE_LINE_NEAR_END_MONTHS, TABLE_DATE, nodeLineEnd } from '../data/node-releases.js';
import type { NodeResolution } from './node-version.js';
import { majorOf } from './version-numbers.js';

/**
 * The release line a Node spec asks for whole (`24`, `v24`, `24.x`, `24.x.x`, `lts/krypton`), so
 * that it runs the newest release of that line: its major and end of life, when that end is more
 * than `NODE_LINE_NEAR_END_MONTHS` after the data date (`TABLE_DATE`). Undefined for an exact
 * version or minor (`22.15.0`, `24.1`), a range, an alias that follows Node's newest releases
 * (`lts/*`, `latest`), a line near its end of life (Node 22, 2027-04-30, on 2026-12-03), and a
 * line the table has no end of life for.
 */
export function wholeLineFarFromEnd(node: NodeResolution): { major: number; end: string } | undefined {
  const spec = (node.spec ?? '').trim().toLowerCase();
  const codename = /^lts\/([a-z]+)$/.exec(spec)?.[1];
  const numbered = /^v?([1-9]\d{0,3})(?:\.x){0,2}$/.exec(spec)?.[1];
  const major = codename !== undefined ? LTS_LINES.find((l) => l.codename === codename)?.major : numbered === undefined ? undefined : Number(numbered);
  const end = major === undefined || node.version === undefined || majorOf(node.version) !== major ? undefined : nodeLineEnd(major);
  if (major === undefined || end === undefined) return undefined;
  const near = new Date(`${TABLE_DATE}T00:00:00Z`);
  near.setUTCMonth(near.getUTCMonth() + NODE_LINE_NEAR_END_MONTHS);
  return end > near.toISOString().slice(0, 10) ? { major, end } : undefined;
}
