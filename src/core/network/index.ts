/** The stance and agreement network of a corpus: build, filters, derived edges, files. */
export * from './types';
export { buildNetwork, articleOrder, type NetworkInput } from './build';
export { sideOf } from './derived';
export { normaliseText } from './nodes';
export { dayOf, withinDates } from './dates';
export { compareNetworks, type NetworkComparison } from './compare';
export { NETWORK_FORMATS, networkFiles, type NetworkFormat } from './writers';
