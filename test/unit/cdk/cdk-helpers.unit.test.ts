import fc from 'fast-check';
import {
  deployedProjections,
  environmentOf,
  resourceNames,
  tableSchemaOf,
} from '../../../src/infrastructure/cdk';
import { configFromEnv } from '../../../src/infrastructure/config';
import { eventsTableDefinition, snapshotsTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { app } from '../../../examples/cdk-app/eventfold-app';
import { OrderDocuments } from '../../../examples/orders';

describe('resource names', () => {
  it('names every table and stream after the prefix', () => {
    expect(resourceNames('shop-', 4)).toMatchObject({
      eventsTable: 'shop-events',
      snapshotsTable: 'shop-snapshots',
      controlTable: 'shop-control',
      readModelTablePrefix: 'shop-rm-',
      projectionStream: 'shop-projection',
      replayStream: 'shop-replay',
      replayStateMachine: 'shop-replay',
      timeIndexShards: 4,
    });
  });

  it.each(['Shop-', 'shop', '-shop-', 'a'.repeat(40) + '-'])('refuses the prefix %p', (prefix) => {
    expect(() => resourceNames(prefix, 8)).toThrow(/prefix/);
  });
});

describe('environment', () => {
  it('is read back by configFromEnv into the same names (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}-$/),
        fc.integer({ min: 1, max: 64 }),
        fc.option(fc.webUrl(), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 900_000 }), { nil: undefined }),
        fc.option(fc.constant('arn:aws:kms:eu-west-1:111122223333:key/k'), { nil: undefined }),
        (prefix, shards, dlq, budget, kmsKeyId) => {
          const names = resourceNames(prefix, shards);
          const config = {
            ...names,
            deadLetterQueueUrl: dlq,
            replayStateMachineArn: 'arn:aws:states:x',
            rebuildClearBudgetMs: budget,
            kmsKeyId,
          };
          const { endpoints: _endpoints, replayStateMachine: _machine, ...named } = config;
          // Functions get the keys table only with personal data (a KMS key); without it the default name stays.
          const expected = { ...named, keysTable: kmsKeyId ? names.keysTable : 'eventfold-keys' };
          const { endpoints: _read, ...read } = configFromEnv(environmentOf(config));
          expect(read).toEqual(expected);
        },
      ),
    );
  });
});

describe('table schema', () => {
  it('reads keys and indexes from the shared CreateTable definitions', () => {
    expect(tableSchemaOf(eventsTableDefinition('t'))).toEqual({
      partitionKey: { name: 'streamId', type: 'S' },
      sortKey: { name: 'version', type: 'N' },
      globalSecondaryIndexes: [
        {
          indexName: 'time-index',
          partitionKey: { name: 'timeBucket', type: 'S' },
          sortKey: { name: 'timePosition', type: 'S' },
        },
      ],
    });
    expect(tableSchemaOf(snapshotsTableDefinition('s')).globalSecondaryIndexes).toEqual([]);
  });

  it('refuses a definition without a partition key or with an undeclared key type', () => {
    expect(() => tableSchemaOf({ TableName: 'x', KeySchema: [] })).toThrow('table x has no partition key');
    expect(() =>
      tableSchemaOf({
        TableName: 'x',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [],
      }),
    ).toThrow('no attribute type for key pk');
  });
});

describe('deployed projections', () => {
  it('takes names and rebuildability, and refuses a name listed twice', () => {
    expect(deployedProjections([{ name: 'a', rebuildable: true }])).toEqual([
      { name: 'a', rebuildable: true },
    ]);
    expect(() =>
      deployedProjections([
        { name: 'a', rebuildable: true },
        { name: 'a', rebuildable: false },
      ]),
    ).toThrow('projection a is listed twice');
  });

  it('reads projection instances and classes declared with @Projection (the example app)', () => {
    expect(deployedProjections(app.projections)).toEqual([
      { name: 'order-documents', rebuildable: true },
      { name: 'paid-per-day', rebuildable: true },
      { name: 'order-confirmations', rebuildable: true },
    ]);
    expect(deployedProjections([OrderDocuments])).toEqual([{ name: 'order-documents', rebuildable: true }]);
  });

  it('refuses a class that is not a projection', () => {
    expect(() => deployedProjections([class NotAProjection {}])).toThrow(/not declared with @Projection/);
  });
});
