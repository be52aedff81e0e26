/**
 * GET requests for the query benchmarks, over node:http with keep-alive like http-load-client.ts (it
 * leaves the cores to the API). Each answer is timed from the request until its last byte. The body is
 * kept as it arrived, in bytes, and decoded and parsed only by the callers that need it: the client
 * shares this machine's two cores with the API and PostgreSQL. Parsing a year by day (135 KB) takes
 * 0.3 to 1 ms of CPU, and even decoding it as text, which every answer used to get, was a tenth of the
 * client's CPU for that request (0.246 ms against 0.220 ms without, in alternating rounds).
 */
import { Agent, request } from 'node:http';

export interface TimedAnswer {
  ms: number;
  /** The body (JSON), decoded on demand. */
  text(): string;
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
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - sent) / 1e6;
            const text = () => Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`GET ${path} answered ${res.statusCode}: ${text().slice(0, 500)}`));
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
