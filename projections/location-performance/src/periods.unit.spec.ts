import { bucketDayNumbers, bucketStart, bucketStarts, dayToMs, epochDay, MAX_BUCKETS, splitAtWholeMonths, splitBuckets } from './periods';

describe('periods', () => {
  it('starts a week on the Monday on or before the day (ISO)', () => {
    expect(bucketStart('2025-03-03', 'week')).toBe('2025-03-03'); // a Monday
    expect(bucketStart('2025-03-09', 'week')).toBe('2025-03-03'); // a Sunday
    expect(bucketStart('2025-01-01', 'week')).toBe('2024-12-30');
  });

  it('numbers a day as PostgreSQL does with day - 1970-01-01, and every bucket start by it', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('2025-01-01')).toBe(20_089);
    expect(epochDay('1969-12-31')).toBe(-1);
    for (const granularity of ['day', 'week', 'month'] as const) {
      const starts = bucketStarts('2024-02-27', '2025-03-02', granularity);
      expect(bucketDayNumbers(starts, granularity)).toEqual(starts.map(epochDay));
    }
    expect(bucketDayNumbers([], 'day')).toEqual([]);
  });

  it('starts a month on its 1st and a day on itself', () => {
    expect(bucketStart('2024-02-29', 'month')).toBe('2024-02-01');
    expect(bucketStart('2024-02-29', 'day')).toBe('2024-02-29');
  });

  it('lists every bucket overlapping the period, labelled by its own start', () => {
    expect(bucketStarts('2025-03-08', '2025-03-18', 'week')).toEqual(['2025-03-03', '2025-03-10', '2025-03-17']);
    expect(bucketStarts('2024-11-15', '2025-02-01', 'month')).toEqual(['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
    expect(bucketStarts('2024-02-28', '2024-03-01', 'day')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(bucketStarts('2025-03-05', '2025-03-05', 'month')).toEqual(['2025-03-01']);
  });

  it('refuses a period that is backwards, too long, or not made of calendar days', () => {
    expect(() => bucketStarts('2025-03-05', '2025-03-04', 'day')).toThrow(RangeError);
    expect(() => bucketStarts('2000-01-01', '2020-01-01', 'day')).toThrow(`more than ${MAX_BUCKETS}`);
    expect(bucketStarts('2000-01-01', '2020-01-01', 'month')).toHaveLength(241);
    expect(() => dayToMs('2025-02-30')).toThrow(RangeError);
    expect(() => dayToMs('2025-2-3')).toThrow(RangeError);
  });

  it('cuts a period at its whole months, leaving the partial months at its edges as days', () => {
    expect(splitAtWholeMonths('2025-01-01', '2025-12-31')).toEqual({ months: { first: '2025-01-01', last: '2025-12-01' }, head: null, tail: null });
    expect(splitAtWholeMonths('2025-01-15', '2025-03-31')).toEqual({ months: { first: '2025-02-01', last: '2025-03-01' }, head: { from: '2025-01-15', to: '2025-01-31' }, tail: null });
    expect(splitAtWholeMonths('2024-02-01', '2024-03-02')).toEqual({ months: { first: '2024-02-01', last: '2024-02-01' }, head: null, tail: { from: '2024-03-01', to: '2024-03-02' } });
    expect(splitAtWholeMonths('2025-01-02', '2025-02-27')).toEqual({ months: null, head: { from: '2025-01-02', to: '2025-02-27' }, tail: null });
    expect(splitAtWholeMonths('2025-03-05', '2025-03-05')).toEqual({ months: null, head: { from: '2025-03-05', to: '2025-03-05' }, tail: null });
  });

  it('parts the buckets into those inside the period and those at its edges, with their days inside it', () => {
    const split = (from: string, to: string, granularity: 'day' | 'week' | 'month') => splitBuckets(bucketStarts(from, to, granularity), from, to, granularity);
    expect(split('2025-03-08', '2025-03-18', 'week')).toEqual({
      whole: ['2025-03-10'],
      partial: [
        { start: '2025-03-03', from: '2025-03-08', to: '2025-03-09' },
        { start: '2025-03-17', from: '2025-03-17', to: '2025-03-18' },
      ],
    });
    expect(split('2024-01-01', '2024-03-31', 'month')).toEqual({ whole: ['2024-01-01', '2024-02-01', '2024-03-01'], partial: [] });
    expect(split('2025-03-05', '2025-03-05', 'month')).toEqual({ whole: [], partial: [{ start: '2025-03-01', from: '2025-03-05', to: '2025-03-05' }] });
    expect(split('2024-02-28', '2024-03-01', 'day')).toEqual({ whole: ['2024-02-28', '2024-02-29', '2024-03-01'], partial: [] });
  });
});
