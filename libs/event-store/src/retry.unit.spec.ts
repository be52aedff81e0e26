import { ConcurrencyConflictError } from './errors';
import { withConcurrencyRetry } from './retry';

const conflict = () => new ConcurrencyConflictError('customer-1', 3n, 4n);

describe('withConcurrencyRetry', () => {
  it('returns the first success, retrying conflicts in between', async () => {
    const seen: number[] = [];
    const result = await withConcurrencyRetry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw conflict();
        return 'done';
      },
      { attempts: 5 },
    );
    expect(result).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gives up after the given number of attempts and rethrows the conflict', async () => {
    const fn = jest.fn(async () => {
      throw conflict();
    });
    const onConflict = jest.fn();
    await expect(withConcurrencyRetry(fn, { attempts: 3, onConflict })).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(onConflict.mock.calls.map(([, attempt]) => attempt)).toEqual([1, 2]);
  });

  it('does not retry other errors', async () => {
    const fn = jest.fn(async () => {
      throw new Error('customer not found');
    });
    await expect(withConcurrencyRetry(fn, { attempts: 3 })).rejects.toThrow('customer not found');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('refuses a bound that is not a positive integer', async () => {
    await expect(withConcurrencyRetry(async () => 1, { attempts: 0 })).rejects.toThrow('attempts must be a positive integer');
  });

  it('says which stream conflicted and at which revisions', () => {
    expect(conflict()).toMatchObject({ stream: 'customer-1', expected: 3n, actual: 4n });
    expect(conflict().message).toBe('Concurrency conflict on customer-1: expected revision 3, actual 4');
  });
});
