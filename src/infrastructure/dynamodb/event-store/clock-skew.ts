import type { StoredEvent } from '../../../domain/stored-event';
import type { CommitPlan } from './commit-plan';

/**
 * The latest commit time among the events a plan appends after, when it is later than the plan's own commit
 * time (the writer's clock is behind the one that wrote the predecessor); undefined otherwise.
 */
export async function predecessorTimeAhead(
  plan: CommitPlan,
  eventAt: (streamId: string, version: number) => Promise<StoredEvent | undefined>,
): Promise<string | undefined> {
  const predecessors = await Promise.all(plan.checks.map((check) => eventAt(check.streamId, check.version)));
  const latest = predecessors.reduce<string | undefined>(
    (max, event) => (event && (!max || event.committedAt > max) ? event.committedAt : max),
    undefined,
  );
  return latest !== undefined && latest > plan.committedAt ? latest : undefined;
}
