import {
  conditionalExpectedAverageValue,
  expectedTransactions,
  predictedLifetimeValue,
  type BgNbdParams,
  type GammaGammaParams,
} from '@ledgerline/lifetime-value-model';

const bgNbd: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gammaGamma: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const customer = { x: 2, t_x: 30.43, T: 38.86, zbar: 22.35 };

describe('predictedLifetimeValue', () => {
  it('without discounting is E[transactions over the horizon] × E[value per transaction]', () => {
    const value = predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 39 });
    const expected = expectedTransactions(bgNbd, 39, 2, 30.43, 38.86) * conditionalExpectedAverageValue(gammaGamma, 2, 22.35);
    expect(value).toBeCloseTo(expected, 10);
    // The paper's customer: 1.226 expected transactions of about $24.66 each.
    expect(value).toBeCloseTo(1.226 * 24.66, 1);
  });

  it('discounts each period’s expected value at the end of the period', () => {
    const periodLength = 4;
    const rate = 0.01;
    const perTransaction = conditionalExpectedAverageValue(gammaGamma, customer.x, customer.zbar);
    const cumulative = [0, 1, 2, 3].map((i) => expectedTransactions(bgNbd, i * periodLength, customer.x, customer.t_x, customer.T));
    const byHand = [1, 2, 3].reduce((sum, i) => sum + ((cumulative[i] - cumulative[i - 1]) * perTransaction) / (1 + rate) ** i, 0);
    expect(predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 3, periodLength, discountRate: rate })).toBeCloseTo(byHand, 12);
  });

  it('is lower with discounting, and zero over no periods', () => {
    const plain = predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 52 });
    const discounted = predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 52, discountRate: 0.002 });
    expect(discounted).toBeLessThan(plain);
    expect(discounted).toBeGreaterThan(0);
    expect(predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 0 })).toBe(0);
  });

  it('values a one-off buyer at the population mean spend', () => {
    const oneOff = { x: 0, t_x: 0, T: 20, zbar: 0 };
    const value = predictedLifetimeValue({ bgNbd, gammaGamma, customer: oneOff, periods: 10, periodLength: 5 });
    expect(value).toBeCloseTo(expectedTransactions(bgNbd, 50, 0, 0, 20) * ((6.25 * 15.44) / 2.74), 10);
  });

  it('rejects a bad horizon or discount rate', () => {
    expect(() => predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 1.5 })).toThrow(/periods/);
    expect(() => predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 3, periodLength: 0 })).toThrow(/periodLength/);
    expect(() => predictedLifetimeValue({ bgNbd, gammaGamma, customer, periods: 3, discountRate: -1 })).toThrow(/discountRate/);
  });
});
