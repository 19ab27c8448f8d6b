import fc from 'fast-check';
import { libraryApp, libraryDomain, type WelcomeState, WelcomeLetters } from '../../../examples/library';
import {
  ForgetService,
  InMemoryProcessDeadLetters,
  PersonalDataCodec,
  ProcessRunner,
  SealingEventStore,
} from '../../../src';
import {
  type InMemoryApp,
  inMemoryApp,
  InMemoryEventStore,
  InMemorySubjectKeys,
  InMemoryTimerScheduler,
} from '../../../src/testing';

/**
 * A process manager reading personal data (the library's welcome letters): its handlers see the plaintext while
 * the member is known and the replacement after a forget, also when its state is rebuilt from its stream, and
 * neither its stream nor anything else in the store ever holds the plaintext (the letters it derives, the timer's
 * payload, a refused letter included). Names are drawn by fast-check; `EVENTFOLD_SHRED_RUNS` sets the runs.
 */
const RUNS = Number(process.env.EVENTFOLD_SHRED_RUNS ?? 15);
const name = fc.stringMatching(/^[A-Z][a-z]{3,10}$/).map((n) => `${n}Qx`);
const plan = fc.record({
  names: fc.uniqueArray(name, { minLength: 1, maxLength: 3, selector: (n) => n.toLowerCase() }),
  // When the first member is forgotten: before the follow-up timer fires, after it, or never.
  forgetAt: fc.constantFrom('before-timer', 'after-timer', 'never'),
  // A letter written by hand first, so the follow-up is refused (at most two letters).
  extraLetter: fc.boolean(),
});

async function storedText(app: InMemoryApp): Promise<string> {
  return JSON.stringify((await app.events.readAll({ limit: 100_000 })).events);
}

/** The texts of the letters a member got, as a reader sees them. */
async function letters(app: InMemoryApp, memberId: string): Promise<string[]> {
  const codec = new PersonalDataCodec(libraryDomain.personal, app.keys);
  const texts: string[] = [];
  for await (const e of app.events.readStream(`Member#${memberId}`)) {
    if (e.type === 'LetterSent') texts.push((await codec.reveal(e)).data.text as string);
  }
  return texts;
}

type Plan = typeof plan extends fc.Arbitrary<infer P> ? P : never;

/** The letters the first member ends with, and the text of the refused follow-up (when one is refused). */
function expected({ names, forgetAt, extraLetter }: Plan): { letters: string[]; refused?: string } {
  const n = names[0] as string;
  if (forgetAt === 'never') {
    const second = extraLetter ? `Dear ${n}` : `How is it going, ${n}?`;
    return {
      letters: [`Welcome, ${n}!`, second],
      refused: extraLetter ? `How is it going, ${n}?` : undefined,
    };
  }
  // Forgotten before or after the timer: the follow-up is written (or refused) with the replacement. A forgotten
  // member gets no new key, so a letter or refusal recorded after the forget holds no ciphertext and reads as the
  // replacement too, as what was recorded before it does.
  return { letters: ['', ''], refused: extraLetter ? '' : undefined };
}

describe('a process manager over personal data', () => {
  it('sees plaintext, then replacements after a forget; its stream never holds plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const { names, forgetAt, extraLetter } = p;
        const app = await inMemoryApp(libraryApp);
        const ids = names.map((_, i) => `m${i}`);
        for (const [i, n] of names.entries())
          await app.command('RegisterMember', { memberId: ids[i], name: n, email: null });
        if (extraLetter) await app.command('SendLetter', { memberId: 'm0', text: `Dear ${names[0]}` });
        const before = await app.processes.state<WelcomeState>(WelcomeLetters, 'm0');
        expect(before.state.name).toBe(names[0]);
        expect(await letters(app, 'm0')).toContain(`Welcome, ${names[0]}!`);
        if (forgetAt === 'before-timer') await app.forget('m0');
        await app.advance('31d');
        if (forgetAt === 'after-timer') await app.forget('m0');

        const want = expected(p);
        const first = await app.processes.state<WelcomeState>(WelcomeLetters, 'm0');
        expect(first.state.name).toBe(forgetAt === 'never' ? names[0] : '(forgotten)');
        expect(first.state.refused).toBe(want.refused);
        expect(first.completed).toBe(extraLetter);
        expect(await letters(app, 'm0')).toEqual(want.letters);
        for (const [i, n] of names.entries()) {
          if (i === 0) continue;
          const other = await app.processes.state<WelcomeState>(WelcomeLetters, ids[i] as string);
          expect(other.state.name).toBe(n);
        }
        const stored = await storedText(app);
        expect(names.filter((n) => stored.includes(n))).toEqual([]);
        await app.stop();
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('decides a command again from the replacements when its subject is forgotten before it is sent', async () => {
    const keys = new InMemorySubjectKeys();
    const codec = new PersonalDataCodec(libraryDomain.personal, keys);
    const store = new SealingEventStore(new InMemoryEventStore(), codec);
    const sent: Array<{ name: string; input: unknown; commandId?: string }> = [];
    const tried: Array<string | undefined> = [];
    let down = true;
    const commands = {
      async dispatch(name: string, input: unknown, options?: { commandId?: string }) {
        tried.push(options?.commandId);
        if (down) throw new Error('the command bus is down');
        sent.push({ name, input, commandId: options?.commandId });
        return { events: [] } as never;
      },
    };
    const runner = new ProcessRunner({
      processes: [new WelcomeLetters()],
      model: libraryDomain,
      eventStore: store,
      commands,
      timers: new InMemoryTimerScheduler(),
      deadLetters: new InMemoryProcessDeadLetters(),
      personal: codec,
    });
    const data = { memberId: 'm1', name: 'Ada Lovelace', email: null };
    const event = { eventId: 'reg-m1', type: 'MemberRegistered', schemaVersion: 1, data, metadata: {} };
    const { events } = await store.commit({
      commitId: 'reg-m1',
      streams: [{ streamId: 'Member#m1', expectedVersion: 0, events: [event] }],
    });
    // The step is recorded with its letter sealed, then sending it fails: the step stays open.
    await expect(runner.deliver({ events })).rejects.toThrow('the command bus is down');
    await new ForgetService(keys, store).forget('m1');
    down = false;
    await runner.deliver({ events });
    expect(sent).toEqual([
      {
        name: 'SendLetter',
        input: { memberId: 'm1', text: 'Welcome, (forgotten)!' },
        commandId: expect.any(String),
      },
    ]);
    expect(tried).toEqual([sent[0]?.commandId, sent[0]?.commandId]);
    const state = await runner.load<WelcomeState>('welcome-letters', 'm1');
    expect([state.open, state.state.name]).toEqual([undefined, '(forgotten)']);
  });
});
