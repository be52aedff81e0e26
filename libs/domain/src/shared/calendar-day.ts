const MS_PER_DAY = 86_400_000;

/**
 * The UTC calendar day (YYYY-MM-DD) of an instant in epoch ms, for years 0000 to 9999. The same text as
 * `new Date(ms).toISOString().slice(0, 10)`, by arithmetic: formatting a Date costs about 2 µs, and a
 * year of day buckets, or every event of a rebuild, asks for one each. The days-to-civil algorithm of
 * Howard Hinnant (chrono-Compatible Low-Level Date Algorithms): 400-year eras of 146,097 days, and years
 * counted from March so that the leap day falls at a year's end.
 */
export function utcDayOf(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const known = recentDays.get(days);
  if (known !== undefined) return known;
  if (recentDays.size === MAX_RECENT_DAYS) recentDays.clear();
  const text = formatDay(days);
  recentDays.set(days, text);
  return text;
}

/**
 * The days formatted lately, by days since the epoch. The callers ask for the same few thousand days
 * again and again (every request for a year by day asks for its 365), and the text built from six
 * parts is six strings, joined again the first time it is used as a key: from here each day is one
 * flat string, built once. Bounded: once full it starts over, which costs one formatting per day.
 */
const recentDays = new Map<number, string>();
const MAX_RECENT_DAYS = 8_192;

function formatDay(days: number): string {
  const z = days + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`the instant ${days * MS_PER_DAY} is outside the years 0000 to 9999`);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
