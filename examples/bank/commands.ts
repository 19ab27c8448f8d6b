import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AggregateId, Command } from '../../src';

/** What an id may look like. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/;
/** The largest amount of one account or payment, in cents. */
export const MAX_CENTS = 1_000_000_000_00;

/** Opens an account with an opening balance in cents. */
@Command('OpenAccount')
export class OpenAccount {
  @AggregateId() @IsString() @Matches(ID) accountId!: string;
  @IsString() @Length(1, 200) holderName!: string;
  @IsInt() @Min(0) @Max(MAX_CENTS) openingBalance!: number;
}

/** Changes the name of the account's holder (the exercise's extension task). */
@Command('ChangeHolderName')
export class ChangeHolderName {
  @AggregateId() @IsString() @Matches(ID) accountId!: string;
  @IsString() @Length(1, 200) holderName!: string;
}
