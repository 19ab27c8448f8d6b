import { AssertionError, deepStrictEqual } from 'node:assert';
import { instanceToPlain } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import type { ExecuteOptions } from '../application/commands/command-bus';
import type { CommandDispatcher } from '../application/process/command-effects';
import type { AnyProcess, ProcessClass } from '../application/process/process';
import { processInfoOf } from '../application/process/process-decorators';
import { InMemoryProcessDeadLetters } from '../application/process/process-redrive';
import { ProcessRunner } from '../application/process/process-runner';
import type { CommandClass } from '../domain/aggregate-metadata';
import { commandInfoOf } from '../domain/commands';
import { RuleViolation } from '../domain/domain-errors';
import { type Duration, parseDuration } from '../domain/duration';
import { type DomainModel, defineDomain } from '../domain/domain-model';
import type { EventClass } from '../domain/event-types';
import { InMemoryEventStore } from './in-memory-event-store';
import { InMemoryTimerScheduler } from './in-memory-timer-scheduler';
import { TestClock } from './test-clock';
import { isProcessStream } from '../domain/process-streams';
import type { StoredEvent } from '../domain/stored-event';
import { ProcessEventTypes, type StepTaken } from '../application/process/process-records';

/** A timer a spec expects scheduled: its name and when it is due (a time, or a duration after the `when`). */
export type ExpectedTimer = { readonly name: string } & (
  { readonly at: string | Date } | { readonly after: Duration }
);

/** What a spec expects of the `when`: the commands dispatched, timers scheduled and cancelled, completion. */
export interface ProcessExpectation {
  readonly commands?: readonly object[];
  readonly timers?: readonly ExpectedTimer[];
  readonly cancelled?: readonly string[];
  readonly completed?: boolean;
  /** The state of the instance afterwards (the instance of the last input's key). */
  readonly state?: unknown;
}

type Step = { kind: 'event'; event: object } | { kind: 'advance'; by: Duration };

/**
 * Given events, when an event (or time passing), then the commands and timers the process manager decided. The
 * spec runs the real process runner over an in-memory store with a recording command bus and the in-memory timer
 * scheduler, and delivers every input twice: a second delivery must change nothing.
 * @example
 * await processSpec(ReservationExpiry, { domain })
 *   .given(new SeatsReserved('r1', ['A1']))
 *   .advance('15m')
 *   .then({ commands: [new ReleaseSeats('r1', ['A1'])], completed: true });
 */
export class ProcessSpec {
  private readonly givenSteps: Step[] = [];
  private whenStep?: Step;
  private readonly refused = new Map<string, string>();

  constructor(
    private readonly process: AnyProcess,
    private readonly model: DomainModel,
  ) {}

  /** Events that happened before, in order (each input is delivered twice). */
  given(...events: object[]): this {
    this.givenSteps.push(...events.map((event) => ({ kind: 'event' as const, event })));
    return this;
  }

  /** Time passing before the `when`: the timers falling due fire. */
  givenTimePassed(by: Duration): this {
    this.givenSteps.push({ kind: 'advance', by });
    return this;
  }

  /** Makes the bus refuse a command class with a rule violation (the process gets a `CommandRejected`). */
  refusing(commandClass: CommandClass, rule = 'refused by the spec'): this {
    this.refused.set(commandInfoOf(commandClass).name, rule);
    return this;
  }

  /** The event whose consequences `then` checks. */
  when(event: object): this {
    this.whenStep = { kind: 'event', event };
    return this;
  }

  /** Time passing as the `when`: the timers falling due fire, and `then` checks what they decided. */
  advance(by: Duration): this {
    this.whenStep = { kind: 'advance', by };
    return this;
  }

  /** Checks what the `when` decided; what is left out of `expected` is not checked. */
  async then(expected: ProcessExpectation): Promise<void> {
    if (!this.whenStep)
      throw new AssertionError({ message: 'processSpec: call when(event) or advance(by) before then' });
    const world = this.world();
    for (const step of this.givenSteps) await world.run(step);
    const mark = await world.mark();
    const whenAt = world.clock.now();
    await world.run(this.whenStep);
    const seen = await world.since(mark);
    if (expected.commands) {
      deepStrictEqual(
        seen.commands,
        expected.commands.map((c) => ({
          name: commandInfoOf(c.constructor as CommandClass).name,
          input: instanceToPlain(c),
        })),
      );
    }
    if (expected.timers)
      deepStrictEqual(
        seen.timers,
        expected.timers.map((t) => ({ name: t.name, dueAt: dueAtOf(t, whenAt) })),
      );
    if (expected.cancelled) deepStrictEqual(seen.cancelled, [...expected.cancelled]);
    const state = await world.lastState();
    if (expected.completed !== undefined) deepStrictEqual(state?.completed ?? false, expected.completed);
    if (expected.state !== undefined) deepStrictEqual(state?.state, expected.state);
  }

  private world() {
    return new SpecWorld(this.process, this.model, this.refused);
  }
}

