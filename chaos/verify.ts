import { isDeepStrictEqual } from 'node:util';
import type { EventRegistry } from '../src/domain/event-registry';
import type { EventStore } from '../src/domain/ports';
import type { StoredEvent } from '../src/domain/stored-event';
import type { AnyProjection } from '../src/projections/projection-binding';
import { projectionInfoOf } from '../src/projections/projection-decorators';
import type { ReadModelReader } from '../src/projections/read-model-store';
import type { ProjectionPointerStore } from '../src/projections/table-pointer';
import { fold } from '../test/int/pipeline/fold';

/** What a check found: the facts it established and the violations (empty when everything holds). */
export interface Verdict {
  readonly facts: Record<string, number | string>;
  readonly violations: string[];
}

/** Reads every event of each stream. */
export async function readHistories(
  store: EventStore,
  streamIds: readonly string[],
): Promise<StoredEvent[][]> {
  return Promise.all(
    streamIds.map(async (streamId) => {
      const events: StoredEvent[] = [];
      for await (const event of store.readStream(streamId)) events.push(event);
      return events;
    }),
  );
}

interface Money {
  balance: number;
  lowest: number;
}

function moneyOf(history: readonly StoredEvent[]): Money {
  const money = { balance: 0, lowest: 0 };
  for (const e of history) {
    const data = e.data as { openingBalance?: number; amount?: number };
    if (e.type === 'AccountOpened') money.balance = data.openingBalance ?? 0;
    if (e.type === 'PaymentSent') money.balance -= data.amount ?? 0;
    if (e.type === 'PaymentReceived') money.balance += data.amount ?? 0;
    money.lowest = Math.min(money.lowest, money.balance);
  }
  return money;
}

function paymentsMatch(histories: readonly StoredEvent[][]): number {
  const sent = new Map<string, number>();
  const received = new Map<string, number>();
  for (const e of histories.flat()) {
    const data = e.data as { paymentId?: string; amount?: number };
    if (e.type === 'PaymentSent') sent.set(data.paymentId!, data.amount!);
    if (e.type === 'PaymentReceived') received.set(data.paymentId!, data.amount!);
  }
  let unmatched = 0;
  for (const [id, amount] of sent) if (received.get(id) !== amount) unmatched += 1;
  return unmatched + Math.max(0, received.size - sent.size);
}

/**
 * The store's invariants of the bank: money is neither created nor destroyed (the balances add up to the opening
 * balances), no balance is ever negative at any version, every payment sent was received in the same amount, and
 * every stream's versions are exactly 1..N.
 */
export function verifyStore(histories: readonly StoredEvent[][], openingTotal: number): Verdict {
  const violations: string[] = [];
  let total = 0;
  let events = 0;
  for (const history of histories) {
    events += history.length;
    const streamId = history[0]?.streamId ?? '(empty stream)';
    if (history.some((e, i) => e.version !== i + 1)) violations.push(`${streamId}: versions not 1..N`);
    const money = moneyOf(history);
    if (money.lowest < 0) violations.push(`${streamId}: balance went to ${money.lowest}`);
    total += money.balance;
  }
  if (total !== openingTotal) violations.push(`money not constant: ${total} != ${openingTotal}`);
  const unmatched = paymentsMatch(histories);
  if (unmatched > 0) violations.push(`${unmatched} payments without a matching credit`);
  const payments = histories.flat().filter((e) => e.type === 'PaymentSent').length;
  return { facts: { streams: histories.length, events, payments, totalMoney: total }, violations };
}

/** Whether each projection's ACTIVE table equals the fold of the store's events (documents, rows, versions). */
export async function verifyReadModels(
  projections: readonly AnyProjection[],
  registry: EventRegistry,
  histories: StoredEvent[][],
  reader: ReadModelReader,
  pointers: ProjectionPointerStore,
): Promise<Verdict> {
  const violations: string[] = [];
  const facts: Record<string, number | string> = {};
  for (const projection of projections) {
    const name = projectionInfoOf(projection).name;
    const { active } = await pointers.get(name);
    const dump = await reader.dump({ projection: name, slot: active });
    const expected = await fold(projection, registry, histories);
    facts[`${name} (${active})`] =
      `${Object.keys(dump.documents).length} documents, ${Object.keys(dump.rows).length} rows`;
    if (!isDeepStrictEqual(dump.documents, expected.documents)) violations.push(`${name}: documents differ`);
    if (!isDeepStrictEqual(dump.rows, expected.rows)) violations.push(`${name}: rows differ`);
    const behind = histories.filter((h) => h.length > 0 && dump.versions[h[0]!.streamId] !== h.length);
    if (behind.length > 0) {
      const which = behind.map(
        (h) => `${h[0]!.streamId} at ${dump.versions[h[0]!.streamId] ?? 0} of ${h.length}`,
      );
      violations.push(`${name}: ${behind.length} streams at the wrong version (${which.join(', ')})`);
    }
  }
  return { facts, violations };
}
