export * from './eventstore-server';
export * from './postgres';
