import { forProjection, inMemoryApp } from '../../../src/testing';
import { On, Projection, RowProjection, type RowChanges } from '../../../src';
import { libraryApp, MemberDirectory, MemberRegistered } from '../../../examples/library';

async function storedText(app: Awaited<ReturnType<typeof inMemoryApp>>): Promise<string> {
  return JSON.stringify((await app.events.readAll({ limit: 10_000 })).events);
}

describe('forgetting a library member in the in-memory app', () => {
  it('stores no plaintext, and after forget every reader sees the replacement', async () => {
    const app = await inMemoryApp(libraryApp);
    await app.command('RegisterMember', { memberId: 'm1', name: 'Ada Lovelace', email: 'ada@example.org' });
    await app.command('BorrowBook', { memberId: 'm1', bookId: 'b1' });
    const shown = await app.command('ReturnBook', { memberId: 'm1', bookId: 'b1', note: 'Loved it, Ada' });
    expect(shown.events[0]!.data).toMatchObject({ note: 'Loved it, Ada' });
    expect(await storedText(app)).not.toMatch(/Ada|ada@/);
    expect(await app.row(MemberDirectory, 'member#m1')).toMatchObject({ name: 'Ada Lovelace', loans: 0 });

    const forgotten = await app.forget('m1');
    expect(forgotten).toEqual({ streamId: 'DataSubject#m1', version: 1 });
    expect(await app.row(MemberDirectory, 'member#m1')).toMatchObject({ name: '(forgotten)', email: null });
    // The aggregate still loads and decides: its loans survive, its name reads as the replacement.
    await app.command('BorrowBook', { memberId: 'm1', bookId: 'b2' });
    await app.rebuild(MemberDirectory);
    const row = await app.row(MemberDirectory, 'member#m1');
    expect(row).toMatchObject({ name: '(forgotten)', email: null, lastNote: '', loans: 1 });
    expect(
      JSON.stringify(await app.readModels.dump({ projection: 'member-directory', slot: 'green' })),
    ).not.toMatch(/Ada|ada@/);
    await app.stop();
  });
});

@Projection('leaky-names')
class LeakyNames extends RowProjection<{ name: string }> {
  @On(MemberRegistered)
  registered(e: MemberRegistered, rows: RowChanges<{ name: string }>): void {
    rows.set(`name#${e.memberId}`, { name: e.name });
  }
}

describe('the projection kit check for forgets', () => {
  const registered = new MemberRegistered('m1', 'Ada Lovelace', 'ada@example.org');

  it('passes a projection that replaces every personal field it copies', async () => {
    await forProjection(new MemberDirectory()).given('Member#m1', registered).expectForgotten('m1');
  });

  it('fails a projection that copies a personal field and does not handle SubjectForgotten', async () => {
    await expect(
      forProjection(new LeakyNames()).given('Member#m1', registered).expectForgotten('m1'),
    ).rejects.toThrow(/MemberRegistered\.name in row name#m1[\s\S]*must handle SubjectForgotten/);
  });
});
