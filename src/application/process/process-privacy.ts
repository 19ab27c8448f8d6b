import type { FieldPlace } from '../../domain/personal/field-cipher';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import { isSealedBlob, isSealedValue } from '../../domain/personal/sealed-value';
import type { StoredEvent } from '../../domain/stored-event';
import {
  type Decisions,
  type OutcomeInput,
  type PlannedCommand,
  type ProcessInput,
  ProcessEventTypes,
  type StepTaken,
} from './process-records';
import type { TimerRequest } from './timer-scheduler';

/** What a refused command's error reads as once a subject whose data it held is forgotten. */
export const FORGOTTEN_MESSAGE = 'the data subject was forgotten';

/** A record as the handlers see it when it is folded: the input revealed, the commands' inputs opened. */
export interface RecordView {
  readonly input: ProcessInput;
  readonly decisions: Decisions;
}

function placeOf(streamId: string, field: string): FieldPlace {
  return { streamId, version: 0, field };
}

/** The data subjects whose personal data a recorded input holds (sealed). */
export function subjectsOfInput(input: ProcessInput): string[] {
  if (input.kind === 'event') {
    const sealed = Object.values(input.data).filter(isSealedValue);
    return [...new Set(sealed.map((value) => value.$subject))];
  }
  const held = input.kind === 'timer' ? input.payload : input.input;
  return isSealedBlob(held) ? [...held.$subjects] : [];
}

/** The recorded commands, those still sealed (a forgotten subject) taken from the handler run again on the replacements. */
export function withRerunCommands(recorded: Decisions, rerun: Decisions): Decisions {
  if (!recorded.commands.some((command) => isSealedBlob(command.input))) return recorded;
  const commands = recorded.commands.map((command): PlannedCommand => {
    if (!isSealedBlob(command.input)) return command;
    const again = rerun.commands.find((c) => c.commandId === command.commandId);
    return { ...command, input: again?.input ?? {} };
  });
  return { ...recorded, commands };
}

/**
 * Keeps a process's own stream free of personal plaintext (guarantee 14). Inputs are recorded as the events table
 * holds them (sealed) and revealed only for the handler; what a handler derives from personal data (command inputs,
 * timer payloads, refused commands) is sealed for the input's subjects before it is recorded or scheduled. Once a
 * subject is forgotten, handlers see the declared replacements and sealed commands are decided again from them.
 * Without a codec (no personal data declared) everything passes through.
 */
export class ProcessPrivacy {
  constructor(private readonly codec?: PersonalDataCodec) {}

  /** The input as a handler sees it: plaintext while the subjects' keys exist, replacements after a forget. */
  async reveal(input: ProcessInput, streamId: string): Promise<ProcessInput> {
    const codec = this.codec;
    if (!codec || subjectsOfInput(input).length === 0) return input;
    if (input.kind === 'event') {
      const revealed = await codec.reveal({ ...input, data: input.data } as unknown as StoredEvent);
      return { ...input, data: revealed.data as Record<string, unknown> };
    }
    if (input.kind === 'timer' && isSealedBlob(input.payload)) {
      const opened = await codec.openFor(input.payload, placeOf(streamId, `timer:${input.id}`));
      return { ...input, payload: (opened?.value ?? {}) as Record<string, unknown> };
    }
    return this.revealOutcome(codec, input as OutcomeInput, streamId);
  }

  /** The decisions as recorded: command inputs and timer payloads sealed for the subjects, when there are any. */
  async seal(decisions: Decisions, subjects: readonly string[], streamId: string): Promise<Decisions> {
    const codec = this.codec;
    if (!codec || subjects.length === 0) return decisions;
    const commands = await Promise.all(
      decisions.commands.map(async (command) => ({
        ...command,
        input: await codec.sealFor(
          subjects,
          placeOf(streamId, `command:${command.commandId}`),
          command.input,
        ),
      })),
    );
    const schedule = await Promise.all(
      decisions.schedule.map(async (timer): Promise<TimerRequest> => {
        if (timer.payload === undefined) return timer;
        const place = placeOf(streamId, `timer:${timer.timerId}`);
        const payload = await codec.sealFor(subjects, place, timer.payload);
        return { ...timer, payload: payload as unknown as Record<string, unknown> };
      }),
    );
    return { ...decisions, commands: commands as unknown as PlannedCommand[], schedule };
  }

  /** A refused command as recorded: its input and error sealed for the subjects of the step that sent it. */
  async sealRejection(rejection: OutcomeInput, subjects: readonly string[], streamId: string) {
    const codec = this.codec;
    if (!codec || subjects.length === 0) return rejection;
    const { input, error } = rejection;
    const sealed = await codec.sealFor(subjects, placeOf(streamId, `outcome:${rejection.id}`), {
      input,
      error,
    });
    const withheld = { code: error.code, message: '(sealed)', context: {} };
    return { ...rejection, input: sealed as unknown as Record<string, unknown>, error: withheld };
  }

  /** How a `ProcessStepTaken` record is folded; undefined for other records, or with nothing sealed. */
  async viewOf(event: StoredEvent): Promise<RecordView | undefined> {
    if (!this.codec || event.type !== ProcessEventTypes.stepTaken) return undefined;
    const data = event.data as unknown as StepTaken;
    if (subjectsOfInput(data.input).length === 0) return undefined;
    return { input: await this.reveal(data.input, event.streamId), decisions: await this.open(data, event) };
  }

  private async open(data: StepTaken, event: StoredEvent): Promise<Decisions> {
    const codec = this.codec as PersonalDataCodec;
    const commands = await Promise.all(
      data.decisions.commands.map(async (command) => {
        if (!isSealedBlob(command.input)) return command;
        const place = placeOf(event.streamId, `command:${command.commandId}`);
        const opened = await codec.openFor(command.input, place);
        return opened ? { ...command, input: opened.value as Record<string, unknown> } : command;
      }),
    );
    return { ...data.decisions, commands };
  }

  private async revealOutcome(codec: PersonalDataCodec, input: OutcomeInput, streamId: string) {
    if (!isSealedBlob(input.input)) return input;
    const opened = await codec.openFor(input.input, placeOf(streamId, `outcome:${input.id}`));
    const forgotten = {
      input: {},
      error: { code: input.error.code, message: FORGOTTEN_MESSAGE, context: {} },
    };
    const value = (opened?.value ?? forgotten) as Pick<OutcomeInput, 'input' | 'error'>;
    return { ...input, input: value.input, error: value.error };
  }
}
