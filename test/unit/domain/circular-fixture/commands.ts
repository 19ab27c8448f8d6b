import { IsString } from 'class-validator';
import { AggregateId, Command, Loads } from '../../../../src';
// The command module imports the aggregate module, which imports this one: whichever loads first sees the
// other's exports undefined while it runs.
import { Member } from './member';

/** Registers a member, sponsored by another. */
@Command('RegisterMember')
export class RegisterMember {
  @AggregateId() @IsString() memberId!: string;
  @Loads(() => Member) @IsString() sponsorId!: string;
}
