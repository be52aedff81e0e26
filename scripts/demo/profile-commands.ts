import { DEMO_DAYS, type DemoCalendar } from './calendar';
import { commands, type DemoCommand } from './commands';
import type { DemoCustomer } from './customers';
import { anotherPhone } from './names';
import type { Random } from './random';

// What a customer tells us once so they never repeat it: consents per channel and preferences, given
// as they register; and, later in the year, a change of mind, an unsubscribe, a new phone number.

const MINUTE_MS = 60_000;

export interface ProfileMoments {
  readonly registeredAt: number;
  /** The last campaign email they got, if any: an unsubscribe follows one. */
  readonly lastCampaignAt: number | undefined;
}

const PREFERENCES: Readonly<Record<string, readonly string[]>> = {
  entrance: ['knock at the side door', 'use the back door, the front one sticks', 'ring twice, the bell is faint', 'key in the lockbox by the garage'],
  focus: ['clean the basement bathroom, not the oven', 'skip the home office', 'the kitchen first, it matters most', 'no need to do the guest room'],
  pets: ['a friendly dog called Bamse; keep the garden gate closed', 'the cat must not get out', 'two rabbits in the hall, please leave their cage alone'],
  products: ['fragrance-free products only', 'eco-labelled products only', 'no bleach on the marble worktop'],
  'contact-time': ['call after 17:00 only', 'mornings are best', 'text before calling'],
  parking: ['park in the visitor space, number 12', 'street parking only, the driveway is shared'],
};

export function profileCommands(customer: DemoCustomer, calendar: DemoCalendar, random: Random, moments: ProfileMoments): DemoCommand[] {
  const id = customer.customerId;
  const { registeredAt, lastCampaignAt } = moments;
  const past = (at: number) => (calendar.isPast(at) ? at : undefined);
  // A moment from the day after they joined to the end of the year; none when it falls after the anchor.
  const later = () =>
    past(calendar.at(random.int(customer.firstDay + 1, DEMO_DAYS - 2), random.int(8, 20), random.int(0, 59), customer.home.timezone));
  const out: DemoCommand[] = [];
  for (const channel of ['email', 'sms', 'phone'] as const) {
    if (customer.consents[channel]) out.push(commands.setConsent(id, registeredAt + MINUTE_MS, channel, true));
  }

  const preferences = customer.showcase
    ? [
        ['entrance', 'knock at the side door'],
        ['focus', 'clean the basement bathroom, not the oven'],
      ]
    : random.chance(0.35)
      ? pickKeys(random, random.chance(0.3) ? 2 : 1).map((key) => [key, random.pick(PREFERENCES[key]!)])
      : [];
  for (const [key, value] of preferences) out.push(commands.recordPreference(id, registeredAt + 2 * MINUTE_MS, key!, value!));
  const [changed] = preferences;
  if (changed !== undefined && !customer.showcase) {
    // A few change their mind later: a new value, or no preference at all.
    const [key, value] = changed;
    const other = PREFERENCES[key!]!.filter((candidate) => candidate !== value);
    const at = later();
    if (at !== undefined) {
      if (random.chance(0.1)) out.push(commands.recordPreference(id, at, key!, random.pick(other)));
      else if (random.chance(0.05)) out.push(commands.removePreference(id, at, key!));
    }
  }

  if (customer.consents.email && random.chance(0.04)) {
    // After the last campaign they got, so no campaign reaches them once they have withdrawn.
    const at = lastCampaignAt === undefined ? later() : past(lastCampaignAt + random.int(10, 180) * MINUTE_MS);
    if (at !== undefined) out.push(commands.setConsent(id, at, 'email', false));
  }
  if (customer.contact.phone !== undefined && random.chance(0.04)) {
    const at = later();
    const phone = anotherPhone(random, customer.home.locale);
    if (at !== undefined) out.push(commands.changeContactDetails(id, at, { phone }));
  }
  return out;
}

function pickKeys(random: Random, count: number): string[] {
  const keys = Object.keys(PREFERENCES);
  const first = random.pick(keys);
  if (count === 1) return [first];
  return [first, random.pick(keys.filter((key) => key !== first))];
}
