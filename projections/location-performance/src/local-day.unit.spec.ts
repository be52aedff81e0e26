import { localDay } from './local-day';

describe('localDay', () => {
  it('uses UTC without a time zone', () => {
    expect(localDay('2025-01-15T23:30:00.000Z', null)).toBe('2025-01-15');
    expect(localDay('2025-01-15T23:30:00Z', 'UTC')).toBe('2025-01-15');
  });

  it('puts a purchase at 23:30 UTC on the next day in Europe/Oslo', () => {
    expect(localDay('2025-01-15T23:30:00.000Z', 'Europe/Oslo')).toBe('2025-01-16');
    expect(localDay('2025-01-15T22:59:59.999Z', 'Europe/Oslo')).toBe('2025-01-15');
    expect(localDay('2025-01-15T23:00:00.000Z', 'Europe/Oslo')).toBe('2025-01-16');
  });

  it('follows the offset across the spring-forward day (Oslo, 30 March 2025, a 23-hour day)', () => {
    expect(localDay('2025-03-29T22:59:59.999Z', 'Europe/Oslo')).toBe('2025-03-29');
    expect(localDay('2025-03-29T23:00:00.000Z', 'Europe/Oslo')).toBe('2025-03-30');
    expect(localDay('2025-03-30T00:59:59.000Z', 'Europe/Oslo')).toBe('2025-03-30');
    expect(localDay('2025-03-30T01:00:00.000Z', 'Europe/Oslo')).toBe('2025-03-30');
    // Summer time now: local midnight is 22:00 UTC.
    expect(localDay('2025-03-30T21:59:59.999Z', 'Europe/Oslo')).toBe('2025-03-30');
    expect(localDay('2025-03-30T22:00:00.000Z', 'Europe/Oslo')).toBe('2025-03-31');
  });

  it('follows the offset across the fall-back day (Oslo, 26 October 2025, a 25-hour day)', () => {
    expect(localDay('2025-10-25T21:59:59.999Z', 'Europe/Oslo')).toBe('2025-10-25');
    expect(localDay('2025-10-25T22:00:00.000Z', 'Europe/Oslo')).toBe('2025-10-26');
    expect(localDay('2025-10-26T22:59:59.999Z', 'Europe/Oslo')).toBe('2025-10-26');
    expect(localDay('2025-10-26T23:00:00.000Z', 'Europe/Oslo')).toBe('2025-10-27');
  });

  it('handles zones west of UTC and offsets that are not whole hours', () => {
    expect(localDay('2025-03-10T03:59:00.000Z', 'America/New_York')).toBe('2025-03-09');
    expect(localDay('2025-03-10T04:00:00.000Z', 'America/New_York')).toBe('2025-03-10');
    // Kathmandu is UTC+5:45: local midnight falls inside the UTC hour 18:00-19:00, asked twice (the hour is cached).
    for (let i = 0; i < 2; i++) {
      expect(localDay('2025-01-01T18:14:59.000Z', 'Asia/Kathmandu')).toBe('2025-01-01');
      expect(localDay('2025-01-01T18:15:00.000Z', 'Asia/Kathmandu')).toBe('2025-01-02');
    }
  });

  it('gets a day right inside a UTC hour that holds both a transition and local midnight', () => {
    // St. John's moved its clocks at 00:01 local in 2010: 23:31 NST (UTC-3:30) became 01:01 NDT at 03:31 UTC.
    expect(localDay('2010-03-14T03:20:00.000Z', 'America/St_Johns')).toBe('2010-03-13');
    expect(localDay('2010-03-14T03:40:00.000Z', 'America/St_Johns')).toBe('2010-03-14');
    expect(localDay('2010-03-14T03:20:00.000Z', 'America/St_Johns')).toBe('2010-03-13');
  });

  it('counts in UTC for a zone this Node does not know, and refuses what is not an instant', () => {
    expect(localDay('2025-01-15T23:30:00.000Z', 'Mars/Olympus_Mons')).toBe('2025-01-15');
    expect(() => localDay('yesterday', 'Europe/Oslo')).toThrow(RangeError);
  });
});

describe('localDay against Intl, instant by instant', () => {
  // Every 97 minutes, so that the instants drift through every minute of the hour and meet transitions
  // and local midnights at any offset.
  it('agrees every 97 minutes of 2010 and of 2025, in zones with and without summer time and with odd offsets', () => {
    const zones = ['Europe/Oslo', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Tokyo'];
    const wrong: string[] = [];
    for (const timeZone of zones) {
      const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (const year of [2010, 2025]) {
        for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 97 * 60_000) {
          const instant = new Date(ms).toISOString();
          if (localDay(instant, timeZone) !== format.format(ms)) wrong.push(`${timeZone} ${instant}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
