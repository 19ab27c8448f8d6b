import type { AggregateRepository } from '../src/application/repository';
import { type BenchCounter, BenchSnapCounter } from './bench-domain';
import type { BenchRow } from './lib/report';
import { median, timed } from './lib/stats';

type CounterClass = typeof BenchCounter | typeof BenchSnapCounter;

/** Builds a stream of `length` events through the repository, 99 events per commit (100 items with the version check; snapshots by policy). */
async function buildStream(repository: AggregateRepository, cls: CounterClass, id: string, length: number) {
  let written = 0;
  while (written < length) {
    const counter = await repository.load(cls, id);
    const batch = Math.min(99, length - written);
    counter.record(batch);
    await repository.save(counter);
    written += batch;
  }
}

/** Loads the aggregate `samples` times, checking each load saw every event; returns the times in ms. */
async function loadTimes(
  repository: AggregateRepository,
  cls: CounterClass,
  id: string,
  length: number,
  samples: number,
) {
  const times: number[] = [];
  for (let s = 0; s < samples; s += 1) {
    const { result, ms } = await timed(() => repository.load(cls, id));
    if (result.count !== length) throw new Error(`loaded ${result.count} events, expected ${length}`);
    times.push(ms);
  }
  return times;
}

/** Median load time of aggregates of several stream lengths, with and without snapshots. */
export async function benchLoad(
  repository: AggregateRepository,
  lengths: readonly number[],
  samples: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { BenchCounter: Plain } = await import('./bench-domain');
  const rows: BenchRow[] = [];
  for (const length of lengths) {
    for (const [label, cls] of [
      ['no snapshots', Plain],
      ['snapshot every 100', BenchSnapCounter],
    ] as const) {
      const id = `load-${length}`;
      await buildStream(repository, cls, id, length);
      const value = median(await loadTimes(repository, cls, id, length, samples));
      log(`load ${length} events, ${label}: median ${value.toFixed(2)} ms`);
      rows.push({
        suite: 'load',
        case: `${length} events`,
        subject: label,
        metric: 'load time (median)',
        value,
        unit: 'ms',
      });
    }
  }
  return rows;
}
