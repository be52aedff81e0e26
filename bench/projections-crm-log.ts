/**
 * A generated year of a franchise network's CRM log, for the projections suite: locations in a few
 * time zones and currencies, customers who register through the year and then buy, get refunds,
 * call, email, complain (and get their complaints resolved), answer surveys and change their
 * preferences and consents, plus one "heavy" customer with a very long stream. Seeded: the same
 * options give the same events, ids and times.
 *
 * The log comes out in time windows: every stream's events of a window, one entry per stream, so a
 * window's events can be appended in big batches while the log as a whole still runs forward in time,
 * as a live log would, and a projection batch touches many customers.
 */
import { EVENT_SCHEMA_VERSIONS, type CustomerEvent, type LocationEvent } from '@ledgerline/domain';
import { seededRandom } from '@ledgerline/testing';

export interface CrmLogOptions {
  /** Every event in the log, locations and registrations included. */
  readonly events: number;
  readonly customers: number;
  /** Events of the heavy customer (its registration included). */
  readonly heavyEvents: number;
  readonly seed: number;
  /** How many slices the year is appended in (each stream gets at most one append per slice). */
  readonly windows: number;
}

export interface LogEvent {
  readonly id: string;
  readonly type: string;
  readonly data: object;
  readonly metadata: object;
}

/** The events of one stream in one window, in stream order. */
export interface StreamSlice {
  readonly stream: string;
  readonly events: LogEvent[];
}

export interface BenchLocation {
  readonly locationId: string;
  readonly name: string;
  readonly region: string;
  readonly currency: string;
  /** Null: registered without one (its days are UTC). */
  readonly timezone: string | null;
}

export const YEAR_START = Date.UTC(2025, 0, 1);
export const YEAR_END = Date.UTC(2026, 0, 1);
/** The customer with the long stream (the timeline's deep pagination). */
export const HEAVY_CUSTOMER_ID = 'c000000';

export const LOCATIONS: readonly BenchLocation[] = [
  { locationId: 'oslo-sentrum', name: 'Oslo Sentrum', region: 'nordics', currency: 'NOK', timezone: 'Europe/Oslo' },
  { locationId: 'oslo-majorstuen', name: 'Oslo Majorstuen', region: 'nordics', currency: 'NOK', timezone: 'Europe/Oslo' },
  { locationId: 'bergen', name: 'Bergen Bryggen', region: 'nordics', currency: 'NOK', timezone: 'Europe/Oslo' },
  { locationId: 'trondheim', name: 'Trondheim Torget', region: 'nordics', currency: 'NOK', timezone: 'Europe/Oslo' },
  { locationId: 'stockholm', name: 'Stockholm Södermalm', region: 'nordics', currency: 'SEK', timezone: 'Europe/Stockholm' },
  { locationId: 'goteborg', name: 'Göteborg Haga', region: 'nordics', currency: 'SEK', timezone: 'Europe/Stockholm' },
  { locationId: 'copenhagen', name: 'København Nørrebro', region: 'nordics', currency: 'DKK', timezone: 'Europe/Copenhagen' },
  { locationId: 'london', name: 'London Shoreditch', region: 'uk', currency: 'GBP', timezone: 'Europe/London' },
  { locationId: 'manchester', name: 'Manchester Northern Quarter', region: 'uk', currency: 'GBP', timezone: 'Europe/London' },
  { locationId: 'berlin', name: 'Berlin Kreuzberg', region: 'europe', currency: 'EUR', timezone: 'Europe/Berlin' },
  { locationId: 'hamburg', name: 'Hamburg Altona', region: 'europe', currency: 'EUR', timezone: 'Europe/Berlin' },
  { locationId: 'amsterdam', name: 'Amsterdam Jordaan', region: 'europe', currency: 'EUR', timezone: 'Europe/Amsterdam' },
  { locationId: 'paris', name: 'Paris Marais', region: 'europe', currency: 'EUR', timezone: 'Europe/Paris' },
  { locationId: 'zurich', name: 'Zürich Kreis 4', region: 'europe', currency: 'CHF', timezone: 'Europe/Zurich' },
  { locationId: 'webshop', name: 'Web shop', region: 'online', currency: 'EUR', timezone: null },
  { locationId: 'new-york', name: 'New York Williamsburg', region: 'americas', currency: 'USD', timezone: 'America/New_York' },
  { locationId: 'chicago', name: 'Chicago Wicker Park', region: 'americas', currency: 'USD', timezone: 'America/Chicago' },
  { locationId: 'san-francisco', name: 'San Francisco Mission', region: 'americas', currency: 'USD', timezone: 'America/Los_Angeles' },
  { locationId: 'tokyo', name: 'Tokyo Shimokitazawa', region: 'asia', currency: 'JPY', timezone: 'Asia/Tokyo' },
  { locationId: 'kathmandu', name: 'Kathmandu Thamel', region: 'asia', currency: 'NPR', timezone: 'Asia/Kathmandu' },
];

