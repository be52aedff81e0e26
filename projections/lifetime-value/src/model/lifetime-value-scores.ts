import {
  conditionalExpectedAverageValue,
  expectedTransactions,
  fitBgNbd,
  fitGammaGamma,
  meanTransactionValue,
  predictedLifetimeValue,
  probabilityAlive,
  type BgNbdParams,
  type FitResult,
  type GammaGammaParams,
  type MeanTransactionValue,
  type PurchaseSummary,
} from '@ledgerline/lifetime-value-model';
import { rfmScores, type RfmScore } from './rfm';

// From a population's transaction histories to RFM scores, model fits and predictions, per currency
// (spend in different currencies does not mix). Pure: the same histories and options give the same
// result, whatever the order they come in.
//
// Time unit: weeks (t_x, T, the horizon), computed from whole UTC days: a transaction is a UTC calendar
// day with a positive net spend (CDNOW convention; refunds netted against the day of their purchase).

export const DAYS_PER_WEEK = 7;

/** One customer's transactions in one currency, on or before the as-of day. Days are UTC day numbers (days since 1970-01-01). */
export interface TransactionHistory {
  readonly customerId: string;
  readonly currency: string;
  /** Transaction days (≥ 1). */
  readonly transactions: number;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Net spend over all transaction days, minor units. */
  readonly totalMinor: number;
  /** Net spend of the first transaction day, which is the acquisition, not a repeat transaction. */
  readonly firstDayMinor: number;
}

export interface ModelOptions {
  /** UTC day number of the as-of date: the end of the observation period (inclusive). */
  readonly asOfDay: number;
  /** Prediction horizon, whole weeks. Default 52. */
  readonly horizonWeeks?: number;
  /** Discount rate per year for the predicted value (0.1 = 10 %), applied weekly. Default 0: undiscounted. */
  readonly annualDiscountRate?: number;
  /** Nelder–Mead budget per fit; the library's default when absent. */
  readonly maxIterations?: number;
}

/**
 * fitted: usable. Without a fitted BG/NBD nothing is predicted; without a fitted Gamma-Gamma the expected
 * average value falls back on the population's mean (see CurrencyFit.averageValueSource).
 */
export type FitStatus = 'fitted' | 'no-repeat-customers' | 'not-converged' | 'failed';

/** Where the customers' expected average value (of a future transaction) comes from. */
export type AverageValueSource = 'gamma-gamma' | 'fallback-mean';

export interface ModelFit<Params> {
  readonly status: FitStatus;
  /** Also kept when the fit did not converge, for diagnosis; null when there was nothing to fit. */
  readonly params: Params | null;
  readonly logLikelihood: number | null;
  readonly message: string | null;
}

export interface CurrencyFit {
  readonly currency: string;
  readonly customers: number;
  /** Customers with x > 0: the only ones that inform the Gamma-Gamma fit. */
  readonly repeatCustomers: number;
  readonly bgNbd: ModelFit<BgNbdParams>;
  readonly gammaGamma: ModelFit<GammaGammaParams>;
  /**
   * 'gamma-gamma' when that fit is usable; otherwise 'fallback-mean': every customer's expected average value
   * is the currency's mean spend per transaction (fallbackMean), which Gamma-Gamma would only have refined.
   */
  readonly averageValueSource: AverageValueSource;
  /** The mean the fallback used, minor units, and which transactions it averaged; null with a fitted Gamma-Gamma. */
  readonly fallbackMean: MeanTransactionValue | null;
  /**
   * Pearson correlation of x and zbar over repeat customers. Gamma-Gamma assumes spend independent of
   * frequency; a value far from 0 says its predictions are suspect. Null below two repeat customers.
   */
  readonly frequencyValueCorrelation: number | null;
}

export interface CustomerScore {
  readonly customerId: string;
  readonly currency: string;
  readonly summary: PurchaseSummary;
  readonly transactions: number;
  /** UTC day numbers of the first and last transaction. */
  readonly firstDay: number;
  readonly lastDay: number;
  readonly recencyDays: number;
  readonly monetaryMinor: number;
  readonly rfm: RfmScore;
  /** E[transactions in the next horizonWeeks]; null without a fitted BG/NBD. */
  readonly expectedTransactions: number | null;
  readonly probabilityAlive: number | null;
  /** E[value of a future transaction], minor units: from Gamma-Gamma (null for x = 0 when its q ≤ 1), or the fallback mean. */
  readonly expectedAverageValueMinor: number | null;
  /** expectedTransactions × expectedAverageValue, discounted weekly when a rate is given. */
  readonly predictedValueMinor: number | null;
}

export interface LifetimeValueScores {
  readonly fits: CurrencyFit[];
  readonly scores: CustomerScore[];
}

export function scoreLifetimeValues(histories: readonly TransactionHistory[], options: ModelOptions): LifetimeValueScores {
  const horizonWeeks = options.horizonWeeks ?? 52;
  if (!Number.isInteger(horizonWeeks) || horizonWeeks <= 0) throw new RangeError(`horizonWeeks must be a positive integer (got ${horizonWeeks})`);
  const byCurrency = new Map<string, TransactionHistory[]>();
  for (const history of histories) {
    assertValidHistory(history, options.asOfDay);
    const group = byCurrency.get(history.currency) ?? [];
    group.push(history);
    byCurrency.set(history.currency, group);
  }
  const fits: CurrencyFit[] = [];
  const scores: CustomerScore[] = [];
  for (const currency of [...byCurrency.keys()].sort()) {
    // Sorted so that the fits sum the likelihood in the same order on every run.
    const group = (byCurrency.get(currency) ?? []).sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
    const result = scoreCurrency(currency, group, { ...options, horizonWeeks });
    fits.push(result.fit);
    scores.push(...result.scores);
  }
  return { fits, scores };
}

