import { foldEvents, type Decider, type FoldingDecider } from '../decider';
import { DomainRuleViolation, EntityAlreadyExists, EntityNotFound, type EntityKind } from '../errors';

// given(events) / when(command) / then(events | error), in the style of Emmett's DeciderSpecification.
// An expected error matches by class and by its own fields (rule, entity, id), not by message.
// The given state is the reference fold (reduce with evolve); a decider's fast `fold` must agree with it.

export const violation = (rule: string) => new DomainRuleViolation(rule, '');
export const notFound = (entity: EntityKind, id: string) => new EntityNotFound(entity, id);
export const alreadyExists = (entity: EntityKind, id: string) => new EntityAlreadyExists(entity, id);

const fieldsOf = (error: Error) =>
  Object.fromEntries(Object.entries(error).filter(([key]) => key !== 'message' && key !== 'stack' && key !== 'name'));

export function deciderSpec<C, S, E, Ctx>(decider: Decider<C, S, E, Ctx>, context: Ctx) {
  const stateAfter = (events: E[]): S => {
    const reference = foldEvents(decider, events);
    const fold = (decider as Partial<FoldingDecider<C, S, E, Ctx>>).fold;
    if (fold) expect(fold(events)).toStrictEqual(reference);
    return reference;
  };
  return {
    given(events: E[]) {
      return {
        state: () => stateAfter(events),
        when(command: C, contextOverrides: Partial<Ctx> = {}) {
          const run = () => decider.decide(command, stateAfter(events), { ...context, ...contextOverrides });
          return {
            then(expected: E[] | Error) {
              if (Array.isArray(expected)) {
                expect(run()).toEqual(expected);
                return;
              }
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(expected.constructor);
              expect(fieldsOf(thrown as Error)).toEqual(fieldsOf(expected));
            },
          };
        },
      };
    },
  };
}
