import type { DemoCalendar } from './calendar';
import { commands, type DemoCommand } from './commands';
import type { DemoCustomer } from './customers';
import { bookingContacts, campaignEmails, otherContacts } from './contacts';
import { idSequence } from './ids';
import { profileCommands } from './profile-commands';
import { drawPurchase, purchaseDays, spontaneousRefunds, type DrawnPurchase } from './purchases';
import { randomFor } from './random';
import { customerRegisteredAt } from './registration-times';
import { complaint, survey, type ComplaintOutcome } from './service';

// One customer's year as the commands that tell it, in the order the API must see them: registered,
// then everything else oldest first (what they told us as they registered, a refund after its
// purchase, a resolution after its complaint).

export interface CustomerHistory {
  readonly registration: DemoCommand;
  /** Everything after the registration. */
  readonly year: DemoCommand[];
}

export function registration(customer: DemoCustomer, registeredAt: number): DemoCommand {
  return commands.registerCustomer(registeredAt, { customerId: customer.customerId, ...customer.contact, homeLocationId: customer.home.locationId });
}

/** `registeredAt` when the registration time is already fixed (the anchor's); else it is drawn, before their first contact. */
export function customerHistory(seed: string, customer: DemoCustomer, calendar: DemoCalendar, registeredAt?: number): CustomerHistory {
  const random = randomFor(seed, 'year', customer.index);
  const nextId = idSequence();
  const campaigns = campaignEmails(customer, calendar, random, nextId);
  const dated: DemoCommand[] = [...campaigns.commands, ...otherContacts(customer, calendar, random, nextId)];

  const purchases: DrawnPurchase[] = [];
  for (const day of purchaseDays(customer, calendar, random, campaigns.conversionDays)) {
    const purchase = drawPurchase(customer, day, calendar, random, nextId);
    if (calendar.isPast(purchase.at)) purchases.push(purchase);
  }
  // The showcase customers' year has one of everything: a refund, a reopened complaint, a few surveys.
  const showcaseRefund = customer.showcase ? purchases[purchases.length - 6] : undefined;
  const showcaseComplaint = customer.showcase ? purchases[purchases.length - 10] : undefined;
  for (const purchase of purchases) {
    dated.push(...bookingContacts(customer, purchase, calendar, random, nextId), purchase.command);
    dated.push(...spontaneousRefunds(customer, purchase, calendar, random, nextId, purchase === showcaseRefund));
    let outcome: ComplaintOutcome | undefined;
    if (purchase === showcaseComplaint) outcome = complaint(customer, purchase, calendar, random, nextId, { reopen: true });
    else if (random.chance(purchase.location.complaintRate)) outcome = complaint(customer, purchase, calendar, random, nextId);
    if (outcome) dated.push(...outcome.commands);
    if (outcome !== undefined || random.chance(customer.showcase ? 0.3 : 0.15)) {
      const answer = survey(customer, purchase, outcome?.mood ?? 'fine', calendar, random, nextId);
      if (answer) dated.push(answer);
    }
  }
  // Stable: commands drawn in causal order at the same instant keep it.
  const byTime = (a: DemoCommand, b: DemoCommand) => a.at - b.at;
  dated.sort(byTime);
  const registered = registeredAt ?? customerRegisteredAt(customer, calendar, random, dated[0]?.at);
  const lastCampaignAt = campaigns.commands.length === 0 ? undefined : Math.max(...campaigns.commands.map((email) => email.at));
  const profile = profileCommands(customer, calendar, random, { registeredAt: registered, lastCampaignAt });
  return { registration: registration(customer, registered), year: [...profile, ...dated].sort(byTime) };
}
