import { ConfigError, integerVar, loadConfig } from './index';

const problemsOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      eventStoreUrl: 'esdb://127.0.0.1:2113?tls=false',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/ledgerline',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
    });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('accepts good values of every kind', () => {
    const config = loadConfig({
      EVENTSTORE_URL: 'esdb+discover://admin:changeit@node1.internal:2113,node2.internal:2113,[::1]:2113?tls=true&nodePreference=leader',
      DATABASE_URL: 'postgresql://app:secret@db.internal/ledger%20line?sslmode=require',
      REDIS_URL: 'rediss://:secret@cache.internal:6380/2',
      PORT: '65535',
    });
    expect(config.port).toBe(65535);
    expect(config.databaseUrl).toBe('postgresql://app:secret@db.internal/ledger%20line?sslmode=require');
  });

  it.each([
    ['EVENTSTORE_URL', 'http://127.0.0.1:2113', 'must be an EventStoreDB connection string starting with esdb://'],
    ['EVENTSTORE_URL', 'esdb://', 'must name at least one host'],
    ['EVENTSTORE_URL', 'esdb://node1:2113,,node2:2113', 'must name at least one host'],
    ['EVENTSTORE_URL', 'esdb://127.0.0.1:99999', 'invalid port 99999'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1/ledgerline', 'must be a URL starting with postgres:// or postgresql://'],
    ['DATABASE_URL', 'postgres://postgres@127.0.0.1:5432', 'must name a database'],
    ['DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/', 'must name a database'],
    ['DATABASE_URL', `postgres://postgres@127.0.0.1/${'x'.repeat(64)}`, 'longer than 63 bytes'],
    ['DATABASE_URL', 'postgres://postgres@127.0.0.1:70000/ledgerline', 'is not a valid URL'],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'must be a URL starting with redis:// or rediss://'],
    ['REDIS_URL', 'redis://127.0.0.1:6379/queues', 'database number'],
    ['PORT', '0', 'must be an integer from 1 to 65535'],
    ['PORT', '65536', 'must be an integer from 1 to 65535'],
    ['PORT', '3000.5', 'must be an integer from 1 to 65535'],
    ['PORT', '1e3', 'must be an integer from 1 to 65535'],
    ['PORT', 'http', 'must be an integer from 1 to 65535'],
  ])('rejects %s=%s, naming the variable, the value, the reason and an example', (name, value, reason) => {
    const error = problemsOf({ [name]: value });
    expect(error.problems).toEqual([expect.objectContaining({ name, value, reason: expect.stringContaining(reason) })]);
    expect(error.message).toContain(`${name}=${JSON.stringify(value)}`);
    expect(error.message).toContain(reason);
    expect(error.message).toMatch(new RegExp(`for example ${name}=\\S+`));
  });

  it('reports every bad variable together in one error', () => {
    const error = problemsOf({
      EVENTSTORE_URL: 'tcp://127.0.0.1:1113',
      DATABASE_URL: 'postgres://127.0.0.1',
      REDIS_URL: 'memcached://127.0.0.1',
      PORT: '-1',
    });
    expect(error.problems.map((problem) => problem.name)).toEqual(['EVENTSTORE_URL', 'DATABASE_URL', 'REDIS_URL', 'PORT']);
    expect(error.message).toMatch(/^Invalid configuration \(4 problems\):/);
    for (const name of ['EVENTSTORE_URL', 'DATABASE_URL', 'REDIS_URL', 'PORT']) expect(error.message).toContain(`- ${name}=`);
  });

  it('hides passwords in the message', () => {
    const error = problemsOf({ DATABASE_URL: 'postgres://app:s3cr%40t@db.internal:5432' });
    expect(error.message).toContain('postgres://app:***@db.internal:5432');
    expect(error.message).not.toContain('s3cr');
  });

  it('lets an app declare its own variables, validated and reported with the core ones', () => {
    const extra = { concurrency: integerVar('WORKER_CONCURRENCY', { default: 4, min: 1, max: 64 }) };
    const config = loadConfig({ WORKER_CONCURRENCY: '8' }, extra);
    const concurrency: number = config.concurrency;
    expect(concurrency).toBe(8);
    expect(config.port).toBe(3000);

    let error: unknown;
    try {
      loadConfig({ WORKER_CONCURRENCY: '0', PORT: 'x' }, extra);
    } catch (thrown) {
      error = thrown;
    }
    expect((error as ConfigError).problems.map((problem) => problem.name)).toEqual(['PORT', 'WORKER_CONCURRENCY']);
    expect((error as ConfigError).message).toContain('WORKER_CONCURRENCY="0": must be an integer from 1 to 64 (for example WORKER_CONCURRENCY=4)');
  });

  it('says a required variable without a default is not set', () => {
    const extra = { shard: integerVar('API_SHARD') };
    expect(() => loadConfig({}, extra)).toThrow('API_SHARD is not set: is required (for example API_SHARD=1)');
  });

  it('refuses an extra variable that redeclares a core one', () => {
    expect(() => loadConfig({}, { port: integerVar('HTTP_PORT') })).toThrow('"port" is declared twice');
    expect(() => loadConfig({}, { httpPort: integerVar('PORT') })).toThrow('"PORT" is declared twice');
  });
});
