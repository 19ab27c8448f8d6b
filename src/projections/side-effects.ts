import { EventfoldError, ErrorCodes } from '../domain/errors';
import type { ApplyMode, SideEffects } from './apply-context';

/** Identifies one recorded answer: projection, stream, version and the handler's query key. */
export interface AnswerKey {
  readonly projection: string;
  readonly streamId: string;
  readonly version: number;
  readonly key: string;
}

/** A recorded answer (JSON), or a marker that a send went out. */
export interface RecordedAnswer {
  readonly value: unknown;
}

/** Keeps the answers of external queries made live, so replays see the same answers. */
export interface AnswerJournal {
  get(key: AnswerKey): Promise<RecordedAnswer | undefined>;
  /** Records the answer unless one is recorded; returns the recorded one (the first writer's). */
  putIfAbsent(key: AnswerKey, value: unknown): Promise<RecordedAnswer>;
}

/** A replay asked for an answer that was never recorded live. */
export class MissingRecordedAnswerError extends EventfoldError {
  constructor(readonly answerKey: AnswerKey) {
    super(
      ErrorCodes.notFound,
      `no recorded answer for ${answerKey.key} at ${answerKey.streamId} v${answerKey.version} in ${answerKey.projection}; a replay cannot ask external systems`,
      { ...answerKey },
    );
  }
}

const SENT = { sent: true };

/**
 * The side-effect gateway of one event application. Live: `send` calls out once (a recorded marker keeps a
 * redelivery from sending again, unless the process died between the call and the marker) and `query` records
 * the answer. Replay: `send` does nothing, `query` returns the recorded answer.
 * @example
 * const rate = await ctx.effects.query('fx:EUR-USD', () => fx.rate('EUR', 'USD'));
 * await ctx.effects.send('mail:confirmation', () => mailer.send(...));
 */
export class SideEffectGateway implements SideEffects {
  constructor(
    private readonly journal: AnswerJournal,
    private readonly mode: ApplyMode,
    private readonly at: Omit<AnswerKey, 'key'>,
  ) {}

  async send(key: string, call: () => Promise<void>): Promise<void> {
    if (this.mode === 'replay') return;
    const answerKey = { ...this.at, key: `send:${key}` };
    if (await this.journal.get(answerKey)) return;
    await call();
    await this.journal.putIfAbsent(answerKey, SENT);
  }

  async query<T>(key: string, call: () => Promise<T>): Promise<T> {
    const answerKey = { ...this.at, key: `query:${key}` };
    const recorded = await this.journal.get(answerKey);
    if (recorded) return recorded.value as T;
    if (this.mode === 'replay') throw new MissingRecordedAnswerError(answerKey);
    const answer = await call();
    return (await this.journal.putIfAbsent(answerKey, answer)).value as T;
  }
}

/** An answer journal in memory (the projection spec, unit tests, and one-process runs). */
export class InMemoryAnswerJournal implements AnswerJournal {
  private readonly answers = new Map<string, RecordedAnswer>();

  async get(key: AnswerKey): Promise<RecordedAnswer | undefined> {
    return this.answers.get(id(key));
  }

  async putIfAbsent(key: AnswerKey, value: unknown): Promise<RecordedAnswer> {
    const existing = this.answers.get(id(key));
    if (existing) return existing;
    const recorded = { value: JSON.parse(JSON.stringify(value ?? null)) as unknown };
    this.answers.set(id(key), recorded);
    return recorded;
  }
}

function id(key: AnswerKey): string {
  return JSON.stringify([key.projection, key.streamId, key.version, key.key]);
}
