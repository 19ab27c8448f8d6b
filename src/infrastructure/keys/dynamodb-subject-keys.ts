import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { SubjectKeys } from '../../domain/personal/subject-keys';
import { KeysTableKeys } from '../dynamodb/tables/keys-table';
import type { KeyWrapper } from './key-wrapper';

/**
 * Subjects' data keys in the keys table, each wrapped by the key wrapper (KMS on AWS). A key is created on first use
 * with a conditional put: of two concurrent first uses one stores its key and the other reads and uses that one.
 * Reads are strongly consistent, so a destroyed key is not read back from a lagging replica. Wrap it in
 * `CachedSubjectKeys` to fetch a key at most once per subject per container and time limit.
 * @example
 * const keys = new DynamoDbSubjectKeys(client, 'eventfold-keys', new KmsKeyWrapper(kms, keyArn));
 */
export class DynamoDbSubjectKeys implements SubjectKeys {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly wrapper: KeyWrapper,
  ) {}

  async keyFor(subject: string): Promise<Uint8Array> {
    const existing = await this.existingKey(subject);
    if (existing) return existing;
    const fresh = await this.wrapper.generate(subject);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            [KeysTableKeys.partitionKey]: { S: subject },
            wrappedKey: { B: fresh.wrapped },
            wrapping: { S: this.wrapper.kind },
            createdAt: { S: new Date().toISOString() },
          },
          ConditionExpression: 'attribute_not_exists(#subject)',
          ExpressionAttributeNames: { '#subject': KeysTableKeys.partitionKey },
        }),
      );
      return fresh.key;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return this.keyFor(subject);
  }

  async existingKey(subject: string): Promise<Uint8Array | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { [KeysTableKeys.partitionKey]: { S: subject } },
        ConsistentRead: true,
      }),
    );
    const wrapped = Item?.wrappedKey?.B;
    return wrapped ? this.wrapper.unwrap(subject, wrapped) : undefined;
  }

  /** Deletes the subject's key item: the only delete of the keys table, and only the forget path calls it. */
  async destroy(subject: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: { [KeysTableKeys.partitionKey]: { S: subject } },
      }),
    );
  }
}
