export * from './eventstore-server';
export * from './postgres';
export * from './seeded-random';
