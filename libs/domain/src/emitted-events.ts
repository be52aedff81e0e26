import type { z } from 'zod';
import { DomainRuleViolation } from './errors';
import { toEventIssues, type EventOf } from './upcasting';

/**
 * Validates what a decider is about to emit against the current event schemas, so the log never
 * holds data that a later parse would reject (a poison event forever). Returns the parsed data,
 * which has no keys beyond the schema's.
 */
export function checkEmittedEvents<DataByType extends object>(
  schemas: { [K in keyof DataByType]: z.ZodType<DataByType[K]> },
  events: EventOf<DataByType>[],
): EventOf<DataByType>[] {
  return events.map((event) => {
    const parsed = schemas[event.type].safeParse(event.data);
    if (!parsed.success) {
      const reasons = toEventIssues(parsed.error).map((issue) => `${issue.path || '(data)'}: ${issue.reason}`);
      throw new DomainRuleViolation('schema-violation', `${String(event.type)} would be invalid: ${reasons.join('; ')}`);
    }
    return { ...event, data: parsed.data };
  });
}