/** Minor units per euro cent of purchasing power, roughly: ticket sizes look right in every currency. */
const MINOR_PER_EURO_CENT: Record<string, number> = { NOK: 11.5, SEK: 11.3, DKK: 7.46, GBP: 0.85, EUR: 1, CHF: 0.94, USD: 1.08, JPY: 1.62, NPR: 1.45 };

// What a customer's interaction is, by share of all interactions. A type that cannot happen yet
// (a refund before any purchase, resolving with nothing open) becomes a purchase or a call instead.
const INTERACTIONS = [
  ['purchase', 0.545],
  ['email', 0.12],
  ['call', 0.11],
  ['satisfaction', 0.06],
  // Opens a complaint (or now and then reopens a resolved one); resolutions come on their own.
  ['complaint', 0.025],
  ['refund', 0.04],
  ['preference', 0.04],
  ['consent', 0.04],
  ['contact', 0.02],
] as const;
type Interaction = (typeof INTERACTIONS)[number][0];

const FIRST_NAMES = ['Kari', 'Ola', 'Ingrid', 'Lars', 'Emma', 'Noah', 'Sofia', 'Liam', 'Maja', 'Oskar', 'Aiko', 'Hiro', 'Priya', 'Arjun', 'Chloé', 'Lucas', 'Mia', 'Jonas', 'Freja', 'Elias'];
const LAST_NAMES = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersson', 'Nielsen', 'Smith', 'Jones', 'Müller', 'Schmidt', 'Dubois', 'Martin', 'Tanaka', 'Sato', 'Shrestha', 'García', 'Rossi', 'Berg', 'Dahl', 'Lund'];
const SKUS = ['COF-250', 'COF-1000', 'TEA-100', 'MUG-01', 'GRN-02', 'BRW-07', 'FLT-20', 'CUP-12', 'SYR-05', 'CAK-03', 'SUB-MONTH', 'GIFT-50'];
const CALL_OUTCOMES = ['resolved', 'follow-up booked', 'voicemail', 'no answer', 'transferred to store'];
const EMAIL_SUBJECTS = ['Your order', 'Question about my purchase', 'Opening hours', 'Loyalty points', 'Receipt', 'Feedback on my visit', 'Gift card balance'];
const CAMPAIGNS = ['spring-sale', 'summer-menu', 'loyalty-q3', 'black-friday', 'christmas'];
const COMPLAINT_CATEGORIES = ['billing', 'product-quality', 'delivery', 'staff', 'waiting-time'];
const COMPLAINT_CHANNELS = ['phone', 'email', 'in-store', 'chat'];
const SEVERITIES = ['low', 'medium', 'high'] as const;
const PREFERENCES: Record<string, readonly string[]> = {
  language: ['nb', 'sv', 'en', 'de', 'ja'],
  'contact-time': ['mornings', 'afternoons', 'evenings'],
  'preferred-store': LOCATIONS.map((l) => l.locationId),
  'milk': ['oat', 'whole', 'skimmed', 'none'],
};
const PREFERENCE_KEYS = Object.keys(PREFERENCES);
const CHANNELS = ['email', 'sms', 'phone'] as const;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

interface Purchase {
  readonly purchaseId: string;
  readonly locationId: string;
  readonly currency: string;
  readonly amountMinor: number;
  refundedMinor: number;
}

interface Complaint {
  readonly complaintId: string;
  readonly locationId: string;
  readonly openedAt: number;
  readonly openedIso: string;
}

