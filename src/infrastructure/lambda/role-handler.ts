import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Container } from 'inversify';
import { CoreTokens } from '../container/core-bindings';
import { resolve, type Token } from '../container/tokens';

/** A plain handler: an event and its dependencies in, a result out. */
export type PlainHandler<E, R, D> = (event: E, deps: D) => Promise<R>;

function countFailures(result: unknown): number {
  const failures = (result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures;
  return Array.isArray(failures) ? failures.length : 0;
}

/**
 * Wraps a plain handler as a Lambda handler over `container`: resolves its dependencies from it, adds the Lambda
 * context to the Powertools logger, and publishes metrics named after the role. Imports no container of its
 * own, so that each function's entry brings only its role's container.
 */
export function roleHandler<E, R, D>(
  name: string,
  depsToken: Token<D>,
  handle: PlainHandler<E, R, D>,
  container: () => Container,
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
