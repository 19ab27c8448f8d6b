import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { LimitExceededError } from '../../../domain/domain-errors';
import type {
  GateMove,
  GateRead,
  GateStep,
  ParkedMark,
  ReadModelStore,
  ReadModelTarget,
  StreamState,
} from '../../../projections/read-model-store';
import type { RowChange } from '../../../projections/row-changes';
import { ReadModelTableKeys } from '../tables/read-model-table';
import { and, type Expression, gateAt, gateMayMove } from './gate-conditions';
import { rowUpdateExpression } from './row-updates';

/** DynamoDB refuses an item over 400 KB with a ValidationException; that change can never be written. */
function tooLarge(error: unknown, step: GateStep): LimitExceededError | undefined {
  if (!(error instanceof Error) || error.name !== 'ValidationException' || !/size/i.test(error.message))
    return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(step.change));
  return new LimitExceededError('read-model item size (bytes)', 400 * 1024, bytes, { cause: error.message });
}

/** Picks the table of a projection slot. */
export type TableOf = (target: ReadModelTarget) => string;

const toAttributes = (values: Record<string, unknown>) =>
  Object.keys(values).length ? marshall(values, { removeUndefinedValues: true }) : undefined;

function gateKey(streamId: string) {
  return marshall({ pk: streamId, sk: ReadModelTableKeys.gateSortKey });
}

function stateOf(stored: Record<string, AttributeValue>, read: GateRead): StreamState {
  const item = unmarshall(stored);
  return {
    version: Number(item.version ?? 0),
    ...(read === 'eventual' ? { unconfirmed: true as const } : {}),
    ...(item.parked ? { parked: item.parked as ParkedMark } : {}),
    ...(item.doc ? { document: item.doc as Record<string, unknown> } : {}),
  };
}

/** The state of a stream without a gate item. */
function absent(read: GateRead): StreamState {
  return read === 'eventual' ? { version: 0, unconfirmed: true } : { version: 0 };
}

function conditionParts(condition: Expression) {
  return {
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: condition.names,
    ExpressionAttributeValues: toAttributes(condition.values),
  };
}

/**
 * Read models in DynamoDB. Every change is written together with its stream's version gate: a document and
 * its gate are ONE conditional `PutItem` (the document lives in the gate item); row changes and the gate's
 * move are ONE `TransactWriteItems`. A failed gate condition means "someone applied this already": false.
 */
