import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { libraryApp, MemberDirectory } from '../../examples/library';
import { runCli } from '../../src/cli/program';
import { CoreTokens } from '../../src/infrastructure/container/core-bindings';
import { resolve } from '../../src/infrastructure/container/tokens';
import { waitFor } from '../../src/infrastructure/local/free-port';
import { type LocalTestApp, localApp } from '../../src/infrastructure/local/runtime/local-app';
import { scanAll } from './support/shred-scan';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

let app: LocalTestApp;
const members = {
  m1: { name: 'Ada Lovelace', email: 'ada@example.org', note: 'Ada liked the engines' },
  m2: { name: 'Grace Hopper', email: 'grace@example.org', note: 'Grace found a moth' },
  m3: { name: 'Hedy Lamarr', email: 'hedy@example.org', note: 'Hedy hopped frequencies' },
} as const;
type MemberId = keyof typeof members;
const plaintextOf = (id: MemberId) => Object.values(members[id]);

/** The tables to scan, items scanned, and the plaintexts of the given members found in them. */
async function scanFor(tables: readonly string[], ids: readonly MemberId[]) {
  const client = resolve(app.runtime.container, CoreTokens.dynamodb);
  let scanned = 0;
  const found: string[] = [];
  for (const table of tables) {
    const items = await scanAll(client, table);
    scanned += items.length;
    const text = JSON.stringify(items);
    const values = ids.flatMap(plaintextOf);
    found.push(...values.filter((value) => text.includes(value)).map((value) => `${table}: ${value}`));
  }
  return { tables: tables.length, scanned, found };
}

async function readModelTables(): Promise<string[]> {
  const client = resolve(app.runtime.container, CoreTokens.dynamodb);
  const { TableNames } = await client.send(new ListTablesCommand({}));
  return (TableNames ?? []).filter((name) => name.startsWith(app.runtime.config.readModelTablePrefix));
}

async function api(method: string, path: string): Promise<any> {
  const response = await fetch(`${app.runtime.url}${path}`, { method });
  return response.json();
}

beforeAll(async () => {
  app = await localApp(libraryApp);
}, 120_000);
afterAll(() => app?.stop(), 60_000);

describe('personal data on the local runtime', () => {
  it('keeps plaintext out of the events table, and a forget reaches every reader', async () => {
    for (const [memberId, m] of Object.entries(members)) {
      await app.command('RegisterMember', { memberId, name: m.name, email: m.email });
      await app.command('BorrowBook', { memberId, bookId: 'b1' });
      await app.command('ReturnBook', { memberId, bookId: 'b1', note: m.note });
    }
    const { eventsTable, keysTable } = app.runtime.config;
    // The welcome-letters process reads each name and writes a letter quoting it: wait for the three letters and
    // their process steps, then no item of the events table (process streams included) may hold the plaintext.
    const client = resolve(app.runtime.container, CoreTokens.dynamodb);
    const settledLetters = async () => {
      const items = await scanAll(client, eventsTable);
      const done = items.filter((i) => i.type === 'ProcessEffectsDone').length;
      return items.filter((i) => i.type === 'LetterSent').length === 3 && done === 3;
    };
    await waitFor(settledLetters, 'the welcome letters', 60_000);
    const events = await scanFor([eventsTable], ['m1', 'm2', 'm3']);
    expect(events.found).toEqual([]);
    // 9 member events, 3 letters, and per member a process step and its effects.
    expect(events.scanned).toBe(18);
    await app.settled();
    expect(await app.row(MemberDirectory, 'member#m1')).toMatchObject({ name: 'Ada Lovelace' });

    expect(await app.forget('m1')).toEqual({ streamId: 'DataSubject#m1', version: 1 });
    const out: string[] = [];
    const code = await runCli(['--url', app.runtime.url, 'forget', 'm3'], {
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    expect([code, JSON.parse(out.join('\n'))]).toEqual([
      0,
      { subject: 'm3', streamId: 'DataSubject#m3', version: 1 },
    ]);
    await app.command('BorrowBook', { memberId: 'm1', bookId: 'b2' });
    await app.settled();
    await waitFor(
      async () => (await app.row(MemberDirectory, 'member#m3'))?.name === '(forgotten)',
      'm3 forgotten',
      30_000,
    );
    expect(await app.row(MemberDirectory, 'member#m1')).toMatchObject({
      name: '(forgotten)',
      email: null,
      loans: 1,
    });
    const stream = await api('GET', `/streams/${encodeURIComponent('Member#m1')}`);
    expect(stream.events[0].data).toEqual({ memberId: 'm1', name: '(forgotten)', email: null });
    // m2 keeps its key; m1 and m3 keep tombstones (no key material), so they are never given a key again.
    const keyItems = await scanAll(
      resolve(app.runtime.container, CoreTokens.dynamodb),
      keysTable ?? 'eventfold-keys',
    );
    const byState = (tomb: boolean) =>
      keyItems
        .filter((item) => (item.forgottenAt !== undefined) === tomb)
        .map((item) => item.subject)
        .sort();
    expect([byState(false), byState(true)]).toEqual([['m2'], ['m1', 'm3']]);
    expect(keyItems.filter((item) => item.forgottenAt && item.wrappedKey)).toEqual([]);

    await api('POST', '/projections/member-directory/rebuild');
    await waitFor(
      async () => (await api('GET', '/projections/member-directory')).rebuild?.state === 'FLIPPED',
      'the rebuild flip',
      60_000,
    );
    await app.replay({ kind: 'all' });
    const tables = await readModelTables();
    const forgotten = await scanFor(tables, ['m1', 'm3']);
    expect(forgotten.found).toEqual([]);
    expect((await scanFor(tables, ['m2'])).found.length).toBeGreaterThan(0);
    expect(await app.row(MemberDirectory, 'member#m2')).toMatchObject({ name: 'Grace Hopper', loans: 0 });
    console.log(`scan after forget + rebuild + replay: ${JSON.stringify({ events, readModels: forgotten })}`);
  }, 180_000);
});
