import type { Aggregate } from '../../domain/aggregate';
import type { DomainModel } from '../../domain/domain-model';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { EventStore, ReadStreamOptions } from '../../domain/ports';
import type { StoredEvent } from '../../domain/stored-event';

/** How many events are deserialized before they are applied: memory stays flat on long streams. */
const HISTORY_CHUNK = 100;

/**
 * Folds a stream's stored events into an aggregate in chunks, keeping the last one folded; with a personal-data
 * codec, each event's personal fields are revealed first (the plaintext, or a forgotten subject's replacement).
 */
export class History {
  private chunk: object[] = [];
  private last: StoredEvent | undefined;

  constructor(
    private readonly aggregate: Aggregate,
    private readonly model: DomainModel,
    private readonly personal?: PersonalDataCodec,
  ) {}

  /** The aggregate's events in a range of versions, read but not folded yet. */
  async read(store: EventStore, range: ReadStreamOptions): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const event of store.readStream(this.aggregate.streamId, range)) events.push(event);
    return events;
  }

  /** Folds one more event (applied with its chunk). */
  async add(event: StoredEvent): Promise<void> {
    this.last = event;
    const revealed = this.personal ? await this.personal.reveal(event) : event;
    this.chunk.push(this.model.events.deserialize(revealed));
    if (this.chunk.length >= HISTORY_CHUNK) this.flush();
  }

  /** Folds the given events and everything added so far; returns the last event folded, if any. */
  async fold(events: readonly StoredEvent[]): Promise<StoredEvent | undefined> {
    for (const event of events) await this.add(event);
    this.flush();
    return this.last;
  }

  private flush(): void {
    this.aggregate.loadFromHistory(this.chunk);
    this.chunk = [];
  }
}
