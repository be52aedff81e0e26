import { medianBuckets } from './median-buckets';

describe('medianBuckets', () => {
  it('gives the day, ISO week and month of each resolution, once each', () => {
    expect(
      medianBuckets([
        { locationId: 'oslo', day: '2025-03-01' },
        { locationId: 'oslo', day: '2025-03-01' },
        { locationId: 'oslo', day: '2025-03-02' },
        { locationId: 'bergen', day: '2025-03-01' },
      ]),
    ).toEqual([
      // 2025-03-01 is a Saturday: its week runs from Monday 24 February to Sunday 2 March.
      { locationId: 'oslo', granularity: 'day', start: '2025-03-01', last: '2025-03-01' },
      { locationId: 'oslo', granularity: 'week', start: '2025-02-24', last: '2025-03-02' },
      { locationId: 'oslo', granularity: 'month', start: '2025-03-01', last: '2025-03-31' },
      { locationId: 'oslo', granularity: 'day', start: '2025-03-02', last: '2025-03-02' },
      { locationId: 'bergen', granularity: 'day', start: '2025-03-01', last: '2025-03-01' },
      { locationId: 'bergen', granularity: 'week', start: '2025-02-24', last: '2025-03-02' },
      { locationId: 'bergen', granularity: 'month', start: '2025-03-01', last: '2025-03-31' },
    ]);
  });

  it('ends February on its last day, in leap years too', () => {
    expect(medianBuckets([{ locationId: 'oslo', day: '2024-02-10' }]).find((b) => b.granularity === 'month')).toMatchObject({ start: '2024-02-01', last: '2024-02-29' });
    expect(medianBuckets([{ locationId: 'oslo', day: '2025-02-10' }]).find((b) => b.granularity === 'month')).toMatchObject({ start: '2025-02-01', last: '2025-02-28' });
  });
});
