import { redrive } from '../../../src/projections/redrive';
import type { ProjectionPointer, ProjectionPointerStore } from '../../../src/projections/table-pointer';
import { harness } from '../../support/projections/runner-harness';
import {
  AccountDocuments,
  accountsBlue,
  Closed,
  DailyTotals,
  Deposited,
  Opened,
  totalsBlue,
  Withdrawn,
} from '../../support/projections/sample-projections';

describe('projection runner', () => {
  it('skips duplicates and fills a gap from the store instead of skipping it', async () => {
    const h = harness([new AccountDocuments()]);
    const [e1, e2, e3] = h.append('Acc#1', new Opened('ann'), new Deposited(10), new Deposited(5));
    await h.runner.deliver({ events: [e3!] });
    await h.runner.deliver({ events: [e1!, e2!] });
    await h.runner.deliver({ events: [e2!] });
    expect(h.events.reads).toBe(1);
    expect(await h.store.readState(accountsBlue, 'Acc#1')).toEqual({
      version: 3,
      document: { owner: 'ann', currency: 'EUR', balance: 15, movements: 2 },
    });
  });

  it('upcasts older schema versions before the handler sees them', async () => {
    const h = harness([new AccountDocuments()]);
    const old = {
      ...h.append('Acc#1', new Opened('ann'))[0]!,
      schemaVersion: 1,
      data: { owner: 'ann' },
    };
    await h.runner.deliver({ events: [old] });
    expect(await h.store.document(accountsBlue, 'Acc#1')).toEqual({
      owner: 'ann',
      currency: 'EUR',
      balance: 0,
      movements: 0,
    });
  });

  it('serves several projections from one runner, each with its own gates', async () => {
    const h = harness([new AccountDocuments(), new DailyTotals()]);
    const events = h.append('Acc#1', new Opened('ann'), new Deposited(10), new Withdrawn(4));
    for (const e of [...events, ...events]) await h.runner.deliver({ events: [e] });
    expect(await h.store.row(totalsBlue, 'day#2026-03-01')).toEqual({
      deposited: 10,
      withdrawn: 4,
      movements: 2,
    });
    expect((await h.store.document(accountsBlue, 'Acc#1'))?.balance).toBe(6);
  });

  it('parks a poison event, lets other streams go on, holds later events, and releases them on redrive', async () => {
    const projection = new AccountDocuments();
    const h = harness([projection]);
    projection.poisoned.add('Acc#1@2');
    const a = h.append('Acc#1', new Opened('ann'), new Deposited(10), new Deposited(5));
    const b = h.append('Acc#2', new Opened('bob'), new Deposited(1));
    for (const e of [a[0]!, b[0]!, a[1]!, b[1]!, a[2]!]) await h.runner.deliver({ events: [e] });
    expect(h.deadLetters.letters).toEqual([
      expect.objectContaining({
        projection: 'sample-accounts',
        streamId: 'Acc#1',
        version: 2,
        attempts: 2,
        mode: 'live',
      }),
    ]);
    expect(await h.store.readState(accountsBlue, 'Acc#1')).toMatchObject({
      version: 1,
      parked: { version: 2 },
    });
    expect((await h.store.document(accountsBlue, 'Acc#2'))?.balance).toBe(1);

    expect(await redrive(h.runner, h.deadLetters)).toMatchObject({
      received: 2,
      failedAgain: 1,
      deferred: 1,
    });
    expect(h.deadLetters.letters).toHaveLength(1);

    projection.poisoned.clear();
    expect(await redrive(h.runner, h.deadLetters)).toMatchObject({ received: 1, released: 1 });
    expect(await h.store.readState(accountsBlue, 'Acc#1')).toMatchObject({
      version: 3,
      document: { balance: 15 },
    });
    expect(h.deadLetters.letters).toHaveLength(0);
    expect(await redrive(h.runner, h.deadLetters)).toMatchObject({ received: 0 });
  });

  it('applies live events to the standby table too while a rebuild runs, and a rebuild replay only there', async () => {
    const pointer: ProjectionPointer = {
      projection: 'sample-accounts',
      active: 'blue',
      revision: 1,
      rebuilding: { rebuildId: 'rb', standby: 'green' },
    };
    const pointers: ProjectionPointerStore = { get: async () => pointer, put: async () => false };
    const h = harness([new AccountDocuments()], { pointers });
    const green = { ...accountsBlue, slot: 'green' } as const;
    const [e1, e2] = h.append('Acc#1', new Opened('ann'), new Deposited(3));
    await h.runner.deliver({ events: [e1!] });
    expect((await h.store.readState(accountsBlue, 'Acc#1')).version).toBe(1);
    expect((await h.store.readState(green, 'Acc#1')).version).toBe(1);
    await h.runner.deliver({
      events: [e2!],
      replay: { replayId: 'r', projection: 'sample-accounts', slot: 'green' },
    });
    expect((await h.store.readState(accountsBlue, 'Acc#1')).version).toBe(1);
    expect((await h.store.readState(green, 'Acc#1')).version).toBe(2);
    await h.runner.deliver({ events: [e2!], replay: { replayId: 'r', projection: 'other' } });
    expect((await h.store.readState(accountsBlue, 'Acc#1')).version).toBe(1);
  });

  it('moves the gate over consecutive events a projection ignores in one write', async () => {
    const h = harness([new DailyTotals()]);
    const commits: number[] = [];
    const commit = h.store.commit.bind(h.store);
    h.store.commit = async (target, streamId, step) => {
      commits.push(step.to);
      return commit(target, streamId, step);
    };
    const events = h.append(
      'Acc#1',
      new Opened('ann'),
      new Closed(),
      new Opened('ann'),
      new Deposited(2),
      new Closed(),
    );
    await h.runner.deliver({ events });
    // 1-3 are ignored (one gate move); 4 and 5 are folded into one write of the rows and the gate.
    expect(commits).toEqual([3, 5]);
    expect(await h.store.readState(totalsBlue, 'Acc#1')).toEqual({ version: 5 });
    expect(await h.store.row(totalsBlue, 'day#2026-03-01')).toEqual({ deposited: 2, movements: 1 });
  });
});
