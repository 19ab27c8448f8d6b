import type { EventStore } from '../../../src/domain/ports';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { counted } from './counters';

/** Versions of every counter written so far, and every stored event. */
export class Ledger {
  readonly versions = new Map<string, number>();
  readonly events: StoredEvent[] = [];
  private n = 0;

  /** Commits `perStream` events to each of `streams` in ONE transaction. */
  async commit(store: EventStore, streams: readonly string[], perStream: number): Promise<void> {
    const appends = streams.map((streamId) => ({
      streamId,
      expectedVersion: this.versions.get(streamId) ?? 0,
      events: Array.from({ length: perStream }, () => counted((this.n += 1))),
    }));
    const result = await store.commit({ commitId: `ledger-${this.n}`, streams: appends });
    for (const a of appends) this.versions.set(a.streamId, a.expectedVersion + perStream);
    this.events.push(...result.events);
  }
}

/** Counter stream ids `Counter#0000`.. */
export function counterIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Counter#${String(i).padStart(4, '0')}`);
}

/**
 * Writes about `total` events into the counters with 100-item transactions: a first event for each new counter
 * (100 new streams per commit), then 20 counters x 4 events per commit (80 events + 20 version checks).
 */
export async function seed(
  store: EventStore,
  ledger: Ledger,
  ids: readonly string[],
  total: number,
): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) await ledger.commit(store, ids.slice(i, i + 100), 1);
  let offset = 0;
  while (ledger.events.length < total) {
    const streams = Array.from({ length: 20 }, (_, k) => ids[(offset + k * 37) % ids.length] as string);
    offset += 1;
    await ledger.commit(store, [...new Set(streams)], 4);
  }
}

/** Keeps appending (commits of 10 counters x 2 events, `pauseMs` apart) until `stop()`; bounded by `maxCommits`. */
export function keepWriting(
  store: EventStore,
  ledger: Ledger,
  ids: readonly string[],
  maxCommits: number,
  pauseMs: number,
) {
  let stopped = false;
  let commits = 0;
  const done = (async () => {
    while (!stopped && commits < maxCommits) {
      const streams = Array.from(
        { length: 10 },
        (_, k) => ids[(commits * 7 + k * 101) % ids.length] as string,
      );
      await ledger.commit(store, [...new Set(streams)], 2);
      commits += 1;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return commits;
    },
  };
}
