import type { DocumentProjection } from './document-projection';
import type { RowProjection } from './row-projection';
import type { RowPage } from './row-query';

/** A projection class (what `@Projection` decorates); its name and read-model type come from it. */
export type ProjectionClass<P> = abstract new (...args: never[]) => P;

/** The document type of a document projection. */
export type ViewOf<P> = P extends DocumentProjection<infer V> ? V : never;

/** The row type of a row projection. */
export type RowOf<P> = P extends RowProjection<infer R> ? R : never;

/** What a page of rows may ask: a key prefix, a page size (default 100, at most 1000) and the previous cursor. */
export interface RowPageRequest {
  readonly prefix?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * Typed reads of the active read models, named by projection class: the HTTP client and the in-memory app both
 * offer them, so one test reads alike from either.
 * @example
 * const order = await reads.document(OrderDocuments, 'Order#42'); // OrderDocument | undefined
 * const { rows, cursor } = await reads.rows(PaidPerDay, { prefix: '2026-' });
 */
export interface ReadModels {
  /** The document of one stream (`Order#42`), undefined when there is none. */
  document<P extends DocumentProjection<any>>(
    projection: ProjectionClass<P>,
    streamId: string,
  ): Promise<ViewOf<P> | undefined>;
  /** One row by key, undefined when there is none. */
  row<P extends RowProjection<any>>(
    projection: ProjectionClass<P>,
    key: string,
  ): Promise<RowOf<P> | undefined>;
  /** One page of rows whose key starts with `prefix`; follow `cursor` for the next page. */
  rows<P extends RowProjection<any>>(
    projection: ProjectionClass<P>,
    request?: RowPageRequest,
  ): Promise<RowPage<RowOf<P>>>;
}
