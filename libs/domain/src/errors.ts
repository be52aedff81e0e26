// The three ways a decision can fail; apps/api maps them to 422, 404 and 409.

/** A business rule forbids the command. `rule` is a stable kebab-case name clients may branch on. */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}

export type EntityKind = 'customer' | 'location';

/** The command targets or references an entity that was never registered. */
export class EntityNotFound extends Error {
  constructor(
    readonly entity: EntityKind,
    readonly id: string,
  ) {
    super(`${entity} ${id} does not exist`);
    this.name = 'EntityNotFound';
  }
}

/** A registration command for an entity that is already registered. */
export class EntityAlreadyExists extends Error {
  constructor(
    readonly entity: EntityKind,
    readonly id: string,
  ) {
    super(`${entity} ${id} already exists`);
    this.name = 'EntityAlreadyExists';
  }
}
