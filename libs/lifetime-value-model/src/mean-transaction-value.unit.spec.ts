import { expectedTransactions, type BgNbdParams } from './bg-nbd';
import { fitGammaGamma } from './gamma-gamma';
import { predictedLifetimeValue } from './lifetime-value';
import { meanTransactionValue } from './mean-transaction-value';

describe('meanTransactionValue', () => {
  it('averages the repeat transactions, each customer weighing by how many it made', () => {
    const customers = [
      { x: 2, t_x: 5, T: 10, zbar: 30 },
      { x: 1, t_x: 2, T: 8, zbar: 60 },
      { x: 0, t_x: 0, T: 4, zbar: 0 },
    ];
    // (2 · 30 + 1 · 60) / 3; the first transactions are left out while any repeat one exists.
    expect(meanTransactionValue(customers, [500, 500, 500])).toEqual({ value: 40, basis: 'repeat-transactions', transactions: 3 });
  });

  it('averages the first transactions when nobody bought twice', () => {
    const oneOffs = [
      { x: 0, t_x: 0, T: 4 },
      { x: 0, t_x: 0, T: 9 },
    ];
    expect(meanTransactionValue(oneOffs, [50, 70])).toEqual({ value: 60, basis: 'first-transactions', transactions: 2 });
  });

  it('refuses to average nothing, or amounts that are not positive', () => {
    expect(() => meanTransactionValue([{ x: 0, t_x: 0, T: 4 }])).toThrow(/nothing to average/);
    expect(() => meanTransactionValue([{ x: 2, t_x: 1, T: 4, zbar: 0 }])).toThrow(/zbar/);
    expect(() => meanTransactionValue([{ x: 0, t_x: 0, T: 4 }], [0])).toThrow(/positive/);
  });
});

describe('the fallback when Gamma-Gamma cannot be fitted', () => {
  // Every repeat transaction is worth 150.00: with no spread between or within customers the likelihood keeps
  // rising as p → ∞, so the fit cannot converge; the mean spend per transaction is still plainly 150.00.
  const sameSpend = Array.from({ length: 30 }, (_, i) => ({ x: 1 + (i % 4), t_x: 3 + (i % 5), T: 20, zbar: 150_00 }));
  const bgNbd: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('finds a data set whose Gamma-Gamma fit does not converge', () => {
    expect(fitGammaGamma(sameSpend).converged).toBe(false);
  });

  it('values every customer at the mean spend per transaction, over the expected transactions', () => {
    const mean = meanTransactionValue(sameSpend);
    expect(mean).toEqual({ value: 150_00, basis: 'repeat-transactions', transactions: sameSpend.reduce((sum, c) => sum + c.x, 0) });
    const customer = sameSpend[5];
    expect(predictedLifetimeValue({ bgNbd, averageValue: mean.value, customer, periods: 52 })).toBeCloseTo(
      expectedTransactions(bgNbd, 52, customer.x, customer.t_x, customer.T) * 150_00,
      6,
    );
    const discounted = predictedLifetimeValue({ bgNbd, averageValue: mean.value, customer, periods: 52, discountRate: 0.002 });
    expect(discounted).toBeLessThan(expectedTransactions(bgNbd, 52, customer.x, customer.t_x, customer.T) * 150_00);
    expect(discounted).toBeGreaterThan(0);
  });

  it('rejects an average value that is not an amount', () => {
    expect(() => predictedLifetimeValue({ bgNbd, averageValue: -1, customer: sameSpend[0], periods: 3 })).toThrow(/averageValue/);
    expect(() => predictedLifetimeValue({ bgNbd, averageValue: Number.NaN, customer: sameSpend[0], periods: 3 })).toThrow(/averageValue/);
  });
});
