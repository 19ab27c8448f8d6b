export * from './at-expression';
export * from './schedule-name';
export * from './scheduler-client';
export * from './eventbridge-timer-scheduler';
export * from './handle-timer-fired';
export * from './unconfigured-scheduler';
