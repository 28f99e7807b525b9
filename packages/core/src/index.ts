// @stride/core: contracts, validation, metrics engine, adapters, formatting, i18n, theme tokens, the query controller.
export * from './contracts.js';
export type * from './engine/types.js';
export * from './format/index.js';
export * from './i18n/index.js';
export * from './theme/tokens.js';
export * from './export/csv.js';
export * from './validation/index.js';
export * from './query/query-controller.js';
