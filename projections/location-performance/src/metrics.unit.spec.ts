import { averageTicket, emptySums, netPromoterScore, npsCategory, ratio, toBucket, toMetrics } from './metrics';

describe('metrics', () => {
  it('sorts NPS answers: 9-10 promote, 7-8 are passive, 0-6 detract', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('computes NPS as % promoters minus % detractors', () => {
    expect(netPromoterScore(5, 3, 2)).toBe(30);
    expect(netPromoterScore(0, 0, 4)).toBe(-100);
    expect(netPromoterScore(1, 1, 1)).toBeCloseTo(0, 10);
    expect(netPromoterScore(2, 1, 0)).toBeCloseTo(66.6667, 3);
    expect(netPromoterScore(0, 0, 0)).toBeNull();
  });

  it('averages the ticket over gross purchases, to a whole minor unit', () => {
    expect(averageTicket(30_000, 3)).toBe(10_000);
    expect(averageTicket(10_001, 2)).toBe(5_001);
    expect(averageTicket(10_000, 3)).toBe(3_333);
    expect(averageTicket(0, 0)).toBeNull();
  });

  it('derives the period metrics from its sums', () => {
    expect(ratio(2, 3)).toBeCloseTo(0.6667, 4);
    expect(ratio(0, 0)).toBeNull();
    const metrics = toMetrics({ ...emptySums(), grossMinor: 30_000, refundedMinor: 5_000, purchases: 3, refunds: 1, complaintsResolved: 4, resolvedFirstContact: 3, promoters: 1, detractors: 1, medianResolutionSeconds: 60 });
    expect(metrics).toMatchObject({
      netRevenueMinor: 25_000,
      grossRevenueMinor: 30_000,
      averageTicketMinor: 10_000,
      firstContactResolutionRate: 0.75,
      medianResolutionSeconds: 60,
      nps: 0,
    });
    expect(toMetrics(emptySums())).toMatchObject({ averageTicketMinor: null, firstContactResolutionRate: null, medianResolutionSeconds: null, nps: null, netRevenueMinor: 0 });
  });

  it('gives a bucket the same figures under its start, which comes first', () => {
    const sums = { ...emptySums(), grossMinor: 1_000, purchases: 2, promoters: 3, passives: 1 };
    const bucket = toBucket('2025-03-01', sums);
    expect(Object.keys(bucket)[0]).toBe('start');
    expect(bucket).toEqual({ start: '2025-03-01', ...toMetrics(sums) });
    expect(Object.keys(toMetrics(sums))).not.toContain('start');
  });
});
