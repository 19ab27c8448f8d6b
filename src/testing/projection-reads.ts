import { NotFoundError } from '../domain/domain-errors';
import type { DocumentProjection } from '../projections/document-projection';
import { projectionInfoOf } from '../projections/projection-decorators';
import type { ReadModelReader, ReadModelTarget } from '../projections/read-model-store';
import type { ProjectionClass, ReadModels, RowOf, RowPageRequest, ViewOf } from '../projections/read-models';
import type { RowProjection } from '../projections/row-projection';
import type { RowPage } from '../projections/row-query';
import type { ProjectionPointerStore } from '../projections/table-pointer';

/**
 * Typed reads of the active tables over a reader and the pointers, as the HTTP API reads (a projection the app
 * does not register is a NOT_FOUND; a page holds 100 rows unless asked otherwise).
 */
export function projectionReads(
  reader: ReadModelReader,
  pointers: ProjectionPointerStore,
  names: readonly string[],
): ReadModels {
  const active = async (projection: Function): Promise<ReadModelTarget> => {
    const { name } = projectionInfoOf(projection);
    if (!names.includes(name)) throw new NotFoundError('projection', name);
    return { projection: name, slot: (await pointers.get(name)).active };
  };
  return {
    async document<P extends DocumentProjection<any>>(projection: ProjectionClass<P>, streamId: string) {
      return (await reader.document(await active(projection), streamId)) as ViewOf<P> | undefined;
    },
    async row<P extends RowProjection<any>>(projection: ProjectionClass<P>, key: string) {
      return (await reader.row(await active(projection), key)) as RowOf<P> | undefined;
    },
    async rows<P extends RowProjection<any>>(projection: ProjectionClass<P>, request: RowPageRequest = {}) {
      const query = { prefix: request.prefix, cursor: request.cursor, limit: request.limit ?? 100 };
      return (await reader.rows(await active(projection), query)) as RowPage<RowOf<P>>;
    },
  };
}
