import { ConfigurationError } from './domain-errors';

/** Raw event data as stored: a JSON object. */
export type EventData = Record<string, unknown>;

/**
 * Turns the data of one schema version of an event into the next (`fromVersion` -> `fromVersion + 1`).
 * Chained at read time, v1 -> v2 -> v3, so old events are read as the current class.
 * @example
 * const v1ToV2: Upcaster = { type: 'PriceSet', fromVersion: 1, up: (d) => ({ ...d, currency: 'EUR' }) };
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly up: (data: EventData) => EventData;
}

/** The upcasters of one event type, indexed by the version they start from. */
export class UpcasterChain {
  private readonly steps = new Map<number, Upcaster>();

  constructor(
    readonly type: string,
    readonly currentVersion: number,
  ) {}

  add(upcaster: Upcaster): void {
    const { fromVersion } = upcaster;
    if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion >= this.currentVersion) {
      throw new ConfigurationError(
        `upcaster of ${this.type} from v${upcaster.fromVersion} is outside 1..${this.currentVersion - 1}`,
        { type: this.type, fromVersion: upcaster.fromVersion, currentVersion: this.currentVersion },
      );
    }
    if (this.steps.has(upcaster.fromVersion)) {
      throw new ConfigurationError(`two upcasters of ${this.type} from v${upcaster.fromVersion}`, {
        type: this.type,
        fromVersion: upcaster.fromVersion,
      });
    }
    this.steps.set(upcaster.fromVersion, upcaster);
  }

  /** Throws unless every version from 1 to the current one has a step to the next. */
  assertComplete(): void {
    const missing: number[] = [];
    for (let v = 1; v < this.currentVersion; v += 1) if (!this.steps.has(v)) missing.push(v);
    if (missing.length > 0) {
      throw new ConfigurationError(
        `${this.type} is at v${this.currentVersion} but has no upcaster from ${missing.map((v) => `v${v}`).join(', ')}`,
        { type: this.type, currentVersion: this.currentVersion, missingFrom: missing },
      );
    }
  }

  /** Brings data of `schemaVersion` up to the current version. */
  upcast(data: EventData, schemaVersion: number): EventData {
    let current = data;
    for (let v = schemaVersion; v < this.currentVersion; v += 1) {
      const step = this.steps.get(v);
      if (!step) throw new ConfigurationError(`${this.type} has no upcaster from v${v}`, { type: this.type });
      current = step.up(current);
    }
    return current;
  }
}
