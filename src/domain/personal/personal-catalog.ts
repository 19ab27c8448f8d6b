import { ConfigurationError } from '../domain-errors';
import type { EventRegistry } from '../event-registry';
import { type PersonalFieldInfo, personalDataOf, type Replacement } from './personal-fields';

/**
 * The personal fields of every registered event type, checked at startup: each names a subject field declared with
 * `@DataSubject`, and no field is both.
 */
export class PersonalDataCatalog {
  private readonly byType = new Map<string, readonly PersonalFieldInfo[]>();

  constructor(registry: EventRegistry) {
    for (const type of registry.types()) {
      const cls = registry.classOf(type);
      const { fields, subjectFields } = personalDataOf(cls);
      for (const field of fields) assertSubjectDeclared(cls.name, field, subjectFields);
      if (fields.length > 0) this.byType.set(type, fields);
    }
  }

  /** True when some event type declares personal data. */
  get declared(): boolean {
    return this.byType.size > 0;
  }

  /** The event types with personal fields. */
  types(): string[] {
    return [...this.byType.keys()];
  }

  /** The personal fields of an event type; empty when it has none. */
  fieldsOf(type: string): readonly PersonalFieldInfo[] {
    return this.byType.get(type) ?? [];
  }

  /** What readers see for a field of a forgotten subject: the declared replacement, `null` for an unknown field. */
  replacementOf(type: string, field: string): Replacement {
    return this.fieldsOf(type).find((f) => f.field === field)?.replacement ?? null;
  }
}

function assertSubjectDeclared(
  className: string,
  field: PersonalFieldInfo,
  subjects: readonly string[],
): void {
  if (subjects.includes(field.field)) {
    throw new ConfigurationError(`${className}.${field.field} is both personal data and a data subject`, {
      event: className,
      field: field.field,
    });
  }
  if (subjects.includes(field.subjectField)) return;
  throw new ConfigurationError(
    `${className}.${field.field} is personal data of subject field ${field.subjectField}, which is not ` +
      `declared with @DataSubject`,
    { event: className, field: field.field, subjectField: field.subjectField },
  );
}
