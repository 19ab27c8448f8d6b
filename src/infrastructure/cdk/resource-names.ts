import { Aws } from 'aws-cdk-lib';
import type { EventfoldConfig } from '../config';

/** The physical names of everything the construct creates, derived from one prefix. */
export interface ResourceNames extends EventfoldConfig {
  readonly replayStateMachine: string;
}

const PREFIX = /^[a-z][a-z0-9-]{0,30}-$/;

/**
 * Names every table and stream `<prefix><role>`, the same names `configFromEnv` reads back on the functions.
 * Fixed names let the functions, the state machine and the read-model tables refer to each other without
 * circular references.
 */
export function resourceNames(prefix: string, timeIndexShards: number): ResourceNames {
  if (!PREFIX.test(prefix)) {
    throw new Error(`the eventfold prefix "${prefix}" must match ${PREFIX} (lower case, ending in a dash)`);
  }
  return {
    endpoints: { region: Aws.REGION },
    eventsTable: `${prefix}events`,
    snapshotsTable: `${prefix}snapshots`,
    controlTable: `${prefix}control`,
    readModelTablePrefix: `${prefix}rm-`,
    projectionStream: `${prefix}projection`,
    replayStream: `${prefix}replay`,
    replayStateMachine: `${prefix}replay`,
    keysTable: `${prefix}keys`,
    timeIndexShards,
  };
}
