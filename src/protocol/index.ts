/** The protocol's public surface: pure functions over values, with randomness passed in. */
export * from './errors.js';
export * from './envelope.js';
export * from './handshake.js';
export * from './identity.js';
export * from './invitation.js';
export * from './limits.js';
export * from './messages.js';
export * from './padding.js';
export * from './safetyNumber.js';
export * from './session.js';
export * from './content.js';
export * from './attachmentStream.js';
export * from './attachmentContent.js';
export * from './controlContent.js';
