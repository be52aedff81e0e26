import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor';

describe('timeline cursors', () => {
  it('round-trip with microseconds intact', () => {
    const cursor = { occurredAt: '2026-03-01T10:00:00.123456Z', logPosition: '4242' };
    expect(decodeTimelineCursor(encodeTimelineCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'nope'],
    ['a time without microseconds', Buffer.from(JSON.stringify(['2026-03-01T10:00:00.123Z', '1'])).toString('base64url')],
    ['a position that is not a number', Buffer.from(JSON.stringify(['2026-03-01T10:00:00.123456Z', '-1'])).toString('base64url')],
    ['three parts', Buffer.from(JSON.stringify(['2026-03-01T10:00:00.123456Z', '1', 'x'])).toString('base64url')],
  ])('refuse %s', (_, text) => {
    expect(decodeTimelineCursor(text)).toBeUndefined();
  });
});
