/** Names and values of one DynamoDB expression. */
export interface Expression {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

const NAMES = { '#version': 'version', '#parked': 'parked' };

/** The gate is at `version` (a missing gate item counts as version 0). */
export function gateAt(version: number): Expression {
  return version === 0
    ? { expression: '(attribute_not_exists(pk) OR #version = :from)', names: NAMES, values: { ':from': 0 } }
    : { expression: '#version = :from', names: NAMES, values: { ':from': version } };
}

/** The stream is not parked, or (when releasing) is parked at exactly that version. */
export function parkedCondition(releases: number | undefined): Expression {
  return releases === undefined
    ? { expression: 'attribute_not_exists(#parked)', names: { '#parked': 'parked' }, values: {} }
    : {
        expression: '#parked.#parkedVersion = :releases',
        names: { '#parked': 'parked', '#parkedVersion': 'version' },
        values: { ':releases': releases },
      };
}

/** Joins expressions with AND. */
export function and(...parts: Expression[]): Expression {
  return {
    expression: parts.map((p) => p.expression).join(' AND '),
    names: Object.assign({}, ...parts.map((p) => p.names)) as Record<string, string>,
    values: Object.assign({}, ...parts.map((p) => p.values)) as Record<string, unknown>,
  };
}

/** The gate may move from `from`: it is there and the stream is not parked (or this releases the parked version). */
export function gateMayMove(from: number, releases: number | undefined): Expression {
  return and(gateAt(from), parkedCondition(releases));
}
