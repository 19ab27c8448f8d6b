export * from './timer-scheduler';
export * from './timer-checks';
