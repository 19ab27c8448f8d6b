import fc from 'fast-check';
import type { CommandBus } from '../src/application/commands/command-bus';
import { EventfoldError } from '../src/domain/errors';

/** The shape of a bank-transfer workload. */
export interface BankWorkloadShape {
  readonly accounts: number;
  readonly writers: number;
  readonly paymentsPerWriter: number;
  readonly prefix: string;
}

/** One planned payment, by account index. */
export interface PlannedPayment {
  readonly payer: number;
  readonly payee: number;
  readonly amount: number;
}

/** A generated plan: opening balances and payments, from a seed. */
export interface BankPlan {
  readonly openingBalances: readonly number[];
  readonly payments: readonly PlannedPayment[];
}

/** What the writers got back. */
export interface WorkloadOutcome {
  opened: number;
  committed: number;
  /** Refused by the domain (insufficient funds, paying oneself): nothing stored. */
  refused: number;
  /** Concurrency conflicts that outlasted the command bus's retries: nothing stored. */
  conflictsGaveUp: number;
  /** Attempts beyond the first that the command bus needed after conflicts. */
  conflictRetries: number;
}

/** Generates the plan with fast-check from `seed`: the same seed gives the same plan. */
export function planOf(shape: BankWorkloadShape, seed: number): BankPlan {
  const account = fc.nat({ max: shape.accounts - 1 });
  const plan = fc.record({
    openingBalances: fc.array(fc.integer({ min: 500, max: 5_000 }), {
      minLength: shape.accounts,
      maxLength: shape.accounts,
    }),
    payments: fc.array(
      fc.record({ payer: account, payee: account, amount: fc.integer({ min: 1, max: 1_000 }) }),
      {
        minLength: shape.writers * shape.paymentsPerWriter,
        maxLength: shape.writers * shape.paymentsPerWriter,
      },
    ),
  });
  const [sample] = fc.sample(plan, { seed, numRuns: 1 });
  return sample!;
}

/** The account id of an index. */
export function accountIdOf(shape: BankWorkloadShape, index: number): string {
  return `${shape.prefix}-a${String(index).padStart(3, '0')}`;
}

function tally(outcome: WorkloadOutcome, error: unknown): void {
  const code = error instanceof EventfoldError ? error.code : undefined;
  if (code === 'RULE_VIOLATION') outcome.refused += 1;
  else if (code === 'CONCURRENCY_CONFLICT') outcome.conflictsGaveUp += 1;
  else throw error;
}

/**
 * Runs the plan through the command bus: opens every account, then `writers` concurrent writers each send their
 * share of the payments. `onProgress` is told after each payment (to start a replay or rebuild mid-load).
 */
export async function runBankWorkload(
  bus: CommandBus,
  shape: BankWorkloadShape,
  plan: BankPlan,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<WorkloadOutcome> {
  const outcome: WorkloadOutcome = {
    opened: 0,
    committed: 0,
    refused: 0,
    conflictsGaveUp: 0,
    conflictRetries: 0,
  };
  await Promise.all(
    plan.openingBalances.map(async (openingBalance, i) => {
      const accountId = accountIdOf(shape, i);
      await bus.dispatch('OpenAccount', { accountId, holderName: `Holder ${i}`, openingBalance });
      outcome.opened += 1;
    }),
  );
  let done = 0;
  await Promise.all(
    Array.from({ length: shape.writers }, async (_, writer) => {
      for (let k = 0; k < shape.paymentsPerWriter; k += 1) {
        const p = plan.payments[writer * shape.paymentsPerWriter + k]!;
        const input = {
          accountId: accountIdOf(shape, p.payer),
          payeeAccountId: accountIdOf(shape, p.payee),
          paymentId: `${shape.prefix}-w${writer}-p${k}`,
          amount: p.amount,
        };
        try {
          const result = await bus.dispatch('Pay', input);
          outcome.committed += 1;
          outcome.conflictRetries += result.attempts - 1;
        } catch (error) {
          tally(outcome, error);
        }
        onProgress((done += 1), plan.payments.length);
      }
    }),
  );
  return outcome;
}
