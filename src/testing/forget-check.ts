import type { EventRegistry } from '../domain/event-registry';
import { personalDataOf } from '../domain/personal/personal-fields';
import type { StoredEvent } from '../domain/stored-event';
import type { ReadModelDump } from '../projections/read-model-store';

/** One personal value of a subject: the event field it came from and its plaintext. */
export interface PersonalValue {
  readonly type: string;
  readonly field: string;
  readonly text: string;
}

/** One place a read model still holds a subject's plaintext. */
export interface PlaintextFound extends PersonalValue {
  /** `document <streamId>` or `row <key>`. */
  readonly where: string;
}

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.length > 0 ? [value] : [];
  if (typeof value === 'number' || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsOf);
  return [];
}

/** The plaintext strings of every personal field the events hold for a subject (numbers and booleans left out). */
export function personalValuesOf(
  events: readonly StoredEvent[],
  subject: string,
  registry: EventRegistry,
): PersonalValue[] {
  return events.flatMap((event) => {
    if (!registry.has(event.type)) return [];
    const { fields } = personalDataOf(registry.classOf(event.type));
    const own = fields.filter((f) => event.data[f.subjectField] === subject);
    return own.flatMap((f) =>
      textsOf(event.data[f.field]).map((text) => ({ type: event.type, field: f.field, text })),
    );
  });
}

/** Every document and row of a read model that still holds one of the values somewhere in it (its key too). */
export function findPlaintext(dump: ReadModelDump, values: readonly PersonalValue[]): PlaintextFound[] {
  const places: Array<[string, unknown]> = [
    ...Object.entries(dump.documents).map(([id, doc]): [string, unknown] => [`document ${id}`, [id, doc]]),
    ...Object.entries(dump.rows).map(([key, row]): [string, unknown] => [`row ${key}`, [key, row]]),
  ];
  return places.flatMap(([where, content]) => {
    const texts = new Set(textsOf(content));
    return values.filter((v) => [...texts].some((t) => t.includes(v.text))).map((v) => ({ ...v, where }));
  });
}
