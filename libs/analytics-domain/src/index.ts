export * from './formulas';
export * from './grouping';
export * from './instants';
export * from './rates';
export * from './statuses';
