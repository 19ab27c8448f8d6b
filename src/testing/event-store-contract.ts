import type { EventStore } from '../domain/ports';
import { RESEND_WINDOW } from '../infrastructure/dynamodb/event-store/resend-check';
import { readCases } from './event-store-contract-reads';
import { resendContract } from './event-store-resend-contract';
import { writeCases } from './event-store-contract-writes';
import { testRunnerGlobals } from './test-runner-globals';

/** Options of the contract: how long the slow cases may take. */
export interface EventStoreContractOptions {
  /** Timeout of the heavy cases (1,000 streams, large events) in ms; default 120 s. */
  readonly heavyTimeoutMs?: number;
  /** How many events of other writers after a first attempt the adapter still finds a resend behind. */
  readonly resendReach?: number;
  /** Runs of the resend property; default 40, or `EVENTFOLD_RESEND_RUNS` (a long form: 1000). */
  readonly resendRuns?: number;
  /**
   * Whether `readAll` promises commit-time order across streams (the in-memory store, the DynamoDB store with a
   * time index); default true. Without it every stream must still come in version order.
   */
  readonly commitTimeOrder?: boolean;
}

/** A fresh, empty store for one test. */
export type MakeEventStore = () => Promise<EventStore>;

/**
 * The behaviour every `EventStore` adapter must show. Call it inside a test file (jest, or vitest with globals)
 * with a factory of fresh, empty stores; the same cases then run against every adapter. Uses fast-check.
 * @example
 * eventStoreContract('DynamoDB', async () => new DynamoDbEventStore(client, await freshTables()));
 */
export function eventStoreContract(
  name: string,
  makeStore: MakeEventStore,
  options: EventStoreContractOptions = {},
): void {
  const heavy = options.heavyTimeoutMs ?? 120_000;
  const resendRuns = options.resendRuns ?? Number(process.env.EVENTFOLD_RESEND_RUNS ?? 40);
  resendContract(name, makeStore, options.resendReach ?? RESEND_WINDOW, resendRuns);
  testRunnerGlobals().describe(`EventStore contract: ${name}`, () => {
    writeCases(name, makeStore, heavy);
    readCases(name, makeStore, heavy, options.commitTimeOrder ?? true);
  });
}
