export * from './database';
export * from './env';
export * from './nats';
export * from './stored-text';
