import type { EventStore, GlobalPosition } from '../../domain/ports';
import type { StoredEvent } from '../../domain/stored-event';
import type { ReplayCursor } from './replay-cursor';
import type { ReplayMode } from './replay-mode';

/** The size of one replay page: at most 500 events and 5 MB, what one Kinesis PutRecords call takes. */
export interface PageLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

/** The default page: PutRecords' 500 records and 5 MB. */
export const DEFAULT_PAGE_LIMITS: PageLimits = { maxEvents: 500, maxBytes: 5 * 1024 * 1024 };

/** One page of a replay and where the next one starts; `done` when nothing is left now. */
export interface ReplayPage {
  readonly events: readonly StoredEvent[];
  readonly cursor: ReplayCursor;
  readonly done: boolean;
}

/** The bytes an event takes on the wire (its JSON), used to keep pages under the byte limit. */
export function eventBytes(event: StoredEvent): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}

async function readAggregatePage(
  store: EventStore,
  streamId: string,
  fromVersion: number,
  limits: PageLimits,
): Promise<ReplayPage> {
  const events: StoredEvent[] = [];
  let bytes = 0;
  let full = false;
  for await (const event of store.readStream(streamId, { fromVersion })) {
    bytes += eventBytes(event);
    if (events.length >= limits.maxEvents || (events.length > 0 && bytes > limits.maxBytes)) {
      full = true;
      break;
    }
    events.push(event);
  }
  const last = events[events.length - 1];
  return { events, cursor: { nextVersion: last ? last.version + 1 : fromVersion }, done: !full };
}

/**
 * Reads the next page of a replay: commit-time order through `readAll` for the modes all and since,
 * version order through `readStream` for one aggregate.
 */
export async function readReplayPage(
  store: EventStore,
  mode: ReplayMode,
  cursor: ReplayCursor,
  limits: PageLimits = DEFAULT_PAGE_LIMITS,
): Promise<ReplayPage> {
  if (mode.kind === 'aggregate') {
    const fromVersion = 'nextVersion' in cursor ? cursor.nextVersion : 1;
    return readAggregatePage(store, mode.streamId, fromVersion, limits);
  }
  const after = 'after' in cursor ? cursor.after : undefined;
  const since = mode.kind === 'since' ? mode.since : undefined;
  const page = await store.readAll({ since, after, limit: limits.maxEvents, maxBytes: limits.maxBytes });
  if (!page.next) {
    const end = page.events[page.events.length - 1] ?? after;
    return { events: page.events, cursor: end ? { after: positionOf(end) } : {}, done: true };
  }
  return { events: page.events, cursor: { after: positionOf(page.next) }, done: false };
}

/** Only the three fields of a position, whatever object carries them: the cursor stays tiny. */
function positionOf({ committedAt, streamId, version }: GlobalPosition): GlobalPosition {
  return { committedAt, streamId, version };
}
