import type { Container } from 'inversify';
import { CoreTokens } from './core-bindings';

/** Destroys the AWS clients a container created (their sockets would keep the process alive). */
export function disposeEventfoldContainer(container: Container): void {
  for (const id of [CoreTokens.dynamodb, CoreTokens.kinesis, CoreTokens.sfn, CoreTokens.sqs]) {
    (container.get(id) as { destroy(): void }).destroy();
  }
}
