import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Duration } from '../../../domain/duration';
import type { TimerSettings } from '../../config';
import { LocalClock } from './local-clock';
import { LocalSchedulePoller, type LocalTarget } from './schedule-poller';
import { ensureSchedulesTable, ScheduleTable } from './schedule-table';
import { startLocalSchedulerServer } from './scheduler-server';

/** The ARN the local scheduler maps to the timer function. */
export const LOCAL_TIMER_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:eventfold-timer';
const LOCAL_TIMER_QUEUE = 'eventfold-timer-dead-letters';

/** What the local timers need. */
export interface LocalTimersOptions {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly clock?: LocalClock;
  readonly pollIntervalMs?: number;
  readonly retryBackoffMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** The clock after a move, and how many timers fell due and were delivered. */
export interface ClockMove {
  readonly now: Date;
  readonly delivered: number;
}

/** The local runtime's scheduler, running. */
export interface LocalTimers {
  /** Where the local Scheduler API answers (the runtime's `endpoints.scheduler`). */
  readonly endpoint: string;
  /** The settings the runtime's configuration gets (`config.timers`). */
  readonly settings: TimerSettings;
  readonly clock: LocalClock;
  /** Moves the clock forward (kept across restarts) and delivers every timer due by then. */
  advance(by: Duration): Promise<ClockMove>;
  /** Moves the clock to a time (never back) and delivers every timer due by then. */
  advanceTo(time: Date): Promise<ClockMove>;
  /** Starts delivering due timers to the timer function. */
  deliverTo(timerFunction: LocalTarget): void;
  /** Delivers what is due now (after the clock moved); resolves with how many were delivered. */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

async function timerDeadLetterQueue(sqs: SQSClient): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: LOCAL_TIMER_QUEUE }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return {
    url: url ?? '',
    arn: Attributes?.QueueArn ?? `arn:aws:sqs:us-east-1:000000000000:${LOCAL_TIMER_QUEUE}`,
  };
}

/**
 * Starts the local stand-in of EventBridge Scheduler: its API over a schedules table in DynamoDB Local (timers
 * survive a restart on the same data folder), and, once given the timer function, a poller that invokes it with
 * each due timer by the runtime's clock; a timer that fell due while the runtime was down fires on start.
 */
export async function startLocalTimers(options: LocalTimersOptions): Promise<LocalTimers> {
  await ensureSchedulesTable(options.dynamodb);
  const table = new ScheduleTable(options.dynamodb);
  const dlq = await timerDeadLetterQueue(options.sqs);
  const server = await startLocalSchedulerServer(table);
  const clock = options.clock ?? new LocalClock(await table.clockOffset());
  /** Moves the clock, then delivers what fell due (a background poll may deliver some first: they count too). */
  const move = async (step: () => void): Promise<ClockMove> => {
    const before = poller.delivered;
    step();
    await table.saveClockOffset(clock.offset);
    await poller.runDue();
    return { now: clock.now(), delivered: poller.delivered - before };
  };
  let target: LocalTarget | undefined;
  const poller = new LocalSchedulePoller({
    table,
    clock,
    targets: (arn) => (arn === LOCAL_TIMER_ARN ? target : undefined),
    deadLetter: (arn, message) => sendTo(options.sqs, arn === dlq.arn ? dlq.url : arn, message),
    pollIntervalMs: options.pollIntervalMs,
    retryBackoffMs: options.retryBackoffMs,
    onError: options.onError,
  });
  return {
    endpoint: server.endpoint,
    settings: {
      groupName: 'eventfold-timers',
      targetArn: LOCAL_TIMER_ARN,
      roleArn: 'arn:aws:iam::000000000000:role/eventfold-timer-scheduler',
      deadLetterArn: dlq.arn,
    },
    clock,
    advance: (by) => move(() => clock.advance(by)),
    advanceTo: (time) => move(() => clock.advanceTo(time)),
    deliverTo(timerFunction) {
      target = timerFunction;
      poller.start();
    },
    runDue: () => poller.runDue(),
    async stop() {
      await poller.stop();
      await server.stop();
    },
  };
}

async function sendTo(sqs: SQSClient, queueUrl: string, message: string): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message }));
}
