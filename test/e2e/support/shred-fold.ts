import { libraryDomain, MemberDirectory } from '../../../examples/library';
import { subjectStreamIdOf } from '../../../src/domain/personal/subject-forgotten';
import type { LocalTestApp } from '../../../src/infrastructure/local/runtime/local-app';
import { forProjection } from '../../../src/testing';
import { freshCodec, storedEvents } from './shred-scan';

type Row = Record<string, unknown>;
/** The member directory's personal fields and their replacements (examples/library/events.ts). */
const REPLACEMENTS: Row = { name: '(forgotten)', email: null, lastNote: '' };

/** The member directory's rows of the given members, folded in commit order from their events with replacements. */
export async function folded(app: LocalTestApp, members: readonly string[]): Promise<Record<string, Row>> {
  const streams = members.flatMap((m) => [`Member#${m}`, subjectStreamIdOf(m)]);
  const order = (e: { committedAt: string; streamId: string; version: number }) =>
    `${e.committedAt}|${e.streamId}|${String(e.version).padStart(9, '0')}`;
  const events = (await storedEvents(app, streams)).sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const spec = forProjection(new MemberDirectory(), libraryDomain.events);
  const codec = freshCodec(app);
  for (const event of events)
    spec.given(event.streamId, libraryDomain.events.deserialize(await codec.reveal(event)));
  return (await spec.readModel()).rows as Record<string, Row>;
}

/** The active table's rows of the given members, as the HTTP row route answers them. */
export async function rowsOf(app: LocalTestApp, members: readonly string[]): Promise<Record<string, Row>> {
  const rows: Record<string, Row> = {};
  for (const m of members) {
    const row = (await app.row(MemberDirectory, `member#${m}`)) as Row | undefined;
    if (row)
      rows[`member#${m}`] = { name: row.name, email: row.email, loans: row.loans, lastNote: row.lastNote };
  }
  return rows;
}

/**
 * The fold, with one allowance: projections see no order across streams, so a member's `SubjectForgotten` (stream
 * `DataSubject#<id>`) may be applied after personal data the member gave after that forget. Such a field then reads
 * as its replacement: forgotten too eagerly, never readable too long. Answers the fold so adjusted, and how many
 * fields needed the allowance.
 */
export function allowingLateForgets(
  fold: Record<string, Row>,
  rows: Record<string, Row>,
  forgotten: Set<string>,
) {
  let allowed = 0;
  const adjusted: Record<string, Row> = {};
  for (const [key, expected] of Object.entries(fold)) {
    const row = rows[key];
    adjusted[key] = { ...expected };
    if (!row || !forgotten.has(key.replace(/^member#/, ''))) continue;
    for (const [field, replacement] of Object.entries(REPLACEMENTS)) {
      if (row[field] !== replacement || expected[field] === replacement) continue;
      adjusted[key]![field] = replacement;
      allowed++;
    }
  }
  return { adjusted, allowed };
}
