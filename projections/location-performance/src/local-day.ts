import { utcDayOf } from '@ledgerline/domain';

/** The zone used for a location whose time zone is unknown: not registered yet, or registered without one. */
export const FALLBACK_TIME_ZONE = 'UTC';

const MS_PER_HOUR = 3_600_000;

/**
 * The calendar day (YYYY-MM-DD) on which `occurredAt` (an ISO 8601 instant) falls in `timeZone`, or in
 * UTC when the zone is null or unknown to this Node. Throws a RangeError for text that is not an
 * instant, so the event is parked rather than counted on some made-up day.
 */
export function localDay(occurredAt: string, timeZone: string | null): string {
  const ms = Date.parse(occurredAt);
  if (Number.isNaN(ms)) throw new RangeError(`occurredAt is not an instant: "${occurredAt}"`);
  const zone = timeZone ?? FALLBACK_TIME_ZONE;
  const known = remembered(zoneHours, zone, Math.floor(ms / MS_PER_HOUR), hourOf);
  return typeof known === 'string' ? known : dayAt(ms + (known ?? offsetAt(zone, ms)));
}

// Intl is the cost of bucketing (a rebuild buckets a million events) and events cluster in hours, so
// each zone remembers what it learnt of each UTC hour. An hour whose UTC offset is the same at its start
// and at the next hour's start holds no transition (tzdb never puts two within an hour): its local time
// runs straight, so when both ends fall on one local day all of it does (the day is kept), and otherwise
// the offset gives each instant's day (the offset is kept). Only an hour that may hold a transition
// (null) asks Intl per event. The offsets at whole hours are remembered too: an hour's end is the next
// one's start, so busy hours side by side cost one question to Intl each rather than two.
type KnownHour = string | number | null;
const HOURS_PER_ZONE = 50_000;
const zoneHours = new Map<string, Map<number, KnownHour>>();
const zoneHourOffsets = new Map<string, Map<number, number>>();

/** What `learn` gives for a zone's UTC hour, from `caches` (at most HOURS_PER_ZONE hours a zone), else learnt and kept. */
function remembered<Value>(caches: Map<string, Map<number, Value>>, zone: string, hour: number, learn: (zone: string, hour: number) => Value): Value {
  let cache = caches.get(zone);
  if (cache === undefined) caches.set(zone, (cache = new Map()));
  let value = cache.get(hour);
  if (value === undefined) {
    value = learn(zone, hour);
    if (cache.size >= HOURS_PER_ZONE) cache.clear();
    cache.set(hour, value);
  }
  return value;
}

const dayAt = utcDayOf;

function hourOf(zone: string, hour: number): KnownHour {
  const offset = remembered(zoneHourOffsets, zone, hour, offsetAtHour);
  if (remembered(zoneHourOffsets, zone, hour + 1, offsetAtHour) !== offset) return null;
  const start = hour * MS_PER_HOUR;
  const day = dayAt(start + offset);
  return dayAt(start + MS_PER_HOUR - 1 + offset) === day ? day : offset;
}

const offsetAtHour = (zone: string, hour: number): number => offsetAt(zone, hour * MS_PER_HOUR);

/** Local wall-clock time minus UTC at an instant (whole seconds), in ms; 0 for UTC and zones this Node lacks. */
function offsetAt(zone: string, ms: number): number {
  const wall = zone === FALLBACK_TIME_ZONE ? null : wallClockOf(zone);
  if (wall === null) return 0;
  const second = Math.floor(ms / 1000) * 1000;
  return wall(second) - second;
}

type WallClock = (ms: number) => number;
/** What en-US with numeric fields and a 24-hour clock writes: 5/29/2036, 17:00:00. */
const EN_US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;
const wallClocks = new Map<string, WallClock | null>();

/** The local wall-clock time of an instant, read as if it were UTC (ms), in `timeZone`; null for a zone this Node lacks. */
function wallClockOf(timeZone: string): WallClock | null {
  let clock = wallClocks.get(timeZone);
  if (clock === undefined) {
    clock = null;
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      clock = (ms) => {
        // format() and a regular expression cost a third of formatToParts(); the parts are the fallback
        // for text of another shape (a year before 1 AD, say).
        const fields = EN_US_DATE_TIME.exec(format.format(ms));
        if (fields !== null) return Date.UTC(+fields[3]!, +fields[1]! - 1, +fields[2]!, +fields[4]!, +fields[5]!, +fields[6]!);
        const parts: Record<string, number> = {};
        for (const part of format.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
        return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
      };
    } catch {
      // Validated when the location was registered; a Node without the zone falls back to UTC, the same way every time.
    }
    wallClocks.set(timeZone, clock);
  }
  return clock;
}
