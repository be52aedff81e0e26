import { execFile } from 'node:child_process';
import path from 'node:path';
import projectorFlags from '../../apps/projector/node-flags.json';

// The projector refits RFM segments and predictions 15 s after it starts and then hourly; during a
// first start that is while the demo is still loading. Refitting once the year is in, with the
// projector's own operator command, lets the top-customers example show segments at once.

interface RefreshResult {
  asOf: string;
  customers: number;
  fits: { currency: string; bgNbd: string; gammaGamma: string }[];
}

const root = path.resolve(__dirname, '../..');

export function refreshLifetimeValue(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...projectorFlags, '-r', '@swc-node/register', 'apps/projector/src/cli.ts', 'refresh-lifetime-value'],
      { cwd: root, env: process.env, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message.split('\n')[0]} ${stderr.trim().slice(0, 500)}`));
        try {
          const result = JSON.parse(stdout) as RefreshResult;
          resolve(`${result.customers} customers as of ${result.asOf}; ${result.fits.map((f) => `${f.currency} BG/NBD ${f.bgNbd}, Gamma-Gamma ${f.gammaGamma}`).join('; ')}`);
        } catch {
          resolve(stdout.trim().slice(0, 300));
        }
      },
    );
  });
}
