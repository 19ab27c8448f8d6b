import { IsEmail, IsString } from 'class-validator';
import { DataSubject, DomainEvent, PersonalData } from '../../src';

// A member's name and email are personal data of that member: stored encrypted with the member's key, and read as
// the replacement once the member is forgotten. Loans name the member, the book is no personal data.

/** A member joined the library. */
@DomainEvent('MemberRegistered', 1)
export class MemberRegistered {
  @IsString() @DataSubject() readonly memberId: string;
  @IsString() @PersonalData({ subject: 'memberId', replacement: '(forgotten)' }) readonly name: string;
  @IsEmail() @PersonalData({ subject: 'memberId', replacement: null }) readonly email: string | null;

  constructor(memberId: string, name: string, email: string | null) {
    this.memberId = memberId;
    this.name = name;
    this.email = email;
  }
}

/** A member borrowed a book. */
@DomainEvent('BookBorrowed', 1)
export class BookBorrowed {
  @IsString() @DataSubject() readonly memberId: string;
  @IsString() readonly bookId: string;

  constructor(memberId: string, bookId: string) {
    this.memberId = memberId;
    this.bookId = bookId;
  }
}

/** A member gave a book back, with a note to the librarian (free text, so personal). */
@DomainEvent('BookReturned', 1)
export class BookReturned {
  @IsString() @DataSubject() readonly memberId: string;
  @IsString() readonly bookId: string;
  @IsString() @PersonalData({ subject: 'memberId', replacement: '' }) readonly note: string;

  constructor(memberId: string, bookId: string, note: string) {
    this.memberId = memberId;
    this.bookId = bookId;
    this.note = note;
  }
}

/** The library wrote to a member (the text greets them by name, so it is personal). */
@DomainEvent('LetterSent', 1)
export class LetterSent {
  @IsString() @DataSubject() readonly memberId: string;
  @IsString() @PersonalData({ subject: 'memberId', replacement: '' }) readonly text: string;

  constructor(memberId: string, text: string) {
    this.memberId = memberId;
    this.text = text;
  }
}
