/**
 * CPU and memory of this machine's processes, read from /proc (Linux): the benchmarks' view of the
 * processes they start, and of the PostgreSQL backends that serve them when PostgreSQL runs here.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU in these. */
const TICKS_PER_SECOND = 100;

/** user + system CPU seconds of a process so far, from /proc/<pid>/stat; undefined once it is gone. */
export function cpuOf(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Resident set size of a process, in bytes; 0 once it is gone. */
export function rssOf(pid: number | undefined): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** PostgreSQL backends connected to `database`: their process title reads "postgres: … <user> <database> <client> …". */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** The CPU seconds of each backend connected to `database`, by pid. */
export function backendsCpu(database: string): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of backendsOf(database)) {
    const seconds = cpuOf(pid);
    if (seconds !== undefined) cpu.set(pid, seconds);
  }
  return cpu;
}

/**
 * The CPU seconds the backends of `before` (backendsCpu) and any that connected since have used since
 * then. A backend that disconnected meanwhile is missed.
 */
export function backendsCpuSince(database: string, before: ReadonlyMap<number, number>): number {
  let used = 0;
  for (const [pid, seconds] of backendsCpu(database)) used += seconds - (before.get(pid) ?? 0);
  return used;
}
