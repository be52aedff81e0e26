/** Everything about a command that is not its payload: who, why, and under which conditions. */
export interface CommandEnvelope {
  /** Causes the command's events; new for each request. */
  readonly commandId: string;
  readonly correlationId: string;
  /** `service:<key name>` */
  readonly actor: string;
  readonly idempotencyKey?: string;
  /** From If-Match: write only if the stream is still at this revision, and do not retry. */
  readonly expectedRevision?: bigint;
}

/** The answer to every command: the aggregate's revision after it, and where it landed in the log. */
export interface CommandResult {
  readonly id: string;
  readonly revision: number;
  /** Commit position in $all, as a string (it is a 64-bit number). */
  readonly position: string;
}
