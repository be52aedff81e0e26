import type { CustomerEvent, LocationEvent } from '@ledgerline/domain';
import type { ProjectedEvent } from '@ledgerline/read-models';
import { locateEvents, locationIdsOf, type LocatedFact, type LocatedPurchase } from './locate-events';
import { seededRandom } from '@ledgerline/testing';
import { pairKey, planBatch, resolutionSeconds, type BatchPlan, type CustomerHistory } from './plan-batch';
import { monthOf, repeatLinks, weekOf } from './repeat-links';

let sequence = 0;
const envelope = (streamId: string) => {
  sequence++;
  return {
    eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    streamId,
    revision: 0n,
    position: { commit: BigInt(sequence), prepare: BigInt(sequence) },
    recordedAt: new Date(0),
    metadata: { correlationId: 'c', causationId: 'c', actor: 'service:spec', source: 'spec', schemaVersion: 1 },
  };
};
const ofCustomer = (customerId: string, event: CustomerEvent): ProjectedEvent => ({ ...envelope(`customer-${customerId}`), ...event, customerId });
const ofLocation = (locationId: string, event: LocationEvent): ProjectedEvent => ({ ...envelope(`location-${locationId}`), ...event, locationId });

const registered = (locationId: string, timezone?: string) =>
  ofLocation(locationId, { type: 'LocationRegistered', data: { locationId, name: locationId, region: 'north', currency: 'NOK', ...(timezone && { timezone }), occurredAt: '2025-01-01T00:00:00.000Z' } });
const purchase = (customerId: string, locationId: string, occurredAt: string, amountMinor = 1_000, currency = 'NOK') =>
  ofCustomer(customerId, { type: 'PurchaseRecorded', data: { purchaseId: `p${sequence}`, locationId, amountMinor, currency, occurredAt } });

const noHistory: CustomerHistory = { purchaseDays: new Map() };
/** The locations the facts below name, as registered at the end of their batch (tromso is not). */
const currencies: ReadonlyMap<string, string> = new Map([
  ['oslo', 'NOK'],
  ['bergen', 'NOK'],
]);
const purchaseAt = (customerId: string, locationId: string, day: string): LocatedPurchase => ({ kind: 'purchase', locationId, day, customerId, currency: 'NOK', amountMinor: 500 });
const counters = (plan: BatchPlan) =>
  Object.fromEntries([...plan.days.values()].map(({ locationId, day, newCustomers, repeatCustomers }) => [`${locationId} ${day}`, { new: newCustomers, repeat: repeatCustomers }]));

describe('locateEvents', () => {
  it('counts a location in UTC until the batch registers its time zone, then in that zone', () => {
    const { facts, registrations } = locateEvents(
      [purchase('kari', 'oslo', '2025-01-15T23:30:00.000Z'), registered('oslo', 'Europe/Oslo'), purchase('kari', 'oslo', '2025-01-15T23:30:00.000Z')],
      new Map(),
    );
    expect(facts.map((fact) => fact.day)).toEqual(['2025-01-15', '2025-01-16']);
    expect(registrations.get('oslo')).toMatchObject({ currency: 'NOK', timezone: 'Europe/Oslo', region: 'north' });
  });

  it('uses the zones registered before the batch, and UTC for a location registered without one', () => {
    const events = [purchase('kari', 'oslo', '2025-01-15T23:30:00.000Z'), purchase('kari', 'bergen', '2025-01-15T23:30:00.000Z')];
    expect(locateEvents(events, new Map([['oslo', 'Europe/Oslo'], ['bergen', null]])).facts.map((fact) => fact.day)).toEqual(['2025-01-16', '2025-01-15']);
    expect([...locationIdsOf([...events, registered('tromso')])]).toEqual(['oslo', 'bergen', 'tromso']);
  });

  it('keeps only what changes a location\'s figures: emails need a location', () => {
    const at = '2025-01-15T10:00:00.000Z';
    const { facts } = locateEvents(
      [
        ofCustomer('kari', { type: 'EmailLogged', data: { emailId: 'e1', direction: 'outbound', subject: 'Hi', occurredAt: at } }),
        ofCustomer('kari', { type: 'EmailLogged', data: { emailId: 'e2', direction: 'inbound', subject: 'Re: Hi', locationId: 'oslo', occurredAt: at } }),
        ofCustomer('kari', { type: 'PreferenceRecorded', data: { key: 'door', value: 'side', occurredAt: at } }),
        ofCustomer('kari', { type: 'ComplaintReopened', data: { complaintId: 'k1', locationId: 'oslo', occurredAt: at } }),
        ofCustomer('kari', { type: 'CallLogged', data: { callId: 'c1', direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: at } }),
      ],
      new Map(),
    );
    expect(facts.map((fact) => fact.kind)).toEqual(['email', 'call']);
  });
});

