import * as path from 'node:path';

import { CDNOW_SUMMARY_PATH, loadCdnowSummary } from './cdnow';

describe('loadCdnowSummary', () => {
  it('reads the copy kept with the library', () => {
    expect(CDNOW_SUMMARY_PATH).toBe(path.resolve(__dirname, '../../test-data/cdnow/cdnow-calibration-summary.csv'));
  });

  it('fails loudly, naming the path, when the data are missing', () => {
    expect(() => loadCdnowSummary('/nonexistent/cdnow.csv')).toThrow(/CDNOW reference data not found at \/nonexistent\/cdnow.csv/);
  });

  it('parses every row of the summary', () => {
    const customers = loadCdnowSummary();
    expect(customers[0]).toEqual({ id: 1, x: 2, t_x: 30.43, T: 38.86, zbar: 22.35 });
    expect(customers).toHaveLength(2357);
    expect(customers.filter((c) => c.x > 0)).toHaveLength(946);
  });
});
