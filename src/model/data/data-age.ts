/**
 * How old tp-doctor's version data is. `DATA_DATE` is the day `npm run update-data` last read the
 * registry (src/model/data/generated/releases.ts); every alias (`lts/*`, `npm@latest`) and "newest
 * release" resolves as of that day.
 */
export { DATA_DATE } from './generated/releases.js';

/** Data older than this many days gets a note in the output. */
export const DATA_STALE_AFTER_DAYS = 90;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number | undefined {
  const m = DAY.exec(date);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-31 over into March: only accept days that exist.
  const back = new Date(ms).toISOString().slice(0, 10);
  return back === date ? ms / 86_400_000 : undefined;
}

/**
 * A one-line note when the data is more than DATA_STALE_AFTER_DAYS days older than `today`, else
 * undefined (also when either date is not a valid YYYY-MM-DD day, or `today` is before the data).
 * Pure: the caller passes today's date (`new Date().toISOString().slice(0, 10)`).
 */
export function dataAgeNote(today: string, dataDate: string): string | undefined {
  const now = dayNumber(today);
  const then = dayNumber(dataDate);
  if (now === undefined || then === undefined) return undefined;
  const days = now - then;
  if (days <= DATA_STALE_AFTER_DAYS) return undefined;
  return (
    `tp-doctor's Node and npm release data is from ${dataDate} (${days} days old): releases and ` +
    'dist-tags since then are unknown to it, so `latest`, `lts/*` and version ranges resolve as of that day. ' +
    'Update tp-doctor (or run `npm run update-data` in its repository)'
  );
}
