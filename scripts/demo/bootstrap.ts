import { demoCalendar } from './calendar';
import { commands, type DemoCommand } from './commands';
import type { DemoCustomer } from './customers';
import type { HttpAnswer, JsonClient } from './http-client';
import { DEMO_LOCATIONS, registerLocationBody } from './network';
import { anchorRegistration } from './plan';
import { anchorOfRegistration, locationRegisteredAt } from './registration-times';
import { errorOf } from './send-commands';

// The steps before the bulk of the load. They send no Idempotency-Key, on purpose: these keys could
// only come from the seed, and the API keeps answers in Redis for 24 h, beyond the life of a wiped
// event store; a replayed "201" would then register nothing. Registering an id that exists is a 409
// the loader accepts, which makes these steps safe to repeat without a key.

const MAX_ATTEMPTS = 30;

/** A request retried while the API is starting or briefly away. */
export async function sendPatiently(client: JsonClient, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  let trouble = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      const answer = await client.send(method, path, body);
      if (answer.status < 500) return answer;
      trouble = `HTTP ${answer.status} ${answer.text.slice(0, 200)}`;
    } catch (error) {
      trouble = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${method} ${path}: no answer from ${client.baseUrl} after ${MAX_ATTEMPTS} tries (${trouble})`);
}

export async function customerExists(client: JsonClient, customerId: string): Promise<boolean> {
  const answer = await sendPatiently(client, 'GET', `/v1/customers/${encodeURIComponent(customerId)}`);
  if (answer.status === 200) return true;
  if (answer.status === 404) return false;
  throw unexpected(answer, `GET /v1/customers/${customerId}`);
}

/**
 * The instant the demo year ends, with the network registered for it. The first load takes the API's
 * clock (its Date header) and registers the locations, then the first customer a year before that
 * instant; a re-run after an interruption reads the instant back from that registration, so it
 * regenerates the same commands under the same keys.
 */
export async function bootstrapNetwork(client: JsonClient, anchor: DemoCustomer): Promise<number> {
  const path = `/v1/customers/${encodeURIComponent(anchor.customerId)}`;
  const found = await sendPatiently(client, 'GET', path);
  if (found.status !== 200 && found.status !== 404) throw unexpected(found, `GET ${path}`);
  const anchorMs = found.status === 200 ? anchorOf(found, path) : apiClockOf(found);
  await registerLocations(client, anchorMs);
  if (found.status === 200) return anchorMs;
  await registerOnce(client, anchorRegistration(anchor, anchorMs));
  // Another loader may have registered them first: its anchor is the one.
  return anchorOf(await sendPatiently(client, 'GET', path), path);
}

async function registerLocations(client: JsonClient, anchorMs: number): Promise<void> {
  const calendar = demoCalendar(anchorMs);
  for (const location of DEMO_LOCATIONS) await registerOnce(client, commands.registerLocation(locationRegisteredAt(location, calendar), registerLocationBody(location)));
}

function anchorOf(answer: HttpAnswer, path: string): number {
  const registeredAt = (answer.body as { registeredAt?: string } | undefined)?.registeredAt;
  if (answer.status !== 200 || registeredAt === undefined) throw unexpected(answer, `GET ${path}`);
  return anchorOfRegistration(Date.parse(registeredAt));
}

/** Now by the API's clock, to the second (as the loader sends times); the loader's own when it names none. */
function apiClockOf(answer: HttpAnswer): number {
  const date = Date.parse(answer.headers.date ?? '');
  return Number.isNaN(date) ? Math.floor(Date.now() / 1000) * 1000 : date;
}

async function registerOnce(client: JsonClient, command: DemoCommand): Promise<void> {
  const answer = await sendPatiently(client, command.method, command.path, command.body);
  if (answer.status === 201 || (answer.status === 409 && errorOf(answer) === 'already_exists')) return;
  throw unexpected(answer, `${command.method} ${command.path}`);
}

const unexpected = (answer: HttpAnswer, what: string) => new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
