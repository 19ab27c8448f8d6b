import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter } from '../../projections/dead-letters';

/** Options of the SQS dead-letter adapter. */
export interface SqsDeadLettersOptions<L = DeadLetter> {
  /** Which messages are this reader's letters (the queue also holds other kinds); projection letters when absent. */
  readonly isLetter?: (value: unknown) => value is L;
  /** How long a received letter stays invisible while a redrive handles it (seconds); 300 when absent. */
  readonly visibilityTimeoutSeconds?: number;
}

/** True for a projection's dead letter. */
export function isDeadLetter(value: unknown): value is DeadLetter {
  const v = value as Partial<DeadLetter> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.projection === 'string' &&
    typeof v.streamId === 'string' &&
    typeof v.version === 'number' &&
    (v.slot === 'blue' || v.slot === 'green')
  );
}

/**
 * Parks poison events in an SQS queue (one JSON message per event: projection, slot, stream, version, error)
 * and reads them back for a redrive. Messages that are not dead letters are left alone. The client may be given
 * as a function that builds it, called on first use: a function that parks nothing never builds one.
 * @example
 * const deadLetters = new SqsDeadLetters(createSqsClient(config.endpoints), config.deadLetterQueueUrl!);
 */
export class SqsDeadLetters<L extends { readonly streamId: string } = DeadLetter> {
  private built: SQSClient | undefined;

  constructor(
    private readonly client: SQSClient | (() => SQSClient),
    readonly queueUrl: string,
    private readonly options: SqsDeadLettersOptions<L> = {},
  ) {}

  private sqs(): SQSClient {
    this.built ??= typeof this.client === 'function' ? this.client() : this.client;
    return this.built;
  }

  async send(letter: L): Promise<void> {
    const owner =
      (letter as { projection?: string; process?: string }).projection ??
      (letter as { process?: string }).process;
    await this.sqs().send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(letter),
        MessageAttributes: {
          projection: { DataType: 'String', StringValue: owner ?? '' },
          streamId: { DataType: 'String', StringValue: letter.streamId },
        },
      }),
    );
  }

  async receive(max: number): Promise<Array<{ letter: L; receipt: string }>> {
    const { Messages = [] } = await this.sqs().send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.max(1, Math.min(10, max)),
        VisibilityTimeout: this.options.visibilityTimeoutSeconds ?? 300,
        WaitTimeSeconds: 0,
      }),
    );
    const letters: Array<{ letter: L; receipt: string }> = [];
    const isLetter = this.options.isLetter ?? (isDeadLetter as unknown as (value: unknown) => value is L);
    for (const message of Messages) {
      const body = parse(message.Body);
      if (isLetter(body) && message.ReceiptHandle)
        letters.push({ letter: body, receipt: message.ReceiptHandle });
    }
    return letters;
  }

  async remove(receipt: string): Promise<void> {
    await this.sqs().send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt }));
  }

  async giveBack(receipt: string): Promise<void> {
    await this.sqs().send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receipt,
        VisibilityTimeout: 0,
      }),
    );
  }
}

function parse(body: string | undefined): unknown {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return undefined;
  }
}
