import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  RuleViolation,
} from '../../src';
import { BookBorrowed, BookReturned, LetterSent, MemberRegistered } from './events';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/;

/** Registers a member with a name and an email. */
@Command('RegisterMember')
export class RegisterMember {
  @AggregateId() @IsString() @Matches(ID) memberId!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsEmail() email?: string;
}

/** A member borrows a book. */
@Command('BorrowBook')
export class BorrowBook {
  @AggregateId() @IsString() @Matches(ID) memberId!: string;
  @IsString() @Matches(ID) bookId!: string;
}

/** A member returns a book, with a note. */
@Command('ReturnBook')
export class ReturnBook {
  @AggregateId() @IsString() @Matches(ID) memberId!: string;
  @IsString() @Matches(ID) bookId!: string;
  @IsString() @Length(0, 500) note!: string;
}

/** The library writes to a member. */
@Command('SendLetter')
export class SendLetter {
  @AggregateId() @IsString() @Matches(ID) memberId!: string;
  @IsString() @Length(1, 500) text!: string;
}

/**
 * A library member. Its name is personal data: once the member is forgotten it loads with the name `(forgotten)`,
 * and its loans still count, so the rule "at most three books at a time" keeps holding.
 */
@AggregateRoot('Member', { snapshotEvery: 50 })
export class Member extends Aggregate {
  name = '';
  email: string | null = null;
  loans: string[] = [];
  letters = 0;

  @CommandHandler(RegisterMember, { creates: true })
  register(cmd: RegisterMember): void {
    this.apply(new MemberRegistered(cmd.memberId, cmd.name, cmd.email ?? null));
  }

  @CommandHandler(BorrowBook)
  borrow(cmd: BorrowBook): void {
    if (this.loans.length >= 3)
      throw new RuleViolation('at most three books at a time', { memberId: this.id });
    this.apply(new BookBorrowed(this.id, cmd.bookId));
  }

  @CommandHandler(ReturnBook)
  giveBack(cmd: ReturnBook): void {
    if (!this.loans.includes(cmd.bookId))
      throw new RuleViolation('book not borrowed', { bookId: cmd.bookId });
    this.apply(new BookReturned(this.id, cmd.bookId, cmd.note));
  }

  @CommandHandler(SendLetter)
  write(cmd: SendLetter): void {
    if (this.letters >= 2) throw new RuleViolation('at most two letters', { memberId: this.id });
    this.apply(new LetterSent(this.id, cmd.text));
  }

  @Apply(MemberRegistered)
  onRegistered(e: MemberRegistered): void {
    this.name = e.name;
    this.email = e.email;
  }

  @Apply(BookBorrowed)
  onBorrowed(e: BookBorrowed): void {
    this.loans = [...this.loans, e.bookId];
  }

  @Apply(BookReturned)
  onReturned(e: BookReturned): void {
    this.loans = this.loans.filter((book) => book !== e.bookId);
  }

  @Apply(LetterSent)
  onLetter(): void {
    this.letters += 1;
  }
}
