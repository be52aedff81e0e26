import type { JsonClient } from './http-client';

// The projector works through the load behind the API; the analyst examples answer in full once every
// read model has passed the position of the last command.

interface Build {
  status: string;
  checkpoint: string;
  lagEvents: number;
}
interface Status {
  projections: { name: string; state: string; lastError: string | null; builds: Build[] }[];
}

export async function waitForReadModels(analyst: JsonClient, position: bigint, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let lastPrint = 0;
  for (;;) {
    const answer = await analyst.send('GET', '/v1/projections').catch(() => undefined);
    const projections = answer?.status === 200 ? (answer.body as Status).projections : [];
    const behind = projections.filter((p) => !p.builds.some((b) => b.status === 'live' && commitOf(b.checkpoint) >= position));
    if (projections.length > 0 && behind.length === 0) return true;
    if (Date.now() > deadline) return false;
    if (Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      const detail = behind.map((p) => `${p.name} ${p.builds.find((b) => b.status === 'live')?.lagEvents.toLocaleString('en-US') ?? '?'} behind${p.lastError ? ` (${p.lastError})` : ''}`);
      console.log(`waiting for the read models: ${detail.join(', ') || `no projection status yet (HTTP ${answer?.status ?? 'unreachable'})`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** `<commit>/<prepare>`, or `start`. */
const commitOf = (checkpoint: string): bigint => (/^\d+/.test(checkpoint) ? BigInt(/^\d+/.exec(checkpoint)![0]) : -1n);
