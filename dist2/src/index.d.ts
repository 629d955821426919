/**
 * The `saltline` package's public API: the SDK (`Client`, its types, events and errors) and the
 * relay server for embedding (issue 5). Lower layers stay importable by path for tools and tests.
 */
export * from './client/index.js';
export { startRelay, type RunningRelay, type StartRelayOptions } from './relay/wsServer.js';
export { PWHASH_LIMITS, type PwhashLimits } from './crypto/pwhash.js';
