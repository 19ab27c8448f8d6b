import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../domain/ports';
import { isSubjectId, subjectStreamIdOf } from '../../domain/personal/subject-forgotten';
import type { SubjectKeys } from '../../domain/personal/subject-keys';
import type { EventMetadata } from '../../domain/stored-event';
import { ValidationError } from '../../domain/validation-error';
import { retryOnConflict } from '../commands/retry-on-conflict';

/** What a forget did: the subject, and where its `SubjectForgotten` event is stored. */
export interface ForgetOutcome {
  readonly subject: string;
  readonly streamId: string;
  readonly version: number;
}

/**
 * Forgets a data subject (guarantee 14): destroys its key, so every personal field it encrypted reads as its
 * replacement from then on, then appends `SubjectForgotten` to the stream `DataSubject#<subject>` so that projections
 * clean what they copied. The key goes first: a forget that fails after it is repeated and only appends the event.
 * @example
 * await new ForgetService(keys, store).forget('member-42');
 */
export class ForgetService {
  constructor(
    private readonly keys: SubjectKeys,
    private readonly store: EventStore,
  ) {}

  async forget(subject: string, metadata: EventMetadata = {}): Promise<ForgetOutcome> {
    if (!isSubjectId(subject)) {
      throw new ValidationError('subject', [
        { field: 'subject', reasons: ['must be a data subject id: letters, digits and _.:@-, at most 200'] },
      ]);
    }
    await this.keys.destroy(subject);
    const streamId = subjectStreamIdOf(subject);
    return retryOnConflict(async () => {
      const version = await this.lastVersion(streamId);
      const event = {
        eventId: randomUUID(),
        type: 'SubjectForgotten',
        schemaVersion: 1,
        data: { subject },
        metadata,
      };
      const result = await this.store.commit({
        commitId: randomUUID(),
        streams: [{ streamId, expectedVersion: version, events: [event], freshEventIds: true }],
      });
      return { subject, streamId, version: result.events[0]?.version ?? version + 1 };
    });
  }

  private async lastVersion(streamId: string): Promise<number> {
    let version = 0;
    for await (const event of this.store.readStream(streamId)) version = event.version;
    return version;
  }
}
