export * from './catalog';
export * from './decision';
export * from './matching';