/** One customer's generator: where its stream is, and what the next event may be. */
class CustomerStream {
  readonly customerId: string;
  readonly stream: string;
  private readonly random: () => number;
  private readonly home: BenchLocation;
  private registered = false;
  private readonly registeredAt: number;
  /** Interactions still to come, the time of the last one, and the next one's once drawn. */
  private remaining: number;
  private at: number;
  private next: number | undefined;
  private counter = 0;
  private readonly purchases: Purchase[] = [];
  private readonly open: Complaint[] = [];
  private readonly resolved: Complaint[] = [];
  private readonly preferences = new Set<string>();
  private readonly consents = new Set<string>();
  private readonly name: [string, string];

  constructor(
    index: number,
    interactions: number,
    seed: number,
    private readonly log: CrmLog,
  ) {
    this.random = seededRandom(seed ^ Math.imul(index + 1, 0x9e3779b1));
    this.customerId = `c${String(index).padStart(6, '0')}`;
    this.stream = `customer-${this.customerId}`;
    this.home = pickWeighted(LOCATIONS, this.random());
    // Customers sign up during the first nine months; the heavy one is there from the start.
    this.registeredAt = index === 0 ? YEAR_START + 3_600_000 : YEAR_START + Math.floor(this.random() * 270 * 86_400_000);
    this.remaining = interactions;
    this.at = this.registeredAt;
    this.name = [pick(FIRST_NAMES, this.random()), pick(LAST_NAMES, this.random())];
  }

  /** The events of this stream that happen before `until`, in order. */
  eventsBefore(until: number): LogEvent[] {
    const events: LogEvent[] = [];
    if (!this.registered) {
      if (this.registeredAt >= until) return events;
      this.registered = true;
      events.push(this.registration());
    }
    while (this.remaining > 0) {
      // The next of `remaining` uniform times in (at, YEAR_END): an order statistic, drawn one at a
      // time. One that falls in a later window is kept for it (drawing again would skew the times).
      this.next ??= this.at + (YEAR_END - 1 - this.at) * (1 - Math.pow(this.random(), 1 / this.remaining));
      if (this.next >= until) break;
      this.at = this.next;
      this.next = undefined;
      this.remaining--;
      events.push(this.interaction(Math.floor(this.at)));
    }
    return events;
  }

  private registration(): LogEvent {
    const [first, last] = this.name;
    const email = `${first}.${last}.${this.customerId}@example.com`.toLowerCase();
    const phone = `+47 ${String(40_000_000 + Math.floor(this.random() * 9_999_999))}`;
    return this.event('CustomerRegistered', 'service:signup', {
      customerId: this.customerId,
      name: `${first} ${last}`,
      email,
      phone,
      homeLocationId: this.home.locationId,
      occurredAt: new Date(this.registeredAt).toISOString(),
    });
  }

