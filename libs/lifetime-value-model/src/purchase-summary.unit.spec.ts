import { summarizePurchases } from './purchase-summary';

describe('summarizePurchases', () => {
  it('follows the CDNOW convention: first purchase 1997-01-01, period ending 1997-09-30 gives T = 38.86 weeks', () => {
    const summary = summarizePurchases(
      [
        { date: '1997-01-01', amount: 29.33 },
        { date: '1997-01-18', amount: 29.73 },
        { date: '1997-08-02', amount: 14.96 },
      ],
      '1997-09-30',
    );
    expect(summary.x).toBe(2);
    expect(summary.t_x).toBeCloseTo(213 / 7, 10);
    expect(summary.T).toBeCloseTo(272 / 7, 10);
    expect(summary.T.toFixed(2)).toBe('38.86');
    expect(summary.zbar).toBeCloseTo((29.73 + 14.96) / 2, 10);
  });

  it('counts several purchases on one calendar day as one, summing their amounts', () => {
    const summary = summarizePurchases(
      [
        { date: '2024-03-01', amount: 10 },
        { date: new Date('2024-03-05T09:15:00Z'), amount: 5 },
        { date: '2024-03-01T18:00:00Z', amount: 7 },
        { date: new Date('2024-03-05T23:59:59Z'), amount: 20 },
      ],
      '2024-03-15',
      'days',
    );
    expect(summary).toEqual({ x: 1, t_x: 4, T: 14, zbar: 25 });
  });

  it('gives t_x = 0 and zbar = 0 when there is no repeat purchase', () => {
    expect(summarizePurchases([{ date: '2024-01-10', amount: 99 }, { date: '2024-01-10', amount: 1 }], '2024-01-24')).toEqual({
      x: 0,
      t_x: 0,
      T: 2,
      zbar: 0,
    });
  });

  it('accepts purchases in any order and ignores those after the as-of date', () => {
    const summary = summarizePurchases(
      [
        { date: '2024-02-01', amount: 30 },
        { date: '2024-05-01', amount: 1000 },
        { date: '2024-01-01', amount: 10 },
      ],
      '2024-03-01',
      'days',
    );
    expect(summary).toEqual({ x: 1, t_x: 31, T: 60, zbar: 30 });
  });

  it('counts a purchase on the as-of date itself', () => {
    expect(summarizePurchases([{ date: '2024-01-01', amount: 5 }, { date: '2024-01-08', amount: 8 }], '2024-01-08')).toEqual({
      x: 1,
      t_x: 1,
      T: 1,
      zbar: 8,
    });
  });

  it('throws when nothing was bought by the as-of date, or on an invalid date or amount', () => {
    expect(() => summarizePurchases([], '2024-01-01')).toThrow(/no purchase on or before/);
    expect(() => summarizePurchases([{ date: '2024-02-01', amount: 5 }], '2024-01-01')).toThrow(/no purchase on or before/);
    expect(() => summarizePurchases([{ date: 'not a date', amount: 5 }], '2024-01-01')).toThrow(/purchase #0 is not a valid date/);
    expect(() => summarizePurchases([{ date: '2024-01-01', amount: Number.NaN }], '2024-01-02')).toThrow(/finite amount/);
    expect(() => summarizePurchases([{ date: '2024-01-01', amount: 1 }], 'soon')).toThrow(/as-of date/);
  });
});
