/**
 * `eventfold`: the domain (aggregates, events, commands), projections and the application layer (repository,
 * command bus, replays and rebuilds). Nothing reachable from here imports the AWS SDK, so a domain module or a
 * unit test never loads it; the adapters are in `eventfold/aws`, the test kits in `eventfold/testing`.
 * @example
 * import { Aggregate, AggregateRoot, Apply, CommandHandler, DomainEvent } from 'eventfold';
 */
import 'reflect-metadata/lite';

export * from './domain';
export * from './projections';
export * from './application/repository';
export * from './application/commands';
export * from './application/replay';
export * from './application/rebuild';
export * from './application/process';
export * from './application/personal';
