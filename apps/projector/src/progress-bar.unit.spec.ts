import { formatSeconds, progressLine } from './progress-bar';

describe('progressLine', () => {
  it('shows the share of the log read, the rate and the time left', () => {
    const line = progressLine({ events: 50_000, checkpoint: { commit: 250n, prepare: 250n }, target: { commit: 1000n, prepare: 1000n }, done: false }, 10);
    expect(line).toBe(`[${'#'.repeat(8)}${'-'.repeat(22)}]   25.0%  50,000 events  5,000 events/s  ETA 30.0 s`);
  });

  it('says when it is done, and copes with an empty log', () => {
    expect(progressLine({ events: 0, checkpoint: null, target: null, done: true }, 0.5)).toContain('100.0%  0 events  0 events/s  done in 0.5 s');
  });

  it('formats minutes', () => {
    expect(formatSeconds(125)).toBe('2 min 5 s');
  });
});
