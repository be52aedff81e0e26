import type { DemoCalendar } from './calendar';
import { commands, type DemoCommand } from './commands';
import type { DemoCustomer } from './customers';
import type { NextId } from './ids';
import { refund, type DrawnPurchase } from './purchases';
import type { Random } from './random';

// After-sales: complaints about a purchase (opened, mostly resolved, some on first contact, a few
// reopened) with the calls and emails around them, and NPS answers. A resolution always follows an
// opening or a reopening, and nothing is dated after the anchor: a complaint whose resolution would be
// in the future is still open.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CATEGORIES = {
  'missed-spots': { weight: 30, severity: { low: 60, medium: 35, high: 5 }, resolution: 'A cleaner came back the next day for the missed areas' },
  'late-arrival': { weight: 22, severity: { low: 50, medium: 40, high: 10 }, resolution: 'Apologised; a discount on the next visit' },
  billing: { weight: 15, severity: { low: 40, medium: 50, high: 10 }, resolution: 'Invoice corrected and the difference refunded' },
  'booking-error': { weight: 10, severity: { low: 50, medium: 45, high: 5 }, resolution: 'Booking moved to the time the customer asked for' },
  damage: { weight: 10, severity: { low: 10, medium: 40, high: 50 }, resolution: 'Damage assessed and compensated' },
  'no-show': { weight: 8, severity: { low: 5, medium: 45, high: 50 }, resolution: 'Visit rescheduled for free' },
  'staff-conduct': { weight: 5, severity: { low: 20, medium: 50, high: 30 }, resolution: 'Spoke with the team lead; feedback given to the cleaner' },
} as const;
type Category = keyof typeof CATEGORIES;
const CATEGORY_WEIGHTS = Object.fromEntries(Object.entries(CATEGORIES).map(([key, value]) => [key, value.weight])) as Record<Category, number>;

export interface ComplaintOutcome {
  readonly commands: DemoCommand[];
  /** Still open at the anchor, resolved on first contact, or resolved later: the mood of a survey afterwards. */
  readonly mood: 'open' | 'first-contact' | 'resolved-later';
}

export function complaint(
  customer: DemoCustomer,
  purchase: DrawnPurchase,
  calendar: DemoCalendar,
  random: Random,
  nextId: NextId,
  { reopen = random.chance(0.08) } = {},
): ComplaintOutcome | undefined {
  const id = customer.customerId;
  const { location } = purchase;
  const agent = () => random.pick(location.agents);
  // During opening hours, from the afternoon of the visit to three days later.
  const openedAt = Math.max(purchase.at + HOUR, calendar.at(purchase.day + random.int(0, 3), random.int(8, 19), random.int(0, 59), location.timezone));
  if (!calendar.isPast(openedAt)) return undefined;
  const category = random.weighted(CATEGORY_WEIGHTS);
  const channel = random.weighted({ phone: 50, email: 30, chat: 20 });
  const complaintId = nextId('case');
  const out: DemoCommand[] = [];
  if (channel === 'phone') {
    out.push(commands.logCall(id, openedAt, { callId: nextId('call'), direction: 'inbound', locationId: location.locationId, agentId: agent(), durationSeconds: random.int(180, 900), outcome: 'complaint' }));
  } else if (channel === 'email') {
    out.push(commands.logEmail(id, openedAt, { emailId: nextId('mail'), direction: 'inbound', locationId: location.locationId, subject: `Complaint about my ${purchase.purchaseId}: ${category.replace('-', ' ')}` }));
  }
  out.push(
    commands.openComplaint(id, openedAt + 60_000, {
      complaintId,
      category,
      severity: random.weighted(CATEGORIES[category].severity),
      channel,
      locationId: location.locationId,
      description: `About ${purchase.purchaseId}`,
    }),
  );

  // Phone and chat complaints are often settled there and then; London is slow to resolve the rest.
  const firstContact = random.chance(channel === 'email' ? 0.2 : 0.55);
  const slowness = location.locationId === 'london-camden' ? 2 : 1;
  const resolvedAt = openedAt + (firstContact ? random.int(5, 40) * 60_000 : 2 * HOUR + random.exponential(2.5 * DAY * slowness));
  if (!random.chance(0.9) || !calendar.isPast(resolvedAt)) return { commands: out, mood: 'open' };
  const resolution = CATEGORIES[category].resolution;
  if (!firstContact) {
    out.push(commands.logCall(id, resolvedAt - 60_000, { callId: nextId('call'), direction: 'outbound', locationId: location.locationId, agentId: agent(), durationSeconds: random.int(120, 600), outcome: 'complaint resolved' }));
  }
  out.push(commands.resolveComplaint(id, complaintId, resolvedAt, { resolution, resolvedOnFirstContact: firstContact }));
  if (category === 'billing' || category === 'damage') {
    const compensation = refund(id, purchase, resolvedAt + 60_000, category === 'damage' ? 0.5 : 0.2, `compensation for ${complaintId}`, calendar, nextId);
    if (compensation) out.push(compensation);
  }
  if (!reopen) return { commands: out, mood: firstContact ? 'first-contact' : 'resolved-later' };

  const reopenedAt = resolvedAt + random.int(1, 10) * DAY;
  if (!calendar.isPast(reopenedAt)) return { commands: out, mood: 'resolved-later' };
  out.push(commands.reopenComplaint(id, complaintId, reopenedAt, 'The same problem came back'));
  const resolvedAgainAt = reopenedAt + random.int(1, 5) * DAY;
  if (!random.chance(0.8) || !calendar.isPast(resolvedAgainAt)) return { commands: out, mood: 'open' };
  out.push(commands.resolveComplaint(id, complaintId, resolvedAgainAt, { resolution: `${resolution}, this time checked by the team lead`, resolvedOnFirstContact: false }));
  return { commands: out, mood: 'resolved-later' };
}

const COMMENTS = {
  promoter: ['Spotless, thank you!', 'Always on time and friendly', 'Best cleaners we have had'],
  passive: ['Good, but the windows could be better', 'Fine, a bit pricey'],
  detractor: ['Arrived late and missed the bathroom', 'Had to call three times', 'Not worth the price'],
};

/** An NPS answer a day or three after a visit; how it went (and any complaint about it) sets the mood. */
export function survey(customer: DemoCustomer, purchase: DrawnPurchase, mood: ComplaintOutcome['mood'] | 'fine', calendar: DemoCalendar, random: Random, nextId: NextId): DemoCommand | undefined {
  const at = calendar.at(purchase.day + random.int(1, 3), random.int(17, 21), random.int(0, 59), purchase.location.timezone);
  if (!calendar.isPast(at)) return undefined;
  const mean = { fine: 8.3 + purchase.location.npsBias + (customer.habit === 'regular' ? 0.4 : 0), 'first-contact': 8, 'resolved-later': 6, open: 3 }[mood];
  const score = Math.max(0, Math.min(10, Math.round(random.normal(mean, 1.6))));
  const kind = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  const comment = random.chance(0.3) ? random.pick(COMMENTS[kind]) : undefined;
  return commands.recordSatisfaction(customer.customerId, at, { surveyId: nextId('nps'), score, locationId: purchase.location.locationId, ...(comment && { comment }) });
}
