/**
 * How long this process itself stopped while it timed requests: the gaps between the firings of a
 * 1 ms timer on its event loop, and its own garbage collections. The benchmark's client shares the
 * machine's two cores with the API and PostgreSQL, and while it is stopped, every request in flight
 * stays on the clock; these figures say how much of a p99 may be the client's own.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { percentile } from './timing';

export interface ClientStalls {
  /** The gaps between the firings of a 1 ms timer on the event loop, ms (1 when nothing held it up). */
  loopDelayP99: number;
  loopDelayMax: number;
  /** This process's garbage-collection pauses while watched. */
  gcPauses: number;
  gcPauseP50: number;
  gcPauseMax: number;
  gcPauseTotal: number;
}

/** Starts watching; the function returned stops and summarises. */
export function watchClientStalls(): () => ClientStalls {
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const pauses: number[] = [];
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  collections.observe({ entryTypes: ['gc'] });
  loopDelay.enable();
  return () => {
    loopDelay.disable();
    collections.disconnect();
    return {
      loopDelayP99: loopDelay.percentile(99) / 1e6,
      loopDelayMax: loopDelay.max / 1e6,
      gcPauses: pauses.length,
      gcPauseP50: pauses.length === 0 ? 0 : percentile(pauses, 50),
      gcPauseMax: Math.max(0, ...pauses),
      gcPauseTotal: pauses.reduce((sum, ms) => sum + ms, 0),
    };
  };
}
