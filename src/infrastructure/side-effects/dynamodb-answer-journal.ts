import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AnswerJournal, AnswerKey, RecordedAnswer } from '../../projections/side-effects';

function keyOf(key: AnswerKey) {
  return {
    pk: { S: `${key.projection}|${key.streamId}` },
    sk: { S: `${String(key.version).padStart(10, '0')}|${key.key}` },
  };
}

/**
 * Records the answers of projections' live external queries in DynamoDB (the `<prefix>_answers` table), keyed
 * by projection + stream + version + query key. The first answer recorded wins; answers are kept as JSON.
 * @example
 * const journal = new DynamoDbAnswerJournal(client, recordedAnswersTableName(config));
 */
export class DynamoDbAnswerJournal implements AnswerJournal {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(key: AnswerKey): Promise<RecordedAnswer | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: keyOf(key), ConsistentRead: true }),
    );
    const json = Item?.answer?.S;
    return json === undefined ? undefined : { value: JSON.parse(json) as unknown };
  }

  async putIfAbsent(key: AnswerKey, value: unknown): Promise<RecordedAnswer> {
    const json = JSON.stringify(value ?? null);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...keyOf(key), answer: { S: json }, recordedAt: { S: new Date().toISOString() } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { value: JSON.parse(json) as unknown };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const recorded = await this.get(key);
      if (!recorded) throw error;
      return recorded;
    }
  }
}
