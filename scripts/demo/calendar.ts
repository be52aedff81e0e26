// The demo year: 365 days ending at the anchor (the moment the demo was first loaded), and local
// wall-clock times at a location turned into UTC instants, so a shop in New York opens at 8 its time.

const DAY_MS = 86_400_000;
export const DEMO_DAYS = 365;

export interface DemoCalendar {
  readonly anchorMs: number;
  /** Month (0 = January) of day `day` (0 = a year ago, DEMO_DAYS - 1 = the anchor's day). */
  month(day: number): number;
  /** Day of the month, 1..31. */
  date(day: number): number;
  /** 0 = Sunday. */
  weekday(day: number): number;
  /** The instant of `hour:minute` local time at `timezone` on day `day` (negative: a day before the year). */
  at(day: number, hour: number, minute: number, timezone: string): number;
  /** Whether an instant is safely before the anchor: the API takes no interactions from the future. */
  isPast(instant: number): boolean;
}

export function demoCalendar(anchorMs: number): DemoCalendar {
  const anchorDay = Math.floor(anchorMs / DAY_MS);
  const dayStart = (day: number) => (anchorDay - (DEMO_DAYS - 1 - day)) * DAY_MS;
  return {
    anchorMs,
    month: (day) => new Date(dayStart(day)).getUTCMonth(),
    date: (day) => new Date(dayStart(day)).getUTCDate(),
    weekday: (day) => new Date(dayStart(day)).getUTCDay(),
    at(day, hour, minute, timezone) {
      const wall = dayStart(day) + (hour * 60 + minute) * 60_000;
      return wall - offsetMs(timezone, wall - offsetMs(timezone, wall));
    },
    isPast: (instant) => instant <= anchorMs - 60_000,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, cached per zone and UTC hour (offsets change on the hour). */
function offsetMs(timezone: string, instant: number): number {
  const hour = Math.floor(instant / 3_600_000);
  const cacheKey = `${timezone}@${hour}`;
  const cached = offsets.get(cacheKey);
  if (cached !== undefined) return cached;
  let format = formats.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(hour * 3_600_000)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = asUtc - hour * 3_600_000;
  offsets.set(cacheKey, offset);
  return offset;
}
