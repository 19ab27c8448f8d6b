import fc from 'fast-check';
import {
  concertDatabase,
  type ConcertRow,
  expected,
  type SearchConcerts,
} from '../../support/sql/concert-queries';

const RUNS = Number(process.env.SQL_QUERY_RUNS ?? 150);
const cities = ['Utrecht', 'Gent', "O'Hara"];
const row = (i: number, day: number, seats: number): ConcertRow => ({
  id: `c${String(i).padStart(4, '0')}`,
  name: ['Blue Night', 'blue moon', 'Red%_Sky', "Rock 'n' Roll"][i % 4]!,
  city: cities[i % 3]!,
  day,
  seats,
});
const dataset = Array.from({ length: 40 }, (_, i) => row(i, i % 7, (i * 37) % 500));

let db: Awaited<ReturnType<typeof concertDatabase>>;
beforeAll(async () => {
  db = await concertDatabase();
  await db.insert(dataset);
}, 60_000);
afterAll(() => db?.close());

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 1000, maxLength: 5000 }),
  fc.constantFrom(
    "' OR 1=1 --",
    "'; DROP TABLE concerts; --",
    '%',
    '_',
    '\\',
    '$1',
    '"',
    'blue',
    'Gent',
    '\u0000',
  ),
  fc.constantFrom(
    '1e309',
    '-0',
    '9007199254740993',
    'NaN',
    'Infinity',
    '0x10',
    '2147483648',
    '-1',
    '1.5',
    '  7',
  ),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc
    .record({
      q: fc.constantFrom('search', 'other'),
      f: fc.string(),
      k: fc.array(fc.jsonValue(), { maxLength: 3 }),
    })
    .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
);
const hostileKey = fc.oneof(
  fc.constantFrom(
    'name',
    'city',
    'minSeats',
    'cursor',
    'limit',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 20 }),
);

describe('named SQL queries over the HTTP API, on PGlite', () => {
  it('answers hostile parameters with a 200 holding only matching rows, or a 4xx: never a 500', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(hostileKey, hostileText, { maxKeys: 4 }), async (query) => {
        const { status, body } = await db.get(query);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect([200, 400]).toContain(status);
        if (status !== 200) {
          expect(body.code).toBe('VALIDATION_FAILED');
          return;
        }
        const params: SearchConcerts = {
          name: query.name,
          city: query.city,
          minSeats: query.minSeats === undefined ? undefined : Number(query.minSeats),
        };
        const all = expected(dataset, params);
        if (query.cursor === undefined) expect(body.rows).toEqual(all.slice(0, body.rows.length));
        else for (const r of body.rows) expect(all).toContainEqual(r);
      }),
      { numRuns: RUNS },
    );
    console.log(`hostile queries: ${RUNS} runs, statuses ${JSON.stringify([...statuses])}`);
    expect(statuses.get(200)).toBeGreaterThan(0);
  }, 240_000);

  it('refuses a cursor of other parameters, a tampered one, and a limit beyond the page size, naming the field', async () => {
    const first = await db.get({ city: 'Gent', limit: '2' });
    expect(first.status).toBe(200);
    const foreign = await db.get({ city: 'Utrecht', cursor: first.body.cursor });
    expect(foreign).toMatchObject({ status: 400, body: { details: { violations: [{ field: 'cursor' }] } } });
    const body = JSON.parse(Buffer.from(first.body.cursor, 'base64url').toString()) as { k: unknown[][] };
    body.k[0] = ['s', 'not a day'];
    const tampered = Buffer.from(JSON.stringify(body)).toString('base64url');
    expect((await db.get({ city: 'Gent', cursor: tampered })).status).toBe(400);
    const big = await db.get({ limit: '101' });
    expect(big).toMatchObject({ status: 400, body: { details: { violations: [{ field: 'limit' }] } } });
    const seats = await db.get({ minSeats: '1000001' });
    expect(seats).toMatchObject({ status: 400, body: { details: { violations: [{ field: 'minSeats' }] } } });
    expect((await db.get({}, 'nope')).status).toBe(404);
  }, 60_000);
});

describe('keyset paging', () => {
  afterAll(async () => {
    await db.clear();
    await db.insert(dataset);
  });

  it('walks every row once, in order, whatever the page size, with rows inserted before the cursor meanwhile', async () => {
    let pages = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ day: fc.integer({ min: -5, max: 5 }), seats: fc.nat(600) }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(undefined, 'Gent'),
        async (specs, limit, city) => {
          await db.clear();
          const rows = specs.map((s, i) => row(i, s.day, s.seats));
          await db.insert(rows);
          const seen: ConcertRow[] = [];
          let cursor: string | undefined;
          let extra = 1000;
          do {
            const { status, body } = await db.get({
              limit: String(limit),
              ...(city ? { city } : {}),
              ...(cursor ? { cursor } : {}),
            });
            expect(status).toBe(200);
            expect(body.rows.length).toBeLessThanOrEqual(limit);
            seen.push(...(body.rows as ConcertRow[]));
            cursor = body.cursor as string | undefined;
            pages += 1;
            const last = seen[seen.length - 1];
            // A concurrent insert before the cursor: an earlier day, or the same day and a greater id.
            if (cursor && last) await db.insert([{ ...row(extra++, last.day - 1, 1), city: 'Gent' }]);
          } while (cursor);
          expect(seen).toEqual(expected(rows, { city }));
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    console.log(`paging: ${Math.ceil(RUNS / 3)} runs, ${pages} pages`);
  }, 240_000);
});