function dueAtOf(timer: ExpectedTimer, from: Date): string {
  if ('at' in timer) return new Date(timer.at).toISOString();
  return new Date(from.getTime() + parseDuration(timer.after)).toISOString();
}

/** One run of a spec: the store, the recording bus, the timers and the runner. */
class SpecWorld {
  readonly clock = new TestClock();
  private readonly store = new InMemoryEventStore(() => this.clock.now().getTime());
  private readonly timers = new InMemoryTimerScheduler({ clock: this.clock });
  private readonly dispatched: Array<{ name: string; input: unknown }> = [];
  private readonly runner: ProcessRunner;
  private lastKey?: string;
  private lastWasTimer = false;
  private given = 0;

  constructor(
    private readonly process: AnyProcess,
    private readonly model: DomainModel,
    refused: ReadonlyMap<string, string>,
  ) {
    const commands: CommandDispatcher = {
      dispatch: async (name: string, input: unknown, options?: ExecuteOptions) => {
        const rule = refused.get(name);
        if (rule !== undefined) throw new RuleViolation(rule);
        this.dispatched.push({ name, input });
        return {
          command: name,
          streamId: '',
          version: 0,
          events: [],
          attempts: 1,
          commitId: options?.commandId,
        };
      },
    };
    const deadLetters = new InMemoryProcessDeadLetters();
    const deps = {
      model,
      eventStore: this.store,
      commands,
      timers: this.timers,
      deadLetters,
      maxAttempts: 1,
    };
    this.runner = new ProcessRunner({ ...deps, processes: [process], clock: () => this.clock.now() });
    this.timers.deliverTo(this.runner);
    this.deadLetters = deadLetters;
  }

  private readonly deadLetters: InMemoryProcessDeadLetters;

  async run(step: Step): Promise<void> {
    if (step.kind === 'advance') {
      await this.timers.advance(step.by);
      this.lastWasTimer = this.timers.fired().length > 0;
      return this.assertNoPoison();
    }
    this.given += 1;
    const streamId = `Given#${this.given}`;
    const serialized = this.model.events.serialize(step.event);
    const { events } = await this.store.commit({
      commitId: randomUUID(),
      streams: [{ streamId, expectedVersion: 0, events: [{ ...serialized, eventId: randomUUID() }] }],
    });
    for (let i = 0; i < 2; i += 1) await this.runner.deliver({ events });
    this.lastWasTimer = false;
    this.lastKey = this.keyOf(events[0] as StoredEvent) ?? this.lastKey;
    this.assertNoPoison();
  }

  private assertNoPoison(): void {
    const [poison] = this.deadLetters.letters;
    if (poison)
      throw new AssertionError({ message: `${poison.inputKind} ${poison.inputId} failed: ${poison.error}` });
  }

  /** Where the `when` starts: how many commands and stored records there are so far. */
  async mark(): Promise<{ commands: number; records: number }> {
    return { commands: this.dispatched.length, records: (await this.records()).length };
  }

  /** The commands dispatched and the timers scheduled and cancelled since the mark. */
  async since(mark: { commands: number; records: number }) {
    const steps = (await this.records())
      .slice(mark.records)
      .filter((e) => e.type === ProcessEventTypes.stepTaken)
      .map((e) => (e.data as unknown as StepTaken).decisions);
    return {
      commands: this.dispatched.slice(mark.commands),
      timers: steps.flatMap((d) => d.schedule.map((t) => ({ name: t.name, dueAt: t.dueAt }))),
      cancelled: steps.flatMap((d) => d.cancel.map((t) => t.name)),
    };
  }

  /** The state of the instance the last input went to. */
  async lastState() {
    const fired = this.timers.fired().at(-1);
    const key = this.lastWasTimer && fired ? fired.processId : this.lastKey;
    return key === undefined ? undefined : this.runner.load(processInfoOf(this.process).name, key);
  }

  private async records(): Promise<StoredEvent[]> {
    const { events } = await this.store.readAll({ limit: 1_000_000 });
    return events.filter((e) => isProcessStream(e.streamId));
  }

  private keyOf(event: StoredEvent): string | undefined {
    const handler = processInfoOf(this.process).events.get(event.type);
    return handler && String(handler.key(this.model.events.deserialize(event)));
  }
}

/**
 * Starts a process manager spec. Pass the app's domain when the process dispatches commands or handles refused
 * ones; otherwise a domain of the events it handles (and those given) is made up.
 */
export function processSpec(
  process: ProcessClass | AnyProcess,
  options: { domain?: DomainModel; events?: readonly EventClass[] } = {},
): ProcessSpec {
  const instance = typeof process === 'function' ? new process() : process;
  const handled = [...processInfoOf(instance).events.values()].map((h) => h.eventClass);
  const model =
    options.domain ?? defineDomain({ aggregates: [], events: [...handled, ...(options.events ?? [])] });
  return new ProcessSpec(instance, model);
}
