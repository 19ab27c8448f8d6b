import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../src/infrastructure/aws/clients';
import { type Units, meterRequest } from './request-units';
import { TableLookups } from './table-lookups';

/** One metered request: its operation, and the request units it consumed by AWS's rules. */
export interface MeteredRequest extends Units {
  readonly operation: string;
}

/** What a run of requests cost: the requests by operation, and the units summed. */
export interface CostSummary extends Units {
  readonly requests: number;
  readonly byOperation: Readonly<Record<string, number>>;
}

/** The requests a metered client has sent, since it was last reset. */
export class Meter {
  private records: MeteredRequest[] = [];
  /** Whether requests are metered now; set-up work runs with the meter off (it also skips the meter's own reads). */
  on = true;

  /** Adds a settled request. */
  record(request: MeteredRequest): void {
    this.records.push(request);
  }

  /** Forgets the requests recorded so far. */
  reset(): void {
    this.records = [];
  }

  /** The requests recorded so far, by operation, with their units summed. */
  summary(): CostSummary {
    const byOperation: Record<string, number> = {};
    for (const { operation } of this.records) byOperation[operation] = (byOperation[operation] ?? 0) + 1;
    const sum = (pick: (r: MeteredRequest) => number) =>
      this.records.reduce((total, r) => total + pick(r), 0);
    return { requests: this.records.length, byOperation, wru: sum((r) => r.wru), rru: sum((r) => r.rru) };
  }
}

/** Requests a meter leaves out (for example the time-bucket registry's once-an-hour markers). */
export type MeterFilter = (operation: string, input: Record<string, unknown>) => boolean;

/**
 * A DynamoDB client whose every data-plane request is metered: before a write it reads the items the write will
 * replace, after any request it computes the units AWS would charge from item sizes (DynamoDB Local's own
 * `ConsumedCapacity` is wrong for transactions and empty queries). The extra reads go through a client of their
 * own, so they are never metered; requests must not run concurrently with other writers to the same items.
 */
export function meteredClient(
  endpoints: { region: string; dynamodb: string },
  ignore: MeterFilter = () => false,
): { client: DynamoDBClient; meter: Meter; close(): void } {
  const client = createDynamoDbClient(endpoints);
  const lookupClient = createDynamoDbClient(endpoints);
  const lookups = new TableLookups(lookupClient);
  const meter = new Meter();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName).replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      const metering =
        !meter.on || ignore(operation, input) ? undefined : await meterRequest(lookups, operation, input);
      if (!metering) return next(args);
      try {
        const result = await next(args);
        meter.record({ operation, ...(await metering.settle(false)) });
        return result;
      } catch (error) {
        meter.record({ operation, ...(await metering.settle(true)) });
        throw error;
      }
    },
    { step: 'initialize', name: 'costMeter' },
  );
  const close = () => {
    client.destroy();
    lookupClient.destroy();
  };
  return { client, meter, close };
}
