import { Container } from 'inversify';
import { bindDynamoDbClient, bindKinesisClient, bindSqsClient } from './client-bindings';
import { bindCore } from './core-bindings';
import { bindPersonalData } from './personal-bindings';
import type { EventfoldContainerOptions } from './create-container';
import { bindForwarder, bindLivePath } from './projection-bindings';
import { bindRebuilds } from './rebuild-bindings';
import { bindControlStores } from './replay-bindings';
import { bindProcesses } from './process-bindings';
import { bindTimers } from './timer-bindings';
import { bindUserCode } from './user-bindings';
import { bindWriteSide } from './write-bindings';

type Binder = (container: Container) => void;

function roleContainer(options: EventfoldContainerOptions, binders: readonly Binder[]): Container {
  const container = new Container();
  bindCore(container, options.app, options.config, options.observability ?? {}, options.clock);
  bindUserCode(container, options.app);
  for (const bind of binders) bind(container);
  return container;
}

/*
 * The containers of the functions other than the HTTP API (which drives everything and uses
 * `createEventfoldContainer`). Each binds only what its role resolves, so that its function's bundle leaves out
 * the AWS clients and the code the role never uses.
 */

/** The stream forwarder's container: the Kinesis client and the forwarder's publisher. */
export function forwarderContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [bindKinesisClient, bindForwarder]);
}

/** The projection consumer's container: DynamoDB and SQS clients, the stores and the projection runner. */
export function projectionConsumerContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindDynamoDbClient,
    bindSqsClient,
    bindWriteSide,
    bindPersonalData,
    bindControlStores,
    bindLivePath,
  ]);
}

/** The replay iterator's container: DynamoDB and Kinesis clients, the stores and the rebuild flip gate. */
export function replayIteratorContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindDynamoDbClient,
    bindKinesisClient,
    bindWriteSide,
    bindControlStores,
    bindRebuilds,
  ]);
}

/**
 * The timer function's container: DynamoDB and SQS clients, the stores, the command bus and the timer scheduler
 * (a due timer's handler may dispatch commands and schedule timers).
 */
export function timerFunctionContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindDynamoDbClient,
    bindSqsClient,
    bindWriteSide,
    bindPersonalData,
    bindControlStores,
    bindTimers,
    bindProcesses,
  ]);
}

/**
 * The process consumer's container: DynamoDB and SQS clients, the event store and command bus, the timer
 * scheduler and the process managers' runner.
 */
export function processConsumerContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindDynamoDbClient,
    bindSqsClient,
    bindWriteSide,
    bindPersonalData,
    bindTimers,
    bindProcesses,
  ]);
}
