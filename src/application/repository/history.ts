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

  /**
   * Folds one more event (applied with its chunk). Returns a promise only while a personal-data codec reveals the
   * event; without one nothing is awaited, so a long stream folds without a microtask per event.
   */
  add(event: StoredEvent): Promise<void> | undefined {
    if (!this.personal) return this.push(event, event);
    return this.personal.reveal(event).then((revealed) => this.push(revealed, event));
  }

  /** Folds the given events and everything added so far; returns the last event folded, if any. */
  async fold(events: readonly StoredEvent[]): Promise<StoredEvent | undefined> {
    for (const event of events) {
      const revealing = this.add(event);
      if (revealing) await revealing;
    }
    this.flush();
    return this.last;
  }

  private push(revealed: StoredEvent, event: StoredEvent): undefined {
    this.last = event;
    this.chunk.push(this.model.events.deserialize(revealed));
    if (this.chunk.length >= HISTORY_CHUNK) this.flush();
    return undefined;
  }

  private flush(): void {
    this.aggregate.loadFromHistory(this.chunk);
    this.chunk = [];
  }
}
