/** The relay wire format's public surface (issue #4): frames, error codes, relay addresses. */
export * from './blobWire.js';
export * from './errorCodes.js';
export * from './frames.js';
export * from './relayAddress.js';
export * from './wireError.js';
