import { isProcessStream } from '../domain/process-streams';
import { parseStreamId, type StoredEvent } from '../domain/stored-event';
import type { ProjectionBinding } from './projection-binding';

/** The event types of an aggregate type; undefined when they are not known. */
export type AggregateEventTypes = (aggregateType: string) => ReadonlySet<string> | undefined;

/**
 * Decides whether a projection has anything to do with a stream's events. A projection that handles none of an
 * aggregate type's event types is not concerned by that type's streams: the runner sends no request for them
 * (no pointer read, no gate read, no gate move), so its gates of those streams stay absent (version 0).
 *
 * Guarantee 6 still holds if the projection later handles some of that type's events (a code change): the first
 * event of a stream it then receives finds the gate at 0, a gap, and the runner reads the stream's earlier
 * versions from the event store and applies them in order first, as for any gap. So the read model comes out as
 * if the projection had always handled them (in the delivery's mode: live side effects of those past events
 * run then too; rebuild the projection instead when they must not).
 *
 * A projection handling some of a type's events keeps moving its gate past the others, so that its next handled
 * event does not have to read them back. Streams of an aggregate type the domain does not register (or when no
 * domain is given) always concern the projection; so do events it handles, whatever their stream. The streams of
 * process managers (`Process.<name>#<key>`) never do: they hold the runner's records, not domain events.
 */
export class ProjectionInterest {
  private readonly byType = new Map<string, boolean>();

  constructor(private readonly eventTypesOf?: AggregateEventTypes) {}

  /** True when the projection must see these events of this stream (read and move its gate). */
  concerns(binding: ProjectionBinding, streamId: string, events: readonly StoredEvent[]): boolean {
    if (isProcessStream(streamId)) return false;
    if (events.some((event) => binding.info.handlers.has(event.type))) return true;
    const aggregateType = parseStreamId(streamId)?.aggregateType;
    if (aggregateType === undefined || !this.eventTypesOf) return true;
    const key = `${binding.info.name}\u0000${aggregateType}`;
    let concerned = this.byType.get(key);
    if (concerned === undefined) {
      const types = this.eventTypesOf(aggregateType);
      concerned = !types || [...binding.info.handlers.keys()].some((type) => types.has(type));
      this.byType.set(key, concerned);
    }
    return concerned;
  }
}
