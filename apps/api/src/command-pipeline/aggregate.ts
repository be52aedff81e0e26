import type { FoldingDecider } from '@ledgerline/domain';

/** What the generic pipeline needs to know about one kind of aggregate. */
export interface Aggregate<Command extends { type: string }, State, Event extends { type: string; data: unknown }, Context> {
  readonly name: 'customer' | 'location';
  /** `fold` loads a whole stream in one pass (evolve event by event copies the state each time). */
  readonly decider: FoldingDecider<Command, State, Event, Context>;
  streamOf(id: string): string;
  /** Validates and upcasts an event read back from the log. */
  parseEvent(type: string, data: unknown, schemaVersion: number): Event;
}
