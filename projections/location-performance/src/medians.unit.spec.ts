import { seededRandom } from '@ledgerline/testing';
import { mediansByGroup } from './medians';

describe('mediansByGroup', () => {
  it('gives each group its middle value, or the mean of its two middle values', () => {
    const medians = mediansByGroup(['2025-01-06', '2025-01-01', '2025-01-06', '2025-01-01', '2025-01-06'], [300, 7_200, 100, 86_400, 200]);
    expect(medians).toEqual(
      new Map([
        ['2025-01-06', 200],
        ['2025-01-01', 46_800],
      ]),
    );
  });

  it('has no entry at all without values', () => {
    expect(mediansByGroup([], [])).toEqual(new Map());
  });

  it('sorts numerically, and interpolates as percentile_cont does (lo + 0.5 * (hi - lo))', () => {
    const random = seededRandom(11);
    for (let run = 0; run < 200; run++) {
      const seconds = Array.from({ length: 1 + Math.floor(random() * 9) }, () => Math.floor(random() * 1_000_000) / 7);
      const sorted = [...seconds].sort((a, b) => a - b);
      const lo = sorted[Math.floor((sorted.length - 1) / 2)]!;
      const hi = sorted[Math.ceil((sorted.length - 1) / 2)]!;
      expect(mediansByGroup(seconds.map(() => 'k'), seconds).get('k')).toBe(lo + (hi - lo) * 0.5);
    }
  });
});
