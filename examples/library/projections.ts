import { On, Projection, type RowChanges, RowProjection, SubjectForgotten } from '../../src';
import { BookBorrowed, BookReturned, MemberRegistered } from './events';

/** A row of the member directory. */
export interface MemberRow {
  name: string;
  email: string | null;
  loans: number;
  lastNote: string;
}

/**
 * The librarian's directory: one row per member (`member#<id>`) with name, email, loans and the last note. It
 * copies personal data, so it handles `SubjectForgotten` by writing each copied field's replacement.
 */
@Projection('member-directory', { rebuildable: true })
export class MemberDirectory extends RowProjection<MemberRow> {
  @On(MemberRegistered)
  registered(e: MemberRegistered, rows: RowChanges<MemberRow>): void {
    rows.set(`member#${e.memberId}`, { name: e.name, email: e.email, loans: 0, lastNote: '' });
  }

  @On(BookBorrowed)
  borrowed(e: BookBorrowed, rows: RowChanges<MemberRow>): void {
    rows.add(`member#${e.memberId}`, { loans: 1 });
  }

  @On(BookReturned)
  returned(e: BookReturned, rows: RowChanges<MemberRow>): void {
    rows.add(`member#${e.memberId}`, { loans: -1 }).set(`member#${e.memberId}`, { lastNote: e.note });
  }

  @On(SubjectForgotten)
  forgotten(e: SubjectForgotten, rows: RowChanges<MemberRow>): void {
    rows.set(`member#${e.subject}`, { name: '(forgotten)', email: null, lastNote: '' });
  }
}
