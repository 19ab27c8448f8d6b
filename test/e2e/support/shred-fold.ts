import { libraryDomain, MemberDirectory } from '../../../examples/library';
import { subjectStreamIdOf } from '../../../src/domain/personal/subject-forgotten';
import type { LocalTestApp } from '../../../src/infrastructure/local/runtime/local-app';
import { forProjection } from '../../../src/testing';
import { freshCodec, storedEvents } from './shred-scan';

type Row = Record<string, unknown>;
/** The member directory's personal fields and their replacements (examples/library/events.ts). */
const REPLACEMENTS: Row = { name: '(forgotten)', email: null, lastNote: '' };

/**
 * The member directory's rows of the given members folded from their events with replacements: in commit order, and
 * without the members' `SubjectForgotten` events (what a row holds when the forget reached it first).
 */
export async function folded(app: LocalTestApp, members: readonly string[]) {
  const streams = members.flatMap((m) => [`Member#${m}`, subjectStreamIdOf(m)]);
  const order = (e: { committedAt: string; streamId: string; version: number }) =>
    `${e.committedAt}|${e.streamId}|${String(e.version).padStart(9, '0')}`;
  const events = (await storedEvents(app, streams)).sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const codec = freshCodec(app);
  const inOrder = forProjection(new MemberDirectory(), libraryDomain.events);
  const forgetFirst = forProjection(new MemberDirectory(), libraryDomain.events);
  for (const event of events) {
    const revealed = libraryDomain.events.deserialize(await codec.reveal(event));
    inOrder.given(event.streamId, revealed);
    if (event.type !== 'SubjectForgotten') forgetFirst.given(event.streamId, revealed);
  }
  const rows = async (spec: typeof inOrder) => (await spec.readModel()).rows as Record<string, Row>;
  return { inOrder: await rows(inOrder), forgetFirst: await rows(forgetFirst) };
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
 * The fold in commit order, allowing what no order across streams permits: a member's `SubjectForgotten` (stream
 * `DataSubject#<id>`) may reach the projection before or after the member's events that raced it. A personal field
 * may then read as its replacement (the forget came last) or as what the member's own events reveal now (the forget
 * came first; plaintext only while its key exists, so never a forgotten one). Answers the fold so adjusted, and how
 * many fields needed the allowance.
 */
export function allowingCrossStreamOrder(
  fold: Awaited<ReturnType<typeof folded>>,
  rows: Record<string, Row>,
  forgotten: Set<string>,
) {
  let allowed = 0;
  const adjusted: Record<string, Row> = {};
  for (const [key, expected] of Object.entries(fold.inOrder)) {
    const row = rows[key];
    adjusted[key] = { ...expected };
    if (!row || !forgotten.has(key.replace(/^member#/, ''))) continue;
    for (const [field, replacement] of Object.entries(REPLACEMENTS)) {
      const either = [replacement, fold.forgetFirst[key]?.[field] ?? replacement];
      if (row[field] === expected[field] || !either.includes(row[field])) continue;
      adjusted[key]![field] = row[field];
      allowed++;
    }
  }
  return { adjusted, allowed };
}
