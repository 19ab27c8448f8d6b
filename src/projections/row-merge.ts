import { MAX_ROWS_PER_EVENT, type Row, type RowChange } from './row-changes';

type Upsert = Extract<RowChange, { kind: 'upsert' }>;

/** `a + b` when both and the sum are safe integers (exactly what DynamoDB's decimal `ADD` gives), else undefined. */
function exactSum(a: number, b: number): number | undefined {
  const sum = a + b;
  return Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(sum) ? sum : undefined;
}

/** `next` applied after `prev` to one row as one upsert, or undefined when one upsert cannot say it exactly. */
function mergeUpserts(prev: Upsert, next: Upsert): Upsert | undefined {
  const set: Row = { ...prev.set };
  const add: Record<string, number> = { ...prev.add };
  for (const [field, value] of Object.entries(next.set)) {
    set[field] = value;
    delete add[field];
  }
  for (const [field, amount] of Object.entries(next.add)) {
    const base = field in set ? set[field] : add[field];
    if (base === undefined) {
      add[field] = amount;
      continue;
    }
    // Adding to a field set earlier: the sum is known here, if it is exact; adding to a non-number fails in DynamoDB.
    const sum = typeof base === 'number' ? exactSum(base, amount) : undefined;
    if (sum === undefined) return undefined;
    if (field in set) set[field] = sum;
    else add[field] = sum;
  }
  return { key: prev.key, kind: 'upsert', set, add };
}

/** One row's change after `next` follows `prev`; undefined when it cannot be one change (see `RowMerge`). */
function mergeRow(prev: RowChange | undefined, next: RowChange): RowChange | undefined {
  if (!prev || next.kind === 'remove') return next;
  // A row removed and then written again would have to be replaced whole: not one update.
  if (prev.kind === 'remove') return undefined;
  return mergeUpserts(prev, next);
}

/**
 * The row changes of consecutive events of one stream merged into one change per row, with the result of
 * applying them one after another: later sets win, additions add up, a removal ends what came before. So a
 * row projection writes a run of events in one transaction. An event whose changes cannot merge exactly is
 * refused whole (`add` returns false): a row removed and then written again, a sum that is not a safe
 * integer (DynamoDB adds decimals exactly, JavaScript does not), an addition to a field set to a non-number,
 * or more rows than one transaction holds.
 */
export class RowMerge {
  private readonly rows = new Map<string, RowChange>();

  /** Adds one event's changes; false, and nothing changed, when they cannot merge. */
  add(changes: readonly RowChange[]): boolean {
    const merged = new Map<string, RowChange>();
    for (const change of changes) {
      const row = mergeRow(this.rows.get(change.key), change);
      if (!row) return false;
      merged.set(change.key, row);
    }
    const keys = new Set([...this.rows.keys(), ...merged.keys()]);
    if (keys.size > MAX_ROWS_PER_EVENT) return false;
    for (const [key, row] of merged) this.rows.set(key, row);
    return true;
  }

  /** The merged changes, one per row. */
  list(): RowChange[] {
    return [...this.rows.values()];
  }
}
