import type { StoredEvent } from '../../domain/stored-event';

/**
 * Publishing stopped before every event reached Kinesis. `unpublished` lists the events that are not safely
 * published, in the order given; every other event was acknowledged by Kinesis. Per stream, the unpublished
 * events are always a suffix: a later version is never published before an earlier one.
 */
export class PublishIncompleteError extends Error {
  readonly code = 'PUBLISH_INCOMPLETE';
  readonly httpStatus = 503;

  constructor(
    readonly streamName: string,
    readonly unpublished: readonly StoredEvent[],
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `${unpublished.length} event(s) not published to ${streamName} after ${attempts} attempt(s)`,
      options,
    );
    this.name = 'PublishIncompleteError';
  }

  /** Stream id and version of every unpublished event, for logs and dead letters. */
  get context(): Record<string, unknown> {
    return {
      streamName: this.streamName,
      attempts: this.attempts,
      unpublished: this.unpublished.map((e) => `${e.streamId}@${e.version}`),
    };
  }
}

/** True for a `PublishIncompleteError`, also from another copy of the package. */
export function isPublishIncomplete(error: unknown): error is PublishIncompleteError {
  return error instanceof Error && (error as { code?: unknown }).code === 'PUBLISH_INCOMPLETE';
}
