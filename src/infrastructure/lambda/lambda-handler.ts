import type { Context } from 'aws-lambda';
import type { Container } from 'inversify';
import type { Token } from '../container/tokens';
import { coldStartContainer } from './cold-start';
import { type PlainHandler, roleHandler } from './role-handler';

export type { PlainHandler } from './role-handler';

/**
 * Wraps a plain handler as a Lambda handler: resolves its dependencies from the cold-start container, adds the
 * Lambda context to the Powertools logger, and publishes metrics named after the role (`httpApiInvocations`,
 * `streamForwarderBatchItemFailures`, `projectionConsumerErrors`, ...), so that roles sharing one process stay apart.
 * @example
 * export const handler = lambdaHandler('httpApi', HttpTokens.deps, handleHttpRequest);
 */
export function lambdaHandler<E, R, D>(
  name: string,
  depsToken: Token<D>,
  handle: PlainHandler<E, R, D>,
  container: () => Container = coldStartContainer,
): (event: E, context?: Context) => Promise<R> {
  return roleHandler(name, depsToken, handle, container);
}
