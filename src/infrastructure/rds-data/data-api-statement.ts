import type { SqlParameter } from '@aws-sdk/client-rds-data';
import { EventfoldError } from '../../domain/errors';
import type { SqlStatement } from '../../projections/sql/sql-client';
import { fieldOf } from './parameter-fields';
import { placeholdersOf } from './placeholders';

/** A statement in the Data API's form: named `:pN` parameters in the text, each with its typed field. */
export interface DataApiStatement {
  readonly sql: string;
  readonly parameters: SqlParameter[];
}

/** The Data API's name of the `$n` placeholder. */
export const parameterName = (index: number): string => `p${index}`;

/**
 * Translates a `$1`-style statement of the `SqlClient` port into the Data API's form: every placeholder outside
 * string constants, quoted identifiers and comments becomes `:pN`, and each referenced value becomes one named,
 * typed parameter (a value referenced twice is sent once). The text is otherwise unchanged: values never enter it.
 * A placeholder without a value (`$3` with two values, or `$0`) is a 400 naming it.
 * @example
 * toDataApiStatement({ text: 'SELECT * FROM concerts WHERE city = $1', values: ['Utrecht'] });
 * // { sql: 'SELECT * FROM concerts WHERE city = :p1', parameters: [{ name: 'p1', value: { stringValue: 'Utrecht' } }] }
 */
export function toDataApiStatement(statement: SqlStatement): DataApiStatement {
  const values = statement.values ?? [];
  const placeholders = placeholdersOf(statement.text);
  const parameters = new Map<number, SqlParameter>();
  let sql = '';
  let copied = 0;
  for (const { start, end, index } of placeholders) {
    if (index < 1 || index > values.length) {
      throw new EventfoldError(
        'VALIDATION_FAILED',
        `SQL statement refers to $${index} but has ${values.length} value(s)`,
        { field: `$${index}`, limit: values.length },
      );
    }
    sql += `${statement.text.slice(copied, start)}:${parameterName(index)}`;
    copied = end;
    if (!parameters.has(index)) {
      parameters.set(index, { name: parameterName(index), ...fieldOf(values[index - 1], index) });
    }
  }
  sql += statement.text.slice(copied);
  return { sql, parameters: [...parameters.values()] };
}
