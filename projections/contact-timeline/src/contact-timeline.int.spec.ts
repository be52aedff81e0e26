import type { Kysely } from 'kysely';
import type { CustomerEvent } from '@ledgerline/domain';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { contactTimelineProjection } from './contact-timeline.projection';
import { decodeTimelineCursor } from './timeline-cursor';
import { timelinePage } from './timeline-query';
import type { TimelineViews } from './timeline-tables';

const at = (day: number, hour = 10) => `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const history = (customerId: string): CustomerEvent[] => [
  { type: 'CustomerRegistered', data: { customerId, name: 'Kari', homeLocationId: 'oslo', occurredAt: at(1) } },
  { type: 'CallLogged', data: { callId: 'c1', direction: 'inbound', locationId: 'oslo', durationSeconds: 300, outcome: 'booked', occurredAt: at(2) } },
  { type: 'PurchaseRecorded', data: { purchaseId: 'p1', locationId: 'oslo', amountMinor: 12_550, currency: 'NOK', occurredAt: at(3) } },
  { type: 'EmailLogged', data: { emailId: 'e1', direction: 'outbound', subject: 'Thank you', occurredAt: at(4) } },
  { type: 'RefundIssued', data: { refundId: 'r1', purchaseId: 'p1', locationId: 'oslo', amountMinor: 2_550, currency: 'NOK', occurredAt: at(5) } },
  { type: 'ComplaintOpened', data: { complaintId: 'k1', category: 'billing', severity: 'high', channel: 'phone', locationId: 'bergen', occurredAt: at(6) } },
  // Logged late: it happened before the complaint, so it sorts before it.
  { type: 'PreferenceRecorded', data: { key: 'door', value: 'side door', occurredAt: at(5, 12) } },
  { type: 'ComplaintResolved', data: { complaintId: 'k1', locationId: 'bergen', openedAt: at(6), resolution: 'refunded', resolvedOnFirstContact: true, occurredAt: at(7) } },
  { type: 'SatisfactionRecorded', data: { surveyId: 's1', score: 9, locationId: 'oslo', occurredAt: at(8) } },
];

describe('contact-timeline projection', () => {
  let bed: ProjectionTestBed;
  let log: EventLogFixture;
  const views = () => bed.db as unknown as Kysely<TimelineViews>;

  beforeEach(async () => {
    bed = await createProjectionTestBed(contactTimelineProjection);
    log = new EventLogFixture();
  });
  afterEach(() => bed.close());

  it('lists every interaction newest first, by when it happened', async () => {
    await bed.feed([...log.customer('kari', ...history('kari')), ...log.customer('ola', history('ola')[0])]);
    const page = await timelinePage(views(), { customerId: 'kari', limit: 50 });
    expect(page.items.map((item) => [item.type, item.occurredAt])).toEqual([
      ['SatisfactionRecorded', at(8)],
      ['ComplaintResolved', at(7)],
      ['ComplaintOpened', at(6)],
      ['PreferenceRecorded', at(5, 12)],
      ['RefundIssued', at(5)],
      ['EmailLogged', at(4)],
      ['PurchaseRecorded', at(3)],
      ['CallLogged', at(2)],
      ['CustomerRegistered', at(1)],
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[6]).toMatchObject({ locationId: 'oslo', channel: 'purchase', summary: 'Purchase p1: 125.50 NOK', data: { amountMinor: 12_550 } });
    expect(page.items[5]).toMatchObject({ locationId: null, channel: 'email', summary: 'Email sent: Thank you' });
  });

  it('filters by type, location and period', async () => {
    await bed.feed(log.customer('kari', ...history('kari')));
    const types = await timelinePage(views(), { customerId: 'kari', limit: 50, types: ['PurchaseRecorded', 'RefundIssued'] });
    expect(types.items.map((item) => item.type)).toEqual(['RefundIssued', 'PurchaseRecorded']);
    const bergen = await timelinePage(views(), { customerId: 'kari', limit: 50, locationId: 'bergen' });
    expect(bergen.items.map((item) => item.type)).toEqual(['ComplaintResolved', 'ComplaintOpened']);
    const period = await timelinePage(views(), { customerId: 'kari', limit: 50, from: new Date(at(3)), to: new Date(at(5)) });
    expect(period.items.map((item) => item.type)).toEqual(['EmailLogged', 'PurchaseRecorded']);
  });

  it('pages with a cursor without skipping or repeating, ties broken by log position', async () => {
    const sameTime = Array.from({ length: 7 }, (_, i): CustomerEvent => ({
      type: 'EmailLogged',
      data: { emailId: `e${i}`, direction: 'inbound', subject: `Mail ${i}`, occurredAt: at(10) },
    }));
    await bed.feed(log.customer('kari', ...history('kari'), ...sameTime));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof timelinePage>> = await timelinePage(views(), {
        customerId: 'kari',
        limit: 4,
        ...(cursor !== null && { after: decodeTimelineCursor(cursor) }),
      });
      seen.push(...page.items.map((item) => item.summary));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(16);
    expect(new Set(seen).size).toBe(16);
    // Same time: the later in the log comes first.
    expect(seen.slice(0, 7)).toEqual(['Mail 6', 'Mail 5', 'Mail 4', 'Mail 3', 'Mail 2', 'Mail 1', 'Mail 0'].map((s) => `Email received: ${s}`));
  });

  it('does not skip entries a microsecond apart across a page boundary', async () => {
    const calls = ['.000001', '.000002', '.000003'].map((fraction, i): CustomerEvent => ({
      type: 'EmailLogged',
      data: { emailId: `m${i}`, direction: 'inbound', subject: `Micro ${i}`, occurredAt: `2025-03-20T10:00:00${fraction}Z` },
    }));
    // Logged in reverse, so log order and time order disagree.
    await bed.feed(log.customer('kari', ...calls.reverse()));
    const first = await timelinePage(views(), { customerId: 'kari', limit: 1 });
    const rest = await timelinePage(views(), { customerId: 'kari', limit: 10, after: decodeTimelineCursor(first.nextCursor!) });
    expect([...first.items, ...rest.items].map((item) => item.summary)).toEqual(['Email received: Micro 2', 'Email received: Micro 1', 'Email received: Micro 0']);
  });

  it('leaves the rows unchanged when the same events come again', async () => {
    const events = log.customer('kari', ...history('kari'));
    await bed.feed(events);
    const before = await bed.rows('timeline_entries');
    expect(before).toHaveLength(9);
    await bed.feed(events);
    // A crash after the commit, before the projector learnt of it: the stored checkpoint decides.
    await bed.reloadCheckpoint();
    await bed.feed(events.slice(3));
    expect(await bed.rows('timeline_entries')).toEqual(before);
  });

  it('gives the same rows however the events are cut into batches', async () => {
    const events = log.customer('kari', ...history('kari'));
    await bed.feed(events);
    const whole = await bed.rows('timeline_entries');
    const other = await createProjectionTestBed(contactTimelineProjection);
    try {
      for (const event of events) await other.feed([event]);
      expect(await other.rows('timeline_entries')).toEqual(whole);
    } finally {
      await other.close();
    }
  });
});
