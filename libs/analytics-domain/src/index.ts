export * from './formulas';
export * from './grouping';
export * from './instants';
export * from './rates';
export * from './statuses';
export * from './risk-patterns';
export * from './surge';
export * from './similarity';
