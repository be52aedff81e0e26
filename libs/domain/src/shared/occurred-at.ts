/** When a command's events happened: the business time the command carries, else the time it is decided. */
export const occurredAtOf = (command: { readonly occurredAt?: string | undefined }, context: { readonly now: string }): string =>
  command.occurredAt ?? context.now;
