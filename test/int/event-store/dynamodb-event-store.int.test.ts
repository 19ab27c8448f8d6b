import type { APIGatewayProxyEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { RESEND_WINDOW } from '../../../src/infrastructure/dynamodb/event-store/resend-check';
import { readCases } from '../../../src/testing/event-store-contract-reads';
import { handleHttpRequest } from '../../../src/infrastructure/http/handle-http';
import { type DynamoDbFixture, freshTableMaker, useDynamoDbFixture } from '../../support/dynamodb-fixture';
import {
  appendCommit,
  eventStoreContract,
  newEvents,
  readWholeStream,
  uniqueStream,
  versionsUpTo,
  withFreshIds,
} from '../../support/event-store-contract';
import { commandNames } from '../../support/observed-client';
import { useObservedStores } from '../../support/observed-store';
import { inMemoryServices } from '../../unit/http/test-domain';

function post(path: string, body: unknown): APIGatewayProxyEvent {
  return {
    httpMethod: 'POST',
    path,
    body: JSON.stringify(body),
    headers: {},
    multiValueHeaders: {},
    isBase64Encoded: false,
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: { requestId: 'resend' } as APIGatewayProxyEvent['requestContext'],
    resource: '/{proxy+}',
  };
}

/** The resend of an event id stored at v3, with expectedVersion 3 (a client that reloaded after a timeout). */
function resendCases(ddb: () => DynamoDbFixture): void {
  const storeWith = useObservedStores(ddb);

  it('POST /events answers the resend 200 with duplicate: true and stores the event once', async () => {
    const { store } = storeWith();
    const services = { ...inMemoryServices(), eventStore: store };
    const call = async (body: unknown) => {
      const result = await handleHttpRequest(post('/events', body), { services });
      return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, any> };
    };
    const streamId = `Counter#${randomUUID().slice(0, 8)}`;
    const counterId = streamId.slice('Counter#'.length);
    expect(
      (await call({ streamId, expectedVersion: 0, type: 'CounterOpened', data: { counterId } })).status,
    ).toBe(201);
    await call({ streamId, expectedVersion: 1, type: 'CounterAdded', data: { amount: 1 } });
    const third = { streamId, type: 'CounterAdded', data: { amount: 5 }, eventId: `evt-${randomUUID()}` };
    const first = await call({ ...third, expectedVersion: 2 });
    expect([first.status, first.body.events[0].version]).toEqual([201, 3]);
    const resend = await call({ ...third, expectedVersion: 3 });
    expect(resend).toEqual({ status: 200, body: { ...first.body, duplicate: true } });
    const reused = await call({ ...third, data: { amount: 2 }, eventId: undefined, expectedVersion: 3 });
    expect(reused.status).toBe(201);
    const batch = await handleHttpRequest(
      post('/events/batch', {
        events: [
          { ...third, expectedVersion: 4 },
          { streamId, type: 'CounterAdded', data: { amount: 1 }, expectedVersion: 5 },
        ],
      }),
      { services },
    );
    expect([batch.statusCode, JSON.parse(batch.body).code]).toEqual([409, 'DUPLICATE_EVENT_ID']);
    const stored = await readWholeStream(store, streamId);
    expect(stored.map((e) => e.version)).toEqual(versionsUpTo(4));
    expect(stored.filter((e) => e.eventId === third.eventId)).toHaveLength(1);
  });

  it('store.commit answers the resend as the first time, with one Query and no write', async () => {
    const { store, requests } = storeWith();
    const streamId = uniqueStream();
    await store.commit(appendCommit(streamId, 0, newEvents(2)));
    const commit = appendCommit(streamId, 2, newEvents(1));
    const first = await store.commit(commit);
    const before = requests.length;
    const resend = { ...commit, streams: [{ ...commit.streams[0]!, expectedVersion: 3 }] };
    expect(await store.commit(resend)).toEqual({ ...first, duplicate: true });
    expect(commandNames(requests.slice(before))).toEqual(['QueryCommand']);
    expect(requests[before]!.input).toMatchObject({ ConsistentRead: true });
    expect((await readWholeStream(store, streamId)).map((e) => e.version)).toEqual(versionsUpTo(3));
  });

  it(`reads at most the append's events plus ${RESEND_WINDOW} before writing caller ids; fresh ids keep their requests`, async () => {
    const { store, requests } = storeWith();
    const streamId = uniqueStream();
    const opened = await store.commit(appendCommit(streamId, 0, newEvents(30)));
    const sent = async (commit: Parameters<typeof store.commit>[0]) => {
      const [before, items] = [requests.length, store.reads.itemsRead];
      const result = await store.commit(commit);
      return { names: commandNames(requests.slice(before)), items: store.reads.itemsRead - items, result };
    };
    const caller = await sent(appendCommit(streamId, 30, newEvents(2)));
    expect(caller.names).toEqual(['QueryCommand', 'TransactWriteItemsCommand']);
    expect(caller.items).toBe(2 + RESEND_WINDOW);
    const single = await sent(appendCommit(streamId, 32, newEvents(1)));
    expect([single.names, single.items]).toEqual([['QueryCommand', 'PutItemCommand'], 1 + RESEND_WINDOW]);
    const fresh = await sent(withFreshIds(appendCommit(streamId, 33, newEvents(1))));
    expect([fresh.names, fresh.items]).toEqual([['GetItemCommand', 'PutItemCommand'], 1]);
    const head = fresh.result.events[0]!;
    const vouched = withFreshIds(appendCommit(streamId, 34, newEvents(1)));
    const repositoryLike = await sent({
      ...vouched,
      streams: [{ ...vouched.streams[0]!, predecessor: head }],
    });
    expect([repositoryLike.names, repositoryLike.items]).toEqual([['PutItemCommand'], 0]);
    const opening = await sent(appendCommit(uniqueStream(), 0, newEvents(1)));
    expect([opening.names, opening.items]).toEqual([['PutItemCommand'], 0]);
    expect(opened.events).toHaveLength(30);
  });
}

describe('DynamoDbEventStore on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'contract-' });
  const freshTables = freshTableMaker(ddb, 'contract-');

  /** Each contract case gets its own empty tables, so read-all sees exactly what the case wrote. */
  async function freshStore(timeIndexShards = 0): Promise<DynamoDbEventStore> {
    return new DynamoDbEventStore(ddb().client, { ...(await freshTables()), timeIndexShards });
  }

  // Without a time index (the default) read-all scans: each stream in version order, not commit-time order.
  eventStoreContract('DynamoDB', () => freshStore(), { commitTimeOrder: false });

  describe('with a time index of 4 write shards: reads in commit-time order', () =>
    readCases('DynamoDB, time index', () => freshStore(4), 120_000));

  describe('an event id stored at v3 and resent with expectedVersion 3', () => resendCases(ddb));
});
