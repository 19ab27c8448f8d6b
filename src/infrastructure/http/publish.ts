import { randomUUID } from 'node:crypto';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { Aggregate } from '../../domain/aggregate';
import { aggregateInfoOf } from '../../domain/aggregate-metadata';
import { UnknownTypeError } from '../../domain/domain-errors';
import type { DomainModel } from '../../domain/domain-model';
import type { EventClass } from '../../domain/event-types';
import { eventTypeOf } from '../../domain/event-types';
import type { Commit, EventStore, StreamAppend } from '../../domain/ports';
import { type NewEvent, parseStreamId, STREAM_ID_RULE, streamIdOf } from '../../domain/stored-event';
import { fieldViolationsOf } from '../../domain/field-violations';
import { collectShapeViolations } from '../../domain/nested-shape';
import type { EventData } from '../../domain/upcasting';
import { type FieldViolation, ValidationError } from '../../domain/validation-error';

/** One event of a publish request, after its body passed the schema. */
export interface PublishInput {
  readonly streamId?: string;
  readonly aggregateType?: string;
  readonly aggregateId?: string;
  readonly expectedVersion: number;
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: EventData;
  readonly eventId?: string;
  readonly metadata?: Record<string, unknown>;
}

function fail(field: string, reason: string): never {
  throw new ValidationError('event', [{ field, reasons: [reason] }]);
}

/** The stream an input names, by `streamId` or by `aggregateType` + `aggregateId` (exactly one of the two). */
export function streamOf(input: PublishInput, at: string): string {
  const byParts = input.aggregateType !== undefined || input.aggregateId !== undefined;
  if (input.streamId !== undefined && byParts)
    fail(`${at}streamId`, 'give streamId or aggregateType + aggregateId, not both');
  const streamId = input.streamId ?? streamIdOf(input.aggregateType ?? '', input.aggregateId ?? '');
  if (input.streamId === undefined && !byParts)
    fail(`${at}streamId`, 'is required (or aggregateType + aggregateId)');
  if (!parseStreamId(streamId))
    fail(
      input.streamId !== undefined ? `${at}streamId` : `${at}aggregateId`,
      `must form a stream id ${STREAM_ID_RULE}`,
    );
  return streamId;
}

/**
 * The event class's own rules, when it declares any: nested values must have the declared shape (as for
 * commands), every field its decorators (unknown fields refused). A class without rules is stored as given.
 */
function classValidation(cls: EventClass, instance: object, at: string): FieldViolation[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  if (rules.length === 0) return [];
  const misshapen = collectShapeViolations(instance, `${at}data.`);
  if (misshapen.length > 0) return misshapen;
  return fieldViolationsOf(
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }),
    `${at}data`,
  );
}

/**
 * Turns a checked input into the event to append: the type must be registered, the schema version known, and the
 * data must deserialize (upcasters included) and pass the class's validation rules, if it declares any.
 */
export function toNewEvent(
  domain: DomainModel,
  input: PublishInput,
  at = '',
): { event: NewEvent; instance: object } {
  if (!domain.events.has(input.type)) throw new UnknownTypeError('event type', input.type);
  const cls = domain.events.classOf(input.type);
  const schemaVersion = input.schemaVersion ?? eventTypeOf(cls).schemaVersion;
  let instance: object;
  try {
    instance = domain.events.deserialize({ type: input.type, schemaVersion, data: input.data });
  } catch (error) {
    if ((error as { code?: string }).code === 'UNKNOWN_TYPE') throw error;
    return fail(`${at}data`, `does not deserialize into ${input.type}: ${(error as Error).message}`);
  }
  const violations = classValidation(cls, instance, at);
  if (violations.length > 0) throw new ValidationError(`event ${input.type}`, violations);
  const event: NewEvent = {
    eventId: input.eventId ?? randomUUID(),
    type: input.type,
    schemaVersion,
    data: input.data,
    metadata: input.metadata,
  };
  return { event, instance };
}

async function loadAggregate(
  domain: DomainModel,
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  type: string,
  id: string,
): Promise<Aggregate> {
  const aggregate = new (domain.aggregate(type))(id) as Aggregate;
  const history: object[] = [];
  for await (const stored of store.readStream(streamId)) history.push(domain.events.deserialize(stored));
  return aggregate.loadFromHistory(history);
}

/**
 * When the stream belongs to a registered aggregate type, checks that the aggregate applies each event type and
 * that its appliers accept the new events on top of the stored history, so that a publish can never store an
 * event the aggregate could not load again.
 */
export async function assertAppliesToAggregate(
  domain: DomainModel,
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  events: ReadonlyArray<{ type: string; instance: object; field: string }>,
): Promise<void> {
  const { aggregateType, aggregateId } = parseStreamId(streamId)!;
  if (!domain.aggregateTypeNames().includes(aggregateType)) return;
  const appliers = aggregateInfoOf(domain.aggregate(aggregateType)).appliers;
  const foreign = events.find((e) => !appliers.has(e.type));
  if (foreign) fail(`${foreign.field}type`, `${foreign.type} is not an event of aggregate ${aggregateType}`);
  const aggregate = await loadAggregate(domain, store, streamId, aggregateType, aggregateId);
  for (const e of events) {
    try {
      aggregate.loadFromHistory([e.instance]);
    } catch (error) {
      fail(`${e.field}data`, `${aggregateType} cannot apply this ${e.type}: ${(error as Error).message}`);
    }
  }
}

/**
 * Groups inputs into one append per stream; the events of one stream must follow each other in version order. An
 * append whose events all come without an `eventId` has fresh ids; any id the client sent makes the store look for
 * a resend.
 */
export function toCommit(
  domain: DomainModel,
  inputs: readonly PublishInput[],
  commitId?: string,
): { commit: Commit; checks: Map<string, Array<{ type: string; instance: object; field: string }>> } {
  const streams = new Map<string, { expectedVersion: number; events: NewEvent[]; freshEventIds: boolean }>();
  const checks = new Map<string, Array<{ type: string; instance: object; field: string }>>();
  inputs.forEach((input, i) => {
    const at = inputs.length > 1 || commitId !== undefined ? `events[${i}].` : '';
    const streamId = streamOf(input, at);
    const { event, instance } = toNewEvent(domain, input, at);
    const append = streams.get(streamId) ?? {
      expectedVersion: input.expectedVersion,
      events: [],
      freshEventIds: true,
    };
    const expected = append.expectedVersion + append.events.length;
    if (input.expectedVersion !== expected)
      fail(
        `${at}expectedVersion`,
        `must be ${expected}: the previous event of ${streamId} in this batch comes first`,
      );
    append.events.push(event);
    // An id the client sent may be a resend; only ids drawn here are known to be new.
    append.freshEventIds &&= input.eventId === undefined;
    streams.set(streamId, append);
    checks.set(streamId, [...(checks.get(streamId) ?? []), { type: input.type, instance, field: at }]);
  });
  const appends: StreamAppend[] = [...streams].map(([streamId, a]) => ({ streamId, ...a }));
  return { commit: { commitId: commitId ?? randomUUID(), streams: appends }, checks };
}
