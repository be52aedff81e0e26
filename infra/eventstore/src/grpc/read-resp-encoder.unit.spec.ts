import { RecordFlags, RecordKind, StoredRecord } from '../storage/record';
import { streams } from './protocol';
import {
  encodeCaughtUpResp,
  encodeCheckpointResp,
  encodeConfirmationResp,
  encodeEventResp,
  encodeStreamNotFoundResp,
} from './read-resp-encoder';
import { shared } from './protocol';

const decode = (bytes: Buffer) => streams.ReadResp.deserializeBinary(new Uint8Array(bytes));

const record = (overrides: Partial<StoredRecord> = {}): StoredRecord => ({
  kind: RecordKind.Event,
  flags: RecordFlags.Json,
  revision: 41,
  createdMs: 1_700_000_000_123,
  eventId: Buffer.from('f1e2d3c4b5a697887766554433221100', 'hex'),
  stream: 'customer-ü42',
  type: 'PurchaseRecorded',
  data: Buffer.from('{"amountMinor":1250}'),
  metadata: Buffer.from('{"actor":"checkout"}'),
  position: 2 ** 40 + 17,
  size: 100,
  ...overrides,
});

describe('ReadResp encoding, checked by decoding with the generated classes', () => {
  it('encodes an event with every field the client reads', () => {
    const event = decode(encodeEventResp(record(), 'string', true)).getEvent()!;
    const recorded = event.getEvent()!;
    expect(event.getCommitPosition()).toBe(String(2 ** 40 + 17));
    expect(recorded.getId()!.getString()).toBe('f1e2d3c4-b5a6-9788-7766-554433221100');
    expect(Buffer.from(recorded.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe('customer-ü42');
    expect(recorded.getStreamRevision()).toBe('41');
    expect(recorded.getCommitPosition()).toBe(String(2 ** 40 + 17));
    expect(recorded.getPreparePosition()).toBe(String(2 ** 40 + 17));
    const metadata = recorded.getMetadataMap();
    expect(metadata.get('type')).toBe('PurchaseRecorded');
    expect(metadata.get('content-type')).toBe('application/json');
    expect(metadata.get('created')).toBe('17000000001230000');
    expect(Buffer.from(recorded.getData_asU8()).toString()).toBe('{"amountMinor":1250}');
    expect(Buffer.from(recorded.getCustomMetadata_asU8()).toString()).toBe('{"actor":"checkout"}');
  });

  it('encodes binary events and no position when asked', () => {
    const event = decode(encodeEventResp(record({ flags: 0 }), 'string', false)).getEvent()!;
    expect(event.hasNoPosition()).toBe(true);
    expect(event.getEvent()!.getMetadataMap().get('content-type')).toBe('application/octet-stream');
  });

  it('encodes structured uuids as signed 64-bit halves', () => {
    const id = decode(encodeEventResp(record(), 'structured', true)).getEvent()!.getEvent()!.getId()!;
    expect(id.hasStructured()).toBe(true);
    const structured = id.getStructured() as shared.UUID.Structured;
    expect(BigInt(structured.getMostSignificantBits())).toBe(BigInt.asIntN(64, 0xf1e2d3c4b5a69788n));
    expect(BigInt(structured.getLeastSignificantBits())).toBe(0x7766554433221100n);
  });

  it("gives a tombstone EventStoreDB's deleted-stream revision", () => {
    const recorded = decode(encodeEventResp(record({ kind: RecordKind.Tombstone }), 'string', true)).getEvent()!.getEvent()!;
    expect(recorded.getStreamRevision()).toBe('9223372036854775807');
  });

  it('encodes the control messages', () => {
    expect(decode(encodeConfirmationResp('sub-1')).getConfirmation()!.getSubscriptionId()).toBe('sub-1');
    const checkpoint = decode(encodeCheckpointResp(123456789)).getCheckpoint()!;
    expect([checkpoint.getCommitPosition(), checkpoint.getPreparePosition()]).toEqual(['123456789', '123456789']);
    expect(decode(encodeCaughtUpResp()).hasCaughtUp()).toBe(true);
    const notFound = decode(encodeStreamNotFoundResp('missing')).getStreamNotFound()!;
    expect(Buffer.from(notFound.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe('missing');
  });
});
