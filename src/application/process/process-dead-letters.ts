/** The coordinates of a parked process input: enough to find the instance and run the input again. */
export interface ProcessDeadLetter {
  readonly kind: 'process';
  readonly process: string;
  readonly processId: string;
  /** The process stream and the version its `ProcessInputParked` record takes. */
  readonly streamId: string;
  readonly version: number;
  readonly inputId: string;
  readonly inputKind: 'event' | 'timer' | 'outcome';
  /** For a source event: its stream, version and type. */
  readonly sourceStreamId?: string;
  readonly sourceVersion?: number;
  readonly eventType?: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

/** Where parked process inputs go (the dead-letter queue the projections use, on AWS and locally). */
export interface ProcessDeadLetterQueue {
  send(letter: ProcessDeadLetter): Promise<void>;
}

/** True for a process dead letter (the queue also holds projections' letters). */
export function isProcessDeadLetter(value: unknown): value is ProcessDeadLetter {
  const v = value as Partial<ProcessDeadLetter> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.kind === 'process' &&
    typeof v.process === 'string' &&
    typeof v.processId === 'string' &&
    typeof v.inputId === 'string'
  );
}
