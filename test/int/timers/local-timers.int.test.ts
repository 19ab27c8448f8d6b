import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetQueueUrlCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimerFired, TimerRequest } from '../../../src';
import { createDynamoDbClient, createSqsClient } from '../../../src/infrastructure/aws/clients';
import { createSchedulerClient } from '../../../src/infrastructure/scheduler/scheduler-client';
import { EventBridgeTimerScheduler } from '../../../src/infrastructure/scheduler/eventbridge-timer-scheduler';
import { scheduleNameOf } from '../../../src/infrastructure/scheduler/schedule-name';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../src/infrastructure/local/dynamodb-local';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import { startLocalSqs, type LocalSqs } from '../../../src/infrastructure/local/sqs-server';
import { LocalClock } from '../../../src/infrastructure/local/scheduler/local-clock';
import { type LocalTimers, startLocalTimers } from '../../../src/infrastructure/local/scheduler/local-timers';
import { ScheduleTable } from '../../../src/infrastructure/local/scheduler/schedule-table';

const region = 'us-east-1';
const minute = 60_000;
const RUNS = Number(process.env.EVENTFOLD_TIMER_RUNS ?? 8);

interface Delivery {
  readonly fired: TimerFired;
  readonly at: number;
}

/** The local scheduler and the EventBridge adapter talking to it, over one DynamoDB Local and one SQS. */
interface Rig {
  readonly timers: LocalTimers;
  readonly adapter: EventBridgeTimerScheduler;
  readonly client: SchedulerClient;
  readonly deliveries: Delivery[];
  stop(): Promise<void>;
}

let dataDir: string;
let ddb: DynamoDbLocal;
let sqsLocal: LocalSqs;
let dynamodb: DynamoDBClient;
let sqs: SQSClient;

async function startDdb(): Promise<void> {
  ddb = await startDynamoDbLocal({ dataDir });
  dynamodb = createDynamoDbClient({ region, dynamodb: ddb.endpoint });
}

async function stopDdb(): Promise<void> {
  dynamodb.destroy();
  await ddb.stop();
}

async function rig(clock: LocalClock, fail: (t: TimerFired) => boolean = () => false): Promise<Rig> {
  const timers = await startLocalTimers({ dynamodb, sqs, clock, pollIntervalMs: 50, retryBackoffMs: 10 });
  const client = createSchedulerClient({ region, scheduler: timers.endpoint });
  const adapter = new EventBridgeTimerScheduler(client, {
    settings: timers.settings,
    now: () => clock.now(),
    retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 60 },
  });
  const deliveries: Delivery[] = [];
  timers.deliverTo(async (event) => {
    const fired = event as TimerFired;
    deliveries.push({ fired, at: clock.now().getTime() });
    if (fail(fired)) throw new Error(`handler failed on ${fired.timerId}`);
  });
  const stop = async () => {
    client.destroy();
    await timers.stop();
  };
  return { timers, adapter, client, deliveries, stop };
}

function timer(timerId: string, dueAt: number): TimerRequest {
  return {
    timerId,
    process: 'expiry',
    processId: 'p-1',
    name: 'expire',
    dueAt: new Date(dueAt).toISOString(),
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'eventfold-timers-'));
  [sqsLocal] = await Promise.all([startLocalSqs(), startDdb()]);
  sqs = createSqsClient({ region, sqs: sqsLocal.endpoint });
}, 120_000);

afterAll(async () => {
  sqs?.destroy();
  await Promise.all([sqsLocal?.stop(), ddb ? stopDdb() : undefined]);
  rmSync(dataDir, { recursive: true, force: true });
});

type Op =
  | { kind: 'schedule'; id: number; inMinutes: number }
  | { kind: 'cancel'; id: number }
  | { kind: 'advance'; minutes: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('schedule' as const),
    id: fc.nat(6),
    inMinutes: fc.integer({ min: 2, max: 120 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), id: fc.nat(6) }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 90 }) }),
);

/** What EventBridge Scheduler would do with the same calls: a schedule per name, deleted once fired or cancelled. */
class Model {
  readonly pending = new Map<string, number>();
  readonly expected: string[] = [];

  schedule(id: string, due: number): void {
    if (!this.pending.has(id)) this.pending.set(id, due);
  }

  cancel(id: string): void {
    this.pending.delete(id);
  }

  fireUntil(now: number): void {
    const due = [...this.pending].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    for (const [id] of due) {
      this.pending.delete(id);
      this.expected.push(id);
    }
  }
}

