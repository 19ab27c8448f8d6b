import { ConcurrencyError } from '../../../domain/concurrency-error';
import type { CommitResult, StreamAppend } from '../../../domain/ports';
import type { StoredEvent } from '../../../domain/stored-event';
import type { CommitPlan } from './commit-plan';

/** The strongly consistent reads conflict resolution needs. */
export interface ConflictReads {
  eventAt(streamId: string, version: number): Promise<StoredEvent | undefined>;
  versionOf(streamId: string): Promise<number>;
  range(streamId: string, fromVersion: number, toVersion: number): Promise<StoredEvent[]>;
}

function isOurs(append: StreamAppend, stored: StoredEvent | undefined): boolean {
  return stored !== undefined && stored.eventId === append.events[0]?.eventId;
}

async function storedCommit(plan: CommitPlan, reads: ConflictReads): Promise<CommitResult | undefined> {
  const ranges = await Promise.all(
    plan.appends.map((a) =>
      reads.range(a.streamId, a.expectedVersion + 1, a.expectedVersion + a.events.length),
    ),
  );
  const ours = plan.appends.every((append, i) =>
    append.events.every((event, j) => ranges[i]?.[j]?.eventId === event.eventId),
  );
  const first = ranges[0]?.[0];
  if (!ours || !first) return undefined;
  return { commitId: first.commitId, committedAt: first.committedAt, events: ranges.flat(), duplicate: true };
}

/**
 * Explains a refused commit. When the stored events at the commit's versions carry the commit's event ids,
 * this is a retry of a commit already stored: it answers as the first time did, with `duplicate: true`.
 * Otherwise it throws a `ConcurrencyError` naming a conflicting stream, the expected and the actual version.
 */
export async function resolveRefusedCommit(
  plan: CommitPlan,
  failedStreams: readonly string[],
  reads: ConflictReads,
  cause: unknown,
): Promise<CommitResult> {
  const firsts = await Promise.all(plan.appends.map((a) => reads.eventAt(a.streamId, a.expectedVersion + 1)));
  if (plan.appends.every((append, i) => isOurs(append, firsts[i]))) {
    const duplicate = await storedCommit(plan, reads);
    if (duplicate) return duplicate;
  }
  const mismatched = plan.appends.filter((append, i) => !isOurs(append, firsts[i]));
  const conflicting =
    mismatched.find((append) => failedStreams.includes(append.streamId)) ?? mismatched[0] ?? plan.appends[0]!;
  const actual = await reads.versionOf(conflicting.streamId);
  throw new ConcurrencyError(conflicting.streamId, conflicting.expectedVersion, actual, { cause });
}
