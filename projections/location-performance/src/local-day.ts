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
  const hours = hoursOf(zone);
  const hour = Math.floor(ms / MS_PER_HOUR);
  let known = hours.get(hour);
  if (known === undefined) {
    known = hourOf(zone, hour);
    if (hours.size >= HOURS_PER_ZONE) hours.clear();
    hours.set(hour, known);
  }
  return typeof known === 'string' ? known : dayAt(ms + (known ?? offsetAt(zone, ms)));
}

// Intl is the cost of bucketing (a rebuild buckets a million events) and events cluster in hours, so
// each zone remembers what it learnt of each UTC hour. An hour whose UTC offset is the same at both
// ends holds no transition (tzdb never puts two within an hour): its local time runs straight, so
// when both ends fall on one local day all of it does (the day is kept), and otherwise the offset
// gives each instant's day (the offset is kept). Only an hour holding a transition (null) asks Intl
// per event.
type KnownHour = string | number | null;
const HOURS_PER_ZONE = 50_000;
const zoneHours = new Map<string, Map<number, KnownHour>>();

function hoursOf(zone: string): Map<number, KnownHour> {
  let hours = zoneHours.get(zone);
  if (hours === undefined) zoneHours.set(zone, (hours = new Map()));
  return hours;
}

const dayAt = utcDayOf;

function hourOf(zone: string, hour: number): KnownHour {
  const start = hour * MS_PER_HOUR;
  const last = start + MS_PER_HOUR - 1000;
  const offset = offsetAt(zone, start);
  if (offsetAt(zone, last) !== offset) return null;
  const day = dayAt(start + offset);
  return dayAt(last + 999 + offset) === day ? day : offset;
}

/** Local wall-clock time minus UTC at an instant (whole seconds), in ms; 0 for UTC and zones this Node lacks. */
function offsetAt(zone: string, ms: number): number {
  const wall = zone === FALLBACK_TIME_ZONE ? null : wallClockOf(zone);
  if (wall === null) return 0;
  const second = Math.floor(ms / 1000) * 1000;
  return wall(second) - second;
}

type WallClock = (ms: number) => number;
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
