export * from './canonical-json';
export * from './archive-record';
export * from './chain-verifier';
export * from './review';
