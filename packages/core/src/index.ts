export * from './contracts.js';
export type * from './engine/types.js';
