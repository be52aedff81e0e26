import type { Kysely } from 'kysely';
import { refreshLifetimeValueModel } from '@ledgerline/projections/lifetime-value';

/**
 * Refits the lifetime-value models (RFM, BG/NBD, Gamma-Gamma) as of today, shortly after start and then
 * every `everyMinutes`: a population snapshot, not a per-event projection. It runs here until the
 * worker's scheduled jobs exist; a failed run is logged and retried at the next tick. A tick while
 * `isLeading()` is false (a standby projector) does nothing.
 */
export function scheduleLifetimeValueRefresh(db: Kysely<unknown>, everyMinutes: number, log: (message: string) => void, signal: AbortSignal, isLeading: () => boolean = () => true): void {
  let running = false;
  const run = async () => {
    if (running || signal.aborted || !isLeading()) return;
    running = true;
    try {
      const result = await refreshLifetimeValueModel(db, { asOf: new Date() });
      log(`lifetime value refreshed as of ${result.asOf}: ${result.customers} customers, ${result.fits.map((f) => `${f.currency} BG/NBD ${f.bgNbd}, Gamma-Gamma ${f.gammaGamma}`).join('; ') || 'nothing to fit'}`);
    } catch (error) {
      // Shutting down closes the database under a running refit; it replaces the scores in one
      // transaction, so it leaves them as they were.
      if (signal.aborted) log('lifetime value refresh stopped by the shutdown; the scores are as they were');
      else log(`lifetime value refresh failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 15_000);
  const every = setInterval(run, everyMinutes * 60_000);
  signal.addEventListener('abort', () => (clearTimeout(first), clearInterval(every)), { once: true });
}
