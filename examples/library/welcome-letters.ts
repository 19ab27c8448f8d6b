import {
  type CommandRejected,
  type FiredTimer,
  OnOutcome,
  OnTimer,
  Process,
  type ProcessContext,
  ProcessManager,
  StartedBy,
  validateCommand,
} from '../../src';
import { MemberRegistered } from './events';
import { SendLetter } from './member';

/** What the process keeps of a new member: the name to write to, and the text of a letter that was refused. */
export interface WelcomeState {
  name: string;
  refused?: string;
}

/**
 * Writes to new members: a welcome letter at once, a follow-up after 30 days. It reads the member's name, which is
 * personal data: the handlers see it in plaintext while the member is known and `(forgotten)` after a forget, and
 * what the process records of it (its inputs, the letters it sends, the timer's payload, a refused letter) is sealed
 * with the member's key, so its own stream holds no plaintext either.
 */
@ProcessManager('welcome-letters')
export class WelcomeLetters extends Process<WelcomeState> {
  initialState(): WelcomeState {
    return { name: '' };
  }

  @StartedBy(MemberRegistered, (e: MemberRegistered) => e.memberId)
  registered(_: WelcomeState, e: MemberRegistered, ctx: ProcessContext): WelcomeState {
    ctx.dispatch(validateCommand(SendLetter, { memberId: e.memberId, text: `Welcome, ${e.name}!` }));
    ctx.schedule('follow-up', { after: '30d' }, { name: e.name });
    return { name: e.name };
  }

  @OnTimer('follow-up')
  followUp(state: WelcomeState, timer: FiredTimer, ctx: ProcessContext): void {
    const name = typeof timer.payload?.name === 'string' ? timer.payload.name : state.name;
    ctx.dispatch(validateCommand(SendLetter, { memberId: ctx.processId, text: `How is it going, ${name}?` }));
  }

  @OnOutcome(SendLetter)
  notSent(state: WelcomeState, outcome: CommandRejected<SendLetter>, ctx: ProcessContext): WelcomeState {
    ctx.complete();
    return { ...state, refused: outcome.command.text ?? '' };
  }
}
