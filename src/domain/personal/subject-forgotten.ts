import { IsString, Matches } from 'class-validator';
import { DomainEvent } from '../event-types';
import { parseStreamId, streamIdOf } from '../stored-event';

/** The aggregate type of the streams that record forgets: `DataSubject#<subject id>`. */
export const DATA_SUBJECT_TYPE = 'DataSubject';

/** The stream that records the forgets of one subject. */
export function subjectStreamIdOf(subject: string): string {
  return streamIdOf(DATA_SUBJECT_TYPE, subject);
}

/** True for a stream that records forgets (`DataSubject#<subject id>`). */
export function isSubjectStreamId(streamId: string): boolean {
  return streamId.startsWith(`${DATA_SUBJECT_TYPE}#`);
}

/** True when a subject id can name a stream (letters, digits and `_.:@-`, at most 200 characters). */
export function isSubjectId(subject: unknown): subject is string {
  return typeof subject === 'string' && parseStreamId(subjectStreamIdOf(subject))?.aggregateId === subject;
}

/**
 * A data subject was forgotten: its key is destroyed, so every personal field it encrypted now reads as its
 * declared replacement. Projections that copied a subject's personal data handle it to clean their read models.
 * @example
 * @On(SubjectForgotten) forgotten(view: MemberView | undefined, e: SubjectForgotten) { ... }
 */
@DomainEvent('SubjectForgotten', 1)
export class SubjectForgotten {
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/)
  readonly subject!: string;
}
