import type { Failure, SendStats } from './send-commands';

// What the loader prints: progress every few seconds, and a summary of any refused command grouped by
// what went wrong, with one full example each (a 4xx means the generator broke one of the API's rules).

const number = (n: number) => n.toLocaleString('en-US');

export function startProgress(stats: SendStats, total: number, everyMs = 3000): () => void {
  const started = Date.now();
  let last = { at: started, done: 0 };
  const timer = setInterval(() => {
    const now = Date.now();
    const done = stats.sent + stats.failures.length;
    const rate = ((done - last.done) * 1000) / (now - last.at);
    const average = (done * 1000) / (now - started);
    const extra = [stats.retries > 0 && `${number(stats.retries)} retried`, stats.failures.length > 0 && `${number(stats.failures.length)} refused`].filter(Boolean);
    console.log(`${number(done)} / ${number(total)} commands, ${number(Math.round(rate))}/s (average ${number(Math.round(average))}/s)${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`);
    last = { at: now, done };
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function printFailures(failures: readonly Failure[], skipped: number): void {
  const groups = new Map<string, Failure[]>();
  for (const failure of failures) {
    const body = failure.answer.body as { error?: string; rule?: string } | undefined;
    const key = `${failure.answer.status} ${failure.command.type}: ${body?.error ?? 'error'}${body?.rule ? ` (${body.rule})` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  console.error(`${number(failures.length)} command(s) refused (${number(skipped)} later commands of those customers skipped): a bug in scripts/demo, or a store holding a demo of another DEMO_SEED or DEMO_CUSTOMERS:`);
  for (const [key, group] of groups) {
    const example = group[0]!;
    console.error(`  ${number(group.length)} x ${key}`);
    console.error(`    e.g. ${example.command.method} ${example.command.path} ${JSON.stringify(example.command.body ?? {}).slice(0, 300)}`);
    console.error(`    answered ${example.answer.text.slice(0, 500)}`);
  }
}
