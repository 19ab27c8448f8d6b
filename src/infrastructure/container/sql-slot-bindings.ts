import type { Container } from 'inversify';
import { routeSlots, slotsOf } from '../../application/rebuild/routed-slots';
import { projectionInfoOf } from '../../projections/projection-decorators';
import { SqlSlotClear } from '../sql/sql-slot-clear';
import { SqlSlotVersions } from '../sql/sql-slot-versions';
import { dynamoDbSlots, RebuildTokens } from './rebuild-bindings';
import { ReplayTokens } from './replay-bindings';
import { bindSqlReadModels, sqlProjectionsOf, SqlTokens } from './sql-bindings';
import { provide } from './tokens';
import { UserTokens } from './user-bindings';

/**
 * Binds the slots of an app's projections so that rebuilds drive its SQL projections too: their gates are read
 * from their schemas, and a standby schema is dropped and created again (refused while the pointer names it);
 * every other projection keeps its DynamoDB tables. Bind it before the rebuilds (`bindRebuilds`).
 */
export function bindSqlSlots(container: Container): void {
  bindSqlReadModels(container);
  provide(container, RebuildTokens.slots, (get) => {
    const dynamo = dynamoDbSlots(get);
    const names = sqlProjectionsOf(get(UserTokens.projections)).map((p) => projectionInfoOf(p).name);
    if (names.length === 0) return dynamo;
    const store = get(SqlTokens.store);
    const versions = new SqlSlotVersions(get(SqlTokens.client), (target) => store.schemaOf(target));
    const sql = slotsOf(versions, new SqlSlotClear(get(SqlTokens.client), store, get(ReplayTokens.pointers)));
    return routeSlots(dynamo, sql, names);
  });
}
