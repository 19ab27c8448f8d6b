import { aggregateInfoOf } from '../../domain/aggregate-metadata';
import type { DomainModel } from '../../domain/domain-model';
import { ErrorCodes, hasErrorCode, isEventfoldError } from '../../domain/errors';
import type { EventStore } from '../../domain/ports';
import { streamIdOf } from '../../domain/stored-event';
import type { CommandOutcome, ExecuteOptions } from '../commands/command-bus';
import type { PlannedCommand } from './process-records';

/** What runs a process's commands: the command bus. */
export interface CommandDispatcher {
  dispatch(name: string, input: unknown, options?: ExecuteOptions): Promise<CommandOutcome>;
}

/** The refusals a process gets back as outcomes; anything else (unavailable, conflicts) is retried. */
const REFUSALS = new Set<string>([ErrorCodes.ruleViolation, ErrorCodes.notFound, ErrorCodes.validation]);

/** How one dispatch ended: accepted, or refused with the error's code, message and context. */
export type DispatchEnd =
  | { readonly status: 'accepted' }
  | {
      readonly status: 'rejected';
      readonly error: { code: string; message: string; context: Record<string, unknown> };
    };

/** The streams a command's events can land in: its target and every aggregate its `@Loads` fields name. */
function streamsOf(model: DomainModel, command: PlannedCommand): string[] {
  const route = model.command(command.name);
  const ids: Array<[string, unknown]> = [
    [aggregateInfoOf(route.aggregateClass).type, command.input[route.info.aggregateIdField]],
    ...route.info.loads.map(
      (load) => [aggregateInfoOf(load.aggregate()).type, command.input[load.field]] as [string, unknown],
    ),
  ];
  return ids
    .filter(([, id]) => typeof id === 'string' && id !== '')
    .map(([type, id]) => streamIdOf(type, id as string));
}

/**
 * True when a command with this id already stored its events (its event ids are `<commandId>:<n>`). Read in full,
 * so it holds however many events were written since; the runner asks only when a step is carried out again.
 */
export async function tookEffect(
  store: Pick<EventStore, 'readStream'>,
  model: DomainModel,
  command: PlannedCommand,
): Promise<boolean> {
  const prefix = `${command.commandId}:`;
  for (const streamId of streamsOf(model, command)) {
    for await (const event of store.readStream(streamId)) if (event.eventId.startsWith(prefix)) return true;
  }
  return false;
}

/**
 * Dispatches a planned command with its derived id: the bus stores its events under ids derived from it, so a
 * resend is a duplicate append. A refusal comes back as `rejected` unless the command had in fact taken effect
 * (a resend refused by the state its first run left); other errors are thrown for the delivery to be retried.
 */
export async function dispatchOnce(
  dispatcher: CommandDispatcher,
  store: Pick<EventStore, 'readStream'>,
  model: DomainModel,
  command: PlannedCommand,
  metadata: Record<string, unknown>,
): Promise<DispatchEnd> {
  try {
    await dispatcher.dispatch(command.name, command.input, { commandId: command.commandId, metadata });
    return { status: 'accepted' };
  } catch (error) {
    if (hasErrorCode(error, ErrorCodes.duplicateEventId)) return { status: 'accepted' };
    if (!isEventfoldError(error) || !REFUSALS.has(error.code)) throw error;
    if (await tookEffect(store, model, command)) return { status: 'accepted' };
    const { code, message, context } = error;
    return { status: 'rejected', error: { code, message, context: JSON.parse(JSON.stringify(context)) } };
  }
}
