import type { StoredEvent } from '../../domain/stored-event';
import type { TableSlot } from '../../projections/table-pointer';

/** Marks records published by a replay; a rebuild's replay names the projection and the slot it fills. */
export interface ReplayTag {
  readonly replayId: string;
  readonly projection?: string;
  readonly slot?: TableSlot;
}

/**
 * The data of one Kinesis record on the projection or the replay stream (JSON, partition key = stream id):
 * consecutive events of ONE stream, ascending by version, and the replay that published them, if any.
 */
export interface RecordEnvelope {
  readonly v: 1;
  readonly events: readonly StoredEvent[];
  readonly replay?: ReplayTag;
}
