export * from './masking';
export * from './request-number';
export * from './request-progress';
export * from './requester';
export * from './scope';
export * from './taxonomy';
export * from './timeline';
