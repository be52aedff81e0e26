// The demo franchise: Brightside, a home-cleaning network with its hub in Oslo and locations across
// Europe and North America, each in its own time zone and currency. What the API stores (id, name, region, currency, timezone), plus
// the traits that shape each location's year: its size, price level, staff, how happy its customers are.

export type Locale = 'no' | 'se' | 'de' | 'uk' | 'us';

export interface DemoLocation {
  readonly locationId: string;
  readonly name: string;
  readonly region: string;
  readonly currency: string;
  readonly timezone: string;
  readonly locale: Locale;
  /** Share of the network's customers who live here. */
  readonly weight: number;
  /** Local currency units per euro of list price, and the step prices are rounded to (whole units). */
  readonly pricePerEuro: number;
  readonly priceStep: number;
  /** Call-centre agents (agentId of calls). */
  readonly agents: readonly string[];
  /** Added to the mean NPS answer (about 8): the network's best and worst locations differ. */
  readonly npsBias: number;
  /** Chance that a purchase leads to a complaint. */
  readonly complaintRate: number;
  /** Days into the demo year before which the location had no customers (opened during the year). */
  readonly openedOnDay: number;
}

export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  location('oslo-sentrum', 'Brightside Oslo Sentrum', 'nordics', 'NOK', 'Europe/Oslo', 'no', 0.22, 11.5, 10, ['anne', 'lars', 'nora', 'emil'], 0.5, 0.02),
  location('stockholm-sodermalm', 'Brightside Stockholm Södermalm', 'nordics', 'SEK', 'Europe/Stockholm', 'se', 0.16, 11.3, 10, ['maja', 'oskar', 'elsa'], 0.1, 0.025),
  location('berlin-mitte', 'Brightside Berlin Mitte', 'central-europe', 'EUR', 'Europe/Berlin', 'de', 0.2, 1, 1, ['jonas', 'lea', 'felix', 'mia'], 0, 0.025),
  location('london-camden', 'Brightside London Camden', 'british-isles', 'GBP', 'Europe/London', 'uk', 0.14, 0.86, 1, ['olivia', 'harry', 'amelia'], -0.7, 0.05),
  location('new-york-brooklyn', 'Brightside New York Brooklyn', 'north-america', 'USD', 'America/New_York', 'us', 0.18, 1.1, 1, ['ava', 'liam', 'sophia', 'noah'], 0.2, 0.025),
  location('chicago-loop', 'Brightside Chicago Loop', 'north-america', 'USD', 'America/Chicago', 'us', 0.1, 1.05, 1, ['ethan', 'grace'], -0.2, 0.03, 150),
];

function location(
  locationId: string,
  name: string,
  region: string,
  currency: string,
  timezone: string,
  locale: Locale,
  weight: number,
  pricePerEuro: number,
  priceStep: number,
  agents: string[],
  npsBias: number,
  complaintRate: number,
  openedOnDay = 0,
): DemoLocation {
  const city = locationId.split('-')[0];
  return {
    locationId,
    name,
    region,
    currency,
    timezone,
    locale,
    weight,
    pricePerEuro,
    priceStep,
    agents: agents.map((agent) => `agent-${city}-${agent}`),
    npsBias,
    complaintRate,
    openedOnDay,
  };
}

/** The body of POST /v1/locations. */
export const registerLocationBody = ({ locationId, name, region, currency, timezone }: DemoLocation) => ({ locationId, name, region, currency, timezone });

/** Monthly demand (January first) per region: spring cleaning, summer holidays, the run-up to Christmas. */
export const SEASONALITY: Readonly<Record<string, readonly number[]>> = {
  nordics: [0.8, 0.8, 1.0, 1.35, 1.4, 1.0, 0.45, 0.8, 1.0, 1.0, 1.05, 1.35],
  'central-europe': [0.85, 0.85, 1.25, 1.35, 1.15, 1.0, 0.85, 0.6, 1.0, 1.0, 1.05, 1.3],
  'british-isles': [0.9, 0.9, 1.15, 1.25, 1.1, 1.0, 0.9, 0.8, 1.0, 1.0, 1.0, 1.2],
  'north-america': [0.8, 0.85, 1.25, 1.35, 1.3, 1.0, 0.75, 0.75, 1.0, 1.0, 1.3, 1.3],
};
