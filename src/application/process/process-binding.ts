import { plainToInstance } from 'class-transformer';
import { ConfigurationError } from '../../domain/domain-errors';
import type { DomainModel } from '../../domain/domain-model';
import type { StoredEvent } from '../../domain/stored-event';
import { DecisionCollector, type DecisionScope } from './decision-collector';
import type { AnyProcess, CommandRejected, FiredTimer } from './process';
import { type ProcessInfo, processInfoOf } from './process-decorators';
import { type Decisions, type EventInput, NO_DECISIONS, type ProcessInput } from './process-records';

/** What one handler run produced: the next state, the decisions, and whether the input started the instance. */
export interface StepResult<S = unknown> {
  readonly state: S;
  readonly decisions: Decisions;
  readonly starts: boolean;
}

/** Where a source event goes: the instance its key names, and whether the handler starts one. */
export interface Route {
  readonly processId: string;
  readonly starts: boolean;
}

/** A copy of a JSON state: handlers get one to change freely, and keep nothing that would not survive a reload. */
function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

type Handler = (state: unknown, input: unknown, ctx: DecisionCollector) => unknown;

/** A process manager instance bound to the domain: routes events to instances and runs its handlers purely. */
export class ProcessBinding {
  readonly info: ProcessInfo;

  constructor(
    readonly instance: AnyProcess,
    private readonly model: DomainModel,
  ) {
    this.info = processInfoOf(instance);
    for (const handler of this.info.events.values()) {
      if (!model.events.has(handler.type)) {
        throw new ConfigurationError(
          `process ${this.info.name} handles event ${handler.type}, which the domain does not register`,
          { process: this.info.name, type: handler.type },
        );
      }
    }
  }

  /** True when this process handles events of the type. */
  handles(type: string): boolean {
    return this.info.events.has(type);
  }

  /** The instance a stored event is for; undefined when this process does not handle its type. */
  route(event: StoredEvent): Route | undefined {
    const handler = this.info.events.get(event.type);
    if (!handler) return undefined;
    const processId = handler.key(this.model.events.deserialize(event));
    return { processId: String(processId), starts: handler.starts };
  }

  /** The state of an instance before its first input. */
  initialState(): unknown {
    return this.instance.initialState();
  }

  /** Runs the handler of an input on (a copy of) the state; no handler (a refusal nobody handles): no change. */
  run(state: unknown, input: ProcessInput, scope: DecisionScope): StepResult {
    const found = this.handlerOf(input);
    if (!found) return { state, decisions: NO_DECISIONS, starts: false };
    const ctx = new DecisionCollector(scope);
    const copy = jsonCopy(state);
    const method = (this.instance as unknown as Record<string, Handler>)[found.method];
    const result = method!.call(this.instance, copy, found.argument(), ctx);
    if (result instanceof Promise) {
      result.catch(() => undefined);
      throw new ConfigurationError(
        `${this.info.name}.${found.method} must decide synchronously, not return a promise`,
        { process: this.info.name, method: found.method },
      );
    }
    return {
      state: result === undefined ? copy : jsonCopy(result),
      decisions: ctx.decisions(),
      starts: found.starts,
    };
  }

  private handlerOf(
    input: ProcessInput,
  ): { method: string; starts: boolean; argument: () => unknown } | undefined {
    if (input.kind === 'event') {
      const handler = this.info.events.get(input.type);
      return (
        handler && { method: handler.method, starts: handler.starts, argument: () => this.eventOf(input) }
      );
    }
    if (input.kind === 'timer') {
      const method = this.info.timers.get(input.name);
      const fired: FiredTimer = {
        name: input.name,
        timerId: input.id,
        dueAt: input.at,
        payload: input.payload,
      };
      return method === undefined ? undefined : { method, starts: false, argument: () => fired };
    }
    const method = this.info.outcomes.get(input.command);
    if (method === undefined) return undefined;
    const rejected = (): CommandRejected => ({
      command: plainToInstance(this.model.command(input.command).commandClass, input.input) as object,
      commandName: input.command,
      commandId: input.commandId,
      error: input.error,
    });
    return { method, starts: false, argument: rejected };
  }

  private eventOf(input: EventInput): object {
    return this.model.events.deserialize(input);
  }
}
