export * from './canonical-json';
export * from './archive-chain';
export * from './chain-verifier';
export * from './case-file';
export * from './archive-record';
export * from './review';
export * from './closing';
export * from './sampling';
