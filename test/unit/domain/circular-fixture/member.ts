import { Aggregate, AggregateRoot, CommandHandler } from '../../../../src';
import { RegisterMember } from './commands';

/** A member; its handler's command class comes from a module that imports this one. */
@AggregateRoot('Member')
export class Member extends Aggregate {
  @CommandHandler(RegisterMember, { creates: true })
  register(): void {}
}
