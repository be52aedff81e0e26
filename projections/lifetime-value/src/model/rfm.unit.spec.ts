import { quintileScores, rfmScores, rfmSegment, RFM_SEGMENTS, type Score } from './rfm';

describe('quintileScores', () => {
  it('gives each fifth of a population of distinct values its own score, best fifth 5', () => {
    expect(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'higher')).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'lower')).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('does not depend on the order of the population', () => {
    expect(quintileScores([90, 10, 50, 30, 70], 'higher')).toEqual([5, 1, 3, 2, 4]);
  });

  it('gives equal values the same score, skipping scores a crowded value covers', () => {
    // Six of ten bought once: they are all 1, and the next value starts where its rank puts it.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 2, 3, 7], 'higher')).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  it('scores a lone customer 1', () => {
    expect(quintileScores([42], 'higher')).toEqual([1]);
    expect(quintileScores([], 'higher')).toEqual([]);
  });
});

describe('rfmSegment', () => {
  it('follows the R×F segment map', () => {
    const cells: [Score, Score, string][] = [
      [5, 5, 'champions'],
      [5, 4, 'champions'],
      [5, 1, 'new'],
      [5, 2, 'potential-loyalists'],
      [4, 3, 'potential-loyalists'],
      [4, 1, 'promising'],
      [4, 4, 'loyal'],
      [3, 5, 'loyal'],
      [3, 3, 'need-attention'],
      [3, 2, 'about-to-sleep'],
      [2, 5, 'cannot-lose'],
      [1, 4, 'at-risk'],
      [2, 3, 'at-risk'],
      [1, 1, 'hibernating'],
      [2, 2, 'hibernating'],
    ];
    for (const [r, f, segment] of cells) expect([r, f, rfmSegment(r, f)]).toEqual([r, f, segment]);
  });

  it('names a known segment for every one of the 25 cells', () => {
    const scores: Score[] = [1, 2, 3, 4, 5];
    const named = scores.flatMap((r) => scores.map((f) => rfmSegment(r, f)));
    expect(named.every((segment) => (RFM_SEGMENTS as readonly string[]).includes(segment))).toBe(true);
    expect(new Set(named)).toEqual(new Set(RFM_SEGMENTS));
  });
});

describe('rfmScores', () => {
  it('scores recency (fewer days better), frequency and monetary, and segments on R and F', () => {
    const population = [
      { recencyDays: 2, frequency: 12, monetaryMinor: 900_00 },
      { recencyDays: 400, frequency: 1, monetaryMinor: 20_00 },
      { recencyDays: 30, frequency: 4, monetaryMinor: 150_00 },
      { recencyDays: 300, frequency: 9, monetaryMinor: 700_00 },
      { recencyDays: 5, frequency: 1, monetaryMinor: 50_00 },
    ];
    expect(rfmScores(population)).toEqual([
      { recency: 5, frequency: 5, monetary: 5, segment: 'champions' },
      { recency: 1, frequency: 1, monetary: 1, segment: 'hibernating' },
      { recency: 3, frequency: 3, monetary: 3, segment: 'need-attention' },
      { recency: 2, frequency: 4, monetary: 4, segment: 'at-risk' },
      { recency: 4, frequency: 1, monetary: 2, segment: 'promising' },
    ]);
  });
});
