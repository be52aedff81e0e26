import { expectedTransactions, fitBgNbd, probabilityAlive } from '@ledgerline/lifetime-value-model';
import { scoreLifetimeValues, summaryOf, type TransactionHistory } from './lifetime-value-scores';
import { historiesOf, simulatePopulation } from './testing/simulated-population';

const DAY = 86_400_000;
const asOfDay = Date.UTC(2025, 5, 30) / DAY;

const history = (customerId: string, firstDay: number, lastDay: number, transactions: number, totalMinor: number, firstDayMinor: number, currency = 'NOK'): TransactionHistory => ({
  customerId,
  currency,
  transactions,
  firstDay,
  lastDay,
  totalMinor,
  firstDayMinor,
});

// Three customers whose futures differ plainly, next to a simulated population to fit on.
const heavyRecent = history('heavy-recent', asOfDay - 280, asOfDay - 3, 20, 20 * 150_00, 150_00);
const onceLongAgo = history('once-long-ago', asOfDay - 735, asOfDay - 735, 1, 150_00, 150_00);
const lapsedFrequent = history('lapsed-frequent', asOfDay - 700, asOfDay - 490, 10, 10 * 150_00, 150_00);
const population = [
  ...historiesOf(simulatePopulation({ seed: 7, customers: 300, startDay: asOfDay - 104 * 7, acquisitionWeeks: 12, endDay: asOfDay }), asOfDay),
  heavyRecent,
  onceLongAgo,
  lapsedFrequent,
];

describe('summaryOf', () => {
  it('counts repeat transactions, measures t_x and T in weeks from the first day, and averages the repeat spend only', () => {
    expect(summaryOf(history('c', asOfDay - 70, asOfDay - 14, 3, 100_00 + 30_00 + 50_00, 100_00), asOfDay)).toEqual({ x: 2, t_x: 8, T: 10, zbar: 40_00 });
    expect(summaryOf(history('c', asOfDay - 7, asOfDay - 7, 1, 100_00, 100_00), asOfDay)).toEqual({ x: 0, t_x: 0, T: 1, zbar: 0 });
  });
});