describe('the local scheduler on DynamoDB Local', () => {
  it('fires every due, uncancelled timer once, in due order, never early', async () => {
    const clock = new LocalClock();
    const r = await rig(clock);
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
          run += 1;
          const model = new Model();
          const from = r.deliveries.length;
          for (const o of ops) {
            const id = `run${run}-t${'id' in o ? o.id : 0}`;
            if (o.kind === 'schedule') {
              const due = clock.now().getTime() + o.inMinutes * minute;
              const already = model.pending.get(id);
              model.schedule(id, due);
              await r.adapter.schedule(timer(id, already ?? due));
            } else if (o.kind === 'cancel') {
              model.cancel(id);
              await r.adapter.cancel(id);
            } else {
              await r.timers.advance(o.minutes * minute);
              model.fireUntil(clock.now().getTime());
            }
          }
          await r.timers.advance('3h');
          model.fireUntil(clock.now().getTime());
          const seen = r.deliveries.slice(from);
          expect(seen.map((d) => d.fired.timerId).sort()).toEqual([...model.expected].sort());
          const dues = seen.map((d) => Date.parse(d.fired.dueAt));
          expect(dues).toEqual([...dues].sort((a, b) => a - b));
          for (const d of seen) expect(d.at).toBeGreaterThanOrEqual(Date.parse(d.fired.dueAt));
        }),
        { numRuns: RUNS },
      );
    } finally {
      await r.stop();
    }
  }, 300_000);

  it('keeps timers over a restart, and fires one that fell due while it was down', async () => {
    const clock = new LocalClock();
    let r = await rig(clock);
    const start = clock.now().getTime();
    await r.adapter.schedule(timer('restart-early', start + 10 * minute));
    await r.adapter.schedule(timer('restart-late', start + 30 * minute));
    await r.adapter.schedule(timer('restart-cancelled', start + 5 * minute));
    await r.adapter.cancel('restart-cancelled');
    await r.timers.advance('1m');
    await r.stop();
    await stopDdb();

    await startDdb();
    // The runtime was down for a quarter of an hour: its clock goes on from where it was, 15 minutes later.
    const persisted = await new ScheduleTable(dynamodb).clockOffset();
    expect(persisted).toBe(minute);
    const later = new LocalClock(persisted + 15 * minute);
    r = await rig(later);
    try {
      await waitFor(async () => r.deliveries.length > 0, 'the timer due while down', 20_000);
      expect(r.deliveries.map((d) => d.fired.timerId)).toEqual(['restart-early']);
      await r.timers.advance('15m');
      expect(r.deliveries.map((d) => d.fired.timerId)).toEqual(['restart-early', 'restart-late']);
    } finally {
      await r.stop();
    }
  }, 180_000);

  it('retries a failing delivery, then parks it in the dead-letter queue', async () => {
    const clock = new LocalClock();
    let failures = 0;
    const r = await rig(clock, (t) => t.timerId === 'poison' || (t.timerId === 'flaky' && failures++ === 0));
    try {
      const now = clock.now().getTime();
      await r.adapter.schedule(timer('poison', now + 2 * minute));
      await r.adapter.schedule(timer('flaky', now + 3 * minute));
      await r.timers.advance('5m');
      const ids = () => r.deliveries.map((d) => d.fired.timerId);
      await waitFor(
        async () => ids().filter((id) => id === 'poison').length === 3,
        'three tries of poison',
        20_000,
      );
      await waitFor(
        async () => ids().filter((id) => id === 'flaky').length === 2,
        'a second try of flaky',
        20_000,
      );
      const { QueueUrl } = await sqs.send(
        new GetQueueUrlCommand({ QueueName: 'eventfold-timer-dead-letters' }),
      );
      const parked: string[] = [];
      await waitFor(async () => {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
        parked.push(...(out.Messages ?? []).map((m) => m.Body ?? ''));
        return parked.length > 0;
      }, 'the parked timer');
      expect(JSON.parse(parked[0] ?? '{}')).toMatchObject({
        schedule: 'eventfold-timers/poison',
        attempts: 3,
      });
      await r.timers.advance('1h');
      expect(ids().filter((id) => id === 'poison')).toHaveLength(3);
      expect(ids().filter((id) => id === 'flaky')).toHaveLength(2);
    } finally {
      await r.stop();
    }
  }, 120_000);

  it('names any timer id as one valid schedule, scheduled twice as one, cancelled without a trace', async () => {
    const clock = new LocalClock();
    const r = await rig(clock);
    try {
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }), async (timerId) => {
          const due = clock.now().getTime() + 10 * minute;
          await r.adapter.schedule(timer(timerId, due));
          await r.adapter.schedule(timer(timerId, due + minute));
          const Name = scheduleNameOf(timerId);
          const found = await r.client.send(new GetScheduleCommand({ Name, GroupName: 'eventfold-timers' }));
          expect(JSON.parse(found.Target?.Input ?? '{}')).toMatchObject({
            timerId,
            dueAt: new Date(due).toISOString(),
          });
          await r.adapter.cancel(timerId);
          await r.adapter.cancel(timerId);
          await expect(
            r.client.send(new GetScheduleCommand({ Name, GroupName: 'eventfold-timers' })),
          ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
        }),
        { numRuns: 12 },
      );
    } finally {
      await r.stop();
    }
  }, 120_000);
});
