import { ConfigurationError } from '../../domain/domain-errors';
import type { SqlStatement } from './sql-client';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A name (table, column) spliced into a statement's text; made only by `sql.ident`, which checks it. */
export class SqlIdentifier {
  private constructor(readonly name: string) {}

  /** @internal */
  static checked(name: string): SqlIdentifier {
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      throw new ConfigurationError(`"${String(name)}" is not a plain SQL name (${IDENTIFIER})`, { name });
    }
    return new SqlIdentifier(name);
  }
}

/** A statement built by `sql`, which can be nested in another `sql` template (its parameters renumbered). */
export class SqlFragment implements SqlStatement {
  constructor(
    readonly parts: readonly string[],
    readonly params: readonly unknown[],
  ) {}

  get text(): string {
    return this.render().text;
  }

  get values(): readonly unknown[] {
    return this.render().values;
  }

  /** The text with `$1`, `$2`, ... and its values in that order. */
  render(): SqlStatement & { values: unknown[] } {
    const values: unknown[] = [];
    return { text: this.write(values), values };
  }

  private write(values: unknown[]): string {
    let text = this.parts[0] ?? '';
    this.params.forEach((param, i) => {
      if (param instanceof SqlFragment) text += param.write(values);
      else if (param instanceof SqlIdentifier) text += `"${param.name}"`;
      else {
        values.push(param === undefined ? null : param);
        text += `$${values.length}`;
      }
      text += this.parts[i + 1] ?? '';
    });
    return text;
  }
}

/**
 * Builds a parameterised statement: every interpolated value becomes a parameter (`$n`), never text, so no event
 * data can change a statement's SQL. Nested `sql` fragments join in place; `sql.ident` splices a checked name.
 * @example
 * sql`INSERT INTO concerts (id, name) VALUES (${e.concertId}, ${e.name}) ON CONFLICT (id) DO NOTHING`
 * // { text: 'INSERT INTO concerts (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', values: [...] }
 */
export function sql(parts: TemplateStringsArray, ...params: unknown[]): SqlFragment {
  return new SqlFragment([...parts], params);
}

/** A checked identifier (lower-case letters, digits, `_`) to splice into a statement, quoted. */
sql.ident = (name: string): SqlIdentifier => SqlIdentifier.checked(name);

/** Fragments joined with a separator (`, ` when absent): a list of values or of conditions. */
sql.join = (items: readonly unknown[], separator = ', '): SqlFragment => {
  const parts = items.length === 0 ? [''] : ['', ...items.slice(1).map(() => separator), ''];
  return new SqlFragment(parts, items);
};
