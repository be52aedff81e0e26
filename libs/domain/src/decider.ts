/**
 * One aggregate's business logic as two pure functions (Emmett's decider pattern):
 * the caller folds the stream with `evolve`, asks `decide`, and appends what it returns.
 */
export interface Decider<Command, State, Event, Context> {
  readonly initialState: State;
  /** Throws DomainRuleViolation, EntityNotFound or EntityAlreadyExists; `[]` means "nothing to do". */
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
}

/**
 * A decider that also loads a whole stream in one pass. `fold(events, from)` equals
 * `events.reduce(evolve, from)` but runs in linear time; `from` (default: initialState) is not changed.
 */
export interface FoldingDecider<Command, State, Event, Context> extends Decider<Command, State, Event, Context> {
  fold(events: Iterable<Event>, from?: State): State;
}

/** The reference fold: events reduced with `evolve` from the initial state. */
export const foldEvents = <S, E>(decider: Pick<Decider<unknown, S, E, unknown>, 'initialState' | 'evolve'>, events: readonly E[]): S =>
  events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