export class DynamoDbReadModelStore implements ReadModelStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableOf: TableOf,
    private readonly maxConflictRetries = 8,
  ) {}

  /** One `GetItem`; an eventually consistent one costs half the read units and may answer a state behind. */
  async readState(
    target: ReadModelTarget,
    streamId: string,
    read: GateRead = 'strong',
  ): Promise<StreamState> {
    const ConsistentRead = read === 'strong';
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableOf(target), Key: gateKey(streamId), ConsistentRead }),
    );
    return Item ? stateOf(Item, read) : absent(read);
  }

  /** One `BatchGetItem` (per 100 gates, and again for keys DynamoDB left unprocessed). */
  async readStates(
    target: ReadModelTarget,
    streamIds: readonly string[],
    read: GateRead = 'strong',
  ): Promise<Map<string, StreamState>> {
    const TableName = this.tableOf(target);
    const ConsistentRead = read === 'strong';
    const states = new Map<string, StreamState>(streamIds.map((id) => [id, absent(read)]));
    let keys = [...new Set(streamIds)].map(gateKey);
    while (keys.length > 0) {
      const chunk = keys.slice(0, 100);
      const request = { [TableName]: { Keys: chunk, ConsistentRead } };
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetItemCommand({ RequestItems: request }),
      );
      for (const item of Responses?.[TableName] ?? [])
        states.set(String(unmarshall(item).pk), stateOf(item, read));
      keys = [...(UnprocessedKeys?.[TableName]?.Keys ?? []), ...keys.slice(100)];
    }
    return states;
  }

  /** The gates' moves and the rows in ONE `TransactWriteItems` (at most 100 items; the caller keeps to it). */
  async commitJoint(target: ReadModelTarget, moves: readonly GateMove[], rows: readonly RowChange[]) {
    const items: TransactWriteItem[] = moves.map((move) => {
      const step = { from: move.from, to: move.to, change: { kind: 'none' } as const };
      return { Update: this.gateMove(target, move.streamId, step, gateMayMove(move.from, undefined)) };
    });
    const written = rows.filter((row) => row.kind === 'remove' || rowUpdateExpression(row));
    return this.transact([...items, ...written.map((row) => this.rowWrite(target, row))]);
  }

  async commit(target: ReadModelTarget, streamId: string, step: GateStep): Promise<boolean> {
    try {
      return await this.write(target, streamId, step);
    } catch (error) {
      throw tooLarge(error, step) ?? error;
    }
  }

  private async write(target: ReadModelTarget, streamId: string, step: GateStep): Promise<boolean> {
    const condition = gateMayMove(step.from, step.releases);
    if (step.change.kind === 'document') {
      const item = {
        pk: streamId,
        sk: ReadModelTableKeys.gateSortKey,
        version: step.to,
        doc: step.change.document,
      };
      const put = new PutItemCommand({
        TableName: this.tableOf(target),
        Item: marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true }),
        ...conditionParts(condition),
      });
      return this.conditional(() => this.client.send(put));
    }
    const gateMove = this.gateMove(target, streamId, step, condition);
    const rows = (step.change.kind === 'rows' ? step.change.rows : []).filter(
      (row) => row.kind === 'remove' || rowUpdateExpression(row),
    );
    if (rows.length === 0) return this.conditional(() => this.client.send(new UpdateItemCommand(gateMove)));
    const items: TransactWriteItem[] = [
      { Update: gateMove },
      ...rows.map((row) => this.rowWrite(target, row)),
    ];
    return this.transact(items);
  }

  async park(target: ReadModelTarget, streamId: string, expectedVersion: number, mark: ParkedMark) {
    const condition = and(gateAt(expectedVersion), {
      expression: 'attribute_not_exists(#parked)',
      names: { '#parked': 'parked' },
      values: {},
    });
    const update = new UpdateItemCommand({
      TableName: this.tableOf(target),
      Key: gateKey(streamId),
      UpdateExpression: 'SET #parked = :mark, #version = if_not_exists(#version, :zero)',
      ...conditionParts({ ...condition, values: { ...condition.values, ':mark': mark, ':zero': 0 } }),
    });
    return this.conditional(() => this.client.send(update));
  }

  private gateMove(target: ReadModelTarget, streamId: string, step: GateStep, condition: Expression) {
    const release = step.releases === undefined ? '' : ' REMOVE #parked';
    const names = { ...condition.names, '#version': 'version', ...(release ? { '#parked': 'parked' } : {}) };
    return {
      TableName: this.tableOf(target),
      Key: gateKey(streamId),
      UpdateExpression: `SET #version = :to${release}`,
      ...conditionParts({
        expression: condition.expression,
        names,
        values: { ...condition.values, ':to': step.to },
      }),
    };
  }

  private rowWrite(target: ReadModelTarget, row: RowChange): TransactWriteItem {
    const Key = marshall({ pk: row.key, sk: ReadModelTableKeys.rowSortKey });
    const TableName = this.tableOf(target);
    const update = row.kind === 'upsert' ? rowUpdateExpression(row) : undefined;
    if (!update) return { Delete: { TableName, Key } };
    return {
      Update: {
        TableName,
        Key,
        UpdateExpression: update.expression,
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: toAttributes(update.values),
      },
    };
  }

  private async conditional(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async transact(items: TransactWriteItem[]): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (codes.includes('ConditionalCheckFailed')) return false;
        if (!codes.includes('TransactionConflict') || attempt >= this.maxConflictRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }
}