  private interaction(time: number): LogEvent {
    const occurredAt = new Date(time).toISOString();
    const location = this.random() < 0.8 ? this.home : pickWeighted(LOCATIONS, this.random());
    const r = this.random;
    // An open complaint is usually resolved within the customer's next few contacts.
    const due = this.open.find((c) => time - c.openedAt >= 60_000);
    if (due !== undefined && r() < 0.6) return this.resolve(due, occurredAt);
    switch (pickInteraction(r())) {
      case 'refund': {
        const purchase = this.purchases.find((p) => p.refundedMinor < p.amountMinor);
        if (purchase === undefined) break;
        const left = purchase.amountMinor - purchase.refundedMinor;
        const amountMinor = r() < 0.6 ? left : 1 + Math.floor(r() * left);
        purchase.refundedMinor += amountMinor;
        return this.event('RefundIssued', 'user:store-staff', {
          refundId: this.id('r'),
          purchaseId: purchase.purchaseId,
          locationId: purchase.locationId,
          amountMinor,
          currency: purchase.currency,
          occurredAt,
          ...(r() < 0.5 && { reason: pick(['damaged', 'wrong item', 'changed mind', 'double charge'], r()) }),
        });
      }
      case 'complaint': {
        const reopen = this.resolved.length > 0 && r() < 0.05 ? this.resolved.pop()! : undefined;
        if (reopen !== undefined) {
          this.open.push(reopen);
          return this.event('ComplaintReopened', 'user:support', { complaintId: reopen.complaintId, locationId: reopen.locationId, reason: 'Customer not satisfied', occurredAt });
        }
        const complaint: Complaint = { complaintId: this.id('k'), locationId: location.locationId, openedAt: time, openedIso: occurredAt };
        this.open.push(complaint);
        return this.event('ComplaintOpened', 'user:support', {
          complaintId: complaint.complaintId,
          category: pick(COMPLAINT_CATEGORIES, r()),
          severity: pick(SEVERITIES, r()),
          channel: pick(COMPLAINT_CHANNELS, r()),
          locationId: location.locationId,
          occurredAt,
          ...(r() < 0.5 && { description: 'The customer describes what went wrong in a few sentences for the follow-up.' }),
        });
      }
      case 'call':
        return this.event('CallLogged', 'user:agent', {
          callId: this.id('call'),
          direction: r() < 0.7 ? 'inbound' : 'outbound',
          locationId: location.locationId,
          agentId: `agent-${String(Math.floor(r() * 120)).padStart(3, '0')}`,
          durationSeconds: 20 + Math.floor(r() * 900),
          outcome: pick(CALL_OUTCOMES, r()),
          occurredAt,
          ...(r() < 0.3 && { notes: 'Asked about the loyalty programme; promised a call back with details.' }),
        });
      case 'email': {
        const inbound = r() < 0.5;
        return this.event('EmailLogged', inbound ? 'service:mailbox' : 'service:campaigns', {
          emailId: this.id('mail'),
          direction: inbound ? 'inbound' : 'outbound',
          ...(r() < 0.7 && { locationId: location.locationId }),
          subject: pick(EMAIL_SUBJECTS, r()),
          ...(!inbound && r() < 0.5 && { campaign: pick(CAMPAIGNS, r()) }),
          occurredAt,
        });
      }
      case 'satisfaction': {
        const u = r();
        const score = u < 0.45 ? 9 + Math.floor(r() * 2) : u < 0.75 ? 7 + Math.floor(r() * 2) : Math.floor(r() * 7);
        return this.event('SatisfactionRecorded', 'service:surveys', {
          surveyId: this.id('s'),
          score,
          locationId: location.locationId,
          occurredAt,
          ...(r() < 0.2 && { comment: 'Friendly staff, but the queue was long.' }),
        });
      }
      case 'preference': {
        const key = pick(PREFERENCE_KEYS, r());
        if (this.preferences.has(key) && r() < 0.3) {
          this.preferences.delete(key);
          return this.event('PreferenceRemoved', 'user:customer', { key, occurredAt });
        }
        this.preferences.add(key);
        return this.event('PreferenceRecorded', 'user:customer', { key, value: pick(PREFERENCES[key], r()), occurredAt });
      }
      case 'consent': {
        const channel = pick(CHANNELS, r());
        const given = this.consents.has(channel);
        if (given) this.consents.delete(channel);
        else this.consents.add(channel);
        return this.event(given ? 'ConsentWithdrawn' : 'ConsentGiven', 'user:customer', { channel, occurredAt });
      }
      case 'contact':
        return this.event('ContactDetailsChanged', 'user:customer', {
          email: `${this.name[0]}.${this.name[1]}.${this.customerId}+${this.counter}@example.com`.toLowerCase(),
          occurredAt,
        });
      case 'purchase':
        break;
    }
    return this.purchase(location, occurredAt);
  }

  private resolve(complaint: Complaint, occurredAt: string): LogEvent {
    const r = this.random;
    this.open.splice(this.open.indexOf(complaint), 1);
    this.resolved.push(complaint);
    if (this.resolved.length > 5) this.resolved.shift();
    return this.event('ComplaintResolved', 'user:support', {
      complaintId: complaint.complaintId,
      locationId: complaint.locationId,
      openedAt: complaint.openedIso,
      resolution: pick(['Refunded the difference', 'Replaced the product', 'Apologised and gave a voucher', 'Explained the policy'], r()),
      resolvedOnFirstContact: r() < 0.6,
      occurredAt,
    });
  }

