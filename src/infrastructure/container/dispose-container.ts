import type { Container } from 'inversify';
import { CoreTokens } from './core-bindings';
import { TimerTokens } from './timer-tokens';
import { closeSqlClient } from './sql-bindings';

/**
 * Destroys the AWS clients a container binds (their sockets would keep the process alive); a role's container
 * binds only the clients of its role. An opened SQL client is closed too (in the background: await
 * `closeSqlClient` to know when).
 */
export function disposeEventfoldContainer(container: Container): void {
  for (const id of [
    CoreTokens.dynamodb,
    CoreTokens.kinesis,
    CoreTokens.sfn,
    CoreTokens.sqs,
    TimerTokens.schedulerClient,
  ]) {
    if (container.isBound(id)) (container.get(id) as { destroy(): void }).destroy();
  }
  void closeSqlClient(container).catch(() => undefined);
}
