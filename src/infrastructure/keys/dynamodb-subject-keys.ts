import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { SubjectKeys } from '../../domain/personal/subject-keys';
import { KeysTableKeys } from '../dynamodb/tables/keys-table';
import type { KeyWrapper } from './key-wrapper';

/**
 * Subjects' data keys in the keys table, each wrapped by the key wrapper (KMS on AWS). A key is created on first use
 * with a conditional put: of two concurrent first uses one stores its key and the other reads and uses that one.
 * A destroy replaces the key by a tombstone (no key material, the forget time), and the first-use put, conditional on
 * no item, then never makes a new key for that subject: forgetting is final, also for a command that read personal
 * data before the forget and seals it after. Reads are strongly consistent, so a destroyed key is not read back from
 * a lagging replica. Wrap it in
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

  async keyFor(subject: string): Promise<Uint8Array | undefined> {
    const item = await this.read(subject);
    if (item.forgotten) return undefined;
    if (item.key) return item.key;
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
    return (await this.read(subject)).key;
  }

  /**
   * Replaces the subject's key item by a tombstone that keeps the first forget time: the only change to a stored key,
   * and only the forget path may make it (the table's policy denies UpdateItem to every other role).
   */
  async destroy(subject: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { [KeysTableKeys.partitionKey]: { S: subject } },
        UpdateExpression:
          'SET #forgottenAt = if_not_exists(#forgottenAt, :now) REMOVE #wrappedKey, #wrapping',
        ExpressionAttributeNames: {
          '#forgottenAt': 'forgottenAt',
          '#wrappedKey': 'wrappedKey',
          '#wrapping': 'wrapping',
        },
        ExpressionAttributeValues: { ':now': { S: new Date().toISOString() } },
      }),
    );
  }

  private async read(subject: string): Promise<{ key?: Uint8Array; forgotten: boolean }> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { [KeysTableKeys.partitionKey]: { S: subject } },
        ConsistentRead: true,
      }),
    );
    const wrapped = Item?.wrappedKey?.B;
    if (Item?.forgottenAt || !wrapped) return { forgotten: Boolean(Item?.forgottenAt) };
    return { key: await this.wrapper.unwrap(subject, wrapped), forgotten: false };
  }
}