  private purchase(location: BenchLocation, occurredAt: string): LogEvent {
    const r = this.random;
    const lines = Array.from({ length: 1 + Math.floor(r() * r() * 4) }, () => {
      // Log-normal ticket sizes around 10 euros a line, in the location's currency.
      const euroCents = Math.exp(Math.log(1000) + 0.8 * gaussian(r));
      return { sku: pick(SKUS, r()), quantity: 1 + Math.floor(r() * r() * 3), unitPriceMinor: Math.max(1, Math.round(euroCents * MINOR_PER_EURO_CENT[location.currency])) };
    });
    const amountMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
    const purchase: Purchase = { purchaseId: this.id('p'), locationId: location.locationId, currency: location.currency, amountMinor, refundedMinor: 0 };
    // Refunds are of recent purchases.
    this.purchases.unshift(purchase);
    if (this.purchases.length > 8) this.purchases.pop();
    return this.event('PurchaseRecorded', 'service:checkout', { purchaseId: purchase.purchaseId, locationId: location.locationId, amountMinor, currency: location.currency, occurredAt, lines });
  }

  private id(prefix: string): string {
    return `${this.customerId}-${prefix}${++this.counter}`;
  }

  private event(type: CustomerEvent['type'], actor: string, data: CustomerEvent['data']): LogEvent {
    return this.log.event(type, actor, data);
  }
}

/** Locations, then customers' streams window by window. */
export class CrmLog {
  private sequence = 0;
  private readonly customers: CustomerStream[] = [];

  constructor(readonly options: CrmLogOptions) {
    const { events, customers, heavyEvents, seed } = options;
    const regular = customers - 1;
    const interactions = events - LOCATIONS.length - customers - (heavyEvents - 1);
    if (regular < 1 || interactions < regular) throw new RangeError(`too few events (${events}) for ${customers} customers and a heavy one of ${heavyEvents}`);
    // How busy a customer is varies a lot (log-normal), the total being exact.
    const random = seededRandom(seed);
    const weights = Array.from({ length: regular }, () => Math.exp(1.1 * gaussian(random)));
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = weights.map((w) => Math.floor((w / total) * interactions));
    let left = interactions - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; left > 0; i = (i + 1) % regular, left--) counts[i]++;
    this.customers.push(new CustomerStream(0, heavyEvents - 1, seed, this));
    counts.forEach((count, i) => this.customers.push(new CustomerStream(i + 1, count, seed, this)));
  }

  /** The LocationRegistered events, one stream each, dated just before the year. */
  locationSlices(): StreamSlice[] {
    return LOCATIONS.map(({ timezone, ...location }, i) => {
      const data: LocationEvent['data'] = { ...location, ...(timezone !== null && { timezone }), occurredAt: new Date(YEAR_START - (LOCATIONS.length - i) * 86_400_000).toISOString() };
      return { stream: `location-${location.locationId}`, events: [this.event('LocationRegistered', 'user:head-office', data)] };
    });
  }

  /** Every customer stream's events in the `window`-th slice of the year (0-based), streams without any left out. */
  window(window: number): StreamSlice[] {
    const until = window === this.options.windows - 1 ? YEAR_END : YEAR_START + ((YEAR_END - YEAR_START) * (window + 1)) / this.options.windows;
    const slices: StreamSlice[] = [];
    for (const customer of this.customers) {
      const events = customer.eventsBefore(until);
      if (events.length > 0) slices.push({ stream: customer.stream, events });
    }
    return slices;
  }

  /** The next event id (a UUID) and its metadata as the API would write it. */
  event(type: CustomerEvent['type'] | LocationEvent['type'], actor: string, data: object): LogEvent {
    const n = ++this.sequence;
    const seed = hex(this.options.seed >>> 0, 8);
    const id = `${seed}-0000-4000-8000-${hex(n, 12)}`;
    const metadata = { correlationId: `${seed}-0000-4000-9000-${hex(n, 12)}`, causationId: `${seed}-0000-4000-a000-${hex(n, 12)}`, actor, source: 'api', schemaVersion: EVENT_SCHEMA_VERSIONS[type] };
    return { id, type, data, metadata };
  }
}

function pick<T>(items: readonly T[], u: number): T {
  return items[Math.floor(u * items.length)];
}

/** Bigger cities get more customers and traffic: the first locations weigh more. */
function pickWeighted(locations: readonly BenchLocation[], u: number): BenchLocation {
  return locations[Math.floor(locations.length * u * u)];
}

function pickInteraction(u: number): Interaction {
  for (const [kind, share] of INTERACTIONS) {
    if (u < share) return kind;
    u -= share;
  }
  return 'purchase';
}

/** A standard normal draw (Box-Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
