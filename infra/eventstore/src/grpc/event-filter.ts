import type { StoredRecord } from '../storage/record';
import { streams } from './protocol';
import { invalidArgument } from './rpc-errors';

type FilterOptions = streams.ReadReq.Options.FilterOptions;

export interface EventFilter {
  matches(record: StoredRecord): boolean;
  /** Events considered between two checkpoints of a filtered subscription. */
  checkpointInterval: number;
}

/** EventStoreDB's default page size when a filter gives no max search window. */
const DEFAULT_SEARCH_WINDOW = 32;

/** Server-side filters of `$all` reads and subscriptions: on stream name or event type, by prefixes or a regex. */
export function eventFilterFrom(options: FilterOptions): EventFilter {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  if (!expression) throw invalidArgument('A filter needs a stream identifier or an event type expression.');
  const field = (record: StoredRecord) => (onStream ? record.stream : record.type);
  const window = options.hasMax() ? options.getMax() : DEFAULT_SEARCH_WINDOW;
  const checkpointInterval = Math.max(1, window * Math.max(1, options.getCheckpointintervalmultiplier()));

  const regex = expression.getRegex();
  if (regex) {
    let compiled: RegExp;
    try {
      compiled = new RegExp(regex);
    } catch {
      throw invalidArgument(`Invalid filter regex: ${regex}`);
    }
    return { checkpointInterval, matches: (record) => compiled.test(field(record)) };
  }
  const prefixes = expression.getPrefixList();
  return { checkpointInterval, matches: (record) => prefixes.some((prefix) => field(record).startsWith(prefix)) };
}
