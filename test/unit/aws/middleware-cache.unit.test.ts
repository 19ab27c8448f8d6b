import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Readable } from 'node:stream';
import { clientConfig } from '../../../src/infrastructure/aws/aws-config';
import { withMiddlewareCache } from '../../../src/infrastructure/aws/middleware-cache';

/**
 * A request handler standing in for DynamoDB: it answers every call at once, a `GetItem` with an item equal to
 * the key it was asked for (so each answer shows which request it belongs to), anything else with `{}`.
 */
const echoHandler = {
  async handle(request: { headers: Record<string, string>; body: Uint8Array }) {
    const target = request.headers['x-amz-target'] ?? '';
    const input = JSON.parse(new TextDecoder().decode(request.body)) as { Key?: unknown };
    const answer = target.endsWith('.GetItem') ? { Item: input.Key } : {};
    const response = {
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Readable.from([Buffer.from(JSON.stringify(answer))]),
    };
    return { response };
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
  destroy() {},
};

/** A client on the echo handler, passed to `prepare` before the cache is turned on. */
function cachedClient(prepare: (client: DynamoDBClient) => void = () => {}): DynamoDBClient {
  const config = clientConfig({ region: 'us-east-1' }, 'http://127.0.0.1:1');
  const client = new DynamoDBClient({ ...config, requestHandler: echoHandler as never });
  prepare(client);
  return withMiddlewareCache(client);
}

type Middleware = Parameters<DynamoDBClient['middlewareStack']['add']>[0];

/** A middleware that records the name of each command it sees. */
const recorder =
  (seen: string[]): Middleware =>
  (next, context) =>
  (args) => {
    seen.push(String(context.commandName));
    return next(args);
  };

const put = (id: string) =>
  new PutItemCommand({
    TableName: 't',
    Item: { id: { S: id } },
    ConditionExpression: 'attribute_not_exists(id)',
  });

describe('withMiddlewareCache', () => {
  it('resolves the middleware stack once per command class, not once per request', async () => {
    const client = cachedClient();
    const resolve = jest.spyOn(PutItemCommand.prototype, 'resolveMiddleware');
    try {
      for (let i = 0; i < 5; i += 1) await client.send(put(`p-${i}`));
      expect(resolve).toHaveBeenCalledTimes(1);
    } finally {
      resolve.mockRestore();
      client.destroy();
    }
  });

  it('gives every one of many concurrent requests its own answer', async () => {
    const client = cachedClient();
    try {
      const ids = Array.from({ length: 64 }, (_, i) => `item-${i}`);
      const outputs = await Promise.all(
        ids.map((id) => client.send(new GetItemCommand({ TableName: 't', Key: { id: { S: id } } }))),
      );
      expect(outputs.map((o) => o.Item?.id?.S)).toEqual(ids);
    } finally {
      client.destroy();
    }
  });

  it('lets middleware added after the first request act on the requests after it', async () => {
    const client = cachedClient();
    const seen: string[] = [];
    try {
      await client.send(put('before'));
      client.middlewareStack.add(recorder(seen), { step: 'initialize', name: 'recorder' });
      await client.send(put('after'));
      expect(seen).toEqual(['PutItemCommand']);
      expect(client.config.cacheMiddleware).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it('stops a middleware removed after the first request from acting on the requests after it', async () => {
    const seen: string[] = [];
    const client = cachedClient((plain) =>
      plain.middlewareStack.add(recorder(seen), { step: 'initialize', name: 'recorder' }),
    );
    try {
      await client.send(put('before'));
      client.middlewareStack.remove('recorder');
      await client.send(put('after'));
      expect(seen).toEqual(['PutItemCommand']);
    } finally {
      client.destroy();
    }
  });
});
