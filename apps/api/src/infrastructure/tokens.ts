// Injection tokens for what createApp hands the Nest container.
export const API_CONFIG = Symbol('ApiConfig');
export const API_KEYS = Symbol('ApiKeyTable');
export const EVENT_STORE = Symbol('EventStoreClient');
export const REDIS = Symbol('Redis');
export const READ_MODELS = Symbol('ReadModelsDatabase');
