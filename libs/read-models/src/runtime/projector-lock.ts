import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import { Client } from 'pg';

/** The projector lock's name: one projector at a time projects into a database, the others stand by. */
export const PROJECTOR_LOCK_NAME = 'ledgerline.projector';

// The advisory lock's bigint key: the first 8 bytes of the name's SHA-256, fixed for every release.
const LOCK_KEY = createHash('sha256').update(PROJECTOR_LOCK_NAME).digest().readBigInt64BE(0);
// pg_locks shows a bigint advisory key as its high and low 32 bits (classid, objid), objsubid 1.
const LOCK_CLASSID = String((LOCK_KEY >> 32n) & 0xffffffffn);
const LOCK_OBJID = String(LOCK_KEY & 0xffffffffn);
// The lock's session names its process, so that anyone can see who leads (projectorLockHolder).
const APPLICATION_PREFIX = 'ledgerline-projector ';

/** This projector's lock session ended or stopped answering: it must not write any more. */
export class LeadershipLostError extends Error {
  constructor(reason: string) {
    super(`lost the projector lock: ${reason}`);
    this.name = 'LeadershipLostError';
  }
}

/** The projector lock, held by a session of its own for as long as that session lives. */
export interface LeaderLock {
  /** `<host>:<pid>` of this process. */
  readonly holder: string;
  /** The lock session's backend pid (see assertLeader). */
  readonly backendPid: number;
  /** Aborts, with a LeadershipLostError, once the lock may be gone: its connection failed, ended or stopped answering. */
  readonly lost: AbortSignal;
  /** Unlocks and closes the session. */
  release(): Promise<void>;
}

export interface LeaderLockOptions {
  readonly databaseUrl: string;
  /** How often a standby tries the lock again. */
  readonly retryMs?: number;
  /** How often the leader checks its lock's connection, and how long a check may take. */
  readonly heartbeatMs?: number;
}

/**
 * Waits until this process holds the projector lock (pg_try_advisory_lock, session level) on a
 * connection of its own, trying again every retryMs while another session holds it. Returns
 * undefined if the signal aborts first. `onStandby` is told once per wait who leads meanwhile, and
 * `onError` once per run of failed tries (PostgreSQL away).
 */
export async function acquireLeaderLock(
  options: LeaderLockOptions & { readonly signal: AbortSignal; readonly onStandby?: (leader: string | null) => void; readonly onError?: (error: unknown) => void },
): Promise<LeaderLock | undefined> {
  const retryMs = options.retryMs ?? 2000;
  const holder = `${hostname()}:${process.pid}`;
  let client: Client | undefined;
  let announced = false;
  let failing = false;
  try {
    while (!options.signal.aborted) {
      try {
        client ??= await connect(options.databaseUrl, holder);
        const { rows } = await client.query<{ locked: boolean; pid: number }>('SELECT pg_try_advisory_lock($1) AS locked, pg_backend_pid() AS pid', [String(LOCK_KEY)]);
        if (rows[0].locked) {
          const lock = holdLock(client, holder, rows[0].pid, options.heartbeatMs ?? 2000);
          client = undefined;
          return lock;
        }
        if (!announced) {
          announced = true;
          const leader = await client.query<{ leader: string | null }>(HOLDER_QUERY).then((result) => leaderOf(result.rows[0]?.leader ?? null));
          options.onStandby?.(leader);
        }
        failing = false;
      } catch (error) {
        // Told once per outage, not at every try.
        if (!failing) options.onError?.(error);
        failing = true;
        await client?.end().catch(() => {});
        client = undefined;
      }
      await sleep(retryMs, undefined, { signal: options.signal }).catch(() => {});
    }
    return undefined;
  } finally {
    await client?.end().catch(() => {});
  }
}

/** Inside a transaction: throws LeadershipLostError unless `lock`'s session holds the projector lock right now. */
export async function assertLeader<DB>(tx: Transaction<DB>, lock: LeaderLock): Promise<void> {
  if (lock.lost.aborted) throw lock.lost.reason;
  const { rows } = await sql<{ held: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND pid = ${lock.backendPid}
        AND classid = ${LOCK_CLASSID}::oid AND objid = ${LOCK_OBJID}::oid AND objsubid = 1
    ) AS held`.execute(tx);
  if (!rows[0]?.held) throw new LeadershipLostError(`session ${lock.backendPid} no longer holds it`);
}

/** `<host>:<pid>` of the projector that holds this database's projector lock, or null when none does. */
export async function projectorLockHolder<DB>(db: Kysely<DB>): Promise<string | null> {
  const { rows } = await sql.raw<{ leader: string | null }>(HOLDER_QUERY).execute(db);
  return leaderOf(rows[0]?.leader ?? null);
}

const HOLDER_QUERY = `
  SELECT a.application_name AS leader
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = ${LOCK_CLASSID}::oid AND l.objid = ${LOCK_OBJID}::oid AND l.objsubid = 1`;

const leaderOf = (applicationName: string | null): string | null =>
  applicationName === null ? null : applicationName.startsWith(APPLICATION_PREFIX) ? applicationName.slice(APPLICATION_PREFIX.length) : applicationName;

async function connect(databaseUrl: string, holder: string): Promise<Client> {
  // application_name is cut at 63 bytes by PostgreSQL; a long host name loses its end.
  const client = new Client({ connectionString: databaseUrl, application_name: `${APPLICATION_PREFIX}${holder}`, keepAlive: true });
  // Until holdLock listens, an error surfaces through the query that meets it.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

function holdLock(client: Client, holder: string, backendPid: number, heartbeatMs: number): LeaderLock {
  const lost = new AbortController();
  let released = false;
  const lose = (reason: string) => {
    if (released || lost.signal.aborted) return;
    lost.abort(new LeadershipLostError(reason));
    clearInterval(heartbeat);
    // The session may still be alive behind a silent network: close it, so that the server frees the lock.
    void client.end().catch(() => {});
  };
  client.on('error', (error: Error) => lose(error.message));
  client.on('end', () => lose('its connection ended'));
  let checking = false;
  const heartbeat = setInterval(() => {
    if (checking) return;
    checking = true;
    const timeout = setTimeout(() => lose(`its connection did not answer within ${heartbeatMs} ms`), heartbeatMs);
    client.query('SELECT 1').then(
      () => ((checking = false), clearTimeout(timeout)),
      (error: Error) => (clearTimeout(timeout), lose(error.message)),
    );
  }, heartbeatMs);
  heartbeat.unref();
  return {
    holder,
    backendPid,
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      if (!lost.signal.aborted) await client.query('SELECT pg_advisory_unlock($1)', [String(LOCK_KEY)]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