function scoreCurrency(currency: string, group: readonly TransactionHistory[], options: ModelOptions & { horizonWeeks: number }) {
  const summaries = group.map((history) => summaryOf(history, options.asOfDay));
  const repeatCustomers = summaries.filter((s) => s.x > 0).length;
  const fitOptions = options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations };
  const bgNbd = fitModel(repeatCustomers, () => fitBgNbd(summaries, fitOptions));
  const gammaGamma = fitModel(repeatCustomers, () => fitGammaGamma(summaries, fitOptions));
  const rfm = rfmScores(group.map((h) => ({ recencyDays: options.asOfDay - h.lastDay, frequency: h.transactions, monetaryMinor: h.totalMinor })));
  const bg = bgNbd.status === 'fitted' ? bgNbd.params : null;
  const gg = gammaGamma.status === 'fitted' ? gammaGamma.params : null;
  // Every history has a first transaction with a positive spend, so the fallback always has a mean.
  const fallbackMean = gg === null ? meanTransactionValue(summaries, group.map((h) => h.firstDayMinor)) : null;
  const weeklyDiscount = Math.pow(1 + (options.annualDiscountRate ?? 0), 1 / 52) - 1;

  const scores = group.map((history, i): CustomerScore => {
    const summary = summaries[i];
    const { x, t_x, T, zbar } = summary;
    const expected = bg === null ? null : expectedTransactions(bg, options.horizonWeeks, x, t_x, T);
    let value: number | null = fallbackMean?.value ?? null;
    if (gg !== null) value = x === 0 && gg.q <= 1 ? null : conditionalExpectedAverageValue(gg, x, zbar);
    let predicted: number | null = null;
    if (bg !== null && expected !== null && value !== null) {
      const valueModel = gg === null ? { averageValue: value } : { gammaGamma: gg };
      predicted =
        weeklyDiscount === 0
          ? expected * value
          : predictedLifetimeValue({ bgNbd: bg, ...valueModel, customer: summary, periods: options.horizonWeeks, discountRate: weeklyDiscount });
    }
    return {
      customerId: history.customerId,
      currency,
      summary,
      transactions: history.transactions,
      firstDay: history.firstDay,
      lastDay: history.lastDay,
      recencyDays: options.asOfDay - history.lastDay,
      monetaryMinor: history.totalMinor,
      rfm: rfm[i],
      expectedTransactions: expected,
      probabilityAlive: bg === null ? null : probabilityAlive(bg, x, t_x, T),
      expectedAverageValueMinor: value,
      predictedValueMinor: predicted,
    };
  });
  const fit: CurrencyFit = {
    currency,
    customers: group.length,
    repeatCustomers,
    bgNbd,
    gammaGamma,
    averageValueSource: gg === null ? 'fallback-mean' : 'gamma-gamma',
    fallbackMean,
    frequencyValueCorrelation: correlation(summaries.filter((s) => s.x > 0).map((s) => [s.x, s.zbar])),
  };
  return { fit, scores };
}

/** The (x, t_x, T, zbar) summary in weeks, as summarizePurchases of the model library defines it. */
export function summaryOf(history: TransactionHistory, asOfDay: number): PurchaseSummary {
  const x = history.transactions - 1;
  return {
    x,
    t_x: (history.lastDay - history.firstDay) / DAYS_PER_WEEK,
    T: (asOfDay - history.firstDay) / DAYS_PER_WEEK,
    zbar: x > 0 ? (history.totalMinor - history.firstDayMinor) / x : 0,
  };
}

function fitModel<Params>(repeatCustomers: number, fit: () => FitResult<Params>): ModelFit<Params> {
  if (repeatCustomers === 0) return { status: 'no-repeat-customers', params: null, logLikelihood: null, message: 'no customer has a repeat transaction' };
  try {
    const result = fit();
    return {
      status: result.converged ? 'fitted' : 'not-converged',
      params: result.params,
      logLikelihood: result.logLikelihood,
      message: result.converged ? null : 'the optimiser did not converge to an interior maximum',
    };
  } catch (error) {
    return { status: 'failed', params: null, logLikelihood: null, message: error instanceof Error ? error.message : String(error) };
  }
}

function correlation(pairs: readonly (readonly [number, number])[]): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  const meanX = pairs.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = pairs.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
    syy += (y - meanY) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

function assertValidHistory(h: TransactionHistory, asOfDay: number): void {
  const ok =
    Number.isInteger(h.transactions) &&
    h.transactions >= 1 &&
    h.firstDay <= h.lastDay &&
    h.lastDay <= asOfDay &&
    (h.transactions > 1 || h.firstDay === h.lastDay) &&
    h.firstDayMinor > 0 &&
    h.totalMinor >= h.firstDayMinor;
  if (!ok) throw new RangeError(`inconsistent transaction history of customer ${h.customerId} (${h.currency}): ${JSON.stringify(h)}`);
}
