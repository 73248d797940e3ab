export * from './assignment';
export * from './catalog';
export * from './categories';
export * from './coverage';
export * from './decision';
export * from './matching';
export * from './queue';
export * from './taxonomy';
