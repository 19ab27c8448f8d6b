import 'reflect-metadata';

export * from './domain';
export * from './testing';
export * from './projections';
