import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { IsString } from 'class-validator';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import {
  Aggregate,
  AggregateRoot,
  Apply,
  CachedSubjectKeys,
  DataSubject,
  defineDomain,
  DomainEvent,
  ForgetService,
  PersonalData,
  PersonalDataCodec,
  SealingEventStore,
} from '../../../src';
import { AggregateRepository } from '../../../src/application/repository';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbSnapshotStore } from '../../../src/infrastructure/dynamodb/snapshot-store';
import {
  ensureEventStoreTables,
  ensureTable,
  keysTableDefinition,
} from '../../../src/infrastructure/dynamodb/tables';
import { DynamoDbSubjectKeys, LocalKeyWrapper } from '../../../src/infrastructure/keys';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventfoldConfig } from '../../../src/infrastructure/config';

/** A patron's name: personal data of the patron. */
@DomainEvent('PatronNamed', 1)
class PatronNamed {
  @IsString() @DataSubject() readonly patronId: string;
  @IsString() @PersonalData({ subject: 'patronId', replacement: '(forgotten)' }) readonly name: string;
  constructor(patronId: string, name: string) {
    this.patronId = patronId;
    this.name = name;
  }
}

/** A visit: no personal data. */
@DomainEvent('Visited', 1)
class Visited {
  constructor(readonly at: number) {}
}

/** Holds a name, so it must never be snapshotted, however often its policy says so. */
@AggregateRoot('Patron', { snapshotEvery: 2 })
class Patron extends Aggregate {
  name = '';
  visits = 0;
  rename(name: string): void {
    this.apply(new PatronNamed(this.id, name));
  }
  visit(): void {
    this.apply(new Visited(this.visits + 1));
  }
  @Apply(PatronNamed) onNamed(e: PatronNamed): void {
    this.name = e.name;
  }
  @Apply(Visited) onVisited(): void {
    this.visits += 1;
  }
}

/** The same policy without personal data: it is snapshotted, so the check above is not vacuous. */
@AggregateRoot('Turnstile', { snapshotEvery: 2 })
class Turnstile extends Aggregate {
  visits = 0;
  visit(): void {
    this.apply(new Visited(this.visits + 1));
  }
  @Apply(Visited) onVisited(): void {
    this.visits += 1;
  }
}

const model = defineDomain({ aggregates: [Patron, Turnstile] });
const step = fc.record({
  kind: fc.constantFrom('rename' as const, 'visit' as const, 'forget' as const),
  p: fc.constantFrom(0, 1, 2),
  text: fc.stringMatching(/^[a-z]{4,8}$/),
});

/**
 * Random patron histories with forgets on the real event, snapshot and keys tables, under a policy that asks for a
 * snapshot every 2 events: no patron (it applies a personal field) is ever snapshotted, every patron loads with its
 * replacements, and the turnstile (same policy, no personal data) is, so the check is not vacuous. Tables of their
 * own beside the runtime's (`shred-patron-*`), which no stream of the runtime reads.
 */
export async function snapshotProperty(client: DynamoDBClient, runtime: EventfoldConfig, runs: number) {
  const config: EventfoldConfig = {
    ...runtime,
    eventsTable: 'shred-patron-events',
    snapshotsTable: 'shred-patron-snapshots',
    controlTable: 'shred-patron-control',
    keysTable: 'shred-patron-keys',
  };
  await ensureEventStoreTables(client, config);
  await ensureTable(client, keysTableDefinition(config.keysTable!));
  const keys = new CachedSubjectKeys(
    new DynamoDbSubjectKeys(
      client,
      config.keysTable ?? 'eventfold-keys',
      new LocalKeyWrapper(randomBytes(32)),
    ),
  );
  const codec = new PersonalDataCodec(model.personal, keys);
  const events = new SealingEventStore(new DynamoDbEventStore(client, config), codec);
  const repository = new AggregateRepository(events, new DynamoDbSnapshotStore(client, config), model, {
    personal: codec,
  });
  const forget = new ForgetService(keys, events);
  const snapshotItems = async () => {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: config.snapshotsTable }));
    return Items.map((item) => unmarshall(item));
  };
  let run = 0;
  const forgotten = new Set<string>();
  const forgottenIds = new Set<string>();
  /** The name a patron shows after a rename: a forgotten id stays forgotten (no key), and its new name with it. */
  const renamed = (id: string, name: string) => {
    if (!forgottenIds.has(id)) return name;
    forgotten.add(name);
    return '(forgotten)';
  };
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (steps) => {
      run++;
      const expected = new Map<string, { name: string; visits: number }>();
      for (const [i, s] of steps.entries()) {
        const id = `s${run}p${s.p}`;
        const now = expected.get(id) ?? { name: '', visits: 0 };
        if (s.kind === 'forget') {
          await forget.forget(id);
          forgottenIds.add(id);
          if (now.name && now.name !== '(forgotten)') forgotten.add(now.name);
          expected.set(id, { ...now, name: now.name && '(forgotten)' });
          continue;
        }
        const name = `N${s.text}s${run}i${i}`;
        const patron = await repository.load(Patron, id);
        const turnstile = await repository.load(Turnstile, `s${run}`);
        if (s.kind === 'rename') patron.rename(name);
        else patron.visit();
        turnstile.visit();
        await repository.save([patron, turnstile]);
        expected.set(
          id,
          s.kind === 'rename' ? { ...now, name: renamed(id, name) } : { ...now, visits: now.visits + 1 },
        );
      }
      for (const [id, want] of expected) {
        const patron = await repository.load(Patron, id);
        expect({ id, name: patron.name, visits: patron.visits }).toEqual({ id, ...want });
      }
      const items = await snapshotItems();
      expect(items.filter((item) => String(item.streamId).startsWith('Patron#'))).toEqual([]);
      const text = JSON.stringify(items);
      expect([...forgotten].filter((name) => text.includes(name))).toEqual([]);
    }),
    { numRuns: runs },
  );
  const turnstiles = (await snapshotItems()).filter((item) => String(item.streamId).startsWith('Turnstile#'));
  expect(turnstiles.length).toBeGreaterThan(0);
}
