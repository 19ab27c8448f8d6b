import { dollarsPerMillion } from './capacity-units';
import type { CostSubject } from './cost-subject';
import type { CostSummary } from './metered-client';

/** What one command kind cost a subject: its own requests and units, and its projection fan-out's. */
export interface CaseCost extends CostSummary {
  readonly kind: string;
  readonly subject: string;
  /** $ per million commands of this kind at on-demand list prices. */
  readonly dollarsPerMillion: number;
  readonly fanOut?: CostSummary & { readonly dollarsPerMillion: number };
}

/** A command kind: what must exist before it (not metered), and the command (metered). */
interface CostCase {
  readonly kind: string;
  prepare(subject: CostSubject): Promise<void>;
  run(subject: CostSubject): Promise<void>;
  /** Whether the app's projections handle its events (the bench's own events have no projection). */
  readonly fansOut: boolean;
  /** How many commands `run` sends (1 unless said): the costs are reported per command. */
  readonly commands?: number;
}

const LONG_STREAM = 'Bench#long';
/** Pays in one batch of the fan-out: what a shard delivers at a steady rate of a few commands per second. */
const PAYS_PER_BATCH = 10;
const payPairs = Array.from({ length: PAYS_PER_BATCH }, (_, i) => [`payer-${i}`, `payee-${i}`] as const);
const LONG_STREAM_EVENTS = 1_000;
const LONG_AGGREGATE_EVENTS = 150;

/** The command kinds of the cost suite, in the order of the report. */
export const COST_CASES: readonly CostCase[] = [
  {
    kind: 'create, 1 event',
    // Another account first: its fan-out leaves the consumer as a steady rate does (its pointers read).
    prepare: (s) => s.openAccount('opened-before', 1_000),
    run: (s) => s.openAccount('created', 1_000),
    fansOut: true,
  },
  {
    kind: 'existing aggregate, load + 1 event',
    prepare: (s) => s.openAccount('existing', 1_000),
    run: (s) => s.renameHolder('existing', 'A new holder name'),
    fansOut: true,
  },
  {
    // Past the first SHORT_STREAM events eventfold reads its snapshot (every 100 events) and the events after it.
    kind: 'existing aggregate of 150 events, load + 1 event',
    prepare: async (s) => {
      await s.openAccount('long', 1_000);
      for (let name = 1; name < LONG_AGGREGATE_EVENTS; name += 1)
        await s.renameHolder('long', `Holder ${name}`);
    },
    run: (s) => s.renameHolder('long', 'A new holder name'),
    fansOut: false,
  },
  {
    kind: '10-event commit',
    prepare: (s) => s.append('Bench#ten', 0, 1),
    run: (s) => s.append('Bench#ten', 1, 10),
    fansOut: false,
  },
  {
    kind: 'bank Pay, 2 aggregates',
    prepare: async (s) => {
      await s.openAccount('payer', 100_000);
      await s.openAccount('payee', 0);
    },
    run: (s) => s.pay('payer', 'payee', 'payment-1', 2_500),
    fansOut: true,
  },
  {
    // The same command at a steady rate: ten Pays between twenty accounts fan out in one consumer batch, so the
    // day row they all add to is written once for them.
    kind: `bank Pay, ${PAYS_PER_BATCH} in one batch, per command`,
    prepare: async (s) => {
      for (const [payer, payee] of payPairs) {
        await s.openAccount(payer, 100_000);
        await s.openAccount(payee, 0);
      }
    },
    run: async (s) => {
      for (const [i, [payer, payee]] of payPairs.entries()) await s.pay(payer, payee, `batch-${i}`, 2_500);
    },
    fansOut: true,
    commands: PAYS_PER_BATCH,
  },
  {
    kind: 'load 1,000 events',
    prepare: async (s) => {
      for (let version = 0; version < LONG_STREAM_EVENTS; version += 100)
        await s.append(LONG_STREAM, version, 100);
    },
    run: async (s) => {
      const read = await s.readStream(LONG_STREAM);
      if (read !== LONG_STREAM_EVENTS)
        throw new Error(`${s.name} read ${read} of ${LONG_STREAM_EVENTS} events`);
    },
    fansOut: false,
  },
];

/** A summary of `commands` commands as the cost of one of them. */
function perCommand(summary: CostSummary, commands: number): CostSummary {
  if (commands === 1) return summary;
  const each = (n: number) => n / commands;
  return {
    requests: each(summary.requests),
    byOperation: Object.fromEntries(Object.entries(summary.byOperation).map(([op, n]) => [op, each(n)])),
    wru: each(summary.wru),
    rru: each(summary.rru),
  };
}

const priced = (summary: CostSummary, commands = 1) => {
  const one = perCommand(summary, commands);
  return { ...one, dollarsPerMillion: dollarsPerMillion(one) };
};

/**
 * Runs every command kind once on a subject and meters it: the command itself, then (for the bank commands, when
 * the subject has a projection runtime) the fan-out of its events. The set-up of each kind, and its fan-out, run
 * unmetered first, so each kind is measured on a steady state.
 */
export async function measureCosts(subject: CostSubject): Promise<CaseCost[]> {
  const costs: CaseCost[] = [];
  for (const costCase of COST_CASES) {
    subject.meter.on = false;
    await costCase.prepare(subject);
    await subject.fanOut?.();
    subject.meter.on = true;
    subject.meter.reset();
    await costCase.run(subject);
    const command = priced(subject.meter.summary(), costCase.commands);
    let fanOut: CaseCost['fanOut'];
    if (costCase.fansOut && subject.fanOut) {
      subject.meter.reset();
      await subject.fanOut();
      fanOut = priced(subject.meter.summary(), costCase.commands);
    }
    costs.push({ kind: costCase.kind, subject: subject.name, ...command, ...(fanOut ? { fanOut } : {}) });
  }
  return costs;
}
