import type { StreamAppend } from '../ports';
import type { NewEvent, StoredEvent } from '../stored-event';
import type { EventData } from '../upcasting';
import { ValidationError } from '../validation-error';
import { decryptField, encryptField, type FieldPlace } from './field-cipher';
import type { PersonalDataCatalog } from './personal-catalog';
import { openBlob, sealBlob } from './sealed-blobs';
import { forgottenValue, isSealedValue, type SealedBlob, type SealedValue } from './sealed-value';
import { isSubjectId } from './subject-forgotten';
import type { SubjectKeys } from './subject-keys';

/**
 * Encrypts the personal fields of new events with their subjects' keys, and reads them back: the plaintext while
 * the subject's key exists, the declared replacement once it is destroyed (never a decryption error). A field of a
 * subject already forgotten when sealed is stored without ciphertext and reads as its replacement too. Events
 * without personal fields pass through as the very same objects, at no cost.
 * @example
 * const codec = new PersonalDataCodec(model.personal, keys);
 * const sealed = await codec.seal(append);
 * const readable = await codec.reveal(stored);
 */
export class PersonalDataCodec {
  constructor(
    private readonly catalog: PersonalDataCatalog,
    private readonly keys: SubjectKeys,
  ) {}

  /** The append with every personal field of its events encrypted; refuses a reserved shape in any other field. */
  async seal(append: StreamAppend): Promise<StreamAppend> {
    append.events.forEach((event, index) => this.assertNoSealedShape(event, index));
    if (!append.events.some((event) => this.catalog.fieldsOf(event.type).length > 0)) return append;
    const events = await Promise.all(
      append.events.map((event, index) =>
        this.sealEvent(event, index, append.streamId, append.expectedVersion + index + 1),
      ),
    );
    return { ...append, events };
  }

  /** The event with its sealed fields decrypted, or replaced when their subject is forgotten. */
  async reveal(event: StoredEvent): Promise<StoredEvent> {
    const sealed = Object.entries(event.data).filter((entry): entry is [string, SealedValue] =>
      isSealedValue(entry[1]),
    );
    if (sealed.length === 0) return event;
    const data: Record<string, unknown> = { ...event.data };
    for (const [field, value] of sealed) {
      const key = await this.keys.existingKey(value.$subject);
      const place = { streamId: event.streamId, version: event.version, field };
      const opened = key && decryptField(key, place, value.$sealed);
      data[field] = opened ? opened.value : this.catalog.replacementOf(event.type, field);
    }
    return { ...event, data: data as EventData };
  }

  /** The subjects whose personal data an event holds. */
  subjectsOf(event: StoredEvent): string[] {
    const values = Object.values(event.data).filter(isSealedValue);
    return [...new Set(values.map((value) => value.$subject))];
  }

  /** A value derived from the subjects' personal data, sealed for all of them (see `sealBlob`). */
  sealFor(subjects: readonly string[], place: FieldPlace, value: unknown): Promise<SealedBlob> {
    return sealBlob(this.keys, subjects, place, value);
  }

  /** Opens what `sealFor` sealed; undefined once one of its subjects is forgotten. */
  openFor(blob: SealedBlob, place: FieldPlace): Promise<{ value: unknown } | undefined> {
    return openBlob(this.keys, blob, place);
  }

  private async sealEvent(
    event: NewEvent,
    index: number,
    streamId: string,
    version: number,
  ): Promise<NewEvent> {
    const fields = this.catalog.fieldsOf(event.type).filter((f) => event.data[f.field] !== undefined);
    if (fields.length === 0) return event;
    const data: Record<string, unknown> = { ...event.data };
    for (const { field, subjectField } of fields) {
      const subject = event.data[subjectField];
      if (!isSubjectId(subject)) {
        throw new ValidationError('event', [
          {
            field: `events[${index}].data.${subjectField}`,
            reasons: [`must be a data subject id (letters, digits and _.:@-) as ${field} is personal data`],
          },
        ]);
      }
      const key = await this.keys.keyFor(subject);
      const place = { streamId, version, field };
      data[field] = key
        ? { $subject: subject, $sealed: encryptField(key, place, event.data[field]) }
        : forgottenValue(subject);
    }
    return { ...event, data: data as EventData };
  }

  private assertNoSealedShape(event: NewEvent, index: number): void {
    const reserved = Object.keys(event.data).filter((field) => isSealedValue(event.data[field]));
    if (reserved.length === 0) return;
    throw new ValidationError(
      'event',
      reserved.map((field) => ({
        field: `events[${index}].data.${field}`,
        reasons: ['must not have the shape of a sealed personal field ({ $subject, $sealed })'],
      })),
    );
  }
}
