import type { RowChange } from '../../../projections/row-changes';
import type { Expression } from './gate-conditions';

/** The update expression of a row upsert: `SET` the fields set, `ADD` the increments. */
export function rowUpdateExpression(change: Extract<RowChange, { kind: 'upsert' }>): Expression | undefined {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const adds: string[] = [];
  Object.entries(change.set).forEach(([field, value], i) => {
    names[`#s${i}`] = field;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  Object.entries(change.add).forEach(([field, amount], i) => {
    names[`#a${i}`] = field;
    values[`:a${i}`] = amount;
    adds.push(`#a${i} :a${i}`);
  });
  if (sets.length === 0 && adds.length === 0) return undefined;
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    adds.length ? `ADD ${adds.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { expression, names, values };
}
