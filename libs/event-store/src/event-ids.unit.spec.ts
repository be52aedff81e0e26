import { deterministicEventId, isUuid, uuidV5 } from './event-ids';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicEventId', () => {
  it('is stable: the same namespace, key and index give the same id on every call', () => {
    const first = deterministicEventId('RegisterCustomer', 'idem-123', 0);
    expect(deterministicEventId('RegisterCustomer', 'idem-123', 0)).toBe(first);
  });

  it('is a version 5, RFC-variant UUID', () => {
    for (let index = 0; index < 20; index++) {
      const id = deterministicEventId('RegisterCustomer', `key-${index}`, index);
      expect(id).toMatch(UUID_V5);
      expect(isUuid(id)).toBe(true);
    }
  });

  it('differs per key, per index and per namespace', () => {
    const ids = new Set([
      deterministicEventId('RegisterCustomer', 'k', 0),
      deterministicEventId('RegisterCustomer', 'k', 1),
      deterministicEventId('RegisterCustomer', 'k2', 0),
      deterministicEventId('RecordPurchase', 'k', 0),
      // `<index>:<key>` must not collide across the index/key boundary.
      deterministicEventId('RegisterCustomer', '1:k', 0),
      deterministicEventId('RegisterCustomer', 'k', 10),
    ]);
    expect(ids.size).toBe(6);
  });

  it('accepts a UUID namespace as is', () => {
    const namespace = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(deterministicEventId(namespace, 'k', 3)).toBe(uuidV5(namespace, '3:k'));
  });

  it('refuses an empty key and a bad index', () => {
    expect(() => deterministicEventId('ns', '', 0)).toThrow('key must not be empty');
    expect(() => deterministicEventId('ns', 'k', -1)).toThrow('non-negative integer');
    expect(() => deterministicEventId('ns', 'k', 1.5)).toThrow('non-negative integer');
  });
});

describe('uuidV5', () => {
  it('matches the RFC 9562 test vector (DNS namespace, "www.example.com")', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
