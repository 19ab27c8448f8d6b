export * from './events-table';
export * from './snapshots-table';
export * from './control-table';
export * from './create-tables';
export * from './read-model-table';
export * from './keys-table';
