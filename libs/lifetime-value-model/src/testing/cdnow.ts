// Loads the CDNOW calibration summary for the specs: a copy of ../shared/data/cdnow (the team's reference
// data) kept with the library, so the specs do not depend on where a checkout sits. A missing file must
// fail the specs loudly, never skip them.

import * as fs from 'node:fs';
import * as path from 'node:path';

import type { PurchaseSummary } from '../purchase-summary';

export interface CdnowCustomer extends PurchaseSummary {
  readonly id: number;
}

export const CDNOW_SUMMARY_PATH = path.resolve(__dirname, '../../test-data/cdnow/cdnow-calibration-summary.csv');

const EXPECTED_HEADER = 'ID,x,t_x,T,zbar';

export const loadCdnowSummary = (file: string = CDNOW_SUMMARY_PATH): CdnowCustomer[] => {
  if (!fs.existsSync(file)) {
    throw new Error(
      `CDNOW reference data not found at ${file}: the published-results specs need libs/lifetime-value-model/test-data/cdnow`,
    );
  }
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  if (header.trim() !== EXPECTED_HEADER) throw new Error(`${file}: expected header "${EXPECTED_HEADER}", got "${header}"`);
  return lines.map((line, i) => {
    const fields = line.split(',').map(Number);
    if (fields.length !== 5 || !fields.every(Number.isFinite)) throw new Error(`${file}: line ${i + 2} is not five numbers: "${line}"`);
    const [id, x, t_x, T, zbar] = fields;
    return { id, x, t_x, T, zbar };
  });
};
