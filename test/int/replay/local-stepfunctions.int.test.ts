import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { createSfnClient } from '../../../src/infrastructure/aws/clients';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import {
  startLocalStepFunctions,
  type LocalStepFunctionsServer,
} from '../../../src/infrastructure/local/stepfunctions-server';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:double';
const definition = (resource: string) =>
  JSON.stringify({
    StartAt: 'Double',
    States: {
      Double: { Type: 'Task', Resource: resource, Next: 'Again' },
      Again: {
        Type: 'Choice',
        Choices: [{ Variable: '$.n', NumericLessThan: 100, Next: 'Double' }],
        Default: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  });

let server: LocalStepFunctionsServer;
let sfn: SFNClient;

beforeAll(async () => {
  server = await startLocalStepFunctions({
    lambdaHandlers: { [FN]: async (input) => ({ n: (input as { n: number }).n * 2 }) },
    historyLimit: 40,
  });
  sfn = createSfnClient({ region: 'us-east-1', stepFunctions: server.endpoint });
});

afterAll(async () => {
  sfn.destroy();
  await server.stop();
});

async function finished(executionArn: string) {
  await waitFor(
    async () => (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status !== 'RUNNING',
    'end',
    10_000,
  );
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

describe('the local Step Functions endpoint', () => {
  it('runs Lambda tasks on local handlers and answers the SDK like Step Functions', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'double',
        definition: definition(FN),
        roleArn: 'arn:aws:iam::000000000000:role/x',
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'one', input: '{"n":13}' }),
    );
    const done = await finished(executionArn!);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"n":104}', name: 'one' });
    expect(done.startDate).toBeInstanceOf(Date);
    expect(server.engine.describeExecution(executionArn!).historyEvents).toBe(1 + 3 * 7 + 2 + 1);
  });

  it('rejects a reused execution name, unknown executions and resources it cannot run locally', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'double2', definition: definition(FN), roleArn: 'r' }),
    );
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'dup', input: '{"n":1}' }));
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'dup', input: '{"n":2}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: `${stateMachineArn}:nope` })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    const unknown = 'arn:aws:lambda:us-east-1:000000000000:function:elsewhere';
    await expect(
      sfn.send(new CreateStateMachineCommand({ name: 'x', definition: definition(unknown), roleArn: 'r' })),
    ).rejects.toMatchObject({ name: 'InvalidDefinition' });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions?.map((e) => e.name)).toEqual(['dup']);
  });

  it('fails an execution whose history passes the limit, counted as AWS counts it', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'long', definition: definition(FN), roleArn: 'r' }),
    );
    const short = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":50}' }));
    expect(await finished(short.executionArn!)).toMatchObject({ status: 'SUCCEEDED' });
    expect(server.engine.describeExecution(short.executionArn!).historyEvents).toBe(1 + 7 + 2 + 1);
    const long = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
    expect(await finished(long.executionArn!)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});
