import { DuplicateEventIdError } from '../../../domain/concurrency-error';
import type { CommitResult, ReadStreamOptions, StreamAppend } from '../../../domain/ports';
import type { StoredEvent } from '../../../domain/stored-event';

/**
 * How many events before a resend's own ones the store looks back: an append of n caller-chosen event ids at
 * expected version E is checked against versions E - n - RESEND_WINDOW + 1 to E. A resend whose first attempt
 * was followed by at most this many events of other writers is answered as the first time.
 */
export const RESEND_WINDOW = 10;

/**
 * The versions to look for an append's event ids in before writing it, or undefined when there is nothing to look
 * for: the ids are fresh, or the append opens the stream (it can then only be written to an empty stream). An
 * append is written only when the stream is exactly at its expected version E, so the versions up to E are the
 * only place its ids can already be; the window is the last `events + window` of them.
 */
export function resendWindowOf(
  append: StreamAppend,
  window: number = RESEND_WINDOW,
): Required<ReadStreamOptions> | undefined {
  if (append.freshEventIds === true || append.expectedVersion === 0) return undefined;
  const toVersion = append.expectedVersion;
  return { fromVersion: Math.max(1, toVersion - append.events.length - window + 1), toVersion };
}

/** The stored events carrying the append's ids, in the append's order; undefined where an id is not stored. */
function storedUnder(append: StreamAppend, recent: readonly StoredEvent[]): Array<StoredEvent | undefined> {
  const byId = new Map(recent.map((event) => [event.eventId, event]));
  return append.events.map((event) => byId.get(event.eventId));
}

/**
 * True when the found events are the whole run one commit stored in this stream, within what was read: every id
 * found, at consecutive versions in the append's order, of that commit, and no other event of it beside them.
 */
function isWholeRun(
  found: ReadonlyArray<StoredEvent | undefined>,
  recent: readonly StoredEvent[],
  commitId: string,
): boolean {
  const first = found[0];
  if (!first) return false;
  const consecutive = found.every((e, j) => e?.commitId === commitId && e.version === first.version + j);
  return consecutive && recent.filter((e) => e.commitId === commitId).length === found.length;
}

/**
 * Looks for a commit's event ids among the recent events read from its streams (by stream id). None found: the
 * commit may be written (undefined). Every append found whole, all from one stored commit: a resend, answered as
 * the first time with `duplicate: true`. Anything else would store an id twice: a `DuplicateEventIdError` naming
 * the first id found, its stream and version.
 */
export function findResend(
  appends: readonly StreamAppend[],
  recent: ReadonlyMap<string, readonly StoredEvent[]>,
): CommitResult | undefined {
  const found = appends.map((append) => storedUnder(append, recent.get(append.streamId) ?? []));
  const first = found.flat().find((event) => event !== undefined);
  if (!first) return undefined;
  const whole = appends.every((append, i) =>
    isWholeRun(found[i]!, recent.get(append.streamId) ?? [], first.commitId),
  );
  if (!whole) throw new DuplicateEventIdError(first.streamId, first.eventId, first.version);
  const events = found.flat() as StoredEvent[];
  return { commitId: first.commitId, committedAt: first.committedAt, events, duplicate: true };
}

/** The window of each append that has one, by stream id (validated appends: one per stream). */
export function resendWindows(
  appends: readonly StreamAppend[],
  window: number = RESEND_WINDOW,
): Map<string, Required<ReadStreamOptions>> {
  return new Map(
    appends.flatMap((append) => {
      const range = resendWindowOf(append, window);
      return range ? [[append.streamId, range] as const] : [];
    }),
  );
}

/** The commit time of each append's predecessor (the event at its expected version) among the events read. */
export function predecessorsIn(
  appends: readonly StreamAppend[],
  recent: ReadonlyMap<string, readonly StoredEvent[]>,
): Map<string, string> {
  const times = new Map<string, string>();
  for (const append of appends) {
    const predecessor = recent.get(append.streamId)?.find((e) => e.version === append.expectedVersion);
    if (predecessor) times.set(append.streamId, predecessor.committedAt);
  }
  return times;
}
