import {
  isProcessDeadLetter,
  type ProcessDeadLetter,
  type ProcessDeadLetterQueue,
} from '../../application/process/process-dead-letters';
import type { ProcessDeadLetterSource } from '../../application/process/process-redrive';
import type { Container } from 'inversify';
import { ProcessRunner } from '../../application/process/process-runner';
import { ConfigurationError } from '../../domain/domain-errors';
import type { ProcessConsumerDeps } from '../kinesis/process-batch-handler';
import { SqsDeadLetters } from '../sqs/sqs-dead-letters';
import { CoreTokens } from './core-bindings';
import { TimerTokens } from './timer-bindings';
import { provide, token } from './tokens';
import { codecIn } from './personal-tokens';
import { UserTokens } from './user-bindings';
import { WriteTokens } from './write-bindings';

/** Tokens of the process managers: their runner, their dead letters and the process consumer's dependencies. */
export const ProcessTokens = {
  deadLetters: token<ProcessDeadLetterQueue & ProcessDeadLetterSource>('ProcessDeadLetters'),
  runner: token<ProcessRunner>('ProcessRunner'),
  consumerDeps: token<ProcessConsumerDeps>('ProcessConsumerDeps'),
} as const;

/**
 * Binds the process managers' runner (over the event store, the command bus and the timer scheduler), their dead
 * letters (in the projections' queue, told apart by `kind`), the process consumer's dependencies, and the runner
 * as the handler of due timers. Needs the write side and the timers bound.
 */
export function bindProcesses(container: Container): void {
  provide(container, ProcessTokens.deadLetters, (get) => {
    const url = get(CoreTokens.config).deadLetterQueueUrl;
    if (!url) throw new ConfigurationError('process managers need EVENTFOLD_DLQ_URL (the dead-letter queue)');
    return new SqsDeadLetters<ProcessDeadLetter>(() => get(CoreTokens.sqs), url, {
      isLetter: isProcessDeadLetter,
    });
  });
  provide(container, ProcessTokens.runner, (get) => {
    return new ProcessRunner({
      processes: get(UserTokens.processes),
      model: get(CoreTokens.domain),
      eventStore: get(WriteTokens.eventStore),
      commands: get(WriteTokens.commandBus),
      timers: get(TimerTokens.scheduler),
      deadLetters: get(ProcessTokens.deadLetters),
      clock: get(CoreTokens.clock),
      personal: codecIn(container, get),
    });
  });
  // An app (or a test) that binds its own handler of due timers keeps it.
  if (!container.isBound(TimerTokens.firedHandler)) {
    provide(container, TimerTokens.firedHandler, (get) => get(ProcessTokens.runner));
  }
  provide(container, ProcessTokens.consumerDeps, (get) => {
    const logger = get(CoreTokens.logger);
    return {
      runner: get(ProcessTokens.runner),
      logger: { warn: (message, context = {}) => logger.warn(message, context) },
    };
  });
}
