import type { RebuildProgress } from '@ledgerline/read-models';

/**
 * Renders a rebuild's progress: events, events per second and an ETA. Progress is measured in log
 * positions (bytes of the log read against its head when the rebuild began), which grow with the
 * events whatever the projections select.
 */
export function progressLine(progress: RebuildProgress, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? progress.events / elapsedSeconds : 0;
  const fraction = progress.done ? 1 : fractionOf(progress);
  const width = 30;
  const filled = Math.round(fraction * width);
  const eta = fraction > 0 && fraction < 1 ? (elapsedSeconds / fraction) * (1 - fraction) : 0;
  return [
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`,
    `${(fraction * 100).toFixed(1).padStart(5)}%`,
    `${progress.events.toLocaleString('en-US')} events`,
    `${Math.round(rate).toLocaleString('en-US')} events/s`,
    progress.done ? `done in ${formatSeconds(elapsedSeconds)}` : `ETA ${formatSeconds(eta)}`,
  ].join('  ');
}

function fractionOf({ checkpoint, target }: RebuildProgress): number {
  if (target === null || target.commit === 0n) return 1;
  if (checkpoint === null) return 0;
  return Math.min(1, Number(checkpoint.commit) / Number(target.commit));
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
