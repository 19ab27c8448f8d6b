import type {
  Commit,
  CommitResult,
  EventStore,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
} from '../../domain/ports';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { StoredEvent } from '../../domain/stored-event';

/**
 * An event store that encrypts the personal fields of every commit before the store sees it (guarantee 14: the
 * events table never holds personal plaintext). Reads pass through untouched, still sealed: readers reveal what they
 * show with the codec, so the projection and replay streams carry ciphertext too. A commit without personal fields
 * reaches the store as the very same object (and costs the same).
 * @example
 * const store = new SealingEventStore(new DynamoDbEventStore(client, config), codec);
 */
export class SealingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly codec: PersonalDataCodec,
  ) {}

  async commit(commit: Commit): Promise<CommitResult> {
    const streams = await Promise.all(commit.streams.map((append) => this.codec.seal(append)));
    const same = streams.every((append, i) => append === commit.streams[i]);
    return this.inner.commit(same ? commit : { ...commit, streams });
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    return this.inner.readAll(options);
  }
}
