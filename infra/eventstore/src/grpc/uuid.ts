import { shared } from './protocol';

const HEX = /^[0-9a-f]{32}$/;

/** An event id from the wire (string or structured form) as 16 bytes; undefined when malformed. */
export function uuidToBytes(uuid: shared.UUID | undefined): Buffer | undefined {
  if (!uuid) return undefined;
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
    bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
    return bytes;
  }
  const hex = uuid.getString().replace(/-/g, '').toLowerCase();
  return HEX.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

export function bytesToUuidString(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
