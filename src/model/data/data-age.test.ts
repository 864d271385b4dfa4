import { describe, expect, it } from 'vitest';
import { DATA_DATE, DATA_STALE_AFTER_DAYS, dataAgeNote } from './data-age.js';
import { TABLE_DATE } from './node-releases.js';

describe('dataAgeNote', () => {
  it('is silent up to 90 days after the data date', () => {
    expect(DATA_STALE_AFTER_DAYS).toBe(90);
    expect(dataAgeNote('2026-12-03', '2026-12-03')).toBeUndefined();
    expect(dataAgeNote('2027-03-03', '2026-12-03')).toBeUndefined(); // 90 days
  });

  it('says how old the data is from day 91 on', () => {
    const note = dataAgeNote('2027-03-04', '2026-12-03');
    expect(note).toMatch(/^tp-doctor's Node and npm release data is from 2026-12-03 \(91 days old\)/);
    expect(note).toContain('npm run update-data');
    expect(dataAgeNote('2028-12-03', '2026-12-03')).toContain('(731 days old)');
  });

  it('is silent for dates that are not days, and for a data date in the future', () => {
    expect(dataAgeNote('2027-13-01', '2026-12-03')).toBeUndefined();
    expect(dataAgeNote('2027-02-31', '2026-12-03')).toBeUndefined();
    expect(dataAgeNote('2027-06-01', 'yesterday')).toBeUndefined();
    expect(dataAgeNote('2026-01-01', '2026-12-03')).toBeUndefined();
  });

  it('exposes the data date of the tables', () => {
    expect(DATA_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(DATA_DATE).toBe(TABLE_DATE);
  });
});
