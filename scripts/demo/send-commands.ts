import type { DemoCommand } from './commands';
import type { HttpAnswer, JsonClient } from './http-client';
import type { CustomerQueue } from './plan';

// Sends the customers' queues through the API, `concurrency` customers at a time and each customer's
// commands one after the other (a refund needs its purchase applied first). A 5xx, a dropped connection
// or a concurrency conflict is retried under the same Idempotency-Key, so it is applied once; a 4xx is
// a bug in the generator: the customer's remaining commands are skipped and the failure is reported.

export interface Failure {
  readonly customerId: string;
  readonly command: DemoCommand;
  readonly answer: HttpAnswer;
}

export interface SendStats {
  sent: number;
  /** Answered from the API's idempotency store: already applied by an earlier, interrupted load. */
  replayed: number;
  retries: number;
  skipped: number;
  readonly failures: Failure[];
  /** The highest commit position an answer named: the read models have it all once they pass it. */
  lastPosition: bigint;
}

export interface SendOptions {
  readonly concurrency: number;
  readonly keyOf: (index: number) => string;
}

const MAX_ATTEMPTS = 8;

export async function sendQueues(client: JsonClient, queues: readonly CustomerQueue[], options: SendOptions, stats: SendStats = newStats()): Promise<SendStats> {
  let next = 0;
  let aborted: Error | undefined;
  const worker = async () => {
    while (aborted === undefined && next < queues.length) {
      const queue = queues[next++]!;
      for (let i = 0; i < queue.commands.length && aborted === undefined; i++) {
        const command = queue.commands[i]!;
        let answer: HttpAnswer;
        try {
          answer = await sendCommand(client, command, options.keyOf(queue.firstIndex + i), stats);
        } catch (error) {
          aborted = error instanceof Error ? error : new Error(String(error));
          return;
        }
        if (answer.status < 300) continue;
        stats.failures.push({ customerId: queue.customerId, command, answer });
        stats.skipped += queue.commands.length - i - 1;
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (aborted !== undefined) throw aborted;
  return stats;
}

export const newStats = (): SendStats => ({ sent: 0, replayed: 0, retries: 0, skipped: 0, failures: [], lastPosition: 0n });

/** One command, retried until it gets an answer that is not the API's or the network's passing trouble. */
export async function sendCommand(client: JsonClient, command: DemoCommand, idempotencyKey: string, stats: SendStats): Promise<HttpAnswer> {
  let trouble = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) {
      stats.retries++;
      await sleep(Math.min(5000, 200 * 2 ** (attempt - 2)) * (0.5 + Math.random()));
    }
    let answer: HttpAnswer;
    try {
      answer = await client.send(command.method, command.path, command.body, { 'Idempotency-Key': idempotencyKey });
    } catch (error) {
      trouble = error instanceof Error ? error.message : String(error);
      continue;
    }
    if (answer.status >= 500 || answer.status === 429 || (answer.status === 409 && errorOf(answer) === 'concurrency_conflict')) {
      trouble = `HTTP ${answer.status} ${answer.text.slice(0, 200)}`;
      continue;
    }
    if (answer.status < 300) {
      stats.sent++;
      if (answer.headers['idempotent-replayed'] === 'true') stats.replayed++;
      const position = (answer.body as { position?: unknown } | undefined)?.position;
      if (typeof position === 'string' && /^\d+$/.test(position) && BigInt(position) > stats.lastPosition) stats.lastPosition = BigInt(position);
    }
    return answer;
  }
  throw new Error(`${command.method} ${command.path} failed ${MAX_ATTEMPTS} times; last: ${trouble}`);
}

export const errorOf = (answer: HttpAnswer): string | undefined => (answer.body as { error?: string } | undefined)?.error;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
