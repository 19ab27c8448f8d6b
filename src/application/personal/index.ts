export * from './sealing-event-store';
export * from './cached-subject-keys';
export * from './forget-service';
export * from './revealing-reads';