describe('planBatch', () => {
  it('counts a customer new on the first purchase day and repeat on each later day, once a day', () => {
    const plan = planBatch(
      [purchaseAt('kari', 'oslo', '2025-01-01'), purchaseAt('kari', 'oslo', '2025-01-01'), purchaseAt('kari', 'oslo', '2025-01-03'), purchaseAt('kari', 'oslo', '2025-01-03'), purchaseAt('kari', 'bergen', '2025-01-03')],
      noHistory,
      currencies,
    );
    expect(counters(plan)).toEqual({
      'oslo 2025-01-01': { new: 1, repeat: 0 },
      'oslo 2025-01-03': { new: 0, repeat: 1 },
      'bergen 2025-01-03': { new: 1, repeat: 0 },
    });
    expect([...plan.purchaseDays.values()]).toEqual([
      { locationId: 'oslo', customerId: 'kari', days: ['2025-01-01', '2025-01-03'] },
      { locationId: 'bergen', customerId: 'kari', days: ['2025-01-03'] },
    ]);
    expect(plan.links).toEqual({ added: [], removed: [] });
    expect(plan.days.get('oslo\u001f2025-01-03')).toMatchObject({ purchases: 2, grossMinor: 1_000 });
  });

  it('reads the history the tables held before the batch', () => {
    const history: CustomerHistory = { purchaseDays: new Map([[pairKey('oslo', 'kari'), ['2025-01-01', '2025-01-05']]]) };
    const plan = planBatch([purchaseAt('kari', 'oslo', '2025-01-01'), purchaseAt('kari', 'oslo', '2025-01-05'), purchaseAt('kari', 'oslo', '2025-01-06')], history, currencies);
    expect(counters(plan)).toEqual({ 'oslo 2025-01-01': { new: 0, repeat: 0 }, 'oslo 2025-01-05': { new: 0, repeat: 0 }, 'oslo 2025-01-06': { new: 0, repeat: 1 } });
    expect(plan.purchaseDays.get(pairKey('oslo', 'kari'))?.days).toEqual(['2025-01-01', '2025-01-05', '2025-01-06']);
    // 01-05 and 01-06 are consecutive repeat days: one link, inside one month but across two ISO weeks (Sunday, Monday).
    expect(plan.links).toEqual({ added: [{ locationId: 'oslo', customerId: 'kari', prevDay: '2025-01-05', day: '2025-01-06' }], removed: [] });
    expect([...plan.linkMonths.values()]).toEqual([{ locationId: 'oslo', month: '2025-01-01', prevMonth: '2025-01-01', links: 1 }]);
    expect(plan.linkWeeks.size).toBe(0);
  });

  it('moves the first purchase day earlier for a purchase logged late: the old first day turns repeat', () => {
    const history: CustomerHistory = { purchaseDays: new Map([[pairKey('oslo', 'kari'), ['2025-01-05', '2025-02-10']]]) };
    const plan = planBatch([purchaseAt('kari', 'oslo', '2025-01-02')], history, currencies);
    expect(counters(plan)).toEqual({ 'oslo 2025-01-05': { new: -1, repeat: 1 }, 'oslo 2025-01-02': { new: 1, repeat: 0 } });
    expect(plan.purchaseDays.get(pairKey('oslo', 'kari'))?.days).toEqual(['2025-01-02', '2025-01-05', '2025-02-10']);
    expect(plan.links.added).toEqual([{ locationId: 'oslo', customerId: 'kari', prevDay: '2025-01-05', day: '2025-02-10' }]);
    expect([...plan.linkMonths.values()]).toEqual([{ locationId: 'oslo', month: '2025-02-01', prevMonth: '2025-01-01', links: 1 }]);
    expect(plan.linkWeeks.size).toBe(0);
  });

  it('replaces the link a purchase logged late falls inside', () => {
    const history: CustomerHistory = { purchaseDays: new Map([[pairKey('oslo', 'kari'), ['2025-01-01', '2025-01-06', '2025-01-20']]]) };
    const plan = planBatch([purchaseAt('kari', 'oslo', '2025-01-08')], history, currencies);
    expect(plan.links.removed).toEqual([{ locationId: 'oslo', customerId: 'kari', prevDay: '2025-01-06', day: '2025-01-20' }]);
    expect(plan.links.added).toEqual([
      { locationId: 'oslo', customerId: 'kari', prevDay: '2025-01-06', day: '2025-01-08' },
      { locationId: 'oslo', customerId: 'kari', prevDay: '2025-01-08', day: '2025-01-20' },
    ]);
    expect([...plan.linkMonths.values()]).toEqual([{ locationId: 'oslo', month: '2025-01-01', prevMonth: '2025-01-01', links: 1 }]);
    expect([...plan.linkWeeks.values()]).toEqual([{ locationId: 'oslo', week: '2025-01-06', links: 1 }]);
  });

  it('puts sales in the registered currency on the day row, any other apart, and gives every day with sales a row', () => {
    const day = '2025-01-09';
    const refund: LocatedFact = { kind: 'refund', locationId: 'oslo', day, currency: 'NOK', amountMinor: 300 };
    const plan = planBatch([{ ...purchaseAt('kari', 'oslo', day), currency: 'EUR' }, purchaseAt('ola', 'oslo', day), refund, purchaseAt('per', 'tromso', day)], noHistory, currencies);
    expect(plan.days.get(`oslo\u001f${day}`)).toMatchObject({ purchases: 1, grossMinor: 500, refunds: 1, refundedMinor: 300, newCustomers: 2 });
    expect(plan.months.get('oslo\u001f2025-01-01')).toMatchObject({ purchases: 1, grossMinor: 500, refunds: 1, refundedMinor: 300 });
    // Tromso is not registered: its sales have no currency of their own yet, but its new customer counts.
    expect(plan.days.get(`tromso\u001f${day}`)).toMatchObject({ purchases: 0, grossMinor: 0, newCustomers: 1 });
    expect([...plan.otherSales.values()]).toEqual([
      { locationId: 'oslo', day, currency: 'EUR', purchases: 1, grossMinor: 500, refunds: 0, refundedMinor: 0 },
      { locationId: 'tromso', day, currency: 'NOK', purchases: 1, grossMinor: 500, refunds: 0, refundedMinor: 0 },
    ]);
    const refundOnly = planBatch([{ ...refund, currency: 'EUR' }], noHistory, currencies);
    expect([...refundOnly.days.values()]).toEqual([expect.objectContaining({ locationId: 'oslo', day, refunds: 0, newCustomers: 0, calls: 0 })]);
    expect(refundOnly.otherSales.size).toBe(1);
  });

  it('counts NPS answers, complaints and resolutions with their durations', () => {
    const day = '2025-01-09';
    const resolved = (eventId: string, openedAt: string, firstContact: boolean): LocatedFact => ({
      kind: 'complaintResolved', locationId: 'oslo', day, eventId, complaintId: eventId, customerId: 'kari', openedAt, resolvedAt: '2025-01-09T12:00:00.000Z', firstContact,
    });
    const plan = planBatch(
      [
        ...[10, 9, 8, 7, 6, 0].map((score): LocatedFact => ({ kind: 'satisfaction', locationId: 'oslo', day, score })),
        { kind: 'complaintOpened', locationId: 'oslo', day },
        resolved('r1', '2025-01-09T11:00:00.000Z', true),
        resolved('r2', '2025-01-08T12:00:00.500Z', false),
      ],
      noHistory,
      currencies,
    );
    expect([...plan.days.values()]).toEqual([
      { locationId: 'oslo', day, purchases: 0, grossMinor: 0, refunds: 0, refundedMinor: 0, newCustomers: 0, repeatCustomers: 0, calls: 0, emails: 0, complaintsOpened: 1, complaintsResolved: 2, resolvedFirstContact: 1, promoters: 2, passives: 2, detractors: 2 },
    ]);
    expect(plan.resolutions.map((r) => [r.eventId, r.seconds, r.firstContact])).toEqual([
      ['r1', 3_600, true],
      ['r2', 86_399.5, false],
    ]);
  });

  it('never times a resolution below zero, and refuses times that are not instants', () => {
    expect(resolutionSeconds('2025-01-09T12:00:00.000Z', '2025-01-09T11:59:00.000Z')).toBe(0);
    expect(() => resolutionSeconds('soon', '2025-01-09T11:59:00.000Z')).toThrow(RangeError);
  });

  it('gives the same counters, days and links however a run of purchases is cut into batches', () => {
    const random = seededRandom(7);
    const days = ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-06', '2025-01-31', '2025-02-01', '2025-02-03'];
    const facts = Array.from({ length: 300 }, () => purchaseAt(`c${Math.floor(random() * 12)}`, random() < 0.5 ? 'oslo' : 'bergen', days[Math.floor(random() * days.length)]!));
    const whole = replayInMemory(facts, [facts.length]);
    expect(replayInMemory(facts, facts.map(() => 1))).toEqual(whole);
    for (let run = 0; run < 5; run++) {
      const cuts: number[] = [];
      for (let left = facts.length; left > 0; ) {
        const size = Math.min(left, 1 + Math.floor(random() * 40));
        cuts.push(size);
        left -= size;
      }
      expect(replayInMemory(facts, cuts)).toEqual(whole);
    }
    // And those are the true ones, computed from each customer's set of days.
    expect(whole).toEqual(trueTables(facts));
  });
});

