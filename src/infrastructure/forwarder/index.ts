export * from './handle-stream-batch';
export * from './stream-record-event';
