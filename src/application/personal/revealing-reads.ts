import type { EventStore } from '../../domain/ports';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { StoredEvent } from '../../domain/stored-event';

async function* revealAll(events: AsyncIterable<StoredEvent>, codec: PersonalDataCodec) {
  for await (const event of events) yield await codec.reveal(event);
}

/**
 * A view of a store whose stream reads come back with personal fields revealed (plaintext, or the replacement of
 * a forgotten subject): what the HTTP stream route and an API publish's aggregate check read. Commits go to the
 * store as given.
 * @example
 * const store = revealingReads(sealingStore, codec);
 */
export function revealingReads(
  store: Pick<EventStore, 'commit' | 'readStream'>,
  codec: PersonalDataCodec | undefined,
): Pick<EventStore, 'commit' | 'readStream'> {
  if (!codec) return store;
  return {
    commit: (commit) => store.commit(commit),
    readStream: (streamId, options) => revealAll(store.readStream(streamId, options), codec),
  };
}
