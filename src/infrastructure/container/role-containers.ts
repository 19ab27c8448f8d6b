import { Container } from 'inversify';
import { bindAllClients, bindDynamoDbClient, bindSqsClient } from './client-bindings';
import {
  type AppFreeContainerOptions,
  bindAppFree,
  FORWARDER_BINDERS,
  REPLAY_ITERATOR_BINDERS,
} from './app-free-containers';
import { bindCore } from './core-bindings';
import { bindPersonalCodec, bindPersonalData } from './personal-bindings';
import type { EventfoldContainerOptions } from './create-container';
import { bindHttpApi } from './http-bindings';
import { bindLivePath, bindProjectionRunner } from './projection-bindings';
import { bindRebuilds } from './rebuild-bindings';
import { bindPointerStore, bindReplays } from './replay-bindings';
import { bindProcesses } from './process-bindings';
import { bindSqlSlots } from './sql-slot-bindings';
import { bindTimers } from './timer-bindings';
import { bindUserCode } from './user-bindings';
import { bindEventStore, bindWriteSide } from './write-bindings';

type Binder = (container: Container) => void;

export type { AppFreeContainerOptions } from './app-free-containers';

function roleContainer(options: EventfoldContainerOptions, binders: readonly Binder[]): Container {
  const container = new Container();
  bindCore(container, options.app, options.config, options.observability ?? {}, options.clock);
  bindUserCode(container, options.app);
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
  return bindAppFree(new Container(), options, FORWARDER_BINDERS);
}

/**
 * The projection consumer's container: DynamoDB and SQS clients, the event store (gap filling), the personal data
 * codec, the projection pointers and the projection runner; nothing of the write side, the replays or the readers it
 * never resolves, so that its function builds and bundles none of them.
 */
export function projectionConsumerContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindDynamoDbClient,
    bindSqsClient,
    bindEventStore,
    bindPersonalCodec,
    bindPointerStore,
    bindProjectionRunner,
  ]);
}

/** The replay iterator's container: DynamoDB and Kinesis clients, the stores and the rebuild flip gate; no app. */
export function replayIteratorContainer(options: AppFreeContainerOptions): Container {
  return bindAppFree(new Container(), options, REPLAY_ITERATOR_BINDERS);
}

/**
 * The timer function's container: DynamoDB and SQS clients, the stores, the command bus and the timer scheduler
 * (a due timer's handler may dispatch commands and schedule timers); the personal data codec, not the forget service.
 */
export function timerFunctionContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindDynamoDbClient,
    bindSqsClient,
    bindWriteSide,
    bindPersonalCodec,
    bindTimers,
    bindProcesses,
  ]);
}

/**
 * The process consumer's container: DynamoDB and SQS clients, the event store and command bus, the personal data
 * codec, the timer scheduler and the process managers' runner.
 */
export function processConsumerContainer(options: EventfoldContainerOptions): Container {
  return roleContainer(options, [
    bindDynamoDbClient,
    bindSqsClient,
    bindWriteSide,
    bindPersonalCodec,
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
    bindSqlSlots,
    bindRebuilds,
    bindLivePath,
    bindHttpApi,
  ]);
}
