import {
  createDynamoDbClient,
  createKinesisClient,
  createSfnClient,
  createSqsClient,
} from '../../../src/infrastructure/aws/clients';

describe('AWS clients', () => {
  const endpoints = { region: 'us-east-1', dynamodb: 'http://127.0.0.1:1', kinesis: 'http://127.0.0.1:2' };

  it.each([
    ['DynamoDB', () => createDynamoDbClient(endpoints)],
    ['Kinesis', () => createKinesisClient(endpoints)],
    ['Step Functions', () => createSfnClient(endpoints)],
    ['SQS', () => createSqsClient(endpoints)],
    ['DynamoDB on AWS', () => createDynamoDbClient({ region: 'eu-west-1' })],
  ])('%s: has no SDK request logging (it deep-copies every request and response)', (_, create) => {
    const client = create();
    try {
      const names = client.middlewareStack.identify().join(' ');
      expect(names).not.toMatch(/loggerMiddleware/);
      expect(names).toMatch(/retryMiddleware/);
    } finally {
      client.destroy();
    }
  });
});
