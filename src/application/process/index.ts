export * from './timer-scheduler';
