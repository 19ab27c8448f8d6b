import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { cursorFromToken, cursorToken, type ReplayCursor } from '../../../application/replay/replay-cursor';
import type {
  ProgressOutcome,
  ReplayState,
  ReplayStatus,
  ReplayStatusStore,
} from '../../../application/replay/replay-status';
import { conditionally, controlKey, values } from './control-items';

const SORT_KEY = 'status';

/** The partition key of a replay's status item in the control table. */
export function replayStatusKey(replayId: string) {
  return controlKey(`replay#${replayId}`, SORT_KEY);
}

function fromItem(item: Record<string, unknown>): ReplayStatus {
  const { pk: _pk, sk: _sk, position, updatedAt: _u, ...rest } = item;
  return { ...(rest as unknown as ReplayStatus), position: cursorFromToken(String(position)) };
}

/**
 * Replay status in the control table: one item per replay (`pk = replay#<id>`, `sk = status`). Progress is a
 * conditional update on the stored position, so a retried page is counted once and a cancelled replay stops moving.
 */
export class DynamoDbReplayStatusStore implements ReplayStatusStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(status: ReplayStatus): Promise<void> {
    const { position, ...rest } = status;
    const item = { ...rest, position: cursorToken(position), updatedAt: this.now().toISOString() };
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...replayStatusKey(status.replayId), ...values(item) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(replayId: string): Promise<ReplayStatus | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: replayStatusKey(replayId), ConsistentRead: true }),
    );
    return Item ? fromItem(unmarshall(Item)) : undefined;
  }

  async recordExecution(replayId: string, executionArn: string): Promise<void> {
    await conditionally(() =>
      this.update(replayId, {
        UpdateExpression: 'SET executionArn = :arn, executions = executions + :one, updatedAt = :now',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(executionArn) OR executionArn <> :arn)',
        values: { ':arn': executionArn, ':one': 1 },
      }),
    );
  }

  async recordProgress(
    replayId: string,
    from: ReplayCursor,
    to: ReplayCursor,
    published: number,
  ): Promise<ProgressOutcome> {
    const recorded = await conditionally(() =>
      this.update(replayId, {
        UpdateExpression:
          'SET #position = :to, eventsPublished = eventsPublished + :n, pages = pages + :one, updatedAt = :now',
        ConditionExpression: '#state = :running AND #position = :from',
        names: { '#position': 'position', '#state': 'state' },
        values: {
          ':to': cursorToken(to),
          ':from': cursorToken(from),
          ':n': published,
          ':one': 1,
          ':running': 'RUNNING',
        },
      }),
    );
    if (recorded) return 'recorded';
    const current = await this.get(replayId);
    return current?.state === 'RUNNING' ? 'already-recorded' : 'not-running';
  }

  async finish(
    replayId: string,
    state: Exclude<ReplayState, 'RUNNING'>,
    fromStates: readonly ReplayState[],
    error?: string,
  ): Promise<boolean> {
    const from = Object.fromEntries(fromStates.map((s, i) => [`:from${i}`, s]));
    const setError = error === undefined ? '' : ', #error = :error';
    return conditionally(() =>
      this.update(replayId, {
        UpdateExpression: `SET #state = :state, endedAt = :now${setError}, updatedAt = :now`,
        ConditionExpression: `#state IN (${Object.keys(from).join(', ')})`,
        names: { '#state': 'state', ...(error === undefined ? {} : { '#error': 'error' }) },
        values: {
          ':state': state,
          ...from,
          ...(error === undefined ? {} : { ':error': error.slice(0, 4_000) }),
        },
      }),
    );
  }

  async reopen(replayId: string): Promise<boolean> {
    return conditionally(() =>
      this.update(replayId, {
        UpdateExpression: 'SET #state = :running, updatedAt = :now REMOVE endedAt, #error',
        ConditionExpression: '#state = :failed',
        names: { '#state': 'state', '#error': 'error' },
        values: { ':running': 'RUNNING', ':failed': 'FAILED' },
      }),
    );
  }

  private update(
    replayId: string,
    input: {
      UpdateExpression: string;
      ConditionExpression: string;
      names?: Record<string, string>;
      values: Record<string, unknown>;
    },
  ) {
    return this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: replayStatusKey(replayId),
        UpdateExpression: input.UpdateExpression,
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: input.names,
        ExpressionAttributeValues: values({ ...input.values, ':now': this.now().toISOString() }),
      }),
    );
  }
}
