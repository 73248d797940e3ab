export * from './codes';
export * from './lifecycle';
export * from './masking';
export * from './request-number';
export * from './scope';
export * from './taxonomy';
