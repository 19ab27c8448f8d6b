import type { StoredEvent } from '../../../domain/stored-event';
import type { EventItem } from './event-item';
import { fromEventItem } from './event-item';
import { timePositionOf } from './time-index';

/** An event with its time-index sort key. */
interface Keyed {
  readonly event: StoredEvent;
  readonly key: string;
}

/** One shard of a time bucket, read lazily page by page in time-index order. */
export class ShardCursor {
  private buffer: Keyed[] = [];
  private at = 0;
  private exhausted = false;

  constructor(private readonly pages: AsyncIterator<EventItem[]>) {}

  /** The next event of the shard, or undefined when the shard has no more. Call `fill` first. */
  head(): Keyed | undefined {
    return this.buffer[this.at];
  }

  /** Takes the head; true when the buffer is empty afterwards and the shard may have more (call `fill`). */
  take(): boolean {
    this.at += 1;
    return this.at >= this.buffer.length && !this.exhausted;
  }

  /** Reads pages until an event is buffered or the shard is exhausted. */
  async fill(): Promise<void> {
    while (this.at >= this.buffer.length && !this.exhausted) {
      const page = await this.pages.next();
      if (page.done) this.exhausted = true;
      else {
        this.buffer = page.value.map((item) => {
          const event = fromEventItem(item);
          return { event, key: timePositionOf(event) };
        });
        this.at = 0;
      }
    }
  }
}

function smallestHead(cursors: readonly ShardCursor[]): ShardCursor | undefined {
  let best: ShardCursor | undefined;
  for (const cursor of cursors) {
    const head = cursor.head();
    if (head && (!best || head.key < best.head()!.key)) best = cursor;
  }
  return best;
}

/**
 * Merges the shards of a bucket into the first `limit` events in time-index order. Every shard reads its first
 * page at once; after that a shard reads its next page only when the merge has taken all it buffered, so a
 * page of the global order reads about `limit` items plus one partly used page per shard, not `limit` per shard.
 */
export async function mergeShards(cursors: readonly ShardCursor[], limit: number): Promise<StoredEvent[]> {
  await Promise.all(cursors.map((cursor) => cursor.fill()));
  const merged: StoredEvent[] = [];
  while (merged.length < limit) {
    const next = smallestHead(cursors);
    if (!next) break;
    merged.push(next.head()!.event);
    if (next.take()) await next.fill();
  }
  return merged;
}
