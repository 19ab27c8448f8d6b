import type { Container } from 'inversify';
import { ReplayService } from '../../application/replay/replay-service';
import type { ReplayStatusStore } from '../../application/replay/replay-status';
import type { ReplayWorkflow } from '../../application/replay/replay-workflow';
import { ConfigurationError } from '../../domain/domain-errors';
import type { ProjectionPointerStore } from '../../projections/table-pointer';
import { DynamoDbProjectionPointerStore } from '../dynamodb/control/dynamodb-pointer-store';
import { DynamoDbReplayStatusStore } from '../dynamodb/control/dynamodb-replay-status-store';
import { StepFunctionsReplayWorkflow } from '../stepfunctions/sfn-replay-workflow';
import { CoreTokens } from './core-bindings';
import { provide, token } from './tokens';

/** Tokens of the control table's stores and the replay machinery. */
export const ReplayTokens = {
  pointers: token<ProjectionPointerStore>('ProjectionPointerStore'),
  statuses: token<ReplayStatusStore>('ReplayStatusStore'),
  workflow: token<ReplayWorkflow>('ReplayWorkflow'),
  replays: token<ReplayService>('ReplayService'),
} as const;

/** Binds the control table's projection pointers alone: what the projection consumer reads of it. */
export function bindPointerStore(container: Container): void {
  provide(container, ReplayTokens.pointers, (get) => {
    return new DynamoDbProjectionPointerStore(get(CoreTokens.dynamodb), get(CoreTokens.config).controlTable);
  });
}

/** Binds the control table's pointer and replay status stores (DynamoDB only). */
export function bindControlStores(container: Container): void {
  bindPointerStore(container);
  provide(container, ReplayTokens.statuses, (get) => {
    return new DynamoDbReplayStatusStore(get(CoreTokens.dynamodb), get(CoreTokens.config).controlTable);
  });
}

/** Binds the control stores, the Step Functions workflow, and the replay service. */
export function bindReplays(container: Container): void {
  bindControlStores(container);
  provide(container, ReplayTokens.workflow, (get) => {
    const arn = get(CoreTokens.config).replayStateMachineArn;
    if (!arn) throw new ConfigurationError('replays need EVENTFOLD_REPLAY_STATE_MACHINE_ARN');
    return new StepFunctionsReplayWorkflow(get(CoreTokens.sfn), arn);
  });
  provide(
    container,
    ReplayTokens.replays,
    (get) => new ReplayService(get(ReplayTokens.statuses), get(ReplayTokens.workflow)),
  );
}
