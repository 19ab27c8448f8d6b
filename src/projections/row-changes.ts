import { LimitExceededError } from '../domain/domain-errors';
import { ConfigurationError } from '../domain/domain-errors';

/** A value a row field can hold. */
export type RowValue = string | number | boolean | null;

/** A row of a row projection: named fields. */
export type Row = Record<string, RowValue>;

/** The numeric fields of a row type. */
export type NumericFields<R extends object> = { [K in keyof R as R[K] extends number ? K : never]?: number };

/** The change one event makes to one row: fields set and numbers added, or the row removed. */
export type RowChange =
  | {
      readonly key: string;
      readonly kind: 'upsert';
      readonly set: Readonly<Row>;
      readonly add: Readonly<Record<string, number>>;
    }
  | { readonly key: string; readonly kind: 'remove' };

/** At most this many rows per event: one transaction holds 100 items, one of which is the version gate. */
export const MAX_ROWS_PER_EVENT = 99;

const RESERVED_FIELDS = new Set(['pk', 'sk', 'version', 'doc', 'parked']);
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function checkField(key: string, field: string): void {
  if (!FIELD_NAME.test(field) || RESERVED_FIELDS.has(field)) {
    throw new ConfigurationError(`row ${key}: field name "${field}" is reserved or invalid`, { key, field });
  }
}

/**
 * Collects the row changes of one event. Additions are atomic increments, so rows shared by many aggregates
 * (totals per day) stay right when several consumers add to them at once.
 * @example
 * rows.add(`day#${day}`, { paid: e.amount, payments: 1 });
 * rows.set(`day#${day}`, { currency: 'EUR' });
 */
export class RowChanges<R extends object = Row> {
  private readonly changes = new Map<string, { set: Row; add: Record<string, number> } | 'remove'>();

  /** Sets fields of a row, creating it when absent. */
  set(key: string, fields: Partial<R>): this {
    const change = this.upsert(key);
    for (const [field, value] of Object.entries(fields)) {
      checkField(key, field);
      if (field in change.add) throw this.conflict(key, field);
      change.set[field] = value as RowValue;
    }
    return this;
  }

  /** Adds to numeric fields of a row, creating it (and the fields, from 0) when absent. */
  add(key: string, increments: NumericFields<R>): this {
    const change = this.upsert(key);
    for (const [field, amount] of Object.entries(increments as Record<string, number>)) {
      checkField(key, field);
      if (field in change.set) throw this.conflict(key, field);
      change.add[field] = (change.add[field] ?? 0) + amount;
    }
    return this;
  }

  /** Removes a row. */
  remove(key: string): this {
    if (this.changes.has(key)) throw this.conflict(key, '*');
    this.changes.set(key, 'remove');
    return this;
  }

  /** The collected changes, one per row. */
  list(): RowChange[] {
    if (this.changes.size > MAX_ROWS_PER_EVENT) {
      throw new LimitExceededError('rows changed by one event', MAX_ROWS_PER_EVENT, this.changes.size);
    }
    return [...this.changes].map(([key, change]) =>
      change === 'remove'
        ? { key, kind: 'remove' }
        : { key, kind: 'upsert', set: change.set, add: change.add },
    );
  }

  private upsert(key: string): { set: Row; add: Record<string, number> } {
    if (key.length === 0 || key.length > 1024)
      throw new ConfigurationError('a row key has 1 to 1024 characters');
    const change = this.changes.get(key);
    if (change === 'remove') throw this.conflict(key, '*');
    if (change) return change;
    const fresh = { set: {}, add: {} };
    this.changes.set(key, fresh);
    return fresh;
  }

  private conflict(key: string, field: string): ConfigurationError {
    return new ConfigurationError(
      `row ${key}: field ${field} is changed twice in different ways by one event`,
      {
        key,
        field,
      },
    );
  }
}

/** Applies row changes to plain rows (the in-memory store and test folds use the same rules as DynamoDB). */
export function applyRowChanges(rows: Map<string, Row>, changes: readonly RowChange[]): void {
  for (const change of changes) {
    if (change.kind === 'remove') {
      rows.delete(change.key);
      continue;
    }
    const row: Row = { ...(rows.get(change.key) ?? {}), ...change.set };
    for (const [field, amount] of Object.entries(change.add)) row[field] = Number(row[field] ?? 0) + amount;
    rows.set(change.key, row);
  }
}
