import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { EventsTableKeys, TimeIndex } from '../../../src/infrastructure/dynamodb/tables';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';

describe('event store tables on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'tables-' });

  it('creates the events table with its keys, the time index and a stream of new images', async () => {
    const { Table } = await ddb().client.send(
      new DescribeTableCommand({ TableName: ddb().config.eventsTable }),
    );
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual([
      EventsTableKeys.partitionKey,
      EventsTableKeys.sortKey,
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([TimeIndex.name]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(Table?.LatestStreamArn).toBeDefined();
  });

  it('creates the snapshots and control tables', async () => {
    for (const name of [ddb().config.snapshotsTable, ddb().config.controlTable]) {
      const { Table } = await ddb().client.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.TableStatus).toBe('ACTIVE');
    }
  });
});
