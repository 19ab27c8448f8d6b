import type { Container } from 'inversify';
import { bindDynamoDbClient, bindKinesisClient } from './client-bindings';
import { bindObservability } from './core-bindings';
import type { EventfoldContainerOptions } from './create-container';
import { bindForwarder } from './projection-bindings';
import { bindIteratorGates } from './iterator-gate-bindings';
import { bindFlipGate } from './rebuild-bindings';
import { bindControlStores } from './replay-bindings';
import { SingletonContainer } from './singleton-container';
import { bindEventReader } from './write-bindings';

/*
 * The roles that run none of the app's code: the stream forwarder and the replay iterator move stored events as
 * they are. Their containers hold no app, and their functions are bundled without it and without inversify.
 */

/** What the container of a role that runs none of the app's code is built from: no app. */
export type AppFreeContainerOptions = Omit<EventfoldContainerOptions, 'app'>;

type Binder = (container: Container) => void;

/** The stream forwarder's bindings: the Kinesis client and the forwarder's publisher. */
export const FORWARDER_BINDERS: readonly Binder[] = [bindKinesisClient, bindForwarder];

/**
 * The replay iterator's bindings: DynamoDB and Kinesis clients, the stores, the gates of every projection (SQL
 * ones through the Data API) and the rebuild flip gate.
 */
export const REPLAY_ITERATOR_BINDERS: readonly Binder[] = [
  bindDynamoDbClient,
  bindKinesisClient,
  bindEventReader,
  bindControlStores,
  (container) => bindIteratorGates(container),
  bindFlipGate,
];

/** Binds configuration, observability and `binders` into `container`, and returns it. */
export function bindAppFree(
  container: Container,
  options: AppFreeContainerOptions,
  binders: readonly Binder[],
): Container {
  bindObservability(container, options.config, options.observability ?? {}, options.clock);
  for (const bind of binders) bind(container);
  return container;
}

/** The stream forwarder function's container, on a `SingletonContainer` (no inversify in its bundle). */
export function forwarderFunctionContainer(options: AppFreeContainerOptions): Container {
  return bindAppFree(new SingletonContainer().asContainer(), options, FORWARDER_BINDERS);
}

/** The replay iterator function's container, on a `SingletonContainer` (no inversify in its bundle). */
export function replayIteratorFunctionContainer(options: AppFreeContainerOptions): Container {
  return bindAppFree(new SingletonContainer().asContainer(), options, REPLAY_ITERATOR_BINDERS);
}
