import { Container } from 'inversify';
import { bindAllClients, bindDynamoDbClient, bindKinesisClient, bindSqsClient } from './client-bindings';
import { bindCore, bindObservability } from './core-bindings';
import { bindPersonalData } from './personal-bindings';
import type { EventfoldContainerOptions } from './create-container';
import { bindHttpApi } from './http-bindings';
import { bindForwarder, bindLivePath } from './projection-bindings';
import { bindFlipGate, bindRebuilds } from './rebuild-bindings';
import { bindControlStores, bindReplays } from './replay-bindings';
import { bindProcesses } from './process-bindings';
import { bindTimers } from './timer-bindings';
import { bindUserCode } from './user-bindings';
import { bindEventReader, bindWriteSide } from './write-bindings';

type Binder = (container: Container) => void;

/** What the container of a role that runs none of the app's code is built from: no app. */
export type AppFreeContainerOptions = Omit<EventfoldContainerOptions, 'app'>;

function roleContainer(options: EventfoldContainerOptions, binders: readonly Binder[]): Container {
  const container = new Container();
  bindCore(container, options.app, options.config, options.observability ?? {}, options.clock);
  bindUserCode(container, options.app);
  for (const bind of binders) bind(container);
  return container;
}

/** A container of a role that runs none of the app's code: configuration, observability and `binders`. */
function appFreeContainer(options: AppFreeContainerOptions, binders: readonly Binder[]): Container {
  const container = new Container();
  bindObservability(container, options.config, options.observability ?? {}, options.clock);
  for (const bind of binders) bind(container);
  return container;
}

/*
 * The containers of the functions (the local runtime uses `createEventfoldContainer`, which binds every role). Each binds only what its role resolves, so that its function's bundle leaves out
 * the AWS clients and the code the role never uses. The forwarder and the replay iterator move stored events as they
 * are and run none of the app's code: their containers hold no app, and their functions are bundled without it.
 */

/** The stream forwarder's container: the Kinesis client and the forwarder's publisher; no app. */
export function forwarderContainer(options: AppFreeContainerOptions): Container {
  return appFreeContainer(options, [bindKinesisClient, bindForwarder]);
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

/** The replay iterator's container: DynamoDB and Kinesis clients, the stores and the rebuild flip gate; no app. */
export function replayIteratorContainer(options: AppFreeContainerOptions): Container {
  return appFreeContainer(options, [
    bindDynamoDbClient,
    bindKinesisClient,
    bindEventReader,
    bindControlStores,
    bindFlipGate,
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

/**
 * The HTTP API function's container: every client, the write side with personal data, replays, rebuilds, the read side and the live
 * path (the dead-letter redrive re-applies through the projection runner); not the forwarder's publisher, the
 * process managers' runner nor the timer scheduler (only process managers and the timer function schedule timers),
 * which run in functions of their own.
 */
export function httpApiContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindAllClients,
    bindWriteSide,
    bindPersonalData,
    bindReplays,
    bindRebuilds,
    bindLivePath,
    bindHttpApi,
  ]);
}
