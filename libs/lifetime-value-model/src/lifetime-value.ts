// Customer lifetime value from the two models, as in Fader, Hardie & Lee (2005), "RFM and CLV": the number of
// future transactions comes from BG/NBD and their value from Gamma-Gamma, which assumes spend is independent of
// the purchase process, so expected value = E[transactions] × E[value per transaction] period by period.

import { expectedTransactions, type BgNbdParams } from './bg-nbd';
import { conditionalExpectedAverageValue, type GammaGammaParams } from './gamma-gamma';
import type { PurchaseSummary } from './purchase-summary';

interface LifetimeValueInputBase {
  readonly bgNbd: BgNbdParams;
  /** The customer's summary (x, t_x, T in the BG/NBD fit's time unit; zbar in money). */
  readonly customer: PurchaseSummary;
  /** Number of future periods to sum over (the horizon is periods × periodLength). */
  readonly periods: number;
  /** Length of one period in the BG/NBD time unit, e.g. 4.345 weeks for a month. Default 1. */
  readonly periodLength?: number;
  /** Discount rate per period (0.01 = 1 % a period); cash flows of period i are divided by (1 + rate)^i. Default 0. */
  readonly discountRate?: number;
}

/**
 * The value of a transaction comes from a fitted Gamma-Gamma model, or is given as `averageValue` (e.g. the
 * population mean of meanTransactionValue when Gamma-Gamma could not be fitted).
 */
export type LifetimeValueInput = LifetimeValueInputBase &
  ({ readonly gammaGamma: GammaGammaParams; readonly averageValue?: never } | { readonly averageValue: number; readonly gammaGamma?: never });

/**
 * Expected discounted value of a customer's purchases over the next `periods` periods:
 *   CLV = Σ_{i=1..n} (E[Y(i·L)] − E[Y((i−1)·L)]) · E(Z | x, zbar) / (1 + d)^i
 * with E[Y(t) | x, t_x, T] the BG/NBD conditional expectation (eq. 10), L the period length, d the discount rate
 * and E(Z | x, zbar) the Gamma-Gamma expected transaction value (the population mean when x = 0), or the given
 * averageValue. A period's transactions are discounted as if they all fell at its end. With d = 0 this is
 * E[Y(n·L)] · E(Z).
 * The value is revenue; multiply by a margin for profit.
 */
export const predictedLifetimeValue = (input: LifetimeValueInput): number => {
  const { bgNbd, customer, periods } = input;
  const periodLength = input.periodLength ?? 1;
  const discountRate = input.discountRate ?? 0;
  if (!Number.isInteger(periods) || periods < 0) {
    throw new RangeError(`predictedLifetimeValue: periods must be a non-negative integer (got ${periods})`);
  }
  if (!Number.isFinite(periodLength) || periodLength <= 0) {
    throw new RangeError(`predictedLifetimeValue: periodLength must be positive (got ${periodLength})`);
  }
  if (!Number.isFinite(discountRate) || discountRate <= -1) {
    throw new RangeError(`predictedLifetimeValue: discountRate must be > −1 (got ${discountRate})`);
  }

  const { x, t_x, T, zbar } = customer;
  let valuePerTransaction: number;
  if (input.gammaGamma !== undefined) {
    valuePerTransaction = conditionalExpectedAverageValue(input.gammaGamma, x, zbar);
  } else {
    valuePerTransaction = input.averageValue;
    if (!Number.isFinite(valuePerTransaction) || valuePerTransaction < 0) {
      throw new RangeError(`predictedLifetimeValue: averageValue must be a finite amount ≥ 0 (got ${valuePerTransaction})`);
    }
  }
  let total = 0;
  let previous = 0;
  for (let i = 1; i <= periods; i += 1) {
    const cumulative = expectedTransactions(bgNbd, i * periodLength, x, t_x, T);
    total += ((cumulative - previous) * valuePerTransaction) / Math.pow(1 + discountRate, i);
    previous = cumulative;
  }
  return total;
};
