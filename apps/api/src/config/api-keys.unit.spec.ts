import { parseApiKeys } from './api-keys';

describe('parseApiKeys', () => {
  it('reads keys given their scopes alone, naming them after their first characters', () => {
    const table = parseApiKeys(JSON.stringify({ 'abcdef-0123456789': ['commands:write'] }));
    expect(table.get('abcdef-0123456789')).toEqual({ name: 'key-abcdef', scopes: new Set(['commands:write']) });
  });

  it('reads named keys', () => {
    const table = parseApiKeys(JSON.stringify({ 'checkout-0123456789': { name: 'checkout', scopes: ['commands:write', 'analytics:read'] } }));
    expect(table.get('checkout-0123456789')).toEqual({ name: 'checkout', scopes: new Set(['commands:write', 'analytics:read']) });
  });

  it.each([
    ['not JSON', '{', 'must be a JSON object'],
    ['a short key', JSON.stringify({ short: ['admin'] }), 'at least 16 characters'],
    ['a key with whitespace', JSON.stringify({ 'key with spaces 0000': ['admin'] }), 'must not contain whitespace'],
    ['an unknown scope', JSON.stringify({ '0123456789abcdef': ['everything'] }), '0123456789abcdef'],
    ['a bad name', JSON.stringify({ '0123456789abcdef': { name: 'Bad Name', scopes: [] } }), '0123456789abcdef.name'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseApiKeys(text)).toThrow(message);
  });
});
