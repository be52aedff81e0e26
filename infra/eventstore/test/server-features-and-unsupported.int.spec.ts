// What the client asks when it connects (ServerFeatures.GetSupportedMethods), and what it surfaces for features
// the server does not offer (persistent subscriptions, projections).
// Reference: EventStore src/EventStore.Core/Services/Transport/Grpc/ServerFeatures.cs (version "major.minor.patch"
// and the list of mapped gRPC methods); a gRPC method that is not mapped answers UNIMPLEMENTED (status 12), which
// the Node client's convertToCommandError (dist/utils/CommandError.js) turns into an UnknownError carrying the code;
// client calls that check `supports(...)` first (the "$all" persistent-subscription calls) throw UnsupportedError
// without calling the server. The client appends through BatchAppend only when the server lists it
// (dist/streams/appendToStream/index.js).
import {
  EventStoreDBClient,
  UnknownError,
  UnsupportedError,
  persistentSubscriptionToAllSettingsFromDefaults,
  persistentSubscriptionToStreamSettingsFromDefaults,
} from '@eventstore/db-client';
import { caught, readWhole, revisions, testEvents, uniqueStream, waitFor, withServer } from './support';

const ctx = withServer();

/** gRPC status UNIMPLEMENTED. */
const UNIMPLEMENTED = 12;

/** The client keeps what the server reported behind a protected getter; a subclass reads it. */
class FeatureProbe extends EventStoreDBClient {
  async features() {
    const features = await this.capabilities;
    return {
      version: features.serverVersion,
      supports: (path: string, feature?: string) =>
        features.supports({ path } as unknown as Parameters<typeof features.supports>[0], feature),
    };
  }
}

let probe: FeatureProbe;
beforeAll(() => {
  probe = new FeatureProbe({ endpoint: { address: '127.0.0.1', port: ctx.server.port } }, { insecure: true });
});
afterAll(async () => {
  await probe?.dispose();
});

describe('ServerFeatures.GetSupportedMethods', () => {
  test('reports an EventStoreDB version of 23.10 or later', async () => {
    const { version } = await probe.features();
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    expect(match).not.toBeNull();
    const [major, minor] = [Number(match![1]), Number(match![2])];
    expect(major > 23 || (major === 23 && minor >= 10)).toBe(true);
  });

  test.each(['Read', 'Append', 'BatchAppend', 'Delete', 'Tombstone'])('lists Streams.%s', async (method) => {
    const { supports } = await probe.features();
    expect(supports(`/event_store.client.streams.Streams/${method}`)).toBe(true);
  });

  test('lists no persistent-subscription or projection method, since it implements none', async () => {
    const { supports } = await probe.features();
    for (const method of ['Create', 'Update', 'Delete', 'Read', 'GetInfo', 'List', 'ReplayParked', 'RestartSubsystem']) {
      expect(supports(`/event_store.client.persistent_subscriptions.PersistentSubscriptions/${method}`)).toBe(false);
    }
    for (const method of ['Create', 'Update', 'Delete', 'Statistics', 'State', 'Result', 'Enable', 'Disable', 'Reset', 'RestartSubsystem']) {
      expect(supports(`/event_store.client.projections.Projections/${method}`)).toBe(false);
    }
  });
});

describe('persistent subscriptions are not supported', () => {
  async function expectUnimplemented(call: () => Promise<unknown>) {
    const error = await caught(call);
    expect(error).toBeInstanceOf(UnknownError);
    expect((error as UnknownError).code).toBe(UNIMPLEMENTED);
  }

  test('to a stream: create, update and delete answer UNIMPLEMENTED (client: UnknownError)', async () => {
    const stream = uniqueStream('ps');
    await expectUnimplemented(() =>
      ctx.client.createPersistentSubscriptionToStream(stream, 'group', persistentSubscriptionToStreamSettingsFromDefaults()),
    );
    await expectUnimplemented(() =>
      ctx.client.updatePersistentSubscriptionToStream(stream, 'group', persistentSubscriptionToStreamSettingsFromDefaults()),
    );
    await expectUnimplemented(() => ctx.client.deletePersistentSubscriptionToStream(stream, 'group'));
  });

  test('to a stream: subscribing fails with UNIMPLEMENTED (client: UnknownError)', async () => {
    const subscription = ctx.client.subscribeToPersistentSubscriptionToStream(uniqueStream('ps'), 'group');
    const errors: unknown[] = [];
    subscription.on('error', (error) => errors.push(error));
    subscription.on('data', () => errors.push(new Error('received an event')));
    try {
      await waitFor(() => errors.length > 0, 'the subscription to fail');
      expect(errors[0]).toBeInstanceOf(UnknownError);
      expect((errors[0] as UnknownError).code).toBe(UNIMPLEMENTED);
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
  });

  test('to $all: the client refuses by itself with UnsupportedError, as the server does not list it', async () => {
    const create = await caught(() => ctx.client.createPersistentSubscriptionToAll('group', persistentSubscriptionToAllSettingsFromDefaults()));
    expect(create).toBeInstanceOf(UnsupportedError);
    const remove = await caught(() => ctx.client.deletePersistentSubscriptionToAll('group'));
    expect(remove).toBeInstanceOf(UnsupportedError);
  });
});

describe('projections are not supported', () => {
  test.each([
    ['createProjection', (c: EventStoreDBClient) => c.createProjection('p', 'fromAll().when({})')],
    ['updateProjection', (c: EventStoreDBClient) => c.updateProjection('p', 'fromAll().when({})')],
    ['getProjectionState', (c: EventStoreDBClient) => c.getProjectionState('p')],
    ['getProjectionResult', (c: EventStoreDBClient) => c.getProjectionResult('p')],
    ['getProjectionStatus', (c: EventStoreDBClient) => c.getProjectionStatus('p')],
    ['listProjections', (c: EventStoreDBClient) => c.listProjections()],
    ['enableProjection', (c: EventStoreDBClient) => c.enableProjection('$by_category')],
    ['disableProjection', (c: EventStoreDBClient) => c.disableProjection('$by_category')],
    ['deleteProjection', (c: EventStoreDBClient) => c.deleteProjection('p')],
  ])('%s answers UNIMPLEMENTED (client: UnknownError)', async (_name, call) => {
    const error = await caught(() => call(ctx.client));
    expect(error).toBeInstanceOf(UnknownError);
    expect((error as UnknownError).code).toBe(UNIMPLEMENTED);
  });
});

test('after unsupported calls the same client still appends (through BatchAppend) and reads', async () => {
  await ctx.client.createProjection('p', 'fromAll()').catch(() => undefined);
  await ctx.client.deletePersistentSubscriptionToStream('s', 'g').catch(() => undefined);
  const stream = uniqueStream('still-fine');
  const result = await ctx.client.appendToStream(stream, testEvents(2));
  expect(result.nextExpectedRevision).toBe(1n);
  expect(revisions(await readWhole(ctx.client, stream))).toEqual([0n, 1n]);
});
