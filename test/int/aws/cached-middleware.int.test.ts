import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  PutRecordCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../../../src/infrastructure/aws/clients';
import { startKinesalite, type KinesaliteServer } from '../../../src/infrastructure/local/kinesalite-server';
import { createStream } from '../../support/kinesis-fixture';

describe('AWS clients resolving their middleware once per command class (kinesalite)', () => {
  let kinesis: KinesaliteServer;
  const client = () => createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });

  beforeAll(async () => {
    kinesis = await startKinesalite();
    const setup = client();
    try {
      await Promise.all(['cached-a', 'cached-b'].map((name) => createStream(setup, name, 1)));
    } finally {
      setup.destroy();
    }
  }, 60_000);

  afterAll(async () => kinesis?.stop());

  it('gives concurrent calls of one command class each their own answer and error', async () => {
    const c = client();
    try {
      const names = ['cached-a', 'cached-b', 'cached-missing', 'cached-a', 'cached-b', 'cached-missing'];
      const answers = await Promise.all(
        names.map((StreamName) =>
          c.send(new DescribeStreamCommand({ StreamName })).then(
            (out) => out.StreamDescription?.StreamName,
            (error: unknown) => (error instanceof ResourceNotFoundException ? 'not found' : error),
          ),
        ),
      );
      expect(answers).toEqual(['cached-a', 'cached-b', 'not found', 'cached-a', 'cached-b', 'not found']);
    } finally {
      c.destroy();
    }
  });

  it('sends each concurrent write with its own input', async () => {
    const c = client();
    try {
      const payloads = Array.from({ length: 24 }, (_, i) => `record-${i}`);
      await Promise.all(
        payloads.map((text, i) =>
          c.send(
            new PutRecordCommand({ StreamName: 'cached-b', PartitionKey: `k${i}`, Data: Buffer.from(text) }),
          ),
        ),
      );
      const { StreamDescription } = await c.send(new DescribeStreamCommand({ StreamName: 'cached-b' }));
      const { ShardIterator } = await c.send(
        new GetShardIteratorCommand({
          StreamName: 'cached-b',
          ShardId: StreamDescription!.Shards![0]!.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const { Records } = await c.send(new GetRecordsCommand({ ShardIterator }));
      const read = (Records ?? []).map((r) => Buffer.from(r.Data!).toString());
      expect([...read].sort()).toEqual([...payloads].sort());
    } finally {
      c.destroy();
    }
  });

  it('runs middleware added after the client has sent calls on every later call', async () => {
    const c = client();
    try {
      await c.send(new ListStreamsCommand({}));
      await c.send(new ListStreamsCommand({}));
      const seen: string[] = [];
      c.middlewareStack.add(
        (next, context) => (args) => {
          seen.push(String(context.commandName));
          return next(args);
        },
        { step: 'initialize', name: 'seenByTest' },
      );
      await c.send(new ListStreamsCommand({}));
      await c.send(new DescribeStreamCommand({ StreamName: 'cached-a' }));
      expect(seen).toEqual(['ListStreamsCommand', 'DescribeStreamCommand']);
      expect(c.middlewareStack.remove('seenByTest')).toBe(true);
      await c.send(new ListStreamsCommand({}));
      expect(seen).toHaveLength(2);
    } finally {
      c.destroy();
    }
  });
});
