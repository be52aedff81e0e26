import { DEMO_DAYS, type DemoCalendar } from './calendar';
import { commands, type DemoCommand } from './commands';
import type { DemoCustomer } from './customers';
import type { NextId } from './ids';
import type { DrawnPurchase } from './purchases';
import type { Random } from './random';

// Calls and emails: marketing campaigns to those who consented to email (some of whom book within the
// week), a booking call before many visits, confirmations, and the odd question or reminder.

const HOUR = 3_600_000;

/** The network's campaigns by day of the year they go out (month 0 = January). */
const CAMPAIGNS = [
  { campaign: 'new-year-deep-clean', month: 0, date: 8, subject: 'Start the year spotless: 20% off a deep clean' },
  { campaign: 'spring-clean', month: 3, date: 2, subject: 'Spring cleaning is here' },
  { campaign: 'summer-windows', month: 5, date: 3, subject: 'Let the summer in: window cleaning' },
  { campaign: 'back-to-routine', month: 7, date: 26, subject: 'Back to routine? Book a regular clean' },
  { campaign: 'autumn-carpets', month: 9, date: 7, subject: 'Autumn carpet care' },
  { campaign: 'black-friday', month: 10, date: 24, subject: 'Black Friday: cleaning gift cards' },
  { campaign: 'christmas-ready', month: 11, date: 4, subject: 'Get your home ready for Christmas' },
];

export interface CampaignEmails {
  readonly commands: DemoCommand[];
  /** Days on which a campaign made them book. */
  readonly conversionDays: number[];
}

export function campaignEmails(customer: DemoCustomer, calendar: DemoCalendar, random: Random, nextId: NextId): CampaignEmails {
  const out: DemoCommand[] = [];
  const conversionDays: number[] = [];
  if (!customer.consents.email) return { commands: out, conversionDays };
  const send = (day: number, campaign: string, subject: string, conversion: number) => {
    const at = calendar.at(day, 9, random.int(0, 59), customer.home.timezone);
    if (!calendar.isPast(at)) return;
    out.push(commands.logEmail(customer.customerId, at, { emailId: nextId('mail'), direction: 'outbound', subject, campaign }));
    if (random.chance(conversion)) conversionDays.push(Math.min(DEMO_DAYS - 1, day + random.int(1, 6)));
  };
  for (let day = customer.firstDay; day < DEMO_DAYS; day++) {
    const campaign = CAMPAIGNS.find((c) => c.month === calendar.month(day) && c.date === calendar.date(day));
    if (campaign !== undefined && random.chance(customer.showcase ? 1 : 0.45)) send(day, campaign.campaign, campaign.subject, 0.06);
  }
  // Lapsed customers get a win-back offer two months after their last visit.
  const winBack = customer.lastDay + 60;
  if (customer.habit === 'lapsed' && winBack < DEMO_DAYS) send(winBack, 'win-back', 'We miss you: your next clean is on us', 0.15);
  return { commands: out, conversionDays };
}

/** The booking call before a visit, and the confirmation email. */
export function bookingContacts(customer: DemoCustomer, purchase: DrawnPurchase, calendar: DemoCalendar, random: Random, nextId: NextId): DemoCommand[] {
  const id = customer.customerId;
  const { location } = purchase;
  const bookedAt = purchase.at - random.int(1, 4) * 24 * HOUR - random.int(0, 5) * HOUR;
  if (bookedAt < calendar.at(0, 0, 0, 'UTC')) return [];
  const out: DemoCommand[] = [];
  if (random.chance(0.4)) {
    out.push(commands.logCall(id, bookedAt, { callId: nextId('call'), direction: 'inbound', locationId: location.locationId, agentId: random.pick(location.agents), durationSeconds: random.int(90, 540), outcome: 'booked' }));
  }
  if (customer.contact.email !== undefined && random.chance(0.25)) {
    out.push(commands.logEmail(id, bookedAt + 5 * 60_000, { emailId: nextId('mail'), direction: 'outbound', locationId: location.locationId, subject: 'Your booking is confirmed' }));
  }
  return out;
}

const INBOUND_CALLS = ['question answered', 'rescheduled', 'price enquiry', 'cancelled a visit'];
const OUTBOUND_CALLS = ['no answer', 'left voicemail', 'booked', 'not interested'];
const INBOUND_EMAILS = ['Question about my invoice', 'Can you come earlier on Friday?', 'Do you sell gift cards?', 'Change of address'];

/** Calls and emails that are not about a particular visit: a few a year. */
export function otherContacts(customer: DemoCustomer, calendar: DemoCalendar, random: Random, nextId: NextId): DemoCommand[] {
  const id = customer.customerId;
  const home = customer.home;
  const activeShare = (Math.min(DEMO_DAYS - 1, customer.lastDay + 60) - customer.firstDay + 1) / DEMO_DAYS;
  const out: DemoCommand[] = [];
  const when = () => {
    const day = random.int(customer.firstDay, DEMO_DAYS - 1);
    return calendar.at(day, random.int(8, 18), random.int(0, 59), home.timezone);
  };
  const times = (perYear: number) => Math.round(random.exponential(perYear * activeShare));
  for (let n = times(customer.showcase ? 3 : 0.6); n > 0; n--) {
    const at = when();
    if (calendar.isPast(at)) {
      out.push(commands.logCall(id, at, { callId: nextId('call'), direction: 'inbound', locationId: home.locationId, agentId: random.pick(home.agents), durationSeconds: random.int(60, 600), outcome: random.pick(INBOUND_CALLS) }));
    }
  }
  if (customer.consents.phone) {
    for (let n = times(0.5); n > 0; n--) {
      const at = when();
      if (calendar.isPast(at)) {
        out.push(commands.logCall(id, at, { callId: nextId('call'), direction: 'outbound', locationId: home.locationId, agentId: random.pick(home.agents), durationSeconds: random.int(0, 300), outcome: random.pick(OUTBOUND_CALLS) }));
      }
    }
  }
  if (customer.contact.email !== undefined) {
    for (let n = times(customer.showcase ? 2 : 0.3); n > 0; n--) {
      const at = when();
      if (calendar.isPast(at)) out.push(commands.logEmail(id, at, { emailId: nextId('mail'), direction: 'inbound', locationId: home.locationId, subject: random.pick(INBOUND_EMAILS) }));
    }
  }
  return out;
}
