import type { DocumentView } from './document-projection';
import type {
  GateMove,
  GateStep,
  ParkedMark,
  ReadModelDump,
  ReadModelReader,
  ReadModelStore,
  ReadModelTarget,
  StreamState,
} from './read-model-store';
import { applyRowChanges, type Row, type RowChange } from './row-changes';
import { pageOfRows, type RowPage, type RowQuery } from './row-query';

interface Table {
  readonly gates: Map<string, StreamState>;
  readonly rows: Map<string, Row>;
}

/**
 * A read-model store in memory with the same conditional semantics as the DynamoDB adapter: the projection
 * spec runs projections through it, and unit tests use it.
 */
export class InMemoryReadModelStore implements ReadModelStore, ReadModelReader {
  private readonly tables = new Map<string, Table>();

  async readState(target: ReadModelTarget, streamId: string): Promise<StreamState> {
    return this.table(target).gates.get(streamId) ?? { version: 0 };
  }

  async commit(target: ReadModelTarget, streamId: string, step: GateStep): Promise<boolean> {
    const table = this.table(target);
    const state = table.gates.get(streamId) ?? { version: 0 };
    if (state.version !== step.from) return false;
    if (state.parked && state.parked.version !== step.releases) return false;
    if (step.releases !== undefined && state.parked?.version !== step.releases) return false;
    let document = state.document;
    if (step.change.kind === 'document') document = step.change.document;
    if (step.change.kind === 'rows') applyRowChanges(table.rows, step.change.rows);
    table.gates.set(streamId, document === undefined ? { version: step.to } : { version: step.to, document });
    return true;
  }

  async readStates(target: ReadModelTarget, streamIds: readonly string[]) {
    const gates = this.table(target).gates;
    return new Map(streamIds.map((id): [string, StreamState] => [id, gates.get(id) ?? { version: 0 }]));
  }

  async commitJoint(target: ReadModelTarget, moves: readonly GateMove[], rows: readonly RowChange[]) {
    const table = this.table(target);
    const stateOf = (id: string) => table.gates.get(id) ?? { version: 0 };
    if (moves.some((m) => stateOf(m.streamId).version !== m.from || stateOf(m.streamId).parked)) return false;
    applyRowChanges(table.rows, rows);
    for (const m of moves) table.gates.set(m.streamId, { ...stateOf(m.streamId), version: m.to });
    return true;
  }

  async park(target: ReadModelTarget, streamId: string, expectedVersion: number, mark: ParkedMark) {
    const table = this.table(target);
    const state = table.gates.get(streamId) ?? { version: 0 };
    if (state.version !== expectedVersion || state.parked) return false;
    table.gates.set(streamId, { ...state, parked: mark });
    return true;
  }

  async document(target: ReadModelTarget, streamId: string): Promise<DocumentView | undefined> {
    return this.table(target).gates.get(streamId)?.document;
  }

  async row(target: ReadModelTarget, key: string): Promise<Row | undefined> {
    return this.table(target).rows.get(key);
  }

  async rows(target: ReadModelTarget, query: RowQuery): Promise<RowPage> {
    return pageOfRows(this.table(target).rows, query);
  }

  async dump(target: ReadModelTarget): Promise<ReadModelDump> {
    const table = this.table(target);
    const documents: Record<string, DocumentView> = {};
    const versions: Record<string, number> = {};
    for (const [streamId, state] of table.gates) {
      versions[streamId] = state.version;
      if (state.document !== undefined) documents[streamId] = state.document;
    }
    return { documents, rows: Object.fromEntries(table.rows), versions };
  }

  /** Empties one table (a rebuild's standby before its replay). */
  clear(target: ReadModelTarget): void {
    this.tables.delete(`${target.projection}/${target.slot}`);
  }

  private table(target: ReadModelTarget): Table {
    const name = `${target.projection}/${target.slot}`;
    let table = this.tables.get(name);
    if (!table) {
      table = { gates: new Map(), rows: new Map() };
      this.tables.set(name, table);
    }
    return table;
  }
}
