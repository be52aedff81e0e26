import { utcDayOf } from './calendar-day';

const viaDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

describe('utcDayOf', () => {
  it('agrees with Date for every day from 1899 to 2101, at the first and the last millisecond of each', () => {
    const instants: number[] = [];
    for (let ms = Date.UTC(1899, 0, 1); ms <= Date.UTC(2101, 11, 31); ms += DAY) instants.push(ms, ms + DAY - 1);
    // One comparison of the whole list: an expect per day would take seconds.
    expect(instants.filter((ms) => utcDayOf(ms) !== viaDate(ms)).map(viaDate)).toEqual([]);
    // Backwards too: utcDayOf remembers the days it formatted lately, and starts over once it holds
    // 8,192 of them (these are some 74,000), so this pass answers its first days, the forward pass's
    // last, from memory.
    expect([...instants].reverse().filter((ms) => utcDayOf(ms) !== viaDate(ms)).map(viaDate)).toEqual([]);
    expect(instants).toHaveLength((2 * (Date.UTC(2102, 0, 1) - Date.UTC(1899, 0, 1))) / DAY);
  });

  it('handles leap days, century years and the ends of its range', () => {
    for (const day of ['2024-02-29', '2000-02-29', '1900-02-28', '1900-03-01', '2100-03-01', '1970-01-01', '0000-01-01', '0999-12-31', '9999-12-31']) {
      expect(utcDayOf(Date.parse(`${day}T12:00:00Z`))).toBe(day);
    }
    expect(utcDayOf(-1)).toBe('1969-12-31');
  });

  it('refuses instants outside the years 0000 to 9999', () => {
    expect(() => utcDayOf(Date.parse('0000-01-01T00:00:00Z') - 1)).toThrow(RangeError);
    expect(() => utcDayOf(Date.parse('9999-12-31T23:59:59.999Z') + 1)).toThrow(RangeError);
  });
});
