import type { DemoCalendar } from './calendar';
import { commands, type DemoCommand } from './commands';
import type { DemoCustomer } from './customers';
import { bookingContacts, campaignEmails, otherContacts } from './contacts';
import { idSequence } from './ids';
import { profileCommands } from './profile-commands';
import { drawPurchase, purchaseDays, spontaneousRefunds, type DrawnPurchase } from './purchases';
import { randomFor } from './random';
import { complaint, survey, type ComplaintOutcome } from './service';

// One customer's year as the commands that tell it, in the order the API must see them: registered,
// what they told us once, then everything dated, oldest first (a refund after its purchase, a
// resolution after its complaint).

export function registration(customer: DemoCustomer): DemoCommand {
  return commands.registerCustomer({ customerId: customer.customerId, ...customer.contact, homeLocationId: customer.home.locationId });
}

/** Everything after the registration. */
export function customerYear(seed: string, customer: DemoCustomer, calendar: DemoCalendar): DemoCommand[] {
  const random = randomFor(seed, 'year', customer.index);
  const nextId = idSequence();
  const undated = profileCommands(customer, random);
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
  return [...undated, ...dated.sort((a, b) => a.at - b.at)];
}
