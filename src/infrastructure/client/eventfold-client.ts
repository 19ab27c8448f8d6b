import { ErrorCodes, type ErrorCode, EventfoldError } from '../../domain/errors';
import type { DocumentProjection } from '../../projections/document-projection';
import { projectionInfoOf } from '../../projections/projection-decorators';
import type {
  ProjectionClass,
  ReadModels,
  RowOf,
  RowPageRequest,
  ViewOf,
} from '../../projections/read-models';
import type { RowProjection } from '../../projections/row-projection';
import type { RowPage } from '../../projections/row-query';
import type { SqlQueryPage, SqlQueryParams } from '../../projections/sql/sql-query';
import type { SqlProjection } from '../../projections/sql/sql-projection';

/** The names of a SQL projection's queries. */
export type QueryNameOf<P extends SqlProjection> = keyof NonNullable<P['queries']> & string;

const knownCodes = new Set<string>(Object.values(ErrorCodes));

/** The error an answer of the API carries, as the `EventfoldError` the server raised (same code and details). */
export function errorOfAnswer(status: number, body: unknown): EventfoldError {
  const { code, message, details } = (body ?? {}) as {
    code?: string;
    message?: string;
    details?: Record<string, unknown>;
  };
  if (code && knownCodes.has(code)) return new EventfoldError(code as ErrorCode, message ?? code, details);
  return new EventfoldError(ErrorCodes.unavailable, `HTTP ${status}`, { status, body });
}

const enc = encodeURIComponent;

/**
 * A typed client of the eventfold HTTP API's reads: documents and rows by projection class, with the types the
 * projection declares. Errors are `EventfoldError`s with the server's code; a missing document or row is undefined.
 * @example
 * const client = new EventfoldClient('https://api.example.com/prod');
 * const order = await client.document(OrderDocuments, 'Order#42'); // OrderDocument | undefined
 */
export class EventfoldClient implements ReadModels {
  constructor(
    readonly baseUrl: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async document<P extends DocumentProjection<any>>(
    projection: ProjectionClass<P>,
    streamId: string,
  ): Promise<ViewOf<P> | undefined> {
    return this.getOrUndefined(`/projections/${this.name(projection)}/documents/${enc(streamId)}`);
  }

  async row<P extends RowProjection<any>>(
    projection: ProjectionClass<P>,
    key: string,
  ): Promise<RowOf<P> | undefined> {
    return this.getOrUndefined(`/projections/${this.name(projection)}/rows/${enc(key)}`);
  }

  async rows<P extends RowProjection<any>>(
    projection: ProjectionClass<P>,
    request: RowPageRequest = {},
  ): Promise<RowPage<RowOf<P>>> {
    const query = new URLSearchParams();
    for (const [field, value] of Object.entries(request))
      if (value !== undefined) query.set(field, String(value));
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return (await this.get(`/projections/${this.name(projection)}/rows${suffix}`)) as RowPage<RowOf<P>>;
  }

  /**
   * One page of a SQL projection's named query; pass the page's `cursor` back, with the same parameters, for the
   * next. Bad parameters are a `VALIDATION_FAILED` error naming the field.
   * @example
   * const page = await client.query(ConcertSearch, 'search', { name: 'blue', city: 'Utrecht' }, { limit: 20 });
   */
  async query<P extends SqlProjection, Q extends QueryNameOf<P>, Row = Record<string, unknown>>(
    projection: ProjectionClass<P>,
    query: Q,
    params: Partial<
      Record<keyof SqlQueryParams<NonNullable<P['queries']>[Q]>, string | number | boolean>
    > = {},
    page: { limit?: number; cursor?: string } = {},
  ): Promise<SqlQueryPage<Row>> {
    const search = new URLSearchParams();
    for (const [field, value] of Object.entries({ ...params, ...page }))
      if (value !== undefined && value !== null) search.set(field, String(value));
    const suffix = search.size > 0 ? `?${search.toString()}` : '';
    const path = `/projections/${this.name(projection)}/queries/${enc(query)}${suffix}`;
    return (await this.get(path)) as SqlQueryPage<Row>;
  }

  private name(projection: Function): string {
    return enc(projectionInfoOf(projection).name);
  }

  private async getOrUndefined<T>(path: string): Promise<T | undefined> {
    try {
      return (await this.get(path)) as T;
    } catch (error) {
      if (
        error instanceof EventfoldError &&
        error.code === ErrorCodes.notFound &&
        error.context.kind !== 'projection'
      )
        return undefined;
      throw error;
    }
  }

  private async get(path: string): Promise<unknown> {
    const response = await this.fetchFn(`${this.baseUrl.replace(/\/$/, '')}${path}`);
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw errorOfAnswer(response.status, body);
    return body;
  }
}
