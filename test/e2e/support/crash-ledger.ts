import type { ApiClient } from './runtime-fixture';

/** An event as the crash test publishes it. */
export interface PublishedEvent {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly type: string;
  readonly eventId: string;
  readonly data: Record<string, unknown>;
}

/** What a check after a restart found: commits told stored but missing, and broken streams. */
export interface LedgerCheck {
  readonly lostCommits: string[];
  readonly lostEvents: number;
  readonly problems: string[];
}

const line = { sku: 'crash', quantity: 1 };

/** The event at `version` of an order stream: created first, updated after. */
export function orderEvent(streamId: string, version: number, eventId: string): PublishedEvent {
  const orderId = streamId.slice('Order#'.length);
  return version === 1
    ? {
        streamId,
        expectedVersion: 0,
        type: 'OrderCreated',
        eventId,
        data: { orderId, customerId: 'c', lines: [line] },
      }
    : {
        streamId,
        expectedVersion: version - 1,
        type: 'OrderUpdated',
        eventId,
        data: { orderId, lines: [line] },
      };
}

async function readAll(
  api: ApiClient,
  streamId: string,
): Promise<Array<{ version: number; eventId: string }>> {
  const events: Array<{ version: number; eventId: string }> = [];
  for (;;) {
    const page = await api.get(`/streams/${encodeURIComponent(streamId)}?fromVersion=${events.length + 1}`);
    if (page.status !== 200) throw new Error(`GET ${streamId}: ${page.status} ${JSON.stringify(page.body)}`);
    const got = page.body.events as Array<{ version: number; eventId: string }>;
    events.push(...got);
    if (got.length < 1000) return events;
  }
}

/**
 * The acknowledged events of every stream, by version, and the commit that stored each: what a restarted runtime
 * must still hold.
 */
export class CrashLedger {
  private readonly streams = new Map<string, Array<{ eventId: string; commitId: string }>>();
  acknowledgedCommits = 0;
  acknowledgedEvents = 0;

  /** The version `streamId` is at, as far as acknowledged (or found stored) events go. */
  versionOf(streamId: string): number {
    return this.streams.get(streamId)?.length ?? 0;
  }

  /** Notes the streams a commit is about to write: its outcome may stay unknown, and a check must read them. */
  attempt(events: readonly PublishedEvent[]): void {
    for (const event of events) if (!this.streams.has(event.streamId)) this.streams.set(event.streamId, []);
  }

  acknowledge(commitId: string, events: readonly PublishedEvent[]): void {
    for (const event of events) {
      const stream = this.streams.get(event.streamId) ?? [];
      stream[event.expectedVersion] = { eventId: event.eventId, commitId };
      this.streams.set(event.streamId, stream);
    }
    this.acknowledgedCommits += 1;
    this.acknowledgedEvents += events.length;
  }

  /**
   * Reads every stream back: each acknowledged event must be at its version, versions contiguous from 1, no event id
   * twice. Then takes the stored streams as the truth (an unacknowledged commit may have landed).
   */
  async check(api: ApiClient): Promise<LedgerCheck> {
    const lost = new Set<string>();
    const problems: string[] = [];
    let lostEvents = 0;
    for (const [streamId, acknowledged] of this.streams) {
      const stored = await readAll(api, streamId);
      stored.forEach((event, i) => {
        if (event.version !== i + 1)
          problems.push(`${streamId}: version ${event.version} at position ${i + 1}`);
      });
      const ids = stored.map((e) => e.eventId);
      if (new Set(ids).size !== ids.length) problems.push(`${streamId}: an event id stored twice`);
      acknowledged.forEach((event, i) => {
        if (ids[i] === event.eventId) return;
        lost.add(event.commitId);
        lostEvents += 1;
      });
      this.streams.set(
        streamId,
        ids.map((eventId) => ({ eventId, commitId: 'found stored' })),
      );
    }
    return { lostCommits: [...lost], lostEvents, problems };
  }
}
