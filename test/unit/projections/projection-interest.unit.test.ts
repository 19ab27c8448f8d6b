import fc from 'fast-check';
import { Expose } from 'class-transformer';
import { EventRegistry } from '../../../src/domain/event-registry';
import { DomainEvent } from '../../../src/domain/event-types';
import type { StoredEvent } from '../../../src/domain/stored-event';
import type { ApplyContext } from '../../../src/projections/apply-context';
import { DocumentProjection } from '../../../src/projections/document-projection';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import type { AnyProjection } from '../../../src/projections/projection-binding';
import { On, Projection } from '../../../src/projections/projection-decorators';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import type { GateStep, ReadModelTarget } from '../../../src/projections/read-model-store';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { EventList } from '../../support/projections/runner-harness';
import {
  AccountDocuments,
  Closed,
  Deposited,
  Opened,
  openedV1ToV2,
  Withdrawn,
} from '../../support/projections/sample-projections';

@DomainEvent('InterestNoteWritten')
class NoteWritten {
  @Expose() text!: string;
  constructor(text: string) {
    this.text = text;
  }
}

interface Tally {
  notes: number;
  deposited: number;
}

/** v1 of the `tally` projection: handles only Note events, none of an Acc stream's. */
@Projection('tally')
class TallyV1 extends DocumentProjection<Tally> {
  @On(NoteWritten) noted(view: Tally | undefined): Tally {
    return { notes: (view?.notes ?? 0) + 1, deposited: view?.deposited ?? 0 };
  }
}

/** v2 of `tally` after a code change: it now handles deposits of Acc streams too. */
@Projection('tally')
class TallyV2 extends TallyV1 {
  @On(Deposited) deposit(view: Tally | undefined, e: Deposited, _ctx: ApplyContext): Tally {
    return { notes: view?.notes ?? 0, deposited: (view?.deposited ?? 0) + e.amount };
  }
}

const registry = new EventRegistry()
  .register(Opened, Deposited, Withdrawn, Closed, NoteWritten)
  .addUpcasters(openedV1ToV2)
  .seal();
const accountTypes = new Set(['SampleOpened', 'SampleDeposited', 'SampleWithdrawn', 'SampleClosed']);
const eventTypesOf = (type: string) =>
  type === 'Acc' ? accountTypes : type === 'Note' ? new Set(['InterestNoteWritten']) : undefined;

/** An in-memory store that records every (projection, stream) it is asked about. */
class RecordingStore extends InMemoryReadModelStore {
  readonly touched: string[] = [];
  override readState(target: ReadModelTarget, streamId: string) {
    this.touched.push(`${target.projection} ${streamId}`);
    return super.readState(target, streamId);
  }
  override commit(target: ReadModelTarget, streamId: string, step: GateStep) {
    this.touched.push(`${target.projection} ${streamId}`);
    return super.commit(target, streamId, step);
  }
}

class RecordingPointers extends FixedPointerStore {
  readonly reads: string[] = [];
  override get(projection: string) {
    this.reads.push(projection);
    return super.get(projection);
  }
}

function runner(projections: AnyProjection[], store: RecordingStore, events: EventList) {
  const pointers = new RecordingPointers();
  const deps = { projections, registry, store, eventStore: events, pointers };
  const extra = { deadLetters: new InMemoryDeadLetters(), journal: new InMemoryAnswerJournal() };
  return { run: new ProjectionRunner({ ...deps, ...extra, aggregateEventTypes: eventTypesOf }), pointers };
}

/** One event of a generated history: which stream, and for an account a deposit of that amount. */
const step = fc.record({
  stream: fc.constantFrom('Acc#a', 'Acc#b', 'Note#n'),
  amount: fc.integer({ min: 1, max: 50 }),
  duplicate: fc.boolean(),
});

function append(events: EventList, stream: string, amount: number): StoredEvent {
  if (stream.startsWith('Note')) return events.append(registry, stream, new NoteWritten(`n${amount}`));
  const opened = events.events.some((e) => e.streamId === stream);
  return events.append(registry, stream, opened ? new Deposited(amount) : new Opened('ann'));
}

const depositsOf = (events: readonly StoredEvent[], stream: string) =>
  events
    .filter((e) => e.streamId === stream && e.type === 'SampleDeposited')
    .reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0);

describe('projection interest', () => {
  it('sends no request for the streams of an aggregate type whose events a projection does not handle', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const store = new RecordingStore();
        const events = new EventList();
        const { run, pointers } = runner([new AccountDocuments(), new TallyV1()], store, events);
        for (const s of steps) {
          const event = append(events, s.stream, s.amount);
          await run.deliver({ events: [event] });
          if (s.duplicate) await run.deliver({ events: [event] });
          if (s.stream.startsWith('Acc')) expect(pointers.reads).not.toContain('tally');
          pointers.reads.length = 0;
        }
        expect(store.touched.filter((t) => t.startsWith('tally Acc#'))).toEqual([]);
        expect(store.touched.filter((t) => t.startsWith('sample-accounts Note#'))).toEqual([]);
        const notes = steps.filter((s) => s.stream === 'Note#n').length;
        const tally = await store.document({ projection: 'tally', slot: 'blue' }, 'Note#n');
        expect(tally).toEqual(notes ? { notes, deposited: 0 } : undefined);
      }),
      { numRuns: 100 },
    );
  });

  it('applies a stream from its first version once a code change makes the projection handle it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 20 }),
        fc.array(step, { minLength: 1, maxLength: 20 }),
        async (before, after) => {
          const store = new RecordingStore();
          const events = new EventList();
          const v1 = runner([new TallyV1()], store, events).run;
          for (const s of before) await v1.deliver({ events: [append(events, s.stream, s.amount)] });
          const v2 = runner([new TallyV2()], store, events).run;
          const delivered = new Set<string>();
          for (const s of after) {
            const event = append(events, s.stream, s.amount);
            await v2.deliver({ events: [event] });
            if (s.duplicate) await v2.deliver({ events: [event] });
            delivered.add(s.stream);
          }
          for (const stream of ['Acc#a', 'Acc#b']) {
            const gate = await store.readState({ projection: 'tally', slot: 'blue' }, stream);
            const version = events.events.filter((e) => e.streamId === stream).length;
            const deposited = depositsOf(events.events, stream);
            const document = deposited > 0 ? { notes: 0, deposited } : undefined;
            if (!delivered.has(stream)) expect(gate.version).toBe(0);
            else expect(gate).toEqual(document ? { version, document } : { version });
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
