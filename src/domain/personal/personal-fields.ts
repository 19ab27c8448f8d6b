import { memberOf } from '../decorator-checks';
import { ConfigurationError } from '../domain-errors';

/** A value that stands in for a personal field once its subject is forgotten: plain JSON. */
export type Replacement =
  string | number | boolean | null | readonly unknown[] | { readonly [key: string]: unknown };

/** How one personal field is declared: the field naming its subject and what readers see once it is forgotten. */
export interface PersonalFieldInfo {
  readonly field: string;
  /** The field of the same event that holds the subject's id. */
  readonly subjectField: string;
  readonly replacement: Replacement;
}

/** The personal data an event class declares: its personal fields and the fields naming subjects. */
export interface PersonalDataInfo {
  readonly fields: readonly PersonalFieldInfo[];
  readonly subjectFields: readonly string[];
}

const personalFields = new WeakMap<Function, PersonalFieldInfo[]>();
const subjectFields = new WeakMap<Function, string[]>();

function listOf<T>(map: WeakMap<Function, T[]>, owner: Function): T[] {
  let list = map.get(owner);
  if (!list) map.set(owner, (list = []));
  return list;
}

/** Options of `@PersonalData`: the field naming the data subject, and the replacement (typed as the field). */
export interface PersonalDataOptions<V> {
  readonly subject: string;
  /** What every reader sees once the subject is forgotten; `null` when absent. */
  readonly replacement?: V;
}

/**
 * Marks a field of an event as personal data of the subject whose id the `subject` field holds: the store keeps it
 * encrypted with that subject's key, and once the subject is forgotten every reader sees `replacement` instead.
 * `defineDomain` refuses a personal field whose subject field is not declared with `@DataSubject`.
 * @example
 * @DomainEvent('MemberRegistered', 1)
 * class MemberRegistered {
 *   @IsString() @DataSubject() readonly memberId!: string;
 *   @IsString() @PersonalData({ subject: 'memberId', replacement: '(forgotten)' }) readonly name!: string;
 * }
 */
export function PersonalData<V extends Replacement>(options: PersonalDataOptions<V>) {
  return <T extends object, K extends keyof T & string>(
    target: T,
    field: K & (V extends T[K] ? unknown : never),
  ): void => {
    if (typeof options?.subject !== 'string' || options.subject === '') {
      throw new ConfigurationError(`@PersonalData on ${memberOf(target, field)} names no subject field`, {
        where: memberOf(target, field),
      });
    }
    const replacement = (options.replacement ?? null) as Replacement;
    listOf(personalFields, target.constructor).push({ field, subjectField: options.subject, replacement });
  };
}

/**
 * Marks a field of an event as holding the id of a data subject (a member, a customer). One event may name several
 * subjects; each `@PersonalData` field names the one it belongs to. The id must be a stream id part (letters,
 * digits and `_.:@-`), as `forget(subject)` records the forget in the stream `DataSubject#<id>`.
 */
export function DataSubject() {
  return (target: object, field: string): void => {
    listOf(subjectFields, target.constructor).push(field);
  };
}

/** The personal data an event class declares (its own and its parents'); empty lists when none. */
export function personalDataOf(eventClass: Function): PersonalDataInfo {
  const fields: PersonalFieldInfo[] = [];
  const subjects: string[] = [];
  for (let c: Function | null = eventClass; c && c !== Object; c = Object.getPrototypeOf(c) as Function) {
    fields.push(...(personalFields.get(c) ?? []));
    subjects.push(...(subjectFields.get(c) ?? []));
  }
  return { fields, subjectFields: subjects };
}
