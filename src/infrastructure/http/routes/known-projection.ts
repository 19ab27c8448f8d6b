import { NotFoundError } from '../../../domain/domain-errors';
import type { ApiServices } from '../api-ports';

/**
 * The name of a registered projection; any other name is a 404, on every projection route, as an unknown replay
 * is: a projection is a resource of the API, not a type of the request body.
 */
export function knownProjection(services: ApiServices, name: string): string {
  if (!services.projections.includes(name)) throw new NotFoundError('projection', name);
  return name;
}