interface Tables {
  counters: Record<string, { new: number; repeat: number }>;
  purchaseDays: Record<string, readonly string[]>;
  links: string[];
  linkMonths: Record<string, number>;
  linkWeeks: Record<string, number>;
}

/** Applies batches of facts to an in-memory copy of the tables, as apply does to the real ones. */
function replayInMemory(facts: readonly LocatedFact[], sizes: readonly number[]): Tables {
  const purchaseDays = new Map<string, readonly string[]>();
  const totals = new Map<string, { new: number; repeat: number }>();
  const links = new Set<string>();
  const linkMonths = new Map<string, number>();
  const linkWeeks = new Map<string, number>();
  const add = (counts: Map<string, number>, key: string, delta: number) => {
    const total = (counts.get(key) ?? 0) + delta;
    if (total === 0) counts.delete(key);
    else counts.set(key, total);
  };
  let offset = 0;
  for (const size of sizes) {
    const batch = facts.slice(offset, (offset += size));
    const plan = planBatch(batch, { purchaseDays: new Map(purchaseDays) }, currencies);
    for (const [key, { days }] of plan.purchaseDays) purchaseDays.set(key, days);
    for (const delta of plan.days.values()) {
      const key = `${delta.locationId} ${delta.day}`;
      const total = totals.get(key) ?? { new: 0, repeat: 0 };
      totals.set(key, { new: total.new + delta.newCustomers, repeat: total.repeat + delta.repeatCustomers });
    }
    for (const link of plan.links.removed) expect(links.delete(`${link.locationId} ${link.customerId} ${link.prevDay} ${link.day}`)).toBe(true);
    for (const link of plan.links.added) links.add(`${link.locationId} ${link.customerId} ${link.prevDay} ${link.day}`);
    for (const m of plan.linkMonths.values()) add(linkMonths, `${m.locationId} ${m.month} ${m.prevMonth}`, m.links);
    for (const w of plan.linkWeeks.values()) add(linkWeeks, `${w.locationId} ${w.week}`, w.links);
  }
  return {
    counters: Object.fromEntries([...totals].filter(([, t]) => t.new !== 0 || t.repeat !== 0).sort(([a], [b]) => a.localeCompare(b))),
    purchaseDays: Object.fromEntries([...purchaseDays].map(([key, days]) => [key.replace('\u001f', ' '), days]).sort(([a], [b]) => String(a).localeCompare(String(b)))),
    links: [...links].sort(),
    linkMonths: Object.fromEntries([...linkMonths].sort(([a], [b]) => a.localeCompare(b))),
    linkWeeks: Object.fromEntries([...linkWeeks].sort(([a], [b]) => a.localeCompare(b))),
  };
}

