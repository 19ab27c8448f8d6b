import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libraryApp } from '../../examples/library';
import {
  CoreTokens,
  createEventfoldContainer,
  PersonalTokens,
  resolve,
  WriteTokens,
} from '../../src/infrastructure/container';
import { configFromEnv, type EventfoldConfig } from '../../src/infrastructure/config';
import {
  ensureEventStoreTables,
  ensureTable,
  keysTableDefinition,
} from '../../src/infrastructure/dynamodb/tables';
import { DynamoDbEventStore } from '../../src/infrastructure/dynamodb/event-store';
import type { KeyWrapper } from '../../src/infrastructure/keys/key-wrapper';
import { LocalKeyWrapper, loadMasterKey } from '../../src/infrastructure/keys/local-key-wrapper';
import { type CostSummary, meteredClient } from './metered-client';

/** What one command cost: its events-table requests and units, and its keys-table requests. */
export interface PersonalCommandCost {
  readonly command: string;
  readonly personal: boolean;
  readonly events: CostSummary;
  readonly keyRequests: Readonly<Record<string, number>>;
}

/** The figures of issue 27: per-command costs with and without personal data, and KMS calls per 1,000 commands. */
export interface PersonalDataCosts {
  readonly commands: readonly PersonalCommandCost[];
  /** Commands run in one warm container, over `subjects` members. */
  readonly kms: {
    readonly commands: number;
    readonly subjects: number;
    readonly generate: number;
    readonly decrypt: number;
  };
}

/** Counts what would be KMS calls on AWS (the local wrapper has KMS's interface). */
class CountingWrapper implements KeyWrapper {
  readonly kind = 'local';
  generate_ = 0;
  unwrap_ = 0;
  constructor(private readonly inner: KeyWrapper) {}
  generate(subject: string) {
    this.generate_ += 1;
    return this.inner.generate(subject);
  }
  unwrap(subject: string, wrapped: Uint8Array) {
    this.unwrap_ += 1;
    return this.inner.unwrap(subject, wrapped);
  }
}

/** The library commands of one member, in order: register (personal), borrow (none), return (a personal note). */
const commands = (memberId: string) =>
  [
    ['RegisterMember', { memberId, name: 'Ada Lovelace', email: 'ada@example.org' }],
    ['BorrowBook', { memberId, bookId: 'b1' }],
    ['ReturnBook', { memberId, bookId: 'b1', note: 'Loved the engines, thank you' }],
  ] as const;

/** Round 0 registers each member; later rounds borrow and return, in turn. */
function warmCommand(memberId: string, round: number): [string, object] {
  if (round === 0) return ['RegisterMember', { memberId, name: `Member ${memberId}` }];
  if (round % 2 === 1) return ['BorrowBook', { memberId, bookId: `b${round}` }];
  return ['ReturnBook', { memberId, bookId: `b${round - 1}`, note: `note ${round}` }];
}

/**
 * Runs the library commands on a fresh container (a cold one: its key cache empty) with personal data, and with the
 * codec unbound (the same events stored in plaintext), metering the events table apart from the keys table; then
 * 1,000 commands over 100 members in one warm container, counting key generations and unwraps.
 */
export async function measurePersonalDataCosts(endpoint: string): Promise<PersonalDataCosts> {
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-pd-cost-'));
  const keysTable = 'pd-cost-keys';
  const config: EventfoldConfig = {
    ...configFromEnv({}),
    endpoints: { region: 'us-east-1', dynamodb: endpoint },
    eventsTable: 'pd-cost-events',
    snapshotsTable: 'pd-cost-snapshots',
    controlTable: 'pd-cost-control',
    keysTable,
    masterKeyFile: join(dir, 'master.key'),
  };
  const keysOnly = (_: string, input: Record<string, unknown>) => input.TableName === keysTable;
  const { client, meter, close } = meteredClient(
    config.endpoints as { region: string; dynamodb: string },
    keysOnly,
  );
  const keyRequests: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const operation = String(context.commandName).replace(/Command$/, '');
      if (input.TableName === keysTable) keyRequests[operation] = (keyRequests[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'keyCounter' },
  );
  try {
    await ensureEventStoreTables(client, config);
    await ensureTable(client, keysTableDefinition(keysTable));
    const wrapper = new CountingWrapper(new LocalKeyWrapper(loadMasterKey(config.masterKeyFile!)));
    const container = (personal: boolean) => {
      const built = createEventfoldContainer({ app: libraryApp, config });
      built.rebindSync(CoreTokens.dynamodb).toConstantValue(client);
      built.rebindSync(PersonalTokens.keyWrapper).toConstantValue(wrapper);
      if (!personal) {
        built.rebindSync(PersonalTokens.codec).toConstantValue(undefined);
        built.rebindSync(WriteTokens.eventStore).toConstantValue(new DynamoDbEventStore(client, config));
      }
      return built;
    };
    const results: PersonalCommandCost[] = [];
    for (const personal of [true, false]) {
      const bus = resolve(container(personal), WriteTokens.commandBus);
      for (const [name, input] of commands(personal ? 'cost-p' : 'cost-n')) {
        meter.reset();
        Object.keys(keyRequests).forEach((k) => delete keyRequests[k]);
        await bus.dispatch(name, input);
        results.push({ command: name, personal, events: meter.summary(), keyRequests: { ...keyRequests } });
      }
    }
    wrapper.generate_ = 0;
    wrapper.unwrap_ = 0;
    const bus = resolve(container(true), WriteTokens.commandBus);
    let run = 0;
    for (let round = 0; run < 1_000; round += 1) {
      for (let m = 0; m < 100 && run < 1_000; m += 1, run += 1) {
        const [name, input] = warmCommand(`kms-${m}`, round);
        await bus.dispatch(name, input);
      }
    }
    return {
      commands: results,
      kms: { commands: run, subjects: 100, generate: wrapper.generate_, decrypt: wrapper.unwrap_ },
    };
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
}
