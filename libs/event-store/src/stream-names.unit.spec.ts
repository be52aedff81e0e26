import { categoryPrefix, customerStream, locationStream, parseStreamName, streamName } from './stream-names';

describe('stream names', () => {
  it('names a customer and a location stream <category>-<id>', () => {
    expect(customerStream('42')).toBe('customer-42');
    expect(locationStream('paris-11')).toBe('location-paris-11');
  });

  it('parses a name back to category and id, keeping hyphens of the id', () => {
    const id = '0f8e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(parseStreamName(customerStream(id))).toEqual({ category: 'customer', id });
    expect(parseStreamName(locationStream('paris-11'))).toEqual({ category: 'location', id: 'paris-11' });
  });

  it.each(['customer', 'customer-', '-42', '$ce-customer', '$all', ''])('refuses to parse %j', (name) => {
    expect(() => parseStreamName(name)).toThrow('is not a <category>-<id> stream name');
  });

  it('refuses ids and categories that would make an ambiguous or system name', () => {
    expect(() => customerStream('')).toThrow('stream id must be non-empty');
    expect(() => customerStream('a b')).toThrow('without whitespace');
    expect(() => streamName('$ce', '1')).toThrow('invalid stream category');
    expect(() => streamName('sub-category', '1')).toThrow('invalid stream category');
  });

  it('gives the prefix that selects a whole category', () => {
    expect(categoryPrefix('customer')).toBe('customer-');
    expect(customerStream('1').startsWith(categoryPrefix('customer'))).toBe(true);
  });
});