describe('scoreLifetimeValues', () => {
  const result = scoreLifetimeValues(population, { asOfDay });
  const score = (customerId: string) => {
    const found = result.scores.find((s) => s.customerId === customerId);
    if (found === undefined) throw new Error(`no score for ${customerId}`);
    return found;
  };

  it('fits both models on the population and scores every customer', () => {
    expect(result.fits).toHaveLength(1);
    const [fit] = result.fits;
    expect(fit).toMatchObject({ currency: 'NOK', customers: population.length, bgNbd: { status: 'fitted' }, gammaGamma: { status: 'fitted' } });
    expect(fit.repeatCustomers).toBe(population.filter((h) => h.transactions > 1).length);
    // The same parameters the library finds on the same summaries.
    const direct = fitBgNbd([...population].sort((a, b) => (a.customerId < b.customerId ? -1 : 1)).map((h) => summaryOf(h, asOfDay)));
    expect(fit.bgNbd.params).toEqual(direct.params);
    expect(result.scores).toHaveLength(population.length);
    for (const s of result.scores) {
      expect(s.expectedTransactions).toBeGreaterThanOrEqual(0);
      expect(s.probabilityAlive).toBeGreaterThan(0);
      expect(s.probabilityAlive).toBeLessThanOrEqual(1);
      expect(s.predictedValueMinor).toBeCloseTo((s.expectedTransactions ?? NaN) * (s.expectedAverageValueMinor ?? NaN), 6);
    }
  });

  it('expects more from a frequent recent buyer than from a one-off long ago, and thinks a lapsed regular less alive', () => {
    expect(score('heavy-recent').expectedTransactions).toBeGreaterThan(5 * (score('once-long-ago').expectedTransactions ?? Infinity));
    expect(score('heavy-recent').probabilityAlive).toBeGreaterThan(0.9);
    expect(score('lapsed-frequent').probabilityAlive).toBeLessThan(0.1);
    expect(score('heavy-recent').predictedValueMinor).toBeGreaterThan(score('lapsed-frequent').predictedValueMinor ?? Infinity);
    expect(score('heavy-recent').rfm).toEqual({ recency: 5, frequency: 5, monetary: 5, segment: 'champions' });
    expect(score('once-long-ago').rfm.segment).toBe('hibernating');
  });

  it('uses the model library for the predictions over 52 weeks', () => {
    const bg = result.fits[0].bgNbd.params;
    if (bg === null) throw new Error('no fit');
    const { x, t_x, T } = score('heavy-recent').summary;
    expect(score('heavy-recent').expectedTransactions).toBe(expectedTransactions(bg, 52, x, t_x, T));
    expect(score('heavy-recent').probabilityAlive).toBe(probabilityAlive(bg, x, t_x, T));
  });

  it('discounts the predicted value when given a rate, and leaves the transactions alone', () => {
    const discounted = scoreLifetimeValues(population, { asOfDay, annualDiscountRate: 0.1 });
    const plain = score('heavy-recent');
    const less = discounted.scores.find((s) => s.customerId === 'heavy-recent');
    expect(less?.expectedTransactions).toBe(plain.expectedTransactions);
    expect(less?.predictedValueMinor).toBeLessThan(plain.predictedValueMinor ?? 0);
    expect(less?.predictedValueMinor).toBeGreaterThan(0.9 * (plain.predictedValueMinor ?? Infinity));
  });

  it('fits each currency on its own customers', () => {
    const eur = [history('e1', asOfDay - 100, asOfDay - 10, 4, 400_00, 100_00, 'EUR'), history('e2', asOfDay - 50, asOfDay - 50, 1, 80_00, 80_00, 'EUR')];
    const both = scoreLifetimeValues([...eur, ...population], { asOfDay });
    expect(both.fits.map((f) => [f.currency, f.customers])).toEqual([
      ['EUR', 2],
      ['NOK', population.length],
    ]);
    // NOK's fit does not move when EUR customers are added.
    expect(both.fits[1].bgNbd.params).toEqual(result.fits[0].bgNbd.params);
    // Ranked among the two EUR customers only: the better of two is at the 50th percentile.
    expect(both.scores.filter((s) => s.currency === 'EUR').map((s) => s.rfm.frequency)).toEqual([3, 1]);
  });

  it('still scores RFM but predicts nothing when nobody has bought twice', () => {
    const oneOffs = [history('a', asOfDay - 10, asOfDay - 10, 1, 50_00, 50_00), history('b', asOfDay - 90, asOfDay - 90, 1, 70_00, 70_00)];
    const { fits, scores } = scoreLifetimeValues(oneOffs, { asOfDay });
    expect(fits[0]).toMatchObject({ bgNbd: { status: 'no-repeat-customers', params: null }, gammaGamma: { status: 'no-repeat-customers' }, frequencyValueCorrelation: null });
    expect(scores.map((s) => [s.customerId, s.rfm.recency, s.expectedTransactions, s.predictedValueMinor])).toEqual([
      ['a', 3, null, null],
      ['b', 1, null, null],
    ]);
  });

  it('records that Gamma-Gamma was fitted and no fallback was needed', () => {
    expect(result.fits[0]).toMatchObject({ averageValueSource: 'gamma-gamma', fallbackMean: null });
  });

  it('falls back on the mean spend per repeat transaction when Gamma-Gamma does not converge', () => {
    // The same population, but every repeat transaction worth 150.00: nothing for Gamma-Gamma's spread to fit.
    const sameSpend = population.map((h) => ({ ...h, totalMinor: h.firstDayMinor + (h.transactions - 1) * 150_00 }));
    const fallback = scoreLifetimeValues(sameSpend, { asOfDay });
    const [fit] = fallback.fits;
    const repeatTransactions = sameSpend.reduce((sum, h) => sum + h.transactions - 1, 0);
    expect(fit).toMatchObject({
      bgNbd: { status: 'fitted' },
      gammaGamma: { status: 'not-converged' },
      averageValueSource: 'fallback-mean',
      fallbackMean: { value: 150_00, basis: 'repeat-transactions', transactions: repeatTransactions },
    });
    for (const s of fallback.scores) {
      expect(s.expectedAverageValueMinor).toBe(150_00);
      expect(s.predictedValueMinor).toBeCloseTo((s.expectedTransactions ?? NaN) * 150_00, 6);
    }
    // The spend plays no part in BG/NBD: the expected transactions are those of the fitted population.
    expect(fallback.scores.map((s) => s.expectedTransactions)).toEqual(result.scores.map((s) => s.expectedTransactions));
    const discounted = scoreLifetimeValues(sameSpend, { asOfDay, annualDiscountRate: 0.1 }).scores.find((s) => s.customerId === 'heavy-recent');
    expect(discounted?.predictedValueMinor).toBeLessThan((discounted?.expectedTransactions ?? 0) * 150_00);
    expect(discounted?.predictedValueMinor).toBeGreaterThan(0.9 * (discounted?.expectedTransactions ?? Infinity) * 150_00);
  });

  it('falls back on the mean first transaction when nobody bought twice, though nothing can be predicted without BG/NBD', () => {
    const oneOffs = [history('a', asOfDay - 10, asOfDay - 10, 1, 50_00, 50_00), history('b', asOfDay - 90, asOfDay - 90, 1, 70_00, 70_00)];
    const { fits, scores } = scoreLifetimeValues(oneOffs, { asOfDay });
    expect(fits[0]).toMatchObject({ averageValueSource: 'fallback-mean', fallbackMean: { value: 60_00, basis: 'first-transactions', transactions: 2 } });
    expect(scores.map((s) => [s.customerId, s.expectedAverageValueMinor, s.predictedValueMinor])).toEqual([
      ['a', 60_00, null],
      ['b', 60_00, null],
    ]);
  });

  it('gives the same result whatever order the histories come in', () => {
    const shuffled = [...population].reverse();
    expect(scoreLifetimeValues(shuffled, { asOfDay })).toEqual(result);
  });

  it('rejects a history that ends after the as-of day', () => {
    expect(() => scoreLifetimeValues([history('late', asOfDay - 5, asOfDay + 1, 2, 20_00, 10_00)], { asOfDay })).toThrow(RangeError);
  });
});
