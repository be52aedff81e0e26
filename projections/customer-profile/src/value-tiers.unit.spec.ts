import { valueTierOf } from './value-tiers';

const tier = (entries: [string, number][]) => valueTierOf(new Map(entries));

describe('valueTierOf', () => {
  it('is none without positive net revenue', () => {
    expect(tier([])).toBe('none');
    expect(tier([['NOK', 0]])).toBe('none');
    expect(tier([['EUR', -10_00]])).toBe('none');
  });

  it('climbs at each threshold of the currency, inclusive', () => {
    expect(tier([['EUR', 1]])).toBe('bronze');
    expect(tier([['EUR', 499_99]])).toBe('bronze');
    expect(tier([['EUR', 500_00]])).toBe('silver');
    expect(tier([['EUR', 2_000_00]])).toBe('gold');
    expect(tier([['EUR', 10_000_00]])).toBe('platinum');
    // The same amount in minor units means less in NOK.
    expect(tier([['NOK', 10_000_00]])).toBe('silver');
  });

  it('takes the highest tier over currencies without adding them up', () => {
    expect(tier([['EUR', 400_00], ['NOK', 5_000_00]])).toBe('bronze');
    expect(tier([['EUR', 2_500_00], ['NOK', 100]])).toBe('gold');
  });

  it('gives at most bronze in a currency without thresholds', () => {
    expect(tier([['JPY', 100_000_000]])).toBe('bronze');
    expect(tier([['__proto__', 100_000_000]])).toBe('bronze');
  });
});
