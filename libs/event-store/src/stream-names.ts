/**
 * Streams are named `<category>-<id>`, EventStoreDB's convention: its $by_category projection and a
 * subscription's stream-prefix filter both rely on it. The category has no hyphen; the id may (UUIDs).
 */
export const CATEGORIES = { customer: 'customer', location: 'location' } as const;

export type Category = (typeof CATEGORIES)[keyof typeof CATEGORIES];

export const customerStream = (customerId: string): string => streamName(CATEGORIES.customer, customerId);
export const locationStream = (locationId: string): string => streamName(CATEGORIES.location, locationId);

/** The prefix that selects every stream of a category, for subscribeToAllFrom's streamPrefixes. */
export const categoryPrefix = (category: string): string => `${checkCategory(category)}-`;

export function streamName(category: string, id: string): string {
  if (id === '' || /\s/.test(id)) throw new TypeError(`stream id must be non-empty and without whitespace, got ${JSON.stringify(id)}`);
  return `${checkCategory(category)}-${id}`;
}

/** Splits `customer-7f3c…` into { category: 'customer', id: '7f3c…' }; throws for names not shaped so. */
export function parseStreamName(stream: string): { category: string; id: string } {
  const hyphen = stream.indexOf('-');
  if (stream.startsWith('$') || hyphen <= 0 || hyphen === stream.length - 1) {
    throw new TypeError(`"${stream}" is not a <category>-<id> stream name`);
  }
  return { category: stream.slice(0, hyphen), id: stream.slice(hyphen + 1) };
}

function checkCategory(category: string): string {
  // A leading $ marks system streams; a hyphen would make the name ambiguous.
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(category)) throw new TypeError(`invalid stream category ${JSON.stringify(category)}`);
  return category;
}
