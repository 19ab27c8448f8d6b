import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Container } from 'inversify';
import { CoreTokens } from '../container/core-bindings';
import { resolve, type Token } from '../container/tokens';
import { coldStartContainer } from './cold-start';

/** A plain handler: an event and its dependencies in, a result out. */
export type PlainHandler<E, R, D> = (event: E, deps: D) => Promise<R>;

function countFailures(result: unknown): number {
  const failures = (result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures;
  return Array.isArray(failures) ? failures.length : 0;
}

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
  return async (event, context) => {
    const resolved = container();
    const logger = resolve(resolved, CoreTokens.logger);
    const metrics = resolve(resolved, CoreTokens.metrics);
    if (context) logger.addContext(context);
    metrics.captureColdStartMetric(name);
    try {
      const result = await handle(event, resolve(resolved, depsToken));
      metrics.addMetric(`${name}BatchItemFailures`, MetricUnit.Count, countFailures(result));
      return result;
    } catch (error) {
      metrics.addMetric(`${name}Errors`, MetricUnit.Count, 1);
      logger.error(`${name} failed`, error as Error);
      throw error;
    } finally {
      metrics.addMetric(`${name}Invocations`, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    }
  };
}
