import { configFromEnv } from '../../../src/infrastructure/config';
import {
  CoreTokens,
  createEventfoldContainer,
  defineEventfoldApp,
  disposeEventfoldContainer,
  HttpTokens,
  ProjectionTokens,
  RebuildTokens,
  ReplayTokens,
  resolve,
  WriteTokens,
} from '../../../src/infrastructure/container';
import { lambdaHandler } from '../../../src/infrastructure/lambda/lambda-handler';
import { coldStartContainer } from '../../../src/infrastructure/lambda/cold-start';
import { registerEventfoldApp } from '../../../src/infrastructure/container/app-registry';
import { examplesDomain } from '../../../examples';
import { OrderDocuments } from '../../../examples/orders/projections';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const app = defineEventfoldApp({ domain: examplesDomain, projections: [new OrderDocuments()] });
const config = {
  ...configFromEnv({}),
  endpoints: { region: 'us-east-1', dynamodb: 'http://127.0.0.1:1', kinesis: 'http://127.0.0.1:1' },
  deadLetterQueueUrl: 'http://127.0.0.1:1/queue/dlq',
  replayStateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:replay',
};

describe('composition root', () => {
  it('resolves the dependencies of every Lambda role without touching the network', () => {
    const container = createEventfoldContainer({ app, config });
    const http = resolve(container, HttpTokens.deps);
    expect(http.services.projections).toEqual(['order-documents']);
    expect(http.services.commands).toBe(resolve(container, WriteTokens.commandBus));
    expect(resolve(container, ProjectionTokens.forwarderDeps).publisher).toBeDefined();
    expect(resolve(container, ProjectionTokens.consumerDeps).runner.projectionNames()).toEqual([
      'order-documents',
    ]);
    expect(resolve(container, RebuildTokens.iteratorDeps).gate).toBe(resolve(container, RebuildTokens.gate));
    disposeEventfoldContainer(container);
  });

  it('builds each service once per container (once per cold start)', () => {
    const container = createEventfoldContainer({ app, config });
    expect(resolve(container, WriteTokens.eventStore)).toBe(resolve(container, WriteTokens.eventStore));
    expect(resolve(container, ReplayTokens.replays)).toBe(resolve(container, ReplayTokens.replays));
    expect(resolve(container, CoreTokens.dynamodb)).toBe(resolve(container, CoreTokens.dynamodb));
    disposeEventfoldContainer(container);
  });

  it('names the missing setting when a role needs a resource that is not configured', () => {
    const container = createEventfoldContainer({
      app,
      config: { ...config, deadLetterQueueUrl: undefined, replayStateMachineArn: undefined },
    });
    expect(() => resolve(container, ProjectionTokens.deadLetters)).toThrow(/EVENTFOLD_DLQ_URL/);
    expect(() => resolve(container, ReplayTokens.workflow)).toThrow(/EVENTFOLD_REPLAY_STATE_MACHINE_ARN/);
    disposeEventfoldContainer(container);
  });

  it('refuses an app that registers one projection name twice', () => {
    expect(() =>
      defineEventfoldApp({
        domain: examplesDomain,
        projections: [new OrderDocuments(), new OrderDocuments()],
      }),
    ).toThrow(/order-documents is registered twice/);
  });

  it('wraps a plain handler: the same deps from the container reach it on every call, and its answer is returned', async () => {
    let builds = 0;
    const container = createEventfoldContainer({ app, config });
    const seen: unknown[] = [];
    const handler = lambdaHandler(
      'test',
      HttpTokens.deps,
      async (event: { n: number }, deps) => {
        seen.push(deps);
        return { batchItemFailures: event.n > 1 ? [{ itemIdentifier: 'x' }] : [] };
      },
      () => {
        builds += 1;
        return container;
      },
    );
    await handler({ n: 1 });
    await expect(handler({ n: 2 })).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'x' }] });
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).toBe(resolve(container, HttpTokens.deps));
    expect(builds).toBe(2);
    disposeEventfoldContainer(container);
  });

  it('builds the Lambda container once per cold start, from the registered app', () => {
    registerEventfoldApp(app);
    const first = coldStartContainer();
    expect(coldStartContainer()).toBe(first);
    expect(resolve(first, CoreTokens.app)).toBe(app);
    disposeEventfoldContainer(first);
  });

  it('serves the HTTP API through the Lambda entrypoint module, the container built from the registered app', async () => {
    registerEventfoldApp(app);
    const { handler } = await import('../../../src/infrastructure/lambda/http-api');
    const event = (method: string, path: string, body: string | null = null) =>
      ({
        httpMethod: method,
        path,
        body,
        headers: {},
        isBase64Encoded: false,
        requestContext: { requestId: 'r' },
      }) as never;
    const openapi = await handler(event('GET', '/openapi.json'));
    expect(openapi.statusCode).toBe(200);
    const refused = await handler(event('POST', '/commands/CreateOrder', '{"orderId": 1}'));
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body).details.violations.map((v: { field: string }) => v.field)).toContain(
      'orderId',
    );
    disposeEventfoldContainer(coldStartContainer());
  });
});
