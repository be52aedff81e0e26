import type { Position } from '@ledgerline/event-store';

/** How far a build has read the log: the position of the last event it handled, or null for none. */
export type Checkpoint = Position | null;

export function checkpointOf(row: { checkpoint_commit: string | null; checkpoint_prepare: string | null }): Checkpoint {
  if (row.checkpoint_commit === null || row.checkpoint_prepare === null) return null;
  return { commit: BigInt(row.checkpoint_commit), prepare: BigInt(row.checkpoint_prepare) };
}

/** -1, 0 or 1; null (nothing handled) comes before every position. */
export function comparePositions(a: Checkpoint, b: Checkpoint): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

/** True when an event at `position` is already in a build whose checkpoint is `checkpoint`. */
export const isHandled = (position: Position, checkpoint: Checkpoint): boolean => comparePositions(position, checkpoint) <= 0;

export const earliest = (checkpoints: readonly Checkpoint[]): Checkpoint =>
  checkpoints.reduce<Checkpoint | undefined>((min, c) => (min === undefined || comparePositions(c, min) < 0 ? c : min), undefined) ?? null;

export const formatCheckpoint = (checkpoint: Checkpoint): string => (checkpoint === null ? 'start' : `${checkpoint.commit}/${checkpoint.prepare}`);
