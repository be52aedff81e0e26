/**
 * GET requests for the query benchmarks, over node:http with keep-alive like http-load-client.ts (it
 * leaves the cores to the API). Each answer is timed from the request until its last byte. The body
 * comes back as text, parsed only by the callers that need it: the client shares this machine's two
 * cores with the API and PostgreSQL, and parsing a year by day (123 KB) takes 0.5 to 1 ms of CPU.
 */
import { Agent, request } from 'node:http';

export interface TimedAnswer {
  ms: number;
  /** The body as received (JSON). */
  text: string;
}

export interface HttpGetClient {
  get(path: string): Promise<TimedAnswer>;
  close(): void;
}

export function httpGetClient(baseUrl: string, headers: Record<string, string>): HttpGetClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    get(path) {
      return new Promise((resolve, reject) => {
        const sent = process.hrtime.bigint();
        const req = request({ host: url.hostname, port: url.port, path, method: 'GET', agent, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - sent) / 1e6;
            if (res.statusCode !== 200) reject(new Error(`GET ${path} answered ${res.statusCode}: ${text.slice(0, 500)}`));
            else resolve({ ms, text });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}
