import { configFromEnv } from '../../../src/infrastructure/config';
import {
  CoreTokens,
  defineEventfoldApp,
  disposeEventfoldContainer,
  forwarderContainer,
  HttpTokens,
  httpApiContainer,
  ProcessTokens,
  ProjectionTokens,
  projectionConsumerContainer,
  PersonalTokens,
  processConsumerContainer,
  RebuildTokens,
  replayIteratorContainer,
  ReplayTokens,
  resolve,
  SqlTokens,
  TimerTokens,
  timerFunctionContainer,
  WriteTokens,
} from '../../../src/infrastructure/container';
import {
  forwarderFunctionContainer,
  replayIteratorFunctionContainer,
} from '../../../src/infrastructure/container/app-free-containers';
import { examplesDomain } from '../../../examples';
import { handleHttpRequest } from '../../../src/infrastructure/http/handle-http';
import { OrderDocuments } from '../../../examples/orders/projections';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const app = defineEventfoldApp({ domain: examplesDomain, projections: [new OrderDocuments()] });
const options = {
  app,
  config: {
    ...configFromEnv({}),
    endpoints: { region: 'us-east-1', dynamodb: 'http://127.0.0.1:1', kinesis: 'http://127.0.0.1:1' },
    deadLetterQueueUrl: 'http://127.0.0.1:1/queue/dlq',
  },
};

const clients = [CoreTokens.dynamodb, CoreTokens.kinesis, CoreTokens.sfn, CoreTokens.sqs] as const;

describe('role containers', () => {
  it.each([
    ['stream forwarder', forwarderContainer, ProjectionTokens.forwarderDeps, [CoreTokens.kinesis]],
    [
      'projection consumer',
      projectionConsumerContainer,
      ProjectionTokens.consumerDeps,
      [CoreTokens.dynamodb, CoreTokens.sqs],
    ],
    [
      'replay iterator',
      replayIteratorContainer,
      RebuildTokens.iteratorDeps,
      [CoreTokens.dynamodb, CoreTokens.kinesis],
    ],
  ] as const)('the %s resolves its dependencies and binds only its clients', (_role, create, deps, own) => {
    const container = create(options);
    expect(resolve(container, deps as symbol)).toBeDefined();
    expect(clients.filter((client) => container.isBound(client))).toEqual(own);
    disposeEventfoldContainer(container);
  });

  it.each([
    ['stream forwarder', forwarderContainer, ProjectionTokens.forwarderDeps],
    ['replay iterator', replayIteratorContainer, RebuildTokens.iteratorDeps],
    ['stream forwarder function (no inversify)', forwarderFunctionContainer, ProjectionTokens.forwarderDeps],
    ['replay iterator function (no inversify)', replayIteratorFunctionContainer, RebuildTokens.iteratorDeps],
  ] as const)('the %s is built and resolves its dependencies with no app at all', (_role, create, deps) => {
    // Their functions are bundled without the app module: nothing they resolve may reach for it.
    const container = create({ config: options.config });
    expect(resolve(container, deps as symbol)).toBeDefined();
    expect([CoreTokens.app, CoreTokens.domain].filter((id) => container.isBound(id))).toEqual([]);
    disposeEventfoldContainer(container);
  });

  it('the HTTP API binds what it serves, not the forwarder, the process managers nor timers', async () => {
    const container = httpApiContainer(options);
    expect(clients.filter((client) => container.isBound(client))).toEqual(clients);
    const deps = resolve(container, HttpTokens.deps);
    const event = { httpMethod: 'GET', path: '/openapi.json', headers: {}, body: null } as never;
    expect((await handleHttpRequest(event, deps)).statusCode).toBe(200);
    const absent = [
      ProjectionTokens.forwarderDeps,
      ProcessTokens.runner,
      ProcessTokens.consumerDeps,
      TimerTokens.scheduler,
    ];
    expect(absent.filter((id) => container.isBound(id))).toEqual([]);
    disposeEventfoldContainer(container);
  });

  it('the projection consumer binds only what it resolves: no write side, replays, readers nor forgets', () => {
    const container = projectionConsumerContainer(options);
    expect(resolve(container, ProjectionTokens.consumerDeps)).toBeDefined();
    const unused = [
      WriteTokens.commandBus,
      WriteTokens.repository,
      WriteTokens.snapshotStore,
      ReplayTokens.statuses,
      ReplayTokens.replays,
      PersonalTokens.forget,
      ProjectionTokens.reader,
      SqlTokens.reader,
      SqlTokens.queries,
    ];
    expect(unused.filter((id) => container.isBound(id)).map(String)).toEqual([]);
    disposeEventfoldContainer(container);
  });

  it.each([
    ['timer function', timerFunctionContainer, TimerTokens.firedDeps],
    ['process consumer', processConsumerContainer, ProcessTokens.consumerDeps],
  ] as const)(
    'the %s resolves its dependencies and binds no forget service nor control stores',
    (_r, create, deps) => {
      const container = create(options);
      expect(resolve(container, deps as symbol)).toBeDefined();
      const unused = [PersonalTokens.forget, ReplayTokens.pointers, ReplayTokens.statuses];
      expect(unused.filter((id) => container.isBound(id)).map(String)).toEqual([]);
      disposeEventfoldContainer(container);
    },
  );

  it('the projection consumer builds its SQS client only when it first parks a dead letter', async () => {
    const container = projectionConsumerContainer(options);
    let built = 0;
    container.onActivation(CoreTokens.sqs, (_context, client) => {
      built += 1;
      return client;
    });
    resolve(container, ProjectionTokens.consumerDeps);
    expect(built).toBe(0);
    const deadLetters = resolve(container, ProjectionTokens.deadLetters);
    const letter = { projection: 'order-documents', slot: 'blue', streamId: 'Order#1', version: 1 } as const;
    // Nothing listens on port 1: the send fails, but only after it has built the client.
    const parking = deadLetters.send(letter as never).catch(() => undefined);
    expect(built).toBe(1);
    disposeEventfoldContainer(container);
    await parking;
  });
});
