export * from './time-limits';
export * from './work-order';
