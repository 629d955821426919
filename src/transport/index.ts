/** The transport's public surface (issue #4 §Transport): addresses, relay client, outbox. */
export * from './address.js';
export * from './backoff.js';
export * from './blobClient.js';
export * from './errors.js';
export * from './outbox.js';
export * from './outboxSender.js';
export * from './recipientQueue.js';
export * from './relayClient.js';
export * from './relayConnection.js';
export * from './recipientQueueCodec.js';
