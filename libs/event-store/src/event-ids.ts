import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The root namespace from which namespaces given by name (not as a UUID) are derived. */
export const LEDGERLINE_NAMESPACE = 'd6fedf4f-d96c-4f74-a4e8-b5fd2255a1fa';

export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * The id of the `index`-th event produced by the command with idempotency key `key`: a UUID v5
 * (RFC 9562) of `<index>:<key>` in `namespace`, so a retried command produces the same ids and
 * EventStoreDB's idempotent append writes nothing twice. `namespace` is a UUID, or a name (such as the
 * command type) turned into one under LEDGERLINE_NAMESPACE.
 */
export function deterministicEventId(namespace: string, key: string, index: number): string {
  if (key === '') throw new TypeError('deterministicEventId: the key must not be empty');
  if (!Number.isSafeInteger(index) || index < 0) throw new TypeError(`deterministicEventId: index must be a non-negative integer, got ${index}`);
  const namespaceId = isUuid(namespace) ? namespace : uuidV5(LEDGERLINE_NAMESPACE, namespace);
  // The index is digits only, so `<index>:<key>` can be read back one way only.
  return uuidV5(namespaceId, `${index}:${key}`);
}

export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8] & 0x3f) | 0x80; // RFC variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
