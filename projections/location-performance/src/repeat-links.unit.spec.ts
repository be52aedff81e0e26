import { seededRandom } from '@ledgerline/testing';
import { nextBucket } from './periods';
import { linkChanges, monthOf, periodLinkPlan, repeatLinks, withDay, type PeriodLinkPlan } from './repeat-links';

describe('a customer\'s days and links', () => {
  it('inserts a day in order, once', () => {
    const days = withDay(withDay(withDay([], '2025-03-04'), '2025-01-09'), '2025-02-01');
    expect(days).toEqual(['2025-01-09', '2025-02-01', '2025-03-04']);
    expect(withDay(days, '2025-02-01')).toBe(days);
  });

  it('links consecutive repeat days, never the first purchase day', () => {
    expect(repeatLinks(['2025-01-01'])).toEqual([]);
    expect(repeatLinks(['2025-01-01', '2025-01-05'])).toEqual([]);
    expect(repeatLinks(['2025-01-01', '2025-01-05', '2025-01-09', '2025-02-01'])).toEqual([
      ['2025-01-05', '2025-01-09'],
      ['2025-01-09', '2025-02-01'],
    ]);
  });

  it('tells which links a new day removes and adds', () => {
    expect(linkChanges(['2025-01-01', '2025-01-05', '2025-01-20'], ['2025-01-01', '2025-01-05', '2025-01-09', '2025-01-20'])).toEqual({
      removed: [['2025-01-05', '2025-01-20']],
      added: [
        ['2025-01-05', '2025-01-09'],
        ['2025-01-09', '2025-01-20'],
      ],
    });
  });
});

describe('periodLinkPlan', () => {
  it('counts whole months from the cells and only the partial months\' links one by one', () => {
    expect(periodLinkPlan('2025-01-01', '2025-12-31')).toEqual({ months: { firstMonth: '2025-01-01', lastMonth: '2025-12-01' }, head: null, tail: null });
    expect(periodLinkPlan('2025-02-17', '2025-09-09')).toEqual({
      months: { firstMonth: '2025-03-01', lastMonth: '2025-08-01' },
      head: { prevDayFrom: '2025-02-17', prevDayTo: '2025-02-28', dayTo: '2025-09-09' },
      tail: { dayFrom: '2025-09-01', dayTo: '2025-09-09', prevDayFrom: '2025-03-01' },
    });
    expect(periodLinkPlan('2025-02-17', '2025-03-30')).toEqual({ months: null, head: { prevDayFrom: '2025-02-17', prevDayTo: '2025-03-30', dayTo: '2025-03-30' }, tail: null });
    expect(periodLinkPlan('2024-02-01', '2024-02-29').months).toEqual({ firstMonth: '2024-02-01', lastMonth: '2024-02-01' });
  });

  it('gives exactly the distinct repeat customers of any period', () => {
    const random = seededRandom(11);
    const calendar: string[] = [];
    for (let day = '2024-11-20'; day <= '2025-04-10'; day = nextBucket(day, 'day')) calendar.push(day);
    const customers = Array.from({ length: 60 }, () => {
      let days: readonly string[] = [];
      const visits = Math.floor(random() * 12);
      for (let visit = 0; visit < visits; visit++) days = withDay(days, calendar[Math.floor(random() * calendar.length)]!);
      return days;
    });
    const links = customers.flatMap((days) => repeatLinks(days));
    const cells = new Map<string, number>();
    for (const [prevDay, day] of links) cells.set(`${monthOf(day)} ${monthOf(prevDay)}`, (cells.get(`${monthOf(day)} ${monthOf(prevDay)}`) ?? 0) + 1);

    for (let run = 0; run < 400; run++) {
      const [from, to] = [calendar[Math.floor(random() * calendar.length)]!, calendar[Math.floor(random() * calendar.length)]!].sort() as [string, string];
      const repeatDays = customers.reduce((sum, days) => sum + days.slice(1).filter((day) => day >= from && day <= to).length, 0);
      const distinct = customers.filter((days) => days.slice(1).some((day) => day >= from && day <= to)).length;
      expect({ from, to, repeat: repeatDays - linksInside(periodLinkPlan(from, to), links, cells) }).toEqual({ from, to, repeat: distinct });
    }
  });
});

/** What the query's SQL computes from a plan, over in-memory links and month cells. */
function linksInside({ months, head, tail }: PeriodLinkPlan, links: readonly [string, string][], cells: ReadonlyMap<string, number>): number {
  let count = 0;
  if (months) {
    for (const [key, links] of cells) {
      const [month, prevMonth] = key.split(' ') as [string, string];
      if (month >= months.firstMonth && month <= months.lastMonth && prevMonth >= months.firstMonth) count += links;
    }
  }
  if (head) count += links.filter(([prevDay, day]) => prevDay >= head.prevDayFrom && prevDay <= head.prevDayTo && day <= head.dayTo).length;
  if (tail) count += links.filter(([prevDay, day]) => day >= tail.dayFrom && day <= tail.dayTo && prevDay >= tail.prevDayFrom).length;
  return count;
}
