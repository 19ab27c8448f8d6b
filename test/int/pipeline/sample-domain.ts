import type { NewEvent } from '../../../src/domain/stored-event';
import type { EventRegistry } from '../../../src/domain/event-registry';
import { Closed, Deposited, Opened, Withdrawn } from '../../support/projections/sample-projections';

/** One generated operation on an account. */
export interface Operation {
  readonly account: number;
  readonly kind: 'deposit' | 'withdraw' | 'both' | 'transfer' | 'close';
  readonly amount: number;
  readonly day: number;
}

let ids = 0;

/** The events of one operation, per stream; an account's first events open it. */
export function eventsOf(
  registry: EventRegistry,
  op: Operation,
  streams: readonly string[],
  opened: Set<string>,
): Map<string, NewEvent[]> {
  const own = streams[op.account % streams.length] as string;
  const other = streams[(op.account + 1) % streams.length] as string;
  const byStream = new Map<string, object[]>();
  const add = (streamId: string, ...events: object[]) => {
    if (!opened.has(streamId)) {
      opened.add(streamId);
      events.unshift(new Opened(`owner-${streamId}`));
    }
    byStream.set(streamId, [...(byStream.get(streamId) ?? []), ...events]);
  };
  if (op.kind === 'deposit') add(own, new Deposited(op.amount));
  if (op.kind === 'withdraw') add(own, new Withdrawn(op.amount));
  if (op.kind === 'both') add(own, new Deposited(op.amount), new Withdrawn(Math.ceil(op.amount / 2)));
  if (op.kind === 'close') add(own, new Closed());
  if (op.kind === 'transfer' && other !== own) {
    add(own, new Withdrawn(op.amount));
    add(other, new Deposited(op.amount));
  }
  if (op.kind === 'transfer' && other === own) add(own, new Deposited(op.amount));
  return new Map(
    [...byStream].map(([streamId, events]) => [
      streamId,
      events.map((e) => ({ ...registry.serialize(e), eventId: `ev-${(ids += 1)}`, metadata: {} })),
    ]),
  );
}