function trueTables(facts: readonly LocatedFact[]): Tables {
  const daysOf = new Map<string, Set<string>>();
  for (const fact of facts) if (fact.kind === 'purchase') daysOf.set(`${fact.locationId} ${fact.customerId}`, (daysOf.get(`${fact.locationId} ${fact.customerId}`) ?? new Set()).add(fact.day));
  const totals = new Map<string, { new: number; repeat: number }>();
  const links: string[] = [];
  const linkMonths = new Map<string, number>();
  const linkWeeks = new Map<string, number>();
  const purchaseDays: Record<string, readonly string[]> = {};
  for (const [pair, set] of [...daysOf].sort(([a], [b]) => a.localeCompare(b))) {
    const days = [...set].sort();
    const [locationId] = pair.split(' ');
    purchaseDays[pair] = days;
    days.forEach((day, index) => {
      const key = `${locationId} ${day}`;
      const total = totals.get(key) ?? { new: 0, repeat: 0 };
      totals.set(key, index === 0 ? { ...total, new: total.new + 1 } : { ...total, repeat: total.repeat + 1 });
    });
    for (const [prevDay, day] of repeatLinks(days)) {
      links.push(`${pair} ${prevDay} ${day}`);
      const monthKey = `${locationId} ${monthOf(day)} ${monthOf(prevDay)}`;
      linkMonths.set(monthKey, (linkMonths.get(monthKey) ?? 0) + 1);
      if (weekOf(day) === weekOf(prevDay)) linkWeeks.set(`${locationId} ${weekOf(day)}`, (linkWeeks.get(`${locationId} ${weekOf(day)}`) ?? 0) + 1);
    }
  }
  return {
    counters: Object.fromEntries([...totals].sort(([a], [b]) => a.localeCompare(b))),
    purchaseDays,
    links: links.sort(),
    linkMonths: Object.fromEntries([...linkMonths].sort(([a], [b]) => a.localeCompare(b))),
    linkWeeks: Object.fromEntries([...linkWeeks].sort(([a], [b]) => a.localeCompare(b))),
  };
}
