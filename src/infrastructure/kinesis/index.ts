export * from './record-envelope';
export * from './record-packing';
export * from './put-records-batches';
export * from './publish-errors';
export * from './kinesis-publisher';
export * from './projection-batch-handler';
export * from './ordered-waves';
export * from './process-batch-handler';
