import fc from 'fast-check';
import { Member } from '../../examples/library';
import type { StoredEvent } from '../../src';
import { CoreTokens } from '../../src/infrastructure/container/core-bindings';
import { PersonalTokens } from '../../src/infrastructure/container/personal-tokens';
import { resolve } from '../../src/infrastructure/container/tokens';
import { WriteTokens } from '../../src/infrastructure/container/write-bindings';
import { type LocalTestApp, localApp } from '../../src/infrastructure/local/runtime/local-app';
import { libraryApp } from '../../examples/library';
import { ApiClient } from './support/runtime-fixture';
import {
  foundIn,
  freshCodec,
  type Place,
  scanDeadLetters,
  scanEveryTable,
  storedEvents,
} from './support/shred-scan';
import { allowingCrossStreamOrder, folded, rowsOf } from './support/shred-fold';
import { snapshotProperty } from './support/shred-snapshots';
import { Given, membersOf, rollbacks, runStep, step } from './support/shred-world';

/**
 * The forget property of issue 27 on the real stores: random library histories over three members, with forgets
 * before, during and after a rebuild, a rollback and a replay, and a forget racing a command for the same member, run on the
 * local runtime (DynamoDB Local, kinesalite, the local Step Functions). After each history: a scan of every table and
 * of the dead-letter queue finds no plaintext of a forgotten member (and the events table no plaintext at all), the
 * HTTP stream route and every aggregate load show none either, and after a rebuild the read model equals the fold of
 * the events with their replacements. All runs share one runtime; each uses members of its own.
 * `EVENTFOLD_SHRED_EMULATOR_RUNS` sets the runs (`npm run test:shred:emulators` runs the long form),
 * `EVENTFOLD_SHRED_SEED` replays a failing seed that fast-check reported.
 */
const RUNS = Number(process.env.EVENTFOLD_SHRED_EMULATOR_RUNS ?? 3);
const SEED = process.env.EVENTFOLD_SHRED_SEED ? Number(process.env.EVENTFOLD_SHRED_SEED) : undefined;
const given = new Given();
const totals = {
  runs: 0,
  steps: 0,
  scans: 0,
  itemsScanned: 0,
  replacementsSeen: 0,
  plaintextFound: 0,
  crossStreamOrders: 0,
};
let app: LocalTestApp;
let run = 0;

beforeAll(async () => {
  app = await localApp(libraryApp, { settleTimeoutMs: 60_000 });
}, 120_000);
afterAll(async () => {
  console.log(`forget property on the emulators: ${JSON.stringify({ ...totals, ...counts() })}`);
  await app?.stop();
}, 60_000);

const counts = () => ({
  commands: given.commands,
  forgets: given.forgets,
  forgottenTexts: given.forgotten.size,
  rollbacks,
});
const codec = () => resolve(app.runtime.container, PersonalTokens.codec)!;

/** Every place a reader gets text from: the tables, the dead letters, the stream route, the loaded aggregates. */
async function places(members: readonly string[]): Promise<Place[]> {
  const tables = await scanEveryTable(app);
  const api = new ApiClient(app.runtime.url);
  const routes = await Promise.all(
    members.map(async (m) => {
      const { status, body } = await api.get(`/streams/${encodeURIComponent(`Member#${m}`)}`);
      expect([200, 404]).toContain(status);
      totals.replacementsSeen += JSON.stringify(body).split('"(forgotten)"').length - 1;
      return {
        name: `GET /streams/Member#${m}`,
        items: body.events?.length ?? 0,
        text: JSON.stringify(body),
      };
    }),
  );
  const repository = resolve(app.runtime.container, WriteTokens.repository);
  const loaded = await Promise.all(members.map((m) => repository.load(Member, m)));
  const aggregates = { name: 'loaded members', items: loaded.length, text: JSON.stringify(loaded) };
  const sealed = await storedEvents(
    app,
    members.map((m) => `Member#${m}`),
  );
  const revealed = async (name: string, reveal: (e: StoredEvent) => Promise<StoredEvent>) => ({
    name,
    items: sealed.length,
    text: JSON.stringify(await Promise.all(sealed.map(reveal))),
  });
  const cached = await revealed('revealed by the runtime', (e) => codec().reveal(e));
  const fresh = await revealed('revealed by a new container', (e) => freshCodec(app).reveal(e));
  expect(cached.text).toEqual(fresh.text);
  return [...tables, await scanDeadLetters(app), ...routes, aggregates, cached, fresh];
}

/** The active read model equals the fold with replacements, up to the order across streams (see `allowingCrossStreamOrder`). */
async function readModelIsTheFold(members: readonly string[]): Promise<void> {
  const rows = await rowsOf(app, members);
  const forgotten = new Set(members.filter((m) => given.forgottenMembers.has(m)));
  const { adjusted, allowed } = allowingCrossStreamOrder(await folded(app, members), rows, forgotten);
  totals.crossStreamOrders += allowed;
  expect(rows).toEqual(adjusted);
}

async function check(members: readonly string[]): Promise<void> {
  await app.settled();
  const seen = await places(members);
  totals.scans++;
  totals.itemsScanned += seen.reduce((sum, p) => sum + p.items, 0);
  const events = seen.find((p) => p.name === app.runtime.config.eventsTable)!;
  const found = [...foundIn([events], given.all), ...foundIn(seen, given.forgotten)];
  totals.plaintextFound += found.length;
  expect(found).toEqual([]);
  expect(seen.find((p) => p.name === app.runtime.config.snapshotsTable)?.text ?? '[]').not.toContain(
    'Member#',
  );
}

describe('forgetting members on the local runtime', () => {
  it('leaves no forgotten plaintext in any table or reader, and read models equal to the fold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        run++;
        const members = membersOf(run);
        for (const [i, s] of steps.entries()) await runStep(app, given, run, s, i);
        await check(members);
        await readModelIsTheFold(members);
        await runStep(app, given, run, { kind: 'rebuild', m: undefined }, steps.length);
        await check(members);
        await readModelIsTheFold(members);
        totals.runs++;
        totals.steps += steps.length;
      }),
      { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  }, 1_800_000);

  it('never snapshots an aggregate that applies personal fields, on the real snapshot table', async () => {
    const { container, config } = app.runtime;
    await snapshotProperty(resolve(container, CoreTokens.dynamodb), config, Math.max(5, RUNS * 3));
  }, 600_000);
});
