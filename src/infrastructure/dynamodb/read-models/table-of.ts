import { type EventfoldConfig, readModelTableName } from '../../config';
import type { ReadModelTarget } from '../../../projections/read-model-store';
import type { TableOf } from './dynamodb-read-model-store';

/** The read-model table of a projection slot, named by the configuration (`<prefix><projection>-<slot>`). */
export function tableOfConfig(config: EventfoldConfig): TableOf {
  return (target: ReadModelTarget) => readModelTableName(config, target.projection, target.slot);
}
